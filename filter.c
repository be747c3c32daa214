/*
 * Filter expressions over sockets, in tcpdump's words: host, net, port,
 * portrange (each maybe after src or dst), state, path, joined by and,
 * or, not and parentheses.  One parse tree serves three readers: the
 * matcher the program runs on every row (netlink, /proc and -M alike),
 * the idiag_states mask and the inet_diag bytecode that let the kernel
 * skip sockets.  The kernel only prunes: what it returns is checked again
 * here, so both paths give the same answer.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>

#include <ctype.h>
#include <fnmatch.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "netstat.h"

struct filter	*sockfilter;

/* Node kinds. */
enum { N_AND, N_OR, N_NOT, N_ADDR, N_PORT, N_STATE, N_PATH };

/* Ends: src is the local end, dst the remote one. */
enum { D_SRC, D_DST, D_ANY };

/* Kleene's three values: unknown when a leaf cannot be told here. */
enum { KF, KT, KU };

#define	MAXNODES	16384	/* a bound on recursion over the tree */
#define	MAXDEPTH	256	/* nesting of parentheses and not */

struct fnode {
	int		 op;
	int		 dir;		/* N_ADDR, N_PORT: D_SRC or D_DST */
	int		 l, r;		/* children (N_NOT: l) */
	int		 family;	/* N_ADDR */
	int		 plen;
	uint8_t		 addr[16];
	unsigned int	 lo, hi;	/* N_PORT: an inclusive range */
	uint32_t	 states;	/* N_STATE: bits over FILTER_TCPS_* */
	char		*glob;		/* N_PATH */
};

struct filter {
	struct fnode	*n;
	size_t		 nn, cap;
	int		 root;
};

/*
 * BSD's state names, in the order of its TCPS_* numbers (which the
 * matcher takes), and the groups ss(8) defines.
 */
static const char *const tcps_names[FILTER_NTCPS] = {
	"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED",
	"CLOSE_WAIT", "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2",
	"TIME_WAIT"
};

#define	TS(s)		(1U << (s))
#define	TS_ALL		(TS(FILTER_NTCPS) - 1)
#define	TS_CONNECTED	(TS_ALL & ~(TS(FILTER_TCPS_LISTEN) | \
			    TS(FILTER_TCPS_CLOSED)))
#define	TS_SYNCED	(TS_CONNECTED & ~TS(FILTER_TCPS_SYN_SENT))

static const struct {
	const char	*name;
	uint32_t	 states;
} state_groups[] = {
	{ "connected", TS_CONNECTED },
	{ "synchronized", TS_SYNCED },
	{ "listening", TS(FILTER_TCPS_LISTEN) },
	{ "SYN_RECEIVED", TS(FILTER_TCPS_SYN_RCVD) },	/* FreeBSD's */
	{ "SYN_RECV", TS(FILTER_TCPS_SYN_RCVD) },	/* Linux's */
};

/* Linux's TCP_* states (include/net/tcp_states.h) as BSD's. */
static const signed char linux_tcps[] = {
	-1,
	FILTER_TCPS_ESTABLISHED,	/* TCP_ESTABLISHED */
	FILTER_TCPS_SYN_SENT,
	FILTER_TCPS_SYN_RCVD,		/* TCP_SYN_RECV */
	FILTER_TCPS_FIN_WAIT_1,
	FILTER_TCPS_FIN_WAIT_2,
	FILTER_TCPS_TIME_WAIT,
	FILTER_TCPS_CLOSED,		/* TCP_CLOSE */
	FILTER_TCPS_CLOSE_WAIT,
	FILTER_TCPS_LAST_ACK,
	FILTER_TCPS_LISTEN,
	FILTER_TCPS_CLOSING,
	FILTER_TCPS_SYN_RCVD,		/* TCP_NEW_SYN_RECV */
	FILTER_TCPS_CLOSED,		/* TCP_BOUND_INACTIVE */
};

int
filter_tcps(int linux_state)
{
	if (linux_state < 0 ||
	    (size_t)linux_state >= sizeof(linux_tcps) / sizeof(linux_tcps[0]))
		return (-1);
	return (linux_tcps[linux_state]);
}

