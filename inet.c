/*
 * Internet sockets (the default display, -L, -A, -v, -x, -b); the IPv4
 * statistics (-s) are in inet_stats.c.
 *
 * Sockets come from NETLINK_SOCK_DIAG (inet_diag), one dump per family and
 * protocol, filtered by state in the kernel and asking only for the
 * extensions the options need.  Where the kernel has no diag handler for a
 * protocol (raw sockets here, UDP-Lite on many kernels) or with -M, the
 * /proc/net text files give the same rows.  Rows are printed as they
 * arrive; nothing is held but what -L and -v need.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

_Static_assert(INET_MEMVARS == SK_MEMINFO_VARS,
    "netstat.h's INET_MEMVARS is SK_MEMINFO_VARS");

/* Linux socket states (include/net/tcp_states.h). */
enum {
	LS_ESTABLISHED = 1, LS_SYN_SENT, LS_SYN_RECV, LS_FIN_WAIT1,
	LS_FIN_WAIT2, LS_TIME_WAIT, LS_CLOSE, LS_CLOSE_WAIT, LS_LAST_ACK,
	LS_LISTEN, LS_CLOSING, LS_NEW_SYN_RECV, LS_BOUND_INACTIVE, LS_MAX
};

#define	ST(s)		(1U << (s))
/* Protocols whose sockets have TCP's states (MPTCP: mptcp.c's notes). */
#define	TCPSTATES(p)	((p) == IPPROTO_TCP || (p) == IPPROTO_MPTCP)
#define	ALL_STATES	0xffffffffU

/* BSD's names for Linux's states. */
static const char *const statenames[LS_MAX] = {
	[LS_ESTABLISHED] = "ESTABLISHED",
	[LS_SYN_SENT] = "SYN_SENT",
	[LS_SYN_RECV] = "SYN_RCVD",
	[LS_FIN_WAIT1] = "FIN_WAIT_1",
	[LS_FIN_WAIT2] = "FIN_WAIT_2",
	[LS_TIME_WAIT] = "TIME_WAIT",
	[LS_CLOSE] = "CLOSED",
	[LS_CLOSE_WAIT] = "CLOSE_WAIT",
	[LS_LAST_ACK] = "LAST_ACK",
	[LS_LISTEN] = "LISTEN",
	[LS_CLOSING] = "CLOSING",
	[LS_NEW_SYN_RECV] = "SYN_RCVD",
	[LS_BOUND_INACTIVE] = "CLOSED",
};

/* Timer names of idiag_timer and the proc files' "tr" field. */
static const char *const timernames[] = {
	"off", "on", "keepalive", "timewait", "probe"
};

/* What one listing (one protocol, one family) is doing. */
struct listing {
	const char	*name;		/* "tcp", "udp", "udplite", "ip" */
	const char	*svc;		/* services(5) protocol for port names */
	int		proto;		/* IPPROTO_* (IPPROTO_RAW: any raw) */
	int		family;		/* family of the dump */
	int		show4, show6;	/* rows printed as ...4 / ...6, ...46 */
	int		bindv6only;	/* system default, for proc files */
	unsigned long	rows;		/* rows printed or collected */
	int		collect;	/* -L: collecting half-open sockets */
	struct recent	recent;		/* last rows' cookies */
};

static int	inet_banner_done;
static int	listen_banner_done;
static int	diag_fd = -1;
static char	addrfmt[16];	/* "%-22s ": the padded address column */
static int	addrwidth;

/*
 * Half-open (SYN_RCVD) connections, collected for -L so that each
 * listener's incqlen can be counted.
 */
struct halfopen {
	int		family;
	unsigned int	port;
	unsigned char	addr[16];
};
static struct halfopen *halfopen;
static size_t	nhalfopen, halfopencap;

static void	print_row(const struct listing *, const struct sockrow *);

/*
 * Banners.
 */
void
listen_banner(void)
{
	if (listen_banner_done)
		return;
	listen_banner_done = 1;
	out_text("Current listen queue sizes (qlen/incqlen/maxqlen)\n");
	out_text("%-5.5s %-14.14s %s\n", "Proto", "Listen", "Local Address");
}

static int
address_width(void)
{
	if (lflag && af != AF_INET)
		return (45);
	return (Aflag ? 18 : 22);
}

static void
inet_banner(void)
{
	int w = addrwidth;

	if (inet_banner_done)
		return;
	inet_banner_done = 1;
	out_text("Active Internet connections%s\n",
	    aflag ? " (including servers)" : "");
	if (Aflag)
		out_text("%-16.16s ", "Socket");
	if (Tflag) {
		out_text("%-5.5s ", "Proto");
		tcpx_banner_T();
		out_text("%-*.*s %-*.*s", w, w, "Local Address", w, w,
		    "Foreign Address");
	} else
		out_text("%-5.5s %-6.6s %-6.6s  %-*.*s %-*.*s", "Proto",
		    "Recv-Q", "Send-Q", w, w, "Local Address", w, w,
		    "Foreign Address");
	if (xflag)
		out_text(" %6s %6s %6s %6s %6s %5s %-20s", "R-HIWA", "S-HIWA",
		    "R-BCNT", "S-BCNT", "S-QUED", "Drops", "Timer");
	else if (!Tflag)
		out_text(" %-11s", "(state)");
	else
		out_text(" ");	/* -T: the rows' address ends in a blank */
	if (bflag)
		out_text(" %10s %10s", "rxbytes", "txbytes");
	tcpx_banner();
	if (vflag) {
		/* Darwin's 6 wide, one more for Linux's 7-digit buffers. */
		if (!xflag)
			out_text(" %7s %7s", "rhiwat", "shiwat");
		out_text(" %s", "process:pid");
	}
	out_text("\n");
}

