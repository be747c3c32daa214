/*
 * Network memory (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
mbpr(void)
{
	out_flush();
	fprintf(stderr, "netstat: -m: not implemented yet\n");
	exit(1);
}
