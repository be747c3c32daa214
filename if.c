/*
 * Interfaces: the table of -i and -I (a link row and a row per address for
 * each interface) and the interval display of -w.
 *
 * Live data comes from NETLINK_ROUTE (RTM_GETLINK with its 64-bit
 * counters, RTM_GETADDR); with -M, or where netlink cannot serve, from
 * net/dev and net/if_inet6.  Multicast memberships (-a) come from
 * net/dev_mcast, net/igmp and net/igmp6, which are the kernel's own lists
 * in both cases.  The rows of one interface come from two dumps, so the
 * interfaces are held in a table; it is small.
 */
#include <sys/socket.h>

#include <linux/if.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <dirent.h>
#include <netdb.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netstat.h"

#define	NAMEW_MIN	10	/* the Name column's width at least */
#define	WIDE		39	/* Network and Address with -l or -W */
#define	HEADER_EVERY	21	/* -w: lines between headers */

struct ifcounters {
	uint64_t	ipackets, ierrors, idrops, ibytes;
	uint64_t	opackets, oerrors, odrops, obytes;
	uint64_t	colls;
};

struct ifaddr_r {
	int		family;
	uint8_t		addr[16];
	int		plen;
};

struct ifr {
	int		 index;		/* 0: unknown (a proc tree) */
	char		*name;
	unsigned int	 flags;
	int		 haveflags;
	unsigned int	 mtu;
	int		 havemtu;
	unsigned short	 type;		/* ARPHRD_* */
	uint8_t		 hw[32];
	size_t		 hwlen;
	struct ifcounters st;
	struct ifaddr_r	*addrs;
	size_t		 naddrs, addrcap;
};

struct iflist {
	struct ifr	*v;
	size_t		 n, cap;
	unsigned long	 bad;		/* malformed messages or lines */
	int		 index_only;	/* if_inet6: the index, no address */
};

/* A multicast group joined on an interface (-a). */
struct mcast {
	char		*name;
	int		 family;	/* AF_PACKET, AF_INET, AF_INET6 */
	uint8_t		 addr[32];
	size_t		 alen;
};

struct mclist {
	struct mcast	*v;
	size_t		 n, cap;
	char		 cur[IFNAMSIZ * 4];	/* net/igmp: current device */
};

/* Hex digits, two per byte, into out; returns the byte count or -1. */
static int
tok_hex(const char *t, size_t len, uint8_t *out, size_t max)
{
	unsigned long long b;
	size_t i;

	if (len == 0 || len % 2 != 0 || len / 2 > max)
		return (-1);
	for (i = 0; i < len; i += 2) {
		if (proc_ull(t + i, 2, 16, &b) < 0)
			return (-1);
		out[i / 2] = (uint8_t)b;
	}
	return ((int)(len / 2));
}

/*
 * The interface table.
 */
static struct ifr *
if_add(struct iflist *L)
{
	struct ifr *r;

	L->v = grow(L->v, &L->cap, L->n, sizeof(*L->v));
	r = &L->v[L->n++];
	memset(r, 0, sizeof(*r));
	return (r);
}

static struct ifr *
if_byindex(struct iflist *L, int index)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		if (L->v[i].index == index)
			return (&L->v[i]);
	return (NULL);
}

static struct ifr *
if_byname(struct iflist *L, const char *name)
{
	size_t i;

	for (i = 0; i < L->n; i++)
		if (strcmp(L->v[i].name, name) == 0)
			return (&L->v[i]);
	return (NULL);
}

static void
if_addaddr(struct ifr *r, const struct ifaddr_r *a)
{
	r->addrs = grow(r->addrs, &r->addrcap, r->naddrs, sizeof(*r->addrs));
	r->addrs[r->naddrs++] = *a;
}

static void
if_free(struct iflist *L)
{
	size_t i;

	for (i = 0; i < L->n; i++) {
		free(L->v[i].name);
		free(L->v[i].addrs);
	}
	free(L->v);
	memset(L, 0, sizeof(*L));
}

static int
byindex(const void *a, const void *b)
{
	const struct ifr *x = a, *y = b;

	return ((x->index > y->index) - (x->index < y->index));
}

/*
 * Netlink parsers: each takes one message and its length.
 */

/* The counters of IFLA_STATS64 (or the 32-bit IFLA_STATS of old kernels). */
static int
link_stats(const struct rtattr **tb, struct ifcounters *c)
{
	struct rtnl_link_stats64 s64;
	struct rtnl_link_stats s32;
	const void *d;
	size_t len;

	memset(&s64, 0, sizeof(s64));
	if (tb[IFLA_STATS64] != NULL) {
		d = nl_data(tb[IFLA_STATS64], &len);
		if (len < offsetof(struct rtnl_link_stats64, rx_length_errors))
			return (-1);
		memcpy(&s64, d, len < sizeof(s64) ? len : sizeof(s64));
	} else if (tb[IFLA_STATS] != NULL) {
		memset(&s32, 0, sizeof(s32));
		d = nl_data(tb[IFLA_STATS], &len);
		if (len < offsetof(struct rtnl_link_stats, rx_length_errors))
			return (-1);
		memcpy(&s32, d, len < sizeof(s32) ? len : sizeof(s32));
		s64.rx_packets = s32.rx_packets;
		s64.tx_packets = s32.tx_packets;
		s64.rx_bytes = s32.rx_bytes;
		s64.tx_bytes = s32.tx_bytes;
		s64.rx_errors = s32.rx_errors;
		s64.tx_errors = s32.tx_errors;
		s64.rx_dropped = s32.rx_dropped;
		s64.tx_dropped = s32.tx_dropped;
		s64.collisions = s32.collisions;
		s64.rx_missed_errors = s32.rx_missed_errors;
	} else
		return (-1);
	c->ipackets = s64.rx_packets;
	c->ierrors = s64.rx_errors;
	/* As net/dev counts them, so both paths print the same. */
	c->idrops = s64.rx_dropped + s64.rx_missed_errors;
	c->ibytes = s64.rx_bytes;
	c->opackets = s64.tx_packets;
	c->oerrors = s64.tx_errors;
	c->odrops = s64.tx_dropped;
	c->obytes = s64.tx_bytes;
	c->colls = s64.collisions;
	return (0);
}