/* Number formatting for the hot path, without printf. */
static void
hex16(char *buf, unsigned long long v)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 15; i >= 0; i--) {
		buf[i] = digits[v & 15];
		v >>= 4;
	}
	buf[16] = '\0';
}

/* The numeric form of an IPv4 address (network order bytes). */
static char *
v4_str(char *buf, const unsigned char *a)
{
	char *p = buf;
	unsigned int v;
	int i;

	for (i = 0; i < 4; i++) {
		if (i > 0)
			*p++ = '.';
		v = a[i];
		if (v >= 100) {
			*p++ = (char)('0' + v / 100);
			v %= 100;
			*p++ = (char)('0' + v / 10);
		} else if (v >= 10)
			*p++ = (char)('0' + v / 10);
		*p++ = (char)('0' + v % 10);
	}
	*p = '\0';
	return (p);
}

/*
 * Addresses.
 */
static int
addr_unspec(int family, const unsigned char *a)
{
	static const unsigned char zero[16];

	return (memcmp(a, zero, family == AF_INET6 ? 16 : 4) == 0);
}

static int
addr_mapped(const unsigned char *a)
{
	static const unsigned char prefix[12] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
	};

	return (memcmp(a, prefix, sizeof(prefix)) == 0);
}

/*
 * The host part of an address: "*" for the wildcard, else a name or the
 * numeric form.  The returned string lives until the next call.
 */
static const char *
host_part(int family, const unsigned char *a)
{
	static char buf[INET6_ADDRSTRLEN];

	if (addr_unspec(family, a))
		return ("*");
	if ((nflag || Sflag) && family == AF_INET) {
		v4_str(buf, a);
		return (buf);
	}
	if (Sflag)		/* -S: numeric hosts, named ports */
		return (addr_str(family, a));
	return (host_name(family, a));
}

static const char *
port_part(unsigned int port, const char *svc, int numeric)
{
	static char buf[8];

	if (port == 0)
		return ("*");
	if (numeric || svc == NULL) {
		*put_dec(buf, port) = '\0';
		return (buf);
	}
	return (port_name(port, svc));
}

/*
 * BSD's "host.port": the host cut to hostcut characters, then ".port",
 * the whole cut to wholecut (0: no cut).  Returns the length.
 */
static size_t
hostport(char *buf, size_t cap, const char *host, const char *port,
    size_t hostcut, size_t wholecut)
{
	size_t hl = strlen(host), pl = strlen(port), n;

	if (hostcut > 0)	/* by the columns it shows in, escaped */
		hl = shown_cut(host, hl, hostcut);
	if (hl + 1 + pl >= cap)
		pl = hl + 1 < cap ? cap - hl - 2 : 0;
	if (hl >= cap)
		hl = cap - 1;
	memcpy(buf, host, hl);
	n = hl;
	if (n + 1 < cap) {
		buf[n++] = '.';
		memcpy(buf + n, port, pl);
		n += pl;
	}
	if (wholecut > 0)
		n = shown_cut(buf, n, wholecut);
	buf[n] = '\0';
	return (n);
}

/*
 * ip_local_port_range, "lo\thi\n": the ports the kernel picks from.
 * Returns 0, or -1 when the buffer is not two ports in order.
 */
int
port_range_parse(const char *buf, size_t len, unsigned int *lo,
    unsigned int *hi)
{
	const char *p = buf, *end = buf + len, *t;
	unsigned long long a, b;
	size_t n;

	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &a) < 0)
		return (-1);
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	t = p;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (proc_ull(t, (size_t)(p - t), 10, &b) < 0 ||
	    (p < end && *p != '\n') || a > b || b > 65535)
		return (-1);
	*lo = (unsigned int)a;
	*hi = (unsigned int)b;
	return (0);
}

/*
 * Was this local port chosen by the kernel?  BSD marks such a socket
 * (INP_ANONPORT); Linux does not, so a port in ip_local_port_range
 * stands for it.  Read once: with -M from the tree, defaulting to the
 * kernel's own range when the tree has no such file.
 */
static int
port_anon(unsigned int port)
{
	static unsigned int lo, hi;
	static int loaded;
	char *buf;
	size_t len;

	if (!loaded) {
		loaded = 1;
		lo = 32768;
		hi = 60999;
		if ((buf = proc_slurp("sys/net/ipv4/ip_local_port_range",
		    &len, PROC_QUIET)) != NULL) {
			if (port_range_parse(buf, len, &lo, &hi) < 0) {
				lo = 32768;
				hi = 60999;
			}
			free(buf);
		}
	}
	return (port >= lo && port <= hi);
}

/*
 * One end of a connection: the text column and the JSON container
 * ("local" or "remote", with "address" and "port", never cut).
 * padded: pad to the column (the -L row does not); numeric: the port
 * as a number by BSD's rule (see print_ends()).
 */
static void
print_end(const char *key, int family, const unsigned char *a,
    unsigned int port, const char *svc, int padded, int numeric)
{
	char text[NI_MAXHOST + 32];
	const char *host, *pname;
	size_t hostcut, wholecut;

	/* The common case, numeric IPv4, built in place. */
	if (nflag && family == AF_INET && !Aflag && out_style == OUT_TEXT &&
	    !addr_unspec(AF_INET, a) && port != 0) {
		char *p = text;

		p = v4_str(p, a);
		*p++ = '.';
		p = put_dec(p, port);
		out_strn(NULL, padded ? addrfmt : "%s", text, (size_t)(p - text));
		return;
	}
	host = host_part(family, a);
	numeric |= nflag;
	pname = port_part(port, svc, numeric);
	out_open_container(key);
	if (out_style == OUT_TEXT) {
		if (Wflag) {
			hostcut = 0;
			wholecut = 0;
		} else if (lflag && family == AF_INET6) {
			hostcut = 0;
			wholecut = 45;
		} else {
			/* BSD's inetprint(): 12 only for a named port. */
			hostcut = Aflag && !numeric ? 12 : 16;
			wholecut = Aflag ? 18 : 22;
		}
		out_strn(NULL, padded ? addrfmt : "%s", text, hostport(text,
		    sizeof(text), host, pname, hostcut, wholecut));
		return;
	}
	out_str("address", NULL, host);
	out_str("port", NULL, pname);
	out_close_container();
}

