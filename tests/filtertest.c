/*
 * Tests of the filter expressions (filter.c): the parser (good words and
 * the exact error line for bad ones), the matcher's truth tables, the
 * idiag_states mask, and the bytecode, checked by the kernel's audit
 * and run by its interpreter as bcaudit.c writes them again, on random
 * rows and random expressions against the matcher.
 * Prints "ok - ..." / "not ok - ..." lines for tests/run to count.
 *
 * filtertest --dump [--nobc] EXPR...: a real SOCK_DIAG_BY_FAMILY TCP dump
 * of both families with the expression's bytecode and states mask (none
 * with --nobc), printing the sockets that match as "laddr:lport
 * faddr:fport STATE" and, on stderr, "kernel N matched M".
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../netstat.h"
#include "bcaudit.h"
#include "check.h"

/* Splits s on blanks into a static argv; the filter gets the words. */
static struct filter *
parse(const char *s)
{
	static char buf[4096];
	char *argv[512], *p;
	int argc = 0;

	(void)snprintf(buf, sizeof(buf), "%s", s);
	for (p = strtok(buf, " "); p != NULL && argc < 511;
	    p = strtok(NULL, " "))
		argv[argc++] = p;
	argv[argc] = NULL;
	return (filter_parse(argc, argv));
}

/*
 * A parse in a child: its exit status and the first line on stderr.
 */
static int
parse_child(const char *expr, char *line, size_t len)
{
	int fd[2], status;
	ssize_t n;
	pid_t pid;

	line[0] = '\0';
	if (pipe(fd) < 0 || (pid = fork()) < 0)
		return (-1);
	if (pid == 0) {
		close(fd[0]);
		dup2(fd[1], STDERR_FILENO);
		filter_free(parse(expr));
		_exit(0);
	}
	close(fd[1]);
	n = read(fd[0], line, len - 1);
	line[n > 0 ? n : 0] = '\0';
	line[strcspn(line, "\n")] = '\0';
	close(fd[0]);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status))
		return (-1);
	return (WEXITSTATUS(status));
}

static void
test_errors(void)
{
	static const struct {
		const char *expr, *msg;
	} t[] = {
		{ "portrange 9-x", "filter: portrange 9-x: bad port range" },
		{ "portrange 90-80", "filter: portrange 90-80: bad port range" },
		{ "portrange 80", "filter: portrange 80: bad port range" },
		{ "src portrange -5", "filter: src portrange -5: bad port range" },
		{ "port 65536", "filter: port 65536: bad port" },
		{ "port 8x", "filter: port 8x: bad port" },
		{ "dst port no-such-service",
		    "filter: dst port no-such-service: unknown service" },
		{ "port", "filter: port: missing value" },
		{ "src port and host ::1", "filter: src port: missing value" },
		{ "host 1.2.3", "filter: host 1.2.3: bad address" },
		{ "host 10/8", "filter: host 10/8: bad address" },
		{ "host ::1::2", "filter: host ::1::2: bad address" },
		{ "net 10/33", "filter: net 10/33: bad prefix length" },
		{ "net 2001:db8::/129",
		    "filter: net 2001:db8::/129: bad prefix length" },
		{ "net 10.1.1.1/8",
		    "filter: net 10.1.1.1/8: non-network bits set" },
		{ "net 10.256", "filter: net 10.256: bad address" },
		{ "net 1.2.3.4.5", "filter: net 1.2.3.4.5: bad address" },
		{ "net 10..1", "filter: net 10..1: bad address" },
		{ "state FOO", "filter: state FOO: unknown state" },
		{ "src state LISTEN",
		    "filter: src state: src and dst go with host, net, port "
		    "and portrange" },
		{ "dst", "filter: dst: missing host, net, port or portrange" },
		{ "( port 80", "filter: (: missing )" },
		{ "port 80 )", "filter: ): unmatched )" },
		{ "( )", "filter: ): expected a primitive" },
		{ "port 80 and", "filter: and: missing operand" },
		{ "port 80 or or port 81", "filter: or: expected a primitive" },
		{ "not", "filter: not: missing operand" },
		{ "and port 80", "filter: and: expected a primitive" },
		{ "80", "filter: 80: unknown primitive" },
		{ "port 80 443", "filter: 443: missing and or or before it" },
		{ "host ::1 10.0.0.1",
		    "filter: 10.0.0.1: missing and or or before it" },
		{ "not foo", "filter: foo: unknown primitive" },
		{ "port 80 or 44x", "filter: port 44x: bad port" },
		{ "src host ::1 or 10.1.1.1.1",
		    "filter: src host 10.1.1.1.1: bad address" },
	};
	char line[512], want[512];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		rc = parse_child(t[i].expr, line, sizeof(line));
		(void)snprintf(want, sizeof(want), "netstat: %s", t[i].msg);
		check(rc == 1 && strcmp(line, want) == 0,
		    "parse '%s': exit %d, '%s'", t[i].expr, rc, line);
	}
	/* Deep nesting is an error, not a crash. */
	{
		static char deep[4096];
		size_t k;

		for (k = 0; k < 1000; k++)
			deep[k] = '(';
		(void)snprintf(deep + 1000, sizeof(deep) - 1000, "port 1");
		rc = parse_child(deep, line, sizeof(line));
		check(rc == 1 && strstr(line, "nested too deeply") != NULL,
		    "1000 parentheses: an error, no crash");
	}
}

