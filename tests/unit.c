/*
 * Unit tests of the shared layers: the netlink walker and attribute
 * indexer (with hostile and random bytes), sanitizing, the output layer's
 * field formatting in text and JSON, proc-file line streaming and the
 * proc-line tokenizers.
 * Prints "ok - ..." / "not ok - ..." lines for tests/run to count.
 */
#include <sys/stat.h>

#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../netstat.h"
#include "check.h"
#include "exact.h"


/*
 * Netlink.
 */
static int msgs_seen;

static int
count_msg(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	msgs_seen++;
	return (0);
}

static size_t
put_msg(char *buf, uint16_t type, uint32_t seq, const void *payload,
    size_t plen)
{
	struct nlmsghdr nlh;

	memset(&nlh, 0, sizeof(nlh));
	nlh.nlmsg_len = NLMSG_LENGTH(plen);
	nlh.nlmsg_type = type;
	nlh.nlmsg_seq = seq;
	memcpy(buf, &nlh, sizeof(nlh));
	if (plen > 0)
		memcpy(buf + NLMSG_HDRLEN, payload, plen);
	return (NLMSG_ALIGN(nlh.nlmsg_len));
}

static void
test_nl_walk(void)
{
	char buf[4096], rnd[256];
	size_t len = 0;
	int err, rc, i, j;
	uint32_t v = 7;

	len += put_msg(buf + len, RTM_NEWLINK, 5, &v, sizeof(v));
	len += put_msg(buf + len, RTM_NEWLINK, 4, &v, sizeof(v));
	len += put_msg(buf + len, RTM_NEWLINK, 5, &v, 3);
	msgs_seen = 0;
	rc = nl_walk(buf, len, 5, count_msg, NULL);
	check(rc == 0 && msgs_seen == 2, "nl_walk: messages of our sequence");

	err = 0;
	len += put_msg(buf + len, NLMSG_DONE, 5, &err, sizeof(err));
	msgs_seen = 0;
	rc = nl_walk(buf, len, 5, count_msg, NULL);
	check(rc == 1 && msgs_seen == 2, "nl_walk: DONE ends the dump");

	len = put_msg(buf, NLMSG_DONE, 9, NULL, 0);
	check(nl_walk(buf, len, 9, count_msg, NULL) == 1,
	    "nl_walk: DONE without a payload");

	err = -ENOENT;
	len = put_msg(buf, NLMSG_ERROR, 3, &err, sizeof(err));
	check(nl_walk(buf, len, 3, count_msg, NULL) == -ENOENT,
	    "nl_walk: NLMSG_ERROR carries its errno");
	check(nl_fallback(-ENOENT) && nl_fallback(-EOPNOTSUPP) &&
	    !nl_fallback(-ENOBUFS), "nl_fallback: missing handler means /proc");

	err = -EOPNOTSUPP;
	len = put_msg(buf, NLMSG_DONE, 3, &err, sizeof(err));
	check(nl_walk(buf, len, 3, count_msg, NULL) == -EOPNOTSUPP,
	    "nl_walk: DONE carrying an error");

	len = put_msg(buf, RTM_NEWLINK, 1, &v, sizeof(v));
	check(nl_walk(buf, len - 1, 1, count_msg, NULL) == -EBADMSG,
	    "nl_walk: message longer than the buffer");
	check(nl_walk(buf, 10, 1, count_msg, NULL) == -EBADMSG,
	    "nl_walk: truncated header");
	((struct nlmsghdr *)buf)->nlmsg_len = 3;
	check(nl_walk(buf, len, 1, count_msg, NULL) == -EBADMSG,
	    "nl_walk: length below the header");

	/* Random bytes never crash it nor read past the buffer. */
	srand(1);
	for (i = 0; i < 20000; i++) {
		size_t n = (size_t)(rand() % (int)sizeof(rnd));
		char *heap = malloc(n > 0 ? n : 1);

		for (j = 0; j < (int)n; j++)
			heap[j] = (char)rand();
		if (n >= 4 && (i & 1)) {
			uint32_t l = (uint32_t)(rand() % (int)(n + 8));

			memcpy(heap, &l, 4);
		}
		(void)nl_walk(heap, n, (uint32_t)(i & 3), count_msg, NULL);
		free(heap);
	}
	check(1, "nl_walk: 20000 random buffers");
}

static size_t
put_attr(char *buf, uint16_t type, const void *data, size_t dlen)
{
	struct rtattr rta;

	rta.rta_len = (unsigned short)RTA_LENGTH(dlen);
	rta.rta_type = type;
	memcpy(buf, &rta, sizeof(rta));
	memcpy(buf + RTA_LENGTH(0), data, dlen);
	return (RTA_ALIGN(rta.rta_len));
}

static void
test_nl_attrs(void)
{
	const struct rtattr *tb[8];
	char buf[256], *heap;
	size_t len = 0, dlen;
	uint32_t v32 = 0xdeadbeef, got32;
	uint64_t v64 = 1234567890123ULL, got64;
	int i, j;

	len += put_attr(buf + len, 1, &v32, sizeof(v32));
	len += put_attr(buf + len, 2, "eth0", 5);
	len += put_attr(buf + len, 3 | NLA_F_NESTED, &v64, sizeof(v64));
	len += put_attr(buf + len, 200, &v32, sizeof(v32));
	check(nl_attrs(buf, len, tb, 7) == 0, "nl_attrs: well-formed");
	check(nl_u32(tb[1], &got32) == 0 && got32 == v32, "nl_attrs: u32");
	check(tb[2] != NULL && strcmp(nl_data(tb[2], &dlen), "eth0") == 0 &&
	    dlen == 5, "nl_attrs: string and its length");
	check(nl_u64(tb[3], &got64) == 0 && got64 == v64,
	    "nl_attrs: nested flag masked from the type");
	check(tb[4] == NULL && tb[0] == NULL, "nl_attrs: types beyond max ignored");
	check(nl_u64(tb[1], &got64) < 0, "nl_u64: too short an attribute");
	check(nl_u32(NULL, &got32) < 0, "nl_u32: absent attribute");

	((struct rtattr *)buf)->rta_len = 250;
	check(nl_attrs(buf, len, tb, 7) < 0 && tb[1] == NULL,
	    "nl_attrs: length past the end");
	((struct rtattr *)buf)->rta_len = 2;
	check(nl_attrs(buf, len, tb, 7) < 0, "nl_attrs: length below header");
	check(nl_attrs(buf, 3, tb, 7) < 0, "nl_attrs: trailing fragment");

	srand(2);
	for (i = 0; i < 20000; i++) {
		size_t n = (size_t)(rand() % 64);

		heap = malloc(n > 0 ? n : 1);
		for (j = 0; j < (int)n; j++)
			heap[j] = (char)(rand() % 24);
		if (nl_attrs(heap, n, tb, 7) == 0)
			for (j = 0; j < 8; j++)
				if (tb[j] != NULL) {
					(void)nl_data(tb[j], &dlen);
					(void)nl_u64(tb[j], &got64);
				}
		free(heap);
	}
	check(1, "nl_attrs: 20000 random buffers");
}

