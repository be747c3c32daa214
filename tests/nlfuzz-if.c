/*
 * Hostile bytes for the interface parsers: the rtnetlink ones (iface.c's
 * link_parse, if.c's addr_parse), alone and walked as a dump, and the
 * proc-line ones of iface.c (net/igmp, net/igmp6, net/dev_mcast, net/dev,
 * net/if_inet6).  Linked against the program's sources.  See nlfuzz.h.
 */
#pragma GCC diagnostic ignored "-Wunused-function"

#include <sys/socket.h>

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>

#include "../netstat.h"
#include "nlfuzz.h"

#define	ITERATIONS	50000

/* An RTM_NEWLINK message; stats: 64 or 32 (bits), or 0 for none. */
static void
build_link(struct msg *m, const char *name, size_t namelen, int stats)
{
	static const unsigned char mac[6] = { 0x02, 0, 0x5e, 0x10, 0, 0x01 };
	struct rtnl_link_stats64 s64;
	struct rtnl_link_stats s32;
	struct ifinfomsg ifi;

	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_family = AF_UNSPEC;
	ifi.ifi_type = ARPHRD_ETHER;
	ifi.ifi_index = 3;
	ifi.ifi_flags = IFF_UP | IFF_RUNNING;
	msg_begin(m, 1, RTM_NEWLINK, &ifi, sizeof(ifi));
	(void)attr_put(m, IFLA_IFNAME, name, namelen);
	attr_u32(m, IFLA_MTU, 1500);
	(void)attr_put(m, IFLA_ADDRESS, mac, sizeof(mac));
	if (stats == 64) {
		memset(&s64, 0, sizeof(s64));
		s64.rx_packets = 10;
		s64.tx_packets = 20;
		s64.rx_bytes = 1ULL << 40;
		s64.tx_bytes = 2000;
		s64.rx_errors = 1;
		s64.rx_dropped = 2;
		s64.rx_missed_errors = 3;
		s64.collisions = 4;
		(void)attr_put(m, IFLA_STATS64, &s64, sizeof(s64));
	} else if (stats == 32) {
		memset(&s32, 0, sizeof(s32));
		s32.rx_packets = 11;
		s32.rx_dropped = 5;
		s32.rx_missed_errors = 6;
		(void)attr_put(m, IFLA_STATS, &s32, sizeof(s32));
	}
	msg_end_nl(m);
}

static void
build_addr(struct msg *m, int family, int plen, int index)
{
	struct ifaddrmsg ifa;
	unsigned char a6[16] = { 0xfe, 0x80, [15] = 0x42 };
	uint32_t local = htonl(0x0a000001), peer = htonl(0x0a000002);

	memset(&ifa, 0, sizeof(ifa));
	ifa.ifa_family = (uint8_t)family;
	ifa.ifa_prefixlen = (uint8_t)plen;
	ifa.ifa_index = (uint32_t)index;
	msg_begin(m, 1, RTM_NEWADDR, &ifa, sizeof(ifa));
	if (family == AF_INET) {
		(void)attr_put(m, IFA_ADDRESS, &peer, sizeof(peer));
		(void)attr_put(m, IFA_LOCAL, &local, sizeof(local));
	} else
		(void)attr_put(m, IFA_ADDRESS, a6, sizeof(a6));
	(void)attr_put(m, IFA_LABEL, "eth0", 5);
	msg_end_nl(m);
}

/* A link as parsed, its name and hardware address copied out. */
struct link_copy {
	struct link_info li;
	char		 name[256];
	uint8_t		 hw[64];
};

static int
link_exact(const void *src, size_t len, struct link_copy *r)
{
	unsigned char *p = exact(src, len);
	int rc;

	rc = link_parse(p, len, &r->li);
	if (rc == 1) {
		if (r->li.name == NULL || r->li.namelen == 0 ||
		    r->li.namelen >= sizeof(r->name))
			rc = -2;
		else {
			memcpy(r->name, r->li.name, r->li.namelen);
			r->name[r->li.namelen] = '\0';
		}
		if (r->li.hwlen > sizeof(r->hw))
			r->li.hwlen = sizeof(r->hw);
		if (r->li.hw != NULL)
			memcpy(r->hw, r->li.hw, r->li.hwlen);
	}
	free(p);
	return (rc);
}