/*
 * Rows for the truth tables.
 */
static void
mkrow(struct bcrow *r, const char *la, unsigned int lp, const char *fa,
    unsigned int fp, int st)
{
	memset(r, 0, sizeof(*r));
	r->family = strchr(la, ':') != NULL ? AF_INET6 : AF_INET;
	(void)inet_pton(r->family, la, r->a[0]);
	(void)inet_pton(r->family, fa, r->a[1]);
	r->port[0] = lp;
	r->port[1] = fp;
	r->st = st;
}

static void
test_match(void)
{
	enum { R_WEB, R_WEB6, R_LIS, R_MAP, R_TW, R_UDP, R_CLI, NROWS };
	static const struct {
		const char	*expr;
		const char	*want;	/* one 0/1 per row, in enum order */
	} t[] = {
		{ "port 80", "0010000" },
		{ "port 443", "1100001" },
		{ "src port 443", "1100000" },
		{ "dst port 443", "0000001" },
		{ "port http or port https", "1110001" },
		{ "port 80 or 443", "1110001" },
		{ "portrange 1-1023", "1111111" },
		{ "portrange ssh-http", "0011110" },
		{ "portrange ftp-data-ssh", "0001100" },
		{ "dst portrange 1-1023", "0000001" },
		{ "dst portrange 50000-60000", "1101000" },
		{ "host 10.0.0.1", "1000001" },
		{ "src host 10.0.0.1", "1000000" },
		{ "dst host 10.0.0.1", "0000001" },
		{ "host 10.1.2.3", "0001100" },
		{ "net 10/8", "1001111" },
		{ "net 10.1", "0001100" },
		{ "net 10.1.2.0/24", "0001100" },
		{ "10.0.0.1", "1000001" },
		{ "::ffff:10.1.2.3 or 10.2.2.2", "0001010" },
		{ "host ::ffff:10.1.2.3", "0001000" },
		{ "net 2001:db8::/32", "0100000" },
		{ "net ::/0", "0101000" },
		{ "net 0/0", "1011111" },
		{ "host ::", "0000000" },
		{ "src host ::", "0000000" },
		{ "src host 0.0.0.0", "0010000" },
		{ "state LISTEN", "0010000" },
		{ "state listen or state time-wait", "0010100" },
		{ "state ESTABLISHED or TIME_WAIT", "1101100" },
		{ "state connected", "1101101" },
		{ "state synchronized", "1101100" },
		{ "state listening", "0010000" },
		{ "not state LISTEN", "1101111" },
		{ "port 443 and not state TIME_WAIT", "1100001" },
		{ "port 443 not host 10.0.0.1", "0100000" },
		{ "! ( port 443 || port 80 ) && net 10/8", "0001110" },
		{ "not port 443 and not port 80 or host ::1", "0001110" },
		{ "(port 443 or port 80) and (state LISTEN or state SYN_SENT)",
		    "0010001" },
		{ "port 443 or port 80 and state LISTEN", "1110001" },
		{ "not not port 80", "0010000" },
		{ "port 443 and not 22", "1100001" },
		{ "dst port 80 or 22", "0000000" },
		{ "src port 80 or 22", "0011100" },
		{ "( 10.0.0.1 ) or ( 10.3.3.3 )", "1000001" },
		{ "path /tmp/x", "0000000" },
		{ "not path /tmp/x", "1111111" },
	};
	struct bcrow rows[NROWS];
	char got[NROWS + 1];
	struct filter *f;
	size_t i;
	int r;

	mkrow(&rows[R_WEB], "10.0.0.1", 443, "192.168.1.5", 50000,
	    FILTER_TCPS_ESTABLISHED);
	mkrow(&rows[R_WEB6], "2001:db8::1", 443, "2001:db8::7", 50001,
	    FILTER_TCPS_ESTABLISHED);
	mkrow(&rows[R_LIS], "0.0.0.0", 80, "0.0.0.0", 0, FILTER_TCPS_LISTEN);
	mkrow(&rows[R_MAP], "::ffff:10.1.2.3", 22, "::ffff:10.9.9.9", 51000,
	    FILTER_TCPS_ESTABLISHED);
	mkrow(&rows[R_TW], "10.1.2.3", 22, "10.9.9.9", 40000,
	    FILTER_TCPS_TIME_WAIT);
	mkrow(&rows[R_UDP], "10.2.2.2", 53, "0.0.0.0", 0, -1);
	mkrow(&rows[R_CLI], "10.3.3.3", 40001, "10.0.0.1", 443,
	    FILTER_TCPS_SYN_SENT);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = parse(t[i].expr);
		for (r = 0; r < NROWS; r++)
			got[r] = (char)('0' + bc_match(f, &rows[r]));
		got[NROWS] = '\0';
		check(strcmp(got, t[i].want) == 0, "match '%s': %s",
		    t[i].expr, got);
		filter_free(f);
	}
	check(filter_match_inet(NULL, AF_INET, rows[0].a[0], 1, rows[0].a[1],
	    2, -1), "no filter matches all");
}

