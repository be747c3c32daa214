/*
 * Known answers and hostile bytes for the parsers of issue 12: tcp_info,
 * INET_DIAG_CONG and INET_DIAG_ULP_INFO (tcpinfo.c, through inet.c's
 * inet_diag_parse), packet_diag and net/packet (packet.c), vsock_diag
 * (vsock.c), net/sctp/assocs and eps and sctp_diag (sctp.c).  See
 * nlfuzz.h.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <linux/inet_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/vm_sockets_diag.h>

#include <stddef.h>
#include <stdint.h>

#include <linux/sctp.h>		/* after the socket types it uses */

#include "../netstat.h"
#include "nlfuzz.h"

#define	ITERATIONS	30000
#define	TI_FULL		280	/* a 6.18 kernel's struct tcp_info */

static void
put32(unsigned char *b, size_t off, uint32_t v)
{
	memcpy(b + off, &v, sizeof(v));
}

/* A tcp_info of len bytes with known figures. */
static void
tcp_info_bytes(unsigned char *b, size_t len)
{
	size_t snd_wnd = offsetof(struct tcp_info, tcpi_snd_wnd);
	uint16_t rto = 7;

	memset(b, 0, len);
	b[offsetof(struct tcp_info, tcpi_options)] = TCPI_OPT_ECN;
	put32(b, offsetof(struct tcp_info, tcpi_total_retrans), 11);
	put32(b, offsetof(struct tcp_info, tcpi_lost), 3);
	put32(b, offsetof(struct tcp_info, tcpi_snd_cwnd), 10);
	put32(b, offsetof(struct tcp_info, tcpi_snd_ssthresh), 0x7fffffff);
	put32(b, offsetof(struct tcp_info, tcpi_snd_mss), 1448);
	put32(b, offsetof(struct tcp_info, tcpi_rtt), 12345);
	put32(b, offsetof(struct tcp_info, tcpi_rttvar), 678);
	if (len >= snd_wnd)
		put32(b, offsetof(struct tcp_info, tcpi_rcv_ooopack), 5);
	if (len >= snd_wnd + 14)
		memcpy(b + snd_wnd + 12, &rto, sizeof(rto));
}

static void
info_known(void)
{
	unsigned char b[TI_FULL];
	struct tcpx tx;
	size_t old = offsetof(struct tcp_info, tcpi_total_retrans) + 4;

	tcp_info_bytes(b, sizeof(b));
	memset(&tx, 0, sizeof(tx));
	check(tcpx_info(b, sizeof(b), &tx) == 0 && tx.have_info &&
	    tx.retrans == 11 && tx.lost == 3 && tx.cwnd == 10 &&
	    tx.ssthresh == 0x7fffffff && tx.mss == 1448 && tx.rtt == 12345 &&
	    tx.rttvar == 678 && tx.ecn == 1,
	    "fam: tcpx_info: a 6.18 tcp_info's figures");
	check(tx.have_ooo && tx.ooo == 5 && tx.have_rtos && tx.rtos == 7,
	    "fam: tcpx_info: tcpi_rcv_ooopack and tcpi_total_rto");
	tcp_info_bytes(b, old);
	memset(&tx, 0, sizeof(tx));
	check(tcpx_info(b, old, &tx) == 0 && tx.retrans == 11 &&
	    !tx.have_ooo && !tx.have_rtos,
	    "fam: tcpx_info: an old kernel's has no ooopack, no total_rto");
	memset(&tx, 0, sizeof(tx));
	check(tcpx_info(b, old - 1, &tx) < 0 && !tx.have_info,
	    "fam: tcpx_info: one byte short of tcpi_total_retrans: refused");
	check(tcpx_cong("cubic", 6, &tx) == 0 && strcmp(tx.cc, "cubic") == 0,
	    "fam: tcpx_cong: cubic");
	memset(&tx, 0, sizeof(tx));
	check(tcpx_cong("reno", 4, &tx) == 0 && strcmp(tx.cc, "reno") == 0,
	    "fam: tcpx_cong: a name without its NUL");
	memset(&tx, 0, sizeof(tx));
	check(tcpx_cong("", 1, &tx) < 0 && tcpx_cong("0123456789abcdef", 16,
	    &tx) < 0 && !tx.have_cc,
	    "fam: tcpx_cong: empty and 16-byte names refused");
}

