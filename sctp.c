/*
 * -p sctp: FreeBSD's SCTP table, each association with all its
 * addresses (the primary first, the others on lines of their own), and
 * with -a the listening endpoints.  From sock_diag's sctp_diag handler
 * (inet_diag requests for IPPROTO_SCTP) when it answers, else from
 * net/sctp/assocs and net/sctp/eps; both exist only while the sctp
 * module is loaded.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/inet_diag.h>
#include <linux/sctp.h>

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/* sctp_info's sctpi_s_type: the kernel's SCTP_SOCKET_TCP (1-to-1). */
#define	SCTP_STYLE_TCP	2
/* One entry of INET_DIAG_LOCALS and INET_DIAG_PEERS. */
#define	SCTP_ADDRLEN	sizeof(struct sockaddr_storage)
#define	SCTP_INFO_TYPE	offsetof(struct sctp_info, sctpi_s_type)
#define	SCTP_INFO_PRIM	offsetof(struct sctp_info, sctpi_p_address)
/* idiag_states' TCPF_LISTEN: (1 << TCP_LISTEN). */
#define	SCTP_TCPF_LISTEN (1U << 10)

/* Linux's enum sctp_state (an association's), by FreeBSD's names. */
static const char *const sctp_states[] = {
	"CLOSED", "COOKIE_WAIT", "COOKIE_ECHOED", "ESTABLISHED",
	"SHUTDOWN_PENDING", "SHUTDOWN_SENT", "SHUTDOWN_RECEIVED",
	"SHUTDOWN_ACK_SENT"
};

static int	sctp_printed;

/* One address token: "*" marks the primary; IPv4 or IPv6 text. */
static int
sctp_addr(const char *s, size_t n, struct sctpaddr *a)
{
	char buf[INET6_ADDRSTRLEN];

	memset(a, 0, sizeof(*a));
	if (n > 0 && s[0] == '*') {
		a->primary = 1;
		s++;
		n--;
	}
	if (n == 0 || n >= sizeof(buf))
		return (-1);
	memcpy(buf, s, n);
	buf[n] = '\0';
	if (inet_pton(AF_INET, buf, a->addr) == 1)
		a->family = AF_INET;
	else if (inet_pton(AF_INET6, buf, a->addr) == 1)
		a->family = AF_INET6;
	else
		return (-1);
	return (0);
}

static int
sctp_num(const struct proc_tok *t, int base, unsigned long long max,
    unsigned long long *v)
{
	return (proc_ull(t->s, t->n, base, v) < 0 || *v > max ? -1 : 0);
}

/* Addresses from token i on, up to "<->", a number or the end. */
static int
sctp_addrs(const struct proc_tok *t, int nt, int i, struct sctpaddr *v,
    int *nv)
{
	*nv = 0;
	for (; i < nt; i++) {
		if ((t[i].n == 3 && memcmp(t[i].s, "<->", 3) == 0) ||
		    (memchr(t[i].s, '.', t[i].n) == NULL &&
		    memchr(t[i].s, ':', t[i].n) == NULL))
			break;
		if (*nv == SCTP_MAXADDRS)
			continue;	/* more than a row keeps */
		if (sctp_addr(t[i].s, t[i].n, &v[*nv]) < 0)
			return (-1);
		(*nv)++;
	}
	return (i);
}

/*
 * A net/sctp/assocs line:
 *   ASSOC SOCK STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE
 *   LPORT RPORT laddr... <-> raddr... HBINT INS OUTS ...
 * or (eps) a net/sctp/eps line:
 *   ENDPT SOCK STY SST HBKT LPORT UID INODE laddr...
 */