/*
 * The tokenizer: the operands are read as one text, as tcpdump reads
 * them, so "port 80 and (host ::1)" may come as one word or many.
 * Parentheses, "&&" and "||" stand alone wherever they are; "!" only at
 * the start of a word, so a glob keeps its "[!a]".
 */
struct toks {
	char	**t;
	size_t	  n, cap;
	size_t	  pos;
	int	  depth;
};

static void
tok_add(struct toks *tk, const char *s, size_t n)
{
	tk->t = grow(tk->t, &tk->cap, tk->n, sizeof(*tk->t));
	tk->t[tk->n++] = xstrndup(s, n);
}

static int
tok_special(const char *s)
{
	if (*s == '(' || *s == ')')
		return (1);
	if ((s[0] == '&' && s[1] == '&') || (s[0] == '|' && s[1] == '|'))
		return (2);
	return (0);
}

static void
tok_split(struct toks *tk, const char *s)
{
	const char *w;
	int n;

	while (*s != '\0') {
		if (isspace((unsigned char)*s)) {
			s++;
			continue;
		}
		if ((n = tok_special(s)) > 0 || *s == '!') {
			tok_add(tk, s, n > 0 ? (size_t)n : 1);
			s += n > 0 ? n : 1;
			continue;
		}
		for (w = s; *s != '\0' && !isspace((unsigned char)*s) &&
		    tok_special(s) == 0; s++)
			;
		tok_add(tk, w, (size_t)(s - w));
	}
}

static const char *
tok_peek(const struct toks *tk)
{
	return (tk->pos < tk->n ? tk->t[tk->pos] : NULL);
}

static int
tok_is(const struct toks *tk, const char *a, const char *b)
{
	const char *t = tok_peek(tk);

	return (t != NULL && (strcmp(t, a) == 0 ||
	    (b != NULL && strcmp(t, b) == 0)));
}

/* The word before the current one, for "missing operand" errors. */
static const char *
tok_prev(const struct toks *tk)
{
	return (tk->pos > 0 ? tk->t[tk->pos - 1] : "");
}

/*
 * The tree.
 */
static int
node_new(struct filter *f, int op)
{
	if (f->nn >= MAXNODES)
		ns_errx("filter: expression too long");
	f->n = grow(f->n, &f->cap, f->nn, sizeof(*f->n));
	memset(&f->n[f->nn], 0, sizeof(f->n[0]));
	f->n[f->nn].op = op;
	f->n[f->nn].l = f->n[f->nn].r = -1;
	return ((int)f->nn++);
}

static int
node_pair(struct filter *f, int op, int l, int r)
{
	int i = node_new(f, op);

	f->n[i].l = l;
	f->n[i].r = r;
	return (i);
}

/* A leaf for either end: "port 80" is "src port 80 or dst port 80". */
static int
node_ends(struct filter *f, int dir, const struct fnode *proto)
{
	int s, d;

	if (dir != D_ANY) {
		s = node_new(f, proto->op);
		f->n[s] = *proto;
		f->n[s].dir = dir;
		return (s);
	}
	s = node_ends(f, D_SRC, proto);
	d = node_ends(f, D_DST, proto);
	return (node_pair(f, N_OR, s, d));
}

/*
 * Values of primitives.
 */

/* A port number or a service name; one place asks services(5). */
static int
port_value(const char *s, unsigned int *port)
{
	struct servent *se;
	unsigned long long v;

	if (*s >= '0' && *s <= '9') {
		if (proc_ull(s, strlen(s), 10, &v) < 0 || v > 65535)
			return (-1);
		*port = (unsigned int)v;
		return (0);
	}
	if ((se = getservbyname(s, "tcp")) == NULL &&
	    (se = getservbyname(s, "udp")) == NULL)
		return (-2);
	*port = ntohs((uint16_t)se->s_port);
	return (0);
}

static void
parse_port(const char *kw, const char *arg, struct fnode *n)
{
	int rc;

	if ((rc = port_value(arg, &n->lo)) < 0)
		ns_errx("filter: %s %s: %s", kw, arg,
		    rc == -1 ? "bad port" : "unknown service");
	n->hi = n->lo;
}