/*
 * Sanitizing.
 */
static void
test_sanitize(void)
{
	char out[64];

	sanitize(out, sizeof(out), "\033[2J", 4);
	check(strcmp(out, "\\033[2J") == 0, "sanitize: ESC as \\033");
	sanitize(out, sizeof(out), "a\nb\tc\\", 6);
	check(strcmp(out, "a\\nb\\tc\\\\") == 0, "sanitize: \\n \\t \\\\");
	sanitize(out, sizeof(out), "@x\0y", 4);
	check(strcmp(out, "@x\\000y") == 0, "sanitize: NUL in an abstract name");
	sanitize(out, sizeof(out), "\xff\x7f", 2);
	check(strcmp(out, "\\377\\177") == 0, "sanitize: high and DEL bytes");
	sanitize(out, 5, "\033\033", 2);
	check(strcmp(out, "") == 0 || strcmp(out, "\\033") == 0,
	    "sanitize: an escape is never cut in half");
	check(sanitize(out, 4, "abcdef", 6) == 3 && strcmp(out, "abc") == 0,
	    "sanitize: cut to the buffer");
}

/*
 * The output layer, captured through a pipe.
 */
static int saved_stdout = -1;
static char capfile[64];

static void
capture_start(void)
{
	int fd;

	fflush(stdout);
	(void)snprintf(capfile, sizeof(capfile), "/tmp/netstat-unit.%d",
	    (int)getpid());
	fd = open(capfile, O_RDWR | O_CREAT | O_TRUNC, 0600);
	saved_stdout = dup(1);
	dup2(fd, 1);
	close(fd);
}

