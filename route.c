/*
 * Routing tables (-r), live.
 *
 * Live, everything comes from NETLINK_ROUTE: the link list (interface
 * names, and the width of the Netif column), one RTM_GETROUTE dump per
 * family and table (filtered by the kernel under NETLINK_GET_STRICT_CHK,
 * and again here for kernels without it), and the neighbour tables
 * (RTM_GETNEIGH), which Darwin shows as host routes.  Rows are printed
 * as the messages arrive; no table is held.  With -M, or when netlink
 * cannot serve, route_proc.c reads net/route, net/ipv6_route and net/arp.
 */
#include <sys/socket.h>

#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/neighbour.h>
#include <linux/if_link.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"
#include "route.h"

static const struct rtbit {
	unsigned int	 mask;
	char		 letter;
	const char	*name;
} rtbits[] = {
	{ RB_UP,	'U', "up" },
	{ RB_GATEWAY,	'G', "gateway" },
	{ RB_HOST,	'H', "host" },
	{ RB_REJECT,	'R', "reject" },
	{ RB_DYNAMIC,	'D', "dynamic" },
	{ RB_MODIFIED,	'M', "modified" },
	{ RB_LLINFO,	'L', "llinfo" },
	{ RB_STATIC,	'S', "static" },
	{ RB_PROTO1,	'1', "proto1" },
	{ RB_PROTO2,	'2', "proto2" },
	{ RB_WASCLONED,	'W', "wascloned" },
	{ RB_PROTO3,	'3', "proto3" },
	{ RB_BLACKHOLE,	'B', "blackhole" },
	{ RB_BROADCAST,	'b', "broadcast" },
	{ RB_LOCAL,	'l', "local" },
	{ 0,		0,   NULL }
};

/* Column formats of the family being printed. */
static char	fmt_dst[16], fmt_gw[16], fmt_ifa[16], fmt_netif[16];

/* Table selection: -F, and -a for the local table. */
static uint32_t	sel_table = RT_TABLE_MAIN;
static int	sel_all;		/* -F all */

static unsigned long rt_badmsgs;	/* malformed netlink messages */

static int	netif_width;

static void	rt_order_begin(int, int);
static void	rt_order_end(void);

/* Netif is as wide as the longest name (escaped as printed), at least 8. */
void
if_width(void)
{
	char tmp[IFACE_NAMEMAX * 4 + 1];
	const char *name;
	size_t i, n;

	netif_width = 8;
	for (i = 0; i < iface_count(); i++) {
		if ((name = iface_nth(i)) == NULL)
			continue;
		n = sanitize(tmp, sizeof(tmp), name, strlen(name));
		if (n > (size_t)netif_width)
			netif_width = (int)n;
	}
}

/*
 * Small formatting helpers: the table is long, so no printf per row.
 */

/* Append s to the NUL-terminated buffer buf of size len. */
static void
cat(char *buf, size_t len, const char *s)
{
	size_t have = strlen(buf), n = strlen(s);

	if (have + 1 >= len)
		return;
	if (n > len - have - 1)
		n = len - have - 1;
	memcpy(buf + have, s, n);
	buf[have + n] = '\0';
}

static int
is_linklocal6(const unsigned char *a)
{
	return (a[0] == 0xfe && (a[1] & 0xc0) == 0x80);
}

/* "addr" or "addr%ifname" (IPv6 link-local), named unless -n. */
void
fmt_host(char *buf, size_t len, int family, const unsigned char *addr,
    const char *ifn)
{
	buf[0] = '\0';
	cat(buf, len, host_name(family, addr));
	if (family == AF_INET6 && is_linklocal6(addr) && ifn != NULL) {
		cat(buf, len, "%");
		cat(buf, len, ifn);
	}
}

/* A destination: default, a host, an IPv4 network, an IPv6 prefix. */
void
fmt_dest(char *buf, size_t len, int family, const unsigned char *addr,
    int plen, const char *ifn)
{
	char *p;
	uint32_t a;

	if (plen == 0) {
		buf[0] = '\0';
		cat(buf, len, "default");
		return;
	}
	if (plen == (family == AF_INET ? 32 : 128)) {
		fmt_host(buf, len, family, addr, ifn);
		return;
	}
	if (family == AF_INET) {
		a = (uint32_t)addr[0] << 24 | (uint32_t)addr[1] << 16 |
		    (uint32_t)addr[2] << 8 | addr[3];
		buf[0] = '\0';
		cat(buf, len, netname4(a, plen));
		return;
	}
	buf[0] = '\0';
	cat(buf, len, addr_str(AF_INET6, addr));
	if (is_linklocal6(addr) && ifn != NULL) {
		cat(buf, len, "%");
		cat(buf, len, ifn);
	}
	p = buf + strlen(buf);
	if ((size_t)(p - buf) + 5 < len) {
		*p++ = '/';
		p = put_dec(p, (unsigned long)plen);
		*p = '\0';
	}
}

/* A link-layer address as Darwin prints it: unpadded hex, colons. */
void
fmt_lladdr(char *buf, size_t len, const unsigned char *ll, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	if (n > 32)
		n = 32;
	for (i = 0; i < n && o + 4 < len; i++) {
		if (i > 0)
			buf[o++] = ':';
		if (ll[i] >= 16)
			buf[o++] = hex[ll[i] >> 4];
		buf[o++] = hex[ll[i] & 15];
	}
	buf[o] = '\0';
}