/*
 * Parsers.  Each looks at a buffer and its length only.
 */

/* The fixed part of an inet_diag answer. */
static void
diag_header(const struct inet_diag_msg *m, struct sockrow *r)
{
	uint32_t cookie[2];

	memset(r, 0, sizeof(*r));
	r->family = m->idiag_family;
	r->state = m->idiag_state;
	memcpy(r->laddr, m->id.idiag_src, 16);
	memcpy(r->faddr, m->id.idiag_dst, 16);
	r->lport = ntohs(m->id.idiag_sport);
	r->fport = ntohs(m->id.idiag_dport);
	r->rq = m->idiag_rqueue;
	r->sq = m->idiag_wqueue;
	r->inode = m->idiag_inode;
	memcpy(cookie, m->id.idiag_cookie, sizeof(cookie));
	r->cookie = (unsigned long long)cookie[1] << 32 | cookie[0];
	r->have_cookie = 1;
	r->timer = m->idiag_timer;
	r->retrans = m->idiag_retrans;
	r->expires_ms = m->idiag_expires;
	r->have_timer = 1;
	r->v6only = -1;
	/* A listener's "send queue" is its backlog: -L shows it. */
	if (r->state == LS_LISTEN) {
		r->maxq = r->sq;
		r->sq = 0;
		r->have_maxq = 1;
	}
}

/*
 * The extensions asked for: v6only, meminfo; tcp_info (the byte counts
 * of -b among its figures) is tcpinfo.c's to read.
 */
static void
diag_attrs(const struct rtattr *const *tb, struct sockrow *r)
{
	const size_t drops = (SK_MEMINFO_DROPS + 1) * sizeof(uint32_t);
	const unsigned char *d;
	size_t dlen;

	if (tb[INET_DIAG_SKV6ONLY] != NULL) {
		d = nl_data(tb[INET_DIAG_SKV6ONLY], &dlen);
		if (dlen >= 1)
			r->v6only = d[0] != 0;
	}
	if (tb[INET_DIAG_SKMEMINFO] != NULL) {
		d = nl_data(tb[INET_DIAG_SKMEMINFO], &dlen);
		/* Older kernels send fewer figures: the rest stay 0. */
		if (dlen >= drops) {
			memcpy(r->mem, d, dlen < sizeof(r->mem) ? dlen :
			    sizeof(r->mem));
			r->have_mem = 1;
		}
	}
	tcpx_attrs(tb, &r->tx);
	if (r->tx.have_bytes) {
		r->txbytes = r->tx.bytes_acked;
		r->rxbytes = r->tx.bytes_received;
		r->have_bytes = 1;
	}
}

/* An inet_diag_msg and its attributes (the payload of one message). */
int
inet_diag_parse(const void *buf, size_t len, struct sockrow *r)
{
	const struct rtattr *tb[INET_DIAG_ULP_INFO + 1];
	struct inet_diag_msg m;

	/* A damaged attribute list (1) loses the attributes, not the row. */
	if (nl_body(buf, len, &m, sizeof(m), tb, INET_DIAG_ULP_INFO) < 0)
		return (-1);
	if (m.idiag_family != AF_INET && m.idiag_family != AF_INET6)
		return (-1);
	diag_header(&m, r);
	diag_attrs(tb, r);
	return (0);
}

/*
 * "0100007F:0016": the address as the kernel printed it (each 32-bit
 * word in host order, 8 hex digits) and the port.
 */
static int
inet_endpoint(const char *s, size_t n, int family, unsigned char *addr,
    unsigned int *port)
{
	size_t alen = family == AF_INET6 ? 32 : 8, i;
	unsigned long long w, p;
	uint32_t word;

	memset(addr, 0, 16);
	if (n != alen + 5 || s[alen] != ':')
		return (-1);
	for (i = 0; i < alen; i += 8) {
		if (proc_ull(s + i, 8, 16, &w) < 0)
			return (-1);
		word = (uint32_t)w;
		memcpy(addr + i / 2, &word, sizeof(word));
	}
	if (proc_ull(s + alen + 1, 4, 16, &p) < 0)
		return (-1);
	*port = (unsigned int)p;
	return (0);
}

/* The next token as "hex:hex", each no larger than max. */
static int
inet_pair(const char **pp, const char *end, unsigned long long max,
    unsigned long long *a, unsigned long long *b)
{
	const char *t;
	size_t n;

	if (!proc_token(pp, end, &t, &n) || proc_hexpair(t, n, a, b) < 0 ||
	    *a > max || *b > max)
		return (-1);
	return (0);
}

/*
 * The fields up to the inode:
 *   sl local rem st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout
 *   inode
 * tm->when is in clock ticks (USER_HZ, 100 a second).
 */