/*
 * One RTM_NEWLINK message into r (name allocated).  Returns 1 when r was
 * filled, 0 for a message to skip, -1 when it is malformed.
 */
static int
link_parse(const void *msg, size_t len, struct ifr *r)
{
	const struct rtattr *tb[IFLA_MAX + 1];
	struct nlmsghdr nlh;
	struct ifinfomsg ifi;
	const char *name;
	const void *d;
	size_t hdr = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(ifi))), nlen;

	if (len < sizeof(nlh))
		return (-1);
	memcpy(&nlh, msg, sizeof(nlh));
	if (nlh.nlmsg_type != RTM_NEWLINK)
		return (0);
	if (len < hdr || nlh.nlmsg_len > len || nlh.nlmsg_len < hdr)
		return (-1);
	memcpy(&ifi, (const char *)msg + NLMSG_HDRLEN, sizeof(ifi));
	if (nl_attrs((const char *)msg + hdr, nlh.nlmsg_len - hdr, tb,
	    IFLA_MAX) < 0 || tb[IFLA_IFNAME] == NULL)
		return (-1);
	name = nl_data(tb[IFLA_IFNAME], &nlen);
	nlen = strnlen(name, nlen);
	if (nlen == 0)
		return (-1);
	memset(r, 0, sizeof(*r));
	if (link_stats(tb, &r->st) < 0)
		return (-1);
	r->index = ifi.ifi_index;
	r->flags = ifi.ifi_flags;
	r->haveflags = 1;
	r->type = ifi.ifi_type;
	if (nl_u32(tb[IFLA_MTU], &r->mtu) == 0)
		r->havemtu = 1;
	if (tb[IFLA_ADDRESS] != NULL) {
		d = nl_data(tb[IFLA_ADDRESS], &r->hwlen);
		if (r->hwlen > sizeof(r->hw))
			r->hwlen = sizeof(r->hw);
		memcpy(r->hw, d, r->hwlen);
	}
	r->name = xstrndup(name, nlen);
	return (1);
}

/*
 * One RTM_NEWADDR message: its interface index and address.  Returns 1,
 * 0 to skip, -1 when malformed.
 */
static int
addr_parse(const void *msg, size_t len, int *index, struct ifaddr_r *a)
{
	const struct rtattr *tb[IFA_MAX + 1];
	const struct rtattr *which;
	struct nlmsghdr nlh;
	struct ifaddrmsg ifa;
	const void *d;
	size_t hdr = NLMSG_LENGTH(NLMSG_ALIGN(sizeof(ifa))), alen;

	if (len < sizeof(nlh))
		return (-1);
	memcpy(&nlh, msg, sizeof(nlh));
	if (nlh.nlmsg_type != RTM_NEWADDR)
		return (0);
	if (len < hdr || nlh.nlmsg_len > len || nlh.nlmsg_len < hdr)
		return (-1);
	memcpy(&ifa, (const char *)msg + NLMSG_HDRLEN, sizeof(ifa));
	if (ifa.ifa_family != AF_INET && ifa.ifa_family != AF_INET6)
		return (0);
	if (nl_attrs((const char *)msg + hdr, nlh.nlmsg_len - hdr, tb,
	    IFA_MAX) < 0)
		return (-1);
	/* IFA_LOCAL is our end of a point-to-point link; else IFA_ADDRESS. */
	which = tb[IFA_LOCAL] != NULL ? tb[IFA_LOCAL] : tb[IFA_ADDRESS];
	if (which == NULL)
		return (-1);
	d = nl_data(which, &alen);
	memset(a, 0, sizeof(*a));
	a->family = ifa.ifa_family;
	if (alen != (a->family == AF_INET ? 4u : 16u))
		return (-1);
	if (ifa.ifa_prefixlen > (a->family == AF_INET ? 32 : 128))
		return (-1);
	memcpy(a->addr, d, alen);
	a->plen = ifa.ifa_prefixlen;
	*index = (int)ifa.ifa_index;
	return (1);
}

static int
link_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct iflist *L = arg;
	struct ifr r;
	int rc;

	rc = link_parse(nlh, nlh->nlmsg_len, &r);
	if (rc < 0)
		L->bad++;
	if (rc <= 0)
		return (0);
	*if_add(L) = r;
	return (0);
}

static int
addr_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct iflist *L = arg;
	struct ifaddr_r a;
	struct ifr *r;
	int index, rc;

	rc = addr_parse(nlh, nlh->nlmsg_len, &index, &a);
	if (rc < 0)
		L->bad++;
	if (rc <= 0)
		return (0);
	/* An address of an interface that came after the link dump: skip. */
	if ((r = if_byindex(L, index)) != NULL)
		if_addaddr(r, &a);
	return (0);
}

/*
 * Proc-file parsers: one line each.
 */

/* net/dev: "  eth0: rxbytes rxpackets errs drop fifo frame ... colls ..." */
static int
netdev_parse(const char *line, size_t len, struct ifr *r)
{
	const char *end = line + len, *p = line, *colon, *t;
	unsigned long long v[16];
	size_t tl;
	int i;

	while (p < end && *p == ' ')
		p++;
	if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL ||
	    colon == p)
		return (-1);
	for (i = 0, t = colon + 1; i < 16; i++) {
		const char *q = t;

		if (!proc_token(&q, end, &t, &tl) ||
		    proc_ull(t, tl, 10, &v[i]) < 0)
			return (-1);
		t = q;
	}
	memset(r, 0, sizeof(*r));
	r->st.ibytes = v[0];
	r->st.ipackets = v[1];
	r->st.ierrors = v[2];
	r->st.idrops = v[3];
	r->st.obytes = v[8];
	r->st.opackets = v[9];
	r->st.oerrors = v[10];
	r->st.odrops = v[11];
	r->st.colls = v[13];
	r->name = xstrndup(p, (size_t)(colon - p));
	return (0);
}

