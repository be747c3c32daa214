/*
 * The kernel's side of an inet_diag filter, written again from its rules
 * (net/ipv4/inet_diag.c: inet_diag_bc_audit, inet_diag_bc_run): the
 * audit a request's bytecode must pass (else EINVAL) and the run over one
 * socket.  tests/filtertest.c and tests/fuzz/fuzz-filter.c check
 * filter_bytecode() with them against the matcher (filter_match_inet).
 */
#ifndef BCAUDIT_H
#define BCAUDIT_H

#include <stdint.h>

struct filter;

/* One socket as the kernel's run and the matcher see it. */
struct bcrow {
	int		 family;
	uint8_t		 a[2][16];	/* local, remote */
	unsigned int	 port[2];	/* local, remote */
	int		 st;		/* FILTER_TCPS_*, -1: none */
};

int	bc_audit(const uint8_t *, int);
int	bc_run(const uint8_t *, int, const struct bcrow *);
int	bc_match(const struct filter *, const struct bcrow *);
int	bc_states_take(uint32_t, int);

#endif /* BCAUDIT_H */
