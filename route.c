/*
 * Routing tables (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
routepr(void)
{
	out_flush();
	fprintf(stderr, "netstat: -r: not implemented yet\n");
	exit(1);
}

void
rt_stats(void)
{
	out_flush();
	fprintf(stderr, "netstat: -rs: not implemented yet\n");
	exit(1);
}
