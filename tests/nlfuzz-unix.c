/*
 * Hostile bytes for unix.c's unix_diag parser (unix_diag_parse) and its
 * dump callbacks, through unix_diag_feed().  See nlfuzz.h.
 */
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>

#include "../netstat.h"
#include "nlfuzz.h"

#define	ITERATIONS	50000
#define	UNIX_PATH_MAX	108		/* sizeof(sun_path) */
#define	UNIX_LISTEN	10		/* TCP_LISTEN */

/* A unix_diag answer; name of namelen bytes (0: no UNIX_DIAG_NAME). */
static void
build_unix(struct msg *m, unsigned int type, int state, const char *name,
    size_t namelen)
{
	struct unix_diag_msg d;
	struct unix_diag_rqlen q;
	struct unix_diag_vfs v;

	memset(&d, 0, sizeof(d));
	d.udiag_family = AF_UNIX;
	d.udiag_type = (uint8_t)type;
	d.udiag_state = (uint8_t)state;
	d.udiag_ino = 4242;
	d.udiag_cookie[0] = 0x89abcdef;
	d.udiag_cookie[1] = 0x01234567;
	msg_begin(m, 1, SOCK_DIAG_BY_FAMILY, &d, sizeof(d));
	if (namelen > 0)
		(void)attr_put(m, UNIX_DIAG_NAME, name, namelen);
	attr_u32(m, UNIX_DIAG_PEER, 4141);
	q.udiag_rqueue = 3;
	q.udiag_wqueue = 5;
	(void)attr_put(m, UNIX_DIAG_RQLEN, &q, sizeof(q));
	v.udiag_vfs_ino = 777;
	v.udiag_vfs_dev = 8;
	(void)attr_put(m, UNIX_DIAG_VFS, &v, sizeof(v));
	msg_end_nl(m);
}

/* unix_diag_parse checks nlmsg_len against len itself. */
static int
parse_exact(const void *src, size_t len, struct unixrow *u)
{
	return (unix_diag_parse(exact_tmp(src, len), len, u));
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
	    u.havevfs && u.vfsino == 777 &&
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
	l = RTA_LENGTH(4);
	memcpy(w + m.at[3], &l, sizeof(l));
	check(parse_exact(w, m.len, &u) < 0,
	    "unix: unix_diag_parse: a 4-byte UNIX_DIAG_VFS is refused");

	memcpy(w, m.b, m.len);
	w[NLMSG_HDRLEN] = AF_INET;
	check(parse_exact(w, m.len, &u) < 0,
	    "unix: unix_diag_parse: a family not AF_UNIX is refused");
}

/*
 * unix_proc_parse over exactly the bytes of line; the name, which points
 * into them, is copied to pathbuf (NUL-terminated) before they go.
 */
static char pathbuf[UNIX_PATH_MAX + 1];

static int
proc_exact(const char *line, struct unixrow *u)
{
	size_t len = strlen(line);
	unsigned char *p = exact(line, len);
	int rc;

	rc = unix_proc_parse((const char *)p, len, u);
	pathbuf[0] = '\0';
	if (rc == 0 && u->namelen < sizeof(pathbuf)) {
		memcpy(pathbuf, u->name, u->namelen);
		pathbuf[u->namelen] = '\0';
	}
	u->name = NULL;
	free(p);
	return (rc);
}

static void
proc_known_answers(void)
{
	struct unixrow u;

	check(proc_exact("ffff8881034a5c00: 00000002 00000000 00010000 0001 "
	    "01 30001 /tmp/with space", &u) == 0 &&
	    u.addr == 0xffff8881034a5c00ULL && u.type == SOCK_STREAM &&
	    u.listening && u.ino == 30001 && !u.haveq && u.namelen == 15 &&
	    strcmp(pathbuf, "/tmp/with space") == 0,
	    "unix: unix_proc_parse: a listener and its path");
	check(proc_exact("0000000000000000: 00000002 00000000 00000000 0002 "
	    "03  1205", &u) == 0 && u.ino == 1205 && u.type == SOCK_DGRAM &&
	    !u.listening && u.namelen == 0,
	    "unix: unix_proc_parse: a padded inode, no path");
	check(proc_exact("0000000000000000: 00000002 00000000 zz", &u) < 0 &&
	    proc_exact("0000000000000000: 00000002 00000000 00000000 10000 "
	    "01 1", &u) < 0 && proc_exact("0000000000000000: 00000002 "
	    "00000000 00000000 0001 01 4294967296", &u) < 0 &&
	    proc_exact(" 0: 00000002 00000000 00000000 0001 01 1", &u) < 0,
	    "unix: unix_proc_parse: bad, too large, out of place");
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
	for (l = 0; l <= m.len; l++) {
		memcpy(w, m.b, m.len);
		l32 = (uint32_t)l;
		if (l >= sizeof(l32))
			memcpy(w, &l32, sizeof(l32));
		(void)parse_exact(w, l, &u);
	}
	check(1, "unix: unix_diag_parse: every truncation");
}

/* Both passes of a dump over a copy of exactly wl bytes. */
static int
walk_feed(const void *src, size_t len, int refs)
{
	return (unix_diag_feed(exact_tmp(src, len), len, FUZZ_SEQ, refs));
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
	struct unixrow u;
	struct msg m;
	size_t wl, k;
	int i, ok = 0, bad = 0, walked = 0;

	for (i = 0; i < iterations; i++) {
		k = rnd_below(sizeof(names) / sizeof(names[0]));
		build_unix(&m, 1 + rnd_below(5), (int)rnd_below(12),
		    names[k].s, names[k].n);
		memcpy(w, m.b, m.len);
		wl = m.len;
		mutate_nl(w, &wl, &m, NLMSG_HDRLEN);
		if (rnd_below(2)) {
			/* Directly, its own length against the buffer's. */
			if (parse_exact(w, wl, &u) == 0)
				ok++;
			else
				bad++;
			continue;
		}
		walked++;
		Lflag = rnd_below(4) == 0;
		(void)walk_feed(w, wl, (int)rnd_below(2));
	}
	check(ok > 0 && bad > 0, "unix: unix_diag_parse: %d mutants (%d rows, "
	    "%d refused)", ok + bad, ok, bad);
	check(1, "unix: unix_diag_feed: %d mutants walked",
	    walked);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;
	known_answers();
	proc_known_answers();
	truncations();
	fuzz_outputs("unix", "socket", fuzz, ITERATIONS);
	return (failures ? 1 : 0);
}