static int
addr_exact(const void *src, size_t len, struct addr_info *a)
{
	return (addr_parse(exact_tmp(src, len), len, a));
}

/* The dump walker's callbacks: count what parses. */
static int
link_walk_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct link_info li;

	if (link_parse(nlh, nlh->nlmsg_len, &li) == 1)
		(*(int *)arg)++;
	return (0);
}

static int
addr_walk_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct addr_info a;

	if (addr_parse(nlh, nlh->nlmsg_len, &a) == 1)
		(*(int *)arg)++;
	return (0);
}

static void
known_answers(void)
{
	struct addr_info a;
	struct link_copy r;
	struct msg m;
	int rc;

	build_link(&m, "eth0", 5, 64);
	rc = link_exact(m.b, m.len, &r);
	check(rc == 1 && strcmp(r.name, "eth0") == 0 && r.li.index == 3 &&
	    r.li.havemtu && r.li.mtu == 1500 && r.li.hwlen == 6 &&
	    r.hw[2] == 0x5e && r.li.type == ARPHRD_ETHER &&
	    (r.li.flags & IFF_UP) && r.li.st.ipackets == 10 &&
	    r.li.st.opackets == 20 && r.li.st.ibytes == 1ULL << 40 &&
	    r.li.st.idrops == 5 && r.li.st.colls == 4,
	    "if: link_parse: a link's fields and counters");

	build_link(&m, "veth-without-nul", 16, 32);
	rc = link_exact(m.b, m.len, &r);
	check(rc == 1 && strcmp(r.name, "veth-without-nul") == 0 &&
	    r.li.st.ipackets == 11 && r.li.st.idrops == 11,
	    "if: link_parse: a name without NUL, 32-bit counters");

	build_link(&m, "eth0", 5, 0);
	check(link_exact(m.b, m.len, &r) < 0,
	    "if: link_parse: a link without counters is malformed");
	build_link(&m, "", 1, 64);
	check(link_exact(m.b, m.len, &r) < 0,
	    "if: link_parse: an empty name is malformed");

	build_addr(&m, AF_INET, 24, 3);
	check(addr_exact(m.b, m.len, &a) == 1 && a.index == 3 &&
	    a.family == AF_INET && a.plen == 24 && a.addr[0] == 10 &&
	    a.addr[3] == 1, "if: addr_parse: IFA_LOCAL wins over IFA_ADDRESS");
	build_addr(&m, AF_INET6, 64, 7);
	check(addr_exact(m.b, m.len, &a) == 1 && a.index == 7 &&
	    a.family == AF_INET6 && a.plen == 64 && a.addr[0] == 0xfe &&
	    a.addr[15] == 0x42, "if: addr_parse: an IPv6 address");
	build_addr(&m, AF_INET, 33, 3);
	check(addr_exact(m.b, m.len, &a) < 0,
	    "if: addr_parse: a prefix longer than the address is malformed");
	build_addr(&m, AF_PACKET, 0, 3);
	check(addr_exact(m.b, m.len, &a) == 0,
	    "if: addr_parse: another family is skipped");
}

static void
truncations(void)
{
	struct addr_info a;
	struct link_copy r;
	struct msg m;
	size_t l;

	build_link(&m, "enp0s31f6", 10, 64);
	for (l = 0; l <= m.len; l++)
		(void)link_exact(m.b, l, &r);
	build_addr(&m, AF_INET6, 64, 2);
	for (l = 0; l <= m.len; l++)
		(void)addr_exact(m.b, l, &a);
	check(1, "if: link_parse, addr_parse: every truncation");
}

