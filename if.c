/*
 * Interfaces: the table of -i and -I (a link row and a row per address for
 * each interface) and the interval display of -w.
 *
 * Live data comes from NETLINK_ROUTE (RTM_GETLINK with its 64-bit
 * counters, RTM_GETADDR); with -M, or where netlink cannot serve, from
 * net/dev and net/if_inet6.  Multicast memberships (-a) come from
 * net/dev_mcast, net/igmp and net/igmp6, which are the kernel's own lists
 * in both cases; iface.c parses every one of these formats.  The rows
 * of one interface come from two dumps, so the interfaces are held in a
 * table, found by index or (sorted once) by name: a host of thousands
 * of links costs no search per row.
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
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netstat.h"

#define	NAMEW_MIN	10	/* the Name column's width at least */
#define	WIDE		39	/* Network and Address with -l or -W */
#define	HEADER_EVERY	21	/* -w: lines between headers */

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
	struct addr_info	*addrs;
	size_t		 naddrs, addrcap;
};

struct iflist {
	struct ifr	*v;
	size_t		 n, cap;
	struct ifr	**byname;	/* v by name, built when asked */
	size_t		 nbyname;
	unsigned long	 bad;		/* malformed messages */
	int		 index_only;	/* if_inet6: lines checked, no address */
};

/* The multicast groups joined (-a), and the order to find them by name. */
struct mclist {
	struct mcgroup	*v;
	size_t		 n, cap;
	size_t		*byname;	/* positions in v by name, then order */
	struct igmp_dev	 dev;		/* net/igmp: the current device */
};

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
	size_t lo = 0, hi = L->n, i;

	/* The link dump comes in index order; look there first. */
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (L->v[i].index < index)
			lo = i + 1;
		else
			hi = i;
	}
	if (lo < L->n && L->v[lo].index == index)
		return (&L->v[lo]);
	for (i = 0; i < L->n; i++)
		if (L->v[i].index == index)
			return (&L->v[i]);
	return (NULL);
}

static int
byname_cmp(const void *a, const void *b)
{
	const struct ifr *x = *(struct ifr *const *)a;
	const struct ifr *y = *(struct ifr *const *)b;
	int c = strcmp(x->name, y->name);

	return (c != 0 ? c : (x > y) - (x < y));
}

/* The first interface of that name: a binary search of L->byname. */
static struct ifr *
if_byname(struct iflist *L, const char *name)
{
	size_t lo = 0, hi, i;

	if (L->nbyname != L->n) {
		L->byname = xreallocarray(L->byname, L->n,
		    sizeof(*L->byname));
		for (i = 0; i < L->n; i++)
			L->byname[i] = &L->v[i];
		qsort(L->byname, L->n, sizeof(*L->byname), byname_cmp);
		L->nbyname = L->n;
	}
	hi = L->n;
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (strcmp(L->byname[i]->name, name) < 0)
			lo = i + 1;
		else
			hi = i;
	}
	if (lo < L->n && strcmp(L->byname[lo]->name, name) == 0)
		return (L->byname[lo]);
	return (NULL);
}

static void
if_addaddr(struct ifr *r, const struct addr_info *a)
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
	free(L->byname);
	memset(L, 0, sizeof(*L));
}

static int
byindex(const void *a, const void *b)
{
	const struct ifr *x = a, *y = b;

	return ((x->index > y->index) - (x->index < y->index));
}

/*
 * One RTM_NEWADDR message (from its nlmsghdr): its interface index and
 * address.  Returns 1, 0 to skip, -1 when malformed.
 */
int
addr_parse(const void *msg, size_t len, struct addr_info *a)
{
	const struct rtattr *tb[IFA_MAX + 1];
	const struct rtattr *which;
	struct nlmsghdr nlh;
	struct ifaddrmsg ifa;
	const void *d;
	uint16_t type;
	size_t alen;
	int rc;

	if (len >= sizeof(nlh)) {
		memcpy(&nlh, msg, sizeof(nlh));
		if (nlh.nlmsg_type != RTM_NEWADDR)
			return (0);
	}
	if ((rc = nl_msg(msg, len, &type, &ifa, sizeof(ifa), tb,
	    IFA_MAX)) < 0)
		return (-1);
	if (ifa.ifa_family != AF_INET && ifa.ifa_family != AF_INET6)
		return (0);
	if (rc != 0)
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
	a->index = (int)ifa.ifa_index;
	return (1);
}

