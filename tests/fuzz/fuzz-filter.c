/*
 * libFuzzer target: the filter expressions.  The input, up to its first
 * NUL, is the operands, one argument a line; what follows the NUL is
 * rows, ROWLEN bytes each.  An expression the parser refuses must come
 * back through ns_errx() (caught here; fuzz.h frees what the jump left);
 * one it takes is checked three ways: its inet_diag bytecode for each
 * dump family passes the kernel's audit (tests/bcaudit.c), every row
 * the matcher takes the kernel's run of the bytecode accepts too (the
 * kernel only prunes), and every TCP state the matcher takes is in the
 * states mask.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <netdb.h>

#include <linux/inet_diag.h>

#include "../../netstat.h"
#include "../bcaudit.h"
#include "fuzz.h"

#define	MAXARGS		64
#define	BCMAX		8192
#define	ROWLEN		38	/* family, state, 2 * (16 + 2) address, port */
#define	MAXROWS		16

/* A row from ROWLEN bytes: the fuzzer picks every field. */
static void
row_from(const uint8_t *p, struct bcrow *r)
{
	int lstate = p[1] % 12;	/* TCP_ESTABLISHED 1 .. TCP_CLOSING 11 */

	memset(r, 0, sizeof(*r));
	r->family = (p[0] & 1) ? AF_INET6 : AF_INET;
	r->st = lstate == 0 ? -1 : filter_tcps(lstate);
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

static void
check_rows(const struct filter *f, const uint8_t *p, size_t len)
{
	static uint8_t bc[3][BCMAX];
	static const int fams[3] = { AF_INET, AF_INET6, AF_UNSPEC };
	ssize_t n[3];
	struct bcrow r;
	uint32_t states;
	int i, k;

	states = filter_states(f);
	(void)filter_tables(f);
	for (k = 0; k < 3; k++) {
		n[k] = filter_bytecode(f, fams[k], bc[k], sizeof(bc[k]));
		if (n[k] < 0 || n[k] > BCMAX ||
		    (n[k] > 0 && bc_audit(bc[k], (int)n[k]) != 0))
			abort();
	}
	for (i = 0; i < MAXROWS && len >= ROWLEN; i++, p += ROWLEN,
	    len -= ROWLEN) {
		row_from(p, &r);
		if (!bc_match(f, &r))
			continue;
		if (!bc_states_take(states, r.st))
			abort();	/* the kernel would skip a match */
		for (k = 0; k < 3; k++)
			if (n[k] > 0 && (fams[k] == AF_UNSPEC ||
			    fams[k] == r.family) &&
			    !bc_run(bc[k], (int)n[k], &r))
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