/* net/if_inet6: "addr(32 hex) ifindex plen scope flags name" */
static int
inet6_parse(const char *line, size_t len, char **name, int *index,
    struct ifaddr_r *a)
{
	const char *end = line + len, *p = line, *t[6];
	size_t tl[6];
	unsigned long long idx, plen;
	int i;

	for (i = 0; i < 6; i++)
		if (!proc_token(&p, end, &t[i], &tl[i]))
			return (-1);
	memset(a, 0, sizeof(*a));
	a->family = AF_INET6;
	if (tok_hex(t[0], tl[0], a->addr, 16) != 16 ||
	    proc_ull(t[1], tl[1], 16, &idx) < 0 || idx > INT32_MAX ||
	    proc_ull(t[2], tl[2], 16, &plen) < 0 || plen > 128)
		return (-1);
	a->plen = (int)plen;
	*index = (int)idx;
	*name = xstrndup(t[5], tl[5]);
	return (0);
}

static void
mc_add(struct mclist *M, const char *name, size_t nlen, int family,
    const uint8_t *addr, size_t alen)
{
	struct mcast *m;

	M->v = grow(M->v, &M->cap, M->n, sizeof(*M->v));
	m = &M->v[M->n++];
	m->name = xstrndup(name, nlen);
	m->family = family;
	m->alen = alen < sizeof(m->addr) ? alen : sizeof(m->addr);
	memcpy(m->addr, addr, m->alen);
}

/*
 * net/igmp: a device line "idx\tname : count querier" followed by group
 * lines "\t\t\t\tGROUP users timer reporter", GROUP being the address's
 * four bytes as the kernel's native-endian word.
 */
static int
igmp_parse(const char *line, size_t len, struct mclist *M)
{
	const char *end = line + len, *p = line, *t;
	unsigned long long v;
	uint32_t w;
	size_t tl;

	if (len > 0 && line[0] != '\t') {
		if (!proc_token(&p, end, &t, &tl) ||
		    proc_ull(t, tl, 10, &v) < 0 ||
		    !proc_token(&p, end, &t, &tl) || tl >= sizeof(M->cur))
			return (-1);
		/* "%-10s:" glues the colon to names of ten or more. */
		if (tl > 1 && t[tl - 1] == ':')
			tl--;
		memcpy(M->cur, t, tl);
		M->cur[tl] = '\0';
		return (0);
	}
	if (M->cur[0] == '\0' || !proc_token(&p, end, &t, &tl) || tl != 8 ||
	    proc_ull(t, tl, 16, &v) < 0)
		return (-1);
	w = (uint32_t)v;
	mc_add(M, M->cur, strlen(M->cur), AF_INET, (const uint8_t *)&w, 4);
	return (0);
}

static int
igmp_cb(const char *line, size_t len, void *arg)
{
	return (igmp_parse(line, len, arg));
}

/* net/igmp6: "idx name group(32 hex) users flags timer" */
static int
igmp6_parse(const char *line, size_t len, struct mclist *M)
{
	const char *end = line + len, *p = line, *t[3];
	size_t tl[3];
	uint8_t a[16];
	unsigned long long v;
	int i;

	for (i = 0; i < 3; i++)
		if (!proc_token(&p, end, &t[i], &tl[i]))
			return (-1);
	if (proc_ull(t[0], tl[0], 10, &v) < 0 ||
	    tok_hex(t[2], tl[2], a, sizeof(a)) != 16)
		return (-1);
	mc_add(M, t[1], tl[1], AF_INET6, a, 16);
	return (0);
}

static int
igmp6_cb(const char *line, size_t len, void *arg)
{
	return (igmp6_parse(line, len, arg));
}

/* net/dev_mcast: "idx name refcount global address(hex)" */
static int
devmcast_parse(const char *line, size_t len, struct mclist *M)
{
	const char *end = line + len, *p = line, *t[5];
	size_t tl[5];
	uint8_t a[32];
	unsigned long long v;
	int i, n;

	for (i = 0; i < 5; i++)
		if (!proc_token(&p, end, &t[i], &tl[i]))
			return (-1);
	if (proc_ull(t[0], tl[0], 10, &v) < 0 ||
	    (n = tok_hex(t[4], tl[4], a, sizeof(a))) < 0)
		return (-1);
	mc_add(M, t[1], tl[1], AF_PACKET, a, (size_t)n);
	return (0);
}

static int
devmcast_cb(const char *line, size_t len, void *arg)
{
	return (devmcast_parse(line, len, arg));
}

static int
netdev_cb(const char *line, size_t len, void *arg)
{
	struct iflist *L = arg;
	struct ifr r;

	if (netdev_parse(line, len, &r) < 0)
		return (-1);
	*if_add(L) = r;
	return (0);
}

static int
inet6_cb(const char *line, size_t len, void *arg)
{
	struct iflist *L = arg;
	struct ifaddr_r a;
	struct ifr *r;
	char *name;
	int index;

	if (inet6_parse(line, len, &name, &index, &a) < 0)
		return (-1);
	if ((r = if_byname(L, name)) != NULL) {
		if (r->index == 0)
			r->index = index;
		if (!L->index_only)
			if_addaddr(r, &a);
	}
	free(name);
	return (0);
}

static void
mc_free(struct mclist *M)
{
	size_t i;

	for (i = 0; i < M->n; i++)
		free(M->v[i].name);
	free(M->v);
	memset(M, 0, sizeof(*M));
}