void
fmt_link(char *buf, int ifindex)
{
	char *p = buf;

	memcpy(p, "link#", 5);
	p = put_dec(p + 5, (unsigned long)(ifindex < 0 ? 0 : ifindex));
	*p = '\0';
}

static size_t
af_len(int family)
{
	return (family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0);
}

/*
 * JSON's machine values: a network as the CIDR Python's ipaddress and jq
 * parse ("10.0.1.0/24", "0.0.0.0/0", "fe80::/64": the %scope is the row's
 * interface-name), addresses numeric, link-layer ones as two hex digits
 * a byte.
 */
void
cidr_str(char *buf, size_t len, int family, const unsigned char *addr,
    int plen)
{
	unsigned char net[16];
	size_t n = af_len(family), i;
	int bits;
	char *p;

	if (len < CIDR_MAX || n == 0 || plen < 0 || (size_t)plen > n * 8) {
		if (len > 0)
			buf[0] = '\0';
		return;
	}
	for (i = 0; i < n; i++) {
		bits = plen - (int)i * 8;
		net[i] = bits >= 8 ? addr[i] : bits <= 0 ? 0 :
		    addr[i] & (unsigned char)(0xff << (8 - bits));
	}
	if (inet_ntop(family, net, buf, (socklen_t)len) == NULL) {
		buf[0] = '\0';
		return;
	}
	p = buf + strlen(buf);
	*p++ = '/';
	p = put_dec(p, (unsigned long)plen);
	*p = '\0';
}

void
ll_str(char *buf, size_t len, const unsigned char *ll, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	for (i = 0; i < n && o + 4 <= len; i++) {
		if (i > 0)
			buf[o++] = ':';
		buf[o++] = hex[ll[i] >> 4];
		buf[o++] = hex[ll[i] & 15];
	}
	if (len > 0)
		buf[o] = '\0';
}

void
rt_jdst(struct rtrow *r, int family, const unsigned char *a, int plen)
{
	r->family = family;
	r->plen = plen;
	memcpy(r->dstaddr, a, af_len(family));
}

void
rt_jgw(struct rtrow *r, int family, const unsigned char *a)
{
	r->gwfamily = family;
	memcpy(r->gwaddr, a, af_len(family));
}

void
rt_jll(struct rtrow *r, const unsigned char *ll, size_t n)
{
	if (n > sizeof(r->ll))
		n = sizeof(r->ll);
	memcpy(r->ll, ll, n);
	r->lllen = n;
}

void
rt_jifa(struct rtrow *r, int family, const unsigned char *a)
{
	r->ifafamily = family;
	memcpy(r->ifaaddr, a, af_len(family));
}

/*
 * Output: the title, a family's heading and header, a row.
 */
void
rt_title(void)
{
	out_open_container("route-information");
	out_text("Routing tables");
	if (sel_all)
		out_str("fib", " (fib: %s)", "all");
	else if (sel_table != RT_TABLE_MAIN)
		out_uint("fib", " (fib: %u)", sel_table);
	out_text("\n");
	out_open_container("route-table");
	out_open_list("rt-family");
}

void
rt_title_end(void)
{
	out_close_list();
	out_close_container();
	out_close_container();
}

void
family_begin(int family)
{
	int w, cut = !(Wflag || nflag);

	w = family == AF_INET6 && (nflag || lflag) ? 39 : 18;
	if (cut) {
		(void)snprintf(fmt_dst, sizeof(fmt_dst), "%%-%d.%ds ", w, w);
	} else
		(void)snprintf(fmt_dst, sizeof(fmt_dst), "%%-%ds ", w);
	memcpy(fmt_gw, fmt_dst, sizeof(fmt_gw));
	memcpy(fmt_ifa, fmt_dst, sizeof(fmt_ifa));
	(void)snprintf(fmt_netif, sizeof(fmt_netif), "%%%ds", netif_width);

	out_open_instance();
	out_str("address-family", "\n%s:\n",
	    family == AF_INET ? "Internet" : "Internet6");
	out_text("%-*.*s %-*.*s ", w, w, "Destination", w, w, "Gateway");
	if (lflag)
		out_text("%-*.*s ", w, w, "RT_IFA");
	out_text("%-10.10s ", "Flags");
	if (lflag)
		out_text("%8.8s %6.6s ", "Metric", "Mtu");
	out_text("%*.*s %6s\n", netif_width, netif_width, "Netif", "Expire");
	out_open_list("rt-entry");
	rt_order_begin(family, family == AF_INET6);
}

void
family_end(void)
{
	rt_order_end();
	out_close_list();
	out_close_instance();
}

/* The addresses of a row as JSON's machine values. */
static void
rt_emit_json(const struct rtrow *r)
{
	char buf[CIDR_MAX > 3 * 32 ? CIDR_MAX : 3 * 32];

	if (r->plen >= 0) {
		cidr_str(buf, sizeof(buf), r->family, r->dstaddr, r->plen);
		out_str("destination", NULL, buf);
		out_bool("default", r->plen == 0);
	}
	if (r->gwfamily != AF_UNSPEC)
		out_str("gateway", NULL, addr_str(r->gwfamily, r->gwaddr));
	if (r->lllen > 0) {
		ll_str(buf, sizeof(buf), r->ll, r->lllen);
		out_str("link-layer-address", NULL, buf);
	}
	if (r->gwlink > 0)
		out_uint("gateway-link", NULL, (unsigned long long)r->gwlink);
	if (r->gwtype != NULL)
		out_str("route-type", NULL, r->gwtype);
	if (r->ifafamily != AF_UNSPEC)
		out_str("preferred-source", NULL,
		    addr_str(r->ifafamily, r->ifaaddr));
}

