/*
 * Multicast: the multicast routing tables and group memberships (-g), and
 * multicast statistics with per-interface IGMP/MLD state (-gs).
 *
 * Everything comes from /proc/net (the kernel has no netlink dump of group
 * memberships): ip_mr_vif, ip_mr_cache, ip6_mr_vif, ip6_mr_cache,
 * dev_mcast, igmp, igmp6, mcfilter, mcfilter6, and the IpExt/Ip6 counters.
 * Layouts follow FreeBSD's mroute.c/mroute6.c for the routing tables and
 * Darwin's netstat -g for the memberships.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"


/* Linux VIF flags (linux/mroute.h) that change what a row means. */
#define	MR_VIFF_TUNNEL		0x1
#define	MR_VIFF_USE_IFINDEX	0x8

/*
 * Numbers and hex bytes: every parser below works on (buf, len) only.
 */
/* A hexadecimal number, the whole token, maybe with a 0x prefix. */
static int
hex_word(const char *t, size_t n, unsigned long long *v)
{
	if (n > 2 && t[0] == '0' && (t[1] == 'x' || t[1] == 'X')) {
		t += 2;
		n -= 2;
	}
	return (proc_ull(t, n, 16, v));
}

/* A 32-bit value printed with %08X: the field's bytes in host order. */
static int
hex32(const char *t, size_t n, uint32_t *v)
{
	unsigned long long u;

	if (hex_word(t, n, &u) < 0 || u > 0xffffffffULL)
		return (-1);
	*v = (uint32_t)u;
	return (0);
}

/* A decimal int of the kernel's (%d): a vif, a parent, an index. */
static int
dec_int(const char *t, size_t n, long long *v)
{
	if (proc_ll(t, n, v) < 0 || *v > INT32_MAX || *v < -INT32_MAX)
		return (-1);
	return (0);
}

static int
tok_name(const char *t, size_t n, char *name, size_t *namelen)
{
	if (n == 0 || n >= MR_NAMEMAX)
		return (-1);
	memcpy(name, t, n);
	name[n] = '\0';
	*namelen = n;
	return (0);
}

/* Link-layer addresses the BSD way: lower-case hex, unpadded, colons. */
void
mroute_ll_ntoa(const unsigned char *a, size_t n, char *buf, size_t len)
{
	size_t i, o = 0;
	int w;

	buf[0] = '\0';
	for (i = 0; i < n && o < len; i++) {
		w = snprintf(buf + o, len - o, i ? ":%x" : "%x", a[i]);
		if (w < 0)
			break;
		o += (size_t)w;
	}
}

/* As Darwin's sdl_addr_to_hex (-gs): two hex digits a byte, colons. */
static void
ll_hex(const unsigned char *a, size_t n, char *buf, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < n && o + 4 <= len; i++) {
		if (i > 0)
			buf[o++] = ':';
		buf[o++] = hex[a[i] >> 4];
		buf[o++] = hex[a[i] & 15];
	}
	buf[o] = '\0';
}

/*
 * An IP group as Darwin's routename6 and inet6_n2a write it: IPv6
 * groups of interface- and link-local scope carry their %interface.
 */
static const char *
group_name(const struct mcgroup *g, char *buf, size_t len)
{
	const unsigned char *a = g->addr;

	if (g->family == AF_INET6 && a[0] == 0xff &&
	    ((a[1] & 0x0f) == 1 || (a[1] & 0x0f) == 2) && g->namelen > 0) {
		(void)snprintf(buf, len, "%s%%%.*s", addr_str(AF_INET6, a),
		    (int)g->namelen, g->name);
		return (buf);
	}
	return (addr_str(g->family, a));
}

/*
 * ip_mr_vif: "%2d %-10s %8ld %7ld  %8ld %7ld %05X %08X %08X";
 * ip6_mr_vif stops after the flags (family AF_INET6).
 */
int
mroute_parse_vif(const char *buf, size_t len, int family, struct vif *v)
{
	const char *p = buf, *end = buf + len, *t;
	unsigned long long *ctr[4];
	unsigned long long u;
	long long idx;
	uint32_t a;
	size_t n;
	int i;

	memset(v, 0, sizeof(*v));
	if (!proc_token(&p, end, &t, &n) || dec_int(t, n, &idx) < 0 || idx < 0)
		return (-1);
	v->idx = (int)idx;
	if (!proc_token(&p, end, &t, &n) || tok_name(t, n, v->name,
	    &v->namelen) < 0)
		return (-1);
	ctr[0] = &v->bytes_in;
	ctr[1] = &v->pkts_in;
	ctr[2] = &v->bytes_out;
	ctr[3] = &v->pkts_out;
	for (i = 0; i < 4; i++)
		if (!proc_token(&p, end, &t, &n) ||
		    proc_ull(t, n, 10, ctr[i]) < 0)
			return (-1);
	if (!proc_token(&p, end, &t, &n) || hex_word(t, n, &u) < 0 ||
	    u > 0xffffffffULL)
		return (-1);
	v->flags = (unsigned int)u;
	if (family == AF_INET) {
		if (!proc_token(&p, end, &t, &n) || hex32(t, n, &a) < 0)
			return (-1);
		memcpy(v->local, &a, 4);
		if (!proc_token(&p, end, &t, &n) || hex32(t, n, &a) < 0)
			return (-1);
		memcpy(v->remote, &a, 4);
	}
	return (proc_token(&p, end, &t, &n) ? -1 : 0);
}