static int
inet_proc_fixed(const char **pp, const char *end, struct sockrow *r)
{
	unsigned long long v, w;
	const char *t;
	size_t n;

	if (!proc_token(pp, end, &t, &n) || t[n - 1] != ':' ||
	    proc_ull(t, n - 1, 10, &v) < 0)
		return (-1);
	if (!proc_token(pp, end, &t, &n) ||
	    inet_endpoint(t, n, r->family, r->laddr, &r->lport) < 0 ||
	    !proc_token(pp, end, &t, &n) ||
	    inet_endpoint(t, n, r->family, r->faddr, &r->fport) < 0)
		return (-1);
	if (proc_next_ull(pp, end, 16, 255, &v) < 0 || v == 0)
		return (-1);
	r->state = (int)v;
	if (inet_pair(pp, end, UINT_MAX, &v, &w) < 0)
		return (-1);
	r->sq = (unsigned int)v;
	r->rq = (unsigned int)w;
	if (inet_pair(pp, end, ULLONG_MAX, &v, &w) < 0 || v > 4)
		return (-1);
	r->timer = (unsigned int)v;
	/* A timer already due prints as a negative count: call it 0. */
	if (w & 0x8000000000000000ULL)
		w = 0;
	else if (w > ULLONG_MAX / 10)
		return (-1);
	r->expires_ms = w * 10;
	if (proc_next_ull(pp, end, 16, UINT_MAX, &v) < 0)
		return (-1);
	r->retrans = (unsigned int)v;
	r->have_timer = 1;
	/* uid, timeout, inode */
	if (proc_next_ull(pp, end, 10, ULLONG_MAX, &v) < 0 ||
	    proc_next_ull(pp, end, 10, ULLONG_MAX, &v) < 0 ||
	    proc_next_ull(pp, end, 10, ULLONG_MAX, &r->inode) < 0)
		return (-1);
	return (0);
}

/*
 * One line of net/tcp, tcp6, udp, udp6, udplite, udplite6, raw, raw6:
 * the fixed fields, then optionally ref, the kernel address of the
 * socket and (but for TCP) drops.
 */
int
inet_proc_parse(const char *line, size_t len, int family, int proto,
    struct sockrow *r)
{
	const char *p = line, *end = line + len, *t;
	unsigned long long v;
	size_t n;

	memset(r, 0, sizeof(*r));
	r->family = family;
	r->v6only = -1;
	if (inet_proc_fixed(&p, end, r) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || !proc_token(&p, end, &t, &n))
		return (0);
	if (proc_ull(t, n, 16, &v) == 0) {
		r->cookie = v;
		r->have_cookie = 1;
	}
	if (proto != IPPROTO_TCP && proc_token(&p, end, &t, &n) &&
	    proc_ull(t, n, 10, &v) == 0 && v <= UINT_MAX) {
		r->drops = (unsigned int)v;
		r->have_drops = 1;
	}
	return (0);
}

/*
 * Rows.
 */

/* The protocol as printed: "tcp4", "tcp6", "tcp46"; 4 for mapped. */
static const char *
vchar(const struct listing *ls, const struct sockrow *r, int *pv4)
{
	*pv4 = 0;
	if (r->family == AF_INET) {
		*pv4 = 1;
		return ("4");
	}
	if (addr_mapped(r->laddr) ||
	    (addr_unspec(AF_INET6, r->laddr) && addr_mapped(r->faddr))) {
		*pv4 = 1;
		return ("4");
	}
	if (ls->proto != IPPROTO_RAW && addr_unspec(AF_INET6, r->laddr) &&
	    (r->v6only >= 0 ? r->v6only : ls->bindv6only) == 0)
		return ("46");
	return ("6");
}

static const char *
state_name(int state, char *buf)
{
	if (state > 0 && state < LS_MAX && statenames[state] != NULL)
		return (statenames[state]);
	*put_dec(buf, (unsigned int)state) = '\0';
	return (buf);
}

/*
 * An address as printed: v4-mapped IPv6 becomes IPv4.  BSD's naming
 * rule: a connection from a kernel-chosen port names only the remote
 * port; any other names its local port, and the remote one too only when
 * both are the same.  Raw sockets have no ports (the kernel's figure
 * there is the IP protocol).
 */
static void
print_ends(const struct listing *ls, const struct sockrow *r, int mapped,
    int lonly)
{
	int fam = mapped && r->family == AF_INET6 ? AF_INET : r->family;
	const unsigned char *la = r->laddr, *fa = r->faddr;
	unsigned int lport = r->lport, fport = r->fport;
	int anon;

	if (fam != r->family) {
		la = addr_mapped(r->laddr) ? r->laddr + 12 : r->laddr;
		fa = addr_mapped(r->faddr) ? r->faddr + 12 : r->faddr;
	}
	if (ls->proto == IPPROTO_RAW)
		lport = fport = 0;
	anon = !lonly && !nflag && fport != 0 && port_anon(lport);
	print_end("local", fam, la, lport, ls->svc, !lonly, anon);
	if (!lonly)
		print_end("remote", fam, fa, fport, ls->svc, 1,
		    !anon && lport != fport);
}

static void
put_figure(const char *key, const char *fmt, int known,
    unsigned long long v)
{
	if (known)
		out_uint(key, fmt, v);
	else
		out_str(NULL, fmt, "-");
}

static void
print_timer(const struct sockrow *r)
{
	char text[64], *p = text;
	const char *name;
	unsigned long long ms = r->expires_ms;

	if (!r->have_timer) {
		out_str(NULL, " %-20s", "-");
		return;
	}
	name = r->timer < sizeof(timernames) / sizeof(timernames[0]) ?
	    timernames[r->timer] : "?";
	if (out_style == OUT_TEXT) {
		p = stpcpy(p, name);
		*p++ = '(';
		p = put_dec(p, ms / 1000);
		*p++ = '.';
		p = put_dec(p, ms % 1000 / 100);
		*p++ = '/';
		p = put_dec(p, r->retrans);
		*p++ = ')';
		*p = '\0';
		out_str(NULL, " %-20s", text);
		return;
	}
	out_open_container("timer");
	out_str("name", NULL, name);
	out_uint("expires-ms", NULL, ms);
	out_uint("retransmits", NULL, r->retrans);
	out_close_container();
}