void
rt_emit(const struct rtrow *r)
{
	const struct rtbit *b;
	char flags[sizeof(rtbits) / sizeof(rtbits[0])];
	char *p = flags;

	for (b = rtbits; b->mask != 0; b++)
		if (r->flags & b->mask)
			*p++ = b->letter;
	if (p == flags)
		*p++ = '-';	/* never empty: awk and jc count fields */
	*p = '\0';

	out_open_instance();
	out_str(NULL, fmt_dst, r->dst);
	out_str(NULL, fmt_gw, r->gw);
	out_str(NULL, lflag ? fmt_ifa : NULL, r->ifa != NULL ? r->ifa : "-");
	if (out_style != OUT_TEXT)	/* JSON, and any other structured style */
		rt_emit_json(r);
	out_str("flags", "%-10.10s ", flags);
	out_open_list("flags_pretty");
	for (b = rtbits; b->mask != 0; b++)
		if (r->flags & b->mask)
			out_str("flags_pretty", NULL, b->name);
	out_close_list();
	if (r->metric >= 0)
		out_uint("metric", lflag ? "%8u " : NULL,
		    (unsigned long long)r->metric);
	else
		out_str(NULL, lflag ? "%8s " : NULL, "-");
	if (r->mtu >= 0)
		out_uint("mtu", lflag ? "%6u " : NULL,
		    (unsigned long long)r->mtu);
	else
		out_str(NULL, lflag ? "%6s " : NULL, "-");
	if (r->netif != NULL)
		out_str("interface-name", fmt_netif, r->netif);
	else
		out_str(NULL, fmt_netif, "-");
	if (r->expire >= 0)
		out_int("expire-time", " %6d", r->expire);
	if (r->weight >= 0)
		out_uint("weight", NULL, (unsigned long long)r->weight);
	if (r->table >= 0)
		out_uint("table", NULL, (unsigned long long)r->table);
	out_str(NULL, "\n", NULL);	/* not out_text: no printf per row */
	out_close_instance();
}

void
row_init(struct rtrow *r)
{
	memset(r, 0, sizeof(*r));
	r->metric = r->mtu = r->expire = r->weight = r->table = -1;
	r->plen = -1;
	r->gwfamily = r->ifafamily = AF_UNSPEC;
}

/*
 * BSD's order: its radix tree lists each family by key, default first,
 * a more specific route before a less specific one of the same key, and
 * the ARP/ND entries (host routes) among them.  IPv4 routes arrive from
 * fib_trie (and net/route) in that order already and stream; the rows
 * to merge among them (neighbours, the local table) are held and sorted
 * first.  IPv6's dump follows fib6's tree, not the key: all its rows
 * are held and sorted.
 */
struct held {
	unsigned char	 key[16];
	int		 plen;
	size_t		 seq;
	struct rtrow	 r;		/* strings owned */
};
static struct held	*hv;
static size_t		 hn, hcap, hnext;
static size_t		 hkeylen;
static int		 hall, hsorted;

static int
held_cmp_key(const unsigned char *ka, int pa, const unsigned char *kb,
    int pb)
{
	int c;

	if ((c = memcmp(ka, kb, hkeylen)) != 0)
		return (c);
	return (pa > pb ? -1 : pa < pb);	/* more specific first */
}

