/*
 * Hostile bytes for unix.c's unix_diag parser (unix_diag_parse) and its
 * dump callbacks (unix_diag_ref, unix_diag_row).  See nlfuzz.h.
 */
#pragma GCC diagnostic ignored "-Wunused-function"

#include "../unix.c"
#include "nlfuzz.h"

#define	ITERATIONS	50000

/* inet.c's, which the -L rows call; its text is of no interest here. */
void
listen_banner(void)
{
	out_text("Current listen queue sizes (qlen/incqlen/maxqlen)\n");
}

/* A unix_diag answer; name of namelen bytes (0: no UNIX_DIAG_NAME). */
static void
build_unix(struct msg *m, unsigned int type, int state, const char *name,
    size_t namelen)
{
	struct unix_diag_msg d;
	struct unix_diag_rqlen q;

	msg_start_nl(m, SOCK_DIAG_BY_FAMILY, sizeof(d));
	memset(&d, 0, sizeof(d));
	d.udiag_family = AF_UNIX;
	d.udiag_type = (uint8_t)type;
	d.udiag_state = (uint8_t)state;
	d.udiag_ino = 4242;
	d.udiag_cookie[0] = 0x89abcdef;
	d.udiag_cookie[1] = 0x01234567;
	msg_hdr(m, NLMSG_HDRLEN, &d, sizeof(d));
	if (namelen > 0)
		(void)attr_put(m, UNIX_DIAG_NAME, name, namelen);
	attr_u32(m, UNIX_DIAG_PEER, 4141);
	q.udiag_rqueue = 3;
	q.udiag_wqueue = 5;
	(void)attr_put(m, UNIX_DIAG_RQLEN, &q, sizeof(q));
	msg_end_nl(m);
}

/* unix_diag_parse trusts nlmsg_len (the walker checked it): keep it so. */
static int
parse_exact(const void *src, size_t len, struct unixrow *u)
{
	unsigned char *p = exact(src, len);
	int rc;

	rc = unix_diag_parse((const struct nlmsghdr *)(void *)p, u);
	exact_free(p, len);
	return (rc);
}

static void
known_answers(void)
{
	static const char path[] = "/run/test.sock";
	static const char abs[] = "\0hidden\0x";
	char longname[UNIX_PATH_MAX + 1];
	struct unixrow u;
	struct msg m;
	unsigned char w[MSG_CAP];
	unsigned short l;

	build_unix(&m, SOCK_STREAM, UNIX_LISTEN, path, sizeof(path));
	check(parse_exact(m.b, m.len, &u) == 0 && u.type == SOCK_STREAM &&
	    u.listening && u.ino == 4242 && u.peer == 4141 && u.haveq &&
	    u.rq == 3 && u.wq == 5 && u.addr == 0x0123456789abcdefULL &&
	    !u.abstract && u.namelen == sizeof(path) - 1,
	    "unix: unix_diag_parse: a listener's fields");

	build_unix(&m, SOCK_DGRAM, 7, abs, sizeof(abs) - 1);
	check(parse_exact(m.b, m.len, &u) == 0 && u.abstract &&
	    u.namelen == sizeof(abs) - 1 && !u.listening,
	    "unix: unix_diag_parse: an abstract name keeps its NULs");

	memset(longname, 'x', sizeof(longname));
	build_unix(&m, SOCK_STREAM, 1, longname, sizeof(longname));
	check(parse_exact(m.b, m.len, &u) < 0,
	    "unix: unix_diag_parse: a name longer than sun_path is refused");

	build_unix(&m, SOCK_STREAM, 1, longname, UNIX_PATH_MAX);
	check(parse_exact(m.b, m.len, &u) == 0 &&
	    u.namelen == UNIX_PATH_MAX,
	    "unix: unix_diag_parse: a full sun_path without a NUL");

	build_unix(&m, SOCK_STREAM, 1, path, sizeof(path));
	memcpy(w, m.b, m.len);
	l = RTA_LENGTH(3);
	memcpy(w + m.at[1], &l, sizeof(l));
	check(parse_exact(w, m.len, &u) < 0,
	    "unix: unix_diag_parse: a 3-byte peer is refused");

	memcpy(w, m.b, m.len);
	w[NLMSG_HDRLEN] = AF_INET;
	check(parse_exact(w, m.len, &u) < 0,
	    "unix: unix_diag_parse: a family not AF_UNIX is refused");
}