static int
link_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct iflist *L = arg;
	struct link_info li;
	struct ifr *r;
	int rc;

	rc = link_parse(nlh, nlh->nlmsg_len, &li);
	if (rc < 0)
		L->bad++;
	if (rc <= 0)
		return (0);
	r = if_add(L);
	r->index = li.index;
	r->name = xstrndup(li.name, li.namelen);
	r->flags = li.flags;
	r->haveflags = 1;
	r->type = li.type;
	r->mtu = li.mtu;
	r->havemtu = li.havemtu;
	r->hwlen = li.hwlen < sizeof(r->hw) ? li.hwlen : sizeof(r->hw);
	if (r->hwlen > 0)
		memcpy(r->hw, li.hw, r->hwlen);
	r->st = li.st;
	return (0);
}

static int
addr_cb(const struct nlmsghdr *nlh, void *arg)
{
	struct iflist *L = arg;
	struct addr_info a;
	struct ifr *r;
	int rc;

	rc = addr_parse(nlh, nlh->nlmsg_len, &a);
	if (rc < 0)
		L->bad++;
	if (rc <= 0)
		return (0);
	/* An address of an interface that came after the link dump: skip. */
	if ((r = if_byindex(L, a.index)) != NULL)
		if_addaddr(r, &a);
	return (0);
}

/*
 * Proc files: one line each, through iface.c's parsers.
 */
static int
netdev_cb(const char *line, size_t len, void *arg)
{
	struct iflist *L = arg;
	struct netdev_info nd;
	struct ifr *r;

	if (netdev_parse(line, len, &nd) < 0)
		return (-1);
	r = if_add(L);
	r->name = xstrndup(nd.name, nd.namelen);
	r->st = nd.st;
	return (0);
}

static int
inet6_cb(const char *line, size_t len, void *arg)
{
	struct iflist *L = arg;
	struct ifinet6_info ia;
	struct addr_info a;
	struct ifr *r;
	char name[IFACE_NAMEMAX];

	if (ifinet6_parse(line, len, &ia) < 0)
		return (-1);
	if (ia.namelen >= sizeof(name))
		return (0);
	memcpy(name, ia.name, ia.namelen);
	name[ia.namelen] = '\0';
	if (!L->index_only && (r = if_byname(L, name)) != NULL) {
		memset(&a, 0, sizeof(a));
		a.index = ia.index;
		a.family = AF_INET6;
		memcpy(a.addr, ia.addr, 16);
		a.plen = ia.plen;
		if_addaddr(r, &a);
	}
	return (0);
}

static void
mc_add(struct mclist *M, const struct mcgroup *g)
{
	M->v = grow(M->v, &M->cap, M->n, sizeof(*M->v));
	M->v[M->n++] = *g;
}

static int
igmp_cb(const char *line, size_t len, void *arg)
{
	struct mclist *M = arg;
	struct mcgroup g;
	int rc;

	if ((rc = igmp_parse(line, len, &M->dev, &g)) == 1)
		mc_add(M, &g);
	return (rc < 0 ? -1 : 0);
}

static int
igmp6_cb(const char *line, size_t len, void *arg)
{
	struct mcgroup g;

	if (igmp6_parse(line, len, &g) < 0)
		return (-1);
	mc_add(arg, &g);
	return (0);
}

static int
devmcast_cb(const char *line, size_t len, void *arg)
{
	struct mcgroup g;

	if (devmcast_parse(line, len, &g) < 0)
		return (-1);
	mc_add(arg, &g);
	return (0);
}

