/*
 * Hostile bytes for inet.c's inet_diag parser (inet_diag_parse) and the
 * dump callbacks around it (per family, and the one TCP walk with its
 * IPv6 stash), through inet_diag_feed().  See nlfuzz.h.
 */
#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>

#include "../netstat.h"
#include "nlfuzz.h"

#define	ITERATIONS	50000

/* Linux's socket states (include/net/tcp_states.h). */
enum {
	LS_ESTABLISHED = 1, LS_TIME_WAIT = 6, LS_LISTEN = 10, LS_MAX = 14
};

static void
build_diag(struct msg *m, int framed, int family, int state, int listen6)
{
	struct inet_diag_msg d;
	uint32_t mem[SK_MEMINFO_VARS];
	struct tcp_info ti;
	uint64_t acked = 123456789, rcvd = 987654321;
	unsigned char v6only = 1;
	int i;

	memset(&d, 0, sizeof(d));
	d.idiag_family = (uint8_t)family;
	d.idiag_state = (uint8_t)state;
	d.idiag_timer = 1;
	d.idiag_retrans = 2;
	d.id.idiag_sport = htons(22);
	d.id.idiag_dport = htons(50123);
	if (family == AF_INET) {
		d.id.idiag_src[0] = htonl(0x0a000001);
		d.id.idiag_dst[0] = htonl(0xc0a80102);
	} else {
		d.id.idiag_src[0] = htonl(0x20010db8);
		d.id.idiag_src[3] = htonl(1);
	}
	d.id.idiag_cookie[0] = 0xdeadbeef;
	d.id.idiag_cookie[1] = 0x1;
	d.idiag_expires = 4500;
	d.idiag_rqueue = 7;
	d.idiag_wqueue = listen6 ? 128 : 42;
	d.idiag_inode = 31337;
	msg_begin(m, framed, SOCK_DIAG_BY_FAMILY, &d, sizeof(d));
	for (i = 0; i < SK_MEMINFO_VARS; i++)
		mem[i] = 1000u * (uint32_t)(i + 1);
	(void)attr_put(m, INET_DIAG_SKMEMINFO, mem, sizeof(mem));
	memset(&ti, 0, sizeof(ti));
	memcpy((char *)&ti + offsetof(struct tcp_info, tcpi_bytes_acked),
	    &acked, sizeof(acked));
	memcpy((char *)&ti + offsetof(struct tcp_info, tcpi_bytes_received),
	    &rcvd, sizeof(rcvd));
	(void)attr_put(m, INET_DIAG_INFO, &ti, sizeof(ti));
	if (family == AF_INET6)
		(void)attr_put(m, INET_DIAG_SKV6ONLY, &v6only, 1);
	(void)attr_put(m, INET_DIAG_SHUTDOWN, &v6only, 1);
	if (framed)
		msg_end_nl(m);
}

static int
parse_exact(const void *src, size_t len, struct sockrow *r)
{
	unsigned char *p = exact(src, len);
	int rc;

	memset(r, 0x5a, sizeof(*r));
	rc = inet_diag_parse(p, len, r);
	free(p);
	return (rc);
}