static void
test_unix(void)
{
	static const struct {
		const char *expr, *path;
		size_t len;
		int want;
	} t[] = {
		{ "path /tmp/x", "/tmp/x", 6, 1 },
		{ "path /tmp/*", "/tmp/a/b.sock", 13, 1 },
		{ "path /run/*", "/tmp/a", 6, 0 },
		{ "path *.sock", "/tmp/a/b.sock", 13, 1 },
		{ "path @abs*", "\0abstract", 9, 1 },
		{ "path @nul@inside", "\0nul\0inside", 11, 1 },
		{ "path *", "", 0, 0 },
		{ "not path /x", "", 0, 1 },
		{ "port 80", "/tmp/x", 6, 0 },
		{ "not port 80", "/tmp/x", 6, 1 },
		{ "path /tmp/x or port 80", "/tmp/x", 6, 1 },
		{ "state LISTEN", "/tmp/x", 6, 0 },
		{ "path /tmp/[!y]", "/tmp/x", 6, 1 },
	};
	struct filter *f;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = parse(t[i].expr);
		check(filter_match_unix(f, t[i].path, t[i].len) == t[i].want,
		    "unix match '%s'", t[i].expr);
		filter_free(f);
	}
}

/* Linux TCP_* bits. */
#define	L(s)	(1U << (s))
enum {
	LE = 1, LSS, LSR, LFW1, LFW2, LTW, LCL, LCW, LLA, LLI, LCG, LNSR, LBI
};