/* An inet_diag answer's payload with INFO, CONG and ULP_INFO. */
static void
build_inet(struct msg *m, const char *ulp)
{
	unsigned char ti[TI_FULL];
	struct inet_diag_msg d;
	size_t nest;

	memset(&d, 0, sizeof(d));
	d.idiag_family = AF_INET;
	d.idiag_state = 1;
	d.id.idiag_sport = htons(22);
	d.id.idiag_dport = htons(50000);
	d.idiag_inode = 77;
	msg_begin(m, 0, 0, &d, sizeof(d));
	tcp_info_bytes(ti, sizeof(ti));
	(void)attr_put(m, INET_DIAG_INFO, ti, sizeof(ti));
	(void)attr_put(m, INET_DIAG_CONG, "bbr", 4);
	if (ulp != NULL) {
		nest = attr_nest(m, INET_DIAG_ULP_INFO);
		(void)attr_put(m, INET_ULP_INFO_NAME, ulp, strlen(ulp) + 1);
		attr_nest_end(m, nest);
	}
}

static int
inet_exact(const void *src, size_t len, struct sockrow *r)
{
	return (inet_diag_parse(exact_tmp(src, len), len, r));
}

static void
inet_known(void)
{
	struct sockrow r;
	struct msg m;

	build_inet(&m, "tls");
	check(inet_exact(m.b, m.len, &r) == 0 && r.tx.have_info &&
	    r.tx.retrans == 11 && r.tx.have_cc &&
	    strcmp(r.tx.cc, "bbr") == 0 && r.tx.have_ulp &&
	    strcmp(r.tx.ulp, "tls") == 0,
	    "fam: inet_diag_parse: tcp_info, bbr, ULP tls");
	build_inet(&m, NULL);
	check(inet_exact(m.b, m.len, &r) == 0 && !r.tx.have_ulp,
	    "fam: inet_diag_parse: no ULP");
	build_inet(&m, "mptcp");
	check(inet_exact(m.b, m.len, &r) == 0 && strcmp(r.tx.ulp, "mptcp") == 0,
	    "fam: inet_diag_parse: an MPTCP subflow's ULP");
}

static void
build_packet(struct msg *m, int meminfo)
{
	struct packet_diag_msg d;
	struct packet_diag_info pi;
	uint32_t mem[SK_MEMINFO_VARS];

	memset(&d, 0, sizeof(d));
	d.pdiag_family = AF_PACKET;
	d.pdiag_type = SOCK_RAW;
	d.pdiag_num = 0x0800;		/* host order, as the kernel sends */
	d.pdiag_ino = 4242;
	msg_begin(m, 0, 0, &d, sizeof(d));
	memset(&pi, 0, sizeof(pi));
	pi.pdi_index = 3;
	(void)attr_put(m, PACKET_DIAG_INFO, &pi, sizeof(pi));
	if (meminfo) {
		memset(mem, 0, sizeof(mem));
		mem[SK_MEMINFO_RMEM_ALLOC] = 2304;
		mem[SK_MEMINFO_DROPS] = 9;
		(void)attr_put(m, PACKET_DIAG_MEMINFO, mem, sizeof(mem));
	}
}

static int
packet_exact(const void *src, size_t len, struct pktrow *p)
{
	return (packet_diag_parse(exact_tmp(src, len), len, p));
}

