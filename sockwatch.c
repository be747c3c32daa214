/*
 * The live socket view (-w wait -p tcp): each interval, the connections
 * with the bytes they received and sent in it and their rates, busiest
 * first.  The Linux counterpart of macOS nettop, from sock_diag alone:
 * tcp_info's tcpi_bytes_received and tcpi_bytes_acked, keyed by the
 * socket cookie.
 *
 * Each sample is one dump (with the filter's bytecode) into a hash table
 * by cookie; the previous sample's table gives the deltas and is then
 * dropped, so memory follows the number of connections.  A connection
 * not in the previous sample opened during the interval (+: all its
 * bytes are new); one gone from this sample closed (-: its last bytes
 * are not known).  -q N shows N rows per interval; -a shows idle
 * connections too; -v adds process:pid and the sums per process.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/* Linux's TCP states of a full socket that can move bytes. */
#define	LIVE_STATES	((1U << 1) | (1U << 2) | (1U << 4) | (1U << 5) | \
			    (1U << 8) | (1U << 9) | (1U << 11))
#define	BCMAX		4096

struct conn {
	unsigned long long cookie;	/* 0: a free slot */
	unsigned long long rx, tx;	/* the counters at the sample */
	unsigned long long drx, dtx;	/* over the interval */
	unsigned long long inode;
	unsigned char	laddr[16], faddr[16];
	unsigned int	lport, fport;
	int		family;
	int		pid;		/* -v: 0 unknown */
	char		comm[32];
	char		mark;		/* '+', '-' or ' ' */
	int		seen;		/* still open at this sample */
};

struct table {
	struct conn	*v;
	size_t		 cap, n;	/* cap: a power of two */
};

struct view {
	struct table	 prev;
	int		 fd;
	int		 rows;		/* -q: rows per interval; 0 all */
	int		 failed;
};

static size_t
slot(unsigned long long cookie, size_t cap)
{
	return ((size_t)((cookie * 0x9e3779b97f4a7c15ULL) >> 17) & (cap - 1));
}

static struct conn *
find(const struct table *t, unsigned long long cookie)
{
	size_t h;

	if (t->cap == 0)
		return (NULL);
	for (h = slot(cookie, t->cap); t->v[h].cookie != 0;
	    h = (h + 1) & (t->cap - 1))
		if (t->v[h].cookie == cookie)
			return (&t->v[h]);
	return (NULL);
}

/* Room for one more, at most half full. */
static void
reserve(struct table *t)
{
	struct table nt;
	size_t i, h;

	if ((t->n + 1) * 2 <= t->cap)
		return;
	nt.cap = t->cap ? t->cap * 2 : 256;
	nt.n = t->n;
	nt.v = xcalloc(nt.cap, sizeof(*nt.v));
	for (i = 0; i < t->cap; i++) {
		if (t->v[i].cookie == 0)
			continue;
		for (h = slot(t->v[i].cookie, nt.cap); nt.v[h].cookie != 0;
		    h = (h + 1) & (nt.cap - 1))
			;
		nt.v[h] = t->v[i];
	}
	free(t->v);
	*t = nt;
}

static struct conn *
insert(struct table *t, unsigned long long cookie)
{
	struct conn *c;
	size_t h;

	if ((c = find(t, cookie)) != NULL)
		return (c);
	reserve(t);
	for (h = slot(cookie, t->cap); t->v[h].cookie != 0;
	    h = (h + 1) & (t->cap - 1))
		;
	c = &t->v[h];
	memset(c, 0, sizeof(*c));
	c->cookie = cookie;
	t->n++;
	return (c);
}

/* A dump's rows into the table (nl_dump's callback). */
static int
take(const struct nlmsghdr *nlh, void *arg)
{
	struct table *t = arg;
	struct sockrow r;
	struct conn *c;
	int v4;

	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY ||
	    inet_diag_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &r) < 0 || !r.have_cookie || !r.have_bytes)
		return (0);
	v4 = r.family == AF_INET ||
	    IN6_IS_ADDR_V4MAPPED((const void *)r.laddr);
	if ((af == AF_INET && !v4) || (af == AF_INET6 && v4))
		return (0);
	if (!filter_match_inet(sockfilter, r.family, r.laddr, r.lport,
	    r.faddr, r.fport, filter_tcps(r.state)))
		return (0);
	c = insert(t, r.cookie + 1);	/* 0 marks a free slot */
	c->rx = r.rxbytes;
	c->tx = r.txbytes;
	c->inode = r.inode;
	c->family = r.family;
	c->lport = r.lport;
	c->fport = r.fport;
	memcpy(c->laddr, r.laddr, 16);
	memcpy(c->faddr, r.faddr, 16);
	return (0);
}