static void
test_states(void)
{
	static const struct {
		const char	*expr;
		uint32_t	 want;
	} t[] = {
		{ "state LISTEN", L(LLI) },
		{ "state SYN_RCVD", L(LSR) | L(LNSR) },
		{ "state closed", L(LCL) | L(LBI) },
		{ "state ESTABLISHED or state TIME_WAIT", L(LE) | L(LTW) },
		{ "state connected", L(LE) | L(LSS) | L(LSR) | L(LFW1) |
		    L(LFW2) | L(LTW) | L(LCW) | L(LLA) | L(LCG) | L(LNSR) },
		{ "state synchronized", L(LE) | L(LSR) | L(LFW1) | L(LFW2) |
		    L(LTW) | L(LCW) | L(LLA) | L(LCG) | L(LNSR) },
		{ "not state LISTEN", 0xffffffffU & ~L(LLI) },
		{ "port 80", 0xffffffffU },
		{ "port 80 and state LISTEN", L(LLI) },
		{ "port 80 or state LISTEN", 0xffffffffU },
		{ "not (port 80 and state LISTEN)", 0xffffffffU },
		{ "state LISTEN and state ESTABLISHED", 0 },
		{ "path /x", 0 },
		{ "path /x or state LISTEN", L(LLI) },
	};
	struct filter *f;
	size_t i;
	uint32_t got;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = parse(t[i].expr);
		got = filter_states(f);
		check(got == t[i].want, "states '%s': %#x", t[i].expr, got);
		filter_free(f);
	}
	check(filter_tcps(LNSR) == FILTER_TCPS_SYN_RCVD &&
	    filter_tcps(LBI) == FILTER_TCPS_CLOSED && filter_tcps(99) == -1,
	    "Linux states as BSD's");
}

static void
test_tables(void)
{
	static const struct {
		const char *expr;
		int want;
	} t[] = {
		{ "port 80", FILTER_INET },
		{ "path /x", FILTER_UNIX },
		{ "path /x or port 80", FILTER_INET | FILTER_UNIX },
		{ "path /x and port 80", 0 },
		{ "not port 80", FILTER_INET | FILTER_UNIX },
		{ "state LISTEN", FILTER_INET },
		{ "not path /x", FILTER_INET | FILTER_UNIX },
	};
	struct filter *f;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		f = parse(t[i].expr);
		check(filter_tables(f) == t[i].want, "tables '%s'", t[i].expr);
		filter_free(f);
	}
	check(parse("") == NULL && filter_tables(NULL) ==
	    (FILTER_INET | FILTER_UNIX), "no operands: no filter");
}

/*
 * Random expressions and rows, from a fixed seed.
 */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned int
rnd(unsigned int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((unsigned int)(rng >> 11) % n);
}

static const char *const hosts4[] = {
	"10.0.0.1", "10.1.2.3", "127.0.0.1", "0.0.0.0", "192.168.1.5",
	"192.168.1.6"
};
static const char *const hosts6[] = {
	"::1", "2001:db8::1", "2001:db8:1::5", "::ffff:10.1.2.3",
	"::ffff:127.0.0.1", "::", "fe80::1"
};
static const char *const nets[] = {
	"10/8", "10.1/16", "10.1.2.0/24", "0/0", "127/8", "192.168.1.4/30",
	"192.168.1.6/31", "2001:db8::/32", "::/0", "::ffff:0:0/96",
	"10.1.2.3/32", "fe80::/10", "2001:db8:1::/48", "10.1.2", "0.0.0.0/1"
};
static const unsigned int ports[] = { 0, 22, 80, 443, 8080, 1024, 65535 };
static const char *const ranges[] = {
	"0-1023", "80-443", "1024-65535", "0-65535", "443-443", "1-1", "22-80"
};
static const char *const states[] = {
	"LISTEN", "ESTABLISHED", "TIME_WAIT", "SYN_RCVD", "closed",
	"connected", "synchronized", "syn-sent", "FIN_WAIT_1", "LAST_ACK"
};

static void
cat(char *buf, size_t len, const char *s)
{
	size_t n = strlen(buf);

	(void)snprintf(buf + n, len - n, "%s%s", n > 0 ? " " : "", s);
}