/* An address field of a cache line: %08X (host order) or %pI6. */
static int
tok_mfc_addr(const char *t, size_t n, int family, unsigned char *addr)
{
	uint32_t a;

	if (family == AF_INET) {
		if (n != 8 || hex32(t, n, &a) < 0)
			return (-1);
		memcpy(addr, &a, 4);
		return (0);
	}
	return (proc_hexbytes(t, n, addr, 16) == 16 ? 0 : -1);
}

/*
 * ip_mr_cache / ip6_mr_cache: "GROUP ORIGIN IIF PKTS BYTES WRONG" then
 * "vif:ttl" for each outgoing interface.
 */
int
mroute_parse_mfc(const char *buf, size_t len, int family, struct mfc *m)
{
	const char *p = buf, *end = buf + len, *t, *colon;
	unsigned long long *ctr[3];
	unsigned long long vif, ttl;
	size_t n;
	int i;

	memset(m, 0, sizeof(*m));
	m->family = family;
	if (!proc_token(&p, end, &t, &n) ||
	    tok_mfc_addr(t, n, family, m->group) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) ||
	    tok_mfc_addr(t, n, family, m->origin) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || dec_int(t, n, &m->parent) < 0)
		return (-1);
	ctr[0] = &m->pkts;
	ctr[1] = &m->bytes;
	ctr[2] = &m->wrong;
	for (i = 0; i < 3; i++)
		if (!proc_token(&p, end, &t, &n) ||
		    proc_ull(t, n, 10, ctr[i]) < 0)
			return (-1);
	while (proc_token(&p, end, &t, &n)) {
		if ((colon = memchr(t, ':', n)) == NULL ||
		    m->noifs >= MR_MAXVIFS)
			return (-1);
		if (proc_ull(t, (size_t)(colon - t), 10, &vif) < 0 ||
		    proc_ull(colon + 1, n - (size_t)(colon - t) - 1, 10,
		    &ttl) < 0 || vif >= MR_MAXVIFS || ttl > 255)
			return (-1);
		m->oif[m->noifs] = (int)vif;
		m->ttl[m->noifs++] = (int)ttl;
	}
	return (0);
}

/*
 * mcfilter: "%3d %6.6s 0x%08x 0x%08x %6lu %6lu" (addresses as numbers,
 * network order); mcfilter6: "%3d %6.6s %pi6 %pi6 %6lu %6lu".
 */
int
mroute_parse_mcfilter(const char *buf, size_t len, int family,
    struct source *s)
{
	const char *p = buf, *end = buf + len, *t;
	unsigned char *addr[2];
	long long idx;
	uint32_t a;
	size_t n;
	int i;

	memset(s, 0, sizeof(*s));
	s->family = family;
	if (!proc_token(&p, end, &t, &n) || dec_int(t, n, &idx) < 0 || idx <= 0)
		return (-1);
	s->ifindex = (int)idx;
	if (!proc_token(&p, end, &t, &n))	/* name, cut to six: unused */
		return (-1);
	addr[0] = s->group;
	addr[1] = s->src;
	for (i = 0; i < 2; i++) {
		if (!proc_token(&p, end, &t, &n))
			return (-1);
		if (family == AF_INET) {
			if (hex32(t, n, &a) < 0)
				return (-1);
			a = htonl(a);
			memcpy(addr[i], &a, 4);
		} else if (n != 32 || proc_hexbytes(t, n, addr[i], 16) != 16)
			return (-1);
	}
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &s->inc) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &s->exc) < 0)
		return (-1);
	return (proc_token(&p, end, &t, &n) ? -1 : 0);
}

/*
 * Growable arrays for the few small tables the output needs whole.
 */
struct vec {
	void	*v;
	size_t	 n, cap, size;
};

static void *
vec_add(struct vec *vec)
{
	vec->v = grow(vec->v, &vec->cap, vec->n, vec->size);
	return ((char *)vec->v + vec->n++ * vec->size);
}

static void
vec_free(struct vec *vec)
{
	free(vec->v);
	vec->v = NULL;
	vec->n = vec->cap = 0;
}

static int
family_on(int family)
{
	return (af == AF_UNSPEC || af == family);
}

static int
proc_exists(const char *rel)
{
	char path[4096];

	return (proc_path(path, sizeof(path), rel) == 0 &&
	    access(path, F_OK) == 0);
}

/* One blank line between the blocks of -g, as BSD prints them. */
static int need_gap;

static void
gap(void)
{
	if (need_gap)
		out_text("\n");
	need_gap = 1;
}

/*
 * The multicast routing tables.
 */
struct mr_ctx {
	int		 family;
	int		 rows;
	unsigned long long pkts, bytes, wrong;
};