static int
held_cmp(const void *a, const void *b)
{
	const struct held *x = a, *y = b;
	int c;

	if ((c = held_cmp_key(x->key, x->plen, y->key, y->plen)) != 0)
		return (c);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

/* all: hold every row of the family (IPv6), else those put with hold. */
static void
rt_order_begin(int family, int all)
{
	hkeylen = family == AF_INET ? 4 : 16;
	hall = all;
	hn = hnext = 0;
	hsorted = 0;
}

static char *
dup_or_null(const char *s)
{
	return (s != NULL ? xstrndup(s, strlen(s)) : NULL);
}

/* Keep a row to print in key order (with hold 0, only when all). */
static void
rt_keep(const struct rtrow *r, const unsigned char *key, int plen)
{
	struct held *h;

	hv = grow(hv, &hcap, hn, sizeof(*hv));
	h = &hv[hn];
	memset(h->key, 0, sizeof(h->key));
	memcpy(h->key, key, hkeylen);
	h->plen = plen;
	h->seq = hn++;
	h->r = *r;
	h->r.dst = dup_or_null(r->dst);
	h->r.gw = dup_or_null(r->gw);
	h->r.ifa = dup_or_null(r->ifa);
	h->r.netif = dup_or_null(r->netif);
	hsorted = 0;
}

static void
held_sort(void)
{
	if (!hsorted && hn - hnext > 1)
		qsort(hv + hnext, hn - hnext, sizeof(*hv), held_cmp);
	hsorted = 1;
}

static void
held_emit(struct held *h)
{
	rt_emit(&h->r);
	free((char *)h->r.dst);
	free((char *)h->r.gw);
	free((char *)h->r.ifa);
	free((char *)h->r.netif);
}

/*
 * A row: held (hold, or every row of an IPv6 family), or printed after
 * the held rows that sort before it.
 */
void
rt_put(const struct rtrow *r, const unsigned char *key, int plen, int hold)
{
	if (hold || hall) {
		rt_keep(r, key, plen);
		return;
	}
	held_sort();
	while (hnext < hn && held_cmp_key(hv[hnext].key, hv[hnext].plen,
	    key, plen) < 0)
		held_emit(&hv[hnext++]);
	rt_emit(r);
}

/* Print what is still held, in order. */
static void
rt_order_end(void)
{
	held_sort();
	while (hnext < hn)
		held_emit(&hv[hnext++]);
	hn = hnext = 0;
}

/* Route protocol to flag letters (SPEC 3.5). */
static unsigned int
proto_flags(unsigned int proto)
{
	switch (proto) {
	case RTPROT_UNSPEC:
	case RTPROT_KERNEL:
		return (0);
	case RTPROT_REDIRECT:
		return (RB_DYNAMIC);
	case RTPROT_BOOT:
	case RTPROT_STATIC:
		return (RB_STATIC);
	case RTPROT_DHCP:
		return (RB_PROTO2);
	case RTPROT_RA:
		return (RB_PROTO3);
	default:
		/* zebra, bird, bgp, ospf, ... and any other daemon */
		return (RB_PROTO1);
	}
}

/*
 * Netlink: route messages.
 */
/* An address attribute of exactly the family's length. */
static int
attr_addr(const struct rtattr *rta, int family, unsigned char *out)
{
	const void *d;
	size_t len;

	d = nl_data(rta, &len);
	if (len != af_len(family) || len == 0)
		return (-1);
	memcpy(out, d, len);
	return (0);
}

/* RTA_VIA: a gateway of another family (an IPv4 route via IPv6). */
static int
attr_via(const struct rtattr *rta, struct nexthop *nh)
{
	const unsigned char *d;
	uint16_t fam;
	size_t len;

	d = nl_data(rta, &len);
	if (len < sizeof(fam))
		return (-1);
	memcpy(&fam, d, sizeof(fam));
	if (af_len(fam) == 0 || len - sizeof(fam) < af_len(fam))
		return (-1);
	nh->gwfamily = fam;
	memcpy(nh->gw, d + sizeof(fam), af_len(fam));
	return (0);
}

/* The gateway of a next hop: RTA_GATEWAY or RTA_VIA among tb. */
static int
nexthop_gw(const struct rtattr **tb, int family, struct nexthop *nh)
{
	if (tb[RTA_GATEWAY] != NULL) {
		if (attr_addr(tb[RTA_GATEWAY], family, nh->gw) < 0)
			return (-1);
		nh->gwfamily = family;
	} else if (tb[RTA_VIA] != NULL && attr_via(tb[RTA_VIA], nh) < 0)
		return (-1);
	return (0);
}

static int
parse_metrics(const struct rtattr *rta, struct rtinfo *ri)
{
	const struct rtattr *mx[RTAX_MAX + 1];
	const void *d;
	uint32_t v;
	size_t len;

	d = nl_data(rta, &len);
	if (nl_attrs(d, len, mx, RTAX_MAX) < 0)
		return (-1);
	if (mx[RTAX_MTU] != NULL) {
		if (nl_u32(mx[RTAX_MTU], &v) < 0)
			return (-1);
		ri->mtu = v;
	}
	return (0);
}

/*
 * The parser of an RTM_NEWROUTE payload (p, len: after the netlink
 * header).  Checks every length; returns -1 for a malformed message.
 */
int
rt_parse(const void *p, size_t len, struct rtinfo *ri)
{
	const struct rtattr *tb[RTA_MAX + 1];
	struct rta_cacheinfo ci;
	struct rtmsg rtm;
	const void *d;
	uint32_t v;
	size_t dlen;
	int rc;

	if ((rc = nl_body(p, len, &rtm, sizeof(rtm), tb, RTA_MAX)) < 0)
		return (-1);
	memset(ri, 0, sizeof(*ri));
	ri->family = rtm.rtm_family;
	ri->dst_len = rtm.rtm_dst_len;
	ri->type = rtm.rtm_type;
	ri->protocol = rtm.rtm_protocol;
	ri->rtm_flags = rtm.rtm_flags;
	ri->table = rtm.rtm_table;
	ri->priority = ri->mtu = ri->expires = -1;
	ri->nh.weight = -1;
	if (af_len(ri->family) == 0 ||
	    (size_t)ri->dst_len > af_len(ri->family) * 8 || rc != 0)
		return (-1);
	if (tb[RTA_TABLE] != NULL) {
		if (nl_u32(tb[RTA_TABLE], &v) < 0)
			return (-1);
		ri->table = v;
	}
	if (tb[RTA_DST] != NULL && attr_addr(tb[RTA_DST], ri->family,
	    ri->dst) < 0)
		return (-1);
	if (tb[RTA_PREFSRC] != NULL) {
		if (attr_addr(tb[RTA_PREFSRC], ri->family, ri->prefsrc) < 0)
			return (-1);
		ri->has_prefsrc = 1;
	}
	if (tb[RTA_OIF] != NULL) {
		if (nl_u32(tb[RTA_OIF], &v) < 0)
			return (-1);
		ri->nh.ifindex = (int)v;
	}
	if (nexthop_gw(tb, ri->family, &ri->nh) < 0)
		return (-1);
	ri->nh.flags = rtm.rtm_flags;
	if (tb[RTA_PRIORITY] != NULL) {
		if (nl_u32(tb[RTA_PRIORITY], &v) < 0)
			return (-1);
		ri->priority = v;
	}
	if (tb[RTA_METRICS] != NULL && parse_metrics(tb[RTA_METRICS], ri) < 0)
		return (-1);
	if (tb[RTA_CACHEINFO] != NULL) {
		d = nl_data(tb[RTA_CACHEINFO], &dlen);
		if (dlen < sizeof(ci))
			return (-1);
		memcpy(&ci, d, sizeof(ci));
		/* Signed: a route past its time is negative. */
		if ((int32_t)ci.rta_expires != 0)
			ri->expires = (int32_t)ci.rta_expires;
	}
	if (tb[RTA_MULTIPATH] != NULL)
		ri->mp = nl_data(tb[RTA_MULTIPATH], &ri->mplen);
	return (0);
}

/*
 * The next hop at *pp of a multipath list (pure).  Returns 1 with nh
 * filled and *pp, *lenp moved past it, 0 at the end, -1 if malformed.
 */
int
rt_nexthop(const unsigned char **pp, size_t *lenp, int family,
    struct nexthop *nh)
{
	const struct rtattr *tb[RTA_MAX + 1];
	struct rtnexthop rtnh;
	size_t step;

	if (*lenp == 0)
		return (0);
	if (*lenp < sizeof(rtnh))
		return (-1);
	memcpy(&rtnh, *pp, sizeof(rtnh));
	if (rtnh.rtnh_len < sizeof(rtnh) || rtnh.rtnh_len > *lenp)
		return (-1);
	memset(nh, 0, sizeof(*nh));
	nh->ifindex = rtnh.rtnh_ifindex;
	nh->flags = rtnh.rtnh_flags;
	nh->weight = rtnh.rtnh_hops + 1;
	if (nl_attrs(*pp + RTNH_ALIGN(sizeof(rtnh)),
	    rtnh.rtnh_len - RTNH_ALIGN(sizeof(rtnh)), tb, RTA_MAX) < 0 ||
	    nexthop_gw(tb, family, nh) < 0)
		return (-1);
	step = RTNH_ALIGN(rtnh.rtnh_len);
	if (step > *lenp)
		step = *lenp;
	*pp += step;
	*lenp -= step;
	return (1);
}

static long	clk_tck;

static long long
ticks_to_sec(long long t)
{
	if (clk_tck <= 0 && (clk_tck = sysconf(_SC_CLK_TCK)) <= 0)
		clk_tck = 100;
	return (t / clk_tck);
}

static const char *
type_gateway(unsigned int type)
{
	switch (type) {
	case RTN_BLACKHOLE:
		return ("blackhole");
	case RTN_UNREACHABLE:
		return ("unreachable");
	case RTN_PROHIBIT:
		return ("prohibit");
	case RTN_THROW:
		return ("throw");
	}
	return (NULL);
}

/* The local table's rows merge among the main table's (-a). */
static int	held_local;

static int
held_table(uint32_t table)
{
	return (held_local && table == RT_TABLE_LOCAL);
}

/* Print one row for a route and one of its next hops. */
static void
rt_print_nh(const struct rtinfo *ri, const struct nexthop *nh)
{
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX], ifa[RT_NAMEMAX];
	const uint8_t *a;
	const char *tg;
	struct rtrow r;

	row_init(&r);
	r.netif = nh->ifindex > 0 ? iface_name(nh->ifindex) : NULL;
	fmt_dest(dst, sizeof(dst), ri->family, ri->dst, ri->dst_len, r.netif);
	r.dst = dst;
	rt_jdst(&r, ri->family, ri->dst, ri->dst_len);
	tg = type_gateway(ri->type);
	if (nh->gwfamily != AF_UNSPEC) {
		fmt_host(gw, sizeof(gw), nh->gwfamily, nh->gw, r.netif);
		rt_jgw(&r, nh->gwfamily, nh->gw);
		r.flags |= RB_GATEWAY;
	} else if (tg != NULL) {
		(void)strcpy(gw, tg);
		r.gwtype = tg;
	}
	else if (nh->ifindex > 0) {
		fmt_link(gw, nh->ifindex);
		r.gwlink = nh->ifindex;
	} else
		(void)strcpy(gw, "-");
	r.gw = gw;
	if (ri->has_prefsrc) {
		fmt_host(ifa, sizeof(ifa), ri->family, ri->prefsrc, NULL);
		r.ifa = ifa;
		rt_jifa(&r, ri->family, ri->prefsrc);
	} else if (lflag && ri->type == RTN_UNICAST && nh->ifindex > 0 &&
	    (a = iface_addr(nh->ifindex, ri->family)) != NULL) {
		/* Darwin's rt_ifa: the address the interface sends from. */
		fmt_host(ifa, sizeof(ifa), ri->family, a, NULL);
		r.ifa = ifa;
		rt_jifa(&r, ri->family, a);
	}
	/*
	 * A link without carrier (RTNH_F_LINKDOWN) still carries its routes
	 * unless ignore_routes_with_linkdown is set, and then the kernel
	 * marks them dead as well.
	 */
	if (!(nh->flags & RTNH_F_DEAD))
		r.flags |= RB_UP;
	if ((size_t)ri->dst_len == af_len(ri->family) * 8)
		r.flags |= RB_HOST;
	switch (ri->type) {
	case RTN_UNREACHABLE:
	case RTN_PROHIBIT:
		r.flags |= RB_REJECT;
		break;
	case RTN_BLACKHOLE:
		r.flags |= RB_BLACKHOLE;
		break;
	case RTN_BROADCAST:
		r.flags |= RB_BROADCAST;
		break;
	case RTN_LOCAL:
		r.flags |= RB_LOCAL;
		break;
	}
	r.flags |= proto_flags(ri->protocol);
	r.metric = ri->priority >= 0 ? ri->priority : 0;
	/* The route's own MTU, else its interface's, as BSD's rmx_mtu. */
	r.mtu = ri->mtu > 0 ? ri->mtu : nh->ifindex > 0 ?
	    iface_mtu(nh->ifindex) : -1;
	if (ri->expires > 0)
		r.expire = ticks_to_sec(ri->expires);
	r.weight = nh->weight;
	r.table = ri->table;
	rt_put(&r, ri->dst, ri->dst_len, held_table(ri->table));
}