/* low-high; a service name may hold a '-': try each one. */
static void
parse_portrange(const char *kw, const char *arg, struct fnode *n)
{
	const char *dash;
	char *low;
	int rc;

	for (dash = strchr(arg, '-'); dash != NULL;
	    dash = strchr(dash + 1, '-')) {
		low = xstrndup(arg, (size_t)(dash - arg));
		rc = dash > arg && port_value(low, &n->lo) == 0 &&
		    port_value(dash + 1, &n->hi) == 0;
		free(low);
		if (rc && n->lo <= n->hi)
			return;
	}
	ns_errx("filter: %s %s: bad port range", kw, arg);
}

/* tcpdump's short IPv4 networks: "10", "10.1", "10.1.2", "10.1.2.3". */
static int
net4_value(const char *s, size_t len, uint8_t *addr, int *octets)
{
	unsigned long long v;
	const char *dot;
	size_t n;

	memset(addr, 0, 4);
	for (*octets = 0; *octets < 4; (*octets)++) {
		dot = memchr(s, '.', len);
		n = dot != NULL ? (size_t)(dot - s) : len;
		if (n == 0 || n > 3 || proc_ull(s, n, 10, &v) < 0 || v > 255)
			return (-1);
		addr[*octets] = (uint8_t)v;
		if (dot == NULL) {
			(*octets)++;
			return (0);
		}
		len -= n + 1;
		s = dot + 1;
	}
	return (-1);
}

static int
host_bits(const uint8_t *addr, int alen, int plen)
{
	int i;

	for (i = plen; i < alen * 8; i++)
		if (addr[i / 8] & (0x80 >> (i % 8)))
			return (1);
	return (0);
}

static void
parse_net(const char *kw, const char *arg, struct fnode *n, int host)
{
	const char *slash = host ? NULL : strchr(arg, '/');
	size_t alen = slash != NULL ? (size_t)(slash - arg) : strlen(arg);
	unsigned long long v;
	char *a;
	int octets, ok;

	a = xstrndup(arg, alen);
	if (strchr(a, ':') != NULL) {
		n->family = AF_INET6;
		n->plen = 128;
		ok = inet_pton(AF_INET6, a, n->addr) == 1;
	} else if (host) {
		n->family = AF_INET;
		n->plen = 32;
		ok = inet_pton(AF_INET, a, n->addr) == 1;
	} else {
		n->family = AF_INET;
		ok = net4_value(a, alen, n->addr, &octets) == 0;
		n->plen = 8 * octets;
	}
	free(a);
	if (!ok)
		ns_errx("filter: %s %s: bad address", kw, arg);
	if (slash == NULL)
		return;
	if (proc_ull(slash + 1, strlen(slash + 1), 10, &v) < 0 ||
	    v > (n->family == AF_INET ? 32U : 128U))
		ns_errx("filter: %s %s: bad prefix length", kw, arg);
	n->plen = (int)v;
	if (host_bits(n->addr, n->family == AF_INET ? 4 : 16, n->plen))
		ns_errx("filter: %s %s: non-network bits set", kw, arg);
}

/* Case does not matter, and '-' stands for '_' (ss's "time-wait"). */
static int
state_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		if (*a == *b || (*a == '-' && *b == '_') ||
		    (*a == '_' && *b == '-'))
			continue;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return (0);
	}
	return (*a == *b);
}

static void
parse_state(const char *kw, const char *arg, struct fnode *n)
{
	size_t i;

	for (i = 0; i < FILTER_NTCPS; i++)
		if (state_eq(arg, tcps_names[i])) {
			n->states = TS(i);
			return;
		}
	for (i = 0; i < sizeof(state_groups) / sizeof(state_groups[0]); i++)
		if (state_eq(arg, state_groups[i].name)) {
			n->states = state_groups[i].states;
			return;
		}
	ns_errx("filter: %s %s: unknown state", kw, arg);
}

/*
 * The parser, by recursive descent:
 *	expr	:= term { ("or" | "||") term }
 *	term	:= factor { ["and" | "&&"] factor }	(side by side: and)
 *	factor	:= ("not" | "!") factor | "(" expr ")" | primitive
 *	primitive := ["src" | "dst"] ("host" | "net" | "port" | "portrange") X
 *		| "state" S | "path" G | X	(X alone: the last keyword's)
 */