/* -x: the socket buffers, drops and the timer, in place of the state. */
static void
print_buffers(const struct sockrow *r)
{
	put_figure("receive-high-water", "%6s", r->have_mem,
	    r->mem[SK_MEMINFO_RCVBUF]);
	put_figure("send-high-water", " %6s", r->have_mem,
	    r->mem[SK_MEMINFO_SNDBUF]);
	put_figure("receive-mbuf-bytes", " %6s", r->have_mem,
	    r->mem[SK_MEMINFO_RMEM_ALLOC]);
	put_figure("send-mbuf-bytes", " %6s", r->have_mem,
	    r->mem[SK_MEMINFO_WMEM_ALLOC]);
	put_figure("send-queued-bytes", " %6s", r->have_mem,
	    r->mem[SK_MEMINFO_WMEM_QUEUED]);
	if (r->have_mem)
		out_uint("drops", " %5s", r->mem[SK_MEMINFO_DROPS]);
	else
		put_figure("drops", " %5s", r->have_drops, r->drops);
	print_timer(r);
}

static void
print_owner(const struct sockrow *r)
{
	sock_owner(r->inode);
}

/*
 * The protocol names of a row: "udplite46" for JSON; BSD's text form
 * takes the first three letters of the name ("udp46").  Returns 0 when
 * the row is not for this listing's address families.
 */
static int
row_protocol(const struct listing *ls, const struct sockrow *r, char *json,
    char *text, int *mapped)
{
	const char *v = vchar(ls, r, mapped);

	/* v is "4", "6" or "46". */
	if (!((v[0] == '4' && ls->show4) ||
	    ((v[0] == '6' || v[1] == '6') && ls->show6)))
		return (0);
	(void)stpcpy(stpcpy(json, ls->name), v);
	if (ls->proto == IPPROTO_MPTCP)
		(void)strcpy(text, "mptcp");	/* Darwin's; fills the column */
	else
		(void)stpcpy(stpncpy(text, ls->name, 3), v);
	return (1);
}

static void
print_row(const struct listing *ls, const struct sockrow *r)
{
	char proto[16], tproto[8], cookie[17], sbuf[12];
	int mapped, istcp = ls->proto == IPPROTO_TCP;

	if (!row_protocol(ls, r, proto, tproto, &mapped))
		return;
	if (!inet_banner_done)
		inet_banner();
	out_open_instance();
	if (Aflag) {
		if (r->have_cookie) {
			hex16(cookie, r->cookie);
			out_str("address", "%-16.16s ", cookie);
		} else
			out_str(NULL, "%-16.16s ", "-");
	}
	if (out_style == OUT_TEXT)
		out_str(NULL, "%-5.5s ", tproto);
	else
		out_str("protocol", NULL, proto);
	if (Tflag)
		tcpx_print_T(&r->tx, istcp);
	else {
		out_uint("receive-bytes-waiting", "%6u ", r->rq);
		out_uint("send-bytes-waiting", "%6u  ", r->sq);
	}
	print_ends(ls, r, mapped, 0);
	if (xflag)
		print_buffers(r);
	else if (Tflag)
		;	/* FreeBSD's -T has no state column */
	else if (TCPSTATES(ls->proto))
		out_str("tcp-state", "%-11s", state_name(r->state, sbuf));
	else
		out_str(NULL, "%-11s", "");
	if (bflag) {
		put_figure("received-bytes", " %10s", istcp && r->have_bytes,
		    r->rxbytes);
		put_figure("sent-bytes", " %10s", istcp && r->have_bytes,
		    r->txbytes);
	}
	if (Tflag || cflag || Cflag)
		tcpx_print(&r->tx, istcp);
	if (vflag) {
		if (!xflag) {
			put_figure("receive-high-water", " %7s", r->have_mem,
			    r->mem[SK_MEMINFO_RCVBUF]);
			put_figure("send-high-water", " %7s", r->have_mem,
			    r->mem[SK_MEMINFO_SNDBUF]);
		}
		print_owner(r);
	}
	out_str(NULL, "\n", NULL);
	out_close_instance();
}

/* -L: a listener, with the half-open connections counted for it. */
static void
print_listener(const struct listing *ls, const struct sockrow *r)
{
	char q[64], proto[16], tproto[8], *p;
	unsigned int inc = 0;
	size_t i, alen = r->family == AF_INET6 ? 16 : 4;
	int mapped, wild = addr_unspec(r->family, r->laddr);

	if (!row_protocol(ls, r, proto, tproto, &mapped))
		return;
	for (i = 0; i < nhalfopen; i++)
		if (halfopen[i].family == r->family &&
		    halfopen[i].port == r->lport &&
		    (wild || memcmp(halfopen[i].addr, r->laddr, alen) == 0))
			inc++;
	listen_banner();
	out_open_instance();
	if (out_style == OUT_TEXT)
		out_str(NULL, "%-5.5s ", tproto);
	else
		out_str("protocol", NULL, proto);
	p = put_dec(q, r->rq);
	*p++ = '/';
	p = put_dec(p, inc);
	*p++ = '/';
	if (r->have_maxq)
		p = put_dec(p, r->maxq);
	else
		*p++ = '-';
	*p = '\0';
	out_str("listen-queue-sizes", "%-14.14s ", q);
	out_uint("queue-length", NULL, r->rq);
	out_uint("incomplete-queue-length", NULL, inc);
	if (r->have_maxq)
		out_uint("queue-limit", NULL, r->maxq);
	print_ends(ls, r, mapped, 1);
	out_str(NULL, "\n", NULL);
	out_close_instance();
}

