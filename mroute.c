/*
 * Multicast (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
mroutepr(void)
{
	out_flush();
	fprintf(stderr, "netstat: -g: not implemented yet\n");
	exit(1);
}

void
mrt_stats(void)
{
	out_flush();
	fprintf(stderr, "netstat: -gs: not implemented yet\n");
	exit(1);
}
