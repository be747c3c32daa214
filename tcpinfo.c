/*
 * What happens inside a TCP connection: FreeBSD's -T (retransmissions,
 * out-of-order packets, zero-window advertisements), -C (congestion
 * control) and -c (the "TCP stack": on Linux the upper-layer protocol),
 * from the inet_diag answers' INET_DIAG_INFO (struct tcp_info),
 * INET_DIAG_CONG and INET_DIAG_ULP_INFO.  The proc files have none of
 * it: their rows print "-".  tcp_info is read here only: -b's byte
 * counts come from tcpx_info() too.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <linux/inet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/tcp.h>

#include <stddef.h>
#include <string.h>

#include "netstat.h"

int	Cflag, cflag, Tflag;

/*
 * Fields of struct tcp_info newer than the headers we build with, by
 * their place after tcpi_snd_wnd: tcpi_rcv_wnd, tcpi_rehash (6.2),
 * then tcpi_total_rto (u16, 6.7).
 */
#define	TI_SND_WND	offsetof(struct tcp_info, tcpi_snd_wnd)
#define	TI_TOTAL_RTO	(TI_SND_WND + 12)

/* The bytes a field needs: a shorter tcp_info (an older kernel) lacks it. */
#define	TI_HAS(len, field) \
	((len) >= offsetof(struct tcp_info, field) + \
	    sizeof(((struct tcp_info *)0)->field))

static uint32_t
ti_u32(const unsigned char *d, size_t off)
{
	uint32_t v;

	memcpy(&v, d + off, sizeof(v));
	return (v);
}

/*
 * INET_DIAG_INFO: struct tcp_info as long as the kernel's.  Returns -1
 * when it is too short for the figures every kernel since 3.x sends.
 */
int
tcpx_info(const void *buf, size_t len, struct tcpx *tx)
{
	const unsigned char *d = buf;
	uint16_t rto;

	if (!TI_HAS(len, tcpi_total_retrans))
		return (-1);
	tx->retrans = ti_u32(d, offsetof(struct tcp_info,
	    tcpi_total_retrans));
	tx->lost = ti_u32(d, offsetof(struct tcp_info, tcpi_lost));
	tx->cwnd = ti_u32(d, offsetof(struct tcp_info, tcpi_snd_cwnd));
	tx->ssthresh = ti_u32(d, offsetof(struct tcp_info,
	    tcpi_snd_ssthresh));
	tx->mss = ti_u32(d, offsetof(struct tcp_info, tcpi_snd_mss));
	tx->rtt = ti_u32(d, offsetof(struct tcp_info, tcpi_rtt));
	tx->rttvar = ti_u32(d, offsetof(struct tcp_info, tcpi_rttvar));
	tx->ecn = (d[offsetof(struct tcp_info, tcpi_options)] &
	    TCPI_OPT_ECN) != 0;
	tx->have_info = 1;
	if (TI_HAS(len, tcpi_bytes_received)) {
		memcpy(&tx->bytes_acked, d + offsetof(struct tcp_info,
		    tcpi_bytes_acked), sizeof(uint64_t));
		memcpy(&tx->bytes_received, d + offsetof(struct tcp_info,
		    tcpi_bytes_received), sizeof(uint64_t));
		tx->have_bytes = 1;
	}
	if (TI_HAS(len, tcpi_rcv_ooopack)) {
		tx->ooo = ti_u32(d, offsetof(struct tcp_info,
		    tcpi_rcv_ooopack));
		tx->have_ooo = 1;
	}
	if (len >= TI_TOTAL_RTO + sizeof(rto)) {
		memcpy(&rto, d + TI_TOTAL_RTO, sizeof(rto));
		tx->rtos = rto;
		tx->have_rtos = 1;
	}
	return (0);
}

/* A name attribute: bytes up to a NUL, at most TCPX_NAMEMAX - 1 of them. */
static int
tcpx_name(const void *buf, size_t len, char *name)
{
	const char *s = buf;
	size_t n;

	for (n = 0; n < len && s[n] != '\0'; n++)
		;
	if (n == 0 || n >= TCPX_NAMEMAX)
		return (-1);
	memcpy(name, s, n);
	name[n] = '\0';
	return (0);
}

/* INET_DIAG_CONG: the congestion-control algorithm's name. */
int
tcpx_cong(const void *buf, size_t len, struct tcpx *tx)
{
	if (tcpx_name(buf, len, tx->cc) < 0)
		return (-1);
	tx->have_cc = 1;
	return (0);
}

/* INET_DIAG_ULP_INFO: nested; INET_ULP_INFO_NAME names the protocol. */
int
tcpx_ulp(const void *buf, size_t len, struct tcpx *tx)
{
	const struct rtattr *tb[INET_ULP_INFO_MAX + 1];
	const void *d;
	size_t dlen;

	if (nl_attrs(buf, len, tb, INET_ULP_INFO_MAX) < 0 ||
	    tb[INET_ULP_INFO_NAME] == NULL)
		return (-1);
	d = nl_data(tb[INET_ULP_INFO_NAME], &dlen);
	if (tcpx_name(d, dlen, tx->ulp) < 0)
		return (-1);
	tx->have_ulp = 1;
	return (0);
}

