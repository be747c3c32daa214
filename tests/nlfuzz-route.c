/*
 * Hostile bytes for route.c's rtnetlink parsers (rt_parse and the
 * RTA_MULTIPATH walker rt_nexthop, neigh_parse, neightbl_parse), for
 * iface.c's link_parse and the interface cache it fills, and for the
 * dump callbacks that print rows (route_msg, neigh_msg, neightbl_msg).
 * Linked against the program's sources.  See nlfuzz.h.
 */
#pragma GCC diagnostic ignored "-Wunused-function"

#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/neighbour.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>

#include "../netstat.h"
#include "../route.h"
#include "nlfuzz.h"

#define	ITERATIONS	40000

enum { K_ROUTE, K_MULTIPATH, K_NEIGH, K_NEIGHTBL, K_LINK, K_MAX };

/* An IPv4 10.0.0.0/8 via 192.168.1.1 or an IPv6 2001:db8::/32 route. */
static void
build_route(struct msg *m, int framed, int family, int multipath)
{
	unsigned char dst[16] = { 0x20, 0x01, 0x0d, 0xb8 };
	unsigned char gw6[16] = { 0xfe, 0x80, [15] = 1 };
	unsigned char via[18];
	uint32_t gw4 = htonl(0xc0a80101), dst4 = htonl(0x0a000000);
	struct rta_cacheinfo ci;
	struct rtnexthop nh;
	struct rtmsg rtm;
	size_t mp, mx, h;
	uint16_t vf = AF_INET6;

	memset(&rtm, 0, sizeof(rtm));
	rtm.rtm_family = (uint8_t)family;
	rtm.rtm_dst_len = family == AF_INET ? 8 : 32;
	rtm.rtm_table = RT_TABLE_MAIN;
	rtm.rtm_protocol = RTPROT_STATIC;
	rtm.rtm_type = RTN_UNICAST;
	msg_begin(m, framed, RTM_NEWROUTE, &rtm, sizeof(rtm));
	attr_u32(m, RTA_TABLE, RT_TABLE_MAIN);
	if (family == AF_INET)
		(void)attr_put(m, RTA_DST, &dst4, 4);
	else
		(void)attr_put(m, RTA_DST, dst, 16);
	attr_u32(m, RTA_PRIORITY, 100);
	mx = attr_nest(m, RTA_METRICS);
	attr_u32(m, RTAX_MTU, 1400);
	attr_nest_end(m, mx);
	memset(&ci, 0, sizeof(ci));
	ci.rta_expires = 500;
	(void)attr_put(m, RTA_CACHEINFO, &ci, sizeof(ci));
	if (!multipath) {
		attr_u32(m, RTA_OIF, 2);
		if (family == AF_INET)
			(void)attr_put(m, RTA_GATEWAY, &gw4, 4);
		else
			(void)attr_put(m, RTA_GATEWAY, gw6, 16);
	} else {
		mp = attr_nest(m, RTA_MULTIPATH);
		/* Hop 1: a gateway of the family, weight 1. */
		memset(&nh, 0, sizeof(nh));
		nh.rtnh_ifindex = 2;
		h = msg_raw(m, &nh, sizeof(nh));
		if (family == AF_INET)
			(void)attr_put(m, RTA_GATEWAY, &gw4, 4);
		else
			(void)attr_put(m, RTA_GATEWAY, gw6, 16);
		nh.rtnh_len = (unsigned short)(m->len - h);
		memcpy(m->b + h, &nh, sizeof(nh));
		/* Hop 2: RTA_VIA an IPv6 gateway, weight 3. */
		nh.rtnh_ifindex = 3;
		nh.rtnh_hops = 2;
		h = msg_raw(m, &nh, sizeof(nh));
		memcpy(via, &vf, sizeof(vf));
		memcpy(via + 2, gw6, 16);
		(void)attr_put(m, RTA_VIA, via, sizeof(via));
		nh.rtnh_len = (unsigned short)(m->len - h);
		memcpy(m->b + h, &nh, sizeof(nh));
		/* The nexthop headers are mutation targets too. */
		if (m->nat + 2 <= MSG_MAXATTR) {
			m->at[m->nat++] = h;
			m->at[m->nat++] = mp + RTA_LENGTH(0);
		}
		attr_nest_end(m, mp);
	}
	if (framed)
		msg_end_nl(m);
}