/*
 * Gathering the table.
 */

/* The links (and, unless addrs is 0, addresses) from netlink; 0 or -errno. */
static int
gather_netlink(struct iflist *L, int addrs)
{
	struct {
		struct nlmsghdr		nh;
		struct ifinfomsg	ifm;
	} lreq;
	struct {
		struct nlmsghdr		nh;
		struct ifaddrmsg	ifa;
	} areq;
	int fd, rc;

	if ((fd = nl_open(NETLINK_ROUTE)) < 0)
		return (-errno);
	memset(&lreq, 0, sizeof(lreq));
	lreq.nh.nlmsg_type = RTM_GETLINK;
	lreq.ifm.ifi_family = AF_UNSPEC;
	rc = nl_dump(fd, &lreq, sizeof(lreq), link_cb, L);
	if (rc == 0 && addrs) {
		memset(&areq, 0, sizeof(areq));
		areq.nh.nlmsg_type = RTM_GETADDR;
		areq.ifa.ifa_family = af == AF_INET || af == AF_INET6 ?
		    (unsigned char)af : AF_UNSPEC;
		rc = nl_dump(fd, &areq, sizeof(areq), addr_cb, L);
	}
	close(fd);
	if (rc == 0)
		qsort(L->v, L->n, sizeof(*L->v), byindex);
	return (rc);
}

/*
 * Interface indexes from a proc tree's multicast lists (net/dev has
 * none): the "index name ..." lines of net/igmp (device lines only; its
 * group lines start with a tab, and "%-10s:" glues the colon to names of
 * ten or more) and of net/dev_mcast.  fn gets each pair.
 */
struct ifindex_walk {
	void	(*fn)(int, const char *, size_t, void *);
	void	*arg;
};

static int
ifindex_line(const char *line, size_t len, void *arg)
{
	struct ifindex_walk *w = arg;
	const char *end = line + len, *p = line, *t;
	unsigned long long v;
	size_t tl;

	if (len == 0 || line[0] == '\t')
		return (0);
	/* Malformed lines are reported by the tables that show them. */
	if (!proc_token(&p, end, &t, &tl) || proc_ull(t, tl, 10, &v) < 0 ||
	    v == 0 || v > INT32_MAX || !proc_token(&p, end, &t, &tl))
		return (0);
	if (tl > 1 && t[tl - 1] == ':')
		tl--;
	w->fn((int)v, t, tl, w->arg);
	return (0);
}

void
proc_ifindexes(void (*fn)(int, const char *, size_t, void *), void *arg)
{
	struct ifindex_walk w = { fn, arg };

	(void)proc_lines("net/igmp", 1, PROC_QUIET, ifindex_line, &w);
	(void)proc_lines("net/dev_mcast", 0, PROC_QUIET, ifindex_line, &w);
}

static void
note_index(int index, const char *name, size_t len, void *arg)
{
	struct iflist *L = arg;
	struct ifr *r;
	char buf[64];

	if (len >= sizeof(buf))
		return;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if ((r = if_byname(L, buf)) != NULL && r->index == 0)
		r->index = index;
}

/* The links and IPv6 addresses from net/dev and net/if_inet6. */
static int
gather_proc(struct iflist *L)
{
	if (proc_lines("net/dev", 2, 0, netdev_cb, L) < 0)
		return (-1);
	L->index_only = af == AF_INET || af == AF_PACKET;
	(void)proc_lines("net/if_inet6", 0, PROC_QUIET, inet6_cb, L);
	proc_ifindexes(note_index, L);
	return (0);
}

