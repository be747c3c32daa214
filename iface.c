/*
 * Interfaces by index and by name: the one cache every mode asks, and the
 * one parser of each kernel format that names interfaces (RTM_NEWLINK,
 * net/dev, net/if_inet6, net/igmp, net/igmp6, net/dev_mcast).
 *
 * The cache is filled from an RTM_GETLINK dump live, or from a proc tree
 * (with -M, or when netlink cannot serve): names from net/dev, indexes
 * from the files that give them.  Both lookups are hashed, so a host of
 * thousands of links costs no more per row than a host of three.
 */
#include <sys/socket.h>

#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/*
 * The parsers: each a function over one message or line and its length.
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
 * One RTM_NEWLINK message (from its nlmsghdr) into li; the name and
 * hardware address point into the message.  Returns 1 when li was
 * filled, 0 for a message of another type, -1 when it is malformed
 * (a link without a name or counters is).
 */
int
link_parse(const void *msg, size_t len, struct link_info *li)
{
	const struct rtattr *tb[IFLA_MAX + 1];
	struct ifinfomsg ifi;
	struct nlmsghdr nlh;
	uint16_t type;
	size_t nlen;

	if (len >= sizeof(nlh)) {
		memcpy(&nlh, msg, sizeof(nlh));
		if (nlh.nlmsg_type != RTM_NEWLINK)
			return (0);
	}
	if (nl_msg(msg, len, &type, &ifi, sizeof(ifi), tb, IFLA_MAX) != 0 ||
	    tb[IFLA_IFNAME] == NULL)
		return (-1);
	memset(li, 0, sizeof(*li));
	li->name = nl_data(tb[IFLA_IFNAME], &nlen);
	li->namelen = strnlen(li->name, nlen);
	if (li->namelen == 0 || link_stats(tb, &li->st) < 0)
		return (-1);
	li->index = ifi.ifi_index;
	li->flags = ifi.ifi_flags;
	li->type = ifi.ifi_type;
	if (nl_u32(tb[IFLA_MTU], &li->mtu) == 0)
		li->havemtu = 1;
	if (tb[IFLA_ADDRESS] != NULL)
		li->hw = nl_data(tb[IFLA_ADDRESS], &li->hwlen);
	return (1);
}

/* net/dev: "  eth0: rxbytes rxpackets errs drop fifo frame ... colls ..." */
int
netdev_parse(const char *line, size_t len, struct netdev_info *nd)
{
	const char *end = line + len, *p = line, *colon, *t, *q;
	unsigned long long v[16];
	size_t tl;
	int i;

	while (p < end && *p == ' ')
		p++;
	if ((colon = memchr(p, ':', (size_t)(end - p))) == NULL ||
	    colon == p)
		return (-1);
	for (i = 0, t = colon + 1; i < 16; i++) {
		q = t;
		if (!proc_token(&q, end, &t, &tl) ||
		    proc_ull(t, tl, 10, &v[i]) < 0)
			return (-1);
		t = q;
	}
	memset(nd, 0, sizeof(*nd));
	nd->name = p;
	nd->namelen = (size_t)(colon - p);
	nd->st.ibytes = v[0];
	nd->st.ipackets = v[1];
	nd->st.ierrors = v[2];
	nd->st.idrops = v[3];
	nd->st.obytes = v[8];
	nd->st.opackets = v[9];
	nd->st.oerrors = v[10];
	nd->st.odrops = v[11];
	nd->st.colls = v[13];
	return (0);
}

/* net/if_inet6: "addr(32 hex) ifindex plen scope flags name", hex numbers. */
int
ifinet6_parse(const char *line, size_t len, struct ifinet6_info *ia)
{
	struct proc_tok f[7];
	unsigned long long idx, plen;

	if (proc_split(line, len, f, 6) != 6 || f[0].n != 32 ||
	    proc_hexbytes(f[0].s, f[0].n, ia->addr, 16) != 16 ||
	    proc_ull(f[1].s, f[1].n, 16, &idx) < 0 || idx > INT32_MAX ||
	    proc_ull(f[2].s, f[2].n, 16, &plen) < 0 || plen > 128)
		return (-1);
	ia->index = (int)idx;
	ia->plen = (int)plen;
	ia->name = f[5].s;
	ia->namelen = f[5].n;
	return (0);
}

