/*
 * Internet sockets and IPv4 statistics (not written yet).
 */
#include <stdlib.h>

#include "netstat.h"

void
listen_banner(void)
{
}

void
protopr(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: sockets: not implemented yet\n");
	exit(1);
}

/*
 * ---- Statistics (-s) below this line; sockets above it. ----
 */

void
ip_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
icmp_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
igmp_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
tcp_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
udp_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}

void
udplite_stats(const struct protox *tp)
{
	(void)*tp;
	out_flush();
	fprintf(stderr, "netstat: -s: not implemented yet\n");
	exit(1);
}