static char *
capture_end(void)
{
	static char buf[8192];
	ssize_t n;
	int fd;

	out_flush();
	dup2(saved_stdout, 1);
	close(saved_stdout);
	fd = open(capfile, O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	unlink(capfile);
	buf[n > 0 ? n : 0] = '\0';
	return (buf);
}

/* A sock_diag answer of one dump (sequence 1) at b: its aligned size. */
static size_t
diag_answer(unsigned char *b, const void *body, size_t len)
{
	struct nlmsghdr h;

	memset(&h, 0, sizeof(h));
	h.nlmsg_len = (uint32_t)NLMSG_LENGTH(len);
	h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	h.nlmsg_flags = NLM_F_MULTI;
	h.nlmsg_seq = 1;
	memcpy(b, &h, sizeof(h));
	memcpy(b + NLMSG_HDRLEN, body, len);
	return (NLMSG_ALIGN(h.nlmsg_len));
}

/* How many times needle stands in s. */
static int
count_in(const char *s, const char *needle)
{
	int n = 0;

	for (; (s = strstr(s, needle)) != NULL; s++)
		n++;
	return (n);
}

/*
 * unix.c: a resumed dump hands the last rows again (a socket added at
 * the head of its hash chain shifts them); each socket prints once.
 */
static size_t
unix_msg(unsigned char *b, unsigned int ino)
{
	struct unix_diag_msg m;

	memset(&m, 0, sizeof(m));
	m.udiag_family = AF_UNIX;
	m.udiag_type = SOCK_STREAM;
	m.udiag_ino = ino;
	return (diag_answer(b, &m, sizeof(m)));
}

static void
test_unix_repeat(void)
{
	static const unsigned int inos[] = { 0x71, 0x72, 0x73, 0x72, 0x73,
	    0x73, 0x74 };
	unsigned char buf[1024];
	const char *s;
	char id[32];
	size_t len = 0, i;
	int ok = 1;

	for (i = 0; i < sizeof(inos) / sizeof(inos[0]); i++)
		len += unix_msg(buf + len, inos[i]);
	capture_start();
	(void)unix_diag_feed(buf, len, 1, 0);
	s = capture_end();
	for (i = 0x71; i <= 0x74; i++) {
		(void)snprintf(id, sizeof(id), "%016zx", i);
		ok &= count_in(s, id) == 1;
	}
	check(ok, "unix_diag_feed: a socket repeated by a resumed dump prints "
	    "once");
}

/* inet.c: the same for Internet sockets, by their cookies. */
static size_t
inet_msg(unsigned char *b, unsigned int port, uint32_t cookie)
{
	struct inet_diag_msg m;

	memset(&m, 0, sizeof(m));
	m.idiag_family = AF_INET;
	m.idiag_state = 1;	/* ESTABLISHED */
	m.id.idiag_sport = htons((uint16_t)port);
	m.id.idiag_dport = htons(7);
	m.id.idiag_src[0] = m.id.idiag_dst[0] = htonl(0x7f000001);
	m.id.idiag_cookie[0] = cookie;
	return (diag_answer(b, &m, sizeof(m)));
}

static void
test_inet_repeat(void)
{
	static const unsigned int ports[] = { 1001, 1002, 1003, 1002, 1003,
	    1003, 1004, 1005 };
	static const struct inet_feed f = { IPPROTO_TCP, AF_INET, 0, 0 };
	unsigned char buf[2048];
	const char *s;
	char id[32];
	size_t len = 0, i;
	int ok = 1, nf = nflag;

	/* Each port its own cookie; 1005 has none (0), as /proc may. */
	for (i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		len += inet_msg(buf + len, ports[i],
		    ports[i] == 1005 ? 0 : ports[i]);
	len += inet_msg(buf + len, 1005, 0);
	nflag = 1;
	capture_start();
	(void)inet_diag_feed(&f, buf, len, 1);
	s = capture_end();
	nflag = nf;
	for (i = 1001; i <= 1005; i++) {
		(void)snprintf(id, sizeof(id), "127.0.0.1.%zu ", i);
		ok &= count_in(s, id) == (i == 1005 ? 2 : 1);
	}
	check(ok, "inet_diag_feed: a socket repeated by a resumed dump prints "
	    "once (by its cookie; rows without one all print)");
	if (!ok)
		fprintf(stderr, "got: [%s]\n", s);
}

static void
test_out_text(void)
{
	char *s;

	out_set_style("text");
	capture_start();
	out_str("protocol", "%-5.5s ", "tcp46x");
	out_uint("recv", "%6u ", 42);
	out_int("n", "%4d|", -7);
	out_uint(NULL, "%016llx ", 0xabcULL);
	out_str("local", "%-22.22s ", "a-very-long-host-name-indeed.12345");
	out_str("state", "%-11s", "");
	out_text("\n");
	out_str("path", "%s", "/tmp/\033]0;pwned\007");
	out_uint("pct", "%d%%", 50);
	out_text("\n");
	out_str(NULL, "[%s]", "x");
	out_str("json-only", NULL, "y");
	out_text("\n");
	s = capture_end();
	check(strcmp(s,
	    "tcp46     42   -7|0000000000000abc a-very-long-host-name-\n"
	    "/tmp/\\033]0;pwned\\00750%\n"
	    "[x]\n") == 0, "out: text fields, widths, cuts, no trailing blanks");
	if (failures)
		fprintf(stderr, "got: [%s]\n", s);
}

static void
test_out_json(void)
{
	char *s;

	out_set_style("json");
	capture_start();
	out_init();
	out_open_list("socket");
	out_open_instance();
	out_str("protocol", "%-5.5s", "tcp4");
	out_uint("receive-bytes-waiting", "%6u", 0);
	out_str("path", "%s", "a\"b\\c\n");
	out_str(NULL, "%s", "text only");
	out_bool("up", 1);
	out_int("neg", "%d", -3);
	out_close_instance();
	out_open_instance();
	out_open_container("local");
	out_str("address", "%s", "::1");
	out_close_container();
	out_close_instance();
	out_close_list();
	out_finish();
	s = capture_end();
	check(strcmp(s, "{\"statistics\":{\"socket\":[{\"protocol\":\"tcp4\","
	    "\"receive-bytes-waiting\":0,\"path\":\"a\\\"b\\\\c\\u000a\","
	    "\"up\":true,\"neg\":-3},{\"local\":{\"address\":\"::1\"}}]}}\n")
	    == 0, "out: JSON members, nesting, escaping");
	if (strstr(s, "text only") != NULL)
		check(0, "out: text-only field left out of JSON");
	out_set_style("text");
}

/*
 * Proc-file streaming.
 */
struct seen {
	int	lines;
	size_t	longest;
	char	last[64];
};

static int
note_line(const char *line, size_t len, void *arg)
{
	struct seen *sn = arg;

	sn->lines++;
	if (len > sn->longest)
		sn->longest = len;
	(void)snprintf(sn->last, sizeof(sn->last), "%.*s",
	    (int)(len < 60 ? len : 60), line);
	return (len > 0 && line[0] == '!' ? -1 : 0);
}

/* libxo's XML: keys as elements, list members repeat the list's name. */
static void
test_out_xml(void)
{
	char *s;

	out_set_style("xml");
	capture_start();
	out_init();
	out_open_list("socket");
	out_open_instance();
	out_str("path", "%s", "a<b&c\n\001\xff");
	out_str(NULL, "%s", "text only");
	out_bool("up", 0);
	out_int("neg", "%d", -3);
	out_open_container("local");
	out_close_container();
	out_close_instance();
	out_close_list();
	out_finish();
	s = capture_end();
	check(strcmp(s, "<statistics><socket><path>a&lt;b&amp;c&#x0A;"
	    "\xef\xbf\xbd\xef\xbf\xbd</path><up>false</up><neg>-3</neg>"
	    "<local></local></socket></statistics>\n") == 0,
	    "out: XML elements, lists, escaping");
	if (failures)
		fprintf(stderr, "got: [%s]\n", s);
	out_set_style("text");
}

/* net/arp: the hardware address as the kernel prints it, and no other. */
static void
test_arp_parse(void)
{
	static const char head[] = "192.168.1.1 0x1 0x2 ";
	static const struct {
		const char	*hw;
		int		 lllen;	/* -1: refused */
	} cases[] = {
		{ "00:1f:90:2d:33:ab", 6 },
		{ "00:1f:9g:2d:33:ab", -1 },
		{ "0:1f:90:2d:33:ab", -1 },
		{ "00:1f:90:2d:33:", -1 },
		{ "00::1f", -1 },
		{ "", -1 },
	};
	char line[256], big[128];
	struct parp a;
	size_t i;
	int bad = 0, rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		(void)snprintf(line, sizeof(line), "%s%s * eth0", head,
		    cases[i].hw);
		rc = arp_parse(line, strlen(line), &a);
		if (cases[i].lllen < 0 ? rc == 0 : rc != 0 ||
		    a.lllen != (size_t)cases[i].lllen || a.ll[5] != 0xab)
			bad++;
	}
	/* 33 bytes: one more than a row keeps. */
	for (i = 0; i < 33; i++)
		memcpy(big + 3 * i, "aa:", 3);
	big[3 * 33 - 1] = '\0';
	(void)snprintf(line, sizeof(line), "%s%s * ib0", head, big);
	if (arp_parse(line, strlen(line), &a) == 0)
		bad++;
	check(bad == 0, "arp_parse: hardware addresses as the kernel prints "
	    "them, nothing else");
}

/*
 * The escape check reads a field eight bytes at a time: each byte value,
 * at each place of a field longer than two words, is shown as sanitize()
 * shows it alone.
 */
static void
test_out_escape_lanes(void)
{
	char field[19], want[19 * 4 + 1], *s;
	size_t pos, n;
	int c, bad = 0;

	out_set_style("text");
	for (pos = 0; pos < sizeof(field); pos++)
		for (c = 1; c < 256; c++) {
			memset(field, 'a', sizeof(field));
			field[pos] = (char)c;
			n = sanitize(want, sizeof(want), field, sizeof(field));
			capture_start();
			out_strn(NULL, "%s|\n", field, sizeof(field));
			s = capture_end();
			if (strlen(s) != n + 2 || memcmp(s, want, n) != 0)
				bad++;
		}
	check(bad == 0, "out: every byte at every place of a field escaped");
}

/*
 * Strings: JSON carries UTF-8 as it is and U+FFFD for bytes that are not
 * UTF-8; text in a UTF-8 locale shows printable UTF-8, cuts by columns
 * and never inside an escape or a character.
 */
static void
test_out_utf8(void)
{
	char *s;

	out_set_style("json");
	capture_start();
	out_init();
	out_str("p", NULL, "\xc3\xa9\xe6\x97\xa5\xc2\x85\xc3\x28\xed\xa0\x80");
	out_finish();
	s = capture_end();
	check(strcmp(s, "{\"statistics\":{\"p\":\"\xc3\xa9\xe6\x97\xa5"
	    "\\u0085\xef\xbf\xbd(\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\"}}\n")
	    == 0, "out: JSON UTF-8, C1 escaped, invalid bytes as U+FFFD");
	out_set_style("text");
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		check(1, "out: no C.UTF-8 locale, UTF-8 text not tested");
		return;
	}
	out_utf8 = 1;
	capture_start();
	out_str(NULL, "[%-4.4s]", "\xe6\x97\xa5\xe6\x97\xa5\xe6\x97\xa5");
	out_str(NULL, "[%-4s]", "\xc3\xa9");
	out_str(NULL, "[%-5.5s]", "ab\033c");
	out_str(NULL, "[%.3s]", "\xc3\x28");
	out_text("\n");
	s = capture_end();
	check(strcmp(s, "[\xe6\x97\xa5\xe6\x97\xa5][\xc3\xa9   ][ab   ]"
	    "[]\n") == 0,
	    "out: text cut by columns, never inside an escape");
	if (failures)
		fprintf(stderr, "got: [%s]\n", s);
	capture_start();
	out_str(NULL, "%s", "a\xe2\x80\xae" "b");	/* U+202E, right-to-left */
	out_text("\n");
	s = capture_end();
	check(strcmp(s, "a\\342\\200\\256b\n") == 0,
	    "out: a direction control is escaped, not obeyed");
	check(shown_cut("ab\033cd", 5, 4) == 2 &&
	    shown_cut("\xe6\x97\xa5x", 4, 2) == 3 &&
	    shown_cut("\xe6\x97\xa5x", 4, 1) == 0,
	    "shown_cut: columns of the escaped form");
	out_utf8 = 0;
	setlocale(LC_CTYPE, "C");
}

