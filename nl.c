/*
 * Netlink transport: open a socket, send a dump request, walk the answer.
 * The walking is done by nl_walk() and nl_attrs(), which only look at a
 * buffer and its length, so tests and fuzzers can feed them bytes.
 */
#include <sys/socket.h>
#include <sys/uio.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

/* The kernel never builds a dump message larger than this. */
#define	NL_BUFSIZE	(64 * 1024)

static uint32_t nl_seq;

int
nl_open(int protocol)
{
	struct sockaddr_nl snl;
	int fd, one = 1, rcvbuf = 1024 * 1024;

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)) < 0)
		return (-1);
	/* A larger receive buffer lets the kernel run ahead of us. */
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	if (bind(fd, (struct sockaddr *)&snl, sizeof(snl)) < 0) {
		close(fd);
		return (-1);
	}
	return (fd);
}

/*
 * Tell whether a netlink failure means "use /proc instead": the handler
 * or the family is missing, or netlink itself is not to be had.
 */
int
nl_fallback(int err)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case ENOENT:
	case EOPNOTSUPP:
	case EPROTONOSUPPORT:
	case EAFNOSUPPORT:
	case EINVAL:
	case EPERM:
	case EACCES:
	case ENOSYS:
		return (1);
	}
	return (0);
}

/*
 * The error carried by an NLMSG_ERROR or NLMSG_DONE message, as a negative
 * errno, or 0.
 */
static int
nl_msg_error(const struct nlmsghdr *nlh)
{
	int err;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(int)))
		return (nlh->nlmsg_type == NLMSG_ERROR ? -EBADMSG : 0);
	memcpy(&err, NLMSG_DATA(nlh), sizeof(err));
	if (err > 0)
		err = -err;
	return (err);
}

int
nl_walk(const void *buf, size_t len, uint32_t seq, nl_msg_fn fn, void *arg)
{
	const char *p = buf;
	struct nlmsghdr nlh;
	int rc;

	while (len > 0) {
		if (len < sizeof(nlh))
			return (-EBADMSG);
		memcpy(&nlh, p, sizeof(nlh));
		if (nlh.nlmsg_len < sizeof(nlh) || nlh.nlmsg_len > len)
			return (-EBADMSG);
		if (nlh.nlmsg_seq == seq) {
			if (nlh.nlmsg_type == NLMSG_DONE) {
				rc = nl_msg_error((const struct nlmsghdr *)p);
				return (rc < 0 ? rc : 1);
			}
			if (nlh.nlmsg_type == NLMSG_ERROR) {
				rc = nl_msg_error((const struct nlmsghdr *)p);
				return (rc < 0 ? rc : 1);
			}
			if (nlh.nlmsg_type >= NLMSG_MIN_TYPE &&
			    (rc = fn((const struct nlmsghdr *)p, arg)) < 0)
				return (rc);
		}
		if (NLMSG_ALIGN(nlh.nlmsg_len) >= len)
			break;
		p += NLMSG_ALIGN(nlh.nlmsg_len);
		len -= NLMSG_ALIGN(nlh.nlmsg_len);
	}
	return (0);
}

/*
 * One datagram from the kernel (others' are dropped): its length, or a
 * negative errno.
 */
ssize_t
nl_recv(int fd, void *buf, size_t len)
{
	struct sockaddr_nl snl;
	struct iovec iov;
	struct msghdr msg;
	ssize_t n;

	for (;;) {
		iov.iov_base = buf;
		iov.iov_len = len;
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &snl;
		msg.msg_namelen = sizeof(snl);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		if ((n = recvmsg(fd, &msg, 0)) < 0) {
			if (errno == EINTR)
				continue;
			return (-errno);
		}
		if (n == 0)
			return (-EPIPE);
		if (msg.msg_flags & MSG_TRUNC)
			return (-EMSGSIZE);
		if (snl.nl_pid == 0)
			return (n);
	}
}

