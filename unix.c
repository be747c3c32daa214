/*
 * Unix domain sockets (SPEC 3.2), and their rows of the -L listen queue
 * table.
 *
 * The live kernel is read through NETLINK_SOCK_DIAG (unix_diag); when that
 * cannot serve, and always with -M, /proc/net/unix is read instead, which
 * knows no peers, no queues and no bound files.
 *
 * Address, Conn, Refs and Nextref are one identity space, as in BSD: the
 * socket inode, which the kernel also gives for a socket's peer, so Conn
 * is the peer's Address without holding the table.  Inode is BSD's vnode:
 * the inode of the file a socket is bound to.
 *
 * Refs and Nextref are BSD's unp_refs list: the datagram sockets connected
 * to a socket.  A server's Refs column names its first client and each
 * client's Nextref the next client of the same server.  Linux keeps no
 * such list, only each socket's peer, so it is built from the whole table
 * before the rows are printed: a first, small dump collects the (peer,
 * inode) pairs of connected datagram sockets -- all that is held -- and a
 * second one streams the rows in kernel order.
 */
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#define	UNIX_PATH_MAX	108		/* sizeof(sun_path) */
#define	UNIX_ACCEPTCON	0x00010000	/* __SO_ACCEPTCON in /proc/net/unix */
#define	UNIX_LISTEN	10		/* TCP_LISTEN, a listener's udiag_state */

/* A connected datagram socket: an entry of its peer's refs list. */
struct unixref {
	unsigned long long peer, ino;
};

struct unixrefs {
	struct unixref	*v;
	size_t		 n, cap;
	int		 failed;	/* out of memory: columns unknown */
};

struct unixctx {
	struct unixrefs	*refs;		/* NULL: no peers known (proc) */
	int		 printed;	/* rows so far */
	unsigned long	 bad;		/* malformed netlink messages */
	struct recent	 recent;	/* last rows' inodes */
};

/*
 * Parsers: a buffer and its length in, a row out; no I/O.
 */

/*
 * One line of /proc/net/unix:
 *	Num: RefCount Protocol Flags Type St Inode[ Path]
 * printed by the kernel as "%pK: %08X %08X %08X %04X %02X %5lu", then a
 * blank and the path when the socket is bound (abstract names with '@'
 * for each NUL).  The path runs to the end of the line and may hold
 * blanks.  A newline in a path breaks the row: its remainder comes as a
 * line of its own, which does not parse and is reported as malformed.
 * Returns 0, or -1 when the line is malformed.
 */
int
unix_proc_parse(const char *line, size_t len, struct unixrow *u)
{
	const char *p = line, *end = line + len, *t;
	unsigned long long refcnt, proto, flags, type, st;
	size_t n;

	memset(u, 0, sizeof(*u));
	if (!proc_token(&p, end, &t, &n) || t != line || t[n - 1] != ':' ||
	    n - 1 > 16 || proc_ull(t, n - 1, 16, &u->addr) < 0)
		return (-1);
	if (proc_next_ull(&p, end, 16, UINT_MAX, &refcnt) < 0 ||
	    proc_next_ull(&p, end, 16, UINT_MAX, &proto) < 0 ||
	    proc_next_ull(&p, end, 16, UINT_MAX, &flags) < 0 ||
	    proc_next_ull(&p, end, 16, 0xffff, &type) < 0 ||
	    proc_next_ull(&p, end, 16, 0xff, &st) < 0 ||
	    proc_next_ull(&p, end, 10, 0xffffffffULL, &u->ino) < 0)
		return (-1);
	/* The path follows one blank, and may begin with more. */
	if (p < end && *p++ != ' ')
		return (-1);
	u->type = (unsigned int)type;
	u->listening = (flags & UNIX_ACCEPTCON) != 0;
	u->name = p;
	u->namelen = (size_t)(end - p);
	return (0);
}