int
route_msg(const struct nlmsghdr *nlh, void *arg)
{
	const struct dumpctx *ctx = arg;
	const unsigned char *mp;
	struct nexthop nh;
	struct rtinfo ri;
	size_t mplen;
	int rc;

	if (nlh->nlmsg_type != RTM_NEWROUTE)
		return (0);
	if (rt_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &ri) < 0) {
		rt_badmsgs++;
		return (0);
	}
	/* Kernels without strict checking send every table and family. */
	if (ri.family != ctx->family || (ri.rtm_flags & RTM_F_CLONED) ||
	    (ctx->table != 0 && ri.table != ctx->table))
		return (0);
	if (ri.mp == NULL) {
		rt_print_nh(&ri, &ri.nh);
		return (0);
	}
	mp = ri.mp;
	mplen = ri.mplen;
	while ((rc = rt_nexthop(&mp, &mplen, ri.family, &nh)) > 0) {
		if (nh.ifindex == 0)
			nh.ifindex = ri.nh.ifindex;
		rt_print_nh(&ri, &nh);
	}
	if (rc < 0)
		rt_badmsgs++;
	return (0);
}

/*
 * Netlink: neighbours.
 */
/* The parser of an RTM_NEWNEIGH payload; -1 when malformed. */
int
neigh_parse(const void *p, size_t len, struct neighinfo *ni)
{
	const struct rtattr *tb[NDA_MAX + 1];
	struct nda_cacheinfo ci;
	struct ndmsg ndm;
	const void *d;
	size_t dlen;
	int rc;

	if ((rc = nl_body(p, len, &ndm, sizeof(ndm), tb, NDA_MAX)) < 0)
		return (-1);
	memset(ni, 0, sizeof(*ni));
	ni->family = ndm.ndm_family;
	ni->ifindex = ndm.ndm_ifindex;
	ni->state = ndm.ndm_state;
	ni->flags = ndm.ndm_flags;
	ni->confirmed = -1;
	if (rc != 0)
		return (-1);
	if (af_len(ni->family) == 0 || tb[NDA_DST] == NULL ||
	    attr_addr(tb[NDA_DST], ni->family, ni->dst) < 0)
		return (-1);
	if (tb[NDA_LLADDR] != NULL)
		ni->ll = nl_data(tb[NDA_LLADDR], &ni->lllen);
	if (tb[NDA_CACHEINFO] != NULL) {
		d = nl_data(tb[NDA_CACHEINFO], &dlen);
		if (dlen < sizeof(ci))
			return (-1);
		memcpy(&ci, d, sizeof(ci));
		ni->confirmed = ci.ndm_confirmed;
	}
	return (0);
}