static void
packet_known(void)
{
	static const char line[] =
	    "ffff8a0c4e5f7000 3      3    0003   2     1 0      0      123456";
	static const char bad[] =
	    "ffff8a0c4e5f7000 3      3    10003  2     1 0      0      123456";
	struct pktrow p;
	struct msg m;

	build_packet(&m, 1);
	check(packet_exact(m.b, m.len, &p) == 0 && p.type == SOCK_RAW &&
	    p.proto == 0x0800 && p.ifindex == 3 && p.have_if &&
	    p.have_mem && p.drops == 9 && p.rmem == 2304 && p.ino == 4242,
	    "fam: packet_diag_parse: interface, protocol, drops");
	build_packet(&m, 0);
	check(packet_exact(m.b, m.len, &p) == 0 && !p.have_mem,
	    "fam: packet_diag_parse: no MEMINFO, no drops");
	check(packet_exact(m.b, sizeof(struct packet_diag_msg) - 1, &p) < 0,
	    "fam: packet_diag_parse: a short header is refused");
	check(packet_proc_parse(line, sizeof(line) - 1, &p) == 0 &&
	    p.type == 3 && p.proto == 3 && p.ifindex == 2 && !p.have_mem &&
	    p.ino == 123456, "fam: packet_proc_parse: a net/packet line");
	check(packet_proc_parse(bad, sizeof(bad) - 1, &p) < 0 &&
	    packet_proc_parse(line, 20, &p) < 0,
	    "fam: packet_proc_parse: a protocol past 16 bits, a cut line");
}

static void
vsock_known(void)
{
	struct vsock_diag_msg d;
	struct vsockrow v;
	unsigned char *b;

	memset(&d, 0, sizeof(d));
	d.vdiag_family = 40;	/* AF_VSOCK */
	d.vdiag_type = SOCK_STREAM;
	d.vdiag_state = 10;
	d.vdiag_src_cid = 1;
	d.vdiag_src_port = 4321;
	d.vdiag_dst_cid = 0xffffffff;
	d.vdiag_dst_port = 0xffffffff;
	d.vdiag_ino = 99;
	b = exact(&d, sizeof(d));
	check(vsock_diag_parse(b, sizeof(d), &v) == 0 && v.lcid == 1 &&
	    v.lport == 4321 && v.fcid == 0xffffffff && v.state == 10 &&
	    v.ino == 99, "fam: vsock_diag_parse: a listener on 1.4321");
	check(vsock_diag_parse(b, sizeof(d) - 1, &v) < 0,
	    "fam: vsock_diag_parse: a short answer is refused");
	free(b);
}

static void
sctp_known(void)
{
	static const char assoc[] = "       0        0 2   1   3  0       1"
	    "       12       34       0 31338 9000   40000  10.0.0.1 "
	    "*192.168.1.1 <-> *10.0.0.2 192.168.1.2 \t    30000    10    10";
	static const char ep[] = "       0        0 1   10  40   9000      0"
	    " 31337 2001:db8::1 ";
	static const char bad[] = "       0        0 2   1   3  0       1"
	    "        0        0       0 31338 9000   40000  10.0.0.1 10.0.0.2";
	struct sctprow r;

	check(sctp_proc_parse(assoc, sizeof(assoc) - 1, 0, &r) == 0 &&
	    r.type == 2 && r.state == 3 && r.sq == 12 && r.rq == 34 &&
	    r.ino == 31338 && r.lport == 9000 && r.fport == 40000 &&
	    r.nladdr == 2 && r.nfaddr == 2 && r.laddr[1].primary &&
	    r.faddr[0].primary && r.laddr[0].family == AF_INET,
	    "fam: sctp_proc_parse: an association, two addresses a side");
	check(sctp_proc_parse(ep, sizeof(ep) - 1, 1, &r) == 0 &&
	    r.listening && r.lport == 9000 && r.ino == 31337 &&
	    r.nladdr == 1 && r.laddr[0].family == AF_INET6,
	    "fam: sctp_proc_parse: an endpoint");
	check(sctp_proc_parse(bad, sizeof(bad) - 1, 0, &r) < 0 &&
	    sctp_proc_parse(assoc, 40, 0, &r) < 0,
	    "fam: sctp_proc_parse: no \"<->\", a cut line: refused");
}

/*
 * sctp_diag.  The sockets of tests/fixtures/sctp-multi as the kernel
 * would answer for them: an endpoint (no peers) or an association.
 */
#define	SA_LEN		sizeof(struct sockaddr_storage)
#define	SCTP_SEQPKT	0	/* sctpi_s_type: SCTP_SOCKET_UDP */
#define	SCTP_TCPSTYLE	2	/* SCTP_SOCKET_TCP */