static void
known_answers(void)
{
	struct sockrow r;
	struct msg m;
	struct inet_diag_msg d;
	unsigned char w[MSG_CAP];

	build_diag(&m, 0, AF_INET, LS_ESTABLISHED, 0);
	check(parse_exact(m.b, m.len, &r) == 0 && r.family == AF_INET &&
	    r.state == LS_ESTABLISHED && r.lport == 22 && r.fport == 50123 &&
	    r.laddr[0] == 10 && r.laddr[3] == 1 && r.faddr[0] == 192 &&
	    r.rq == 7 && r.sq == 42 && !r.have_maxq && r.inode == 31337 &&
	    r.cookie == 0x1deadbeefULL && r.timer == 1 && r.retrans == 2 &&
	    r.expires_ms == 4500 && r.v6only == -1,
	    "inet: inet_diag_parse: an IPv4 connection's fields");
	check(r.have_mem && r.mem[SK_MEMINFO_RCVBUF] == 2000 &&
	    r.mem[SK_MEMINFO_DROPS] == 9000 && r.have_bytes &&
	    r.txbytes == 123456789 && r.rxbytes == 987654321,
	    "inet: inet_diag_parse: meminfo and byte counts from attributes");

	build_diag(&m, 0, AF_INET6, LS_LISTEN, 1);
	check(parse_exact(m.b, m.len, &r) == 0 && r.family == AF_INET6 &&
	    r.have_maxq && r.maxq == 128 && r.sq == 0 && r.v6only == 1 &&
	    r.laddr[0] == 0x20 && r.laddr[15] == 1,
	    "inet: inet_diag_parse: an IPv6 listener's backlog and v6only");

	/* A meminfo too short for the drops: no figures, still a row. */
	build_diag(&m, 0, AF_INET, LS_ESTABLISHED, 0);
	memcpy(w, m.b, m.len);
	{
		unsigned short l = RTA_LENGTH(4 * sizeof(uint32_t));

		memcpy(w + m.at[0], &l, sizeof(l));
	}
	check(parse_exact(w, m.len, &r) == 0 && !r.have_mem && !r.have_bytes,
	    "inet: inet_diag_parse: a short meminfo loses the figures only");

	memset(&d, 0, sizeof(d));
	d.idiag_family = AF_UNIX;
	check(parse_exact(&d, sizeof(d), &r) < 0,
	    "inet: inet_diag_parse: a family not inet is refused");
	check(parse_exact(m.b, sizeof(d) - 1, &r) < 0,
	    "inet: inet_diag_parse: a short header is refused");
	check(parse_exact(m.b, sizeof(d), &r) == 0 && !r.have_mem,
	    "inet: inet_diag_parse: a header without attributes is a row");
}

/* inet_proc_parse over exactly the bytes of line. */
static int
proc_exact(const char *line, int family, int proto, struct sockrow *r)
{
	size_t len = strlen(line);

	return (inet_proc_parse(exact_tmp(line, len), len, family, proto, r));
}

static void
proc_known_answers(void)
{
	static const char tcp[] = "   0: 0100007F:0019 0200007F:9C40 01 "
	    "0000002A:00000007 02:00000064 00000003  1000        0 31337 1 "
	    "ffff8a0c41a3c000 100 0 0 10 0";
	static const char udp6[] = "  12: 00000000000000000000000001000000:"
	    "0035 00000000000000000000000000000000:0000 07 00000000:00000000 "
	    "00:00000000 00000000     0        0 4242 2 ffff8a0c41a3c400 17";
	struct sockrow r;

	check(proc_exact(tcp, AF_INET, IPPROTO_TCP, &r) == 0 &&
	    r.laddr[0] == 127 && r.laddr[3] == 1 && r.faddr[3] == 2 &&
	    r.lport == 25 && r.fport == 40000 && r.state == LS_ESTABLISHED &&
	    r.sq == 42 && r.rq == 7 && r.timer == 2 && r.expires_ms == 1000 &&
	    r.retrans == 3 && r.inode == 31337 && r.have_cookie &&
	    r.cookie == 0xffff8a0c41a3c000ULL && !r.have_drops,
	    "inet: inet_proc_parse: a net/tcp line's fields");
	check(proc_exact(udp6, AF_INET6, IPPROTO_UDP, &r) == 0 &&
	    r.laddr[15] == 1 && r.lport == 53 && r.inode == 4242 &&
	    r.have_drops && r.drops == 17,
	    "inet: inet_proc_parse: a net/udp6 line and its drops");
	check(proc_exact("   0: 0100007F:0019 0100007F:9C40 01 "
	    "100000000:00000000 00:00000000 00000000 0 0 7", AF_INET,
	    IPPROTO_TCP, &r) < 0,
	    "inet: inet_proc_parse: a queue beyond 32 bits is malformed");
	check(proc_exact("   0: 0100007F:0019 0100007F:9C40 01 "
	    "00000000:00000000 00:00000000 00000000 0 0 "
	    "18446744073709551616", AF_INET, IPPROTO_TCP, &r) < 0,
	    "inet: inet_proc_parse: an inode beyond 64 bits is malformed");
	check(proc_exact("   0: 0100007F:0019 0100007F:9C40 01 "
	    "00000000:00000000 00:00000000 00000000 0 0", AF_INET,
	    IPPROTO_TCP, &r) < 0 && proc_exact("", AF_INET, IPPROTO_TCP,
	    &r) < 0, "inet: inet_proc_parse: short lines are malformed");
}