static void
vif4_row(const struct vif *v)
{
	char a[INET_ADDRSTRLEN];

	out_open_instance();
	out_uint("vif", " %2u", (unsigned)v->idx);
	out_str(NULL, "    %6s", "-");	/* Linux has no threshold */
	if (v->flags & MR_VIFF_USE_IFINDEX)
		out_str(NULL, "   %-15.15s", "-");
	else {
		inet_ntop(AF_INET, v->local, a, sizeof(a));
		out_str("route", "   %-15.15s", a);
	}
	if (v->flags & MR_VIFF_TUNNEL) {
		inet_ntop(AF_INET, v->remote, a, sizeof(a));
		out_str("source", " %-15.15s", a);
	} else
		out_str(NULL, " %-15.15s", "");
	out_uint("received-packets", " %9llu", v->pkts_in);
	out_uint("sent-packets", "  %9llu", v->pkts_out);
	out_uint("received-bytes", NULL, v->bytes_in);
	out_uint("sent-bytes", NULL, v->bytes_out);
	out_strn("interface-name", " %s\n", v->name, v->namelen);
	out_close_instance();
}

static void
mif6_row(const struct vif *v)
{
	out_open_instance();
	out_uint("mif", "  %2u", (unsigned)v->idx);
	out_str(NULL, "   %4s", "-");	/* nor a rate limit */
	out_strn("interface-name", "   %5s", v->name, v->namelen);
	out_uint("received-packets", " %9llu", v->pkts_in);
	out_uint("sent-packets", "  %9llu", v->pkts_out);
	out_uint("received-bytes", NULL, v->bytes_in);
	out_uint("sent-bytes", NULL, v->bytes_out);
	out_text("\n");
	out_close_instance();
}

static int
vif_line(const char *line, size_t len, void *arg)
{
	struct mr_ctx *c = arg;
	struct vif v;

	if (mroute_parse_vif(line, len, c->family, &v) < 0)
		return (-1);
	if (c->rows++ == 0)
		out_text(c->family == AF_INET ?
		    "IPv4 Virtual Interface Table\n"
		    " Vif   Thresh   Local-Address   Remote-Address"
		    "    Pkts-In   Pkts-Out Netif\n" :
		    "IPv6 Multicast Interface Table\n"
		    " Mif   Rate   PhyIF   Pkts-In   Pkts-Out\n");
	if (c->family == AF_INET)
		vif4_row(&v);
	else
		mif6_row(&v);
	return (0);
}

static void
mfc4_row(const struct mfc *m)
{
	char a[INET_ADDRSTRLEN];
	int i;

	out_open_instance();
	inet_ntop(AF_INET, m->origin, a, sizeof(a));
	out_str("origin-address", " %-15.15s", a);
	inet_ntop(AF_INET, m->group, a, sizeof(a));
	out_str("group-address", " %-15.15s", a);
	out_uint("sent-packets", " %9llu", m->pkts);
	out_int("parent", "  %3d   ", m->parent);
	out_uint("bytes", NULL, m->bytes);
	out_uint("wrong-interface", NULL, m->wrong);
	out_open_list("vif-ttl");
	for (i = 0; i < m->noifs; i++) {
		out_open_instance();
		out_uint("vif", " %u", (unsigned)m->oif[i]);
		out_uint("ttl", ":%u", (unsigned)m->ttl[i]);
		out_close_instance();
	}
	out_close_list();
	out_text("\n");
	out_close_instance();
}

/* FreeBSD's widths: origin 29 and group 16 numeric; -W never cuts. */
static void
mfc6_row(const struct mfc *m)
{
	char a[INET6_ADDRSTRLEN];
	int i;

	out_open_instance();
	inet_ntop(AF_INET6, m->origin, a, sizeof(a));
	/* The keys of IPv4's entries: one key per concept. */
	out_str("origin-address", Wflag ? " %-39s" : " %-29.29s", a);
	inet_ntop(AF_INET6, m->group, a, sizeof(a));
	out_str("group-address", Wflag ? " %-39s" : " %-16.16s", a);
	out_uint("sent-packets", " %9llu", m->pkts);
	out_str(NULL, "   %3s", "-");
	out_int("parent", "  %3d   ", m->parent);
	out_uint("bytes", NULL, m->bytes);
	out_uint("wrong-interface", NULL, m->wrong);
	out_open_list("mif");
	for (i = 0; i < m->noifs; i++)
		out_uint("mif", " %u", (unsigned)m->oif[i]);
	out_close_list();
	out_text("\n");
	out_close_instance();
}

static void
mfc6_header(void)
{
	out_text("IPv6 Multicast Forwarding Cache\n");
	if (Wflag)
		out_text(" %-39s %-39s", "Origin", "Group");
	else
		out_text(" %-29.29s %-16.16s", "Origin", "Group");
	out_text("   Packets Waits In-Mif  Out-Mifs\n");
}

static int
mfc_line(const char *line, size_t len, void *arg)
{
	struct mr_ctx *c = arg;
	struct mfc m;

	if (mroute_parse_mfc(line, len, c->family, &m) < 0)
		return (-1);
	c->pkts += m.pkts;
	c->bytes += m.bytes;
	c->wrong += m.wrong;
	if (!gflag || sflag) {
		c->rows++;
		return (0);
	}
	if (c->rows++ == 0) {
		if (c->family == AF_INET)
			out_text("IPv4 Multicast Forwarding Table\n"
			    " Origin          Group            "
			    " Packets In-Vif  Out-Vifs:Ttls\n");
		else
			mfc6_header();
	}
	if (c->family == AF_INET)
		mfc4_row(&m);
	else
		mfc6_row(&m);
	return (0);
}