struct sk {
	int		 family;
	int		 state;
	unsigned int	 sport, dport, ino, rq, wq;
	const char	*local[3];	/* NULL-terminated */
	const char	*peer[3];	/* NULL for an endpoint */
	const char	*prim;		/* sctpi_p_address, idiag_dst */
	int		 style;		/* sctpi_s_type; -1: an association */
	int		 noinfo;	/* no INET_DIAG_INFO */
};

static const struct sk ep4 = { AF_INET, 10, 9000, 0, 41001, 0, 128,
    { "10.0.0.1", "192.168.1.1", NULL }, { NULL }, NULL, SCTP_SEQPKT, 0 };
static const struct sk ep6 = { AF_INET6, 10, 9001, 0, 41002, 0, 128,
    { "2001:db8::1", "10.0.0.1", NULL }, { NULL }, NULL, SCTP_TCPSTYLE, 0 };
/* The accepted socket of the second association, established. */
static const struct sk sk6 = { AF_INET6, 1, 9001, 40001, 41003, 0, 0,
    { "2001:db8::1", "10.0.0.1", NULL }, { NULL }, NULL, SCTP_TCPSTYLE, 0 };
static const struct sk as4 = { AF_INET, 3, 9000, 40000, 41001, 0, 0,
    { "10.0.0.1", "192.168.1.1", NULL }, { "10.0.0.2", "192.168.1.2",
    NULL }, "192.168.1.2", -1, 0 };
static const struct sk as6 = { AF_INET6, 4, 9001, 40001, 41003, 34, 12,
    { "2001:db8::1", "10.0.0.1", NULL }, { "2001:db8::2", "10.0.0.3",
    NULL }, "10.0.0.3", -1, 0 };

/* One address as a sockaddr_storage entry (128 bytes at b). */
static void
sa_put(unsigned char *b, const char *text)
{
	struct sockaddr_in sin;
	struct sockaddr_in6 sin6;

	memset(b, 0, SA_LEN);
	memset(&sin, 0, sizeof(sin));
	memset(&sin6, 0, sizeof(sin6));
	if (inet_pton(AF_INET, text, &sin.sin_addr) == 1) {
		sin.sin_family = AF_INET;
		memcpy(b, &sin, sizeof(sin));
	} else if (inet_pton(AF_INET6, text, &sin6.sin6_addr) == 1) {
		sin6.sin6_family = AF_INET6;
		memcpy(b, &sin6, sizeof(sin6));
	}
}

static size_t
sa_array(unsigned char *b, const char *const *v)
{
	size_t n;

	for (n = 0; v[n] != NULL; n++)
		sa_put(b + n * SA_LEN, v[n]);
	return (n * SA_LEN);
}

/* An answer for k at the end of the dump buffer m. */
static void
sctp_answer(struct msg *m, const struct sk *k)
{
	unsigned char addrs[3 * SA_LEN];
	struct inet_diag_msg d;
	struct sctp_info si;
	struct nlmsghdr nlh;
	size_t start = m->len, n;
	uint32_t l;

	memset(&nlh, 0, sizeof(nlh));
	nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	nlh.nlmsg_seq = FUZZ_SEQ;
	nlh.nlmsg_flags = NLM_F_MULTI;
	memcpy(m->b + start, &nlh, sizeof(nlh));
	memset(&d, 0, sizeof(d));
	d.idiag_family = (uint8_t)k->family;
	d.idiag_state = (uint8_t)k->state;
	d.id.idiag_sport = htons((uint16_t)k->sport);
	d.id.idiag_dport = htons((uint16_t)k->dport);
	(void)inet_pton(k->family, k->local[0], d.id.idiag_src);
	if (k->prim != NULL)	/* IPv4 on an AF_INET6 socket: no match */
		(void)inet_pton(k->family, k->prim, d.id.idiag_dst);
	d.idiag_rqueue = k->rq;
	d.idiag_wqueue = k->wq;
	d.idiag_inode = k->ino;
	memcpy(m->b + start + NLMSG_HDRLEN, &d, sizeof(d));
	m->len = start + NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(d));
	if (!k->noinfo) {
		memset(&si, 0, sizeof(si));
		if (k->style >= 0)
			si.sctpi_s_type = (uint32_t)k->style;
		else {
			si.sctpi_state = (uint32_t)k->state;
			sa_put((unsigned char *)&si.sctpi_p_address, k->prim);
		}
		(void)attr_put(m, INET_DIAG_INFO, &si, sizeof(si));
	}
	n = sa_array(addrs, k->local);
	(void)attr_put(m, INET_DIAG_LOCALS, addrs, n);
	if (k->peer[0] != NULL) {
		n = sa_array(addrs, k->peer);
		(void)attr_put(m, INET_DIAG_PEERS, addrs, n);
	}
	l = (uint32_t)(m->len - start);
	memcpy(m->b + start, &l, sizeof(l));
}