static void
fuzz(int iterations)
{
	static unsigned char w[MSG_CAP * 2];
	static const char longname[] = "a-name-longer-than-ifnamsiz-by-far";
	struct addr_info a;
	struct link_copy r;
	struct msg m;
	size_t wl;
	int i, rc, nlink = 0, naddr = 0, walked = 0, kind, noname = 0;
	int parsed = 0;

	for (i = 0; i < iterations; i++) {
		kind = (int)rnd_below(3);
		if (kind == 0)
			build_link(&m, longname, rnd_below(2) ? 3 :
			    sizeof(longname) - rnd_below(2),
			    rnd_below(4) == 0 ? 32 : 64);
		else
			build_addr(&m, rnd_below(2) ? AF_INET : AF_INET6,
			    (int)rnd_below(140), (int)rnd_below(5));
		memcpy(w, m.b, m.len);
		wl = m.len;
		mutate_nl(w, &wl, &m, NLMSG_HDRLEN);
		switch (rnd_below(3)) {
		case 0:
			rc = link_exact(w, wl, &r);
			if (rc == -2)
				noname++;
			nlink++;
			break;
		case 1:
			(void)addr_exact(w, wl, &a);
			naddr++;
			break;
		default:
			(void)walk_exact(w, wl, kind == 0 ? link_walk_cb :
			    addr_walk_cb, &parsed);
			walked++;
			break;
		}
	}
	check(noname == 0, "if: link_parse: a row is never without a name");
	check(1, "if: link_parse: %d mutants, addr_parse: %d mutants, "
	    "walked: %d (%d parsed)", nlink, naddr, walked, parsed);
}

/*
 * The proc-line parsers of iface.c.
 */
static int
igmp_exact(const char *line, struct igmp_dev *dev, struct mcgroup *g)
{
	size_t len = strlen(line);

	return (igmp_parse(exact_tmp(line, len), len, dev, g));
}

static int
line_exact(int kind, const char *line, size_t len, struct mcgroup *g)
{
	unsigned char *p = exact(line, len);
	struct netdev_info nd;
	struct ifinet6_info ia;
	int rc;

	switch (kind) {
	case 0:
		rc = igmp6_parse((const char *)p, len, g);
		break;
	case 1:
		rc = devmcast_parse((const char *)p, len, g);
		break;
	case 2:
		rc = netdev_parse((const char *)p, len, &nd);
		if (rc == 0 && (nd.namelen == 0 || nd.name[nd.namelen - 1] ==
		    ':'))
			rc = -2;
		break;
	default:
		rc = ifinet6_parse((const char *)p, len, &ia);
		if (rc == 0 && (ia.plen > 128 || ia.index < 0))
			rc = -2;
		break;
	}
	free(p);
	return (rc);
}

static void
known_lines(void)
{
	struct igmp_dev dev;
	struct mcgroup g;
	int n;

	memset(&dev, 0, sizeof(dev));
	check(igmp_exact("Idx\tDevice    : Count Querier\tGroup    Users "
	    "Timer\tReporter", &dev, &g) == 0 && dev.ifindex == 0,
	    "if: igmp_parse: the header");
	check(igmp_exact("3\teth0      :     2      V2", &dev, &g) == 0 &&
	    dev.ifindex == 3 && strcmp(dev.name, "eth0") == 0 &&
	    dev.count == 2 && dev.version == 2,
	    "if: igmp_parse: a device line");
	check(igmp_exact("\t\t\t\t010000E0     1 0:00000000\t\t0", &dev,
	    &g) == 1 && g.family == AF_INET && g.ifindex == 3 &&
	    strcmp(g.name, "eth0") == 0 && g.version == 2 && g.users == 1 &&
	    g.alen == 4 && *(uint32_t *)(void *)g.addr == 0x010000E0,
	    "if: igmp_parse: a group of that device");
	check(igmp_exact("12\twlp3s0-peer-15c:     1      V3", &dev, &g) ==
	    0 && dev.ifindex == 12 && strcmp(dev.name, "wlp3s0-peer-15c") ==
	    0 && dev.version == 3,
	    "if: igmp_parse: the colon glued to a long name");
	check(igmp_exact("4\tbr0       :     2      V4", &dev, &g) < 0 &&
	    dev.ifindex == 0 && igmp_exact("\t\t\t\t010000E0     1 "
	    "0:00000000\t\t0", &dev, &g) < 0,
	    "if: igmp_parse: a bad querier, and its groups are malformed");

	check(line_exact(0, "2    eth0            ff0200000000000000000001"
	    "ff1b7025     1 00000004 0", 70, &g) == 0 &&
	    g.family == AF_INET6 && g.ifindex == 2 &&
	    strcmp(g.name, "eth0") == 0 && g.addr[0] == 0xff &&
	    g.addr[15] == 0x25 && g.users == 1 && g.flags == 4,
	    "if: igmp6_parse: a group's fields");
	check(line_exact(0, "0    eth0            ff0200000000000000000001"
	    "ff1b7025     1 00000004 0", 70, &g) < 0,
	    "if: igmp6_parse: index 0 is malformed");
	n = line_exact(1, "2    wlp3s0-peer-15c 1     0     01005e000001", 45,
	    &g);
	check(n == 0 && g.family == AF_PACKET && g.ifindex == 2 &&
	    strcmp(g.name, "wlp3s0-peer-15c") == 0 && g.users == 1 &&
	    g.alen == 6 && g.addr[2] == 0x5e,
	    "if: devmcast_parse: a link-layer group");
	check(line_exact(1, "2    eth0 1 0 01005e000001 extra", 32, &g) < 0,
	    "if: devmcast_parse: a field too many is malformed");
}