static const char *
mr_file(int family, int cache)
{
	if (family == AF_INET)
		return (cache ? "net/ip_mr_cache" : "net/ip_mr_vif");
	return (cache ? "net/ip6_mr_cache" : "net/ip6_mr_vif");
}

/* One family's pair of tables, or the BSD line saying there is none. */
static void
mr_tables(int family)
{
	const char *v4 = family == AF_INET ? "IPv4" : "IPv6";
	struct mr_ctx c;

	if (!proc_exists(mr_file(family, 0))) {
		out_text("No %s multicast routing compiled into this system.\n",
		    v4);
		out_bool(family == AF_INET ? "ipv4-multicast-routing" :
		    "ipv6-multicast-routing", 0);
		return;
	}
	memset(&c, 0, sizeof(c));
	c.family = family;
	gap();
	out_open_list(family == AF_INET ? "vif" : "multicast-interface");
	(void)proc_lines(mr_file(family, 0), 1, 0, vif_line, &c);
	out_close_list();
	if (c.rows == 0)
		out_text("%s is empty\n", family == AF_INET ?
		    "IPv4 Virtual Interface Table" :
		    "IPv6 Multicast Interface Table");
	memset(&c, 0, sizeof(c));
	c.family = family;
	gap();
	out_open_list(family == AF_INET ? "multicast-forwarding-entry" :
	    "multicast-forwarding-cache");
	(void)proc_lines(mr_file(family, 1), 1, 0, mfc_line, &c);
	out_close_list();
	if (c.rows == 0)
		out_text("%s Multicast Forwarding Table is empty\n", v4);
}

/*
 * Memberships.  dev_mcast is held whole: it answers which link-layer
 * address the kernel installed for each IP group.
 */
static struct vec llgroups = { NULL, 0, 0, sizeof(struct mcgroup) };
static int have_llgroups;
static size_t *llsorted;	/* llgroups by interface and address */

static int
llgroup_line(const char *line, size_t len, void *arg)
{
	struct mcgroup g;

	(void)arg;
	if (devmcast_parse(line, len, &g) < 0)
		return (-1);
	*(struct mcgroup *)vec_add(&llgroups) = g;
	return (0);
}

/* Interface, then length, then bytes: the key group_lladdr looks up. */
static int
llkey_cmp(int ifindex, const unsigned char *a, size_t alen,
    const struct mcgroup *g)
{
	if (ifindex != g->ifindex)
		return (ifindex < g->ifindex ? -1 : 1);
	if (alen != g->alen)
		return (alen < g->alen ? -1 : 1);
	return (memcmp(a, g->addr, alen));
}

static int
llsort_cmp(const void *a, const void *b)
{
	const struct mcgroup *v = llgroups.v;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = llkey_cmp(v[x].ifindex, v[x].addr, v[x].alen, &v[y]);

	return (c != 0 ? c : (x > y) - (x < y));
}

static void
load_llgroups(int flags)
{
	size_t i;

	if (have_llgroups)
		return;
	if (proc_lines("net/dev_mcast", 0, flags, llgroup_line, NULL) != 0)
		return;
	have_llgroups = 1;
	llsorted = xreallocarray(NULL, llgroups.n, sizeof(*llsorted));
	for (i = 0; i < llgroups.n; i++)
		llsorted[i] = i;
	qsort(llsorted, llgroups.n, sizeof(*llsorted), llsort_cmp);
}

static void
free_llgroups(void)
{
	vec_free(&llgroups);
	free(llsorted);
	llsorted = NULL;
	have_llgroups = 0;
}

/* Whether dev_mcast holds ll on interface ifindex: a binary search. */
static int
has_llgroup(int ifindex, const unsigned char *ll, size_t n)
{
	const struct mcgroup *v = llgroups.v;
	size_t lo = 0, hi = llgroups.n, i;
	int c;

	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if ((c = llkey_cmp(ifindex, ll, n, &v[llsorted[i]])) == 0)
			return (1);
		if (c < 0)
			hi = i;
		else
			lo = i + 1;
	}
	return (0);
}

/* The link-layer group an IP group maps to (RFC 1112, RFC 2464). */
static size_t
ip_to_ll(int family, const unsigned char *a, unsigned char *ll)
{
	if (family == AF_INET) {
		ll[0] = 0x01;
		ll[1] = 0x00;
		ll[2] = 0x5e;
		ll[3] = a[1] & 0x7f;
		ll[4] = a[2];
		ll[5] = a[3];
	} else {
		ll[0] = 0x33;
		ll[1] = 0x33;
		memcpy(ll + 2, a + 12, 4);
	}
	return (6);
}

/*
 * The group's link-layer address as text: the mapped address when the
 * kernel holds it on that interface, "<none>" when it does not (loopback,
 * tunnels), "-" when dev_mcast could not be read.  NULL for "<none>"/"-"
 * is signalled through *known.
 */
