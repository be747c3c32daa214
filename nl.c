/*
 * Netlink transport: open a socket, send a dump request, walk the answer
 * (nl_dump, the one dump engine, for every subsystem).  The walking is
 * done by nl_walk() and nl_attrs(), which only look at a buffer and its
 * length, so tests and fuzzers can feed them bytes.
 */
#include <sys/socket.h>
#include <sys/uio.h>

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#define	NL_MINBUF	(32 * 1024)	/* sock_diag fills no more */

int
nl_open(int protocol)
{
	struct sockaddr_nl snl;
	int fd, one = 1, rcvbuf = NL_MINBUF;

	if ((fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol)) < 0)
		return (-1);
	/*
	 * A dump goes on in every recv while the queue holds no more than
	 * half the buffer, the dump engine's peeks included.  The kernel
	 * doubles this, to room for one full datagram queued: the next is
	 * made as one is taken, and copied while still in the cache.  A
	 * larger buffer let the dump run ahead and cost 15% at 10,000
	 * sockets.
	 */
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
 * One datagram: its length, or a negative errno.  *kernel says whether
 * the kernel sent it (others' are to be dropped).
 */
static ssize_t
nl_recv1(int fd, void *buf, size_t len, int *kernel)
{
	struct sockaddr_nl snl;
	struct iovec iov;
	struct msghdr msg;
	ssize_t n;

	do {
		iov.iov_base = buf;
		iov.iov_len = len;
		memset(&msg, 0, sizeof(msg));
		msg.msg_name = &snl;
		msg.msg_namelen = sizeof(snl);
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		n = recvmsg(fd, &msg, 0);
	} while (n < 0 && errno == EINTR);
	if (n < 0)
		return (-errno);
	if (n == 0)
		return (-EPIPE);
	if (msg.msg_flags & MSG_TRUNC)
		return (-EMSGSIZE);
	*kernel = snl.nl_pid == 0;
	return (n);
}

/*
 * One datagram from the kernel (others' are dropped): its length, or a
 * negative errno.
 */
ssize_t
nl_recv(int fd, void *buf, size_t len)
{
	ssize_t n;
	int kernel;

	do {
		n = nl_recv1(fd, buf, len, &kernel);
	} while (n >= 0 && !kernel);
	return (n);
}

/*
 * The dump engine.  A helper thread reads the answer while the caller's
 * thread walks it, so the kernel fills the next datagram while the
 * messages of the last are handled and a large dump costs little more
 * than the kernel's own work.  A ring of NL_SLOTS buffers bounds the
 * memory; each grows to the largest datagram it had to hold, whose size
 * a peek (MSG_PEEK | MSG_TRUNC, nothing copied) tells before the read.
 */
#define	NL_SLOTS	3

struct nl_slot {
	char		*buf;
	size_t		 cap;
	size_t		 len;
	int		 rc;	/* -errno; 1 when the dump ended */
};

struct nl_ring {
	pthread_mutex_t	 mtx;
	pthread_cond_t	 cv;
	struct nl_slot	*slot;
	unsigned int	 head, tail;	/* filled, consumed */
	int		 fd;
	uint32_t	 seq;
};

static struct nl_slot nl_slots[NL_SLOTS];
static uint32_t nl_seq;		/* one sequence space for every socket */

/* Room for n bytes in s: 0, or -ENOMEM. */
static int
nl_slot_fit(struct nl_slot *s, size_t n)
{
	size_t cap = s->cap > 0 ? s->cap : NL_MINBUF;
	char *nb;

	while (cap < n)
		cap *= 2;
	if (cap == s->cap)
		return (0);
	if ((nb = realloc(s->buf, cap)) == NULL)
		return (-ENOMEM);
	s->buf = nb;
	s->cap = cap;
	return (0);
}

/* The next datagram from the kernel into s, s grown to fit it. */
static ssize_t
nl_slot_read(int fd, struct nl_slot *s)
{
	ssize_t n;
	int kernel, rc;

	do {
		while ((n = recv(fd, NULL, 0, MSG_PEEK | MSG_TRUNC)) < 0 &&
		    errno == EINTR)
			;
		if (n < 0)
			return (-errno);
		if ((rc = nl_slot_fit(s, (size_t)n)) < 0)
			return (rc);
		n = nl_recv1(fd, s->buf, s->cap, &kernel);
	} while (n >= 0 && !kernel);
	return (n);
}

static int
nl_nop(const struct nlmsghdr *nlh, void *arg)
{
	(void)nlh;
	(void)arg;
	return (0);
}

/*
 * Read one datagram into slot s and see, from the message headers only,
 * whether the dump ended: s->rc.
 */
static void
nl_slot_fill(int fd, uint32_t seq, struct nl_slot *s)
{
	ssize_t n;

	n = nl_slot_read(fd, s);
	s->len = n < 0 ? 0 : (size_t)n;
	s->rc = n < 0 ? (int)n : nl_walk(s->buf, s->len, seq, nl_nop, NULL);
}

static void *
nl_reader(void *arg)
{
	struct nl_ring *rg = arg;
	struct nl_slot *s;
	int rc;

	do {
		pthread_mutex_lock(&rg->mtx);
		while (rg->head - rg->tail == NL_SLOTS)
			pthread_cond_wait(&rg->cv, &rg->mtx);
		s = &rg->slot[rg->head % NL_SLOTS];
		pthread_mutex_unlock(&rg->mtx);
		nl_slot_fill(rg->fd, rg->seq, s);
		rc = s->rc;
		pthread_mutex_lock(&rg->mtx);
		rg->head++;
		pthread_cond_broadcast(&rg->cv);
		pthread_mutex_unlock(&rg->mtx);
	} while (rc == 0);
	return (NULL);
}

/*
 * Walk slot s with fn unless an error came first: the dump's result so
 * far (0 or a negative errno).
 */
static int
nl_slot_walk(const struct nl_slot *s, uint32_t seq, nl_msg_fn fn,
    void *arg, int result)
{
	int rc;

	if (result < 0)
		return (result);
	if (s->rc < 0 && s->len == 0)
		return (s->rc);
	rc = nl_walk(s->buf, s->len, seq, fn, arg);
	return (rc < 0 ? rc : 0);
}

/* The dump without a helper thread: read, walk, until it ends. */
static int
nl_dump_here(int fd, uint32_t seq, nl_msg_fn fn, void *arg)
{
	struct nl_slot *s = &nl_slots[0];
	int result = 0;

	do {
		nl_slot_fill(fd, seq, s);
		result = nl_slot_walk(s, seq, fn, arg, result);
	} while (s->rc == 0);
	return (result);
}

/* Walk the slots as the reader fills them, until the dump ends. */
static int
nl_ring_walk(struct nl_ring *rg, nl_msg_fn fn, void *arg)
{
	struct nl_slot *s;
	int rc, result = 0;

	do {
		pthread_mutex_lock(&rg->mtx);
		while (rg->head == rg->tail)
			pthread_cond_wait(&rg->cv, &rg->mtx);
		s = &rg->slot[rg->tail % NL_SLOTS];
		pthread_mutex_unlock(&rg->mtx);
		result = nl_slot_walk(s, rg->seq, fn, arg, result);
		rc = s->rc;
		pthread_mutex_lock(&rg->mtx);
		rg->tail++;
		pthread_cond_broadcast(&rg->cv);
		pthread_mutex_unlock(&rg->mtx);
	} while (rc == 0);
	return (result);
}

/*
 * Send the dump request req (reqlen bytes, its nlmsghdr's type and body
 * set) and call fn for each message of the answer.  After an error fn is
 * called no more, but the answer is still read to its end, so that the
 * socket serves the next request.  Returns 0, or a negative errno.
 */
int
nl_dump(int fd, void *req, size_t reqlen, nl_msg_fn fn, void *arg)
{
	struct nlmsghdr *nlh = req;
	struct sockaddr_nl snl;
	struct nl_ring rg;
	pthread_t tid;
	int i, result;

	nlh->nlmsg_len = (uint32_t)reqlen;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
	nlh->nlmsg_seq = ++nl_seq;
	memset(&snl, 0, sizeof(snl));
	snl.nl_family = AF_NETLINK;
	if (sendto(fd, req, reqlen, 0, (struct sockaddr *)&snl,
	    sizeof(snl)) < 0)
		return (-errno);
	/*
	 * The buffers come from this thread's heap: a first allocation in
	 * the reader would give it an arena of its own, which costs more
	 * than a small dump.
	 */
	for (i = 0; i < NL_SLOTS; i++)
		if (nl_slot_fit(&nl_slots[i], NL_MINBUF) < 0)
			return (-ENOMEM);
	memset(&rg, 0, sizeof(rg));
	rg.slot = nl_slots;
	rg.fd = fd;
	rg.seq = nlh->nlmsg_seq;
	pthread_mutex_init(&rg.mtx, NULL);
	pthread_cond_init(&rg.cv, NULL);
	if (thread_start(&tid, NULL, nl_reader, &rg) < 0) {
		result = nl_dump_here(fd, rg.seq, fn, arg);
		goto out;
	}
	result = nl_ring_walk(&rg, fn, arg);
	pthread_join(tid, NULL);
out:
	pthread_mutex_destroy(&rg.mtx);
	pthread_cond_destroy(&rg.cv);
	return (result);
}

/* One dump on a socket of its own (protocol): 0, or a negative errno. */
int
nl_dump_once(int protocol, void *req, size_t reqlen, nl_msg_fn fn, void *arg)
{
	int fd, rc;

	if ((fd = nl_open(protocol)) < 0)
		return (-errno);
	rc = nl_dump(fd, req, reqlen, fn, arg);
	close(fd);
	return (rc);
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

	if (len < hdrlen || len <= off) {
		memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
		if (len < hdrlen)
			return (-1);
	}
	memcpy(hdr, body, hdrlen);
	if (len <= off)
		return (0);
	/* nl_attrs() clears tb first. */
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

	if (len >= sizeof(nlh))
		memcpy(&nlh, msg, sizeof(nlh));
	if (len < sizeof(nlh) || nlh.nlmsg_len < NLMSG_HDRLEN ||
	    nlh.nlmsg_len > len) {
		memset(tb, 0, sizeof(*tb) * (size_t)(max + 1));
		return (-1);
	}
	*type = nlh.nlmsg_type;
	return (nl_body((const char *)msg + NLMSG_HDRLEN,
	    nlh.nlmsg_len - NLMSG_HDRLEN, hdr, hdrlen, tb, max));
}
