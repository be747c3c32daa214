/*
 * -p sctp: FreeBSD's SCTP table, each association with all its
 * addresses (the primary first, the others on lines of their own), and
 * with -a the listening endpoints.  From net/sctp/assocs and
 * net/sctp/eps, which exist only while the sctp module is loaded.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <limits.h>
#include <string.h>

#include "netstat.h"

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

static void
sctp_row(const struct sctprow *r)
{
	const struct sctpaddr *la, *fa;
	int lp, fp, i, j, v6;

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
	out_str("type", "%-5.5s ", r->type == SOCK_STREAM ? "1to1" : "1toN");
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
	/* The other addresses, local and foreign side by side. */
	for (i = 0, j = 0; out_style == OUT_TEXT &&
	    (i < r->nladdr || j < r->nfaddr);) {
		if (i == lp)
			i++;
		if (j == fp)
			j++;
		if (i >= r->nladdr && j >= r->nfaddr)
			break;
		out_text("%-6s %-5s ", "", "");
		if (i < r->nladdr)
			sctp_end(NULL, &r->laddr[i++], r->lport, 1);
		else
			out_text("%-22s ", "");
		if (j < r->nfaddr)
			sctp_end(NULL, &r->faddr[j++], r->fport, 0);
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

void
sctppr(const struct protox *tp)
{
	static int one;

	(void)tp;
	if (Lflag)
		return;
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