static void
mc_free(struct mclist *M)
{
	free(M->v);
	free(M->byname);
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
	if (rc == 0) {
		qsort(L->v, L->n, sizeof(*L->v), byindex);
		if (addrs) {
			memset(&areq, 0, sizeof(areq));
			areq.nh.nlmsg_type = RTM_GETADDR;
			areq.ifa.ifa_family = af == AF_INET ||
			    af == AF_INET6 ? (unsigned char)af : AF_UNSPEC;
			rc = nl_dump(fd, &areq, sizeof(areq), addr_cb, L);
		}
	}
	close(fd);
	return (rc);
}

/*
 * The links and IPv6 addresses from net/dev and net/if_inet6; indexes
 * from the interface cache, which reads them where the tree has them.
 */
static int
gather_proc(struct iflist *L)
{
	size_t i;

	if (proc_lines("net/dev", 2, 0, netdev_cb, L) < 0)
		return (-1);
	/* Read even when no address is shown: its bad lines are reported. */
	L->index_only = af == AF_INET || af == AF_PACKET;
	(void)proc_lines("net/if_inet6", 0, PROC_QUIET, inet6_cb, L);
	iface_load_proc();
	for (i = 0; i < L->n; i++)
		L->v[i].index = iface_index(L->v[i].name);
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
	ns_notice("netlink: %lu malformed message%s skipped", bad,
	    plural(bad));
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
			errno = -rc;
			ns_err("netlink");
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
	if (v6_scoped(net) && ifname != NULL)
		(void)snprintf(buf, len, "%s%%%s/%d", ntop, ifname, plen);
	else
		(void)snprintf(buf, len, "%s/%d", ntop, plen);
}

/*
 * A host address, resolved unless -n.  A scoped IPv6 one is numeric, as
 * BSD's: with %ifname, or without it (ifname NULL) where it must be cut.
 */
static void
hostname_if(char *buf, size_t len, int family, const uint8_t *addr,
    const char *ifname)
{
	if (family == AF_INET6 && v6_scoped(addr))
		(void)snprintf(buf, len, "%s%s%s", addr_str(AF_INET6, addr),
		    ifname != NULL ? "%" : "", ifname != NULL ? ifname : "");
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
if_shown(const struct ifr *r)
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
	out_str("interface-name", NULL, r->name);
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
	field(NULL, lo->lnetw, lo->cut, net);
	if (r->index > 0)
		out_uint("link", NULL, (unsigned long long)r->index);
	addr[0] = '\0';
	if (r->type != ARPHRD_LOOPBACK)
		lladdr(addr, sizeof(addr), r->hw, r->hwlen);
	if (addr[0] != '\0')
		field("link-layer-address", lo->laddrw, lo->cut, addr);
	else
		field(NULL, lo->laddrw, lo->cut, "");
	row_counters(r, 1, tflag && memf == NULL ? tx_timeouts(r->name) : -1);
}

/*
 * An address row's network and address: the text's, then JSON's machine
 * values (CIDR and a numeric address; the %scope is the interface-name).
 */
static void
addr_json(const struct addr_info *a)
{
	char buf[CIDR_MAX];

	cidr_str(buf, sizeof(buf), a->family, a->addr, a->plen);
	out_str("network", NULL, buf);
	out_str("address", NULL, addr_str(a->family, a->addr));
}

/*
 * An IPv6 prefix that does not fit: a cut must not change its meaning
 * ("fe80::%eth0/64" cut to 13 reads as a /6).  The %scope is the row's
 * own interface, so it goes first; then the address part is cut, never
 * the /len.
 */
static void
net6_fit(char *buf, size_t len, const struct addr_info *a, int width)
{
	char tmp[INET6_ADDRSTRLEN + 8];
	const char *slash;
	size_t n, keep;

	netname6(tmp, sizeof(tmp), a->addr, a->plen, NULL);
	n = strlen(tmp);
	if (n <= (size_t)width || (slash = strrchr(tmp, '/')) == NULL ||
	    (size_t)(tmp + n - slash) >= (size_t)width) {
		(void)snprintf(buf, len, "%s", tmp);
		return;
	}
	keep = (size_t)width - (size_t)(tmp + n - slash);
	(void)snprintf(buf, len, "%.*s%s", (int)keep, tmp, slash);
}