static int
mc_name(const char *t, size_t n, struct mcgroup *g)
{
	if (n == 0 || n >= sizeof(g->name))
		return (-1);
	memcpy(g->name, t, n);
	g->name[n] = '\0';
	g->namelen = n;
	return (0);
}

/* An interface index: decimal, positive (zero too when zero_ok). */
static int
mc_index(const char *t, size_t n, int zero_ok, int *index)
{
	long long v;

	if (proc_ll(t, n, &v) < 0 || v > INT32_MAX || v < !zero_ok)
		return (-1);
	*index = (int)v;
	return (0);
}

/*
 * net/igmp: a device line "IDX\tNAME: COUNT QUERIER" (querier V1, V2 or
 * V3; "%-10s:" glues the colon to a name of ten or more) opens each
 * device; its groups follow on lines that start with a tab: "GROUP USERS
 * RUNNING:TIMER REPORTER", GROUP the address's four bytes as the
 * kernel's native-endian word.  dev carries the device from line to
 * line.  Returns 0 for a device line or the header, 1 for a group (g
 * filled), -1 when malformed.
 */
int
igmp_parse(const char *line, size_t len, struct igmp_dev *dev,
    struct mcgroup *g)
{
	const char *p = line, *end = line + len, *t, *c;
	unsigned long long u;
	uint32_t a;
	size_t n, cn;

	if (len > 0 && line[0] == '\t') {
		if (dev->ifindex <= 0)
			return (-1);	/* a group before any device */
		memset(g, 0, sizeof(*g));
		g->family = AF_INET;
		g->ifindex = dev->ifindex;
		memcpy(g->name, dev->name, sizeof(g->name));
		g->namelen = dev->namelen;
		g->version = dev->version;
		if (!proc_token(&p, end, &t, &n) || n != 8 ||
		    proc_ull(t, n, 16, &u) < 0)
			return (-1);
		a = (uint32_t)u;
		memcpy(g->addr, &a, 4);
		g->alen = 4;
		if (!proc_token(&p, end, &t, &n) ||
		    proc_ull(t, n, 10, &g->users) < 0)
			return (-1);
		return (1);
	}
	if (len >= 3 && memcmp(line, "Idx", 3) == 0)
		return (0);	/* the header */
	dev->ifindex = 0;
	if (!proc_token(&p, end, &t, &n) ||
	    mc_index(t, n, 0, &dev->ifindex) < 0 ||
	    !proc_token(&p, end, &t, &n)) {
		dev->ifindex = 0;
		return (-1);
	}
	if (t[n - 1] == ':')
		n--;
	else if (!proc_token(&p, end, &c, &cn) || cn != 1 || *c != ':')
		n = 0;
	if (n == 0 || n >= sizeof(dev->name) ||
	    !proc_token(&p, end, &c, &cn) ||
	    proc_ull(c, cn, 10, &dev->count) < 0 ||
	    !proc_token(&p, end, &c, &cn) || cn != 2 || c[0] != 'V' ||
	    c[1] < '1' || c[1] > '3') {
		dev->ifindex = 0;
		return (-1);
	}
	memcpy(dev->name, t, n);
	dev->name[n] = '\0';
	dev->namelen = n;
	dev->version = c[1] - '0';
	return (0);
}

/* net/igmp6: "%-4d %-15s %pi6 %5d %08X %ld": users, flags, timer. */
int
igmp6_parse(const char *line, size_t len, struct mcgroup *g)
{
	const char *p = line, *end = line + len, *t;
	unsigned long long u;
	size_t n;

	memset(g, 0, sizeof(*g));
	g->family = AF_INET6;
	if (!proc_token(&p, end, &t, &n) || mc_index(t, n, 0, &g->ifindex) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || mc_name(t, n, g) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || n != 32 ||
	    proc_hexbytes(t, n, g->addr, 16) != 16)
		return (-1);
	g->alen = 16;
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &g->users) < 0)
		return (-1);
	/* Older kernels stop here; when present they must be numbers. */
	if (proc_token(&p, end, &t, &n)) {
		if (proc_ull(t, n, 16, &u) < 0 || u > 0xffffffffULL)
			return (-1);
		g->flags = (unsigned int)u;
		if (proc_token(&p, end, &t, &n) && proc_ll(t, n, &g->timer) < 0)
			return (-1);
	}
	return (0);
}

