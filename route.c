/*
 * Routing tables (-r) and routing statistics (-rs).
 *
 * Live, everything comes from NETLINK_ROUTE: the link list (interface
 * names, and the width of the Netif column), one RTM_GETROUTE dump per
 * family and table (filtered by the kernel under NETLINK_GET_STRICT_CHK,
 * and again here for kernels without it), and the neighbour tables
 * (RTM_GETNEIGH), which Darwin shows as host routes.  Rows are printed
 * as the messages arrive; no table is held.  With -M, or when netlink
 * cannot serve, net/route, net/ipv6_route and net/arp stand in.
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

/*
 * Route flags, in Darwin's letter order.
 */
#define	RB_UP		0x0001
#define	RB_GATEWAY	0x0002
#define	RB_HOST		0x0004
#define	RB_REJECT	0x0008
#define	RB_DYNAMIC	0x0010
#define	RB_MODIFIED	0x0020
#define	RB_LLINFO	0x0040
#define	RB_STATIC	0x0080
#define	RB_PROTO1	0x0100
#define	RB_PROTO2	0x0200
#define	RB_WASCLONED	0x0400
#define	RB_PROTO3	0x0800
#define	RB_BLACKHOLE	0x1000
#define	RB_BROADCAST	0x2000
#define	RB_LOCAL	0x4000

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

#define	RT_NAMEMAX	1100	/* a host name, '%', an interface name */

/* One row of the table, formatted. */
struct rtrow {
	const char	*dst;
	const char	*gw;
	const char	*ifa;		/* NULL: none */
	unsigned int	 flags;
	const char	*netif;		/* NULL: none */
	long long	 metric;	/* -1: none */
	long long	 mtu;		/* -1: none */
	long long	 expire;	/* -1: none */
	long long	 weight;	/* -1: not multipath */
	long long	 table;		/* -1: not known */
};

/* Column formats of the family being printed. */
static char	fmt_dst[16], fmt_gw[16], fmt_ifa[16], fmt_netif[16];

/* Table selection: -F, and -a for the local table. */
static uint32_t	sel_table = RT_TABLE_MAIN;
static int	sel_all;		/* -F all */

static unsigned long rt_badmsgs;	/* malformed netlink messages */

/*
 * Interfaces: index and name, from the link dump (or, with -M, from the
 * proc files that name interfaces).
 */
struct ifent {
	int	index;		/* 0: not known */
	char	name[64];
};
static struct ifent	*ifs;
static size_t		 nifs, capifs;
static int		 ifs_live;	/* names may be asked of the kernel */
static int		 netif_width;

static struct ifent *
if_add(int index, const char *name, size_t len)
{
	struct ifent *n;

	if (nifs == capifs) {
		capifs = capifs ? capifs * 2 : 16;
		if ((n = realloc(ifs, capifs * sizeof(*ifs))) == NULL) {
			capifs = nifs;
			return (NULL);
		}
		ifs = n;
	}
	n = &ifs[nifs++];
	n->index = index;
	if (len >= sizeof(n->name))
		len = sizeof(n->name) - 1;
	memcpy(n->name, name, len);
	n->name[len] = '\0';
	return (n);
}

static int	ifs_sorted;

static int
if_cmp(const void *a, const void *b)
{
	const struct ifent *x = a, *y = b;

	return (x->index < y->index ? -1 : x->index > y->index);
}

/* The name of interface index, or NULL; one kernel call per new index. */
static const char *
if_byindex(int index)
{
	static size_t last = (size_t)-1;	/* an index: ifs may move */
	char name[IF_NAMESIZE];
	size_t i, lo, hi;

	if (last < nifs && ifs[last].index == index)
		return (ifs[last].name[0] != '\0' ? ifs[last].name : NULL);
	/* Sorted by index once, so that a host of many links stays fast. */
	if (!ifs_sorted) {
		if (nifs > 0)
			qsort(ifs, nifs, sizeof(*ifs), if_cmp);
		ifs_sorted = 1;
	}
	lo = 0;
	hi = nifs;
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (ifs[i].index < index)
			lo = i + 1;
		else
			hi = i;
	}
	if (lo < nifs && ifs[lo].index == index) {
		last = lo;
		return (ifs[lo].name[0] != '\0' ? ifs[lo].name : NULL);
	}
	if (!ifs_live || index <= 0)
		return (NULL);
	/* Created after our link dump: ask once, remember either way. */
	if (if_indextoname((unsigned int)index, name) == NULL)
		name[0] = '\0';
	if (if_add(index, name, strlen(name)) == NULL)
		return (NULL);
	ifs_sorted = 0;
	return (if_byindex(index));
}