static void
build_neigh(struct msg *m, int framed, int family)
{
	static const unsigned char ll[6] = { 0x52, 0x54, 0, 0x12, 0x34, 0x56 };
	unsigned char dst6[16] = { 0xfe, 0x80, [15] = 9 };
	uint32_t dst4 = htonl(0xc0a80105);
	struct nda_cacheinfo ci;
	struct ndmsg ndm;

	memset(&ndm, 0, sizeof(ndm));
	ndm.ndm_family = (uint8_t)family;
	ndm.ndm_ifindex = 2;
	ndm.ndm_state = NUD_REACHABLE;
	msg_begin(m, framed, RTM_NEWNEIGH, &ndm, sizeof(ndm));
	if (family == AF_INET)
		(void)attr_put(m, NDA_DST, &dst4, 4);
	else
		(void)attr_put(m, NDA_DST, dst6, 16);
	(void)attr_put(m, NDA_LLADDR, ll, sizeof(ll));
	memset(&ci, 0, sizeof(ci));
	ci.ndm_confirmed = 250;
	(void)attr_put(m, NDA_CACHEINFO, &ci, sizeof(ci));
	if (framed)
		msg_end_nl(m);
}

static void
build_neightbl(struct msg *m, int framed, int index)
{
	struct ndtmsg ndtm;
	uint64_t reach = 30000;
	size_t p;

	memset(&ndtm, 0, sizeof(ndtm));
	ndtm.ndtm_family = AF_INET;
	msg_begin(m, framed, RTM_NEWNEIGHTBL, &ndtm, sizeof(ndtm));
	(void)attr_put(m, NDTA_NAME, "arp_cache", 10);
	p = attr_nest(m, NDTA_PARMS);
	attr_u32(m, NDTPA_IFINDEX, (uint32_t)index);
	(void)attr_put(m, NDTPA_REACHABLE_TIME, &reach, sizeof(reach));
	attr_nest_end(m, p);
	if (framed)
		msg_end_nl(m);
}

static void
build_link(struct msg *m, int framed, int index, const char *name,
    size_t namelen)
{
	struct rtnl_link_stats64 s64;
	struct ifinfomsg ifi;

	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_index = index;
	msg_begin(m, framed, RTM_NEWLINK, &ifi, sizeof(ifi));
	(void)attr_put(m, IFLA_IFNAME, name, namelen);
	attr_u32(m, IFLA_MTU, 65536);
	memset(&s64, 0, sizeof(s64));
	(void)attr_put(m, IFLA_STATS64, &s64, sizeof(s64));
	if (framed)
		msg_end_nl(m);
}

static void
build(struct msg *m, int kind, int framed, int family)
{
	static const char longname[] = "a-very-long-interface-name-"
	    "longer-than-ifnamsiz-and-the-table's-64-bytes-of-room-too";

	switch (kind) {
	case K_ROUTE:
	case K_MULTIPATH:
		build_route(m, framed, family, kind == K_MULTIPATH);
		break;
	case K_NEIGH:
		build_neigh(m, framed, family);
		break;
	case K_NEIGHTBL:
		build_neightbl(m, framed, (int)rnd_below(4));
		break;
	default:
		/* link_parse reads whole messages: always framed. */
		(void)framed;
		build_link(m, 1, (int)rnd_below(6), longname,
		    rnd_below(2) ? 5 : sizeof(longname) - rnd_below(2));
		break;
	}
}

/* The link dump's callback: what iface.c's loader does with a link. */
static int
cache_link_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct link_info li;

	(void)arg;
	if (link_parse(nlh, nlh->nlmsg_len, &li) == 1)
		iface_add(li.index, li.name, li.namelen);
	return (0);
}

/*
 * The pure parsers over exactly len bytes; the multipath list is walked
 * to its end while the message is still allocated.  Returns the parser's
 * result.
 */