struct parser {
	struct filter	*f;
	struct toks	 tk;
	int		 lastdir;	/* the last primitive, for a bare value */
	const char	*lastkw;
};

static const char *const prim_kw[] = {
	"host", "net", "port", "portrange", "state", "path"
};

static int	p_expr(struct parser *);

static int
is_operator(const char *t)
{
	static const char *const ops[] = {
		"and", "or", "not", "&&", "||", "!", "("
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(t, ops[i]) == 0)
			return (1);
	return (0);
}

static int
is_keyword(const char *t)
{
	static const char *const ops[] = {
		"and", "or", "not", "&&", "||", "!", "(", ")", "src", "dst"
	};
	size_t i;

	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(t, ops[i]) == 0)
			return (1);
	for (i = 0; i < sizeof(prim_kw) / sizeof(prim_kw[0]); i++)
		if (strcmp(t, prim_kw[i]) == 0)
			return (1);
	return (0);
}

static int
is_address(const char *s)
{
	uint8_t a[16];

	return (inet_pton(AF_INET, s, a) == 1 ||
	    inet_pton(AF_INET6, s, a) == 1);
}

/* kw names the primitive; dkw is how the user wrote it, for messages. */
static int
p_leaf(struct parser *p, int dir, const char *kw, const char *arg)
{
	struct fnode n;
	char dkw[32];

	memset(&n, 0, sizeof(n));
	n.l = n.r = -1;
	(void)snprintf(dkw, sizeof(dkw), "%s%s", dir == D_SRC ? "src " :
	    dir == D_DST ? "dst " : "", kw);
	p->lastdir = dir;
	p->lastkw = kw;
	if (strcmp(kw, "host") == 0 || strcmp(kw, "net") == 0) {
		n.op = N_ADDR;
		parse_net(dkw, arg, &n, kw[0] == 'h');
	} else if (strcmp(kw, "port") == 0) {
		n.op = N_PORT;
		parse_port(dkw, arg, &n);
	} else if (strcmp(kw, "portrange") == 0) {
		n.op = N_PORT;
		parse_portrange(dkw, arg, &n);
	} else if (strcmp(kw, "state") == 0) {
		n.op = N_STATE;
		parse_state(kw, arg, &n);
		dir = D_SRC;
	} else {
		n.op = N_PATH;
		n.glob = xstrndup(arg, strlen(arg));
		dir = D_SRC;
	}
	return (node_ends(p->f, dir, &n));
}

static int
p_primitive(struct parser *p)
{
	const char *t = tok_peek(&p->tk), *kw, *arg;
	int dir = D_ANY;
	size_t i, nkw = sizeof(prim_kw) / sizeof(prim_kw[0]);

	if (t == NULL)
		ns_errx("filter: %s: missing operand", tok_prev(&p->tk));
	if (strcmp(t, "src") == 0 || strcmp(t, "dst") == 0) {
		dir = t[0] == 's' ? D_SRC : D_DST;
		p->tk.pos++;
		if ((kw = tok_peek(&p->tk)) == NULL)
			ns_errx("filter: %s: missing host, net, port or "
			    "portrange", t);
		for (i = 0; i < 4; i++)
			if (strcmp(kw, prim_kw[i]) == 0)
				break;
		if (i == 4)
			ns_errx("filter: %s %s: src and dst go with host, "
			    "net, port and portrange", t, kw);
	}
	kw = tok_peek(&p->tk);
	for (i = 0; i < nkw; i++)
		if (strcmp(kw, prim_kw[i]) == 0)
			break;
	if (i < nkw) {
		p->tk.pos++;
		if ((arg = tok_peek(&p->tk)) == NULL || is_keyword(arg))
			ns_errx("filter: %s%s: missing value",
			    dir == D_SRC ? "src " : dir == D_DST ? "dst " : "",
			    kw);
		p->tk.pos++;
		return (p_leaf(p, dir, prim_kw[i], arg));
	}
	if (is_keyword(kw))
		ns_errx("filter: %s: expected a primitive", kw);
	/*
	 * A value alone takes the last keyword, as in tcpdump's "port 80 or
	 * 443"; first of all, an address is a host.  Not side by side with
	 * a primitive: "port 80 443" would read as "port 80 and port 443".
	 */
	if (p->tk.pos > 0 && !is_operator(tok_prev(&p->tk)))
		ns_errx("filter: %s: missing and or or before it", kw);
	p->tk.pos++;
	if (p->lastkw != NULL)
		return (p_leaf(p, p->lastdir, p->lastkw, kw));
	if (!is_address(kw))
		ns_errx("filter: %s: unknown primitive", kw);
	return (p_leaf(p, D_ANY, "host", kw));
}