static const char *
group_lladdr(const struct mcgroup *g, char *buf, size_t len, int *known,
    int hex)
{
	unsigned char ll[6];
	size_t n;

	*known = 0;
	if (!have_llgroups)
		return ("-");
	n = ip_to_ll(g->family, g->addr, ll);
	if (has_llgroup(g->ifindex, ll, n)) {
		if (hex)
			ll_hex(ll, n, buf, len);
		else
			mroute_ll_ntoa(ll, n, buf, len);
		*known = 1;
		return (buf);
	}
	return ("<none>");
}

static void
membership_header(const char *what)
{
	gap();
	out_text("%s Multicast Group Memberships\n", what);
	/* Darwin's ifmalist_dump_af: tabs between the columns. */
	out_text("%-20s\t%-16s\t%s\n", "Group", "Link-layer Address",
	    "Netif");
}

static void
link_memberships(void)
{
	const struct mcgroup *lg;
	char buf[3 * MR_LLMAX];
	size_t i;

	membership_header("Link-layer");
	out_open_list("link-layer-multicast-group-membership");
	for (i = 0; i < llgroups.n; i++) {
		lg = (const struct mcgroup *)llgroups.v + i;
		mroute_ll_ntoa(lg->addr, lg->alen, buf, sizeof(buf));
		out_open_instance();
		out_str(NULL, "%-20s", buf);
		ll_str(buf, sizeof(buf), lg->addr, lg->alen);
		out_str("link-layer-address", NULL, buf);
		out_str(NULL, "\t%-16s", "<none>");
		out_strn("interface-name", "\t%s\n", lg->name, lg->namelen);
		out_uint("references", NULL, lg->users);
		out_close_instance();
	}
	out_close_list();
}

static void
group_row(const struct mcgroup *g)
{
	char ll[3 * MR_LLMAX], name[INET6_ADDRSTRLEN + MR_NAMEMAX + 2];
	const char *s;
	int known;

	out_open_instance();
	out_str(NULL, "%-20s", group_name(g, name, sizeof(name)));
	out_str("group", NULL, addr_str(g->family, g->addr));
	out_str(NULL, "\t%-16s", group_lladdr(g, ll, sizeof(ll), &known, 0));
	/* JSON's form: two hex digits a byte, as -gs prints it. */
	s = group_lladdr(g, ll, sizeof(ll), &known, 1);
	if (known)
		out_str("link-layer-address", NULL, s);
	out_strn("interface-name", "\t%s\n", g->name, g->namelen);
	out_uint("users", NULL, g->users);
	out_close_instance();
}

/* Where -g streams groups to the screen and -gs collects them. */
struct group_sink {
	struct igmp_dev	 dev;
	struct vec	*keep;	/* NULL: print */
};

static void
group_put(struct group_sink *sk, const struct mcgroup *g)
{
	if (sk->keep != NULL)
		*(struct mcgroup *)vec_add(sk->keep) = *g;
	else
		group_row(g);
}

static int
igmp_line(const char *line, size_t len, void *arg)
{
	struct group_sink *sk = arg;
	struct mcgroup g;
	int r;

	if ((r = igmp_parse(line, len, &sk->dev, &g)) < 0)
		return (-1);
	if (r == 1)
		group_put(sk, &g);
	return (0);
}

static int
igmp6_line(const char *line, size_t len, void *arg)
{
	struct mcgroup g;

	if (igmp6_parse(line, len, &g) < 0)
		return (-1);
	group_put(arg, &g);
	return (0);
}

static void
ip_memberships(int family)
{
	struct group_sink sk;

	memset(&sk, 0, sizeof(sk));
	membership_header(family == AF_INET ? "IPv4" : "IPv6");
	out_open_list(family == AF_INET ? "ipv4-multicast-group-membership" :
	    "ipv6-multicast-group-membership");
	if (family == AF_INET)
		(void)proc_lines("net/igmp", 0, 0, igmp_line, &sk);
	else
		(void)proc_lines("net/igmp6", 0, 0, igmp6_line, &sk);
	out_close_list();
}

void
mroutepr(void)
{
	need_gap = 0;
	if (family_on(AF_INET))
		mr_tables(AF_INET);
	if (family_on(AF_INET6))
		mr_tables(AF_INET6);
	/* The link table needs dev_mcast; the others only consult it. */
	load_llgroups(family_on(AF_PACKET) ? 0 : PROC_QUIET);
	if (family_on(AF_PACKET))
		link_memberships();
	if (family_on(AF_INET))
		ip_memberships(AF_INET);
	if (family_on(AF_INET6))
		ip_memberships(AF_INET6);
	free_llgroups();
}

/*
 * -gs.
 */

/* A "\t<n> <phrase>" line; fmt's %s takes the plural ending. */
static void
stat_line(const char *key, const char *phrase, unsigned long long n)
{
	char fmt[160];

	if (n == 0 && sflag > 1)
		return;		/* -gss hides zeros */
	(void)snprintf(fmt, sizeof(fmt), phrase, plural(n));
	out_uint(key, "\t%llu ", n);
	out_text("%s\n", fmt);
}

