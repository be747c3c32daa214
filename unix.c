/*
 * Unix domain sockets (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
unixpr(void)
{
	out_flush();
	fprintf(stderr, "netstat: -f unix: not implemented yet\n");
	exit(1);
}