static int
p_factor(struct parser *p)
{
	int i;

	if (!tok_is(&p->tk, "not", "!") && !tok_is(&p->tk, "(", NULL))
		return (p_primitive(p));
	if (++p->tk.depth > MAXDEPTH)
		ns_errx("filter: %s: nested too deeply", tok_peek(&p->tk));
	if (tok_is(&p->tk, "(", NULL)) {
		p->tk.pos++;
		i = p_expr(p);
		if (!tok_is(&p->tk, ")", NULL))
			ns_errx("filter: (: missing )");
		p->tk.pos++;
	} else {
		p->tk.pos++;
		i = node_pair(p->f, N_NOT, p_factor(p), -1);
	}
	p->tk.depth--;
	return (i);
}

static int
p_term(struct parser *p)
{
	int i = p_factor(p);

	for (;;) {
		if (tok_is(&p->tk, "and", "&&"))
			p->tk.pos++;
		else if (tok_peek(&p->tk) == NULL ||
		    tok_is(&p->tk, "or", "||") || tok_is(&p->tk, ")", NULL))
			return (i);
		i = node_pair(p->f, N_AND, i, p_factor(p));
	}
}

static int
p_expr(struct parser *p)
{
	int i = p_term(p);

	while (tok_is(&p->tk, "or", "||")) {
		p->tk.pos++;
		i = node_pair(p->f, N_OR, i, p_term(p));
	}
	return (i);
}

struct filter *
filter_parse(int argc, char *const argv[])
{
	struct parser p;
	size_t i;
	int a;

	memset(&p, 0, sizeof(p));
	for (a = 0; a < argc; a++)
		tok_split(&p.tk, argv[a]);
	if (p.tk.n == 0) {
		free(p.tk.t);
		return (NULL);
	}
	p.f = xcalloc(1, sizeof(*p.f));
	p.f->root = p_expr(&p);
	if (tok_peek(&p.tk) != NULL)
		ns_errx("filter: %s: unmatched )", tok_peek(&p.tk));
	for (i = 0; i < p.tk.n; i++)
		free(p.tk.t[i]);
	free(p.tk.t);
	return (p.f);
}

void
filter_free(struct filter *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nn; i++)
		free(f->n[i].glob);
	free(f->n);
	free(f);
}

/*
 * Evaluation.  The same walk answers every question, with leaves valued
 * by what the asker knows: a row (the matchers), a state (the states
 * mask), a dump family (the bytecode) or nothing (the tables).
 */
enum { E_INET, E_UNIX, E_STATES, E_BYTECODE, E_TABLE_INET, E_TABLE_UNIX };

struct ectx {
	int		 mode;
	int		 family;	/* the row's, or the dump's */
	const uint8_t	*addr[2];	/* local, remote */
	unsigned int	 port[2];
	int		 state;		/* FILTER_TCPS_*, or -1: none */
	const char	*path;		/* NULL: no name */
};

static int
mapped(const uint8_t *a)
{
	static const uint8_t pfx[12] = { [10] = 0xff, [11] = 0xff };

	return (memcmp(a, pfx, sizeof(pfx)) == 0);
}

static int
prefix_eq(const uint8_t *a, const uint8_t *b, int plen)
{
	int bytes = plen / 8, bits = plen % 8;
	uint8_t mask;

	if (memcmp(a, b, (size_t)bytes) != 0)
		return (0);
	if (bits == 0)
		return (1);
	mask = (uint8_t)(0xff00 >> bits);
	return (((a[bytes] ^ b[bytes]) & mask) == 0);
}