/* The attributes of one answer (tb indexed up to INET_DIAG_ULP_INFO). */
void
tcpx_attrs(const struct rtattr *const *tb, struct tcpx *tx)
{
	const void *d;
	size_t dlen;

	if (tb[INET_DIAG_INFO] != NULL) {
		d = nl_data(tb[INET_DIAG_INFO], &dlen);
		(void)tcpx_info(d, dlen, tx);
	}
	if (tb[INET_DIAG_CONG] != NULL) {
		d = nl_data(tb[INET_DIAG_CONG], &dlen);
		(void)tcpx_cong(d, dlen, tx);
	}
	if (tb[INET_DIAG_ULP_INFO] != NULL) {
		d = nl_data(tb[INET_DIAG_ULP_INFO], &dlen);
		(void)tcpx_ulp(d, dlen, tx);
	}
}

/* The idiag_ext bits the columns need, for a dump of proto. */
unsigned char
tcpx_ext(int proto)
{
	unsigned char ext = 0;

	if (proto != IPPROTO_TCP)
		return (0);
	/* tcp_info (-b's byte counts too); the ULP's name comes with it. */
	if (Tflag || Cflag || cflag || bflag)
		ext |= 1 << (INET_DIAG_INFO - 1);
	if (Cflag)
		ext |= 1 << (INET_DIAG_CONG - 1);
	return (ext);
}

/*
 * Headers.  -T replaces Recv-Q and Send-Q (as FreeBSD's does); its
 * Linux figures (lost, RTO count) and -c, -C follow the state.
 */
void
tcpx_banner_T(void)
{
	out_text("%-6.6s %-6.6s %-6.6s ", "Rexmit", "OOORcv", "0-win");
}

void
tcpx_banner(void)
{
	if (Tflag)
		out_text(" %6s %6s", "Lost", "RTO");
	if (cflag)
		out_text(" %-16.16s", "Stack");
	if (Cflag)
		out_text(" %-16.16s %10s %10s %5s %3s %10s %10s", "CC",
		    "cwin", "ssthresh", "MSS", "ECN", "srtt(ms)",
		    "rttvar(ms)");
}

/* A figure, or "-" (and nothing in JSON) where there is none. */
static void
tcpx_fig(const char *key, const char *fmt, int known, unsigned long long v)
{
	if (known)
		out_uint(key, fmt, v);
	else
		out_str(NULL, fmt, "-");
}

/* Microseconds as milliseconds with three decimals; JSON keeps them. */
static void
tcpx_usec(const char *key, int known, uint32_t us)
{
	char text[24], *p;

	if (!known) {
		out_str(NULL, " %10s", "-");
		return;
	}
	if (out_style != OUT_TEXT) {
		out_uint(key, NULL, us);
		return;
	}
	p = put_dec(text, us / 1000);
	*p++ = '.';
	*p++ = (char)('0' + us / 100 % 10);
	*p++ = (char)('0' + us / 10 % 10);
	*p++ = (char)('0' + us % 10);
	*p = '\0';
	out_str(NULL, " %10s", text);
}

/* -T's three columns, in place of the queues. */
void
tcpx_print_T(const struct tcpx *tx, int istcp)
{
	int info = istcp && tx->have_info;

	tcpx_fig("sent-retransmit-packets", "%6s ", info, tx->retrans);
	tcpx_fig("received-out-of-order-packets", "%6s ",
	    info && tx->have_ooo, tx->ooo);
	/* Linux counts no zero-window advertisements. */
	out_str(NULL, "%6s ", "-");
}

/* The columns after the state: -T's Linux figures, -c, -C. */
void
tcpx_print(const struct tcpx *tx, int istcp)
{
	int info = istcp && tx->have_info;

	if (Tflag) {
		tcpx_fig("lost-packets", " %6s", info, tx->lost);
		tcpx_fig("retransmit-timeouts", " %6s", info && tx->have_rtos,
		    tx->rtos);
	}
	if (cflag) {
		if (info)
			out_str("stack", " %-16.16s", tx->have_ulp ? tx->ulp :
			    "-");
		else
			out_str(NULL, " %-16.16s", "-");
	}
	if (Cflag) {
		if (istcp && tx->have_cc)
			out_str("cc", " %-16.16s", tx->cc);
		else
			out_str(NULL, " %-16.16s", "-");
		tcpx_fig("snd-cwnd", " %10s", info, tx->cwnd);
		tcpx_fig("snd-ssthresh", " %10s", info, tx->ssthresh);
		tcpx_fig("t-maxseg", " %5s", info, tx->mss);
		if (info)
			out_str("ecn", " %3s", tx->ecn ? "on" : "off");
		else
			out_str(NULL, " %3s", "-");
		tcpx_usec("srtt-us", info, tx->rtt);
		tcpx_usec("rttvar-us", info, tx->rttvar);
	}
}