static void
addr_row(const struct layout *lo, const struct ifr *r,
    const struct addr_info *a)
{
	char net[INET6_ADDRSTRLEN + IFNAMSIZ * 4 + 8];
	char host[NI_MAXHOST], text[NI_MAXHOST];
	uint32_t v4;

	row_start(lo, r);
	if (a->family == AF_INET) {
		memcpy(&v4, a->addr, 4);
		(void)snprintf(net, sizeof(net), "%s",
		    netname4(ntohl(v4), a->plen));
		field(NULL, lo->netw, lo->cut, net);
	} else {
		netname6(net, sizeof(net), a->addr, a->plen, r->name);
		if (lo->cut && shown_len(net) > (size_t)lo->netw)
			net6_fit(text, sizeof(text), a, lo->netw);
		else
			(void)snprintf(text, sizeof(text), "%s", net);
		field(NULL, lo->netw, lo->cut, text);
	}
	hostname_if(host, sizeof(host), a->family, a->addr, r->name);
	/* The address's %scope too is the row's interface: it goes first. */
	if (a->family == AF_INET6 && lo->cut &&
	    shown_len(host) > (size_t)lo->addrw)
		hostname_if(text, sizeof(text), a->family, a->addr, NULL);
	else
		(void)snprintf(text, sizeof(text), "%s", host);
	field(NULL, lo->addrw, lo->cut, text);
	addr_json(a);
	row_counters(r, 0, -1);
}

static void
mc_text(char *buf, size_t len, const struct mcgroup *m)
{
	if (m->family == AF_PACKET)
		lladdr(buf, len, m->addr, m->alen);
	else
		hostname_if(buf, len, m->family, m->addr, m->name);
}

static const struct mcgroup *mc_sorting;

static int
mc_cmp(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(mc_sorting[x].name, mc_sorting[y].name);

	return (c != 0 ? c : (x > y) - (x < y));
}

/* The groups by interface name, each name's in the kernel's order. */
static void
mc_sort(struct mclist *M)
{
	size_t i;

	M->byname = xreallocarray(NULL, M->n, sizeof(*M->byname));
	for (i = 0; i < M->n; i++)
		M->byname[i] = i;
	mc_sorting = M->v;
	qsort(M->byname, M->n, sizeof(*M->byname), mc_cmp);
	mc_sorting = NULL;
}

/* Where the groups of the named interface start in M->byname. */
static size_t
mc_first(const struct mclist *M, const char *name)
{
	size_t lo = 0, hi = M->n, i;

	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (strcmp(M->v[M->byname[i]].name, name) < 0)
			lo = i + 1;
		else
			hi = i;
	}
	return (lo);
}

/*
 * The multicast groups of one family of an interface, in the Address
 * column, under the row they follow (Darwin's multipr after each row):
 * link-layer ones under the link row, IPv4 and IPv6 ones after the
 * addresses of their family.  *listed: the row's JSON list is open.
 */
static void
mc_rows(const struct layout *lo, const struct ifr *r, const struct mclist *M,
    int family, int *listed)
{
	char buf[NI_MAXHOST + IFNAMSIZ * 4 + 2], text[sizeof(buf)];
	const struct mcgroup *m;
	size_t i;

	if (!aflag || (af != AF_UNSPEC && af != family))
		return;
	for (i = mc_first(M, r->name); i < M->n; i++) {
		m = &M->v[M->byname[i]];
		if (strcmp(m->name, r->name) != 0)
			break;
		if (m->family != family)
			continue;
		if (!*listed) {
			out_open_list("multicast-address");
			*listed = 1;
		}
		mc_text(buf, sizeof(buf), m);
		/* As addr_row: a %scope that does not fit goes first. */
		if (lo->cut && m->family == AF_INET6 && shown_len(buf) > 17)
			hostname_if(text, sizeof(text), m->family, m->addr,
			    NULL);
		else
			(void)snprintf(text, sizeof(text), "%s", buf);
		out_open_instance();
		out_text("%*s", lo->namew + lo->netw + 8, "");
		out_str(NULL, lo->cut ? "%-17.17s" : "%s", text);
		if (m->family == AF_PACKET)
			out_str("link-layer-address", NULL, buf);
		else
			out_str("address", NULL, addr_str(m->family, m->addr));
		out_text("\n");
		out_close_instance();
	}
}