int
sctp_proc_parse(const char *line, size_t len, int eps, struct sctprow *r)
{
	struct proc_tok t[16 + 2 * SCTP_MAXADDRS + 16];
	unsigned long long v;
	int nt, i;

	memset(r, 0, sizeof(*r));
	nt = proc_split(line, len, t, (int)(sizeof(t) / sizeof(t[0])));
	if (nt < (eps ? 8 : 13))
		return (-1);
	if (sctp_num(&t[2], 10, INT_MAX, &v) < 0)
		return (-1);
	r->type = (int)v;
	if (eps) {
		r->listening = 1;
		if (sctp_num(&t[5], 10, 65535, &v) < 0)
			return (-1);
		r->lport = (unsigned int)v;
		if (sctp_num(&t[7], 10, ULLONG_MAX, &r->ino) < 0)
			return (-1);
		i = sctp_addrs(t, nt, 8, r->laddr, &r->nladdr);
		return (i < 0 ? -1 : 0);
	}
	if (sctp_num(&t[4], 10, INT_MAX, &v) < 0)
		return (-1);
	r->state = (int)v;
	if (sctp_num(&t[7], 10, UINT_MAX, &v) < 0)
		return (-1);
	r->sq = (unsigned int)v;
	if (sctp_num(&t[8], 10, UINT_MAX, &v) < 0)
		return (-1);
	r->rq = (unsigned int)v;
	if (sctp_num(&t[10], 10, ULLONG_MAX, &r->ino) < 0 ||
	    sctp_num(&t[11], 10, 65535, &v) < 0)
		return (-1);
	r->lport = (unsigned int)v;
	if (sctp_num(&t[12], 10, 65535, &v) < 0)
		return (-1);
	r->fport = (unsigned int)v;
	if ((i = sctp_addrs(t, nt, 13, r->laddr, &r->nladdr)) < 0)
		return (-1);
	if (i >= nt || t[i].n != 3 || memcmp(t[i].s, "<->", 3) != 0)
		return (-1);
	if (sctp_addrs(t, nt, i + 1, r->faddr, &r->nfaddr) < 0)
		return (-1);
	return (0);
}

/*
 * A struct sockaddr_in or sockaddr_in6 at p (len bytes, at least the
 * family's): 0, or -1 for any other family.
 */
static int
sctp_sockaddr(const unsigned char *p, size_t len, struct sctpaddr *a)
{
	sa_family_t fam;

	memset(a, 0, sizeof(*a));
	if (len < sizeof(fam))
		return (-1);
	memcpy(&fam, p, sizeof(fam));
	if (fam == AF_INET && len >= sizeof(struct sockaddr_in))
		memcpy(a->addr, p + offsetof(struct sockaddr_in, sin_addr), 4);
	else if (fam == AF_INET6 && len >= sizeof(struct sockaddr_in6))
		memcpy(a->addr, p + offsetof(struct sockaddr_in6, sin6_addr),
		    16);
	else
		return (-1);
	a->family = fam;
	return (0);
}

/*
 * INET_DIAG_LOCALS or INET_DIAG_PEERS: an array of sockaddr_storage
 * sized entries.  Whole entries only, of a known family, SCTP_MAXADDRS
 * at most.  Returns how many went to v.
 */
static int
sctp_addrarray(const struct rtattr *rta, struct sctpaddr *v)
{
	const unsigned char *p;
	size_t len, off;
	int n = 0;

	if (rta == NULL)
		return (0);
	p = nl_data(rta, &len);
	for (off = 0; len - off >= SCTP_ADDRLEN && n < SCTP_MAXADDRS;
	    off += SCTP_ADDRLEN)
		if (sctp_sockaddr(p + off, SCTP_ADDRLEN, &v[n]) == 0)
			n++;
	return (n);
}

/* Mark the address equal to *p as the primary one. */
static void
sctp_mark(struct sctpaddr *v, int n, const struct sctpaddr *p)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i].family == p->family &&
		    memcmp(v[i].addr, p->addr, sizeof(p->addr)) == 0) {
			v[i].primary = 1;
			return;
		}
}

/*
 * The association's primary peer: sctp_info's sctpi_p_address, which
 * carries its own family; else the message's idiag_dst, which holds an
 * IPv4 peer of an AF_INET6 socket in no usable form.
 */