/* A dump's buffer: the answers in ks, up to a NULL. */
static void
sctp_dumpbuf(struct msg *m, const struct sk *const *ks)
{
	memset(m, 0, sizeof(*m));
	for (; *ks != NULL; ks++)
		sctp_answer(m, *ks);
}

static int
sctp_exact(const void *src, size_t len, struct sctprow *r)
{
	return (sctp_diag_parse(exact_tmp(src, len), len, r));
}

/* What fn prints (text, or JSON as fuzz-nl frames it), in a string. */
static char *
printed(void (*fn)(void), int json)
{
	FILE *f;
	char *s;
	long n;
	int saved;

	fflush(stdout);
	if ((f = tmpfile()) == NULL || (saved = dup(1)) < 0 ||
	    dup2(fileno(f), 1) < 0)
		abort();
	if (json) {
		out_style = OUT_JSON;
		out_init();
		out_open_list("socket");
	}
	fn();
	if (json)
		(void)out_finish();
	else
		(void)out_flush();
	out_style = OUT_TEXT;
	if (dup2(saved, 1) < 0)
		abort();
	close(saved);
	n = ftell(f) >= 0 ? (long)lseek(fileno(f), 0, SEEK_END) : -1;
	if (n < 0 || (s = calloc(1, (size_t)n + 1)) == NULL ||
	    pread(fileno(f), s, (size_t)n, 0) != n)
		abort();
	fclose(f);
	return (s);
}

static void
sctp_by_diag(void)
{
	static const struct sk *const eps[] = { &ep4, &ep6, NULL };
	static const struct sk *const assocs[] = { &ep4, &as4, &sk6, &as6,
	    NULL };
	struct sctp_feed f;
	struct msg m;

	memset(&f, 0, sizeof(f));
	f.eps = 1;
	sctp_dumpbuf(&m, eps);
	(void)sctp_diag_feed(&f, m.b, m.len, FUZZ_SEQ);
	memset(&f, 0, sizeof(f));
	sctp_dumpbuf(&m, assocs);
	(void)sctp_diag_feed(&f, m.b, m.len, FUZZ_SEQ);
}

static void
sctp_by_proc(void)
{
	memf = "tests/fixtures/sctp-multi";
	sctppr(NULL);
	memf = NULL;
}

/* Both sources print the same table, text and JSON. */
static void
sctp_same(void)
{
	char *d, *p;
	int json;

	aflag = 1;
	nflag = 1;
	for (json = 0; json < 2; json++) {
		d = printed(sctp_by_diag, json);
		p = printed(sctp_by_proc, json);
		check(strcmp(d, p) == 0 && strstr(p, "SHUTDOWN_PENDING") !=
		    NULL, "fam: sctp_diag and net/sctp print the same %s",
		    json ? "JSON" : "table");
		if (strcmp(d, p) != 0)
			fprintf(check_out, "# sctp_diag:\n%s# net/sctp:\n%s", d, p);
		free(d);
		free(p);
	}
	aflag = 0;
}

