/*
 * Routing tables from proc files (-M, or where netlink cannot serve):
 * net/route, net/ipv6_route and net/arp, printed through route.c's rows;
 * and routing statistics (-rs), which only proc files hold.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>

#include "netstat.h"
#include "route.h"

/* Flags of the proc files (the kernel's RTF_* of route.h and ipv6_route.h) */
#define	PRTF_UP		0x0001
#define	PRTF_GATEWAY	0x0002
#define	PRTF_HOST	0x0004
#define	PRTF_DYNAMIC	0x0010
#define	PRTF_MODIFIED	0x0020
#define	PRTF_REJECT	0x0200
#define	PRTF_DEFAULT	0x00010000
#define	PRTF_ADDRCONF	0x00040000
#define	PRTF_ANYCAST	0x00100000
#define	PRTF_ROUTEINFO	0x00800000
#define	PRTF_LOCAL	0x80000000u
#define	ATF_COM		0x02
#define	ATF_PERM	0x04

/*
 * Proc files (-M, or no netlink): a line is split into fields by
 * proc_split(); the parsers below read nothing beyond the line's length.
 */

/* A field of exactly 2n hex digits as n bytes. */
static int
field_hexbytes(const struct proc_tok *f, unsigned char *out, size_t n)
{
	return (f->n == 2 * n && proc_hexbytes(f->s, f->n, out, n) ==
	    (int)n ? 0 : -1);
}

static void
field_str(const struct proc_tok *f, char *buf, size_t len)
{
	size_t n = f->n < len - 1 ? f->n : len - 1;

	memcpy(buf, f->s, n);
	buf[n] = '\0';
}


/* Gateway of a direct route read from a proc file. */
static void
proc_link(char *buf, const char *ifname, struct rtrow *r)
{
	int idx = iface_index(ifname);

	if (idx > 0) {
		fmt_link(buf, idx);
		r->gwlink = idx;
	} else
		(void)strcpy(buf, "-");
}

/*
 * net/route: Iface Destination Gateway Flags RefCnt Use Metric Mask MTU
 * Window IRTT; addresses are the kernel's big-endian words in hex.  The
 * MTU column is the advertised MSS plus 40, not the route's MTU, so Mtu
 * prints as "-".
 */
static int
mask_len(uint32_t m)
{
	int n = 0;

	while (n < 32 && (m & (0x80000000u >> n)))
		n++;
	if (n < 32 && (m << n) != 0)
		return (-1);	/* not contiguous */
	return (n);
}

int
route4_parse(const char *line, size_t len, struct proute4 *r)
{
	struct proc_tok f[12];
	unsigned long long dst, gw, flags, metric, mask;
	uint32_t w;

	if (proc_split(line, len, f, 11) != 11 ||
	    proc_ull(f[1].s, f[1].n, 16, &dst) < 0 || f[1].n != 8 ||
	    proc_ull(f[2].s, f[2].n, 16, &gw) < 0 || f[2].n != 8 ||
	    proc_ull(f[3].s, f[3].n, 16, &flags) < 0 ||
	    proc_ull(f[6].s, f[6].n, 10, &metric) < 0 ||
	    metric > 0xffffffffULL ||
	    proc_ull(f[7].s, f[7].n, 16, &mask) < 0 || f[7].n != 8)
		return (-1);
	field_str(&f[0], r->ifname, sizeof(r->ifname));
	/* The words were printed in host order from network-order memory. */
	w = (uint32_t)dst;
	memcpy(r->dst, &w, 4);
	w = (uint32_t)gw;
	memcpy(r->gw, &w, 4);
	w = (uint32_t)mask;
	if ((r->plen = mask_len(ntohl(w))) < 0)
		return (-1);
	r->flags = (unsigned int)flags;
	r->metric = (long long)metric;
	return (0);
}

static unsigned int
proc_flags(unsigned int pf)
{
	unsigned int f = 0;

	if (pf & PRTF_UP)
		f |= RB_UP;
	if (pf & PRTF_GATEWAY)
		f |= RB_GATEWAY;
	if (pf & PRTF_REJECT)
		f |= RB_REJECT;
	if (pf & PRTF_DYNAMIC)
		f |= RB_DYNAMIC;
	if (pf & PRTF_MODIFIED)
		f |= RB_MODIFIED;
	return (f);
}

