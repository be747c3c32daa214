/*
 * The kernel's audit and run of inet_diag bytecode, for the tests (see
 * bcaudit.h).  The ops are read with memcpy: a caller's buffer need not
 * be aligned, and a bytecode that fails the audit is never run.
 */
#include <sys/socket.h>

#include <linux/inet_diag.h>

#include <string.h>

#include "../netstat.h"
#include "bcaudit.h"

static struct inet_diag_bc_op
op_at(const uint8_t *bc, int at)
{
	struct inet_diag_bc_op op;

	memcpy(&op, bc + at, sizeof(op));
	return (op);
}

/*
 * Whether a jump to off lands on an op: the kernel's valid_cc(), walking
 * the "yes" chain from the start.
 */
static int
lands(const uint8_t *bc, int len, int off)
{
	struct inet_diag_bc_op op;
	int at = 0;

	while (at < len) {
		if (at == off)
			return (1);
		op = op_at(bc, at);
		if (op.yes < 4 || (op.yes & 3))
			return (0);
		at += op.yes;
	}
	return (at == off);
}

/* The bytes op's operand needs (with the op), or -1 if it is bad. */
static int
op_min(const uint8_t *bc, int at, int left)
{
	struct inet_diag_hostcond hc;
	int min = (int)sizeof(struct inet_diag_bc_op), alen;

	switch (op_at(bc, at).code) {
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
		return (min);
	case INET_DIAG_BC_S_EQ:
	case INET_DIAG_BC_S_GE:
	case INET_DIAG_BC_S_LE:
	case INET_DIAG_BC_D_EQ:
	case INET_DIAG_BC_D_GE:
	case INET_DIAG_BC_D_LE:
		min += 4;
		return (left < min ? -1 : min);
	case INET_DIAG_BC_JMP:
	case INET_DIAG_BC_NOP:
		return (min);
	default:
		/* The kernel takes BC_AUTO too; filter.c never writes it. */
		return (-1);
	}
}

/*
 * 0 if the kernel takes the bytecode: whole ops, each known and long
 * enough for its operand, "yes" and "no" forward, 4-aligned, inside the
 * program or one op past its end (reject), every "no" on an op.
 */
int
bc_audit(const uint8_t *bc, int len)
{
	struct inet_diag_bc_op op;
	int at = 0, left, min;

	if (len < 4 || (len & 3))
		return (-1);
	while (at < len) {
		left = len - at;
		op = op_at(bc, at);
		if ((min = op_min(bc, at, left)) < 0)
			return (-1);
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

/* A host condition (the op at bc) over one end of a row. */
static int
cond(const uint8_t *bc, const struct bcrow *r, int end)
{
	static const uint8_t v4mapped[12] = { [10] = 0xff, [11] = 0xff };
	struct inet_diag_hostcond hc;
	const uint8_t *want = bc + 4 + sizeof(hc), *a = r->a[end];

	memcpy(&hc, bc + 4, sizeof(hc));
	if (hc.port != -1 && (unsigned int)hc.port != r->port[end])
		return (0);
	/* An IPv4 condition takes a v4-mapped IPv6 address. */
	if (hc.family != AF_UNSPEC && hc.family != (uint8_t)r->family)
		return (r->family == AF_INET6 && hc.family == AF_INET &&
		    memcmp(a, v4mapped, 12) == 0 &&
		    prefix_eq(a + 12, want, hc.prefix_len));
	return (hc.prefix_len == 0 || prefix_eq(a, want, hc.prefix_len));
}

static int
dst_op(int code)
{
	return (code == INET_DIAG_BC_D_EQ || code == INET_DIAG_BC_D_GE ||
	    code == INET_DIAG_BC_D_LE || code == INET_DIAG_BC_D_COND);
}

/* 1 if the kernel's run of an audited bytecode accepts the row. */
int
bc_run(const uint8_t *bc, int len, const struct bcrow *r)
{
	struct inet_diag_bc_op op, arg;
	unsigned int port;
	int at = 0, end, yes;

	while (at < len) {
		op = op_at(bc, at);
		if (at + 8 <= len)
			arg = op_at(bc, at + 4);
		else
			memset(&arg, 0, sizeof(arg));
		end = dst_op(op.code);
		port = r->port[end];
		switch (op.code) {
		case INET_DIAG_BC_JMP:
			yes = 0;
			break;
		case INET_DIAG_BC_S_EQ:
		case INET_DIAG_BC_D_EQ:
			yes = port == arg.no;
			break;
		case INET_DIAG_BC_S_GE:
		case INET_DIAG_BC_D_GE:
			yes = port >= arg.no;
			break;
		case INET_DIAG_BC_S_LE:
		case INET_DIAG_BC_D_LE:
			yes = port <= arg.no;
			break;
		case INET_DIAG_BC_S_COND:
		case INET_DIAG_BC_D_COND:
			yes = cond(bc + at, r, end);
			break;
		default:
			yes = 1;
			break;
		}
		at += yes ? op.yes : op.no;
	}
	return (at == len);
}

/* The matcher's answer for the row. */
int
bc_match(const struct filter *f, const struct bcrow *r)
{
	return (filter_match_inet(f, r->family, r->a[0], r->port[0], r->a[1],
	    r->port[1], r->st));
}

/*
 * Whether a dump asked with the idiag_states mask has the sockets in
 * BSD state st: the bits of every Linux state that stands for it.
 */
int
bc_states_take(uint32_t states, int st)
{
	uint32_t m = 0;
	int s;

	if (st < 0)
		return (1);
	for (s = 0; s < 32; s++)
		if (filter_tcps(s) == st)
			m |= 1U << s;
	return ((states & m) == m);
}