/* An association of family fam with INFO and PEERS payloads as given. */
static void
sctp_raw(struct msg *m, int fam, const void *info, size_t ilen,
    const void *peers, size_t plen)
{
	struct inet_diag_msg d;

	memset(&d, 0, sizeof(d));
	d.idiag_family = (uint8_t)fam;
	d.id.idiag_sport = htons(9000);
	msg_begin(m, 1, SOCK_DIAG_BY_FAMILY, &d, sizeof(d));
	if (info != NULL)
		(void)attr_put(m, INET_DIAG_INFO, info, ilen);
	(void)attr_put(m, INET_DIAG_LOCALS, peers, plen < SA_LEN ? plen :
	    SA_LEN);
	if (peers != NULL)
		(void)attr_put(m, INET_DIAG_PEERS, peers, plen);
	msg_end_nl(m);
}

static void
sctp_damaged(void)
{
	static unsigned char many[12 * SA_LEN];
	struct sctp_info si;
	struct sctprow r;
	struct msg m;
	const struct sk *one[2] = { &as4, NULL };
	size_t i;
	uint32_t l;

	sctp_dumpbuf(&m, one);
	check(sctp_exact(m.b, m.len - 1, &r) < 0,
	    "fam: sctp_diag_parse: nlmsg_len past the buffer: refused");
	l = (uint32_t)(m.len - 10);
	memcpy(m.b, &l, sizeof(l));
	check(sctp_exact(m.b, l, &r) < 0,
	    "fam: sctp_diag_parse: a cut INET_DIAG_PEERS: refused");
	for (i = 0; i < 12; i++)
		sa_put(many + i * SA_LEN, i % 2 ? "10.0.0.9" : "2001:db8::9");
	sctp_raw(&m, AF_INET, NULL, 0, many, SA_LEN + 60);
	check(sctp_exact(m.b, m.len, &r) == 0 && r.nfaddr == 1 &&
	    r.nladdr == 1, "fam: sctp_diag_parse: a partial entry is not "
	    "read");
	sctp_raw(&m, AF_INET6, NULL, 0, many, sizeof(many));
	check(sctp_exact(m.b, m.len, &r) == 0 && r.nfaddr == SCTP_MAXADDRS,
	    "fam: sctp_diag_parse: 12 peers: %d kept", SCTP_MAXADDRS);
	many[SA_LEN] = 0x7f;		/* the second entry's family */
	many[SA_LEN + 1] = 0;
	sctp_raw(&m, AF_INET, NULL, 0, many, 3 * SA_LEN);
	check(sctp_exact(m.b, m.len, &r) == 0 && r.nfaddr == 2 &&
	    r.faddr[1].family == AF_INET6,
	    "fam: sctp_diag_parse: an entry of another family is skipped");
	memset(&si, 0, sizeof(si));
	sa_put((unsigned char *)&si.sctpi_p_address, "2001:db8::9");
	sctp_raw(&m, AF_INET, &si, offsetof(struct sctp_info,
	    sctpi_p_address) + SA_LEN - 1, many, SA_LEN);
	check(sctp_exact(m.b, m.len, &r) == 0 && !r.faddr[0].primary,
	    "fam: sctp_diag_parse: a short sctp_info gives no primary");
	sctp_raw(&m, AF_INET, &si, sizeof(si), many, SA_LEN);
	check(sctp_exact(m.b, m.len, &r) == 0 && r.faddr[0].primary,
	    "fam: sctp_diag_parse: a whole one does");
	sctp_raw(&m, AF_PACKET, NULL, 0, many, SA_LEN);
	check(sctp_exact(m.b, m.len, &r) < 0 && sctp_exact(m.b,
	    NLMSG_HDRLEN + sizeof(struct inet_diag_msg) - 1, &r) < 0,
	    "fam: sctp_diag_parse: another family, a short header: refused");
}

