/*
 * Hostile bytes for inet.c's inet_diag parser (diag_parse) and the dump
 * callbacks around it (diag_msg, both_msg and the stash).  See nlfuzz.h.
 */
#pragma GCC diagnostic ignored "-Wunused-function"

#include "../inet.c"
#include "nlfuzz.h"

#define	ITERATIONS	50000

/* A protox table for the listing code: only its shape matters here. */
const struct protox protox[] = {
	{ "tcp", AF_UNSPEC, IPPROTO_TCP, AF_INET, 0, NULL, NULL, 0, NULL,
	    NULL },
	{ NULL, 0, 0, 0, 0, NULL, NULL, 0, NULL, NULL }
};

static void
build_diag(struct msg *m, int framed, int family, int state, int listen6)
{
	struct inet_diag_msg d;
	uint32_t mem[SK_MEMINFO_VARS];
	struct tcp_info ti;
	uint64_t acked = 123456789, rcvd = 987654321;
	unsigned char v6only = 1;
	size_t skip = framed ? NLMSG_HDRLEN : 0;
	int i;

	if (framed)
		msg_start_nl(m, SOCK_DIAG_BY_FAMILY, sizeof(d));
	else
		msg_start(m, sizeof(d));
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
	msg_hdr(m, skip, &d, sizeof(d));
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
	rc = diag_parse(p, len, r);
	exact_free(p, len);
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
	    "inet: diag_parse: an IPv4 connection's fields");
	check(r.have_mem && r.mem[SK_MEMINFO_RCVBUF] == 2000 &&
	    r.mem[SK_MEMINFO_DROPS] == 9000 && r.have_bytes &&
	    r.txbytes == 123456789 && r.rxbytes == 987654321,
	    "inet: diag_parse: meminfo and byte counts from attributes");

	build_diag(&m, 0, AF_INET6, LS_LISTEN, 1);
	check(parse_exact(m.b, m.len, &r) == 0 && r.family == AF_INET6 &&
	    r.have_maxq && r.maxq == 128 && r.sq == 0 && r.v6only == 1 &&
	    r.laddr[0] == 0x20 && r.laddr[15] == 1,
	    "inet: diag_parse: an IPv6 listener's backlog and v6only");

	/* A meminfo too short for the drops: no figures, still a row. */
	build_diag(&m, 0, AF_INET, LS_ESTABLISHED, 0);
	memcpy(w, m.b, m.len);
	{
		unsigned short l = RTA_LENGTH(4 * sizeof(uint32_t));

		memcpy(w + m.at[0], &l, sizeof(l));
	}
	check(parse_exact(w, m.len, &r) == 0 && !r.have_mem && !r.have_bytes,
	    "inet: diag_parse: a short meminfo loses the figures only");

	memset(&d, 0, sizeof(d));
	d.idiag_family = AF_UNIX;
	check(parse_exact(&d, sizeof(d), &r) < 0,
	    "inet: diag_parse: a family not inet is refused");
	check(parse_exact(m.b, sizeof(d) - 1, &r) < 0,
	    "inet: diag_parse: a short header is refused");
	check(parse_exact(m.b, sizeof(d), &r) == 0 && !r.have_mem,
	    "inet: diag_parse: a header without attributes is a row");
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
	check(1, "inet: diag_parse: every truncation of 3 messages");
}

static void
set_listing(struct listing *ls, int family)
{
	memset(ls, 0, sizeof(*ls));
	ls->name = rnd_below(2) ? "tcp" : "udp";
	ls->svc = ls->name;
	ls->proto = ls->name[0] == 't' ? IPPROTO_TCP : IPPROTO_UDP;
	ls->family = family;
	ls->show4 = ls->show6 = 1;
	ls->bindv6only = (int)rnd_below(2);
	ls->collect = rnd_below(8) == 0;
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
	struct listing ls;
	struct both b;
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
		set_listing(&ls, family);
		if (rnd_below(3) != 0) {
			(void)walk_exact(w, wl, diag_msg, &ls);
			continue;
		}
		/* The one-walk path: IPv6 rows stashed, replayed after. */
		memset(&b, 0, sizeof(b));
		b.ls = &ls;
		(void)walk_exact(w, wl, both_msg, &b);
		(void)walk_exact(w, wl, both_msg, &b);
		stash_replay(&ls, &b.st);
		stash_free(&b.st);
	}
	check(ok > 0 && bad > 0, "inet: diag_parse: %d mutants (%d rows, "
	    "%d refused)", ok + bad, ok, bad);
	check(1, "inet: diag_msg, both_msg: %d mutants walked",
	    iterations - ok - bad);
}

int
main(void)
{
	quiet_stdout();
	nflag = 1;			/* no name service */
	addrwidth = address_width();
	(void)snprintf(addrfmt, sizeof(addrfmt), "%%-%ds ", addrwidth);
	known_answers();
	truncations();
	out_set_style("text");
	out_init();
	fuzz(ITERATIONS);
	check(out_finish() == 0, "inet: text output survived");
	out_set_style("json");
	out_init();
	out_open_list("socket");
	fuzz(ITERATIONS / 3);
	out_close_list();
	check(out_finish() == 0, "inet: JSON output survived");
	free(halfopen);
	return (failures ? 1 : 0);
}