static void
gather_mcast(struct mclist *M)
{
	int flags = memf == NULL ? PROC_QUIET : 0;

	if (af == AF_UNSPEC || af == AF_PACKET)
		(void)proc_lines("net/dev_mcast", 0, flags, devmcast_cb, M);
	if (af == AF_UNSPEC || af == AF_INET)
		(void)proc_lines("net/igmp", 0, flags, igmp_cb, M);
	if (af == AF_UNSPEC || af == AF_INET6)
		(void)proc_lines("net/igmp6", 0, flags, igmp6_cb, M);
	mc_sort(M);
}

static void
layout(struct layout *lo, const struct iflist *L)
{
	size_t i, n;

	memset(lo, 0, sizeof(*lo));
	lo->namew = NAMEW_MIN;
	for (i = 0; i < L->n; i++) {
		if (!if_shown(&L->v[i]))
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

/*
 * Each row is one instance of the "interface" list, as in FreeBSD; the
 * groups printed after a row are a list in its instance.
 */
static void
next_row(int *open, int *listed)
{
	if (*listed)
		out_close_list();
	if (*open)
		out_close_instance();
	out_open_instance();
	*open = 1;
	*listed = 0;
}

static void
if_rows(const struct layout *lo, const struct ifr *r, const struct mclist *M)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	size_t i, f;
	int open = 0, listed = 0;

	if (af == AF_UNSPEC || af == AF_PACKET) {
		next_row(&open, &listed);
		link_row(lo, r);
		mc_rows(lo, r, M, AF_PACKET, &listed);
	}
	for (f = 0; f < 2 && af != AF_PACKET; f++) {
		if (af != AF_UNSPEC && af != fams[f])
			continue;
		for (i = 0; i < r->naddrs; i++) {
			if (r->addrs[i].family != fams[f])
				continue;
			next_row(&open, &listed);
			addr_row(lo, r, &r->addrs[i]);
		}
		/* Groups of a family without addresses follow the last row. */
		if (open)
			mc_rows(lo, r, M, fams[f], &listed);
	}
	if (listed)
		out_close_list();
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
		no_such_interface(interface);
	if (aflag)
		gather_mcast(&M);
	layout(&lo, &L);
	header(&lo);
	out_open_list("interface");
	for (i = 0; i < L.n; i++)
		if (if_shown(&L.v[i]))
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
		exit(1);	/* gather() said why */
	for (i = 0; i < L.n; i++) {
		if (!if_shown(&L.v[i]))
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
		out_str("interface-name", NULL, interface);
	if (vflag) {
		t = time(NULL);
		if (localtime_r(&t, &tm) == NULL ||
		    strftime(ts, sizeof(ts), "%H:%M:%S", &tm) == 0)
			(void)strcpy(ts, "--:--:--");
		out_str(NULL, "%s ", ts);	/* JSON: out_tick's stamp */
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

/* What the interval display carries from one tick to the next. */
struct wstate {
	struct wsample	 old;
	int		 line;		/* since the last header */
};

static int
w_tick(void *arg)
{
	struct wstate *w = arg;
	struct wsample new;

	w_sample(&new);
	if (interface != NULL && (!new.found || new.index != w->old.index)) {
		ns_warnx("%s: interface went away", interface);
		return (-1);
	}
	if (w->line == HEADER_EVERY) {
		w->line = 0;
		w_banner();
	}
	w_line(&new, &w->old);
	w->old = new;
	w->line++;
	return (0);
}

void
sidewaysintpr(void)
{
	struct wstate w;

	memset(&w, 0, sizeof(w));
	w_sample(&w.old);
	if (interface != NULL && !w.old.found)
		no_such_interface(interface);
	out_open_list("interface-statistics");
	w_banner();
	(void)watch(w_tick, &w);
	out_close_list();
}