/*
 * As the kernel's inet_diag_bc_run() compares: an IPv4 host or net also
 * matches an IPv6 socket's v4-mapped address, never the other way.
 */
static int
addr_match(const struct fnode *n, int family, const uint8_t *a)
{
	if (n->family == family)
		return (prefix_eq(a, n->addr, n->plen));
	if (n->family == AF_INET && family == AF_INET6 && mapped(a))
		return (prefix_eq(a + 12, n->addr, n->plen));
	return (0);
}

/* A leaf's value; neg says an odd number of "not" is above it. */
static int
leaf(const struct fnode *n, int neg, const struct ectx *c)
{
	int inet = n->op == N_ADDR || n->op == N_PORT;

	switch (c->mode) {
	case E_INET:
		if (n->op == N_ADDR)
			return (addr_match(n, c->family, c->addr[n->dir]));
		if (n->op == N_PORT)
			return (c->port[n->dir] >= n->lo &&
			    c->port[n->dir] <= n->hi);
		if (n->op == N_STATE)
			return (c->state >= 0 &&
			    (n->states & TS(c->state)) != 0);
		return (KF);
	case E_UNIX:
		if (n->op != N_PATH || c->path == NULL)
			return (KF);
		return (fnmatch(n->glob, c->path, 0) == 0);
	case E_STATES:
		if (n->op == N_STATE)
			return (c->state >= 0 &&
			    (n->states & TS(c->state)) != 0);
		return (inet ? KU : KF);
	case E_TABLE_INET:
		return (n->op == N_PATH ? KF : KU);
	case E_TABLE_UNIX:
		return (n->op == N_PATH ? KU : KF);
	}
	/*
	 * E_BYTECODE: what the kernel cannot test becomes a constant that
	 * only widens the set: a state is true, or false under a "not".
	 */
	if (n->op == N_STATE)
		return (neg ? KF : KT);
	if (n->op == N_PATH)
		return (KF);
	if (n->op == N_PORT)
		return (n->lo == 0 && n->hi == 65535 ? KT : KU);
	if (n->family == AF_INET6 && c->family == AF_INET)
		return (KF);
	if (n->plen == 0 && n->family == c->family)
		return (KT);
	return (KU);
}

static int
eval(const struct filter *f, int i, int neg, const struct ectx *c)
{
	const struct fnode *n = &f->n[i];
	int a, b;

	switch (n->op) {
	case N_NOT:
		a = eval(f, n->l, !neg, c);
		return (a == KU ? KU : !a);
	case N_AND:
		if ((a = eval(f, n->l, neg, c)) == KF)
			return (KF);
		if ((b = eval(f, n->r, neg, c)) == KF)
			return (KF);
		return (a == KT ? b : KU);
	case N_OR:
		if ((a = eval(f, n->l, neg, c)) == KT)
			return (KT);
		if ((b = eval(f, n->r, neg, c)) == KT)
			return (KT);
		return (a == KF ? b : KU);
	}
	return (leaf(n, neg, c));
}

int
filter_match_inet(const struct filter *f, int family,
    const uint8_t laddr[16], unsigned int lport, const uint8_t faddr[16],
    unsigned int fport, int bsd_state)
{
	struct ectx c;

	if (f == NULL)
		return (1);
	memset(&c, 0, sizeof(c));
	c.mode = E_INET;
	c.family = family;
	c.addr[D_SRC] = laddr;
	c.addr[D_DST] = faddr;
	c.port[D_SRC] = lport;
	c.port[D_DST] = fport;
	c.state = bsd_state;
	return (eval(f, f->root, 0, &c) == KT);
}

/* Abstract names match as netstat prints them: '@' for each NUL. */
int
filter_match_unix(const struct filter *f, const char *path, size_t len)
{
	char buf[512];
	struct ectx c;
	size_t i;

	if (f == NULL)
		return (1);
	memset(&c, 0, sizeof(c));
	c.mode = E_UNIX;
	if (len > 0) {
		if (len > sizeof(buf) - 1)
			len = sizeof(buf) - 1;
		for (i = 0; i < len; i++)
			buf[i] = path[i] != '\0' ? path[i] : '@';
		buf[len] = '\0';
		c.path = buf;
	}
	return (eval(f, f->root, 0, &c) == KT);
}