/* One number from a sysfs attribute file; -1 when unreadable. */
static int
sysfs_num(const char *name, const char *attr, int base, unsigned long *v)
{
	char path[512], buf[64], *end;
	ssize_t n;
	int fd;

	if (snprintf(path, sizeof(path), "/sys/class/net/%s/%s", name,
	    attr) >= (int)sizeof(path) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (-1);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (-1);
	buf[n] = '\0';
	errno = 0;
	*v = strtoul(buf, &end, base);
	return (end == buf || errno != 0 ? -1 : 0);
}

/* The hardware address from sysfs, "aa:bb:..." */
static void
sysfs_mac(struct ifr *r)
{
	char path[512], buf[128];
	unsigned long long b;
	size_t i;
	ssize_t n;
	int fd;

	if (snprintf(path, sizeof(path), "/sys/class/net/%s/address",
	    r->name) >= (int)sizeof(path) ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	r->hwlen = 0;
	for (i = 0; n > 0 && i + 2 <= (size_t)n && r->hwlen < sizeof(r->hw);
	    i += 3) {
		if (proc_ull(buf + i, 2, 16, &b) < 0)
			break;
		r->hw[r->hwlen++] = (uint8_t)b;
		if (i + 2 >= (size_t)n || buf[i + 2] != ':')
			break;
	}
}

/*
 * Without netlink, the live system still has sysfs: index, MTU, flags and
 * type per interface (what net/dev lacks).  Not for a saved tree.
 */
static void
sysfs_fill(struct iflist *L)
{
	unsigned long v;
	size_t i;

	for (i = 0; i < L->n; i++) {
		struct ifr *r = &L->v[i];

		if (strchr(r->name, '/') != NULL)
			continue;
		if (sysfs_num(r->name, "ifindex", 10, &v) == 0 &&
		    v <= INT32_MAX)
			r->index = (int)v;
		if (sysfs_num(r->name, "mtu", 10, &v) == 0) {
			r->mtu = (unsigned int)v;
			r->havemtu = 1;
		}
		if (sysfs_num(r->name, "flags", 16, &v) == 0) {
			r->flags = (unsigned int)v;
			r->haveflags = 1;
		}
		if (sysfs_num(r->name, "type", 10, &v) == 0)
			r->type = (unsigned short)v;
		sysfs_mac(r);
	}
	qsort(L->v, L->n, sizeof(*L->v), byindex);
}

static void
report_bad(unsigned long bad)
{
	if (bad == 0)
		return;
	out_flush();
	fprintf(stderr, "netstat: netlink: %lu malformed message%s skipped\n",
	    bad, bad == 1 ? "" : "s");
}

/*
 * Links and addresses, live or from the tree; exits on a hard netlink
 * failure.  Returns -1 when there is no interface list to be had (net/dev
 * missing: reported).
 */
static int
gather(struct iflist *L, int addrs)
{
	int rc;

	if (memf == NULL) {
		rc = gather_netlink(L, addrs);
		if (rc == 0) {
			report_bad(L->bad);
			return (0);
		}
		if (!nl_fallback(rc)) {
			out_flush();
			fprintf(stderr, "netstat: netlink: %s\n",
			    strerror(-rc));
			exit(1);
		}
		if_free(L);
		if (gather_proc(L) < 0)
			return (-1);
		sysfs_fill(L);
		return (0);
	}
	return (gather_proc(L));
}

/*
 * Formatting.
 */

/*
 * BSD's short form of an IPv4 network (SPEC 3.3): trailing zero octets
 * dropped down to the class's network octets, "/len" unless len is the
 * class's; a name from /etc/networks instead unless -n.  The address is
 * masked here.  The result lives in a small ring of static buffers.
 */
const char *
netname4(uint32_t addr, int plen)
{
	static char ring[4][sizeof("255.255.255.255/32")];
	static int slot;
	char *buf = ring[slot++ & 3];
	const char *name;
	uint32_t mask, net, shifted;
	int keep, cplen, n, i;

	if (plen < 0)
		plen = 0;
	if (plen > 32)
		plen = 32;
	mask = plen == 0 ? 0 : 0xffffffffu << (32 - plen);
	net = addr & mask;
	if (net >> 31 == 0) {
		keep = 1;
		cplen = 8;
	} else if (net >> 30 == 2) {
		keep = 2;
		cplen = 16;
	} else if (net >> 29 == 6) {
		keep = 3;
		cplen = 24;
	} else {
		keep = 4;
		cplen = 32;
	}
	if (!nflag) {
		for (shifted = net, i = 0; i < 3 && shifted != 0 &&
		    (shifted & 0xff) == 0; i++)
			shifted >>= 8;
		if ((name = net_name(net)) != NULL ||
		    (shifted != net && (name = net_name(shifted)) != NULL)) {
			(void)snprintf(buf, sizeof(ring[0]), "%s", name);
			return (buf);
		}
	}
	/* At least the class's octets, and every nonzero one. */
	for (i = keep; i < 4; i++)
		if (((net >> (8 * (3 - i))) & 0xff) != 0)
			keep = i + 1;
	n = 0;
	for (i = 0; i < keep; i++)
		n += snprintf(buf + n, sizeof(ring[0]) - (size_t)n, "%s%u",
		    i ? "." : "", (net >> (8 * (3 - i))) & 0xff);
	if (plen != cplen)
		(void)snprintf(buf + n, sizeof(ring[0]) - (size_t)n, "/%d",
		    plen);
	return (buf);
}

static int
v6_scoped(const uint8_t *a)
{
	/* fe80::/10, and multicast of interface- or link-local scope */
	return ((a[0] == 0xfe && (a[1] & 0xc0) == 0x80) ||
	    (a[0] == 0xff && ((a[1] & 0x0f) == 1 || (a[1] & 0x0f) == 2)));
}

/* An IPv6 network: prefix/len, with %ifname for a link-local one. */
static void
netname6(char *buf, size_t len, const uint8_t *addr, int plen,
    const char *ifname)
{
	uint8_t net[16];
	char ntop[INET6_ADDRSTRLEN];
	int i;

	for (i = 0; i < 16; i++) {
		int bits = plen - i * 8;

		if (bits >= 8)
			net[i] = addr[i];
		else if (bits <= 0)
			net[i] = 0;
		else
			net[i] = addr[i] & (uint8_t)(0xff << (8 - bits));
	}
	if (inet_ntop(AF_INET6, net, ntop, sizeof(ntop)) == NULL)
		(void)strcpy(ntop, "?");
	if (v6_scoped(net))
		(void)snprintf(buf, len, "%s%%%s/%d", ntop, ifname, plen);
	else
		(void)snprintf(buf, len, "%s/%d", ntop, plen);
}

/* A host address, resolved unless -n; scoped IPv6 ones with %ifname. */
static void
hostname_if(char *buf, size_t len, int family, const uint8_t *addr,
    const char *ifname)
{
	if (family == AF_INET6 && v6_scoped(addr))
		(void)snprintf(buf, len, "%s%%%s", addr_str(AF_INET6, addr),
		    ifname);
	else
		(void)snprintf(buf, len, "%s", host_name(family, addr));
}

/* A link-layer address as colon-separated hex; "" when none. */
static void
lladdr(char *buf, size_t len, const uint8_t *a, size_t n)
{
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o + 4 <= len; i++)
		o += (size_t)snprintf(buf + o, len - o, "%s%02x", i ? ":" : "",
		    a[i]);
}

/*
 * BSD humanize_number(3) with a 5-byte buffer, HN_AUTOSCALE, HN_NOSPACE
 * and HN_DECIMAL: at most four characters, "582", "1.2K", "34M".
 */
static void
humanize(char *buf, size_t len, uint64_t v)
{
	static const char prefix[] = "\0KMGTPE";
	uint64_t rem = 0, tenths;
	int i = 0;

	while ((v >= 1000 || (v == 999 && rem >= 512)) && i < 6) {
		rem = v % 1024;
		v /= 1024;
		i++;
	}
	if (i > 0 && (v < 9 || (v == 9 && rem < 973))) {
		tenths = (rem * 10 + 512) / 1024;
		(void)snprintf(buf, len, "%llu.%llu%c",
		    (unsigned long long)(v + tenths / 10),
		    (unsigned long long)(tenths % 10), prefix[i]);
	} else if (i > 0)
		(void)snprintf(buf, len, "%llu%c",
		    (unsigned long long)(v + (rem + 512) / 1024), prefix[i]);
	else
		(void)snprintf(buf, len, "%llu", (unsigned long long)v);
}

/*
 * A counter column: sep then "%Nllu", humanized with -h, "-" when not
 * shown.  JSON always has the whole number.
 */
static void
counter_sep(const char *sep, const char *key, int width, uint64_t v,
    int show)
{
	char fmt[16], hbuf[8];

	if (!show) {
		(void)snprintf(fmt, sizeof(fmt), "%s%%%ds", sep, width);
		out_str(NULL, fmt, "-");
		return;
	}
	if (hflag) {
		humanize(hbuf, sizeof(hbuf), v);
		(void)snprintf(fmt, sizeof(fmt), "%s%%%ds", sep, width);
		out_str(NULL, fmt, hbuf);
		out_uint(key, NULL, v);
		return;
	}
	(void)snprintf(fmt, sizeof(fmt), "%s%%%dllu", sep, width);
	out_uint(key, fmt, v);
}

static void
counter(const char *key, int width, uint64_t v, int show)
{
	counter_sep(" ", key, width, v, show);
}

/*
 * The -i table.
 */
struct layout {
	int	namew;		/* Name column */
	int	netw, addrw;	/* Network, Address */
	int	lnetw, laddrw;	/* the same on link rows */
	int	cut;		/* cut fields to their width */
};

/* The transmit watchdog timeouts: the sum over the tx queues, or -1. */
static long long
tx_timeouts(const char *name)
{
	char path[512], qpath[600];
	struct dirent *de;
	long long sum = 0, v;
	int any = 0;
	DIR *d;
	FILE *f;

	if (snprintf(path, sizeof(path), "/sys/class/net/%s/queues", name) >=
	    (int)sizeof(path) || (d = opendir(path)) == NULL)
		return (-1);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "tx-", 3) != 0)
			continue;
		if (snprintf(qpath, sizeof(qpath), "%s/%s/tx_timeout", path,
		    de->d_name) >= (int)sizeof(qpath))
			continue;
		if ((f = fopen(qpath, "re")) == NULL)
			continue;
		if (fscanf(f, "%lld", &v) == 1 && v >= 0) {
			sum += v;
			any = 1;
		}
		fclose(f);
	}
	closedir(d);
	return (any ? sum : -1);
}

