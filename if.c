/*
 * Interfaces (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
intpr(void)
{
	out_flush();
	fprintf(stderr, "netstat: -i: not implemented yet\n");
	exit(1);
}

void
sidewaysintpr(void)
{
	out_flush();
	fprintf(stderr, "netstat: -w: not implemented yet\n");
	exit(1);
}