static int
line_route4(const char *line, size_t len, void *arg)
{
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX];
	struct proute4 p;
	struct rtrow r;

	(void)arg;
	if (route4_parse(line, len, &p) < 0)
		return (-1);
	row_init(&r);
	fmt_dest(dst, sizeof(dst), AF_INET, p.dst, p.plen, NULL);
	rt_jdst(&r, AF_INET, p.dst, p.plen);
	if (p.flags & PRTF_GATEWAY) {
		fmt_host(gw, sizeof(gw), AF_INET, p.gw, NULL);
		rt_jgw(&r, AF_INET, p.gw);
	} else if (strcmp(p.ifname, "*") == 0)
		(void)strcpy(gw, "-");
	else
		proc_link(gw, p.ifname, &r);
	r.dst = dst;
	r.gw = gw;
	r.flags = proc_flags(p.flags);
	if (p.plen == 32)
		r.flags |= RB_HOST;
	r.netif = strcmp(p.ifname, "*") == 0 ? NULL : p.ifname;
	r.metric = p.metric;
	rt_put(&r, p.dst, p.plen, 0);
	return (0);
}

/*
 * net/ipv6_route: dst, dst length, src, src length, next hop, metric,
 * refcnt, use, flags (all hex), device.  The file holds every table;
 * local routes (RTF_LOCAL, RTF_ANYCAST, multicast) show with -a only, and the
 * kernel's null entry (the reject route at the root of each table) never.
 */
int
route6_parse(const char *line, size_t len, struct proute6 *r)
{
	struct proc_tok f[11];
	unsigned long long plen, metric, flags;

	if (proc_split(line, len, f, 10) != 10 ||
	    field_hexbytes(&f[0], r->dst, 16) < 0 ||
	    proc_ull(f[1].s, f[1].n, 16, &plen) < 0 || plen > 128 ||
	    field_hexbytes(&f[4], r->gw, 16) < 0 ||
	    proc_ull(f[5].s, f[5].n, 16, &metric) < 0 ||
	    metric > 0xffffffffULL ||
	    proc_ull(f[8].s, f[8].n, 16, &flags) < 0 ||
	    flags > 0xffffffffULL)
		return (-1);
	r->plen = (int)plen;
	r->metric = metric;
	r->flags = (unsigned int)flags;
	field_str(&f[9], r->ifname, sizeof(r->ifname));
	return (0);
}

static int
line_route6(const char *line, size_t len, void *arg)
{
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX];
	struct proute6 p;
	struct rtrow r;

	(void)arg;
	if (route6_parse(line, len, &p) < 0)
		return (-1);
	if (p.plen == 0 && (p.flags & PRTF_REJECT) && p.metric == 0xffffffffULL)
		return (0);	/* the null entry */
	/* The local table's: addresses, anycast, and multicast (ff00::/8). */
	if (((p.flags & (PRTF_LOCAL | PRTF_ANYCAST)) || p.dst[0] == 0xff) &&
	    !aflag)
		return (0);
	row_init(&r);
	fmt_dest(dst, sizeof(dst), AF_INET6, p.dst, p.plen, p.ifname);
	rt_jdst(&r, AF_INET6, p.dst, p.plen);
	if (p.flags & PRTF_GATEWAY) {
		fmt_host(gw, sizeof(gw), AF_INET6, p.gw, p.ifname);
		rt_jgw(&r, AF_INET6, p.gw);
	} else if (p.flags & PRTF_REJECT)
		(void)strcpy(gw, "-");
	else
		proc_link(gw, p.ifname, &r);
	r.dst = dst;
	r.gw = gw;
	r.flags = proc_flags(p.flags);
	if (p.plen == 128)
		r.flags |= RB_HOST;
	if (p.flags & PRTF_LOCAL)
		r.flags |= RB_LOCAL;
	if ((p.flags & PRTF_ADDRCONF) &&
	    (p.flags & (PRTF_DEFAULT | PRTF_ROUTEINFO)))
		r.flags |= RB_PROTO3;
	r.netif = p.ifname;
	r.metric = (long long)p.metric;
	rt_put(&r, p.dst, p.plen, 0);
	return (0);
}