static int
parse_exact(int kind, const void *src, size_t len, int *hops)
{
	unsigned char *p = exact(src, len);
	const unsigned char *mp;
	struct nexthop nh;
	struct neighinfo ni;
	struct rtinfo ri;
	struct link_info li;
	long long ms;
	size_t mplen;
	int rc, index;

	*hops = 0;
	switch (kind) {
	case K_ROUTE:
	case K_MULTIPATH:
		if ((rc = rt_parse(p, len, &ri)) < 0 || ri.mp == NULL)
			break;
		mp = ri.mp;
		mplen = ri.mplen;
		while (rt_nexthop(&mp, &mplen, ri.family, &nh) > 0)
			(*hops)++;
		break;
	case K_NEIGH:
		rc = neigh_parse(p, len, &ni);
		if (rc == 0 && ni.ll != NULL && ni.lllen > 0)
			*hops = ni.ll[ni.lllen - 1];	/* touch its end */
		break;
	case K_NEIGHTBL:
		rc = neightbl_parse(p, len, &index, &ms);
		break;
	default:
		if ((rc = link_parse(p, len, &li)) == 1 && li.namelen > 0)
			*hops = li.name[li.namelen - 1];
		if (rc == 1)
			rc = 0;
		break;
	}
	free(p);
	return (rc);
}

static void
known_answers(void)
{
	unsigned char w[MSG_CAP];
	struct neighinfo ni;
	struct rtinfo ri;
	struct nexthop nh[3];
	struct msg m;
	const unsigned char *mp;
	struct link_info li;
	long long ms;
	size_t mplen;
	int index, n = 0;

	build_route(&m, 0, AF_INET, 0);
	check(rt_parse(m.b, m.len, &ri) == 0 && ri.family == AF_INET &&
	    ri.dst_len == 8 && ri.dst[0] == 10 && ri.table == RT_TABLE_MAIN &&
	    ri.priority == 100 && ri.mtu == 1400 && ri.expires == 500 &&
	    ri.nh.ifindex == 2 && ri.nh.gwfamily == AF_INET &&
	    ri.nh.gw[0] == 192 && ri.nh.gw[3] == 1 && ri.mp == NULL,
	    "route: rt_parse: an IPv4 route's fields");

	build_route(&m, 0, AF_INET6, 1);
	if (rt_parse(m.b, m.len, &ri) == 0 && ri.mp != NULL) {
		mp = ri.mp;
		mplen = ri.mplen;
		while (n < 3 && rt_nexthop(&mp, &mplen, ri.family, &nh[n]) > 0)
			n++;
	}
	check(n == 2 && nh[0].ifindex == 2 && nh[0].weight == 1 &&
	    nh[0].gwfamily == AF_INET6 && nh[0].gw[0] == 0xfe &&
	    nh[1].ifindex == 3 && nh[1].weight == 3 &&
	    nh[1].gwfamily == AF_INET6 && nh[1].gw[15] == 1,
	    "route: rt_parse, rt_nexthop: two next hops, RTA_GATEWAY and "
	    "RTA_VIA");

	build_route(&m, 0, AF_INET, 0);
	memcpy(w, m.b, m.len);
	w[1] = 33;			/* rtm_dst_len */
	check(rt_parse(w, m.len, &ri) < 0,
	    "route: rt_parse: an IPv4 prefix of 33 bits is malformed");
	memcpy(w, m.b, m.len);
	w[m.at[1]] = RTA_LENGTH(3);	/* RTA_DST */
	check(rt_parse(w, m.len, &ri) < 0,
	    "route: rt_parse: a 3-byte RTA_DST is malformed");

	build_neigh(&m, 0, AF_INET);
	check(neigh_parse(m.b, m.len, &ni) == 0 && ni.family == AF_INET &&
	    ni.ifindex == 2 && ni.state == NUD_REACHABLE &&
	    ni.dst[0] == 192 && ni.dst[3] == 5 && ni.lllen == 6 &&
	    ni.ll[0] == 0x52 && ni.confirmed == 250,
	    "route: neigh_parse: a neighbour's fields");
	check(neigh_parse(m.b, NLMSG_ALIGN(sizeof(struct ndmsg)), &ni) < 0,
	    "route: neigh_parse: a neighbour without NDA_DST is malformed");

	build_neightbl(&m, 0, 3);
	check(neightbl_parse(m.b, m.len, &index, &ms) == 1 && index == 3 &&
	    ms == 30000, "route: neightbl_parse: reachable time of ifindex 3");
	check(neightbl_parse(m.b, m.at[1], &index, &ms) == 0,
	    "route: neightbl_parse: no NDTA_PARMS, no figure");

	build_link(&m, 1, 7, "veth0", 5);
	check(link_parse(m.b, m.len, &li) == 1 && li.index == 7 &&
	    li.namelen == 5 && memcmp(li.name, "veth0", 5) == 0,
	    "route: link_parse: index and a name without NUL");
	iface_add(7, "veth0", 5);
	iface_add(9, "veth0", 5);
	iface_add(0, "eth1", 4);
	iface_add(8, "eth1", 4);
	check(iface_index("veth0") == 7 && iface_name(7) != NULL &&
	    strcmp(iface_name(7), "veth0") == 0 && iface_name(9) == NULL &&
	    iface_index("eth1") == 8 && strcmp(iface_name(8), "eth1") == 0 &&
	    iface_index("nosuch") == 0,
	    "route: the interface cache: first index wins, one learned late");
}

