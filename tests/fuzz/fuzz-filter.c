/*
 * libFuzzer target: the filter expressions.  The input, up to its first
 * NUL, is the operands, one argument a line; what follows the NUL is
 * rows, ROWLEN bytes each.  An expression the parser refuses must come
 * back through ns_errx() (caught here; fuzz.h frees what the jump left);
 * one it takes is checked three ways: its inet_diag bytecode for each
 * dump family passes the kernel's audit (written again here from
 * net/ipv4/inet_diag.c's rules), every row the matcher takes the
 * bytecode accepts too (the kernel only prunes), and every TCP state
 * the matcher takes is in the states mask.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <netdb.h>

#include <linux/inet_diag.h>

#include "../../netstat.h"
#include "fuzz.h"

#define	MAXARGS		64
#define	BCMAX		8192
#define	ROWLEN		38	/* family, state, 2 * (16 + 2) address, port */
#define	MAXROWS		16

struct row {
	int		 family;
	int		 lstate;	/* Linux's TCP_*; 0: none (UDP) */
	uint8_t		 a[2][16];	/* local, remote */
	unsigned int	 port[2];
};

/*
 * The kernel's audit: every op known and long enough for its operand,
 * "yes" and "no" forward, 4-aligned and inside the program or one past
 * its end (reject), and every "no" landing on an op boundary.
 */
static int
lands(const uint8_t *bc, int len, int off)
{
	struct inet_diag_bc_op op;
	int at = 0;

	while (at < len) {
		if (at == off)
			return (1);
		memcpy(&op, bc + at, sizeof(op));
		if (op.yes < 4 || (op.yes & 3))
			return (0);
		at += op.yes;
	}
	return (at == off);
}

static int
audit(const uint8_t *bc, int len)
{
	struct inet_diag_bc_op op;
	struct inet_diag_hostcond hc;
	int at = 0, left, min, alen;

	if (len < 4 || (len & 3))
		return (-1);
	while (at < len) {
		left = len - at;
		memcpy(&op, bc + at, sizeof(op));
		min = 4;
		switch (op.code) {
		case INET_DIAG_BC_S_COND:
		case INET_DIAG_BC_D_COND:
			min += (int)sizeof(hc);
			if (left < min)
				return (-1);
			memcpy(&hc, bc + at + 4, sizeof(hc));
			if (hc.family == AF_UNSPEC)
				alen = 0;
			else if (hc.family == AF_INET)
				alen = 4;
			else if (hc.family == AF_INET6)
				alen = 16;
			else
				return (-1);
			min += alen;
			if (left < min || hc.prefix_len > 8 * alen)
				return (-1);
			break;
		case INET_DIAG_BC_S_EQ:
		case INET_DIAG_BC_S_GE:
		case INET_DIAG_BC_S_LE:
		case INET_DIAG_BC_D_EQ:
		case INET_DIAG_BC_D_GE:
		case INET_DIAG_BC_D_LE:
			min += 4;
			if (left < min)
				return (-1);
			break;
		case INET_DIAG_BC_JMP:
		case INET_DIAG_BC_NOP:
			break;
		default:
			return (-1);
		}
		if (op.code != INET_DIAG_BC_NOP) {
			if (op.no < min || op.no > left + 4 || (op.no & 3))
				return (-1);
			if (op.no < left && !lands(bc, len, at + op.no))
				return (-1);
		}
		if (op.yes < min || op.yes > left + 4 || (op.yes & 3))
			return (-1);
		at += op.yes;
	}
	return (at == len ? 0 : -1);
}

static int
prefix_eq(const uint8_t *a, const uint8_t *b, int bits)
{
	int n = bits / 8;

	if (memcmp(a, b, (size_t)n) != 0)
		return (0);
	bits %= 8;
	return (bits == 0 || ((a[n] ^ b[n]) & (0xff00 >> bits) & 0xff) == 0);
}

/* One host condition over one end of a row, as inet_diag_bc_run(). */
static int
cond(const uint8_t *bc, const struct row *r, int end)
{
	static const uint8_t v4mapped[12] = { [10] = 0xff, [11] = 0xff };
	struct inet_diag_hostcond hc;
	const uint8_t *want = bc + 4 + sizeof(hc), *a = r->a[end];

	memcpy(&hc, bc + 4, sizeof(hc));
	if (hc.port != -1 && (unsigned int)hc.port != r->port[end])
		return (0);
	if (hc.family != AF_UNSPEC && hc.family != (uint8_t)r->family)
		return (r->family == AF_INET6 && hc.family == AF_INET &&
		    memcmp(a, v4mapped, 12) == 0 &&
		    prefix_eq(a + 12, want, hc.prefix_len));
	return (hc.prefix_len == 0 || prefix_eq(a, want, hc.prefix_len));
}