/*
 * net/arp: IP address, HW type, Flags, HW address, Mask, Device.
 * Complete entries only; permanent ones are static.
 */
int
arp_parse(const char *line, size_t len, struct parp *a)
{
	struct proc_tok f[7], b;
	unsigned long long flags;
	char ip[INET_ADDRSTRLEN];
	int n;

	if (proc_split(line, len, f, 6) != 6 || f[0].n >= sizeof(ip) ||
	    f[2].n < 3 || f[2].s[0] != '0' || f[2].s[1] != 'x')
		return (-1);
	field_str(&f[0], ip, sizeof(ip));
	if (inet_pton(AF_INET, ip, a->addr) != 1)
		return (-1);
	b.s = f[2].s + 2;
	b.n = f[2].n - 2;
	if (proc_ull(b.s, b.n, 16, &flags) < 0)
		return (-1);
	a->flags = (unsigned int)flags;
	/* "%02x:%02x:...", as arp_format_neigh_entry() prints it. */
	if ((n = proc_hexbytes(f[3].s, f[3].n, a->ll, sizeof(a->ll))) < 0)
		return (-1);
	a->lllen = (size_t)n;
	field_str(&f[5], a->ifname, sizeof(a->ifname));
	return (0);
}

static int
line_arp(const char *line, size_t len, void *arg)
{
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX];
	struct parp a;
	struct rtrow r;

	(void)arg;
	if (arp_parse(line, len, &a) < 0)
		return (-1);
	if (!(a.flags & ATF_COM))
		return (0);
	row_init(&r);
	fmt_host(dst, sizeof(dst), AF_INET, a.addr, NULL);
	fmt_lladdr(gw, sizeof(gw), a.ll, a.lllen);
	r.dst = dst;
	r.gw = gw;
	rt_jdst(&r, AF_INET, a.addr, 32);
	rt_jll(&r, a.ll, a.lllen);
	r.flags = RB_UP | RB_HOST | RB_LLINFO |
	    (a.flags & ATF_PERM ? RB_STATIC : RB_WASCLONED);
	r.netif = a.ifname;
	rt_put(&r, a.addr, 32, 1);
	return (0);
}

void
routepr_proc(void)
{
	iface_load_proc();
	if_width();
	rt_title();
	if (af == AF_UNSPEC || af == AF_INET) {
		family_begin(AF_INET);
		/* The neighbours first: held, to merge among the routes. */
		(void)proc_lines("net/arp", 1, 0, line_arp, NULL);
		(void)proc_lines("net/route", 1, 0, line_route4, NULL);
		family_end();
	}
	if (af == AF_UNSPEC || af == AF_INET6) {
		family_begin(AF_INET6);
		(void)proc_lines("net/ipv6_route", 0, 0, line_route6, NULL);
		family_end();
	}
	rt_title_end();
}

/*
 * -rs: routing statistics.  Linux keeps no rtstat; the figures that
 * answer BSD's questions come from the SNMP counters (no route,
 * redirects), the per-CPU route statistics of stat/rt_cache (martians,
 * slow-path lookups) and the IPv6 FIB's own counters (rt6_stats).
 */
#define	RS_MAXFIELDS	512

/* One line of buf at *pp (advanced past it); 0 at the end. */
static int
next_line(const char **pp, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*pp >= end)
		return (0);
	*line = *pp;
	nl = memchr(*pp, '\n', (size_t)(end - *pp));
	*len = (size_t)((nl != NULL ? nl : end) - *pp);
	*pp = nl != NULL ? nl + 1 : end;
	return (1);
}

static int
field_is(const struct proc_tok *f, const char *s)
{
	return (f->n == strlen(s) && memcmp(f->s, s, f->n) == 0);
}

/*
 * stat/rt_cache: a header of column names, then one row of hex counters
 * per CPU; the named columns summed.  Returns the number of CPU rows
 * read, or -1 when the header lacks a column.
 */
