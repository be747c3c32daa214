/*
 * -B: packet sockets, the Linux counterpart of the BPF peers FreeBSD and
 * Darwin list with -B (this is how tcpdump and dhclient show up): the
 * interface, the protocol, drops and who holds the socket.  From
 * packet_diag (NETLINK_SOCK_DIAG, AF_PACKET), else net/packet, which
 * has no drop count.
 */
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/packet_diag.h>
#include <linux/rtnetlink.h>
#include <linux/sock_diag.h>

#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

int	Bflag;

static int	pkt_printed;

/* One packet_diag answer: the message and its INFO and MEMINFO. */
int
packet_diag_parse(const void *buf, size_t len, struct pktrow *p)
{
	const struct rtattr *tb[PACKET_DIAG_MAX + 1];
	struct packet_diag_msg m;
	const unsigned char *d;
	size_t dlen;
	uint32_t v;

	memset(p, 0, sizeof(*p));
	if (nl_body(buf, len, &m, sizeof(m), tb, PACKET_DIAG_MAX) < 0 ||
	    m.pdiag_family != AF_PACKET)
		return (-1);
	p->type = m.pdiag_type;
	p->proto = m.pdiag_num;		/* the kernel turned it to host order */
	p->ino = m.pdiag_ino;
	if (tb[PACKET_DIAG_INFO] != NULL) {
		d = nl_data(tb[PACKET_DIAG_INFO], &dlen);
		if (dlen >= sizeof(uint32_t)) {
			memcpy(&v, d, sizeof(v));	/* pdi_index */
			p->ifindex = v > INT_MAX ? 0 : (int)v;
			p->have_if = 1;
		}
	}
	if (tb[PACKET_DIAG_MEMINFO] != NULL) {
		d = nl_data(tb[PACKET_DIAG_MEMINFO], &dlen);
		if (dlen >= (SK_MEMINFO_DROPS + 1) * sizeof(uint32_t)) {
			memcpy(&v, d + SK_MEMINFO_RMEM_ALLOC * sizeof(v),
			    sizeof(v));
			p->rmem = v;
			memcpy(&v, d + SK_MEMINFO_DROPS * sizeof(v), sizeof(v));
			p->drops = v;
			p->have_mem = 1;
		}
	}
	return (0);
}

/*
 * A net/packet line:
 *   sk RefCnt Type Proto Iface R Rmem User Inode
 * (sk hex, Proto hex, the rest decimal).
 */
int
packet_proc_parse(const char *line, size_t len, struct pktrow *p)
{
	struct proc_tok t[9];
	unsigned long long v[9];
	int i;

	memset(p, 0, sizeof(*p));
	if (proc_split(line, len, t, 9) != 9)
		return (-1);
	for (i = 0; i < 9; i++)
		if (proc_ull(t[i].s, t[i].n, i == 0 || i == 3 ? 16 : 10,
		    &v[i]) < 0)
			return (-1);
	if (v[2] > UINT_MAX || v[3] > 0xffff || v[4] > INT_MAX ||
	    v[6] > UINT_MAX)
		return (-1);
	p->type = (unsigned int)v[2];
	p->proto = (unsigned int)v[3];
	p->ifindex = (int)v[4];
	p->have_if = 1;
	p->rmem = (unsigned int)v[6];
	p->ino = v[8];
	return (0);
}

static const char *
pkt_proto(unsigned int proto, char *buf)
{
	static const char hex[] = "0123456789abcdef";

	switch (proto) {
	case 0x0003:
		return ("all");
	case 0x0800:
		return ("ip");
	case 0x86dd:
		return ("ip6");
	case 0x0806:
		return ("arp");
	case 0:
		return ("-");
	}
	buf[0] = '0';
	buf[1] = 'x';
	buf[2] = hex[proto >> 12 & 15];
	buf[3] = hex[proto >> 8 & 15];
	buf[4] = hex[proto >> 4 & 15];
	buf[5] = hex[proto & 15];
	buf[6] = '\0';
	return (buf);
}

static void
pkt_row(const struct pktrow *p)
{
	char pbuf[8], ibuf[16];
	const char *ifn;

	if (pkt_printed++ == 0) {
		out_text("Active packet sockets (BPF peers)\n");
		out_text("%-8s %-5s %-6s %9s %9s %s\n", "Netif", "Type",
		    "Proto", "Drop", "Rmem", "process:pid");
	}
	out_open_instance();
	if (!p->have_if)
		ifn = "-";
	else if (p->ifindex == 0)
		ifn = "*";
	else if ((ifn = iface_name(p->ifindex)) == NULL) {
		*put_dec(ibuf, (unsigned int)p->ifindex) = '\0';
		ifn = ibuf;	/* a proc tree may not name it */
	}
	out_str("interface", "%-8s", ifn);
	out_str("type", " %-5s", p->type == SOCK_RAW ? "raw" :
	    p->type == SOCK_DGRAM ? "dgram" : "?");
	out_str("protocol", " %-6s", pkt_proto(p->proto, pbuf));
	if (p->have_mem)
		out_uint("dropped-packets", " %9s", p->drops);
	else
		out_str(NULL, " %9s", "-");
	out_uint("receive-bytes-waiting", " %9s", p->rmem);
	sock_owner(p->ino);
	out_str(NULL, "\n", "");
	out_close_instance();
}

static int
pkt_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct pktrow p;

	(void)arg;
	if (nlh->nlmsg_type != SOCK_DIAG_BY_FAMILY)
		return (0);
	if (packet_diag_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &p) == 0)
		pkt_row(&p);
	return (0);
}

static int
pkt_line(const char *line, size_t len, void *arg)
{
	struct pktrow p;

	(void)arg;
	if (packet_proc_parse(line, len, &p) < 0)
		return (-1);
	pkt_row(&p);
	return (0);
}

/* Returns 0, or a negative errno. */
static int
pkt_diag(void)
{
	struct {
		struct nlmsghdr		nlh;
		struct packet_diag_req	r;
	} req;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.r.sdiag_family = AF_PACKET;
	req.r.pdiag_show = PACKET_SHOW_INFO | PACKET_SHOW_MEMINFO;
	return (nl_dump_once(NETLINK_SOCK_DIAG, &req, sizeof(req), pkt_msg,
	    NULL));
}

void
packetpr(void)
{
	unsigned long bad = 0;
	int rc;

	out_open_list("packet-socket");
	if (memf != NULL) {
		iface_load_proc();
		(void)proc_lines("net/packet", 1, 0, pkt_line, NULL);
	} else {
		(void)iface_load(&bad);
		rc = pkt_diag();
		if (rc < 0 && nl_fallback(rc) && pkt_printed == 0) {
			if (proc_lines("net/packet", 1, PROC_QUIET, pkt_line,
			    NULL) < 0)
				ns_warnx("packet: protocol not available "
				    "(module af_packet_diag not loaded)");
		} else if (rc < 0) {
			errno = -rc;
			ns_warn("sock_diag packet");
		}
	}
	out_close_list();
	out_flush();
}