/* net/dev_mcast: "%-4d %-15s %-5d %-5d %*phN": refcount, global, address. */
int
devmcast_parse(const char *line, size_t len, struct mcgroup *g)
{
	const char *p = line, *end = line + len, *t;
	unsigned long long u;
	size_t n;
	int alen;

	memset(g, 0, sizeof(*g));
	g->family = AF_PACKET;
	if (!proc_token(&p, end, &t, &n) || mc_index(t, n, 1, &g->ifindex) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || mc_name(t, n, g) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &g->users) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &u) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) ||
	    (alen = proc_hexbytes(t, n, g->addr, sizeof(g->addr))) < 0)
		return (-1);
	g->alen = (size_t)alen;
	return (proc_token(&p, end, &t, &n) ? -1 : 0);
}

/*
 * The cache: entries in the order learned, two open-addressing hash
 * tables (by name, by index) holding entry positions plus one.
 */
struct iface {
	int		 index;		/* 0: not known */
	char		*name;		/* "": the kernel knows no such index */
	long long	 mtu;		/* -1: not known */
	int		 has4, has6;	/* 0 none; has6 1 link-local, 2 wider */
	uint8_t		 a4[4], a6[16];	/* the first address of each family */
	int		 hasll6;
	uint8_t		 ll6[16];	/* the first IPv6 link-local one */
};

static struct iface	*ifv;
static size_t		 ifn, ifcap;
static uint32_t		*byname, *byindex;
static size_t		 hsize;		/* a power of two, or 0 */
static int		 iface_live;	/* missing indexes may be asked */

static size_t
hash_name(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	while (n-- > 0)
		h = (h ^ (uint8_t)*s++) * 16777619u;
	return (h);
}

static size_t
hash_index(int index)
{
	return ((uint32_t)index * 2654435761u);
}

/* The slot of name in byname: its entry's, or the empty one to use. */
static size_t
slot_name(const char *name, size_t n)
{
	size_t i = hash_name(name, n) & (hsize - 1);
	const char *e;

	while (byname[i] != 0) {
		e = ifv[byname[i] - 1].name;
		if (strncmp(e, name, n) == 0 && e[n] == '\0')
			break;
		i = (i + 1) & (hsize - 1);
	}
	return (i);
}

static size_t
slot_index(int index)
{
	size_t i = hash_index(index) & (hsize - 1);

	while (byindex[i] != 0 && ifv[byindex[i] - 1].index != index)
		i = (i + 1) & (hsize - 1);
	return (i);
}

/* Room for one more entry at most half full; rehashes when it grows. */
static void
hash_room(void)
{
	size_t i, s;

	if ((ifn + 1) * 2 <= hsize)
		return;
	free(byname);
	free(byindex);
	hsize = hsize ? hsize * 2 : 64;
	byname = xcalloc(hsize, sizeof(*byname));
	byindex = xcalloc(hsize, sizeof(*byindex));
	for (i = 0; i < ifn; i++) {
		if (ifv[i].name[0] != '\0') {
			s = slot_name(ifv[i].name, strlen(ifv[i].name));
			if (byname[s] == 0)
				byname[s] = (uint32_t)i + 1;
		}
		if (ifv[i].index > 0) {
			s = slot_index(ifv[i].index);
			if (byindex[s] == 0)
				byindex[s] = (uint32_t)i + 1;
		}
	}
}

static void
index_entry(size_t e)
{
	size_t s = slot_index(ifv[e].index);

	if (byindex[s] == 0)	/* the first name learned for it wins */
		byindex[s] = (uint32_t)e + 1;
}

/* A new entry; its name goes in byname at *slot unless slot is NULL. */
static void
new_entry(int index, const char *name, size_t len, const size_t *slot)
{
	size_t e;

	ifv = grow(ifv, &ifcap, ifn, sizeof(*ifv));
	e = ifn++;
	memset(&ifv[e], 0, sizeof(ifv[e]));
	ifv[e].index = index;
	ifv[e].name = xstrndup(name, len);
	ifv[e].mtu = -1;
	if (slot != NULL)
		byname[*slot] = (uint32_t)e + 1;
	if (index > 0)
		index_entry(e);
}

/*
 * Learn an interface: a new name, or the index of a known one that had
 * none.  index 0: not known.  An empty name records an index the
 * kernel does not know.
 */