static void
collect_halfopen(const struct sockrow *r)
{
	struct halfopen *n;

	if (nhalfopen == halfopencap) {
		size_t ncap = halfopencap ? halfopencap * 2 : 64;

		if ((n = realloc(halfopen, ncap * sizeof(*n))) == NULL)
			return;
		halfopen = n;
		halfopencap = ncap;
	}
	halfopen[nhalfopen].family = r->family;
	halfopen[nhalfopen].port = r->lport;
	memcpy(halfopen[nhalfopen].addr, r->laddr, 16);
	nhalfopen++;
}

/*
 * A dump resumes at the count of sockets already sent from a hash chain,
 * so a socket added at the head of that chain meanwhile hands the last
 * rows of the previous reply again: a socket among the last few printed
 * (by its cookie, when it has one) is not printed twice.
 */
static int
printed_recently(struct listing *ls, const struct sockrow *r)
{
	return (r->have_cookie && recent_seen(&ls->recent, r->cookie));
}

/* Route a row to what the listing is doing. */
static void
take_row(struct listing *ls, const struct sockrow *r)
{
	int istcp = TCPSTATES(ls->proto);

	if (ls->collect) {
		if (r->state == LS_SYN_RECV || r->state == LS_NEW_SYN_RECV)
			collect_halfopen(r);
		return;
	}
	if (sockfilter != NULL && !filter_match_inet(sockfilter, r->family, r->laddr, r->lport,
	    r->faddr, r->fport, istcp ? filter_tcps(r->state) : -1))
		return;
	if (Lflag) {
		if (istcp && r->state == LS_LISTEN &&
		    !printed_recently(ls, r))
			print_listener(ls, r);
		return;
	}
	if (istcp && !aflag && (r->state == LS_LISTEN ||
	    r->state == LS_CLOSE || r->state == LS_BOUND_INACTIVE))
		return;
	if (!printed_recently(ls, r))
		print_row(ls, r);
}

/*
 * Netlink.
 */
static int
diag_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct listing *ls = arg;
	struct sockrow r;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY &&
	    nlh->nlmsg_type != TCPDIAG_GETSOCK)
		return (0);
	if (inet_diag_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &r) < 0)
		return (0);
	ls->rows++;
	take_row(ls, &r);
	return (0);
}

static unsigned int
wanted_states(const struct listing *ls)
{
	if (!TCPSTATES(ls->proto))
		return (ALL_STATES);
	if (ls->collect)
		return (ST(LS_SYN_RECV) | ST(LS_NEW_SYN_RECV));
	if (Lflag)
		return (ST(LS_LISTEN) & filter_states(sockfilter));
	if (aflag)
		return (filter_states(sockfilter));
	return (ALL_STATES & ~(ST(LS_LISTEN) | ST(LS_CLOSE) |
	    ST(LS_BOUND_INACTIVE)) & filter_states(sockfilter));
}

/*
 * The filter's bytecode as an INET_DIAG_REQ_BYTECODE attribute at a (room
 * for FILTER_BCMAX bytes); its length, 0 for none.  -L's first pass
 * counts every half-open connection: no filter there.
 */
#define	FILTER_BCMAX	4096

static size_t
wanted_bytecode(const struct listing *ls, int family, struct rtattr *a)
{
	ssize_t n;

	if (sockfilter == NULL || ls->collect ||
	    (n = filter_bytecode(sockfilter, family, RTA_DATA(a),
	    FILTER_BCMAX)) <= 0)
		return (0);
	a->rta_type = INET_DIAG_REQ_BYTECODE;
	a->rta_len = (unsigned short)RTA_LENGTH((size_t)n);
	return (RTA_SPACE((size_t)n));
}

/* Only the extensions the options print: plain -an asks for none. */
static unsigned char
wanted_ext(const struct listing *ls)
{
	unsigned char ext = 0;

	if (ls->collect || Lflag)
		return (0);
	if (xflag || vflag)
		ext |= 1 << (INET_DIAG_SKMEMINFO - 1);
	if (bflag && ls->proto == IPPROTO_TCP)
		ext |= 1 << (INET_DIAG_INFO - 1);
	ext |= tcpx_ext(ls->proto);
	return (ext);
}

/* Returns 0, or a negative errno (the caller may fall back to /proc). */
static int
diag_list(struct listing *ls)
{
	struct {
		struct nlmsghdr		nlh;
		struct inet_diag_req_v2	r;
		char			attrs[RTA_SPACE(sizeof(uint32_t)) +
					    RTA_SPACE(FILTER_BCMAX)];
	} req;
	size_t len = NLMSG_LENGTH(sizeof(req.r));
	struct rtattr *a;
	uint32_t proto;

	if (diag_fd < 0 && (diag_fd = nl_open(NETLINK_SOCK_DIAG)) < 0)
		return (-errno);
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.r.sdiag_family = (unsigned char)ls->family;
	req.r.idiag_ext = wanted_ext(ls);
	req.r.idiag_states = wanted_states(ls);
	if (ls->proto > 255) {
		/* MPTCP: a kernel without the attribute refuses protocol 0. */
		a = (struct rtattr *)(void *)((char *)&req + len);
		a->rta_type = INET_DIAG_REQ_PROTOCOL;
		a->rta_len = RTA_LENGTH(sizeof(proto));
		proto = (uint32_t)ls->proto;
		memcpy(RTA_DATA(a), &proto, sizeof(proto));
		len += RTA_SPACE(sizeof(proto));
	} else
		req.r.sdiag_protocol = (unsigned char)ls->proto;
	len += wanted_bytecode(ls, ls->family,
	    (struct rtattr *)(void *)((char *)&req + len));
	return (nl_dump(diag_fd, &req, len, diag_msg, ls));
}

