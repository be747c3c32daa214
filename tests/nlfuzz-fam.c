/*
 * Known answers and hostile bytes for the parsers of issue 12: tcp_info,
 * INET_DIAG_CONG and INET_DIAG_ULP_INFO (tcpinfo.c, through inet.c's
 * inet_diag_parse), packet_diag and net/packet (packet.c), vsock_diag
 * (vsock.c), net/sctp/assocs and eps (sctp.c).  See nlfuzz.h.
 */
#include <linux/inet_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/tcp.h>
#include <linux/vm_sockets_diag.h>

#include <netinet/in.h>

#include <stddef.h>

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

int
main(void)
{
	quiet_stdout();
	info_known();
	inet_known();
	packet_known();
	vsock_known();
	sctp_known();
	fuzz(ITERATIONS);
	return (failures ? 1 : 0);
}