void
iface_add(int index, const char *name, size_t len)
{
	size_t s = 0, e;

	if (index < 0)
		index = 0;
	len = strnlen(name, len);
	hash_room();
	if (len > 0) {
		s = slot_name(name, len);
		if (byname[s] != 0) {
			e = byname[s] - 1;
			if (ifv[e].index == 0 && index > 0) {
				ifv[e].index = index;
				index_entry(e);
			}
			return;
		}
	}
	new_entry(index, name, len, len > 0 ? &s : NULL);
}

/* The name of interface index, or NULL; one kernel call per new index. */
const char *
iface_name(int index)
{
	char name[IF_NAMESIZE];
	size_t s, len;

	if (index <= 0)
		return (NULL);
	if (hsize > 0 && byindex[s = slot_index(index)] != 0) {
		s = byindex[s] - 1;
		return (ifv[s].name[0] != '\0' ? ifv[s].name : NULL);
	}
	if (!iface_live)
		return (NULL);
	/* Created after our link dump: ask once, remember either way. */
	if (if_indextoname((unsigned int)index, name) == NULL)
		name[0] = '\0';
	len = strlen(name);
	hash_room();
	/* A name the cache holds under another index stays hashed there. */
	new_entry(index, name, len, len > 0 &&
	    byname[s = slot_name(name, len)] == 0 ? &s : NULL);
	return (name[0] != '\0' ? ifv[ifn - 1].name : NULL);
}

/* The index of the named interface, 0 when not known. */
int
iface_index(const char *name)
{
	size_t s, n = strlen(name);

	if (hsize == 0 || n == 0 || byname[s = slot_name(name, n)] == 0)
		return (0);
	return (ifv[byname[s] - 1].index);
}

/* The entry of a known index, or NULL. */
static struct iface *
entry_of(int index)
{
	size_t s;

	if (index <= 0 || hsize == 0 || byindex[s = slot_index(index)] == 0)
		return (NULL);
	return (&ifv[byindex[s] - 1]);
}

/* The link's MTU from the link dump, -1 when not known. */
long long
iface_mtu(int index)
{
	const struct iface *f = entry_of(index);

	return (f != NULL ? f->mtu : -1);
}

/*
 * The first address of a family on a link (IPv6: the first wider than
 * link-local, else the first), NULL when it has none or they were not
 * loaded (iface_load_addrs).
 */
const uint8_t *
iface_addr(int index, int family)
{
	const struct iface *f = entry_of(index);

	if (f == NULL)
		return (NULL);
	if (family == AF_INET)
		return (f->has4 ? f->a4 : NULL);
	return (f->has6 ? f->a6 : NULL);
}

/* The first IPv6 link-local address of a link, NULL when none known. */
const uint8_t *
iface_ll6(int index)
{
	const struct iface *f = entry_of(index);

	return (f != NULL && f->hasll6 ? f->ll6 : NULL);
}

/* The entries, in the order learned: iface_nth(0 .. iface_count() - 1). */
size_t
iface_count(void)
{
	return (ifn);
}

/* The name of entry i; NULL for an index the kernel did not know. */
const char *
iface_nth(size_t i)
{
	if (i >= ifn || ifv[i].name[0] == '\0')
		return (NULL);
	return (ifv[i].name);
}

/*
 * Filling it.
 */
struct link_walk {
	unsigned long	*bad;
};

static int
cache_link_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct link_walk *w = arg;
	struct link_info li;
	struct iface *f;
	int rc;

	if ((rc = link_parse(nlh, nlh->nlmsg_len, &li)) < 0)
		(*w->bad)++;
	if (rc > 0) {
		iface_add(li.index, li.name, li.namelen);
		if (li.havemtu && (f = entry_of(li.index)) != NULL)
			f->mtu = li.mtu;
	}
	return (0);
}

/* The first address of each kind an interface shows. */
static void
record_addr(int index, int family, const uint8_t *addr)
{
	struct iface *f;
	int wide;

	if ((f = entry_of(index)) == NULL)
		return;
	if (family == AF_INET && !f->has4) {
		memcpy(f->a4, addr, 4);
		f->has4 = 1;
	} else if (family == AF_INET6) {
		wide = !(addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80);
		if (f->has6 == 0 || (f->has6 == 1 && wide)) {
			memcpy(f->a6, addr, 16);
			f->has6 = wide ? 2 : 1;
		}
		if (!wide && !f->hasll6) {
			memcpy(f->ll6, addr, 16);
			f->hasll6 = 1;
		}
	}
}

