/*
 * libFuzzer target: the netlink message parsers -- sock_diag's
 * inet_diag and unix_diag answers (one message, and a dump's buffer
 * through the feeds that print rows), rtnetlink's links, addresses,
 * routes with their next hops, neighbours and neighbour tables -- and
 * the walker under them; sctp_diag's answers (one, and a dump's buffer
 * printed as either of the two dumps).  The first byte picks the parser, the second
 * sets the options that change what a row prints; the rest is what
 * the parser takes (a whole message, its payload, or a dump buffer).
 * The first byte's top bit prints the feeds' rows as JSON.  What the
 * feeds print is kept (standard output is a memory file) and checked:
 * printable text only (ASCII, newlines, well-formed UTF-8 without
 * controls), and JSON that parses.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <sys/mman.h>

#include <linux/netlink.h>

#include "../../netstat.h"
#include "fuzz.h"

enum {
	N_INET, N_INETFEED, N_UNIX, N_UNIXFEED, N_LINK, N_ADDR, N_ROUTE,
	N_NEIGH, N_NEIGHTBL, N_WALK, N_SCTP, N_SCTPFEED, N_N
};

static unsigned long sum;

/* Read every byte a pointer into the message covers. */
static void
touch(const void *p, size_t n)
{
	const unsigned char *b = p;

	while (n-- > 0)
		sum += *b++;
}

/* The options a row's layout depends on; never a name lookup. */
static void
set_flags(unsigned int f)
{
	aflag = f & 1;
	Aflag = (f >> 1) & 1;
	Lflag = (f >> 2) & 1;
	xflag = (f >> 3) & 1;
	vflag = (f >> 4) & 1;
	Wflag = (f >> 5) & 1;
	lflag = (f >> 6) & 1;
	bflag = (f >> 7) & 1;
	nflag = 1;
}

/* The sequence number a dump would expect: the first message's. */
static uint32_t
first_seq(const uint8_t *p, size_t len)
{
	struct nlmsghdr h;

	if (len < sizeof(h))
		return (1);
	memcpy(&h, p, sizeof(h));
	return (h.nlmsg_seq);
}

/*
 * A JSON value at *pp (RFC 8259, no blanks but newlines and spaces as
 * out.c writes them); 0 and *pp past it, or -1.
 */
static int	json_value(const char **, const char *, int);

static void
json_blank(const char **pp, const char *end)
{
	while (*pp < end && (**pp == ' ' || **pp == '\n'))
		(*pp)++;
}

static int
json_str(const char **pp, const char *end)
{
	const char *p = *pp + 1;

	for (; p < end && *p != '"'; p++)
		if (*p == '\\') {
			if (++p == end || strchr("\"\\/bfnrtu", *p) == NULL)
				return (-1);
		}
	if (p == end)
		return (-1);
	*pp = p + 1;
	return (0);
}

static int
json_seq(const char **pp, const char *end, char close, int depth)
{
	(*pp)++;
	json_blank(pp, end);
	if (*pp < end && **pp == close) {
		(*pp)++;
		return (0);
	}
	for (;;) {
		json_blank(pp, end);
		if (close == '}') {
			if (*pp == end || **pp != '"' || json_str(pp, end) < 0)
				return (-1);
			json_blank(pp, end);
			if (*pp == end || *(*pp)++ != ':')
				return (-1);
		}
		if (json_value(pp, end, depth + 1) < 0)
			return (-1);
		json_blank(pp, end);
		if (*pp == end)
			return (-1);
		if (**pp == close) {
			(*pp)++;
			return (0);
		}
		if (*(*pp)++ != ',')
			return (-1);
	}
}

static int
json_value(const char **pp, const char *end, int depth)
{
	const char *p;

	json_blank(pp, end);
	if (*pp == end || depth > 64)
		return (-1);
	p = *pp;
	if (*p == '{' || *p == '[')
		return (json_seq(pp, end, *p == '{' ? '}' : ']', depth));
	if (*p == '"')
		return (json_str(pp, end));
	if (*p == '-' || (*p >= '0' && *p <= '9')) {
		for (p++; p < end && strchr("0123456789.eE+-", *p) != NULL;
		    p++)
			;
		*pp = p;
		return (0);
	}
	if (end - p >= 4 && (memcmp(p, "true", 4) == 0 ||
	    memcmp(p, "null", 4) == 0)) {
		*pp = p + 4;
		return (0);
	}
	if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
		*pp = p + 5;
		return (0);
	}
	return (-1);
}

/*
 * The length of the character at p when it may be printed: a newline,
 * printable ASCII, or well-formed UTF-8 that is not a C1 control (JSON
 * strings carry the real text, U+FFFD for a bad byte); else 0.
 */
static int
utf8_char(const unsigned char *p, size_t left)
{
	uint32_t c;
	int n, i;

	if (*p == '\n' || (*p >= 0x20 && *p < 0x7f))
		return (1);
	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return (0);
	if (left < (size_t)n)
		return (0);
	c = *p & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 ||
	    c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff) || c < 0xa0)
		return (0);
	return (n);
}