static int
shown(const struct ifr *r)
{
	return (interface == NULL || strcmp(r->name, interface) == 0);
}

static size_t
shown_len(const char *s)
{
	char tmp[IFNAMSIZ * 4 + 64];

	return (sanitize(tmp, sizeof(tmp), s, strlen(s)));
}

static void
header(const struct layout *lo)
{
	char fmt[32];

	(void)snprintf(fmt, sizeof(fmt), "%%-%d.%ds", lo->namew, lo->namew);
	out_text(fmt, "Name");
	out_text(" %-5.5s", "Mtu");
	(void)snprintf(fmt, sizeof(fmt), " %%-%d.%ds %%-%d.%ds", lo->netw,
	    lo->netw, lo->addrw, lo->addrw);
	out_text(fmt, "Network", "Address");
	out_text(" %8.8s %5.5s", "Ipkts", "Ierrs");
	if (bflag)
		out_text(" %10.10s", "Ibytes");
	out_text(" %8.8s %5.5s", "Opkts", "Oerrs");
	if (bflag)
		out_text(" %10.10s", "Obytes");
	out_text(" %5s", "Coll");
	if (tflag)
		out_text(" %4s", "Time");
	if (dflag)
		out_text(" %4s", "Drop");
	out_text("\n");
}

static void
field(const char *key, int width, int cut, const char *s)
{
	char fmt[32];

	if (cut)
		(void)snprintf(fmt, sizeof(fmt), " %%-%d.%ds", width, width);
	else
		(void)snprintf(fmt, sizeof(fmt), " %%-%ds", width);
	out_str(key, fmt, s);
}

/* Name, flags and Mtu: the start of every row. */
static void
row_start(const struct layout *lo, const struct ifr *r)
{
	char fmt[16], xname[IFNAMSIZ * 4 + 2], flags[16];

	(void)snprintf(xname, sizeof(xname), "%s%s", r->name,
	    r->haveflags && !(r->flags & IFF_UP) ? "*" : "");
	(void)snprintf(fmt, sizeof(fmt), "%%-%ds", lo->namew);
	out_str(NULL, fmt, xname);
	out_str("name", NULL, r->name);
	if (r->haveflags) {
		(void)snprintf(flags, sizeof(flags), "0x%x", r->flags);
		out_str("flags", NULL, flags);
	}
	if (r->havemtu)
		out_uint("mtu", " %-5u", r->mtu);
	else
		out_str(NULL, " %-5s", "-");
}

/* The counters; link rows have them all, address rows the traffic only. */
static void
row_counters(const struct ifr *r, int link, long long timeouts)
{
	const struct ifcounters *c = &r->st;

	counter("received-packets", 8, c->ipackets, 1);
	counter("received-errors", 5, c->ierrors, link);
	if (link)
		out_uint("dropped-packets", NULL, c->idrops);
	if (bflag)
		counter("received-bytes", 10, c->ibytes, 1);
	counter("sent-packets", 8, c->opackets, 1);
	counter("send-errors", 5, c->oerrors, link);
	if (bflag)
		counter("sent-bytes", 10, c->obytes, 1);
	counter("collisions", 5, c->colls, link);
	if (link)
		out_uint("sent-dropped-packets", NULL, c->odrops);
	if (tflag) {
		if (link && timeouts >= 0)
			counter("transmit-timeouts", 4,
			    (uint64_t)timeouts, 1);
		else
			counter(NULL, 4, 0, 0);
	}
	if (dflag)
		counter(NULL, 4, c->idrops + c->odrops, link);
	out_text("\n");
}