static void
sctp_diag_known(void)
{
	struct sk k;
	struct sctprow r;
	struct msg m;
	const struct sk *one[2] = { &k, NULL };
	k = as6;
	sctp_dumpbuf(&m, one);
	check(sctp_exact(m.b, m.len, &r) == 0 && !r.listening &&
	    r.state == 4 && r.lport == 9001 && r.fport == 40001 &&
	    r.rq == 34 && r.sq == 12 && r.ino == 41003 && r.type == 0 &&
	    r.nladdr == 2 && r.nfaddr == 2 && r.laddr[1].family == AF_INET &&
	    r.faddr[1].primary && !r.faddr[0].primary,
	    "fam: sctp_diag_parse: an association, IPv4 primary of an "
	    "AF_INET6 socket from sctp_info");
	k = ep6;
	sctp_dumpbuf(&m, one);
	check(sctp_exact(m.b, m.len, &r) == 0 && r.listening &&
	    r.type == SOCK_STREAM && r.lport == 9001 && r.nladdr == 2 &&
	    r.nfaddr == 0, "fam: sctp_diag_parse: a 1-to-1 endpoint");
	k = as4;
	k.noinfo = 1;
	sctp_dumpbuf(&m, one);
	check(sctp_exact(m.b, m.len, &r) == 0 && r.nfaddr == 2 &&
	    r.faddr[1].primary, "fam: sctp_diag_parse: no sctp_info: the "
	    "primary from idiag_dst");
	sctp_damaged();
}

static void
fuzz(int iterations)
{
	static const char *const ulps[] = { "tls", "mptcp", NULL };
	static unsigned char w[MSG_CAP * 2];
	struct sockrow r;
	struct pktrow p;
	struct msg m;
	size_t wl;
	int i, ok = 0, bad = 0;

	for (i = 0; i < iterations; i++) {
		if (rnd_below(2))
			build_inet(&m, ulps[rnd_below(3)]);
		else
			build_packet(&m, (int)rnd_below(2));
		memcpy(w, m.b, m.len);
		wl = m.len;
		mutate(w, &wl, &m, 0);
		if (m.b[0] == AF_PACKET)
			(void)(packet_exact(w, wl, &p) == 0 ? ok++ : bad++);
		else if (inet_exact(w, wl, &r) == 0) {
			ok++;
			/* A name the parsers took is a C string that fits. */
			if ((r.tx.have_cc && strlen(r.tx.cc) >= TCPX_NAMEMAX) ||
			    (r.tx.have_ulp &&
			    strlen(r.tx.ulp) >= TCPX_NAMEMAX))
				check(0, "fam: a name overflowed");
		} else
			bad++;
	}
	check(ok > 0 && bad > 0, "fam: %d mutants (%d parsed, %d refused)",
	    ok + bad, ok, bad);
}

/* Mutants of each sctp_diag answer: parsed alone, and walked and printed. */
static void
sctp_fuzz(int iterations)
{
	static const struct sk *const ks[] = { &ep4, &ep6, &sk6, &as4, &as6 };
	static unsigned char w[MSG_CAP * 2];
	const struct sk *one[2] = { NULL, NULL };
	struct sctp_feed f;
	struct sctprow r;
	struct msg m;
	size_t wl;
	int i, ok = 0, bad = 0;

	aflag = 1;
	for (i = 0; i < iterations; i++) {
		one[0] = ks[rnd_below(5)];
		sctp_dumpbuf(&m, one);
		memcpy(w, m.b, m.len);
		wl = m.len;
		mutate_nl(w, &wl, &m, NLMSG_HDRLEN);
		if (sctp_exact(w, wl, &r) == 0) {
			ok++;
			if (r.nladdr > SCTP_MAXADDRS || r.nfaddr > SCTP_MAXADDRS)
				check(0, "fam: sctp: too many addresses");
		} else
			bad++;
		memset(&f, 0, sizeof(f));
		f.eps = (int)rnd_below(2);
		(void)sctp_diag_feed(&f, exact_tmp(w, wl), wl, FUZZ_SEQ);
	}
	(void)out_flush();
	aflag = 0;
	check(ok > 0 && bad > 0, "fam: %d sctp_diag mutants (%d parsed, "
	    "%d refused)", ok + bad, ok, bad);
}

int
main(void)
{
	quiet_stdout();
	info_known();
	inet_known();
	packet_known();
	vsock_known();
	sctp_known();
	sctp_diag_known();
	sctp_same();
	fuzz(ITERATIONS);
	sctp_fuzz(ITERATIONS / 3);
	return (failures ? 1 : 0);
}
