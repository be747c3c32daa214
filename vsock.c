/*
 * -f vsock: AF_VSOCK sockets (virtual machine <-> host), as Darwin's
 * netstat lists them: CID.port pairs, type and state.  Only vsock_diag
 * (NETLINK_SOCK_DIAG, AF_VSOCK) lists them; there is no proc file.
 */
#include <sys/socket.h>

#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/vm_sockets_diag.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#ifndef AF_VSOCK
#define	AF_VSOCK	40
#endif
#define	VS_ANY		0xffffffffU	/* VMADDR_CID_ANY, VMADDR_PORT_ANY */

static int	vs_printed;

/* One vsock_diag answer. */
int
vsock_diag_parse(const void *buf, size_t len, struct vsockrow *v)
{
	struct vsock_diag_msg m;

	memset(v, 0, sizeof(*v));
	if (len < sizeof(m))
		return (-1);
	memcpy(&m, buf, sizeof(m));
	if (m.vdiag_family != AF_VSOCK)
		return (-1);
	v->type = m.vdiag_type;
	v->state = m.vdiag_state;
	v->lcid = m.vdiag_src_cid;
	v->lport = m.vdiag_src_port;
	v->fcid = m.vdiag_dst_cid;
	v->fport = m.vdiag_dst_port;
	v->ino = m.vdiag_ino;
	return (0);
}

/* "cid.port", "*" for either wildcard. */
static void
vs_end(const char *key, uint32_t cid, uint32_t port)
{
	char text[32], *p = text;

	if (out_style != OUT_TEXT) {
		out_open_container(key);
		if (cid != VS_ANY)
			out_uint("cid", NULL, cid);
		if (port != VS_ANY)
			out_uint("port", NULL, port);
		out_close_container();
		return;
	}
	if (cid == VS_ANY)
		*p++ = '*';
	else
		p = put_dec(p, cid);
	*p++ = '.';
	if (port == VS_ANY)
		*p++ = '*';
	else
		p = put_dec(p, port);
	*p = '\0';
	out_str(NULL, " %-22s", text);
}

/* Linux's TCP_* values, which vsock uses, by BSD's names. */
static const char *
vs_state(unsigned int st)
{
	static const char *const names[] = {
		"?", "ESTABLISHED", "SYN_SENT", "SYN_RCVD", "FIN_WAIT_1",
		"FIN_WAIT_2", "TIME_WAIT", "CLOSED", "CLOSE_WAIT", "LAST_ACK",
		"LISTEN", "CLOSING"
	};

	return (st < sizeof(names) / sizeof(names[0]) ? names[st] : "?");
}

static void
vs_row(const struct vsockrow *v)
{
	if (!aflag && v->state == 10)		/* TCP_LISTEN */
		return;
	if (vs_printed++ == 0) {
		out_text("Active VSock sockets%s\n",
		    aflag ? " (including servers)" : "");
		out_text("%-5s %-6s %-22s %-22s %s\n", "Proto", "Type",
		    "Local Address", "Foreign Address", "(state)");
	}
	out_open_instance();
	out_str(NULL, "%-5s", "vsock");
	out_str("type", " %-6s", v->type == SOCK_STREAM ? "stream" :
	    v->type == SOCK_DGRAM ? "dgram" : v->type == SOCK_SEQPACKET ?
	    "seqpkt" : "?");
	vs_end("local", v->lcid, v->lport);
	vs_end("remote", v->fcid, v->fport);
	out_str("state", " %s", vs_state(v->state));
	if (vflag)
		sock_owner(v->ino);
	out_str(NULL, "\n", "");
	out_close_instance();
}

static int
vs_msg(const struct nlmsghdr *nlh, void *arg)
{
	struct vsockrow v;

	(void)arg;
	if (nlh->nlmsg_type == SOCK_DIAG_BY_FAMILY &&
	    vsock_diag_parse(NLMSG_DATA(nlh), nlh->nlmsg_len - NLMSG_HDRLEN,
	    &v) == 0)
		vs_row(&v);
	return (0);
}

void
vsockpr(void)
{
	struct {
		struct nlmsghdr		nlh;
		struct vsock_diag_req	r;
	} req;
	int fd, rc;

	if (memf != NULL) {
		ns_warnx("vsock: a proc tree has no vsock sockets");
		return;
	}
	if ((fd = nl_open(NETLINK_SOCK_DIAG)) < 0) {
		ns_warn("sock_diag vsock");
		return;
	}
	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_type = SOCK_DIAG_BY_FAMILY;
	req.r.sdiag_family = AF_VSOCK;
	req.r.vdiag_states = 0xffffffffU;
	rc = nl_dump(fd, &req, sizeof(req), vs_msg, NULL);
	close(fd);
	if (rc < 0 && nl_fallback(rc) && vs_printed == 0)
		ns_warnx("vsock: protocol not available "
		    "(module vsock_diag not loaded)");
	else if (rc < 0) {
		errno = -rc;
		ns_warn("sock_diag vsock");
	}
	out_flush();
}
