/*
 * Shared by the netlink fuzz harnesses (tests/nlfuzz-*.c): the ok / not
 * ok report (check.h) sent to the real stdout, a seeded PRNG, a message
 * builder that remembers where its attributes are, and the mutator.
 * Each harness reaches its subsystem's parsers (declared in netstat.h,
 * or by including the subsystem .c file), builds well-formed
 * messages, checks a few known answers, then feeds the parsers mutated
 * copies, each in a heap block of exactly its length (exact.h) so that
 * AddressSanitizer sees any over-read.
 */
#ifndef NLFUZZ_H
#define NLFUZZ_H

/* Not every harness uses every helper below. */
#pragma GCC diagnostic ignored "-Wunused-function"

#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "exact.h"

#define	FUZZ_SEQ	1		/* the sequence number of our messages */
#define	MSG_CAP		4096
#define	MSG_MAXATTR	64

/*
 * The parsers' rows go to the output layer; it must not crash either,
 * but its text is of no interest: stdout goes to /dev/null, the report
 * (check_out) to a copy of the original stdout.
 */
static void
quiet_stdout(void)
{
	const char *out;
	int fd, saved;

	fflush(stdout);
	if ((saved = dup(1)) < 0 || (check_out = fdopen(saved, "w")) == NULL) {
		perror("nlfuzz: dup");
		exit(2);
	}
	/* NLFUZZ_OUT=file keeps the rows, to see what the mutants print. */
	if ((out = getenv("NLFUZZ_OUT")) == NULL)
		out = "/dev/null";
	if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0 ||
	    dup2(fd, 1) < 0) {
		perror("nlfuzz: /dev/null");
		exit(2);
	}
	close(fd);
}

/* xorshift64*: fixed seed, the same run every time. */
static uint64_t rng_state = 0x2545f4914f6cdd1dULL;

static uint32_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return ((uint32_t)((rng_state * 0x2545f4914f6cdd1dULL) >> 32));
}

static uint32_t
rnd_below(uint32_t n)
{
	return (n == 0 ? 0 : rnd() % n);
}

/*
 * A message being built: its bytes and the offsets of its attributes
 * (nested ones too), so the mutator can aim at their headers.
 */
struct msg {
	unsigned char	 b[MSG_CAP];
	size_t		 len;
	size_t		 at[MSG_MAXATTR];
	int		 nat;
};

/*
 * Start a message with its family header h (hlen bytes), behind an
 * nlmsghdr of that type when framed (msg_end_nl() then).
 */
static void
msg_begin(struct msg *m, int framed, uint16_t type, const void *h,
    size_t hlen)
{
	struct nlmsghdr nlh;
	size_t skip = framed ? NLMSG_HDRLEN : 0;

	memset(m, 0, sizeof(*m));
	m->len = skip + NLMSG_ALIGN(hlen);
	if (framed) {
		memset(&nlh, 0, sizeof(nlh));
		nlh.nlmsg_type = type;
		nlh.nlmsg_seq = FUZZ_SEQ;
		nlh.nlmsg_flags = NLM_F_MULTI;
		memcpy(m->b, &nlh, sizeof(nlh));
	}
	memcpy(m->b + skip, h, hlen);
}

/* Fix the netlink length field to the message's length. */
static void
msg_end_nl(struct msg *m)
{
	uint32_t l = (uint32_t)m->len;

	memcpy(m->b, &l, sizeof(l));
}

static size_t
attr_put(struct msg *m, unsigned short type, const void *data, size_t dlen)
{
	struct rtattr rta;
	size_t off = m->len;

	if (off + RTA_SPACE(dlen) > sizeof(m->b))
		abort();
	rta.rta_len = (unsigned short)RTA_LENGTH(dlen);
	rta.rta_type = type;
	memcpy(m->b + off, &rta, sizeof(rta));
	if (dlen > 0)
		memcpy(m->b + off + RTA_LENGTH(0), data, dlen);
	memset(m->b + off + RTA_LENGTH(dlen), 0,
	    RTA_SPACE(dlen) - RTA_LENGTH(dlen));
	m->len += RTA_SPACE(dlen);
	if (m->nat < MSG_MAXATTR)
		m->at[m->nat++] = off;
	return (off);
}

static void
attr_u32(struct msg *m, unsigned short type, uint32_t v)
{
	(void)attr_put(m, type, &v, sizeof(v));
}

/* A nested attribute: attr_nest(), its members, attr_nest_end(). */
static size_t
attr_nest(struct msg *m, unsigned short type)
{
	return (attr_put(m, type, NULL, 0));
}

static void
attr_nest_end(struct msg *m, size_t off)
{
	unsigned short l = (unsigned short)(m->len - off);

	memcpy(m->b + off, &l, sizeof(l));
}

/* Raw bytes (a struct rtnexthop, say) inside a nest, 4-aligned. */
static size_t
msg_raw(struct msg *m, const void *data, size_t len)
{
	size_t off = m->len;

	memcpy(m->b + off, data, len);
	m->len += RTA_ALIGN(len);
	return (off);
}

/*
 * Mutation.  w holds a copy of a well-formed message (wl bytes, room for
 * MSG_CAP * 2); m says where its attributes are; famoff is the offset of
 * its family byte.  One to four random damages.
 */