int
rtcache_sum(const char *buf, size_t len, const char *const *names, int n,
    unsigned long long *sums)
{
	static struct proc_tok hdr[RS_MAXFIELDS], row[RS_MAXFIELDS];
	const char *p = buf, *end = buf + len, *line;
	int col[16], nh, nr, i, j, rows = 0;
	unsigned long long v;
	size_t ll;

	if (n > 16 || !next_line(&p, end, &line, &ll))
		return (-1);
	nh = proc_split(line, ll, hdr, RS_MAXFIELDS);
	for (i = 0; i < n; i++) {
		sums[i] = 0;
		for (col[i] = -1, j = 0; j < nh && j < RS_MAXFIELDS; j++)
			if (field_is(&hdr[j], names[i]))
				col[i] = j;
		if (col[i] < 0)
			return (-1);
	}
	while (next_line(&p, end, &line, &ll)) {
		nr = proc_split(line, ll, row, RS_MAXFIELDS);
		if (nr == 0)
			continue;
		for (i = 0; i < n; i++)
			if (col[i] < nr && proc_ull(row[col[i]].s,
			    row[col[i]].n, 16, &v) == 0)
				sums[i] += v;
		rows++;
	}
	return (rows);
}

/* rt6_stats: seven hex numbers. */
int
rt6stats_parse(const char *buf, size_t len, unsigned long long *v)
{
	struct proc_tok f[8];
	const char *p = buf, *line;
	size_t ll;
	int i;

	if (!next_line(&p, buf + len, &line, &ll) ||
	    proc_split(line, ll, f, 7) != 7)
		return (-1);
	for (i = 0; i < 7; i++)
		if (proc_ull(f[i].s, f[i].n, 16, &v[i]) < 0)
			return (-1);
	return (0);
}

/* A counter that may be missing: value and presence. */
struct rsval {
	unsigned long long	v;
	int			ok;
};

static void
rs_line(const char *key, int depth, const struct rsval *c, const char *one,
    const char *many)
{
	if (!c->ok || (sflag > 1 && c->v == 0))
		return;
	out_uint(key, depth == 1 ? "\t%llu " : "\t\t%llu ", c->v);
	out_text("%s\n", c->v == 1 ? one : many);
}

static struct rsval
rs_sum(const struct rsval *a, const struct rsval *b)
{
	struct rsval s;

	s.ok = a->ok || b->ok;
	s.v = (a->ok ? a->v : 0) + (b->ok ? b->v : 0);
	return (s);
}

static void
rs_malformed(const char *rel)
{
	char path[4096];

	if (proc_path(path, sizeof(path), rel) < 0)
		(void)snprintf(path, sizeof(path), "%s", rel);
	ns_warnx("%s: malformed, skipped", path);
}

static char *
rs_slurp(const char *rel, int quiet, size_t *len)
{
	return (proc_slurp(rel, len, quiet ? PROC_QUIET : 0));
}