/*
 * One kernel walk for both TCP families.  The inet_diag dump walks the
 * whole established hash for each request, whatever the family asked
 * for, so two dumps (IPv4, then IPv6) cost two walks.  The older
 * TCPDIAG_GETSOCK request dumps both families in one walk; its IPv4 rows
 * are printed as they come and its IPv6 rows kept (in memory up to
 * STASH_MEM, then in an unlinked temporary file, so memory stays flat)
 * and printed after them, in the order the SPEC wants.
 */
#define	STASH_MEM	(128 * 1024)

struct stash {
	char	*buf;
	size_t	 len, cap;
	FILE	*spill;
	int	 failed;
};

static void
stash_add(struct stash *st, const struct nlmsghdr *nlh)
{
	static const char pad[4];
	size_t len = nlh->nlmsg_len, alen = NLMSG_ALIGN(len);
	char *nb;

	if (st->failed)
		return;
	if (st->spill == NULL && st->len + alen > STASH_MEM) {
		if ((st->spill = tmpfile()) == NULL ||
		    fwrite(st->buf, 1, st->len, st->spill) != st->len) {
			st->failed = 1;
			return;
		}
		st->len = 0;
	}
	if (st->spill != NULL) {
		if (fwrite(nlh, 1, len, st->spill) != len ||
		    fwrite(pad, 1, alen - len, st->spill) != alen - len)
			st->failed = 1;
		return;
	}
	if (st->len + alen > st->cap) {
		if ((nb = realloc(st->buf, STASH_MEM)) == NULL) {
			st->failed = 1;
			return;
		}
		st->buf = nb;
		st->cap = STASH_MEM;
	}
	memcpy(st->buf + st->len, nlh, len);
	memset(st->buf + st->len + len, 0, alen - len);
	st->len += alen;
}

/* Feed the whole messages of [buf, buf + len) to diag_msg; the bytes used. */
static size_t
stash_feed(struct listing *ls, const char *buf, size_t len)
{
	struct nlmsghdr nlh;
	size_t off = 0;

	while (len - off >= sizeof(nlh)) {
		memcpy(&nlh, buf + off, sizeof(nlh));
		if (nlh.nlmsg_len < sizeof(nlh) ||
		    NLMSG_ALIGN(nlh.nlmsg_len) > len - off)
			break;
		(void)diag_msg((const struct nlmsghdr *)(const void *)(buf +
		    off), ls);
		off += NLMSG_ALIGN(nlh.nlmsg_len);
	}
	return (off);
}

static void
stash_replay(struct listing *ls, struct stash *st)
{
	static char chunk[64 * 1024];
	size_t have = 0, used, n;

	if (st->spill == NULL) {
		(void)stash_feed(ls, st->buf, st->len);
		return;
	}
	rewind(st->spill);
	while ((n = fread(chunk + have, 1, sizeof(chunk) - have,
	    st->spill)) > 0) {
		have += n;
		used = stash_feed(ls, chunk, have);
		memmove(chunk, chunk + used, have - used);
		have -= used;
	}
}

static void
stash_free(struct stash *st)
{
	free(st->buf);
	if (st->spill != NULL)
		fclose(st->spill);
	memset(st, 0, sizeof(*st));
}

struct both {
	struct listing	*ls;
	struct stash	 st;
};

static int
both_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct both *b = arg;
	unsigned char family;

	if (nlh->nlmsg_type != TCPDIAG_GETSOCK ||
	    nlh->nlmsg_len < NLMSG_LENGTH(sizeof(struct inet_diag_msg)))
		return (0);
	family = *(const unsigned char *)NLMSG_DATA(nlh);
	if (family == AF_INET6) {
		stash_add(&b->st, nlh);
		return (0);
	}
	return (diag_msg(nlh, b->ls));
}

static void	list_family(struct listing *);

/*
 * TCP, both families, one walk.  Returns 0, or a negative errno when the
 * request failed before anything was printed (the caller then asks per
 * family).
 */
static int
diag_list_both(struct listing *ls)
{
	struct {
		struct nlmsghdr		nlh;
		struct inet_diag_req	r;
		struct rtattr		bc;
		char			bcdata[FILTER_BCMAX];
	} req;
	struct both b;
	size_t bclen;
	int rc;

	if (diag_fd < 0 && (diag_fd = nl_open(NETLINK_SOCK_DIAG)) < 0)
		return (-errno);
	memset(&req, 0, sizeof(req));
	memset(&b, 0, sizeof(b));
	b.ls = ls;
	req.nlh.nlmsg_type = TCPDIAG_GETSOCK;
	req.r.idiag_family = AF_INET;	/* the kernel dumps both */
	req.r.idiag_ext = wanted_ext(ls);
	req.r.idiag_states = wanted_states(ls);
	bclen = wanted_bytecode(ls, AF_UNSPEC, &req.bc);
	ls->rows = 0;
	rc = nl_dump(diag_fd, &req, NLMSG_LENGTH(sizeof(req.r)) + bclen,
	    both_msg, &b);
	if (rc == 0 && b.st.failed) {
		/* No room to keep the IPv6 rows: ask for them on their own. */
		stash_free(&b.st);
		ls->family = AF_INET6;
		list_family(ls);
		return (0);
	}
	if (rc < 0 || b.st.failed) {
		stash_free(&b.st);
		if (ls->rows == 0)
			return (rc < 0 ? rc : -ENOMEM);
		errno = rc < 0 ? -rc : ENOMEM;
		ns_warn("sock_diag tcp");
		return (0);
	}
	stash_replay(ls, &b.st);
	stash_free(&b.st);
	return (0);
}