static int
if_index(const char *name)
{
	static size_t last = (size_t)-1;
	size_t i;

	if (last < nifs && strcmp(ifs[last].name, name) == 0)
		return (ifs[last].index);
	for (i = 0; i < nifs; i++)
		if (strcmp(ifs[i].name, name) == 0) {
			last = i;
			return (ifs[i].index);
		}
	return (0);
}

/* Netif is as wide as the longest name (escaped as printed), at least 8. */
static void
if_width(void)
{
	char tmp[sizeof(ifs[0].name) * 4 + 1];
	size_t i, n;

	netif_width = 8;
	for (i = 0; i < nifs; i++) {
		n = sanitize(tmp, sizeof(tmp), ifs[i].name,
		    strlen(ifs[i].name));
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
static void
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
static void
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
static void
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

static void
fmt_link(char *buf, int ifindex)
{
	char *p = buf;

	memcpy(p, "link#", 5);
	p = put_dec(p + 5, (unsigned long)(ifindex < 0 ? 0 : ifindex));
	*p = '\0';
}

/*
 * Output: the title, a family's heading and header, a row.
 */
static void
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

static void
rt_title_end(void)
{
	out_close_list();
	out_close_container();
	out_close_container();
}

static void
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
}

static void
family_end(void)
{
	out_close_list();
	out_close_instance();
}

static void
rt_emit(const struct rtrow *r)
{
	const struct rtbit *b;
	char flags[sizeof(rtbits) / sizeof(rtbits[0])];
	char *p = flags;

	for (b = rtbits; b->mask != 0; b++)
		if (r->flags & b->mask)
			*p++ = b->letter;
	*p = '\0';

	out_open_instance();
	out_str("destination", fmt_dst, r->dst);
	out_str("gateway", fmt_gw, r->gw);
	if (r->ifa != NULL)
		out_str("preferred-source", lflag ? fmt_ifa : NULL, r->ifa);
	else
		out_str(NULL, lflag ? fmt_ifa : NULL, "-");
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

static void
row_init(struct rtrow *r)
{
	memset(r, 0, sizeof(*r));
	r->metric = r->mtu = r->expire = r->weight = r->table = -1;
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
struct nexthop {
	int		 ifindex;
	int		 gwfamily;	/* AF_UNSPEC: no gateway */
	unsigned char	 gw[16];
	unsigned int	 flags;		/* RTNH_F_* */
	int		 weight;	/* -1: not multipath */
};

struct rtinfo {
	int		 family;
	int		 dst_len;
	unsigned int	 type, protocol, rtm_flags;
	uint32_t	 table;
	unsigned char	 dst[16];
	int		 has_prefsrc;
	unsigned char	 prefsrc[16];
	long long	 priority;	/* -1: none */
	long long	 mtu;		/* -1: none */
	long long	 expires;	/* clock ticks; -1: none */
	struct nexthop	 nh;		/* the only next hop, or none */
	const unsigned char *mp;	/* RTA_MULTIPATH payload */
	size_t		 mplen;
};

static size_t
af_len(int family)
{
	return (family == AF_INET ? 4 : family == AF_INET6 ? 16 : 0);
}

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
static int
rt_parse(const void *p, size_t len, struct rtinfo *ri)
{
	const struct rtattr *tb[RTA_MAX + 1];
	struct rta_cacheinfo ci;
	struct rtmsg rtm;
	const void *d;
	uint32_t v;
	size_t dlen;

	if (len < sizeof(rtm))
		return (-1);
	memcpy(&rtm, p, sizeof(rtm));
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
	    (size_t)ri->dst_len > af_len(ri->family) * 8)
		return (-1);
	if (nl_attrs((const char *)p + NLMSG_ALIGN(sizeof(rtm)),
	    len - NLMSG_ALIGN(sizeof(rtm)), tb, RTA_MAX) < 0)
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
static int
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

/* Print one row for a route and one of its next hops. */
static void
rt_print_nh(const struct rtinfo *ri, const struct nexthop *nh)
{
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX], ifa[RT_NAMEMAX];
	const char *tg;
	struct rtrow r;

	row_init(&r);
	r.netif = nh->ifindex > 0 ? if_byindex(nh->ifindex) : NULL;
	fmt_dest(dst, sizeof(dst), ri->family, ri->dst, ri->dst_len, r.netif);
	r.dst = dst;
	tg = type_gateway(ri->type);
	if (nh->gwfamily != AF_UNSPEC) {
		fmt_host(gw, sizeof(gw), nh->gwfamily, nh->gw, r.netif);
		r.flags |= RB_GATEWAY;
	} else if (tg != NULL)
		(void)strcpy(gw, tg);
	else if (nh->ifindex > 0)
		fmt_link(gw, nh->ifindex);
	else
		(void)strcpy(gw, "-");
	r.gw = gw;
	if (ri->has_prefsrc) {
		fmt_host(ifa, sizeof(ifa), ri->family, ri->prefsrc, NULL);
		r.ifa = ifa;
	}
	if (!(nh->flags & (RTNH_F_DEAD | RTNH_F_LINKDOWN)))
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
	r.mtu = ri->mtu;
	if (ri->expires > 0)
		r.expire = ticks_to_sec(ri->expires);
	r.weight = nh->weight;
	r.table = ri->table;
	rt_emit(&r);
}

struct dumpctx {
	int		family;
	uint32_t	table;		/* 0: every table */
};

static int
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
struct neighinfo {
	int		 family;
	int		 ifindex;
	unsigned int	 state, flags;
	unsigned char	 dst[16];
	const unsigned char *ll;
	size_t		 lllen;
	long long	 confirmed;	/* clock ticks ago; -1: unknown */
};

/* The parser of an RTM_NEWNEIGH payload; -1 when malformed. */
static int
neigh_parse(const void *p, size_t len, struct neighinfo *ni)
{
	const struct rtattr *tb[NDA_MAX + 1];
	struct nda_cacheinfo ci;
	struct ndmsg ndm;
	const void *d;
	size_t dlen;

	if (len < sizeof(ndm))
		return (-1);
	memcpy(&ndm, p, sizeof(ndm));
	memset(ni, 0, sizeof(*ni));
	ni->family = ndm.ndm_family;
	ni->ifindex = ndm.ndm_ifindex;
	ni->state = ndm.ndm_state;
	ni->flags = ndm.ndm_flags;
	ni->confirmed = -1;
	if (nl_attrs((const char *)p + NLMSG_ALIGN(sizeof(ndm)),
	    len - NLMSG_ALIGN(sizeof(ndm)), tb, NDA_MAX) < 0)
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
static int
neightbl_parse(const void *p, size_t len, int *ifindex, long long *ms)
{
	const struct rtattr *tb[NDTA_MAX + 1], *pt[NDTPA_MAX + 1];
	struct ndtmsg ndtm;
	const void *d;
	uint32_t idx = 0;
	uint64_t v;
	size_t dlen;

	if (len < sizeof(ndtm))
		return (-1);
	memcpy(&ndtm, p, sizeof(ndtm));
	if (nl_attrs((const char *)p + NLMSG_ALIGN(sizeof(ndtm)),
	    len - NLMSG_ALIGN(sizeof(ndtm)), tb, NDTA_MAX) < 0)
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

static int
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

static int
neigh_msg(const struct nlmsghdr *nlh, void *arg)
{
	const struct dumpctx *ctx = arg;
	char dst[RT_NAMEMAX], gw[RT_NAMEMAX];
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
	r.netif = if_byindex(ni.ifindex);
	fmt_host(dst, sizeof(dst), ni.family, ni.dst, r.netif);
	fmt_lladdr(gw, sizeof(gw), ni.ll, ni.lllen);
	r.dst = dst;
	r.gw = gw;
	r.flags = RB_UP | RB_HOST | RB_LLINFO |
	    (ni.state & NUD_PERMANENT ? RB_STATIC : RB_WASCLONED);
	/* Reachable until confirmed + reachable_time (neigh_timer_handler) */
	if ((ni.state & NUD_REACHABLE) && ni.confirmed >= 0 &&
	    (ms = reachable_ms(ni.ifindex)) >= 0) {
		if (clk_tck <= 0)
			(void)ticks_to_sec(0);
		left = ms - ni.confirmed * 1000 / clk_tck;
		if (left >= 1000)
			r.expire = left / 1000;
	}
	rt_emit(&r);
	return (0);
}

/*
 * Netlink: links (names and indexes).
 */
/* The parser of an RTM_NEWLINK payload: index and name. */
static int
link_parse(const void *p, size_t len, int *index, const char **name,
    size_t *namelen)
{
	const struct rtattr *tb[IFLA_MAX + 1];
	struct ifinfomsg ifi;
	const char *d;
	size_t dlen;

	if (len < sizeof(ifi))
		return (-1);
	memcpy(&ifi, p, sizeof(ifi));
	if (nl_attrs((const char *)p + NLMSG_ALIGN(sizeof(ifi)),
	    len - NLMSG_ALIGN(sizeof(ifi)), tb, IFLA_MAX) < 0 ||
	    tb[IFLA_IFNAME] == NULL)
		return (-1);
	d = nl_data(tb[IFLA_IFNAME], &dlen);
	*index = ifi.ifi_index;
	*name = d;
	*namelen = strnlen(d, dlen);
	return (0);
}

static int
link_msg(const struct nlmsghdr *nlh, void *arg)
{
	const char *name;
	size_t len;
	int index;

	(void)arg;
	if (nlh->nlmsg_type != RTM_NEWLINK)
		return (0);
	if (link_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &index, &name, &len) < 0) {
		rt_badmsgs++;
		return (0);
	}
	(void)if_add(index, name, len);
	return (0);
}

static int
dump_links(int fd)
{
	struct {
		struct nlmsghdr		nh;
		struct ifinfomsg	ifi;
	} req;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_GETLINK;
	req.ifi.ifi_family = AF_UNSPEC;
	return (nl_dump(fd, &req, sizeof(req), link_msg, NULL));
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
	out_flush();
	fprintf(stderr, "netstat: %s: %s\n", what, strerror(-err));
	exit_status = 1;
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
	rc = dump_routes(fd, family, sel_all ? 0 : sel_table);
	if (rc < 0)
		nl_failed("routing table", rc);
	if (shows_neighbours() && (rc = dump_neighbours(fd, family)) < 0 &&
	    !nl_fallback(rc))
		nl_failed(family == AF_INET ? "ARP table" :
		    "neighbour table", rc);
	if (aflag && !sel_all && sel_table != RT_TABLE_LOCAL &&
	    (rc = dump_routes(fd, family, RT_TABLE_LOCAL)) < 0)
		nl_failed("local routing table", rc);
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
	if ((rc = dump_links(fd)) < 0) {
		close(fd);
		if (nl_fallback(rc))
			return (-1);
		nl_failed("interfaces", rc);
		return (0);
	}
	ifs_live = 1;
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
 * Proc files (-M, or no netlink): a line is split into fields by
 * proc_split(); the parsers below read nothing beyond the line's length.
 */

/* A field of 2n hex digits as n bytes. */
static int
field_hexbytes(const struct proc_tok *f, unsigned char *out, size_t n)
{
	struct proc_tok b;
	unsigned long long v;
	size_t i;

	if (f->n != 2 * n)
		return (-1);
	for (i = 0; i < n; i++) {
		b.s = f->s + 2 * i;
		b.n = 2;
		if (proc_ull(b.s, b.n, 16, &v) < 0)
			return (-1);
		out[i] = (unsigned char)v;
	}
	return (0);
}

static void
field_str(const struct proc_tok *f, char *buf, size_t len)
{
	size_t n = f->n < len - 1 ? f->n : len - 1;

	memcpy(buf, f->s, n);
	buf[n] = '\0';
}


/*
 * Interface names and indexes from a saved tree: names from net/dev,
 * indexes from net/if_inet6, net/igmp and net/dev_mcast where they name
 * the interface.  Each file is optional.
 */
static void
if_note(int index, const char *name, size_t len, void *arg)
{
	char buf[sizeof(ifs[0].name)];
	size_t i;

	(void)arg;
	if (len == 0)
		return;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, name, len);
	buf[len] = '\0';
	for (i = 0; i < nifs; i++)
		if (strcmp(ifs[i].name, buf) == 0) {
			if (ifs[i].index == 0)
				ifs[i].index = index;
			return;
		}
	(void)if_add(index, buf, len);
}

static int
ifline_dev(const char *line, size_t len, void *arg)
{
	const char *colon = memchr(line, ':', len);
	size_t s = 0, e;

	(void)arg;
	if (colon == NULL)
		return (0);
	e = (size_t)(colon - line);
	while (s < e && (line[s] == ' ' || line[s] == '\t'))
		s++;
	if_note(0, line + s, e - s, NULL);
	return (0);
}

/* net/if_inet6: address, index (hex), length, scope, flags, name. */
static int
ifline_inet6(const char *line, size_t len, void *arg)
{
	struct proc_tok f[8];
	unsigned long long idx;

	(void)arg;
	if (proc_split(line, len, f, 7) == 6 &&
	    proc_ull(f[1].s, f[1].n, 16, &idx) == 0 &&
	    idx > 0 && idx < 1U << 31)
		if_note((int)idx, f[5].s, f[5].n, NULL);
	return (0);
}

static void
load_proc_ifs(void)
{
	(void)proc_lines("net/dev", 2, PROC_QUIET, ifline_dev, NULL);
	(void)proc_lines("net/if_inet6", 0, PROC_QUIET, ifline_inet6, NULL);
	proc_ifindexes(if_note, NULL);
	if_width();
}

/* Gateway of a direct route read from a proc file. */
static void
proc_link(char *buf, const char *ifname)
{
	int idx = if_index(ifname);

	if (idx > 0)
		fmt_link(buf, idx);
	else
		(void)strcpy(buf, "-");
}

/*
 * net/route: Iface Destination Gateway Flags RefCnt Use Metric Mask MTU
 * Window IRTT; addresses are the kernel's big-endian words in hex.  The
 * MTU column is the advertised MSS plus 40, not the route's MTU, so Mtu
 * prints as "-".
 */
struct proute4 {
	char		ifname[64];
	unsigned char	dst[4], gw[4];
	int		plen;
	unsigned int	flags;
	long long	metric;
};

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

static int
parse_route4(const char *line, size_t len, struct proute4 *r)
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
	if (parse_route4(line, len, &p) < 0)
		return (-1);
	row_init(&r);
	fmt_dest(dst, sizeof(dst), AF_INET, p.dst, p.plen, NULL);
	if (p.flags & PRTF_GATEWAY)
		fmt_host(gw, sizeof(gw), AF_INET, p.gw, NULL);
	else if (strcmp(p.ifname, "*") == 0)
		(void)strcpy(gw, "-");
	else
		proc_link(gw, p.ifname);
	r.dst = dst;
	r.gw = gw;
	r.flags = proc_flags(p.flags);
	if (p.plen == 32)
		r.flags |= RB_HOST;
	r.netif = strcmp(p.ifname, "*") == 0 ? NULL : p.ifname;
	r.metric = p.metric;
	rt_emit(&r);
	return (0);
}

/*
 * net/ipv6_route: dst, dst length, src, src length, next hop, metric,
 * refcnt, use, flags (all hex), device.  The file holds every table;
 * local routes (RTF_LOCAL, RTF_ANYCAST, multicast) show with -a only, and the
 * kernel's null entry (the reject route at the root of each table) never.
 */
struct proute6 {
	char		ifname[64];
	unsigned char	dst[16], gw[16];
	int		plen;
	unsigned int	flags;
	unsigned long long metric;
};

static int
parse_route6(const char *line, size_t len, struct proute6 *r)
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
	if (parse_route6(line, len, &p) < 0)
		return (-1);
	if (p.plen == 0 && (p.flags & PRTF_REJECT) && p.metric == 0xffffffffULL)
		return (0);	/* the null entry */
	/* The local table's: addresses, anycast, and multicast (ff00::/8). */
	if (((p.flags & (PRTF_LOCAL | PRTF_ANYCAST)) || p.dst[0] == 0xff) &&
	    !aflag)
		return (0);
	row_init(&r);
	fmt_dest(dst, sizeof(dst), AF_INET6, p.dst, p.plen, p.ifname);
	if (p.flags & PRTF_GATEWAY)
		fmt_host(gw, sizeof(gw), AF_INET6, p.gw, p.ifname);
	else if (p.flags & PRTF_REJECT)
		(void)strcpy(gw, "-");
	else
		proc_link(gw, p.ifname);
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
	rt_emit(&r);
	return (0);
}

/*
 * net/arp: IP address, HW type, Flags, HW address, Mask, Device.
 * Complete entries only; permanent ones are static.
 */
struct parp {
	unsigned char	addr[4];
	unsigned char	ll[32];
	size_t		lllen;
	unsigned int	flags;
	char		ifname[64];
};

static int
parse_arp(const char *line, size_t len, struct parp *a)
{
	struct proc_tok f[7], b;
	unsigned long long flags, v;
	char ip[INET_ADDRSTRLEN];
	size_t i, start;

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
	a->lllen = 0;
	for (i = start = 0; i <= f[3].n; i++) {
		if (i < f[3].n && f[3].s[i] != ':')
			continue;
		b.s = f[3].s + start;
		b.n = i - start;
		if (b.n == 0 || b.n > 2 || proc_ull(b.s, b.n, 16, &v) < 0 ||
		    a->lllen == sizeof(a->ll))
			return (-1);
		a->ll[a->lllen++] = (unsigned char)v;
		start = i + 1;
	}
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
	if (parse_arp(line, len, &a) < 0)
		return (-1);
	if (!(a.flags & ATF_COM))
		return (0);
	row_init(&r);
	fmt_host(dst, sizeof(dst), AF_INET, a.addr, NULL);
	fmt_lladdr(gw, sizeof(gw), a.ll, a.lllen);
	r.dst = dst;
	r.gw = gw;
	r.flags = RB_UP | RB_HOST | RB_LLINFO |
	    (a.flags & ATF_PERM ? RB_STATIC : RB_WASCLONED);
	r.netif = a.ifname;
	rt_emit(&r);
	return (0);
}

static void
routepr_proc(void)
{
	load_proc_ifs();
	rt_title();
	if (af == AF_UNSPEC || af == AF_INET) {
		family_begin(AF_INET);
		(void)proc_lines("net/route", 1, 0, line_route4, NULL);
		(void)proc_lines("net/arp", 1, 0, line_arp, NULL);
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
	out_flush();
	fprintf(stderr, "netstat: %s: unknown routing table\n", name);
	exit(1);
}

void
routepr(void)
{
	select_table();
	if (memf != NULL && (sel_all || sel_table != RT_TABLE_MAIN)) {
		out_flush();
		fprintf(stderr, "netstat: -F %s: a saved proc tree holds only "
		    "the main table\n", fibname);
		exit(1);
	}
	if (memf != NULL || routepr_live() < 0) {
		if (memf == NULL && (sel_all || sel_table != RT_TABLE_MAIN)) {
			out_flush();
			fprintf(stderr, "netstat: -F %s: netlink is not "
			    "available, and /proc shows only the main table\n",
			    fibname);
			exit(1);
		}
		routepr_proc();
	}
	if (rt_badmsgs > 0) {
		out_flush();
		fprintf(stderr, "netstat: %lu malformed netlink message%s "
		    "skipped\n", rt_badmsgs, rt_badmsgs == 1 ? "" : "s");
	}
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
static int
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
static int
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
	out_flush();
	fprintf(stderr, "netstat: %s: malformed, skipped\n", path);
	exit_status = 1;
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