static void
forwarding_stats(int family)
{
	struct mr_ctx c;

	memset(&c, 0, sizeof(c));
	c.family = family;
	out_text("%s multicast forwarding:\n", family == AF_INET ? "IPv4" :
	    "IPv6");
	if (!proc_exists(mr_file(family, 1))) {
		out_text("\tNo %s multicast routing compiled into this "
		    "system.\n", family == AF_INET ? "IPv4" : "IPv6");
		out_bool("multicast-routing", 0);
		return;
	}
	(void)proc_lines(mr_file(family, 1), 1, 0, mfc_line, &c);
	stat_line("cache-entries", c.rows == 1 ?
	    "multicast forwarding cache entry" :
	    "multicast forwarding cache entries", (unsigned long long)c.rows);
	stat_line("forwarded-packets", "datagram%s forwarded", c.pkts);
	stat_line("forwarded-bytes", "byte%s forwarded", c.bytes);
	stat_line("dropped-wrong-incoming-interface",
	    "datagram%s arrived on wrong interface", c.wrong);
}

static const struct {
	const char	*name4, *name6;	/* net/netstat, net/snmp6 */
	const char	*key, *phrase;
} mcast_ctr[] = {
	{ "IpExtInMcastPkts", "Ip6InMcastPkts", "received-packets",
	    "multicast datagram%s received" },
	{ "IpExtOutMcastPkts", "Ip6OutMcastPkts", "sent-packets",
	    "multicast datagram%s sent" },
	{ "IpExtInMcastOctets", "Ip6InMcastOctets", "received-bytes",
	    "byte%s of multicast received" },
	{ "IpExtOutMcastOctets", "Ip6OutMcastOctets", "sent-bytes",
	    "byte%s of multicast sent" },
};

static void
traffic_stats(int family)
{
	struct stat_snap snap;
	unsigned long long v;
	size_t i;
	int rc;

	out_text("%s multicast traffic:\n", family == AF_INET ? "IPv4" :
	    "IPv6");
	memset(&snap, 0, sizeof(snap));
	rc = family == AF_INET ?
	    stats_snap_read(&snap, "net/netstat", STF_NETSTAT) :
	    stats_snap_read(&snap, "net/snmp6", STF_SNMP6);
	for (i = 0; rc == 0 && i < sizeof(mcast_ctr) / sizeof(mcast_ctr[0]);
	    i++)
		if (stats_get(&snap, family == AF_INET ? mcast_ctr[i].name4 :
		    mcast_ctr[i].name6, &v) == 0)
			stat_line(mcast_ctr[i].key, mcast_ctr[i].phrase, v);
	stats_snap_free(&snap);
}

static void
family_stats(int family)
{
	out_open_container(family == AF_INET ? "multicast-statistics" :
	    "multicast6-statistics");
	forwarding_stats(family);
	traffic_stats(family);
	out_close_container();
}

/* -gs per interface: everything loaded, then grouped by interface. */
static struct vec groups = { NULL, 0, 0, sizeof(struct mcgroup) };
static struct vec sources = { NULL, 0, 0, sizeof(struct source) };

static int
source_line(const char *line, size_t len, void *arg)
{
	struct source s;

	if (mroute_parse_mcfilter(line, len, *(int *)arg, &s) < 0)
		return (-1);
	s.seq = sources.n;
	*(struct source *)vec_add(&sources) = s;
	return (0);
}

static int
same_group(const struct source *s, const struct mcgroup *g)
{
	return (s->family == g->family && s->ifindex == g->ifindex &&
	    memcmp(s->group, g->addr, g->family == AF_INET ? 4 : 16) == 0);
}

/* Sources by family, interface and group; the file's order within. */
static int
source_key(const struct source *s, int family, int ifindex,
    const unsigned char *group)
{
	if (s->family != family)
		return (s->family < family ? -1 : 1);
	if (s->ifindex != ifindex)
		return (s->ifindex < ifindex ? -1 : 1);
	return (memcmp(s->group, group, 16));
}

static int
cmp_source(const void *a, const void *b)
{
	const struct source *x = a, *y = b;
	int c = source_key(x, y->family, y->ifindex, y->group);

	return (c != 0 ? c : (x->seq > y->seq) - (x->seq < y->seq));
}

/*
 * Where the sources of group g start, once they are sorted: each group
 * looks at its own run, not at every source of the host.
 */
static size_t
first_source(const struct mcgroup *g)
{
	const struct source *s = sources.v;
	unsigned char key[16];
	size_t lo = 0, hi = sources.n, i;

	memset(key, 0, sizeof(key));
	memcpy(key, g->addr, g->family == AF_INET ? 4 : 16);
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (source_key(&s[i], g->family, g->ifindex, key) < 0)
			lo = i + 1;
		else
			hi = i;
	}
	return (lo);
}

/*
 * Linux does not export a group's filter mode, only each source's
 * include/exclude socket counts.  A socket joined with sources counts on
 * one source at least; a socket joined without any (any-source, mode
 * exclude) only in the group's users.  So: exclude when a source is
 * excluded, when there is no source, or when more sockets use the group
 * than the include counts can account for; include otherwise.
 */
static const char *
group_mode(const struct mcgroup *g)
{
	const struct source *s = sources.v;
	unsigned long long inc = 0;
	size_t i;
	int any = 0;

	for (i = first_source(g); i < sources.n && same_group(&s[i], g);
	    i++) {
		if (s[i].exc > 0)
			return ("exclude");
		inc += s[i].inc;
		any = 1;
	}
	return (!any || g->users > inc ? "exclude" : "include");
}