/* Per-interface reachable time (ms) of the family's neighbour table. */
struct reachent {
	int		ifindex;	/* 0: the table's default */
	long long	ms;
};
static struct reachent	reach[256];
static size_t		nreach;

/* The parser of an RTM_NEWNEIGHTBL payload: its parameters' ifindex and
 * reachable time.  Returns 1 when found, 0 when absent, -1 malformed. */
int
neightbl_parse(const void *p, size_t len, int *ifindex, long long *ms)
{
	const struct rtattr *tb[NDTA_MAX + 1], *pt[NDTPA_MAX + 1];
	struct ndtmsg ndtm;
	const void *d;
	uint32_t idx = 0;
	uint64_t v;
	size_t dlen;

	if (nl_body(p, len, &ndtm, sizeof(ndtm), tb, NDTA_MAX) != 0)
		return (-1);
	if (tb[NDTA_PARMS] == NULL)
		return (0);
	d = nl_data(tb[NDTA_PARMS], &dlen);
	if (nl_attrs(d, dlen, pt, NDTPA_MAX) < 0)
		return (-1);
	if (pt[NDTPA_IFINDEX] != NULL && nl_u32(pt[NDTPA_IFINDEX], &idx) < 0)
		return (-1);
	if (pt[NDTPA_REACHABLE_TIME] == NULL)
		return (0);
	if (nl_u64(pt[NDTPA_REACHABLE_TIME], &v) < 0)
		return (-1);
	*ifindex = (int)idx;
	*ms = (long long)(v > (uint64_t)1 << 40 ? (uint64_t)1 << 40 : v);
	return (1);
}