static void
link_row(const struct layout *lo, const struct ifr *r)
{
	char net[32], addr[sizeof(r->hw) * 3 + 1];

	row_start(lo, r);
	if (r->index > 0)
		(void)snprintf(net, sizeof(net), "<Link#%d>", r->index);
	else
		(void)snprintf(net, sizeof(net), "<Link#->");
	field("network", lo->lnetw, lo->cut, net);
	addr[0] = '\0';
	if (r->type != ARPHRD_LOOPBACK)
		lladdr(addr, sizeof(addr), r->hw, r->hwlen);
	if (addr[0] != '\0')
		field("address", lo->laddrw, lo->cut, addr);
	else
		field(NULL, lo->laddrw, lo->cut, "");
	row_counters(r, 1, tflag && memf == NULL ? tx_timeouts(r->name) : -1);
}

static void
addr_row(const struct layout *lo, const struct ifr *r,
    const struct ifaddr_r *a)
{
	char net[INET6_ADDRSTRLEN + IFNAMSIZ * 4 + 8];
	char host[NI_MAXHOST];
	uint32_t v4;

	row_start(lo, r);
	if (a->family == AF_INET) {
		memcpy(&v4, a->addr, 4);
		(void)snprintf(net, sizeof(net), "%s",
		    netname4(ntohl(v4), a->plen));
	} else
		netname6(net, sizeof(net), a->addr, a->plen, r->name);
	field("network", lo->netw, lo->cut, net);
	hostname_if(host, sizeof(host), a->family, a->addr, r->name);
	field("address", lo->addrw, lo->cut, host);
	row_counters(r, 0, -1);
}

static void
mc_name(char *buf, size_t len, const struct mcast *m)
{
	if (m->family == AF_PACKET)
		lladdr(buf, len, m->addr, m->alen);
	else
		hostname_if(buf, len, m->family, m->addr, m->name);
}

/*
 * The multicast groups of one interface under its rows, in the Address
 * column: link-layer, then IPv4, then IPv6, as -f selects.
 */
static void
mc_rows(const struct layout *lo, const struct ifr *r, const struct mclist *M)
{
	static const int fams[] = { AF_PACKET, AF_INET, AF_INET6 };
	char buf[NI_MAXHOST + IFNAMSIZ * 4 + 2];
	size_t i, f;
	int opened = 0;

	for (f = 0; f < sizeof(fams) / sizeof(fams[0]); f++) {
		if (af != AF_UNSPEC && af != fams[f])
			continue;
		for (i = 0; i < M->n; i++) {
			if (M->v[i].family != fams[f] ||
			    strcmp(M->v[i].name, r->name) != 0)
				continue;
			if (!opened) {
				out_open_list("multicast-address");
				opened = 1;
			}
			mc_name(buf, sizeof(buf), &M->v[i]);
			out_open_instance();
			out_text("%*s", lo->namew + lo->netw + 8, "");
			out_str("address", lo->cut ? "%-17.17s" : "%s", buf);
			out_text("\n");
			out_close_instance();
		}
	}
	if (opened)
		out_close_list();
}

static void
gather_mcast(struct mclist *M)
{
	int flags = memf == NULL ? PROC_QUIET : 0;

	if (af == AF_UNSPEC || af == AF_PACKET)
		(void)proc_lines("net/dev_mcast", 0, flags, devmcast_cb, M);
	if (af == AF_UNSPEC || af == AF_INET)
		(void)proc_lines("net/igmp", 1, flags, igmp_cb, M);
	if (af == AF_UNSPEC || af == AF_INET6)
		(void)proc_lines("net/igmp6", 0, flags, igmp6_cb, M);
}

static void
no_such_interface(void)
{
	out_flush();
	fprintf(stderr, "netstat: %s: no such interface\n", interface);
	exit(1);
}

static void
layout(struct layout *lo, const struct iflist *L)
{
	size_t i, n;

	memset(lo, 0, sizeof(*lo));
	lo->namew = NAMEW_MIN;
	for (i = 0; i < L->n; i++) {
		if (!shown(&L->v[i]))
			continue;
		n = shown_len(L->v[i].name);
		if (L->v[i].haveflags && !(L->v[i].flags & IFF_UP))
			n++;
		if ((int)n > lo->namew)
			lo->namew = (int)n;
	}
	lo->cut = !(lflag || Wflag);
	lo->netw = lo->cut ? 13 : WIDE;
	lo->addrw = lo->cut ? 15 : WIDE;
	lo->lnetw = lo->cut ? 11 : WIDE;
	lo->laddrw = lo->cut ? 17 : WIDE;
}

/* Each row is one instance of the "interface" list, as in FreeBSD. */
static void
next_row(int *open)
{
	if (*open)
		out_close_instance();
	out_open_instance();
	*open = 1;
}

static void
if_rows(const struct layout *lo, const struct ifr *r, const struct mclist *M)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	size_t i, f;
	int open = 0;

	if (af == AF_UNSPEC || af == AF_PACKET) {
		next_row(&open);
		link_row(lo, r);
	}
	for (f = 0; f < 2 && af != AF_PACKET; f++) {
		if (af != AF_UNSPEC && af != fams[f])
			continue;
		for (i = 0; i < r->naddrs; i++) {
			if (r->addrs[i].family != fams[f])
				continue;
			next_row(&open);
			addr_row(lo, r, &r->addrs[i]);
		}
	}
	if (open && aflag)
		mc_rows(lo, r, M);
	if (open)
		out_close_instance();
}