void
rt_stats(void)
{
	static const char *const rcnames[] = {
		"in_martian_dst", "in_martian_src", "in_slow_tot",
		"out_slow_tot"
	};
	struct rsval out4 = { 0, 0 }, in4 = { 0, 0 }, out6 = { 0, 0 };
	struct rsval in6 = { 0, 0 }, red4 = { 0, 0 }, red6 = { 0, 0 };
	struct rsval rc[4], f6[7], s;
	struct stat_snap snap;
	unsigned long long sums[4], v6[7];
	int v4 = af != AF_INET6, v6on = af != AF_INET, i;
	char *buf;
	size_t len;

	memset(rc, 0, sizeof(rc));
	memset(f6, 0, sizeof(f6));
	memset(&snap, 0, sizeof(snap));
	if (v4 && stats_snap_read(&snap, "net/snmp", STF_SNMP) == 0) {
		out4.ok = stats_get(&snap, "IpOutNoRoutes", &out4.v) == 0;
		red4.ok = stats_get(&snap, "IcmpInRedirects", &red4.v) == 0;
	}
	if (v4 && stats_snap_read(&snap, "net/netstat", STF_NETSTAT) == 0)
		in4.ok = stats_get(&snap, "IpExtInNoRoutes", &in4.v) == 0;
	/* IPv6 may be absent from this kernel: its files are optional. */
	if (v6on && stats_snap_read(&snap, "net/snmp6",
	    STF_SNMP6 | STF_QUIET) == 0) {
		out6.ok = stats_get(&snap, "Ip6OutNoRoutes", &out6.v) == 0;
		in6.ok = stats_get(&snap, "Ip6InNoRoutes", &in6.v) == 0;
		red6.ok = stats_get(&snap, "Icmp6InRedirects", &red6.v) == 0;
	}
	stats_snap_free(&snap);
	if (v4 && (buf = rs_slurp("net/stat/rt_cache", 0, &len)) != NULL) {
		if (rtcache_sum(buf, len, rcnames, 4, sums) >= 0)
			for (i = 0; i < 4; i++) {
				rc[i].v = sums[i];
				rc[i].ok = 1;
			}
		else
			rs_malformed("net/stat/rt_cache");
		free(buf);
	}
	if (v6on && (buf = rs_slurp("net/rt6_stats", 1, &len)) != NULL) {
		if (rt6stats_parse(buf, len, v6) == 0)
			for (i = 0; i < 7; i++) {
				f6[i].v = v6[i];
				f6[i].ok = 1;
			}
		else
			rs_malformed("net/rt6_stats");
		free(buf);
	}

	out_text("routing:\n");
	s = rs_sum(&out4, &in4);
	s = rs_sum(&s, &out6);
	s = rs_sum(&s, &in6);
	rs_line("unreachable-destination", 1, &s,
	    "destination found unreachable", "destinations found unreachable");
	rs_line("ip-output-no-route", 2, &out4,
	    "IPv4 datagram sent with no route",
	    "IPv4 datagrams sent with no route");
	rs_line("ip-input-no-route", 2, &in4,
	    "IPv4 datagram received with no route",
	    "IPv4 datagrams received with no route");
	rs_line("ip6-output-no-route", 2, &out6,
	    "IPv6 datagram sent with no route",
	    "IPv6 datagrams sent with no route");
	rs_line("ip6-input-no-route", 2, &in6,
	    "IPv6 datagram received with no route",
	    "IPv6 datagrams received with no route");
	s = rs_sum(&red4, &red6);
	rs_line("redirects-received", 1, &s, "routing redirect received",
	    "routing redirects received");
	rs_line("icmp-redirects", 2, &red4, "by ICMP", "by ICMP");
	rs_line("icmp6-redirects", 2, &red6, "by ICMPv6", "by ICMPv6");
	rs_line("martian-destinations", 1, &rc[0], "martian destination",
	    "martian destinations");
	rs_line("martian-sources", 1, &rc[1], "martian source",
	    "martian sources");
	s = rs_sum(&rc[2], &rc[3]);
	rs_line("slow-path-lookups", 1, &s, "slow-path route lookup",
	    "slow-path route lookups");
	rs_line("slow-path-input", 2, &rc[2], "for input", "for input");
	rs_line("slow-path-output", 2, &rc[3], "for output", "for output");
	rs_line("ip6-fib-nodes", 1, &f6[0], "IPv6 routing tree node",
	    "IPv6 routing tree nodes");
	rs_line("ip6-fib-route-nodes", 2, &f6[1], "holding routes",
	    "holding routes");
	rs_line("ip6-routes-allocated", 1, &f6[2], "IPv6 route allocated",
	    "IPv6 routes allocated");
	rs_line("ip6-routes", 1, &f6[3], "IPv6 route in the tables",
	    "IPv6 routes in the tables");
	rs_line("ip6-cached-routes", 1, &f6[4], "IPv6 cached route",
	    "IPv6 cached routes");
	rs_line("ip6-destination-cache-entries", 1, &f6[5],
	    "IPv6 destination cache entry",
	    "IPv6 destination cache entries");
	rs_line("ip6-routes-deleted", 1, &f6[6], "IPv6 route deleted",
	    "IPv6 routes deleted");
}