/* One sample: every live TCP connection, both families. */
static int
sample(struct view *v, struct table *t)
{
	static const int fams[] = { AF_INET, AF_INET6 };
	struct {
		struct nlmsghdr		nlh;
		struct inet_diag_req_v2	r;
		struct rtattr		bc;
		char			bcdata[BCMAX];
	} req;
	ssize_t n;
	size_t len, i;
	int rc;

	for (i = 0; i < sizeof(fams) / sizeof(fams[0]); i++) {
		memset(&req, 0, sizeof(req));
		req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
		req.r.sdiag_family = (unsigned char)fams[i];
		req.r.sdiag_protocol = IPPROTO_TCP;
		req.r.idiag_ext = 1 << (INET_DIAG_INFO - 1);
		req.r.idiag_states = LIVE_STATES & filter_states(sockfilter);
		len = NLMSG_LENGTH(sizeof(req.r));
		if ((n = filter_bytecode(sockfilter, fams[i],
		    RTA_DATA(&req.bc), BCMAX)) > 0) {
			req.bc.rta_type = INET_DIAG_REQ_BYTECODE;
			req.bc.rta_len = (unsigned short)RTA_LENGTH((size_t)n);
			len += RTA_SPACE((size_t)n);
		}
		if ((rc = nl_dump(v->fd, &req, len, take, t)) < 0) {
			errno = -rc;
			ns_warn("sock_diag tcp");
			return (-1);
		}
	}
	return (0);
}

/* -v: the owners of the connections that have none yet. */
static void
owners(struct table *t)
{
	size_t i;
	int fresh = 1;

	for (i = 0; i < t->cap; i++) {
		if (t->v[i].cookie == 0 || t->v[i].pid != 0 ||
		    t->v[i].inode == 0)
			continue;
		t->v[i].pid = inet_owner(t->v[i].inode, fresh, t->v[i].comm,
		    sizeof(t->v[i].comm));
		fresh = 0;
	}
}

static int
busiest(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;
	unsigned long long sx = x->drx + x->dtx, sy = y->drx + y->dtx;

	if (sx != sy)
		return (sx < sy ? 1 : -1);
	if (x->mark != y->mark)
		return (x->mark < y->mark ? -1 : 1);	/* ' ' '+' '-' */
	return (x->cookie < y->cookie ? -1 : x->cookie > y->cookie);
}

/* An end, "host.port", cut to 22 columns unless -W. */
static void
put_end(const char *key, int family, const unsigned char *a,
    unsigned int port)
{
	char text[1100];
	const char *host, *pname;

	if (family == AF_INET6 && IN6_IS_ADDR_V4MAPPED((const void *)a)) {
		family = AF_INET;
		a += 12;
	}
	host = host_name(family, a);
	pname = port_name(port, "tcp");
	out_open_container(key);
	if (out_style == OUT_TEXT) {
		(void)snprintf(text, sizeof(text), "%.*s.%s",
		    Wflag ? 1024 : 16, host, pname);
		out_str(NULL, Wflag ? "%-22s " : "%-22.22s ", text);
	} else {
		out_str("address", NULL, host);
		out_str("port", NULL, pname);
	}
	out_close_container();
}

static void
put_bytes(unsigned long long rx, unsigned long long tx)
{
	out_uint("received-bytes", " %10llu", rx);
	out_uint("sent-bytes", " %10llu", tx);
	out_uint("receive-rate", " %10llu", rx / (unsigned)interval);
	out_uint("send-rate", " %10llu", tx / (unsigned)interval);
}

static void
put_conn(const struct conn *c)
{
	char mark[2] = { c->mark, '\0' }, who[64];
	int v4 = c->family == AF_INET ||
	    IN6_IS_ADDR_V4MAPPED((const void *)c->laddr);

	out_open_instance();
	out_str(NULL, "%s ", mark);
	if (c->mark == '+')
		out_bool("opened", 1);
	else if (c->mark == '-')
		out_bool("closed", 1);
	out_str("protocol", "%-5.5s ", v4 ? "tcp4" : "tcp6");
	put_end("local", c->family, c->laddr, c->lport);
	put_end("remote", c->family, c->faddr, c->fport);
	put_bytes(c->drx, c->dtx);
	if (vflag) {
		if (c->pid > 0) {
			(void)snprintf(who, sizeof(who), "%s:%d", c->comm,
			    c->pid);
			out_str(NULL, " %s", who);
			out_str("process", NULL, c->comm);
			out_uint("pid", NULL, (unsigned long long)c->pid);
		} else
			out_str(NULL, " %s", "-");
	}
	out_str(NULL, "\n", NULL);
	out_close_instance();
}

/* -v: the sums per process of the rows shown, busiest first. */
static int
by_pid(const void *a, const void *b)
{
	const struct conn *x = *(const struct conn *const *)a;
	const struct conn *y = *(const struct conn *const *)b;

	return (x->pid < y->pid ? -1 : x->pid > y->pid);
}