/*
 * Proc files.
 */
static int
inet_proc_line(const char *line, size_t len, void *arg)
{
	struct listing *ls = arg;
	struct sockrow r;

	if (inet_proc_parse(line, len, ls->family, ls->proto, &r) < 0)
		return (-1);
	ls->rows++;
	take_row(ls, &r);
	return (0);
}

static const char *
inet_proc_file(const struct listing *ls)
{
	int six = ls->family == AF_INET6;

	switch (ls->proto) {
	case IPPROTO_TCP:
		return (six ? "net/tcp6" : "net/tcp");
	case IPPROTO_UDP:
		return (six ? "net/udp6" : "net/udp");
	case IPPROTO_UDPLITE:
		return (six ? "net/udplite6" : "net/udplite");
	default:
		return (six ? "net/raw6" : "net/raw");
	}
}

static void
inet_proc_list(struct listing *ls)
{
	if (ls->proto == IPPROTO_MPTCP) {
		mptcp_unavailable();	/* no proc file lists them */
		return;
	}
	(void)proc_lines(inet_proc_file(ls), 1, 0, inet_proc_line, ls);
}

/* The one family dump of a listing: netlink, or the proc file. */
static void
list_family(struct listing *ls)
{
	int rc;

	ls->rows = 0;
	if (memf != NULL) {
		inet_proc_list(ls);
		return;
	}
	rc = diag_list(ls);
	if (rc == 0)
		return;
	if (nl_fallback(rc) && ls->rows == 0) {
		inet_proc_list(ls);
		return;
	}
	errno = -rc;
	ns_warn("sock_diag %s", ls->name);
}

static int
system_bindv6only(void)
{
	static int v = -1;
	long long x;

	if (v < 0)
		v = proc_read_int("sys/net/ipv6/bindv6only", &x) == 0 &&
		    x != 0;
	return (v);
}

/* The address column's width, once the options are known. */
static void
address_column(void)
{
	if (addrwidth == 0) {
		addrwidth = address_width();
		(void)snprintf(addrfmt, sizeof(addrfmt), "%%-%ds ", addrwidth);
	}
}

/*
 * A listing of one protocol's sockets (families set by the caller); the
 * protocol table names the services(5) protocol of its ports.
 */
static void
listing_init(struct listing *ls, int proto, const char *svc)
{
	memset(ls, 0, sizeof(*ls));
	ls->proto = proto;
	ls->svc = svc;
	switch (proto) {
	case IPPROTO_TCP:
		ls->name = "tcp";
		break;
	case IPPROTO_UDP:
		ls->name = "udp";
		break;
	case IPPROTO_UDPLITE:
		ls->name = "udplite";
		break;
	case IPPROTO_MPTCP:
		ls->name = "mptcp";
		break;
	default:
		ls->proto = IPPROTO_RAW;
		ls->name = "ip";
		break;
	}
	ls->bindv6only = system_bindv6only();
}

void
protopr(const struct protox *tp)
{
	struct listing ls;
	int fams[2], nfam = 0, i, want4, want6;

	if (Lflag && tp->pr_proto != IPPROTO_TCP)
		return;		/* only TCP sockets listen */
	address_column();
	listing_init(&ls, tp->pr_proto, tp->pr_svc);
	/*
	 * Rows printed as ...4 (IPv4, and v4-mapped or dual-stack IPv6) for
	 * -f inet; ...6 and ...46 for -f inet6.  So -f inet reads the IPv6
	 * sockets too, for their v4-mapped and dual-stack rows.
	 */
	want4 = tp->pr_sockaf != AF_INET6 && (af == AF_UNSPEC || af == AF_INET);
	want6 = af == AF_UNSPEC || af == AF_INET6;
	ls.show4 = want4;
	ls.show6 = want6;
	if (want4 && tp->pr_sockaf != AF_INET6)
		fams[nfam++] = AF_INET;
	if (want4 || want6)
		fams[nfam++] = AF_INET6;
	if (nfam == 2 && ls.proto == IPPROTO_TCP && !Lflag && memf == NULL &&
	    diag_list_both(&ls) == 0) {
		out_flush();
		return;
	}
	for (i = 0; i < nfam; i++) {
		ls.family = fams[i];
		if (Lflag) {
			nhalfopen = 0;
			ls.collect = 1;
			list_family(&ls);
			ls.collect = 0;
		}
		list_family(&ls);
	}
	out_flush();
}

/*
 * A buffer of sock_diag answers through the listing code, as a dump of
 * them would go (the tests' way in).  Returns nl_walk()'s answer.
 */
int
inet_diag_feed(const struct inet_feed *f, const void *buf, size_t len,
    uint32_t seq)
{
	struct listing ls;
	struct both b;
	int rc;

	address_column();
	listing_init(&ls, f->proto, NULL);	/* the tests' rows are numeric */
	ls.family = f->family == AF_UNSPEC ? AF_INET : f->family;
	ls.show4 = ls.show6 = 1;
	ls.bindv6only = f->bindv6only;
	ls.collect = f->collect;
	if (f->family != AF_UNSPEC)
		return (nl_walk(buf, len, seq, diag_msg, &ls));
	memset(&b, 0, sizeof(b));
	b.ls = &ls;
	rc = nl_walk(buf, len, seq, both_msg, &b);
	stash_replay(&ls, &b.st);
	stash_free(&b.st);
	return (rc);
}