static void
test_proc(void)
{
	char dir[] = "/tmp/netstat-unit-XXXXXX", path[128], *big, *s;
	struct seen sn;
	size_t i, len;
	FILE *f;

	if (mkdtemp(dir) == NULL) {
		check(0, "proc: temporary directory");
		return;
	}
	memf = dir;
	(void)snprintf(path, sizeof(path), "%s/net", dir);
	mkdir(path, 0700);
	(void)snprintf(path, sizeof(path), "%s/net/t", dir);
	f = fopen(path, "w");
	fputs("header\nline one\n!bad\n\nline four", f);
	fclose(f);
	memset(&sn, 0, sizeof(sn));
	check(proc_lines("net/t", 1, 0, note_line, &sn) == 0 &&
	    sn.lines == 4 && strcmp(sn.last, "line four") == 0,
	    "proc_lines: header skipped, unterminated last line");

	/* A line longer than the read buffer arrives whole. */
	big = malloc(300000);
	for (i = 0; i < 299999; i++)
		big[i] = 'x';
	big[299999] = '\0';
	f = fopen(path, "w");
	fprintf(f, "a\n%s\nb\n", big);
	fclose(f);
	memset(&sn, 0, sizeof(sn));
	proc_lines("net/t", 0, 0, note_line, &sn);
	check(sn.lines == 3 && sn.longest == 299999 &&
	    strcmp(sn.last, "b") == 0, "proc_lines: 300 kB line");
	free(big);

	exit_status = 0;
	check(proc_lines("net/missing", 0, PROC_QUIET, note_line, &sn) < 0 &&
	    exit_status == 0, "proc_lines: quiet about a missing file");
	s = proc_slurp("net/t", &len, 0);
	check(s != NULL && len == 300004 && s[len] == '\0',
	    "proc_slurp: whole file, NUL-terminated");
	free(s);
	f = fopen(path, "w");
	fputs("42\n", f);
	fclose(f);
	{
		long long v = 0;

		check(proc_read_int("net/t", &v) == 0 && v == 42,
		    "proc_read_int");
	}
	unlink(path);
	(void)snprintf(path, sizeof(path), "%s/net", dir);
	rmdir(path);
	rmdir(dir);
	memf = NULL;
}

/*
 * Proc-line tokens.  Each input is copied to a heap block of exactly its
 * length (exact.h), so that ASan sees any read past the end.
 */

/* proc_ull over exactly len bytes of s: the result, and v when 0. */
static int
ull_of(const char *s, size_t len, int base, unsigned long long *v)
{
	*v = 12345;
	return (proc_ull(exact_tmp(s, len), len, base, v));
}

static int
ull_is(const char *s, int base, unsigned long long want)
{
	unsigned long long v;

	return (ull_of(s, strlen(s), base, &v) == 0 && v == want);
}

static int
ull_bad(const char *s, size_t len, int base)
{
	unsigned long long v;

	return (ull_of(s, len, base, &v) < 0 && v == 12345);
}