/* The attributes asked for: peer, queues, name; -1 when one is bad. */
static int
unix_diag_attrs(const struct rtattr *const *tb, struct unixrow *u)
{
	struct unix_diag_rqlen rql;
	struct unix_diag_vfs vfs;
	const char *name, *nul;
	const void *d;
	uint32_t peer;
	size_t len;

	if (tb[UNIX_DIAG_PEER] != NULL) {
		if (nl_u32(tb[UNIX_DIAG_PEER], &peer) < 0)
			return (-1);
		u->peer = peer;
	}
	if (tb[UNIX_DIAG_RQLEN] != NULL) {
		d = nl_data(tb[UNIX_DIAG_RQLEN], &len);
		if (len < sizeof(rql))
			return (-1);
		memcpy(&rql, d, sizeof(rql));
		u->haveq = 1;
		u->rq = rql.udiag_rqueue;
		u->wq = rql.udiag_wqueue;	/* a listener's: its backlog */
	}
	if (tb[UNIX_DIAG_VFS] != NULL) {
		d = nl_data(tb[UNIX_DIAG_VFS], &len);
		if (len < sizeof(vfs))
			return (-1);
		memcpy(&vfs, d, sizeof(vfs));
		u->vfsino = vfs.udiag_vfs_ino;
	}
	if (tb[UNIX_DIAG_NAME] != NULL) {
		name = nl_data(tb[UNIX_DIAG_NAME], &len);
		if (len > UNIX_PATH_MAX)
			return (-1);
		if (len > 0 && name[0] == '\0')
			u->abstract = 1;
		else if ((nul = memchr(name, '\0', len)) != NULL)
			len = (size_t)(nul - name);	/* a path ends at its NUL */
		u->name = name;
		u->namelen = len;
	}
	return (0);
}

/*
 * One unix_diag answer: a whole message of len bytes (from its
 * nlmsghdr), struct unix_diag_msg and its attributes.  Returns 0, or -1
 * when any of it is malformed.
 */
int
unix_diag_parse(const void *msg, size_t len, struct unixrow *u)
{
	const struct rtattr *tb[UNIX_DIAG_MAX + 1];
	struct unix_diag_msg m;
	uint16_t type;

	memset(u, 0, sizeof(*u));
	if (nl_msg(msg, len, &type, &m, sizeof(m), tb, UNIX_DIAG_MAX) != 0 ||
	    m.udiag_family != AF_UNIX)
		return (-1);
	u->addr = (unsigned long long)m.udiag_cookie[1] << 32 |
	    m.udiag_cookie[0];
	u->type = m.udiag_type;
	u->listening = m.udiag_state == UNIX_LISTEN;
	u->ino = m.udiag_ino;
	u->havevfs = 1;		/* no UNIX_DIAG_VFS: not bound to a file */
	return (unix_diag_attrs(tb, u));
}

/*
 * The refs lists: (peer, inode) pairs sorted, so that a server's first
 * client and a client's next sibling are found by binary search.
 */
static int
ref_cmp(const void *a, const void *b)
{
	const struct unixref *x = a, *y = b;

	if (x->peer != y->peer)
		return (x->peer < y->peer ? -1 : 1);
	if (x->ino != y->ino)
		return (x->ino < y->ino ? -1 : 1);
	return (0);
}

static void
refs_add(struct unixrefs *r, unsigned long long peer, unsigned long long ino)
{
	struct unixref *nv;
	size_t ncap;

	if (r->failed)
		return;
	if (r->n == r->cap) {
		ncap = r->cap ? r->cap * 2 : 256;
		if ((nv = realloc(r->v, ncap * sizeof(*nv))) == NULL) {
			r->failed = 1;
			return;
		}
		r->v = nv;
		r->cap = ncap;
	}
	r->v[r->n].peer = peer;
	r->v[r->n].ino = ino;
	r->n++;
}