static void
sctp_primary(const struct inet_diag_msg *d, const struct rtattr *info,
    struct sctpaddr *a)
{
	const unsigned char *p;
	size_t len;

	if (info != NULL) {
		p = nl_data(info, &len);
		if (len >= SCTP_INFO_PRIM + SCTP_ADDRLEN &&
		    sctp_sockaddr(p + SCTP_INFO_PRIM, SCTP_ADDRLEN, a) == 0)
			return;
	}
	memset(a, 0, sizeof(*a));
	a->family = d->idiag_family;
	memcpy(a->addr, d->id.idiag_dst, d->idiag_family == AF_INET ? 4 : 16);
}

/* An endpoint's type, from sctp_info's sctpi_s_type; 0 when unknown. */
static int
sctp_style(const struct rtattr *info)
{
	const unsigned char *p;
	uint32_t style;
	size_t len;

	if (info == NULL)
		return (0);
	p = nl_data(info, &len);
	if (len < SCTP_INFO_TYPE + sizeof(style))
		return (0);
	memcpy(&style, p + SCTP_INFO_TYPE, sizeof(style));
	if (style == SCTP_STYLE_TCP)
		return (SOCK_STREAM);
	return (style < SCTP_STYLE_TCP ? SOCK_SEQPACKET : 0);
}

/*
 * One sctp_diag answer (msg, len bytes from its nlmsghdr): an endpoint
 * (a socket: no INET_DIAG_PEERS), listed as eps lists it, or an
 * association, as assocs does.  idiag_state is the socket's state (TCP's
 * numbers) for an endpoint and the association's enum sctp_state for an
 * association.  An association's type is its socket's, which only the
 * endpoint's answer has (sctpi_s_type): 0 here, for the caller to fill.
 * Damaged attributes refuse the message.
 */
int
sctp_diag_parse(const void *msg, size_t len, struct sctprow *r)
{
	const struct rtattr *tb[INET_DIAG_MAX + 1];
	struct inet_diag_msg d;
	struct sctpaddr prim;
	uint16_t type;

	memset(r, 0, sizeof(*r));
	if (nl_msg(msg, len, &type, &d, sizeof(d), tb, INET_DIAG_MAX) != 0 ||
	    type != SOCK_DIAG_BY_FAMILY ||
	    (d.idiag_family != AF_INET && d.idiag_family != AF_INET6))
		return (-1);
	r->state = d.idiag_state;
	r->lport = ntohs(d.id.idiag_sport);
	r->rq = d.idiag_rqueue;
	r->sq = d.idiag_wqueue;
	r->ino = d.idiag_inode;
	r->nladdr = sctp_addrarray(tb[INET_DIAG_LOCALS], r->laddr);
	if (tb[INET_DIAG_PEERS] == NULL) {
		r->listening = 1;
		r->type = sctp_style(tb[INET_DIAG_INFO]);
		return (0);
	}
	r->fport = ntohs(d.id.idiag_dport);
	r->nfaddr = sctp_addrarray(tb[INET_DIAG_PEERS], r->faddr);
	sctp_primary(&d, tb[INET_DIAG_INFO], &prim);
	sctp_mark(r->faddr, r->nfaddr, &prim);
	return (0);
}

/* "addr.port" (or "*.port"), padded to the address column. */
static void
sctp_end(const char *key, const struct sctpaddr *a, unsigned int port,
    int pad)
{
	char text[INET6_ADDRSTRLEN + 8], *p;
	const char *fmt = pad ? "%-22.22s " : "%s";

	if (a == NULL)
		(void)strcpy(text, "*");
	else
		(void)strcpy(text, addr_str(a->family, a->addr));
	p = text + strlen(text);
	*p++ = '.';
	if (port == 0)
		(void)strcpy(p, "*");
	else
		*put_dec(p, port) = '\0';
	if (out_style != OUT_TEXT) {
		/* As inet.c's: the address, and the port as a string. */
		p[-1] = '\0';
		out_open_container(key);
		out_str("address", NULL, text);
		out_str("port", NULL, p);
		out_close_container();
		return;
	}
	out_str(NULL, Wflag ? (pad ? "%-22s " : "%s") : fmt, text);
}