/* Random damage to a line: bytes changed, cut, doubled, blanks. */
static void
mutate_line(char *w, size_t *wl, size_t cap)
{
	static const char junk[] = " \t:0123456789abcdefxV-\377";
	size_t n = *wl, i;
	int k, rounds = 1 + (int)rnd_below(4);

	for (k = 0; k < rounds; k++) {
		switch (rnd_below(4)) {
		case 0:
			if (n > 0)
				w[rnd_below((uint32_t)n)] =
				    junk[rnd_below(sizeof(junk) - 1)];
			break;
		case 1:
			n = rnd_below((uint32_t)n + 1);
			break;
		case 2:
			i = rnd_below((uint32_t)n + 1);
			if (n + 1 < cap) {
				memmove(w + i + 1, w + i, n - i);
				w[i] = junk[rnd_below(sizeof(junk) - 1)];
				n++;
			}
			break;
		default:
			if (n > 0 && 2 * n < cap) {
				memcpy(w + n, w, n);
				n *= 2;
			}
			break;
		}
	}
	*wl = n;
}

static void
fuzz_lines(int iterations)
{
	static const char *const lines[] = {
		"1 lo ff020000000000000000000000000001 1 0000000C 0",
		"3    eth0            1     0     333300000001",
		"  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
		"fe800000000000000000000000000001 02 40 20 80     eth0",
	};
	static const char *const igmp[] = {
		"1\tlo        :     1      V3",
		"\t\t\t\t010000E0     1 0:00000000\t\t0",
		"12\ta-long-name-here:     1      V2",
	};
	struct igmp_dev dev;
	struct mcgroup g;
	const char *src;
	char w[512];
	size_t wl, n;
	int i, kind, rc, ok = 0, bad = 0, wrong = 0;
	unsigned char *p;

	memset(&dev, 0, sizeof(dev));
	for (i = 0; i < iterations; i++) {
		kind = (int)rnd_below(5);
		/* igmp lines in turn: a device line, then its groups. */
		src = kind < 4 ? lines[kind] : igmp[i % 3];
		n = strlen(src);
		memcpy(w, src, n);
		wl = n;
		mutate_line(w, &wl, sizeof(w));
		if (kind < 4)
			rc = line_exact(kind, w, wl, &g);
		else {
			p = exact(w, wl);
			rc = igmp_parse((const char *)p, wl, &dev, &g);
			free(p);
			if (rc == 1 && (g.ifindex <= 0 || g.namelen == 0 ||
			    g.namelen >= sizeof(g.name)))
				rc = -2;
		}
		if (rc == -2)
			wrong++;
		else if (rc >= 0)
			ok++;
		else
			bad++;
	}
	check(wrong == 0, "if: proc-line parsers: nothing out of range");
	check(ok > 0 && bad > 0, "if: proc-line parsers: %d mutants (%d "
	    "parsed, %d refused)", ok + bad, ok, bad);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;
	known_answers();
	known_lines();
	truncations();
	fuzz(ITERATIONS);
	fuzz_lines(ITERATIONS);
	return (failures ? 1 : 0);
}