/* What was printed: read back, checked, then forgotten. */
static void
check_output(int json)
{
	static char *buf;
	static size_t cap;
	const char *p;
	off_t n;
	size_t i;
	int k;

	if ((n = lseek(STDOUT_FILENO, 0, SEEK_CUR)) <= 0)
		return;
	if ((size_t)n > cap) {
		cap = (size_t)n;
		if ((buf = realloc(buf, cap)) == NULL)
			abort();
	}
	if (pread(STDOUT_FILENO, buf, (size_t)n, 0) != n)
		abort();
	for (i = 0; i < (size_t)n; i += (size_t)k)
		if ((k = utf8_char((const unsigned char *)buf + i,
		    (size_t)n - i)) <= 0)
			abort();	/* a byte out of the sanitizer */
	p = buf;
	if (json && (json_value(&p, buf + n, 0) < 0 ||
	    (json_blank(&p, buf + n), p != buf + n)))
		abort();		/* not one JSON document */
	if (ftruncate(STDOUT_FILENO, 0) < 0 ||
	    lseek(STDOUT_FILENO, 0, SEEK_SET) < 0)
		abort();
}

/* Standard output into memory, once. */
static void
capture(void)
{
	static int done;
	int fd;

	if (done++)
		return;
	if ((fd = memfd_create("fuzz-nl-out", 0)) < 0 ||
	    dup2(fd, STDOUT_FILENO) < 0)
		abort();
	close(fd);
}

static int
walk_msg(const struct nlmsghdr *nlh, void *arg)
{
	(void)arg;
	touch(nlh, nlh->nlmsg_len);
	return (0);
}

static void
one(int sel, unsigned int flags, const uint8_t *p, size_t len)
{
	const unsigned char *mp;
	struct inet_feed f;
	struct sockrow r;
	struct unixrow u;
	struct link_info li;
	struct addr_info a;
	struct rtinfo ri;
	struct nexthop nh;
	struct neighinfo ni;
	struct sctprow sr;
	struct sctp_feed sf;
	long long ms;
	size_t mplen;
	int index;

	switch (sel) {
	case N_INET:
		if (inet_diag_parse(p, len, &r) == 0)
			sum += r.lport;
		break;
	case N_INETFEED:
		memset(&f, 0, sizeof(f));
		f.proto = (flags & 1) ? IPPROTO_UDP : IPPROTO_TCP;
		f.family = (flags & 2) ? AF_INET6 : (flags & 4) ? AF_INET :
		    AF_UNSPEC;
		f.bindv6only = (flags >> 3) & 1;
		f.collect = (flags >> 4) & 1;
		(void)inet_diag_feed(&f, p, len, first_seq(p, len));
		break;
	case N_UNIX:
		if (unix_diag_parse(p, len, &u) == 0 && u.name != NULL)
			touch(u.name, u.namelen);
		break;
	case N_UNIXFEED:
		(void)unix_diag_feed(p, len, first_seq(p, len),
		    (int)(flags & 1));
		break;
	case N_LINK:
		if (link_parse(p, len, &li) == 1) {
			touch(li.name, li.namelen);
			if (li.hw != NULL)
				touch(li.hw, li.hwlen);
		}
		break;
	case N_ADDR:
		if (addr_parse(p, len, &a) == 1)
			sum += (unsigned long)a.plen;
		break;
	case N_ROUTE:
		if (rt_parse(p, len, &ri) < 0 || ri.mp == NULL)
			break;
		mp = ri.mp;
		mplen = ri.mplen;
		while (rt_nexthop(&mp, &mplen, ri.family, &nh) > 0)
			sum += (unsigned long)nh.ifindex;
		break;
	case N_NEIGH:
		if (neigh_parse(p, len, &ni) == 0 && ni.ll != NULL)
			touch(ni.ll, ni.lllen);
		break;
	case N_NEIGHTBL:
		(void)neightbl_parse(p, len, &index, &ms);
		break;
	case N_SCTP:
		if (sctp_diag_parse(p, len, &sr) == 0)
			sum += (unsigned long)(sr.nladdr + sr.nfaddr);
		break;
	case N_SCTPFEED:
		memset(&sf, 0, sizeof(sf));
		sf.eps = (int)((flags >> 1) & 1);
		(void)sctp_diag_feed(&sf, p, len, first_seq(p, len));
		break;
	default:
		(void)nl_walk(p, len, first_seq(p, len), walk_msg, NULL);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned int flags;
	uint8_t *p;
	int sel;

	int json;

	if (size < 2)
		return (0);
	capture();
	sel = (data[0] & 0x7f) % N_N;
	flags = data[1];
	set_flags(flags);
	if ((json = data[0] & 0x80)) {
		out_style = OUT_JSON;
		out_init();
		out_open_list("socket");
	}
	/* Aligned as a receive buffer is, and exactly as long. */
	p = exact(data + 2, size - 2);
	one(sel, flags, p, size - 2);
	free(p);
	if (json)
		(void)out_finish();
	else {
		out_text("\n");	/* the last line out of the buffer */
		(void)out_flush();
	}
	out_style = OUT_TEXT;
	check_output(json);
	return (0);
}