int
neightbl_msg(const struct nlmsghdr *nlh, void *arg)
{
	long long ms;
	int ifindex;

	(void)arg;
	if (nlh->nlmsg_type != RTM_NEWNEIGHTBL)
		return (0);
	if (neightbl_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &ifindex, &ms) == 1 && nreach < sizeof(reach) / sizeof(reach[0])) {
		reach[nreach].ifindex = ifindex;
		reach[nreach].ms = ms;
		nreach++;
	}
	return (0);
}

static long long
reachable_ms(int ifindex)
{
	size_t i;
	long long dflt = -1;

	for (i = 0; i < nreach; i++) {
		if (reach[i].ifindex == ifindex)
			return (reach[i].ms);
		if (reach[i].ifindex == 0 && dflt < 0)
			dflt = reach[i].ms;
	}
	return (dflt);
}

int
neigh_msg(const struct nlmsghdr *nlh, void *arg)
{
	const struct dumpctx *ctx = arg;
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX], ifa[RT_NAMEMAX];
	const uint8_t *a;
	struct neighinfo ni;
	struct rtrow r;
	long long ms, left;

	if (nlh->nlmsg_type != RTM_NEWNEIGH)
		return (0);
	if (neigh_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &ni) < 0) {
		rt_badmsgs++;
		return (0);
	}
	if (ni.family != ctx->family || (ni.flags & NTF_PROXY) ||
	    ni.ll == NULL || ni.lllen == 0 ||
	    (ni.state & (NUD_FAILED | NUD_INCOMPLETE | NUD_NOARP)) ||
	    ni.state == NUD_NONE)
		return (0);
	row_init(&r);
	r.netif = iface_name(ni.ifindex);
	fmt_host(dst, sizeof(dst), ni.family, ni.dst, r.netif);
	fmt_lladdr(gw, sizeof(gw), ni.ll, ni.lllen);
	r.dst = dst;
	r.gw = gw;
	rt_jdst(&r, ni.family, ni.dst, (int)af_len(ni.family) * 8);
	rt_jll(&r, ni.ll, ni.lllen);
	r.flags = RB_UP | RB_HOST | RB_LLINFO |
	    (ni.state & NUD_PERMANENT ? RB_STATIC : RB_WASCLONED);
	/* A host route of BSD's: its interface's MTU and address. */
	r.mtu = iface_mtu(ni.ifindex);
	if (lflag && (a = iface_addr(ni.ifindex, ni.family)) != NULL) {
		fmt_host(ifa, sizeof(ifa), ni.family, a, NULL);
		r.ifa = ifa;
		rt_jifa(&r, ni.family, a);
	}
	/* Reachable until confirmed + reachable_time (neigh_timer_handler) */
	if ((ni.state & NUD_REACHABLE) && ni.confirmed >= 0 &&
	    (ms = reachable_ms(ni.ifindex)) >= 0) {
		if (clk_tck <= 0)
			(void)ticks_to_sec(0);
		left = ms - ni.confirmed * 1000 / clk_tck;
		if (left >= 1000)
			r.expire = left / 1000;
	}
	rt_put(&r, ni.dst, (int)af_len(ni.family) * 8, 1);
	return (0);
}

static int
dump_routes(int fd, int family, uint32_t table)
{
	struct {
		struct nlmsghdr	nh;
		struct rtmsg	rtm;
		char		attr[RTA_SPACE(sizeof(uint32_t))];
	} req;
	struct dumpctx ctx;
	struct rtattr *rta;
	size_t len = NLMSG_LENGTH(sizeof(struct rtmsg));
	int rc;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_GETROUTE;
	req.rtm.rtm_family = (unsigned char)family;
	if (table != 0) {
		req.rtm.rtm_table = table < 256 ? (unsigned char)table :
		    RT_TABLE_UNSPEC;
		rta = (struct rtattr *)(void *)req.attr;
		rta->rta_type = RTA_TABLE;
		rta->rta_len = RTA_LENGTH(sizeof(uint32_t));
		memcpy(RTA_DATA(rta), &table, sizeof(table));
		len += RTA_SPACE(sizeof(uint32_t));
	}
	ctx.family = family;
	ctx.table = table;
	rc = nl_dump(fd, &req, len, route_msg, &ctx);
	/* A table that does not exist is an empty one. */
	if (rc == -ENOENT && table != 0)
		rc = 0;
	return (rc);
}

static int
dump_neighbours(int fd, int family)
{
	struct {
		struct nlmsghdr	nh;
		struct ndtmsg	ndtm;
	} treq;
	struct {
		struct nlmsghdr	nh;
		struct ndmsg	ndm;
	} req;
	struct dumpctx ctx;

	/* The reachable times, to tell when a reachable entry goes stale. */
	nreach = 0;
	memset(&treq, 0, sizeof(treq));
	treq.nh.nlmsg_type = RTM_GETNEIGHTBL;
	treq.ndtm.ndtm_family = (unsigned char)family;
	(void)nl_dump(fd, &treq, sizeof(treq), neightbl_msg, NULL);

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_GETNEIGH;
	req.ndm.ndm_family = (unsigned char)family;
	ctx.family = family;
	ctx.table = 0;
	return (nl_dump(fd, &req, sizeof(req), neigh_msg, &ctx));
}

static void
nl_failed(const char *what, int err)
{
	errno = -err;
	ns_warn("%s", what);
}

/* The main table's neighbours are shown with it, as Darwin's ARP rows. */
static int
shows_neighbours(void)
{
	return (sel_all || sel_table == RT_TABLE_MAIN);
}