/* Every truncation of every well-formed message. */
static void
truncations(void)
{
	static const int shapes[][3] = {
		{ AF_INET, LS_ESTABLISHED, 0 }, { AF_INET6, LS_LISTEN, 1 },
		{ AF_INET6, LS_TIME_WAIT, 0 }
	};
	struct sockrow r;
	struct msg m;
	size_t s, l;

	for (s = 0; s < sizeof(shapes) / sizeof(shapes[0]); s++) {
		build_diag(&m, 0, shapes[s][0], shapes[s][1], shapes[s][2]);
		for (l = 0; l <= m.len; l++)
			(void)parse_exact(m.b, l, &r);
	}
	check(1, "inet: inet_diag_parse: every truncation of 3 messages");
}

static void
set_feed(struct inet_feed *f, int family)
{
	memset(f, 0, sizeof(*f));
	f->proto = rnd_below(2) ? IPPROTO_TCP : IPPROTO_UDP;
	f->family = family;
	f->bindv6only = (int)rnd_below(2);
	f->collect = rnd_below(8) == 0;
}

/* A dump's walk over a copy of exactly len bytes. */
static int
feed_exact(const struct inet_feed *f, const void *src, size_t len)
{
	return (inet_diag_feed(f, exact_tmp(src, len), len, FUZZ_SEQ));
}

/* Options that change what a row prints. */
static void
shuffle_flags(void)
{
	uint32_t f = rnd();

	aflag = f & 1;
	Aflag = (f >> 1) & 1;
	xflag = (f >> 2) & 1;
	bflag = (f >> 3) & 1;
	Lflag = (f >> 4) & 7 ? 0 : 1;
	Wflag = (f >> 7) & 1;
}

static void
fuzz(int iterations)
{
	static unsigned char w[MSG_CAP * 2];
	struct inet_feed f;
	struct sockrow r;
	struct msg m;
	size_t wl;
	int i, family, framed, ok = 0, bad = 0;
	uint16_t type;

	for (i = 0; i < iterations; i++) {
		family = rnd_below(2) ? AF_INET : AF_INET6;
		framed = (int)rnd_below(2);
		build_diag(&m, framed, family,
		    (int)rnd_below(LS_MAX + 2), family == AF_INET6);
		memcpy(w, m.b, m.len);
		wl = m.len;
		if (!framed) {
			mutate(w, &wl, &m, 0);
			if (parse_exact(w, wl, &r) == 0)
				ok++;
			else
				bad++;
			continue;
		}
		if (rnd_below(4) == 0) {
			type = TCPDIAG_GETSOCK;
			memcpy(w + offsetof(struct nlmsghdr, nlmsg_type),
			    &type, sizeof(type));
		}
		mutate_nl(w, &wl, &m, NLMSG_HDRLEN);
		shuffle_flags();
		set_feed(&f, family);
		/* Or the one-walk path: IPv6 rows stashed, replayed after. */
		if (rnd_below(3) == 0)
			f.family = AF_UNSPEC;
		(void)feed_exact(&f, w, wl);
	}
	check(ok > 0 && bad > 0, "inet: inet_diag_parse: %d mutants (%d rows, "
	    "%d refused)", ok + bad, ok, bad);
	check(1, "inet: inet_diag_feed: %d mutants walked",
	    iterations - ok - bad);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;			/* no name service */
	known_answers();
	proc_known_answers();
	truncations();
	fuzz_outputs("inet", "socket", fuzz, ITERATIONS);
	return (failures ? 1 : 0);
}