static void
gen_prim(char *buf, size_t len, int withstate)
{
	static const char *const dirs[] = { "", "src", "dst" };
	char tmp[64];
	unsigned int kind = rnd(withstate ? 7 : 6);

	if (kind < 6 && rnd(3) > 0)
		cat(buf, len, dirs[rnd(2) + 1]);
	switch (kind) {
	case 0:
		cat(buf, len, "host");
		cat(buf, len, rnd(2) ? hosts4[rnd(6)] : hosts6[rnd(7)]);
		break;
	case 1:
	case 2:
		cat(buf, len, "net");
		cat(buf, len, nets[rnd(sizeof(nets) / sizeof(nets[0]))]);
		break;
	case 3:
	case 4:
		cat(buf, len, "port");
		(void)snprintf(tmp, sizeof(tmp), "%u", ports[rnd(7)]);
		cat(buf, len, tmp);
		break;
	case 5:
		cat(buf, len, "portrange");
		cat(buf, len, ranges[rnd(7)]);
		break;
	default:
		cat(buf, len, "state");
		cat(buf, len, states[rnd(10)]);
		break;
	}
}

/* Random words; "" among the ands is two primitives side by side. */
static void
gen(char *buf, size_t len, int depth, int withstate)
{
	static const char *const ands[] = { "and", "&&", "" };
	static const char *const ors[] = { "or", "||" };
	static const char *const nots[] = { "not", "!" };
	unsigned int k = depth > 4 ? 0 : rnd(6);

	switch (k) {
	case 0:
	case 1:
		gen_prim(buf, len, withstate);
		break;
	case 2:
		cat(buf, len, nots[rnd(2)]);
		gen(buf, len, depth + 1, withstate);
		break;
	case 3:
	case 4:
		cat(buf, len, "(");
		gen(buf, len, depth + 1, withstate);
		cat(buf, len, k == 3 ? ands[rnd(3)] : ors[rnd(2)]);
		gen(buf, len, depth + 1, withstate);
		cat(buf, len, ")");
		break;
	default:
		/* Unbracketed: precedence decides. */
		gen(buf, len, depth + 1, withstate);
		cat(buf, len, rnd(2) ? ors[rnd(2)] : ands[rnd(3)]);
		gen(buf, len, depth + 1, withstate);
		break;
	}
}

static void
rand_addr(int family, uint8_t *a)
{
	const char *s;
	int i;

	memset(a, 0, 16);
	if (rnd(8) == 0) {
		for (i = 0; i < 16; i++)
			a[i] = (uint8_t)rnd(256);
		return;
	}
	if (family == AF_INET)
		s = hosts4[rnd(6)];
	else
		s = hosts6[rnd(7)];
	(void)inet_pton(family, s, a);
	if (family == AF_INET6 && rnd(4) == 0) {
		/* A mapped copy of an IPv4 pool address. */
		memset(a, 0, 16);
		a[10] = a[11] = 0xff;
		(void)inet_pton(AF_INET, hosts4[rnd(6)], a + 12);
	}
}

static void
rand_row(struct bcrow *r)
{
	memset(r, 0, sizeof(*r));
	r->family = rnd(2) ? AF_INET : AF_INET6;
	rand_addr(r->family, r->a[0]);
	rand_addr(r->family, r->a[1]);
	r->port[0] = rnd(3) ? ports[rnd(7)] : rnd(65536);
	r->port[1] = rnd(3) ? ports[rnd(7)] : rnd(65536);
	r->st = (int)rnd(FILTER_NTCPS + 1) - 1;
}