void
intpr(void)
{
	struct iflist L;
	struct mclist M;
	struct layout lo;
	size_t i;

	memset(&L, 0, sizeof(L));
	memset(&M, 0, sizeof(M));
	if (gather(&L, af != AF_PACKET) < 0)
		return;
	if (interface != NULL && if_byname(&L, interface) == NULL)
		no_such_interface();
	if (aflag)
		gather_mcast(&M);
	layout(&lo, &L);
	header(&lo);
	out_open_list("interface");
	for (i = 0; i < L.n; i++)
		if (shown(&L.v[i]))
			if_rows(&lo, &L.v[i], &M);
	out_close_list();
	mc_free(&M);
	if_free(&L);
}

/*
 * The interval display.
 */
struct wsample {
	struct ifcounters c;
	int		 index;
	int		 found;
};

/* The counters now: one interface's, or the sum over all of them. */
static void
w_sample(struct wsample *s)
{
	struct iflist L;
	size_t i;
	struct ifcounters *c = &s->c, *x;

	memset(&L, 0, sizeof(L));
	memset(s, 0, sizeof(*s));
	if (gather(&L, 0) < 0)
		exit(1);
	for (i = 0; i < L.n; i++) {
		if (!shown(&L.v[i]))
			continue;
		x = &L.v[i].st;
		c->ipackets += x->ipackets;
		c->ierrors += x->ierrors;
		c->idrops += x->idrops;
		c->ibytes += x->ibytes;
		c->opackets += x->opackets;
		c->oerrors += x->oerrors;
		c->odrops += x->odrops;
		c->obytes += x->obytes;
		c->colls += x->colls;
		s->index = L.v[i].index;
		s->found = 1;
	}
	if_free(&L);
}

/* A change over the interval; a counter that went back (reset) is 0. */
static uint64_t
delta(uint64_t now, uint64_t then)
{
	return (now >= then ? now - then : 0);
}

static void
w_banner(void)
{
	char name[IFNAMSIZ * 4 + 3];
	const char *pad = vflag ? "         " : "";

	(void)snprintf(name, sizeof(name), "(%s)",
	    interface != NULL ? interface : "Total");
	out_text("%s%17s", pad, "input");
	out_str(NULL, " %14s", name);
	out_text(" %16s\n", "output");
	out_text("%s%10s %5s %10s %10s %5s %10s %5s", pad, "packets", "errs",
	    "bytes", "packets", "errs", "bytes", "colls");
	if (dflag)
		out_text(" %5s", "drops");
	out_text("\n");
	out_flush();
}

static void
w_line(const struct wsample *now, const struct wsample *then)
{
	const struct ifcounters *n = &now->c, *o = &then->c;
	char ts[16];
	struct tm tm;
	time_t t;

	out_open_instance();
	if (interface != NULL)
		out_str("name", NULL, interface);
	if (vflag) {
		t = time(NULL);
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(ts, sizeof(ts), "%H:%M:%S", &tm) == 0)
			(void)strcpy(ts, "--:--:--");
		out_str("time", "%s ", ts);
	}
	counter_sep("", "received-packets", 10,
	    delta(n->ipackets, o->ipackets), 1);
	counter("received-errors", 5, delta(n->ierrors, o->ierrors), 1);
	out_uint("dropped-packets", NULL, delta(n->idrops, o->idrops));
	counter("received-bytes", 10, delta(n->ibytes, o->ibytes), 1);
	counter("sent-packets", 10, delta(n->opackets, o->opackets), 1);
	counter("send-errors", 5, delta(n->oerrors, o->oerrors), 1);
	counter("sent-bytes", 10, delta(n->obytes, o->obytes), 1);
	counter("collisions", 5, delta(n->colls, o->colls), 1);
	out_uint("sent-dropped-packets", NULL, delta(n->odrops, o->odrops));
	if (dflag)
		counter(NULL, 5, delta(n->idrops, o->idrops) +
		    delta(n->odrops, o->odrops), 1);
	out_text("\n");
	out_close_instance();
	out_flush();
}

/*
 * Sleep until the deadline, taking SIGINT (blocked, so it cannot slip in
 * between a check and the sleep) as the end.  Returns 1 on SIGINT.
 */
static int
w_wait(const struct timespec *deadline, const sigset_t *set)
{
	struct timespec now, left;

	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec > deadline->tv_sec ||
		    (now.tv_sec == deadline->tv_sec &&
		    now.tv_nsec >= deadline->tv_nsec))
			return (0);
		left.tv_sec = deadline->tv_sec - now.tv_sec;
		left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (sigtimedwait(set, NULL, &left) == SIGINT)
			return (1);
	}
}

void
sidewaysintpr(void)
{
	struct wsample old, new;
	struct timespec deadline;
	struct sigaction sa;
	sigset_t set;
	int line = 0, printed = 0;

	w_sample(&old);
	if (interface != NULL && !old.found)
		no_such_interface();
	/* SIGINT ends the display cleanly, unless it was ignored on entry. */
	sigemptyset(&set);
	if (sigaction(SIGINT, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN) {
		sigaddset(&set, SIGINT);
		(void)sigprocmask(SIG_BLOCK, &set, NULL);
	}
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	out_open_list("interface-statistics");
	w_banner();
	for (;;) {
		if (qcount > 0 && printed >= qcount)
			break;
		deadline.tv_sec += interval;
		if (w_wait(&deadline, &set))
			break;
		w_sample(&new);
		if (interface != NULL &&
		    (!new.found || new.index != old.index)) {
			out_flush();
			fprintf(stderr, "netstat: %s: interface went away\n",
			    interface);
			exit_status = 1;
			break;
		}
		if (line == HEADER_EVERY) {
			line = 0;
			w_banner();
		}
		w_line(&new, &old);
		old = new;
		printed++;
		line++;
	}
	out_close_list();
}