static void
family_live(int fd, int family)
{
	int rc;

	family_begin(family);
	/* The rows to merge into the stream first (see rt_put). */
	if (shows_neighbours() && (rc = dump_neighbours(fd, family)) < 0 &&
	    !nl_fallback(rc))
		nl_failed(family == AF_INET ? "ARP table" :
		    "neighbour table", rc);
	held_local = 1;
	if (aflag && !sel_all && sel_table != RT_TABLE_LOCAL &&
	    (rc = dump_routes(fd, family, RT_TABLE_LOCAL)) < 0)
		nl_failed("local routing table", rc);
	held_local = 0;
	rc = dump_routes(fd, family, sel_all ? 0 : sel_table);
	if (rc < 0)
		nl_failed("routing table", rc);
	family_end();
}

/* Returns -1 when netlink cannot serve and /proc should. */
static int
routepr_live(void)
{
	int fd, one = 1, rc;

	if ((fd = nl_open(NETLINK_ROUTE)) < 0)
		return (-1);
#ifdef NETLINK_GET_STRICT_CHK
	/* Lets the kernel filter by table; refused by kernels before 4.20. */
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_GET_STRICT_CHK, &one,
	    sizeof(one));
#else
	(void)one;
#endif
	if ((rc = iface_load(&rt_badmsgs)) < 0) {
		close(fd);
		if (nl_fallback(rc))
			return (-1);
		nl_failed("interfaces", rc);
		return (0);
	}
	/* -l: the interfaces' addresses, for RT_IFA (Darwin's rt_ifa) */
	if (lflag && (rc = iface_load_addrs(&rt_badmsgs)) < 0 &&
	    !nl_fallback(rc))
		nl_failed("addresses", rc);
	if_width();
	rt_title();
	if (af == AF_UNSPEC || af == AF_INET)
		family_live(fd, AF_INET);
	if (af == AF_UNSPEC || af == AF_INET6)
		family_live(fd, AF_INET6);
	rt_title_end();
	close(fd);
	return (0);
}

/*
 * -F: a number, or a name from iproute2's rt_tables files.
 */
static int
table_from_file(const char *path, const char *name, uint32_t *id)
{
	char line[512], word[256];
	unsigned int v;
	FILE *fp;
	int found = 0;

	if ((fp = fopen(path, "re")) == NULL)
		return (0);
	while (!found && fgets(line, sizeof(line), fp) != NULL) {
		if (line[0] == '#')
			continue;
		if ((sscanf(line, "0x%x %255s", &v, word) == 2 ||
		    sscanf(line, "%u %255s", &v, word) == 2) &&
		    strcmp(word, name) == 0) {
			*id = v;
			found = 1;
		}
	}
	fclose(fp);
	return (found);
}

static int
table_from_dir(const char *dir, const char *name, uint32_t *id)
{
	char path[4096];
	struct dirent *de;
	size_t n;
	DIR *d;
	int found = 0;

	if ((d = opendir(dir)) == NULL)
		return (0);
	while (!found && (de = readdir(d)) != NULL) {
		n = strlen(de->d_name);
		if (n < 6 || strcmp(de->d_name + n - 5, ".conf") != 0)
			continue;
		(void)snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		found = table_from_file(path, name, id);
	}
	closedir(d);
	return (found);
}

static void
select_table(void)
{
	const char *name = fibname;
	unsigned long v;
	char *end;

	if (name == NULL)
		return;
	if (strcmp(name, "all") == 0) {
		sel_all = 1;
		return;
	}
	if (strcmp(name, "main") == 0)
		v = RT_TABLE_MAIN;
	else if (strcmp(name, "local") == 0)
		v = RT_TABLE_LOCAL;
	else if (strcmp(name, "default") == 0)
		v = RT_TABLE_DEFAULT;
	else if (name[0] >= '0' && name[0] <= '9') {
		errno = 0;
		v = strtoul(name, &end, 10);
		if (*end != '\0' || errno != 0 || v > 0xffffffffUL)
			goto unknown;
	} else {
		uint32_t id;

		if (!table_from_file("/etc/iproute2/rt_tables", name, &id) &&
		    !table_from_dir("/etc/iproute2/rt_tables.d", name, &id) &&
		    !table_from_file("/usr/share/iproute2/rt_tables", name,
		    &id) &&
		    !table_from_dir("/usr/share/iproute2/rt_tables.d", name,
		    &id))
			goto unknown;
		v = id;
	}
	if (v == RT_TABLE_UNSPEC)
		sel_all = 1;	/* table 0, "unspec": every table, as ip(8) */
	sel_table = (uint32_t)v;
	return;
unknown:
	ns_errx("%s: unknown routing table", name);
}

void
routepr(void)
{
	select_table();
	if (memf != NULL && (sel_all || sel_table != RT_TABLE_MAIN))
		ns_errx("-F %s: a saved proc tree holds only the main table",
		    fibname);
	if (memf != NULL || routepr_live() < 0) {
		if (memf == NULL && (sel_all || sel_table != RT_TABLE_MAIN))
			ns_errx("-F %s: netlink is not available, and /proc "
			    "shows only the main table", fibname);
		routepr_proc();
	}
	if (rt_badmsgs > 0)
		ns_notice("%lu malformed netlink message%s skipped",
		    rt_badmsgs, plural(rt_badmsgs));
}