static void
test_proc_ull(void)
{
	unsigned long long v;
	char many[300];

	check(ull_is("0", 10, 0) && ull_is("42", 10, 42) &&
	    ull_is("007", 10, 7), "proc_ull: decimal");
	check(ull_is("18446744073709551615", 10, ~0ULL) &&
	    ull_bad("18446744073709551616", 20, 10) &&
	    ull_bad("99999999999999999999", 20, 10),
	    "proc_ull: 2^64 - 1 fits, 2^64 and more do not");
	check(ull_is("ffffffffffffffff", 16, ~0ULL) &&
	    ull_is("FFFFffff", 16, 0xffffffffULL) &&
	    ull_is("0000000000000000000000001", 16, 1) &&
	    ull_bad("10000000000000000", 17, 16),
	    "proc_ull: hex, both cases, leading zeros, 2^64 overflows");
	memset(many, '9', sizeof(many));
	check(ull_bad(many, sizeof(many), 10) && ull_bad(many, sizeof(many),
	    16), "proc_ull: 300 digits");
	memset(many, '0', sizeof(many));
	many[sizeof(many) - 1] = '5';
	check(ull_of(many, sizeof(many), 16, &v) == 0 && v == 5 &&
	    ull_is("00000000000000000000000000000000000005", 10, 5),
	    "proc_ull: long run of leading zeros");
	check(ull_bad("", 0, 10) && ull_bad("", 0, 16),
	    "proc_ull: empty token");
	check(ull_bad("ff", 2, 10) && ull_bad("1a", 2, 10) &&
	    ull_bad("g", 1, 16) && ull_bad("0x10", 4, 16) &&
	    ull_bad("0X1", 3, 16) && ull_bad("x", 1, 16),
	    "proc_ull: no hex digit in base 10, no 0x prefix");
	check(ull_bad("-1", 2, 10) && ull_bad("+1", 2, 10) &&
	    ull_bad(" 1", 2, 10) && ull_bad("1 ", 2, 10) &&
	    ull_bad("1:", 2, 10) && ull_bad("1\n", 2, 10),
	    "proc_ull: no sign, blank or trailing byte");
	check(ull_bad("1\0" "2", 3, 10) && ull_bad("\0", 1, 16) &&
	    ull_is("12", 10, 12), "proc_ull: an embedded NUL is no digit");
	check(ull_bad("10", 2, 8) && ull_bad("10", 2, 0) &&
	    ull_bad("10", 2, 36), "proc_ull: only bases 10 and 16");
	check(ull_of("123456", 3, 10, &v) == 0 && v == 123,
	    "proc_ull: stops at the length given");
}

static void
test_proc_token(void)
{
	static const char line[] = "  lo:\t 65536\t\t0x1f  \0" "x ";
	const char *p, *end, *t;
	char *buf;
	size_t n, len = sizeof(line) - 1;
	int ok = 1;

	buf = exact(line, len);
	p = buf;
	end = buf + len;
	ok &= proc_token(&p, end, &t, &n) == 1 && n == 3 &&
	    memcmp(t, "lo:", 3) == 0;
	ok &= proc_token(&p, end, &t, &n) == 1 && n == 5 &&
	    memcmp(t, "65536", 5) == 0;
	ok &= proc_token(&p, end, &t, &n) == 1 && n == 4 &&
	    memcmp(t, "0x1f", 4) == 0;
	/* A NUL is not a blank: it is part of a token. */
	ok &= proc_token(&p, end, &t, &n) == 1 && n == 2 && t[0] == '\0' &&
	    t[1] == 'x';
	ok &= proc_token(&p, end, &t, &n) == 0 && n == 0 && p == end &&
	    t == end;
	ok &= proc_token(&p, end, &t, &n) == 0 && p == end;
	check(ok, "proc_token: blanks, tabs, NUL inside a token, the end");
	free(buf);

	buf = exact("   \t ", 5);
	p = buf;
	check(proc_token(&p, buf + 5, &t, &n) == 0 && n == 0 &&
	    p == buf + 5, "proc_token: blanks only");
	free(buf);
	buf = exact("x", 0);
	p = buf;
	check(proc_token(&p, buf, &t, &n) == 0 && n == 0 && p == buf,
	    "proc_token: empty line");
	free(buf);
	buf = exact("abc", 3);
	p = buf;
	check(proc_token(&p, buf + 3, &t, &n) == 1 && n == 3 && t == buf &&
	    p == buf + 3, "proc_token: token up to the end, no terminator");
	free(buf);
	buf = exact("a\nb", 3);
	p = buf;
	check(proc_token(&p, buf + 3, &t, &n) == 1 && n == 3,
	    "proc_token: only blank and tab separate");
	free(buf);
}

static void
test_proc_split(void)
{
	struct proc_tok f[4];
	char *buf;

	buf = exact(" a bb\tccc ", 10);
	check(proc_split(buf, 10, f, 4) == 3 && f[0].n == 1 &&
	    f[1].n == 2 && memcmp(f[1].s, "bb", 2) == 0 && f[2].n == 3 &&
	    f[2].s == buf + 6, "proc_split: three fields");
	check(proc_split(buf, 10, f, 3) == 3, "proc_split: exactly max");
	check(proc_split(buf, 10, f, 2) == 3 && f[1].n == 2,
	    "proc_split: more than max says max + 1");
	check(proc_split(buf, 10, f, 0) == 1, "proc_split: max 0");
	check(proc_split(buf, 4, f, 4) == 2 && f[1].n == 1,
	    "proc_split: the length cuts a token");
	free(buf);
	buf = exact("", 0);
	check(proc_split(buf, 0, f, 4) == 0, "proc_split: empty line");
	free(buf);
}

/*
 * proc_ll, proc_hexbytes and proc_hexpair at their edges (inet.c and
 * unix.c's token helpers), each over exactly its bytes.
 */
static int
ll_of(const char *s, long long *v)
{
	*v = 12345;
	return (proc_ll(exact_tmp(s, strlen(s)), strlen(s), v));
}

static int
ll_is(const char *s, long long want)
{
	long long v;

	return (ll_of(s, &v) == 0 && v == want);
}

static int
ll_bad(const char *s)
{
	long long v;

	return (ll_of(s, &v) < 0 && v == 12345);
}