static void
test_random(void)
{
	static const int fams[] = { AF_INET, AF_INET6, AF_UNSPEC };
	/* Aligned as the kernel's attribute data is. */
	static uint8_t bc[65536] __attribute__((aligned(4)));
	char expr[2048];
	struct filter *f;
	struct bcrow r;
	unsigned long rows = 0, audits = 0, empty = 0, matches = 0;
	int i, j, k, m, b, withstate, bad_audit = 0, bad_run = 0;
	int bad_super = 0, bad_states = 0;
	ssize_t n;

	for (i = 0; i < 4000; i++) {
		withstate = i % 2;
		expr[0] = '\0';
		gen(expr, sizeof(expr), 0, withstate);
		f = parse(expr);
		for (k = 0; k < 3; k++) {
			n = filter_bytecode(f, fams[k], bc, sizeof(bc));
			if (n == 0) {
				empty++;
				continue;
			}
			audits++;
			if (n < 0 || bc_audit(bc, (int)n) != 0) {
				if (bad_audit++ < 3)
					check(0, "audit of '%s'", expr);
				continue;
			}
			for (j = 0; j < 40; j++) {
				rand_row(&r);
				if (fams[k] != AF_UNSPEC)
					r.family = fams[k];
				rows++;
				m = bc_match(f, &r);
				b = bc_run(bc, (int)n, &r);
				matches += (unsigned long)m;
				/* Exact without state; a superset with. */
				if (((!withstate && m != b) || (m && !b)) &&
				    (withstate ? bad_super++ : bad_run++) < 3)
					check(0, "bytecode of '%s' (family %d) "
					    "on a row: match %d, run %d", expr,
					    fams[k], m, b);
				if (m && !bc_states_take(filter_states(f),
				    r.st))
					bad_states++;
			}
		}
		filter_free(f);
	}
	check(bad_audit == 0, "%lu bytecodes pass the kernel's audit (%lu "
	    "expressions need none)", audits, empty);
	check(bad_run == 0, "%lu random rows (%lu matches): bytecode without "
	    "state agrees with the matcher", rows, matches);
	check(bad_super == 0, "bytecode with state accepts every match");
	check(bad_states == 0, "every match's state is in filter_states");
}

static void
test_bytecode(void)
{
	/* Aligned as the kernel's attribute data is. */
	static uint8_t bc[65536] __attribute__((aligned(4)));
	struct filter *f;
	static char big[40000];
	char *argv[1];
	ssize_t n;
	int i;

	f = parse("state LISTEN");
	check(filter_bytecode(f, AF_INET, bc, sizeof(bc)) == 0,
	    "state alone: no bytecode");
	filter_free(f);
	f = parse("port 80 or state LISTEN");
	check(filter_bytecode(f, AF_INET, bc, sizeof(bc)) == 0,
	    "state under or: no bytecode");
	filter_free(f);
	f = parse("src port 80");
	n = filter_bytecode(f, AF_INET, bc, sizeof(bc));
	check(n == 8 && bc[0] == INET_DIAG_BC_S_EQ && bc[1] == 8 &&
	    ((struct inet_diag_bc_op *)bc)->no == 12 &&
	    ((struct inet_diag_bc_op *)bc)[1].no == 80,
	    "src port 80: one S_EQ, no to end + 4");
	check(filter_bytecode(f, AF_INET, bc, 7) == 0,
	    "a buffer too small: no bytecode");
	filter_free(f);
	f = parse("host 2001:db8::1");
	n = filter_bytecode(f, AF_INET, bc, sizeof(bc));
	check(n == 4 && bc[0] == INET_DIAG_BC_JMP && bc_audit(bc, 4) == 0,
	    "an IPv6 host in an IPv4 dump: reject all");
	filter_free(f);
	f = parse("net 0/0");
	check(filter_bytecode(f, AF_INET, bc, sizeof(bc)) == 0 &&
	    filter_bytecode(f, AF_INET6, bc, sizeof(bc)) == 36,
	    "net 0/0: all of IPv4; v4-mapped only of IPv6");
	filter_free(f);
	/* 2000 ports: longer than a jump can reach, so no bytecode. */
	big[0] = '\0';
	for (i = 0; i < 2000; i++)
		(void)snprintf(big + strlen(big), sizeof(big) - strlen(big),
		    "%sport %d", i > 0 ? " or " : "", 1000 + i);
	argv[0] = big;
	f = filter_parse(1, argv);
	n = filter_bytecode(f, AF_INET, bc, sizeof(bc));
	check(n == 0 || bc_audit(bc, (int)n) == 0,
	    "2000 ports: bytecode the audit takes, or none");
	filter_free(f);
}