static void
truncations(void)
{
	struct msg m;
	size_t l;
	int kind, hops;

	for (kind = 0; kind < K_MAX; kind++) {
		build(&m, kind, 0, kind == K_MULTIPATH ? AF_INET6 : AF_INET);
		for (l = 0; l <= m.len; l++)
			(void)parse_exact(kind, m.b, l, &hops);
	}
	check(1, "route: every truncation of each kind of message");
}

static void
fuzz(int iterations)
{
	static unsigned char w[MSG_CAP * 2];
	struct dumpctx ctx;
	struct msg m;
	size_t wl;
	int i, kind, framed, family, hops, ok = 0, bad = 0, walked = 0;
	uint16_t type;

	for (i = 0; i < iterations; i++) {
		kind = (int)rnd_below(K_MAX);
		framed = rnd_below(2);
		family = rnd_below(2) ? AF_INET : AF_INET6;
		build(&m, kind, framed, family);
		memcpy(w, m.b, m.len);
		wl = m.len;
		if (!framed) {
			mutate(w, &wl, &m, 0);
			if (parse_exact(kind, w, wl, &hops) >= 0)
				ok++;
			else
				bad++;
			continue;
		}
		mutate_nl(w, &wl, &m, NLMSG_HDRLEN);
		walked++;
		lflag = rnd_below(2);
		ctx.family = rnd_below(4) ? family : AF_INET;
		ctx.table = rnd_below(2) ? 0 : RT_TABLE_MAIN;
		switch (kind) {
		case K_ROUTE:
		case K_MULTIPATH:
			(void)walk_exact(w, wl, route_msg, &ctx);
			break;
		case K_NEIGH:
			(void)walk_exact(w, wl, neigh_msg, &ctx);
			break;
		case K_NEIGHTBL:
			(void)walk_exact(w, wl, neightbl_msg, NULL);
			break;
		default:
			if (iface_count() < 4096)
				(void)walk_exact(w, wl, cache_link_msg, NULL);
			break;
		}
		/* A message of another kind's type, now and then. */
		if (rnd_below(16) == 0 && wl >= NLMSG_HDRLEN) {
			type = (uint16_t)(RTM_NEWLINK + rnd_below(70));
			memcpy(w + offsetof(struct nlmsghdr, nlmsg_type),
			    &type, sizeof(type));
			(void)walk_exact(w, wl, route_msg, &ctx);
			(void)walk_exact(w, wl, neigh_msg, &ctx);
		}
	}
	check(ok > 0 && bad > 0, "route: parsers: %d mutants (%d parsed, "
	    "%d refused)", ok + bad, ok, bad);
	check(1, "route: route_msg, neigh_msg, neightbl_msg, link_parse: %d "
	    "mutants walked", walked);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;			/* no name service */
	known_answers();
	truncations();
	if_width();
	out_set_style("text");
	out_init();
	family_begin(AF_INET);
	fuzz(ITERATIONS);
	family_end();
	check(out_finish() == 0, "route: text output survived");
	out_set_style("json");
	out_init();
	rt_title();
	family_begin(AF_INET6);
	fuzz(ITERATIONS / 4);
	family_end();
	rt_title_end();
	check(out_finish() == 0, "route: JSON output survived");
	return (failures ? 1 : 0);
}
