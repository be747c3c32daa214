/*
 * Benchmark floor: the bare NETLINK_SOCK_DIAG dump that `netstat -an -p
 * tcp` makes (TCP, both families in one walk with TCPDIAG_GETSOCK, every
 * state, no extensions), read whole with the same buffer sizes, printing
 * nothing.
 */
#include <sys/socket.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>

#include <netinet/in.h>

#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char buf[64 * 1024];

static unsigned long
dump(int fd)
{
	struct {
		struct nlmsghdr		nlh;
		struct inet_diag_req	r;
	} req;
	struct nlmsghdr *h;
	unsigned long n = 0;
	ssize_t len;

	memset(&req, 0, sizeof(req));
	req.nlh.nlmsg_len = sizeof(req);
	req.nlh.nlmsg_type = TCPDIAG_GETSOCK;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	req.nlh.nlmsg_seq = 1;
	req.r.idiag_family = AF_INET;
	req.r.idiag_states = ~0U;
	if (send(fd, &req, sizeof(req), 0) < 0)
		err(1, "send");
	for (;;) {
		if ((len = recv(fd, buf, sizeof(buf), 0)) <= 0)
			err(1, "recv");
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, (size_t)len);
		    h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_type == NLMSG_DONE)
				return (n);
			if (h->nlmsg_type == NLMSG_ERROR)
				errx(1, "dump failed");
			n++;
		}
	}
}

int
main(void)
{
	struct sockaddr_nl snl = { .nl_family = AF_NETLINK };
	int fd, rcvbuf = 1024 * 1024;
	unsigned long n;

	if ((fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_SOCK_DIAG)) < 0)
		err(1, "socket");
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof(rcvbuf));
	if (bind(fd, (struct sockaddr *)&snl, sizeof(snl)) < 0)
		err(1, "bind");
	n = dump(fd);
	return (n == 0);
}