static void
truncations(void)
{
	static const char path[] = "/tmp/.X11-unix/X0";
	struct unixrow u;
	struct msg m;
	unsigned char w[MSG_CAP];
	uint32_t l32;
	size_t l;

	build_unix(&m, SOCK_STREAM, UNIX_LISTEN, path, sizeof(path));
	for (l = NLMSG_HDRLEN; l <= m.len; l++) {
		memcpy(w, m.b, l);
		l32 = (uint32_t)l;
		memcpy(w, &l32, sizeof(l32));
		(void)parse_exact(w, l, &u);
	}
	check(1, "unix: unix_diag_parse: every truncation");
}

static void
fuzz(int iterations)
{
	static const struct {
		const char	*s;
		size_t		 n;	/* 0: no name attribute */
	} names[] = {
		{ "/run/a", 7 }, { "\0abstract", 9 },
		{ "/var/run/dbus/system_bus_socket", 32 }, { "", 0 }
	};
	static unsigned char w[MSG_CAP * 2];
	struct unixrefs refs;
	struct unixctx c;
	struct unixrow u;
	struct msg m;
	size_t wl, k;
	uint32_t l32;
	int i, ok = 0, bad = 0, walked = 0;

	memset(&refs, 0, sizeof(refs));
	for (i = 0; i < iterations; i++) {
		k = rnd_below(sizeof(names) / sizeof(names[0]));
		build_unix(&m, 1 + rnd_below(5), (int)rnd_below(12),
		    names[k].s, names[k].n);
		memcpy(w, m.b, m.len);
		wl = m.len;
		mutate_nl(w, &wl, &m, NLMSG_HDRLEN);
		if (rnd_below(2) && wl >= NLMSG_HDRLEN) {
			/* Directly, as the walker would hand it over. */
			memcpy(&l32, w, sizeof(l32));
			if (l32 < NLMSG_HDRLEN || l32 > wl) {
				l32 = (uint32_t)wl;
				memcpy(w, &l32, sizeof(l32));
			}
			if (parse_exact(w, l32, &u) == 0)
				ok++;
			else
				bad++;
			continue;
		}
		walked++;
		Lflag = rnd_below(4) == 0;
		memset(&c, 0, sizeof(c));
		c.refs = &refs;
		(void)walk_exact(w, wl, unix_diag_ref, &c);
		if (refs.n > 0)
			qsort(refs.v, refs.n, sizeof(*refs.v), ref_cmp);
		if (rnd_below(2))
			c.refs = NULL;
		(void)walk_exact(w, wl, unix_diag_row, &c);
		if (refs.n > 256) {
			free(refs.v);
			memset(&refs, 0, sizeof(refs));
		}
	}
	free(refs.v);
	check(ok > 0 && bad > 0, "unix: unix_diag_parse: %d mutants (%d rows, "
	    "%d refused)", ok + bad, ok, bad);
	check(1, "unix: unix_diag_ref, unix_diag_row: %d mutants walked",
	    walked);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;
	known_answers();
	truncations();
	out_set_style("text");
	out_init();
	fuzz(ITERATIONS);
	check(out_finish() == 0, "unix: text output survived");
	out_set_style("json");
	out_init();
	out_open_list("socket");
	fuzz(ITERATIONS / 3);
	out_close_list();
	check(out_finish() == 0, "unix: JSON output survived");
	return (failures ? 1 : 0);
}
