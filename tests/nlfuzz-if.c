/*
 * Hostile bytes for if.c's rtnetlink parsers (link_parse, addr_parse)
 * and the dump callbacks that fill the interface table (link_cb,
 * addr_cb).  See nlfuzz.h.
 */
#pragma GCC diagnostic ignored "-Wunused-function"

#include "../if.c"
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

	msg_start_nl(m, RTM_NEWLINK, sizeof(ifi));
	memset(&ifi, 0, sizeof(ifi));
	ifi.ifi_family = AF_UNSPEC;
	ifi.ifi_type = ARPHRD_ETHER;
	ifi.ifi_index = 3;
	ifi.ifi_flags = IFF_UP | IFF_RUNNING;
	msg_hdr(m, NLMSG_HDRLEN, &ifi, sizeof(ifi));
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

	msg_start_nl(m, RTM_NEWADDR, sizeof(ifa));
	memset(&ifa, 0, sizeof(ifa));
	ifa.ifa_family = (uint8_t)family;
	ifa.ifa_prefixlen = (uint8_t)plen;
	ifa.ifa_index = (uint32_t)index;
	msg_hdr(m, NLMSG_HDRLEN, &ifa, sizeof(ifa));
	if (family == AF_INET) {
		(void)attr_put(m, IFA_ADDRESS, &peer, sizeof(peer));
		(void)attr_put(m, IFA_LOCAL, &local, sizeof(local));
	} else
		(void)attr_put(m, IFA_ADDRESS, a6, sizeof(a6));
	(void)attr_put(m, IFA_LABEL, "eth0", 5);
	msg_end_nl(m);
}

static int
link_exact(const void *src, size_t len, struct ifr *r)
{
	unsigned char *p = exact(src, len);
	int rc;

	rc = link_parse(p, len, r);
	exact_free(p, len);
	if (rc == 1 && r->name == NULL)
		rc = -2;
	return (rc);
}

static int
addr_exact(const void *src, size_t len, int *index, struct ifaddr_r *a)
{
	unsigned char *p = exact(src, len);
	int rc;

	rc = addr_parse(p, len, index, a);
	exact_free(p, len);
	return (rc);
}

static void
known_answers(void)
{
	struct ifaddr_r a;
	struct ifr r;
	struct msg m;
	int index, rc;

	build_link(&m, "eth0", 5, 64);
	rc = link_exact(m.b, m.len, &r);
	check(rc == 1 && strcmp(r.name, "eth0") == 0 && r.index == 3 &&
	    r.havemtu && r.mtu == 1500 && r.hwlen == 6 && r.hw[2] == 0x5e &&
	    r.type == ARPHRD_ETHER && (r.flags & IFF_UP) &&
	    r.st.ipackets == 10 && r.st.opackets == 20 &&
	    r.st.ibytes == 1ULL << 40 && r.st.idrops == 5 &&
	    r.st.colls == 4, "if: link_parse: a link's fields and counters");
	if (rc == 1)
		free(r.name);

	build_link(&m, "veth-without-nul", 16, 32);
	rc = link_exact(m.b, m.len, &r);
	check(rc == 1 && strcmp(r.name, "veth-without-nul") == 0 &&
	    r.st.ipackets == 11 && r.st.idrops == 11,
	    "if: link_parse: a name without NUL, 32-bit counters");
	if (rc == 1)
		free(r.name);

	build_link(&m, "eth0", 5, 0);
	check(link_exact(m.b, m.len, &r) < 0,
	    "if: link_parse: a link without counters is malformed");
	build_link(&m, "", 1, 64);
	check(link_exact(m.b, m.len, &r) < 0,
	    "if: link_parse: an empty name is malformed");

	build_addr(&m, AF_INET, 24, 3);
	check(addr_exact(m.b, m.len, &index, &a) == 1 && index == 3 &&
	    a.family == AF_INET && a.plen == 24 && a.addr[0] == 10 &&
	    a.addr[3] == 1, "if: addr_parse: IFA_LOCAL wins over IFA_ADDRESS");
	build_addr(&m, AF_INET6, 64, 7);
	check(addr_exact(m.b, m.len, &index, &a) == 1 && index == 7 &&
	    a.family == AF_INET6 && a.plen == 64 && a.addr[0] == 0xfe &&
	    a.addr[15] == 0x42, "if: addr_parse: an IPv6 address");
	build_addr(&m, AF_INET, 33, 3);
	check(addr_exact(m.b, m.len, &index, &a) < 0,
	    "if: addr_parse: a prefix longer than the address is malformed");
	build_addr(&m, AF_PACKET, 0, 3);
	check(addr_exact(m.b, m.len, &index, &a) == 0,
	    "if: addr_parse: another family is skipped");
}

static void
truncations(void)
{
	struct ifaddr_r a;
	struct ifr r;
	struct msg m;
	size_t l;
	int index;

	build_link(&m, "enp0s31f6", 10, 64);
	for (l = 0; l <= m.len; l++)
		if (link_exact(m.b, l, &r) == 1)
			free(r.name);
	build_addr(&m, AF_INET6, 64, 2);
	for (l = 0; l <= m.len; l++)
		(void)addr_exact(m.b, l, &index, &a);
	check(1, "if: link_parse, addr_parse: every truncation");
}

static void
fuzz(int iterations)
{
	static unsigned char w[MSG_CAP * 2];
	static const char longname[] = "a-name-longer-than-ifnamsiz-by-far";
	struct iflist L;
	struct ifaddr_r a;
	struct ifr r;
	struct msg m;
	size_t wl;
	int i, index, rc, nlink = 0, naddr = 0, walked = 0, kind, noname = 0;

	memset(&L, 0, sizeof(L));
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
			if (rc == 1)
				free(r.name);
			nlink++;
			break;
		case 1:
			(void)addr_exact(w, wl, &index, &a);
			naddr++;
			break;
		default:
			(void)walk_exact(w, wl, kind == 0 ? link_cb : addr_cb,
			    &L);
			walked++;
			if (L.n > 64) {
				if_free(&L);
				memset(&L, 0, sizeof(L));
			}
			break;
		}
	}
	if_free(&L);
	check(noname == 0, "if: link_parse: a row is never without a name");
	check(1, "if: link_parse: %d mutants, addr_parse: %d mutants, "
	    "link_cb/addr_cb: %d walked", nlink, naddr, walked);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;
	known_answers();
	truncations();
	fuzz(ITERATIONS);
	return (failures ? 1 : 0);
}
