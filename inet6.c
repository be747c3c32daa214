/*
 * IPv6 statistics (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
ip6_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
icmp6_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
udp6_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
udplite6_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
ip6_ifstats(const char *ifn)
{
	(void)*ifn;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
icmp6_ifstats(const char *ifn)
{
	(void)*ifn;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
statswatch(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -w: not implemented yet\n");
	exit(1);
}