/*
 * --dump: the kernel's answer.
 */
struct dumpst {
	struct filter *f;
	unsigned long kernel, matched;
};

static const char *const bsd_names[FILTER_NTCPS] = {
	"CLOSED", "LISTEN", "SYN_SENT", "SYN_RCVD", "ESTABLISHED",
	"CLOSE_WAIT", "FIN_WAIT_1", "CLOSING", "LAST_ACK", "FIN_WAIT_2",
	"TIME_WAIT"
};

static void
put_end(int family, const void *a, unsigned int port)
{
	char buf[INET6_ADDRSTRLEN];

	(void)inet_ntop(family, a, buf, sizeof(buf));
	printf(family == AF_INET6 ? "[%s]:%u" : "%s:%u", buf, port);
}

static int
dump_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct dumpst *d = arg;
	struct inet_diag_msg m;
	unsigned int lp, fp;
	int st;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(m)))
		return (0);
	memcpy(&m, NLMSG_DATA(nlh), sizeof(m));
	d->kernel++;
	lp = ntohs(m.id.idiag_sport);
	fp = ntohs(m.id.idiag_dport);
	st = filter_tcps(m.idiag_state);
	if (!filter_match_inet(d->f, m.idiag_family,
	    (const uint8_t *)m.id.idiag_src, lp,
	    (const uint8_t *)m.id.idiag_dst, fp, st))
		return (0);
	d->matched++;
	put_end(m.idiag_family, m.id.idiag_src, lp);
	putchar(' ');
	put_end(m.idiag_family, m.id.idiag_dst, fp);
	printf(" %s\n", st >= 0 ? bsd_names[st] : "?");
	return (0);
}

struct dumpreq {
	struct nlmsghdr		nlh;
	struct inet_diag_req_v2	r;
	struct nlattr		nla;
	uint8_t			bc[65536];
};

static int
dump(int argc, char *argv[])
{
	static const int fams[] = { AF_INET, AF_INET6 };
	static struct dumpreq req;
	struct dumpst d;
	ssize_t n = 0;
	int fd, i, rc, nobc = 0;

	if (argc > 0 && strcmp(argv[0], "--nobc") == 0) {
		nobc = 1;
		argc--;
		argv++;
	}
	memset(&d, 0, sizeof(d));
	d.f = filter_parse(argc, argv);
	if ((fd = nl_open(NETLINK_SOCK_DIAG)) < 0)
		ns_err("netlink");
	for (i = 0; i < 2; i++) {
		memset(&req, 0, sizeof(req));
		req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
		req.r.sdiag_family = (uint8_t)fams[i];
		req.r.sdiag_protocol = IPPROTO_TCP;
		req.r.idiag_states = nobc ? 0xffffffffU : filter_states(d.f);
		if (!nobc)
			n = filter_bytecode(d.f, fams[i], req.bc,
			    sizeof(req.bc) - 4);
		req.nla.nla_type = INET_DIAG_REQ_BYTECODE;
		req.nla.nla_len = (uint16_t)(NLA_HDRLEN + n);
		rc = nl_dump(fd, &req, n > 0 ? offsetof(struct dumpreq, bc) +
		    (size_t)n : sizeof(req.nlh) + sizeof(req.r), dump_msg, &d);
		if (rc < 0) {
			errno = -rc;
			ns_err("SOCK_DIAG_BY_FAMILY");
		}
	}
	close(fd);
	filter_free(d.f);
	fflush(stdout);
	fprintf(stderr, "kernel %lu matched %lu\n", d.kernel, d.matched);
	return (0);
}

int
main(int argc, char *argv[])
{
	if (argc > 1 && strcmp(argv[1], "--dump") == 0)
		return (dump(argc - 2, argv + 2));
	test_errors();
	test_match();
	test_unix();
	test_states();
	test_tables();
	test_bytecode();
	test_random();
	return (failures != 0);
}