uint32_t
filter_states(const struct filter *f)
{
	struct ectx c;
	uint32_t mask = 0;
	int s;

	if (f == NULL)
		return (0xffffffffU);
	memset(&c, 0, sizeof(c));
	c.mode = E_STATES;
	for (s = 0; s < 32; s++) {
		c.state = filter_tcps(s);
		if (eval(f, f->root, 0, &c) != KF)
			mask |= 1U << s;
	}
	return (mask);
}

int
filter_tables(const struct filter *f)
{
	struct ectx c;
	int t = 0;

	if (f == NULL)
		return (FILTER_INET | FILTER_UNIX);
	memset(&c, 0, sizeof(c));
	c.mode = E_TABLE_INET;
	if (eval(f, f->root, 0, &c) != KF)
		t |= FILTER_INET;
	c.mode = E_TABLE_UNIX;
	if (eval(f, f->root, 0, &c) != KF)
		t |= FILTER_UNIX;
	return (t);
}

/*
 * The inet_diag bytecode (net/ipv4/inet_diag.c).  The kernel runs ops in
 * sequence: a true test moves on by the op's "yes", a false one by its
 * "no"; running off the end exactly accepts, and landing 4 bytes past it
 * rejects.  Its audit follows the "yes" chain and wants every "no" to
 * land on an op of that chain, at the end, or at end + 4, never before
 * the op's own end.  So here every "yes" is the op's size (the next op)
 * and every branch a forward "no" to a label: a test falls through when
 * true and jumps to the false label when not; JMP (always "no") builds
 * "or" and "not".  Port tests carry the port in a second op's "no";
 * host tests an inet_diag_hostcond and the address.
 */
#define	BC_REJECT	0	/* label 0: end + 4 */

struct bc {
	uint8_t		*buf;
	size_t		 len, cap;
	int		 over;
	size_t		*lab;		/* label offsets */
	size_t		 nlab, labcap;
	size_t		*fixop;		/* ops whose "no" goes to fixlab */
	int		*fixlab;
	size_t		 nfix, fixcap, fixcap2;
};

static int
bc_label(struct bc *b)
{
	b->lab = grow(b->lab, &b->labcap, b->nlab, sizeof(*b->lab));
	b->lab[b->nlab] = (size_t)-1;
	return ((int)b->nlab++);
}

static void
bc_bytes(struct bc *b, const void *p, size_t n)
{
	if (b->over || n > b->cap - b->len) {
		b->over = 1;
		return;
	}
	memcpy(b->buf + b->len, p, n);
	b->len += n;
}

static void
bc_op(struct bc *b, int code, size_t yes, int lab, unsigned int no)
{
	struct inet_diag_bc_op op;

	if (lab >= 0 && !b->over) {
		b->fixop = grow(b->fixop, &b->fixcap, b->nfix,
		    sizeof(*b->fixop));
		b->fixlab = grow(b->fixlab, &b->fixcap2, b->nfix,
		    sizeof(*b->fixlab));
		b->fixop[b->nfix] = b->len;
		b->fixlab[b->nfix++] = lab;
	}
	op.code = (unsigned char)code;
	op.yes = (unsigned char)yes;
	op.no = (unsigned short)no;
	bc_bytes(b, &op, sizeof(op));
}

static void
bc_port(struct bc *b, int code, unsigned int port, int lfalse)
{
	bc_op(b, code, 2 * sizeof(struct inet_diag_bc_op), lfalse, 0);
	bc_op(b, INET_DIAG_BC_NOP, 0, -1, port);
}