/*
 * A source belongs to the group's filter list when it is included (mode
 * include) or excluded and wanted by no socket (mode exclude), which is
 * how the kernel builds the list it reports; JSON lists every source the
 * kernel keeps, with its counts.
 */
static int
in_filter(const struct source *s, int include)
{
	return (include ? s->inc > 0 : s->exc > 0 && s->inc == 0);
}

static void
group_sources(const struct mcgroup *g, int include)
{
	const struct source *s = sources.v;
	const char *a;
	size_t i;
	int n = 0;

	out_open_list("source");
	for (i = first_source(g); i < sources.n && same_group(&s[i], g);
	    i++) {
		a = addr_str(g->family, s[i].src);
		/* Darwin lists them with -v only; JSON always. */
		if (vflag && in_filter(&s[i], include))
			out_str(NULL, n++ ? ",%s" : " srcs %s", a);
		out_open_instance();
		out_str("address", NULL, a);
		out_uint("include-count", NULL, s[i].inc);
		out_uint("exclude-count", NULL, s[i].exc);
		out_close_instance();
	}
	out_close_list();
}

static void
group_state(const struct mcgroup *g)
{
	char ll[3 * MR_LLMAX], name[INET6_ADDRSTRLEN + MR_NAMEMAX + 2];
	const char *s, *mode;
	int known;

	out_open_instance();
	out_str(NULL, "\t\tgroup %s", group_name(g, name, sizeof(name)));
	out_str("group", NULL, addr_str(g->family, g->addr));
	mode = group_mode(g);
	out_str("mode", " mode %s", mode);
	out_uint("users", NULL, g->users);
	group_sources(g, strcmp(mode, "include") == 0);
	out_text("\n");
	s = group_lladdr(g, ll, sizeof(ll), &known, 1);
	if (known)
		out_str("link-layer-address", "\t\t\tmcast-macaddr %s\n", s);
	out_close_instance();
}

/* A name safe to put in a path under sys/net (no "/", not "." or ".."). */
static int
path_safe(const char *name)
{
	return (strchr(name, '/') == NULL && strcmp(name, ".") != 0 &&
	    strcmp(name, "..") != 0);
}

/*
 * An interface's MLD version: only a forced one is known (Linux shows
 * no version in use); 0 when not forced.
 */
static int
mld_version(const struct mcgroup *g)
{
	char rel[128];
	long long v;

	if (!path_safe(g->name))
		return (0);
	(void)snprintf(rel, sizeof(rel),
	    "sys/net/ipv6/conf/%s/force_mld_version", g->name);
	if (proc_read_int(rel, &v) < 0 || (v != 1 && v != 2))
		return (0);
	return ((int)v);
}

/* A sysctl of the interface (conf/IF/name), -1 when it cannot be read. */
static long long
conf_int(const struct mcgroup *g, const char *fam, const char *name)
{
	char rel[256];
	long long v;

	if (!path_safe(g->name))
		return (-1);
	(void)snprintf(rel, sizeof(rel), "sys/net/%s/conf/%s/%s", fam,
	    g->name, name);
	return (proc_read_int(rel, &v) == 0 && v >= 0 ? v : -1);
}

/*
 * Darwin's in_ifinfo/in6_ifinfo line: version, flags, then robustness,
 * query interval, query response interval and unsolicited report
 * interval (seconds).  Linux exports the robustness (igmp_qrv, mld_qrv)
 * and the report intervals (ms, per interface and version); qi and qri
 * are learned from queriers and not exported: "-".  Darwin's flags
 * (SILENT, LOOPBACK) have no Linux counterpart: 0.
 */
static void
family_info(const struct mcgroup *g, int family)
{
	char ver[16], sec[32];
	const char *uri;
	long long rv, ms;
	int v;

	if (family == AF_INET) {
		v = g->version;
		(void)snprintf(ver, sizeof(ver), "igmpv%d", v);
		uri = v == 3 ? "igmpv3_unsolicited_report_interval" :
		    "igmpv2_unsolicited_report_interval";
		out_str("igmp-version", "\t%s", ver);
	} else {
		v = mld_version(g);
		(void)snprintf(ver, sizeof(ver), v ? "mldv%d" : "mld", v);
		uri = v == 1 ? "mldv1_unsolicited_report_interval" :
		    "mldv2_unsolicited_report_interval";
		out_str("mld-version", "\t%s", ver);
	}
	out_uint(NULL, " flags=%llx<>", 0);	/* Linux has none: text only */
	if (proc_read_int(family == AF_INET ? "sys/net/ipv4/igmp_qrv" :
	    "sys/net/ipv6/mld_qrv", &rv) == 0 && rv >= 0)
		out_uint(family == AF_INET ? "igmp-robustness" :
		    "mld-robustness", " rv %llu", (unsigned long long)rv);
	else
		out_str(NULL, " rv %s", "-");
	out_text(" qi - qri -");
	ms = conf_int(g, family == AF_INET ? "ipv4" : "ipv6", uri);
	if (ms < 0)
		(void)strcpy(sec, "-");
	else if (ms % 1000 == 0)
		(void)snprintf(sec, sizeof(sec), "%lld", ms / 1000);
	else
		(void)snprintf(sec, sizeof(sec), "%lld.%03lld", ms / 1000,
		    ms % 1000);
	out_str(NULL, " uri %s\n", sec);
	if (ms >= 0)
		out_uint(family == AF_INET ? "igmp-report-interval-ms" :
		    "mld-report-interval-ms", NULL, (unsigned long long)ms);
}