static int
run(const uint8_t *bc, int len, const struct row *r)
{
	struct inet_diag_bc_op op, arg;
	int at = 0, yes;

	while (at < len) {
		memcpy(&op, bc + at, sizeof(op));
		if (at + 8 <= len)
			memcpy(&arg, bc + at + 4, sizeof(arg));
		else
			memset(&arg, 0, sizeof(arg));
		switch (op.code) {
		case INET_DIAG_BC_JMP:
			yes = 0;
			break;
		case INET_DIAG_BC_S_EQ:
			yes = r->port[0] == arg.no;
			break;
		case INET_DIAG_BC_S_GE:
			yes = r->port[0] >= arg.no;
			break;
		case INET_DIAG_BC_S_LE:
			yes = r->port[0] <= arg.no;
			break;
		case INET_DIAG_BC_D_EQ:
			yes = r->port[1] == arg.no;
			break;
		case INET_DIAG_BC_D_GE:
			yes = r->port[1] >= arg.no;
			break;
		case INET_DIAG_BC_D_LE:
			yes = r->port[1] <= arg.no;
			break;
		case INET_DIAG_BC_S_COND:
			yes = cond(bc + at, r, 0);
			break;
		case INET_DIAG_BC_D_COND:
			yes = cond(bc + at, r, 1);
			break;
		default:
			yes = 1;
			break;
		}
		at += yes ? op.yes : op.no;
	}
	return (at == len);
}

/* A row from ROWLEN bytes: the fuzzer picks every field. */
static void
row_from(const uint8_t *p, struct row *r)
{
	memset(r, 0, sizeof(*r));
	r->family = (p[0] & 1) ? AF_INET6 : AF_INET;
	r->lstate = p[1] % 12;	/* TCP_ESTABLISHED 1 .. TCP_CLOSING 11 */
	memcpy(r->a[0], p + 2, 16);
	memcpy(r->a[1], p + 18, 16);
	r->port[0] = (unsigned int)p[34] << 8 | p[35];
	r->port[1] = (unsigned int)p[36] << 8 | p[37];
	if (r->family == AF_INET) {
		/* The matcher reads an IPv4 address's first 4 bytes. */
		memset(r->a[0] + 4, 0, 12);
		memset(r->a[1] + 4, 0, 12);
	}
}

static int
matches(const struct filter *f, const struct row *r)
{
	return (filter_match_inet(f, r->family, r->a[0], r->port[0],
	    r->a[1], r->port[1], r->lstate == 0 ? -1 :
	    filter_tcps(r->lstate)));
}

static void
check_rows(const struct filter *f, const uint8_t *p, size_t len)
{
	static uint8_t bc[3][BCMAX];
	static const int fams[3] = { AF_INET, AF_INET6, AF_UNSPEC };
	ssize_t n[3];
	struct row r;
	uint32_t states;
	int i, k;

	states = filter_states(f);
	(void)filter_tables(f);
	for (k = 0; k < 3; k++) {
		n[k] = filter_bytecode(f, fams[k], bc[k], sizeof(bc[k]));
		if (n[k] < 0 || n[k] > BCMAX ||
		    (n[k] > 0 && audit(bc[k], (int)n[k]) != 0))
			abort();
	}
	for (i = 0; i < MAXROWS && len >= ROWLEN; i++, p += ROWLEN,
	    len -= ROWLEN) {
		row_from(p, &r);
		if (!matches(f, &r))
			continue;
		if (r.lstate != 0 && !(states & (1U << r.lstate)))
			abort();	/* the kernel would skip a match */
		for (k = 0; k < 3; k++)
			if (n[k] > 0 && (fams[k] == AF_UNSPEC ||
			    fams[k] == r.family) && !run(bc[k], (int)n[k], &r))
				abort();	/* the kernel would drop it */
	}
}

/* A parse that may end in ns_errx(): NULL and *failed set then. */
static struct filter *
try_parse(int argc, char **argv, int *failed)
{
	struct filter *volatile f = NULL;

	*failed = 0;
	if (setjmp(fuzz_jmp) == 0) {
		fuzz_arm();
		f = filter_parse(argc, argv);
		fuzz_disarm(0);
	} else {
		fuzz_disarm(1);
		*failed = 1;
	}
	return (f);
}

/* A port's name is looked up in services(5): keep the file open. */
__attribute__((constructor)) static void
keep_services(void)
{
	setservent(1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[MAXARGS], *text, *p, *nl;
	const uint8_t *nul;
	struct filter *f;
	size_t tlen;
	int argc = 0, failed;

	if ((nul = memchr(data, '\0', size)) == NULL)
		nul = data + size;
	tlen = (size_t)(nul - data);
	if ((text = malloc(tlen + 1)) == NULL)
		abort();
	memcpy(text, data, tlen);
	text[tlen] = '\0';
	for (p = text; argc < MAXARGS; p = nl + 1) {
		argv[argc++] = p;
		if ((nl = strchr(p, '\n')) == NULL)
			break;
		*nl = '\0';
	}
	f = try_parse(argc, argv, &failed);
	if (!failed) {
		if (f != NULL && nul < data + size)
			check_rows(f, nul + 1, (size_t)(data + size - nul - 1));
		(void)filter_match_unix(f, text, tlen);
		filter_free(f);
	}
	free(text);
	return (0);
}