static int
cache_addr_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct link_walk *w = arg;
	struct addr_info a;
	int rc;

	if ((rc = addr_parse(nlh, nlh->nlmsg_len, &a)) < 0)
		(*w->bad)++;
	if (rc > 0)
		record_addr(a.index, a.family, a.addr);
	return (0);
}

/*
 * The addresses of the live kernel's links (after iface_load), for
 * iface_addr().  Returns 0 or the negative errno of a failed dump.
 */
int
iface_load_addrs(unsigned long *bad)
{
	struct {
		struct nlmsghdr		nh;
		struct ifaddrmsg	ifa;
	} req;
	struct link_walk w = { bad };

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_GETADDR;
	req.ifa.ifa_family = AF_UNSPEC;
	return (nl_dump_once(NETLINK_ROUTE, &req, sizeof(req),
	    cache_addr_msg, &w));
}

/*
 * The links of the live kernel.  Returns 0, or the negative errno of a
 * failed dump (nl_fallback() tells whether /proc may stand in).
 * Malformed messages are counted in *bad.
 */
int
iface_load(unsigned long *bad)
{
	struct {
		struct nlmsghdr		nh;
		struct ifinfomsg	ifi;
	} req;
	struct link_walk w = { bad };
	int rc;

	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_type = RTM_GETLINK;
	req.ifi.ifi_family = AF_UNSPEC;
	rc = nl_dump_once(NETLINK_ROUTE, &req, sizeof(req), cache_link_msg,
	    &w);
	if (rc == 0)
		iface_live = 1;
	return (rc);
}

/*
 * A proc tree: names from net/dev, indexes from net/if_inet6, and from
 * the multicast lists net/igmp and net/dev_mcast (net/dev has none).
 * Each file is optional; malformed lines are reported by the tables
 * that show them, not here.
 */
static int
cache_dev_line(const char *line, size_t len, void *arg)
{
	struct netdev_info nd;

	(void)arg;
	if (netdev_parse(line, len, &nd) == 0)
		iface_add(0, nd.name, nd.namelen);
	return (0);
}

static int
cache_inet6_line(const char *line, size_t len, void *arg)
{
	struct ifinet6_info ia;

	(void)arg;
	if (ifinet6_parse(line, len, &ia) == 0 && ia.index > 0) {
		iface_add(ia.index, ia.name, ia.namelen);
		record_addr(ia.index, AF_INET6, ia.addr);
	}
	return (0);
}

static int
cache_igmp_line(const char *line, size_t len, void *arg)
{
	struct mcgroup g;

	if (igmp_parse(line, len, arg, &g) == 0 &&
	    ((struct igmp_dev *)arg)->ifindex > 0)
		iface_add(((struct igmp_dev *)arg)->ifindex,
		    ((struct igmp_dev *)arg)->name,
		    ((struct igmp_dev *)arg)->namelen);
	return (0);
}

static int
cache_mcast_line(const char *line, size_t len, void *arg)
{
	struct mcgroup g;

	(void)arg;
	if (devmcast_parse(line, len, &g) == 0 && g.ifindex > 0)
		iface_add(g.ifindex, g.name, g.namelen);
	return (0);
}

void
iface_load_proc(void)
{
	struct igmp_dev dev;

	memset(&dev, 0, sizeof(dev));
	(void)proc_lines("net/dev", 2, PROC_QUIET, cache_dev_line, NULL);
	(void)proc_lines("net/if_inet6", 0, PROC_QUIET, cache_inet6_line, NULL);
	(void)proc_lines("net/igmp", 0, PROC_QUIET, cache_igmp_line, &dev);
	(void)proc_lines("net/dev_mcast", 0, PROC_QUIET, cache_mcast_line,
	    NULL);
}

/*
 * The one way to say -I named no interface.  It is asked before any row:
 * what is buffered (a JSON opening, the blocks of -s) is dropped, not
 * flushed, so the output is the message alone.
 */
void
no_such_interface(const char *name)
{
	char safe[256], line[300];
	int n;

	(void)sanitize(safe, sizeof(safe), name, strlen(name));
	n = snprintf(line, sizeof(line), "netstat: %s: no such interface\n",
	    safe);
	if (n > 0)
		(void)write(STDERR_FILENO, line, (size_t)n < sizeof(line) ?
		    (size_t)n : sizeof(line) - 1);
	exit(1);
}

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