/*
 * Darwin's address line: the interface's first IPv4 address, its IPv6
 * link-local one (where IGMP and MLD speak from); "-" when not known.
 */
static void
family_addr(const struct mcgroup *g, int family)
{
	char buf[INET6_ADDRSTRLEN + MR_NAMEMAX + 2];
	const uint8_t *a;

	if (family == AF_INET) {
		a = iface_addr(g->ifindex, AF_INET);
		out_str(a != NULL ? "inet-address" : NULL, "\tinet %s\n",
		    a != NULL ? addr_str(AF_INET, a) : "-");
		return;
	}
	if ((a = iface_ll6(g->ifindex)) != NULL)
		(void)snprintf(buf, sizeof(buf), "%s%%%.*s",
		    addr_str(AF_INET6, a), (int)g->namelen, g->name);
	else
		(void)strcpy(buf, "-");
	out_str(NULL, "\tinet6 %s\n", buf);
	if (a != NULL)	/* its %scope is the interface-name */
		out_str("inet6-address", NULL, addr_str(AF_INET6, a));
}

/* The groups of one family among one interface's, g[0] .. g[n - 1]. */
static void
family_state(const struct mcgroup *g, size_t n, int family)
{
	size_t i;
	int first = 1;

	for (i = 0; i < n; i++) {
		if (g[i].family != family)
			continue;
		if (first) {
			family_addr(&g[i], family);
			family_info(&g[i], family);
			out_open_list(family == AF_INET ? "ipv4-group" :
			    "ipv6-group");
			first = 0;
		}
		group_state(&g[i]);
	}
	if (!first)
		out_close_list();
}

/* By interface, IPv4 first; stable: the kernel's order within each. */
static int
cmp_group(const void *a, const void *b)
{
	const struct mcgroup *v = groups.v;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	const struct mcgroup *x = &v[i], *y = &v[j];

	if (x->ifindex != y->ifindex)
		return (x->ifindex < y->ifindex ? -1 : 1);
	if (x->family != y->family)
		return (x->family == AF_INET ? -1 : 1);
	return ((i > j) - (i < j));
}

static void
sort_groups(void)
{
	struct mcgroup *v;
	size_t *order, i;

	if (groups.n < 2)
		return;
	order = xreallocarray(NULL, groups.n, sizeof(*order));
	for (i = 0; i < groups.n; i++)
		order[i] = i;
	qsort(order, groups.n, sizeof(*order), cmp_group);
	v = xreallocarray(NULL, groups.n, sizeof(*v));
	for (i = 0; i < groups.n; i++)
		v[i] = ((struct mcgroup *)groups.v)[order[i]];
	free(order);
	free(groups.v);
	groups.v = v;
	groups.cap = groups.n;
}

static void
interface_state(void)
{
	struct group_sink sk;
	const struct mcgroup *g;
	unsigned long bad = 0;
	size_t i, j;
	int fam;

	memset(&sk, 0, sizeof(sk));
	sk.keep = &groups;
	/* The interfaces' addresses, for the inet and inet6 lines. */
	if (memf != NULL || iface_load(&bad) < 0)
		iface_load_proc();
	else
		(void)iface_load_addrs(&bad);
	if (family_on(AF_INET)) {
		(void)proc_lines("net/igmp", 0, 0, igmp_line, &sk);
		fam = AF_INET;
		(void)proc_lines("net/mcfilter", 1, PROC_QUIET, source_line,
		    &fam);
	}
	if (family_on(AF_INET6)) {
		(void)proc_lines("net/igmp6", 0, 0, igmp6_line, &sk);
		fam = AF_INET6;
		(void)proc_lines("net/mcfilter6", 1, PROC_QUIET, source_line,
		    &fam);
	}
	load_llgroups(PROC_QUIET);
	sort_groups();
	if (sources.n > 1)
		qsort(sources.v, sources.n, sizeof(struct source), cmp_source);
	out_open_list("multicast-interface-state");
	g = groups.v;
	for (i = 0; i < groups.n; i = j) {
		for (j = i + 1; j < groups.n && g[j].ifindex == g[i].ifindex;
		    j++)
			;
		out_open_instance();
		out_strn("interface-name", "%s:\n", g[i].name, g[i].namelen);
		family_state(&g[i], j - i, AF_INET);
		family_state(&g[i], j - i, AF_INET6);
		out_close_instance();
	}
	out_close_list();
	vec_free(&groups);
	vec_free(&sources);
	free_llgroups();
}

void
mrt_stats(void)
{
	if (af == AF_PACKET)
		ns_errx("link: no multicast statistics");
	if (family_on(AF_INET))
		family_stats(AF_INET);
	if (family_on(AF_INET6))
		family_stats(AF_INET6);
	out_text("\n");
	interface_state();
}