static void
put_processes(struct conn **row, size_t n)
{
	struct conn *sum = NULL, **srow;
	size_t i, ns = 0;

	if (n == 0)
		return;
	qsort(row, n, sizeof(*row), by_pid);
	sum = xcalloc(n, sizeof(*sum));
	for (i = 0; i < n; i++) {
		if (row[i]->pid <= 0)
			continue;
		if (ns == 0 || sum[ns - 1].pid != row[i]->pid) {
			sum[ns].pid = row[i]->pid;
			(void)memcpy(sum[ns].comm, row[i]->comm,
			    sizeof(sum[ns].comm));
			sum[ns].mark = ' ';
			ns++;
		}
		sum[ns - 1].drx += row[i]->drx;
		sum[ns - 1].dtx += row[i]->dtx;
		sum[ns - 1].cookie = (unsigned long long)row[i]->pid;
	}
	srow = xcalloc(ns + 1, sizeof(*srow));
	for (i = 0; i < ns; i++)
		srow[i] = &sum[i];
	qsort(srow, ns, sizeof(*srow), busiest);
	out_text("%-24s %10s %10s %10s %10s\n", "Process:PID", "Ibytes",
	    "Obytes", "Ibytes/s", "Obytes/s");
	out_open_list("process");
	for (i = 0; i < ns; i++) {
		char who[64];

		(void)snprintf(who, sizeof(who), "%s:%d", srow[i]->comm,
		    srow[i]->pid);
		out_open_instance();
		out_str(NULL, "%-24s", who);
		out_str("process", NULL, srow[i]->comm);
		out_uint("pid", NULL, (unsigned long long)srow[i]->pid);
		put_bytes(srow[i]->drx, srow[i]->dtx);
		out_str(NULL, "\n", NULL);
		out_close_instance();
	}
	out_close_list();
	free(srow);
	free(sum);
}

/*
 * The deltas of this sample against the last: rows of what moved
 * (everything with -a), what opened, and what closed.
 */
static void
report(struct view *v, struct table *cur)
{
	struct table *prev = &v->prev;
	struct conn **row, *c, *p;
	size_t i, n = 0, shown, nopen = 0, nclosed = 0;

	row = xcalloc(cur->n + prev->n + 1, sizeof(*row));
	for (i = 0; i < cur->cap; i++) {
		if ((c = &cur->v[i])->cookie == 0)
			continue;
		if ((p = find(prev, c->cookie)) != NULL) {
			p->seen = 1;
			c->mark = ' ';
			c->drx = c->rx >= p->rx ? c->rx - p->rx : 0;
			c->dtx = c->tx >= p->tx ? c->tx - p->tx : 0;
			c->pid = p->pid;
			memcpy(c->comm, p->comm, sizeof(c->comm));
		} else {
			c->mark = '+';
			c->drx = c->rx;
			c->dtx = c->tx;
			nopen++;
		}
		if (aflag || c->mark != ' ' || c->drx + c->dtx > 0)
			row[n++] = c;
	}
	for (i = 0; i < prev->cap; i++) {
		if ((p = &prev->v[i])->cookie == 0 || p->seen)
			continue;
		p->mark = '-';
		p->drx = p->dtx = 0;
		row[n++] = p;
		nclosed++;
	}
	if (vflag && nopen > 0)
		owners(cur);
	qsort(row, n, sizeof(*row), busiest);
	shown = v->rows > 0 && (size_t)v->rows < n ? (size_t)v->rows : n;

	out_open_instance();
	out_uint("seconds", NULL, (unsigned long long)interval);
	out_uint("connections", NULL, cur->n);
	out_uint("opened", NULL, nopen);
	out_uint("closed", NULL, nclosed);
	out_text("tcp connections over %d second%s: %zu open, %zu opened, "
	    "%zu closed\n", interval, plural((unsigned)interval), cur->n,
	    nopen, nclosed);
	out_text("  %-5.5s %-22.22s %-22.22s %10s %10s %10s %10s%s\n",
	    "Proto", "Local Address", "Foreign Address", "Ibytes", "Obytes",
	    "Ibytes/s", "Obytes/s", vflag ? " Process:PID" : "");
	out_open_list("connection");
	for (i = 0; i < shown; i++)
		put_conn(row[i]);
	out_close_list();
	if (vflag)
		put_processes(row, shown);
	out_text("\n");
	out_close_instance();
	free(row);
}

static int
tick(void *arg)
{
	struct view *v = arg;
	struct table cur;

	memset(&cur, 0, sizeof(cur));
	if (sample(v, &cur) < 0) {
		free(cur.v);
		return (-1);
	}
	report(v, &cur);
	free(v->prev.v);
	v->prev = cur;
	return (0);
}

void
sockwatch(const struct protox *tp)
{
	struct view v;

	if (tp->pr_proto != IPPROTO_TCP)
		ns_errx("-w -p %s: no byte counters per socket (tcp only)",
		    tp->pr_name);
	memset(&v, 0, sizeof(v));
	if ((v.fd = nl_open(NETLINK_SOCK_DIAG)) < 0)
		ns_err("sock_diag");
	/* -q counts rows per interval here; the view runs until a signal. */
	v.rows = qcount;
	qcount = 0;
	if (sample(&v, &v.prev) < 0)
		return;
	if (vflag)
		owners(&v.prev);
	out_open_list("interval");
	(void)watch(tick, &v);
	out_close_list();
	close(v.fd);
	free(v.prev.v);
}
