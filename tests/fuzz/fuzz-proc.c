/*
 * libFuzzer target: the proc-file line parsers that netstat.h declares
 * (net/tcp, tcp6, udp, udp6, udplite, raw, raw6, unix, dev, if_inet6,
 * igmp, igmp6, dev_mcast, route, ipv6_route, arp), the services(5) and
 * protocols(5) parsers, and the token helpers under them.  The first
 * byte picks the parser; the rest is the file, a line at a time (the
 * etc files whole).
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include "../../netstat.h"
#include "../../route.h"
#include "fuzz.h"

enum {
	S_TCP, S_TCP6, S_UDP, S_UDP6, S_UDPLITE, S_UDPLITE6, S_RAW, S_RAW6,
	S_UNIX, S_DEV, S_IFINET6, S_IGMP, S_IGMP6, S_DEVMCAST, S_ROUTE,
	S_ROUTE6, S_ARP, S_SERVICES, S_PROTOCOLS, S_TOKENS, S_N
};

static const struct {
	int	family, proto;
} inet_files[] = {
	[S_TCP] = { AF_INET, IPPROTO_TCP },
	[S_TCP6] = { AF_INET6, IPPROTO_TCP },
	[S_UDP] = { AF_INET, IPPROTO_UDP },
	[S_UDP6] = { AF_INET6, IPPROTO_UDP },
	[S_UDPLITE] = { AF_INET, IPPROTO_UDPLITE },
	[S_UDPLITE6] = { AF_INET6, IPPROTO_UDPLITE },
	[S_RAW] = { AF_INET, IPPROTO_RAW },
	[S_RAW6] = { AF_INET6, IPPROTO_RAW },
};

static volatile unsigned long sink;	/* keeps the reads */

struct ctx {
	int		 sel;
	struct igmp_dev	 dev;		/* net/igmp: from line to line */
	unsigned long	 sum;		/* what the parsers found, touched */
};

/* Read every byte a name points at, so an overread shows. */
static unsigned long
touch(const void *p, size_t n)
{
	const unsigned char *b = p;
	unsigned long s = 0;

	while (n-- > 0)
		s += *b++;
	return (s);
}

static void
inet_line(const char *line, size_t len, struct ctx *c)
{
	struct sockrow r;

	if (inet_proc_parse(line, len, inet_files[c->sel].family,
	    inet_files[c->sel].proto, &r) == 0)
		c->sum += r.lport + r.fport + r.inode;
}

static void
tokens_line(const char *line, size_t len, struct ctx *c)
{
	struct proc_tok f[8];
	unsigned long long a, b;
	const char *p = line;
	uint8_t bytes[16];
	long long ll;
	int i, n;

	n = proc_split(line, len, f, 8);
	for (i = 0; i < n && i < 8; i++) {
		if (proc_ull(f[i].s, f[i].n, 10, &a) == 0)
			c->sum += a;
		if (proc_ull(f[i].s, f[i].n, 16, &a) == 0)
			c->sum += a;
		if (proc_ll(f[i].s, f[i].n, &ll) == 0)
			c->sum += (unsigned long)ll;
		if (proc_hexbytes(f[i].s, f[i].n, bytes, sizeof(bytes)) > 0)
			c->sum += bytes[0];
		if (proc_hexpair(f[i].s, f[i].n, &a, &b) == 0)
			c->sum += a + b;
	}
	while (proc_next_ull(&p, line + len, 10, 0xffffffffULL, &a) == 0)
		c->sum += a;
}

static void
one_line(const char *line, size_t len, void *arg)
{
	struct ctx *c = arg;
	struct unixrow u;
	struct netdev_info nd;
	struct ifinet6_info ia;
	struct mcgroup g;
	struct proute4 r4;
	struct proute6 r6;
	struct parp ap;

	switch (c->sel) {
	case S_UNIX:
		if (unix_proc_parse(line, len, &u) == 0 && u.name != NULL)
			c->sum += touch(u.name, u.namelen);
		break;
	case S_DEV:
		if (netdev_parse(line, len, &nd) == 0)
			c->sum += touch(nd.name, nd.namelen);
		break;
	case S_IFINET6:
		if (ifinet6_parse(line, len, &ia) == 0)
			c->sum += touch(ia.name, ia.namelen);
		break;
	case S_IGMP:
		if (igmp_parse(line, len, &c->dev, &g) == 1)
			c->sum += touch(g.name, g.namelen);
		break;
	case S_IGMP6:
		if (igmp6_parse(line, len, &g) == 0)
			c->sum += touch(g.name, g.namelen);
		break;
	case S_DEVMCAST:
		if (devmcast_parse(line, len, &g) == 0)
			c->sum += touch(g.addr, g.alen);
		break;
	case S_ROUTE:
		if (route4_parse(line, len, &r4) == 0)
			c->sum += r4.flags;
		break;
	case S_ROUTE6:
		if (route6_parse(line, len, &r6) == 0)
			c->sum += r6.flags;
		break;
	case S_ARP:
		if (arp_parse(line, len, &ap) == 0)
			c->sum += touch(ap.ll, ap.lllen);
		break;
	case S_TOKENS:
		tokens_line(line, len, c);
		break;
	default:
		inet_line(line, len, c);
		break;
	}
}

static void
svc(const char *name, size_t nlen, unsigned int port, const char *proto,
    size_t plen, void *arg)
{
	struct ctx *c = arg;

	c->sum += touch(name, nlen) + port + touch(proto, plen);
}

static void
proto(const char *name, size_t nlen, const char *num, size_t numlen,
    void *arg)
{
	struct ctx *c = arg;

	c->sum += touch(name, nlen) + touch(num, numlen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx c;
	char *buf;

	if (size < 1)
		return (0);
	memset(&c, 0, sizeof(c));
	c.sel = data[0] % S_N;
	data++;
	size--;
	if (c.sel == S_SERVICES || c.sel == S_PROTOCOLS) {
		buf = exact(data, size);
		if (c.sel == S_SERVICES)
			(void)services_parse(buf, size, svc, &c);
		else
			(void)protocols_parse(buf, size, proto, &c);
		free(buf);
	} else
		fuzz_lines(data, size, one_line, &c);
	sink = c.sum;
	return (0);
}