static void
test_proc_ll(void)
{
	check(ll_is("0", 0) && ll_is("-0", 0) && ll_is("42", 42) &&
	    ll_is("-42", -42) && ll_is("007", 7), "proc_ll: small numbers");
	check(ll_is("9223372036854775807", LLONG_MAX) &&
	    ll_is("-9223372036854775808", LLONG_MIN),
	    "proc_ll: LLONG_MAX and LLONG_MIN fit");
	check(ll_bad("9223372036854775808") &&
	    ll_bad("-9223372036854775809") &&
	    ll_bad("18446744073709551616"),
	    "proc_ll: LLONG_MAX + 1, LLONG_MIN - 1 and 2^64 do not");
	check(ll_bad("-") && ll_bad("") && ll_bad("--1") && ll_bad("+1") &&
	    ll_bad(" 1") && ll_bad("1 ") && ll_bad("1-") && ll_bad("0x1"),
	    "proc_ll: '-', empty, signs, blanks, prefixes");
}

/* proc_hexbytes over exactly the bytes of s: its result. */
static int
hexbytes(const char *s, uint8_t *out, size_t max)
{
	size_t len = strlen(s);

	return (proc_hexbytes(exact_tmp(s, len), len, out, max));
}

static void
test_proc_hexbytes(void)
{
	static const uint8_t want[4] = { 0x0a, 0x00, 0xff, 0x01 };
	uint8_t b[16];

	memset(b, 0, sizeof(b));
	check(hexbytes("0a00fF01", b, sizeof(b)) == 4 &&
	    memcmp(b, want, 4) == 0, "proc_hexbytes: pairs, both cases");
	memset(b, 0, sizeof(b));
	check(hexbytes("0a:00:ff:01", b, sizeof(b)) == 4 &&
	    memcmp(b, want, 4) == 0 && hexbytes("0a00:ff01", b, 4) == 4,
	    "proc_hexbytes: colons between pairs");
	check(hexbytes(":0a", b, 4) < 0 && hexbytes("0a:", b, 4) < 0 &&
	    hexbytes("0a::00", b, 4) < 0 && hexbytes(":", b, 4) < 0,
	    "proc_hexbytes: leading, trailing and double colons");
	check(hexbytes("0", b, 4) < 0 && hexbytes("0a0", b, 4) < 0 &&
	    hexbytes("0a:0", b, 4) < 0 && hexbytes("a:b", b, 4) < 0,
	    "proc_hexbytes: odd digit counts");
	check(hexbytes("", b, 4) < 0 && hexbytes("0g", b, 4) < 0 &&
	    hexbytes("0a 0b", b, 4) < 0, "proc_hexbytes: empty, not hex");
	memset(b, 0x5a, sizeof(b));
	check(hexbytes("01020304", b, 4) == 4 && b[4] == 0x5a &&
	    hexbytes("0102030405", b, 4) < 0 && hexbytes("01", b, 0) < 0,
	    "proc_hexbytes: exactly max bytes, and one more");
	check(hexbytes("20010db8000000000000000000000001", b, 16) == 16 &&
	    b[0] == 0x20 && b[15] == 0x01, "proc_hexbytes: 16 bytes");
}

static int
hexpair(const char *s, unsigned long long *a, unsigned long long *b)
{
	size_t len = strlen(s);

	return (proc_hexpair(exact_tmp(s, len), len, a, b));
}

static void
test_proc_hexpair(void)
{
	unsigned long long a, b;

	check(hexpair("0000001A:000000ff", &a, &b) == 0 && a == 0x1a &&
	    b == 0xff, "proc_hexpair: tx_queue:rx_queue");
	check(hexpair("ffffffffffffffff:0", &a, &b) == 0 && a == ~0ULL &&
	    b == 0, "proc_hexpair: 16 digits fit");
	check(hexpair("00000000000000000:0", &a, &b) < 0,
	    "proc_hexpair: 17 digits do not, even zeros");
	check(hexpair("1a", &a, &b) < 0 && hexpair(":1", &a, &b) < 0 &&
	    hexpair("1:", &a, &b) < 0 && hexpair("1:2:3", &a, &b) < 0 &&
	    hexpair("", &a, &b) < 0, "proc_hexpair: a side missing or more");
}

static void
test_proc_next_ull(void)
{
	static const char line[] = " 2a\t0000000000000000ff 0 -1 fff";
	const char *p, *end;
	unsigned long long v;
	char *buf;

	buf = exact(line, sizeof(line) - 1);
	p = buf;
	end = buf + sizeof(line) - 1;
	check(proc_next_ull(&p, end, 16, 42, &v) == 0 && v == 42,
	    "proc_next_ull: a token up to max");
	check(proc_next_ull(&p, end, 16, ~0ULL, &v) < 0,
	    "proc_next_ull: 18 hex digits are too wide, even as 255");
	check(proc_next_ull(&p, end, 10, 0, &v) == 0 && v == 0 &&
	    proc_next_ull(&p, end, 10, 9, &v) < 0,
	    "proc_next_ull: zero, and a sign is no number");
	check(proc_next_ull(&p, end, 16, 0xffe, &v) < 0 &&
	    proc_next_ull(&p, end, 16, ~0ULL, &v) < 0,
	    "proc_next_ull: beyond max, then no token left");
	free(buf);
}

static void
test_names(void)
{
	unsigned char lo[4] = { 127, 0, 0, 1 };

	nflag = 1;
	check(strcmp(host_name(AF_INET, lo), "127.0.0.1") == 0,
	    "host_name: numeric with -n");
	check(strcmp(port_name(22, "tcp"), "22") == 0 &&
	    strcmp(port_name(0, "tcp"), "*") == 0, "port_name: -n and wildcard");
	nflag = 0;
	check(strcmp(port_name(65535, "udp"), "65535") == 0,
	    "port_name: number when there is no name");
}

/*
 * Field formats: every literal one the sources pass to out_str, out_strn,
 * out_uint and out_int (tests/formats.h, from tests/formats.py), and the
 * shapes built at run time, through out.c's parser and formatter, each
 * against snprintf (less the blanks text lines never end in).
 */
#define	FMT_STR		0
#define	FMT_UINT	1
#define	FMT_INT		2

static const struct {
	int		 kind;
	const char	*fmt;
} formats[] = {
#include "formats.h"
	/* Built at run time (phrase tables, column widths). */
	{ FMT_UINT, "\t%ju packets sent\n" },
	{ FMT_INT, "\t%jd " },
	{ FMT_STR, "%-18.18s " },
	{ FMT_STR, "%-39s " },
	{ FMT_UINT, "%10llu " },
	{ FMT_UINT, "%08x" },
	{ FMT_INT, "%05lld" },
};