/* The index of the first pair not below (peer, ino). */
static size_t
refs_lower(const struct unixrefs *r, unsigned long long peer,
    unsigned long long ino)
{
	struct unixref key = { peer, ino };
	size_t lo = 0, hi = r->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ref_cmp(&r->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* Refs: the first datagram socket connected to ino, or 0. */
static unsigned long long
refs_first(const struct unixrefs *r, unsigned long long ino)
{
	size_t i = refs_lower(r, ino, 0);

	return (i < r->n && r->v[i].peer == ino ? r->v[i].ino : 0);
}

/* Nextref: the next datagram socket connected to u's peer, or 0. */
static unsigned long long
refs_next(const struct unixrefs *r, const struct unixrow *u)
{
	size_t i;

	if (u->type != SOCK_DGRAM || u->peer == 0 || u->ino == ~0ULL)
		return (0);
	i = refs_lower(r, u->peer, u->ino + 1);
	return (i < r->n && r->v[i].peer == u->peer ? r->v[i].ino : 0);
}

/*
 * Printing.
 */
static const char *
unix_type(unsigned int type)
{
	static char other[16];

	switch (type) {
	case SOCK_STREAM:
		return ("stream");
	case SOCK_DGRAM:
		return ("dgram");
	case SOCK_SEQPACKET:
		return ("seqpacket");	/* "seqpac" in the 6-wide column */
	}
	(void)snprintf(other, sizeof(other), "#%u", type);
	return (other);
}

/*
 * The Addr column (JSON "path"): the path, or "@" and an abstract name
 * whose NULs the output layer shows escaped.  Nothing when unbound.
 */
static void
unix_path(const char *fmt, const struct unixrow *u)
{
	char buf[1 + UNIX_PATH_MAX];
	size_t n;

	if (u->name == NULL || u->namelen == 0)
		return;
	if (!u->abstract) {
		out_strn("path", fmt, u->name, u->namelen);
		return;
	}
	n = u->namelen - 1;
	if (n > UNIX_PATH_MAX)
		n = UNIX_PATH_MAX;
	buf[0] = '@';
	memcpy(buf + 1, u->name + 1, n);
	out_strn("path", fmt, buf, n + 1);
}

/*
 * An identity as the Address column prints it, so that Conn, Refs and
 * Nextref are equal strings: a socket inode in 16 hex digits, none as 0.
 */
static const char *
unix_id(char *buf, size_t len, unsigned long long v)
{
	if (v == 0)
		return ("0");
	(void)snprintf(buf, len, "%016llx", v);
	return (buf);
}

/* A queue figure, or "-" where the source has none. */
static void
unix_queue(const char *key, int have, unsigned int v)
{
	if (have)
		out_uint(key, " %6u", v);
	else
		out_str(NULL, " %6s", "-");
}

static void
unix_row(struct unixctx *c, const struct unixrow *u)
{
	char id[17];
	unsigned long long refs = 0, next = 0;

	if (c->printed++ == 0) {
		out_text("Active LOCAL (UNIX) domain sockets\n");
		out_text("%-16.16s %-6.6s %-6.6s %-6.6s %16.16s %16.16s "
		    "%16.16s %16.16s", "Address", "Type", "Recv-Q",
		    "Send-Q", "Inode", "Conn", "Refs", "Nextref");
		if (vflag || xflag)
			out_text(" %10.10s", "Sock-Ino");
		if (vflag)
			out_text(" process:pid");
		out_text(" Addr\n");
	}
	if (c->refs != NULL && !c->refs->failed) {
		refs = refs_first(c->refs, u->ino);
		next = refs_next(c->refs, u);
	}
	out_open_instance();
	(void)snprintf(id, sizeof(id), "%016llx", u->ino);
	out_str("address", "%s", id);
	out_str("type", " %-6.6s", unix_type(u->type));
	unix_queue("receive-bytes-waiting", u->haveq, u->rq);
	/*
	 * BSD queues sent data on the receiver, so a sender's Send-Q is 0
	 * there; the kernel's figure is its buffer memory (a listener's:
	 * its backlog).
	 */
	unix_queue("send-bytes-waiting", u->haveq, 0);
	if (u->havevfs)
		out_uint("vnode", " %16u", u->vfsino);
	else
		out_str(NULL, " %16s", "-");
	out_str("connection", " %16s", unix_id(id, sizeof(id), u->peer));
	out_str("first-reference", " %16s", unix_id(id, sizeof(id), refs));
	out_str("next-reference", " %16s", unix_id(id, sizeof(id), next));
	if (vflag || xflag)
		out_uint("socket-inode", " %10u", u->ino);
	else
		out_uint("socket-inode", NULL, u->ino);
	if (vflag)
		sock_owner(u->ino);	/* inet.c's one scan of /proc/N/fd */
	out_str(NULL, " ", "");
	unix_path("%s", u);
	out_str(NULL, "\n", "");
	out_close_instance();
}

/* A listener's row of the -L table: qlen/incqlen/maxqlen and the path. */
static void
unix_listen_row(struct unixctx *c, const struct unixrow *u)
{
	char q[64];

	if (!u->listening)
		return;
	if (c->printed++ == 0)
		listen_banner();
	/* Unix sockets have no half-open connections: incqlen is 0. */
	if (u->haveq)
		(void)snprintf(q, sizeof(q), "%u/0/%u", u->rq, u->wq);
	else
		(void)snprintf(q, sizeof(q), "-/0/-");
	out_open_instance();
	out_str("protocol", "%-5.5s", "unix");
	out_str(NULL, " %-14.14s", q);
	if (u->haveq)
		out_uint("queue-length", NULL, u->rq);
	out_uint("incomplete-queue-length", NULL, 0);
	if (u->haveq)
		out_uint("queue-limit", NULL, u->wq);
	out_str(NULL, " ", "");
	unix_path("%s", u);
	out_str(NULL, "\n", "");
	out_close_instance();
}

/*
 * A dump resumed after sockets were added to its hash chain hands the
 * last rows of the previous reply again: a socket among the last few
 * rows is printed once.
 */
static void
unix_show(struct unixctx *c, const struct unixrow *u)
{
	if (!filter_match_unix(sockfilter, u->name, u->namelen) ||
	    recent_seen(&c->recent, u->ino))
		return;
	if (Lflag)
		unix_listen_row(c, u);
	else
		unix_row(c, u);
}

/*
 * /proc/net/unix.
 */
static int
unix_proc_line(const char *line, size_t len, void *arg)
{
	struct unixrow u;

	if (unix_proc_parse(line, len, &u) < 0)
		return (-1);
	unix_show(arg, &u);
	return (0);
}

static void
unix_proc(void)
{
	struct unixctx c;

	memset(&c, 0, sizeof(c));
	(void)proc_lines("net/unix", 1, 0, unix_proc_line, &c);
}

/*
 * unix_diag.
 */
static int
unix_diag_req(int fd, unsigned int states, unsigned int show, nl_msg_fn fn,
    void *arg)
{
	struct {
		struct nlmsghdr		nlh;
		struct unix_diag_req	req;
	} r;

	memset(&r, 0, sizeof(r));
	r.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	r.req.sdiag_family = AF_UNIX;
	r.req.udiag_states = states;
	r.req.udiag_show = show;
	return (nl_dump(fd, &r, sizeof(r), fn, arg));
}

/* First pass: the (peer, inode) pair of each connected datagram socket. */
static int
unix_diag_ref(const struct nlmsghdr *nlh, void *arg)
{
	struct unixctx *c = arg;
	struct unixrow u;

	if (unix_diag_parse(nlh, nlh->nlmsg_len, &u) < 0)
		return (0);	/* counted by the second pass */
	if (u.type == SOCK_DGRAM && u.peer != 0)
		refs_add(c->refs, u.peer, u.ino);
	return (0);
}

static int
unix_diag_row(const struct nlmsghdr *nlh, void *arg)
{
	struct unixctx *c = arg;
	struct unixrow u;

	if (unix_diag_parse(nlh, nlh->nlmsg_len, &u) < 0) {
		c->bad++;
		return (0);
	}
	unix_show(c, &u);
	return (0);
}

/*
 * A buffer of unix_diag answers through both passes, as two dumps of
 * them would go (the tests' way in); refs 0: print without the refs
 * lists.  Returns nl_walk()'s answer for the rows.
 */
int
unix_diag_feed(const void *buf, size_t len, uint32_t seq, int refs)
{
	struct unixrefs r;
	struct unixctx c;
	int rc;

	memset(&r, 0, sizeof(r));
	memset(&c, 0, sizeof(c));
	c.refs = &r;
	(void)nl_walk(buf, len, seq, unix_diag_ref, &c);
	if (r.n > 0)
		qsort(r.v, r.n, sizeof(*r.v), ref_cmp);
	if (!refs)
		c.refs = NULL;
	rc = nl_walk(buf, len, seq, unix_diag_row, &c);
	free(r.v);
	return (rc);
}

/* Say what went wrong with the dump, after the rows it gave. */
static void
unix_diag_report(const struct unixctx *c, const struct unixrefs *refs,
    int rc)
{
	(void)out_flush();
	if (rc < 0) {
		errno = -rc;
		ns_warn("unix_diag");
	}
	if (refs->failed)
		ns_warnx("unix_diag: %s: Refs and Nextref not shown",
		    strerror(ENOMEM));
	if (c->bad > 0)
		ns_notice("unix_diag: %lu malformed message%s skipped", c->bad,
		    plural(c->bad));
}

/* Returns -1 when the /proc file should be read instead. */
static int
unix_diag(void)
{
	struct unixrefs refs;
	struct unixctx c;
	int fd, rc;

	memset(&refs, 0, sizeof(refs));
	memset(&c, 0, sizeof(c));
	if ((fd = nl_open(NETLINK_SOCK_DIAG)) < 0) {
		rc = -errno;
		if (nl_fallback(rc))
			return (-1);
		unix_diag_report(&c, &refs, rc);
		return (0);
	}
	if (!Lflag) {
		c.refs = &refs;
		rc = unix_diag_req(fd, ~0U, UDIAG_SHOW_PEER, unix_diag_ref,
		    &c);
		if (rc < 0)
			goto done;
		if (refs.n > 0)
			qsort(refs.v, refs.n, sizeof(*refs.v), ref_cmp);
		rc = unix_diag_req(fd, ~0U, UDIAG_SHOW_NAME |
		    UDIAG_SHOW_VFS | UDIAG_SHOW_PEER | UDIAG_SHOW_RQLEN,
		    unix_diag_row, &c);
	} else
		rc = unix_diag_req(fd, 1U << UNIX_LISTEN,
		    UDIAG_SHOW_NAME | UDIAG_SHOW_RQLEN, unix_diag_row, &c);
done:
	close(fd);
	free(refs.v);
	if (rc < 0 && c.printed == 0 && nl_fallback(rc))
		return (-1);
	unix_diag_report(&c, &refs, rc);
	return (0);
}

void
unixpr(void)
{
	if (memf != NULL || unix_diag() < 0)
		unix_proc();
}