static const uint32_t odd_lengths[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 15, 16, 17, 0xfffc, 0xffff,
	0x7fff, 0x8000, 0x1000
};

static unsigned short
odd_length(void)
{
	return ((unsigned short)odd_lengths[rnd_below(sizeof(odd_lengths) /
	    sizeof(odd_lengths[0]))]);
}

/* A random attribute's offset, need bytes of it within wl; -1: none. */
static int
pick_attr(const struct msg *m, size_t wl, size_t need, size_t *off)
{
	if (m->nat == 0)
		return (-1);
	*off = m->at[rnd_below((uint32_t)m->nat)];
	return (*off + need > wl ? -1 : 0);
}

static void
mutate(unsigned char *w, size_t *wlp, const struct msg *m, size_t famoff)
{
	static const unsigned char fams[] = {
		0, 1, 2, 10, 16, 17, 0x7f, 0xff
	};
	size_t wl = *wlp, off, i, n;
	unsigned short v;
	int k, rounds = 1 + (int)rnd_below(4);

	for (k = 0; k < rounds; k++) {
		switch (rnd_below(10)) {
		case 0:		/* flip bits */
			if (wl > 0)
				w[rnd_below((uint32_t)wl)] ^=
				    (unsigned char)(1u << rnd_below(8));
			break;
		case 1:		/* a boundary value */
			if (wl > 0)
				w[rnd_below((uint32_t)wl)] =
				    (unsigned char)(rnd_below(2) ? 0xff :
				    rnd_below(3) * 0x40);
			break;
		case 2:		/* truncate */
			wl = rnd_below((uint32_t)wl + 1);
			break;
		case 3:		/* an attribute length: 0, 3, 4, huge, odd */
		case 4:
			if (pick_attr(m, wl, 2, &off) < 0)
				break;
			if (rnd_below(3) == 0)
				v = (unsigned short)(wl - off +
				    rnd_below(9) - 4);
			else
				v = odd_length();
			memcpy(w + off, &v, sizeof(v));
			break;
		case 5:		/* an attribute type, maybe flagged nested */
			if (pick_attr(m, wl, 4, &off) < 0)
				break;
			v = (unsigned short)(rnd_below(40) |
			    (rnd_below(4) == 0 ? NLA_F_NESTED : 0));
			memcpy(w + off + 2, &v, sizeof(v));
			break;
		case 6:		/* an attribute's payload: no NUL, all 'A' */
			if (pick_attr(m, wl, 4, &off) < 0)
				break;
			memcpy(&v, w + off, sizeof(v));
			n = v < 4 ? 0 : v - 4u;
			if (off + 4 + n > wl)
				n = wl - off - 4;
			memset(w + off + 4, rnd_below(2) ? 'A' : 0xff, n);
			break;
		case 7:		/* the family */
			if (famoff < wl)
				w[famoff] = fams[rnd_below(sizeof(fams))];
			break;
		case 8:		/* garbage at the end, maybe attribute-like */
			n = rnd_below(64);
			if (wl + n > MSG_CAP * 2)
				break;
			for (i = 0; i < n; i++)
				w[wl + i] = (unsigned char)rnd();
			if (n >= 4 && rnd_below(2)) {
				v = rnd_below(2) ? (unsigned short)n :
				    odd_length();
				memcpy(w + wl, &v, sizeof(v));
			}
			wl += n;
			break;
		case 9:		/* an attribute again, at the end */
			if (pick_attr(m, wl, 4, &off) < 0)
				break;
			memcpy(&v, w + off, sizeof(v));
			n = RTA_ALIGN(v);
			if (n < 4 || off + n > wl || wl + n > MSG_CAP * 2)
				break;
			memmove(w + wl, w + off, n);
			wl += n;
			break;
		}
	}
	*wlp = wl;
}

/*
 * A netlink-framed mutant: most of the time its nlmsg_len is made to
 * match (as the walker requires), so the damage reaches the payload.
 */
static void
mutate_nl(unsigned char *w, size_t *wlp, const struct msg *m, size_t famoff)
{
	uint32_t l;

	mutate(w, wlp, m, famoff);
	if (*wlp >= sizeof(l) && rnd_below(8) != 0) {
		l = (uint32_t)*wlp;
		memcpy(w, &l, sizeof(l));
	}
}

/*
 * fuzz(iterations) with the rows printed as text, then fuzz(iterations /
 * 3) as a JSON list: the output layer must survive what the parsers took.
 */
static void
fuzz_outputs(const char *who, const char *list, void (*fuzz)(int),
    int iterations)
{
	out_set_style("text");
	out_init();
	fuzz(iterations);
	check(out_finish() == 0, "%s: text output survived", who);
	out_set_style("json");
	out_init();
	out_open_list(list);
	fuzz(iterations / 3);
	out_close_list();
	check(out_finish() == 0, "%s: JSON output survived", who);
}

/* Walk a buffer of netlink messages as the dump reader does, in place. */
static int
walk_exact(const void *src, size_t len, nl_msg_fn fn, void *arg)
{
	unsigned char *p = exact(src, len);
	int rc;

	rc = nl_walk(p, len, FUZZ_SEQ, fn, arg);
	free(p);
	return (rc);
}

#endif /* NLFUZZ_H */