/* fmt with its length modifier made "ll", for snprintf's sake. */
static void
ll_format(char *dst, size_t len, const char *fmt)
{
	const char *p = fmt;
	size_t o = 0;

	while (*p != '\0' && o + 3 < len) {
		if (p[0] == '%' && p[1] == '%') {
			dst[o++] = *p++;
			dst[o++] = *p++;
			continue;
		}
		if (*p != '%') {
			dst[o++] = *p++;
			continue;
		}
		dst[o++] = *p++;
		while (*p != '\0' && strchr("-0123456789.", *p) != NULL &&
		    o + 3 < len)
			dst[o++] = *p++;
		while (*p != '\0' && strchr("hljzt", *p) != NULL)
			p++;
		if (*p != 's' && o + 3 < len) {
			dst[o++] = 'l';
			dst[o++] = 'l';
		}
	}
	dst[o] = '\0';
}

/* Blanks before each newline go, as the text layer drops them. */
static void
trim_blanks(char *s)
{
	char *o = s, *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == '\n')
			while (o > s && o[-1] == ' ')
				o--;
		*o++ = *p;
	}
	*o = '\0';
}

static void
one_format(int kind, const char *fmt, const char *sv, long long iv)
{
	char pf[128], want[512], num[32], *got, *c;

	ll_format(pf, sizeof(pf), fmt);
	/* A number through %s: its decimal digits as the string. */
	for (c = pf; (c = strchr(c, '%')) != NULL && c[1] == '%'; c += 2)
		;
	if (kind != FMT_STR && c != NULL &&
	    c[strspn(c + 1, "-0123456789.") + 1] == 's') {
		(void)snprintf(num, sizeof(num), kind == FMT_INT ? "%lld" :
		    "%llu", iv);
		capture_start();
		if (kind == FMT_INT)
			out_int(NULL, fmt, iv);
		else
			out_uint(NULL, fmt, (unsigned long long)iv);
		(void)snprintf(want, sizeof(want) - 1, pf, num);
	} else if (kind == FMT_STR) {
		capture_start();
		out_str(NULL, fmt, sv);
		(void)snprintf(want, sizeof(want) - 1, pf, sv);
	} else if (kind == FMT_UINT) {
		capture_start();
		out_uint(NULL, fmt, (unsigned long long)iv);
		(void)snprintf(want, sizeof(want) - 1, pf,
		    (unsigned long long)iv);
	} else {
		capture_start();
		out_int(NULL, fmt, iv);
		(void)snprintf(want, sizeof(want) - 1, pf, iv);
	}
	out_text("\n");
	strcat(want, "\n");
	trim_blanks(want);
	got = capture_end();
	if (kind == FMT_STR)
		(void)snprintf(num, sizeof(num), "\"%.20s\"", sv);
	else
		(void)snprintf(num, sizeof(num), "%lld", iv);
	if (strcmp(got, want) != 0)
		check(0, "format \"%s\" of %s: %s", fmt, num, got);
}

static void
test_formats(void)
{
	static const char *const strs[] = { "", "ab", "0123456789abcdef-xyz" };
	static const long long nums[] = { 0, 7, 42, 65535, 12345678901LL };
	size_t i, j;
	int bad = 0, k;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		k = formats[i].kind;
		if (out_fmt_check(formats[i].fmt, k == FMT_STR) < 0) {
			check(0, "format \"%s\" refused", formats[i].fmt);
			bad++;
			continue;
		}
		for (j = 0; k == FMT_STR && j < 3; j++)
			one_format(k, formats[i].fmt, strs[j], 0);
		for (j = 0; k != FMT_STR && j < 5; j++) {
			one_format(k, formats[i].fmt, NULL, nums[j]);
			if (k == FMT_INT)
				one_format(k, formats[i].fmt, NULL, -nums[j]);
		}
	}
	check(bad == 0, "formats: every field format of the sources parses");
	check(out_fmt_check("%q", 0) < 0 && out_fmt_check("%d %d", 0) < 0 &&
	    out_fmt_check("%", 0) < 0 && out_fmt_check("%+d", 0) < 0 &&
	    out_fmt_check("%*d", 0) < 0 &&
	    out_fmt_check("%d", 1) < 0,
	    "formats: an unknown or second conversion is refused");
	check(out_fmt_check("100%%", 0) == 0 && out_fmt_check("%3d%%", 0) == 0,
	    "formats: %%%% is a literal");
	capture_start();
	out_int(NULL, "%05lld|", -42);
	out_int(NULL, "%-5lld|", -42);
	out_int(NULL, "%05lld|", LLONG_MIN);
	out_text("\n");
	check(strcmp(capture_end(), "-0042|-42  |-9223372036854775808|\n") == 0,
	    "formats: zero padding goes after the sign, as printf");
}

/*
 * services(5) and protocols(5): the parsers over a buffer, with lines a
 * parser must pass over, and no terminator after the last byte.
 */
static char db_seen[256];

static void
db_svc(const char *name, size_t nlen, unsigned int port, const char *proto,
    size_t plen, void *arg)
{
	size_t o = strlen(db_seen);

	(void)arg;
	(void)snprintf(db_seen + o, sizeof(db_seen) - o, "%.*s=%u/%.*s;",
	    (int)nlen, name, port, (int)plen, proto);
}

static void
db_proto(const char *name, size_t nlen, const char *word, size_t wlen,
    void *arg)
{
	size_t o = strlen(db_seen);

	(void)arg;
	(void)snprintf(db_seen + o, sizeof(db_seen) - o, "%.*s:%.*s;",
	    (int)nlen, name, (int)wlen, word);
}