/* The primary address first: the kernel marks it with "*". */
static int
sctp_first(const struct sctpaddr *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (v[i].primary)
			return (i);
	return (0);
}

/* A side's next address after *i, past the one shown first; or -1. */
static int
sctp_next(int *i, int first, int n)
{
	if (*i == first)
		(*i)++;
	return (*i < n ? (*i)++ : -1);
}

/*
 * JSON and XML: every address, a line's pair to an instance as the text
 * shows them, in FreeBSD's lists: "address" with "local" and "remote"
 * for an association, "local-address" with "local" for an endpoint.
 */
static void
sctp_addr_list(const struct sctprow *r, int lp, int fp)
{
	int i = 0, j = 0, li = lp, fj = r->listening ? -1 : fp;

	if (r->nladdr == 0 && (r->listening || r->nfaddr == 0))
		return;
	out_open_list(r->listening ? "local-address" : "address");
	do {
		out_open_instance();
		if (li >= 0 && li < r->nladdr)
			sctp_end("local", &r->laddr[li], r->lport, 1);
		if (fj >= 0 && fj < r->nfaddr)
			sctp_end("remote", &r->faddr[fj], r->fport, 1);
		out_close_instance();
		li = sctp_next(&i, lp, r->nladdr);
		fj = r->listening ? -1 : sctp_next(&j, fp, r->nfaddr);
	} while (li >= 0 || fj >= 0);
	out_close_list();
}

static void
sctp_row(const struct sctprow *r)
{
	const struct sctpaddr *la, *fa;
	int lp, fp, i, j, li, fj, v6;

	if (r->listening && !aflag)
		return;
	if (sctp_printed++ == 0) {
		out_text("Active SCTP associations%s\n",
		    aflag ? " (including servers)" : "");
		out_text("%-6.6s %-5.5s %-22.22s %-22.22s %s\n", "Proto",
		    "Type", "Local Address", "Foreign Address", "(state)");
	}
	lp = sctp_first(r->laddr, r->nladdr);
	fp = sctp_first(r->faddr, r->nfaddr);
	la = r->nladdr > 0 ? &r->laddr[lp] : NULL;
	fa = r->nfaddr > 0 ? &r->faddr[fp] : NULL;
	v6 = (la != NULL && la->family == AF_INET6) ||
	    (fa != NULL && fa->family == AF_INET6);
	out_open_instance();
	out_str("protocol", "%-6.6s ", v6 ? "sctp6" : "sctp4");
	out_str("type", "%-5.5s ", r->type == SOCK_STREAM ? "1to1" :
	    r->type != 0 ? "1toN" : "????");
	sctp_end("local", la, r->lport, 1);
	if (r->listening) {
		sctp_end("remote", NULL, 0, 1);
		out_str("state", "%s", "LISTEN");
	} else {
		sctp_end("remote", fa, r->fport, 1);
		out_str("state", "%s", r->state >= 0 && (size_t)r->state <
		    sizeof(sctp_states) / sizeof(sctp_states[0]) ?
		    sctp_states[r->state] : "?");
	}
	out_str(NULL, "\n", "");
	if (out_style != OUT_TEXT) {
		sctp_addr_list(r, lp, fp);
		out_close_instance();
		return;
	}
	/* The other addresses, local and foreign side by side. */
	for (i = 0, j = 0;;) {
		li = sctp_next(&i, lp, r->nladdr);
		fj = sctp_next(&j, fp, r->nfaddr);
		if (li < 0 && fj < 0)
			break;
		out_text("%-6s %-5s ", "", "");
		if (li >= 0)
			sctp_end(NULL, &r->laddr[li], r->lport, 1);
		else
			out_text("%-22s ", "");
		if (fj >= 0)
			sctp_end(NULL, &r->faddr[fj], r->fport, 0);
		out_str(NULL, "\n", "");
	}
	out_close_instance();
}