int
nl_dump(int fd, void *req, size_t reqlen, nl_msg_fn fn, void *arg)
{
	static char *buf;
	struct nlmsghdr *nlh = req;
	struct sockaddr_nl snl;
	ssize_t n;
	int rc;

	if (buf == NULL && (buf = malloc(NL_BUFSIZE)) == NULL)
		return (-ENOMEM);
	nlh->nlmsg_len = reqlen;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++nl_seq;
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	if (sendto(fd, req, reqlen, 0, (struct sockaddr *)&snl,
	    sizeof(snl)) < 0)
		return (-errno);
	for (;;) {
		if ((n = nl_recv(fd, buf, NL_BUFSIZE)) < 0)
			return ((int)n);
		rc = nl_walk(buf, (size_t)n, nlh->nlmsg_seq, fn, arg);
		if (rc != 0)
			return (rc < 0 ? rc : 0);
	}
}

/*
 * Index the attributes in [p, p + len) by type into tb[0..max]; types
 * beyond max are ignored, a later duplicate wins.  Returns -1 when an
 * attribute's length does not fit, after indexing those before it.
 */
int
nl_attrs(const void *p, size_t len, const struct rtattr **tb, int max)
{
	const char *c = p;
	struct rtattr rta;
	unsigned short type;

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	while (len >= sizeof(rta)) {
		memcpy(&rta, c, sizeof(rta));
		if (rta.rta_len < sizeof(rta) || rta.rta_len > len)
			return (-1);
		type = rta.rta_type & NLA_TYPE_MASK;
		if (type <= max)
			tb[type] = (const struct rtattr *)c;
		if (RTA_ALIGN(rta.rta_len) >= len)
			return (0);
		c += RTA_ALIGN(rta.rta_len);
		len -= RTA_ALIGN(rta.rta_len);
	}
	return (len == 0 ? 0 : -1);
}

/* An attribute's payload and its length. */
const void *
nl_data(const struct rtattr *rta, size_t *lenp)
{
	unsigned short l;

	memcpy(&l, &rta->rta_len, sizeof(l));
	*lenp = l >= RTA_LENGTH(0) ? l - RTA_LENGTH(0) : 0;
	return ((const char *)rta + RTA_LENGTH(0));
}

/* A fixed-size payload, copied out: 0, or -1 when absent or too short. */
static int
nl_fixed(const struct rtattr *rta, void *v, size_t size)
{
	const void *d;
	size_t len;

	if (rta == NULL)
		return (-1);
	d = nl_data(rta, &len);
	if (len < size)
		return (-1);
	memcpy(v, d, size);
	return (0);
}

int
nl_u32(const struct rtattr *rta, uint32_t *v)
{
	return (nl_fixed(rta, v, sizeof(*v)));
}

int
nl_u64(const struct rtattr *rta, uint64_t *v)
{
	return (nl_fixed(rta, v, sizeof(*v)));
}

/*
 * The body of one message (what follows its nlmsghdr, len bytes): the
 * family header is copied to hdr (hdrlen bytes) and the attributes after
 * it, at the next alignment, are indexed into tb[0..max].  Returns 0; 1
 * when the attributes are damaged (tb holds those before the damage); -1
 * when the body is too short for its header.
 */
int
nl_body(const void *body, size_t len, void *hdr, size_t hdrlen,
    const struct rtattr **tb, int max)
{
	size_t off = NLMSG_ALIGN(hdrlen);

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	if (len < hdrlen)
		return (-1);
	memcpy(hdr, body, hdrlen);
	if (len <= off)
		return (0);
	return (nl_attrs((const char *)body + off, len - off, tb, max) < 0 ?
	    1 : 0);
}

/*
 * The same for a whole message at msg (len bytes, from its nlmsghdr):
 * its own length is checked against len first.  The type goes to *type.
 */
int
nl_msg(const void *msg, size_t len, uint16_t *type, void *hdr,
    size_t hdrlen, const struct rtattr **tb, int max)
{
	struct nlmsghdr nlh;

	memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
	if (len < sizeof(nlh))
		return (-1);
	memcpy(&nlh, msg, sizeof(nlh));
	if (nlh.nlmsg_len < NLMSG_HDRLEN || nlh.nlmsg_len > len)
		return (-1);
	*type = nlh.nlmsg_type;
	return (nl_body((const char *)msg + NLMSG_HDRLEN,
	    nlh.nlmsg_len - NLMSG_HDRLEN, hdr, hdrlen, tb, max));
}