static void
test_etc_db(void)
{
	static const char svc[] = "# comment\nssh\t22/tcp\t\t# SSH\n"
	    "\nbad 70000/tcp\nnoproto 9/\nnoslash 9\n  domain 53/udp dns\n"
	    "x 1/tcpX";
	static const char proto[] = "ip 0 IP\nudp\t17\tUDP # u\nbad x Y\n"
	    "big 300 B\ntcp 6";
	char cut[8];
	int bad;

	db_seen[0] = '\0';
	bad = services_parse(svc, sizeof(svc) - 2, db_svc, NULL);
	check(strcmp(db_seen, "ssh=22/tcp;domain=53/udp;x=1/tcp;") == 0 &&
	    bad == 3, "services_parse: entries, comments, bad lines, no NUL");
	db_seen[0] = '\0';
	bad = protocols_parse(proto, sizeof(proto) - 1, db_proto, NULL);
	check(strcmp(db_seen, "ip:ip;ip:IP;udp:udp;udp:UDP;tcp:tcp;") == 0 &&
	    bad == 2, "protocols_parse: names and aliases, bad lines");
	memcpy(cut, "ssh 22/t", 8);
	db_seen[0] = '\0';
	(void)services_parse(cut, 8, db_svc, NULL);
	check(strcmp(db_seen, "ssh=22/t;") == 0,
	    "services_parse: reads no byte past the length");
}


/* inet.c's ip_local_port_range parser, over exactly its bytes. */
static void
test_port_range(void)
{
	unsigned int lo = 0, hi = 0;

	check(port_range_parse("32768\t60999\n", 12, &lo, &hi) == 0 &&
	    lo == 32768 && hi == 60999, "port_range_parse: the kernel's form");
	check(port_range_parse("1024 2048", 9, &lo, &hi) == 0 && lo == 1024 &&
	    hi == 2048, "port_range_parse: no newline, a blank");
	check(port_range_parse("1024\t20489", 9, &lo, &hi) == 0 &&
	    hi == 2048, "port_range_parse: stops at its length");
	check(port_range_parse("2048\t1024\n", 10, &lo, &hi) < 0,
	    "port_range_parse: bounds out of order");
	check(port_range_parse("1\t70000\n", 8, &lo, &hi) < 0,
	    "port_range_parse: beyond 65535");
	check(port_range_parse("1\tx\n", 4, &lo, &hi) < 0 &&
	    port_range_parse("", 0, &lo, &hi) < 0 &&
	    port_range_parse("5\n", 2, &lo, &hi) < 0,
	    "port_range_parse: one port or junk");
}

/* route.c's JSON forms: CIDR with the host bits cleared, link-layer. */
static void
test_cidr(void)
{
	static const unsigned char v4[4] = { 10, 20, 30, 40 };
	static const unsigned char v6[16] = { 0xfe, 0x80, 0, 0, 0, 0, 0, 0,
	    0x12, 0x34, 0, 0, 0, 0, 0, 1 };
	static const unsigned char ll[6] = { 0, 0x1f, 0x90, 0x2d, 0x33, 0xab };
	char buf[CIDR_MAX], small[8];

	cidr_str(buf, sizeof(buf), AF_INET, v4, 16);
	check(strcmp(buf, "10.20.0.0/16") == 0, "cidr_str: IPv4 network");
	cidr_str(buf, sizeof(buf), AF_INET, v4, 20);
	check(strcmp(buf, "10.20.16.0/20") == 0, "cidr_str: inside a byte");
	cidr_str(buf, sizeof(buf), AF_INET, v4, 0);
	check(strcmp(buf, "0.0.0.0/0") == 0, "cidr_str: the default");
	cidr_str(buf, sizeof(buf), AF_INET, v4, 32);
	check(strcmp(buf, "10.20.30.40/32") == 0, "cidr_str: a host");
	cidr_str(buf, sizeof(buf), AF_INET6, v6, 64);
	check(strcmp(buf, "fe80::/64") == 0, "cidr_str: IPv6, no scope");
	cidr_str(buf, sizeof(buf), AF_INET6, v6, 128);
	check(strcmp(buf, "fe80::1234:0:0:1/128") == 0, "cidr_str: IPv6 host");
	cidr_str(buf, sizeof(buf), AF_INET, v4, 33);
	check(buf[0] == '\0', "cidr_str: a length beyond the family");
	cidr_str(buf, sizeof(buf), AF_UNSPEC, v4, 8);
	check(buf[0] == '\0', "cidr_str: no family");
	cidr_str(small, sizeof(small), AF_INET, v4, 8);
	check(small[0] == '\0', "cidr_str: a buffer too small");
	ll_str(buf, sizeof(buf), ll, sizeof(ll));
	check(strcmp(buf, "00:1f:90:2d:33:ab") == 0, "ll_str: two digits a byte");
	ll_str(small, sizeof(small), ll, sizeof(ll));
	check(strcmp(small, "00:1f") == 0, "ll_str: cut at whole bytes");
}

/* stats.c's JSON key of a kernel counter name. */
static void
test_stats_key(void)
{
	static const char *const cases[][2] = {
		{ "InDatagrams", "in-datagrams" },
		{ "TCPSackRecovery", "tcp-sack-recovery" },
		{ "TCPSYNChallenge", "tcp-syn-challenge" },
		{ "TCPSpuriousRTOs", "tcp-spurious-rtos" },
		{ "InMLDv2Reports", "in-mldv2-reports" },
		{ "InECT1Pkts", "in-ect1-pkts" },
		{ "DefaultTTL", "default-ttl" },
		{ "ifIndex", "if-index" },
		{ "Bad_Name", "bad-name" },
	};
	char buf[64];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check(strcmp(stats_key(buf, sizeof(buf), cases[i][0]),
		    cases[i][1]) == 0, "stats_key: %s is %s", cases[i][0],
		    cases[i][1]);
	check(strlen(stats_key(buf, 5, "InDatagrams")) < 5,
	    "stats_key: bounded by its buffer");
}

int
main(void)
{
	test_nl_walk();
	test_nl_attrs();
	test_sanitize();
	test_out_text();
	test_out_json();
	test_out_xml();
	test_out_escape_lanes();
	test_arp_parse();
	test_out_utf8();
	test_proc();
	test_proc_ull();
	test_proc_token();
	test_proc_split();
	test_proc_ll();
	test_proc_hexbytes();
	test_proc_hexpair();
	test_proc_next_ull();
	test_names();
	test_formats();
	test_etc_db();
	test_port_range();
	test_cidr();
	test_stats_key();
	test_unix_repeat();
	test_inet_repeat();
	return (failures != 0);
}