static void
bc_leaf(struct bc *b, const struct fnode *n, int lfalse)
{
	struct inet_diag_hostcond hc;
	size_t alen;

	if (n->op == N_PORT) {
		if (n->lo == n->hi) {
			bc_port(b, n->dir == D_SRC ? INET_DIAG_BC_S_EQ :
			    INET_DIAG_BC_D_EQ, n->lo, lfalse);
			return;
		}
		if (n->lo > 0)
			bc_port(b, n->dir == D_SRC ? INET_DIAG_BC_S_GE :
			    INET_DIAG_BC_D_GE, n->lo, lfalse);
		if (n->hi < 65535)
			bc_port(b, n->dir == D_SRC ? INET_DIAG_BC_S_LE :
			    INET_DIAG_BC_D_LE, n->hi, lfalse);
		return;
	}
	/* N_ADDR; the others fold to constants before they get here. */
	alen = n->family == AF_INET ? 4 : 16;
	memset(&hc, 0, sizeof(hc));
	hc.family = (unsigned char)n->family;
	hc.prefix_len = (unsigned char)n->plen;
	hc.port = -1;
	bc_op(b, n->dir == D_SRC ? INET_DIAG_BC_S_COND : INET_DIAG_BC_D_COND,
	    sizeof(struct inet_diag_bc_op) + sizeof(hc) + alen, lfalse, 0);
	bc_bytes(b, &hc, sizeof(hc));
	bc_bytes(b, n->addr, alen);
}

#define	BC_OPSZ	sizeof(struct inet_diag_bc_op)

static void
bc_node(struct bc *b, const struct filter *f, int i, int neg, int lfalse,
    const struct ectx *c)
{
	const struct fnode *n = &f->n[i];
	int v, l1, l2;

	if ((v = eval(f, i, neg, c)) == KT)
		return;
	if (v == KF) {
		bc_op(b, INET_DIAG_BC_JMP, BC_OPSZ, lfalse, 0);
		return;
	}
	switch (n->op) {
	case N_AND:
		bc_node(b, f, n->l, neg, lfalse, c);
		bc_node(b, f, n->r, neg, lfalse, c);
		break;
	case N_OR:
		if (eval(f, n->l, neg, c) == KF) {
			bc_node(b, f, n->r, neg, lfalse, c);
			break;
		}
		if (eval(f, n->r, neg, c) == KF) {
			bc_node(b, f, n->l, neg, lfalse, c);
			break;
		}
		l1 = bc_label(b);	/* the right side */
		l2 = bc_label(b);	/* true */
		bc_node(b, f, n->l, neg, l1, c);
		bc_op(b, INET_DIAG_BC_JMP, BC_OPSZ, l2, 0);
		b->lab[l1] = b->len;
		bc_node(b, f, n->r, neg, lfalse, c);
		b->lab[l2] = b->len;
		break;
	case N_NOT:
		l1 = bc_label(b);	/* the operand false: true */
		bc_node(b, f, n->l, !neg, l1, c);
		bc_op(b, INET_DIAG_BC_JMP, BC_OPSZ, lfalse, 0);
		b->lab[l1] = b->len;
		break;
	default:
		bc_leaf(b, n, lfalse);
		break;
	}
}

/* Sets each "no"; 0 when a jump does not fit its 16 bits. */
static int
bc_fix(struct bc *b)
{
	struct inet_diag_bc_op op;
	size_t i, to;

	b->lab[BC_REJECT] = b->len + BC_OPSZ;
	for (i = 0; i < b->nfix; i++) {
		to = b->lab[b->fixlab[i]];
		if (to <= b->fixop[i] || to - b->fixop[i] > 0xfffc)
			return (0);
		memcpy(&op, b->buf + b->fixop[i], sizeof(op));
		op.no = (unsigned short)(to - b->fixop[i]);
		memcpy(b->buf + b->fixop[i], &op, sizeof(op));
	}
	return (1);
}

ssize_t
filter_bytecode(const struct filter *f, int family, void *buf, size_t len)
{
	struct bc b;
	struct ectx c;
	ssize_t rc = 0;

	if (f == NULL)
		return (0);
	memset(&c, 0, sizeof(c));
	c.mode = E_BYTECODE;
	c.family = family;
	if (eval(f, f->root, 0, &c) == KT)
		return (0);
	memset(&b, 0, sizeof(b));
	b.buf = buf;
	/* The attribute's length is 16 bits, its header included. */
	b.cap = len < 0xfff0 ? len : 0xfff0;
	(void)bc_label(&b);
	bc_node(&b, f, f->root, 0, BC_REJECT, &c);
	if (!b.over && b.len > 0 && bc_fix(&b))
		rc = (ssize_t)b.len;
	free(b.lab);
	free(b.fixop);
	free(b.fixlab);
	return (rc);
}