static int
sctp_line(const char *line, size_t len, void *arg)
{
	struct sctprow r;

	if (sctp_proc_parse(line, len, arg != NULL, &r) < 0)
		return (-1);
	sctp_row(&r);
	return (0);
}

/*
 * A dump's message: in the endpoints' dump, a row; in the associations'
 * dump an endpoint is the socket of the associations after it (the
 * kernel sends it first), which gives them their type.
 */
static int
sctp_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct sctp_feed *f = arg;
	struct sctprow r;

	if (sctp_diag_parse(nlh, nlh->nlmsg_len, &r) < 0)
		return (0);
	if (r.listening) {
		if (f->eps)
			sctp_row(&r);
		f->ino = r.ino;
		f->type = r.type;
		return (0);
	}
	if (f->eps)
		return (0);
	if (r.type == 0 && r.ino == f->ino)
		r.type = f->type;
	sctp_row(&r);
	return (0);
}

/* A buffer of sctp_diag answers, as the dump reader hands it over. */
int
sctp_diag_feed(struct sctp_feed *f, const void *buf, size_t len,
    uint32_t seq)
{
	return (nl_walk(buf, len, seq, sctp_msg, f));
}

/*
 * One dump of one family: the endpoints (TCPF_LISTEN alone: sctp_diag
 * then sends every endpoint and no association) or the associations
 * (every state but TCPF_LISTEN: each socket's answer, then those of its
 * associations).  0, or a negative errno.
 */
static int
sctp_dump(int fd, int family, int eps)
{
	struct {
		struct nlmsghdr		nlh;
		struct inet_diag_req_v2	r;
	} req;
	struct sctp_feed f;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.r.sdiag_family = (uint8_t)family;
	req.r.sdiag_protocol = IPPROTO_SCTP;
	req.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
	req.r.idiag_states = eps ? SCTP_TCPF_LISTEN : ~SCTP_TCPF_LISTEN;
	memset(&f, 0, sizeof(f));
	f.eps = eps;
	return (nl_dump(fd, &req, sizeof(req), sctp_msg, &f));
}

/*
 * The live table through sock_diag, in the order the proc files give
 * it: the endpoints, then the associations, each of AF_INET then
 * AF_INET6.  Returns 0, or -1 when sctp_diag does not answer the first
 * request and net/sctp is to be read instead.  Without net/sctp the
 * module is not loaded: no request, which would load it.
 */
static int
sctp_live(void)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	int fd, eps, i, rc;

	if (access("/proc/net/sctp", F_OK) < 0 && errno == ENOENT &&
	    access("/proc/net", F_OK) == 0)
		return (-1);
	if ((fd = nl_open(NETLINK_SOCK_DIAG)) < 0)
		return (-1);
	for (eps = 1; eps >= 0; eps--)
		for (i = 0; i < 2; i++) {
			if ((rc = sctp_dump(fd, fams[i], eps)) == 0)
				continue;
			if (nl_fallback(rc) && eps && i == 0) {
				close(fd);
				return (-1);
			}
			if (nl_fallback(rc) && fams[i] == AF_INET6)
				continue;	/* no IPv6 */
			errno = -rc;
			ns_warn("sock_diag sctp");
			close(fd);
			return (0);
		}
	close(fd);
	return (0);
}

void
sctppr(const struct protox *tp)
{
	static int one;

	(void)tp;
	sctp_printed = 0;
	if (Lflag)
		return;
	if (memf == NULL && sctp_live() == 0) {
		out_flush();
		return;
	}
	if (proc_lines("net/sctp/eps", 1, PROC_QUIET, sctp_line, &one) < 0) {
		if (memf != NULL)
			ns_warnx("sctp: the proc tree has no net/sctp");
		else
			ns_warnx("sctp: protocol not available "
			    "(module sctp not loaded)");
		return;
	}
	(void)proc_lines("net/sctp/assocs", 1, PROC_QUIET, sctp_line, NULL);
	out_flush();
}
