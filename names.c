/*
 * Names for addresses, ports and networks.  Every answer is cached for the
 * run.  Host lookups run in one helper thread that we wait for at most one
 * second: after the first timeout the rest of the run is numeric, so a dead
 * resolver costs a user one second, once.
 */
#include <sys/socket.h>

#include <netinet/in.h>
#include <arpa/inet.h>

#include <errno.h>
#include <netdb.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "netstat.h"

#define	LOOKUP_TIMEOUT_MS	1000
#define	HOST_BUCKETS		1024
#define	DB_MAXWORDS		64

struct hostent_c {
	struct hostent_c *next;
	int		 af;
	unsigned char	 addr[16];
	char		*name;
};

static struct hostent_c *hosts[HOST_BUCKETS];
static int resolver_dead;
static char domain[256];
static int domain_done;

/*
 * The one helper thread of a run and the one lookup it is handed: the
 * main thread waits for each answer, so one thread serves the whole run.
 * After a timeout the thread may still be inside getnameinfo(); its late
 * answer lands here and is never read (the run is numeric from then on).
 */
static struct {
	pthread_mutex_t	 mtx;
	pthread_cond_t	 cv;
	int		 started;
	int		 posted;	/* a lookup waits for the thread */
	int		 done;		/* its answer is in */
	struct sockaddr_storage ss;
	socklen_t	 sslen;
	char		 name[NI_MAXHOST];
	int		 ok;
} rs = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, 0,
	{ 0 }, 0, "", 0 };

static size_t
addr_len(int family)
{
	return (family == AF_INET6 ? 16 : 4);
}

/* The numeric form of an address, in a small ring of static buffers. */
const char *
addr_str(int family, const void *addr)
{
	static char ring[8][INET6_ADDRSTRLEN];
	static int slot;
	char *buf = ring[slot++ & 7];

	if (inet_ntop(family, addr, buf, INET6_ADDRSTRLEN) == NULL)
		(void)strcpy(buf, "?");
	return (buf);
}

static void *
lookup_thread(void *arg)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	char name[NI_MAXHOST];
	int ok;

	(void)arg;
	for (;;) {
		pthread_mutex_lock(&rs.mtx);
		while (!rs.posted)
			pthread_cond_wait(&rs.cv, &rs.mtx);
		ss = rs.ss;
		sslen = rs.sslen;
		pthread_mutex_unlock(&rs.mtx);
		ok = getnameinfo((struct sockaddr *)&ss, sslen, name,
		    sizeof(name), NULL, 0, NI_NAMEREQD) == 0;
		pthread_mutex_lock(&rs.mtx);
		if (ok)
			memcpy(rs.name, name, sizeof(name));
		rs.ok = ok;
		rs.done = 1;
		rs.posted = 0;
		pthread_cond_broadcast(&rs.cv);
		pthread_mutex_unlock(&rs.mtx);
	}
	return (NULL);
}

/*
 * The helper thread, once per run, with the signals the main thread
 * handles blocked, so that they always reach the main thread.
 */
static int
lookup_start(void)
{
	pthread_attr_t attr;
	pthread_t tid;
	int rc;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = thread_start(&tid, &attr, lookup_thread, NULL);
	pthread_attr_destroy(&attr);
	if (rc != 0)
		return (-1);
	rs.started = 1;
	return (0);
}

/*
 * Resolve with a deadline.  Returns 1 with a name, 0 without one, -1 when
 * the deadline passed.
 */
static int
lookup_bounded(int family, const void *addr, char *name, size_t len)
{
	struct timespec ts;
	int rc = 0, timedout = 0;

	if (!rs.started && lookup_start() < 0)
		return (0);
	pthread_mutex_lock(&rs.mtx);
	memset(&rs.ss, 0, sizeof(rs.ss));
	if (family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)&rs.ss;

		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, addr, 4);
		rs.sslen = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&rs.ss;

		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, addr, 16);
		rs.sslen = sizeof(*sin6);
	}
	rs.done = 0;
	rs.posted = 1;
	pthread_cond_broadcast(&rs.cv);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += LOOKUP_TIMEOUT_MS / 1000;
	ts.tv_nsec += (LOOKUP_TIMEOUT_MS % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	while (!rs.done && !timedout)
		if (pthread_cond_timedwait(&rs.cv, &rs.mtx, &ts) == ETIMEDOUT)
			timedout = !rs.done;
	if (rs.done && rs.ok) {
		(void)snprintf(name, len, "%s", rs.name);
		rc = 1;
	} else if (timedout)
		rc = -1;
	pthread_mutex_unlock(&rs.mtx);
	return (rc);
}

/* BSD trims our own domain from names: "host.example.com" -> "host". */
static void
trim_domain(char *name)
{
	char host[256], *dot;
	size_t nl, dl;

	if (!domain_done) {
		domain_done = 1;
		if (gethostname(host, sizeof(host)) == 0) {
			host[sizeof(host) - 1] = '\0';
			if ((dot = strchr(host, '.')) != NULL)
				(void)snprintf(domain, sizeof(domain), "%s",
				    dot + 1);
		}
	}
	if (domain[0] == '\0')
		return;
	nl = strlen(name);
	dl = strlen(domain);
	if (nl > dl + 1 && name[nl - dl - 1] == '.' &&
	    strcasecmp(name + nl - dl, domain) == 0)
		name[nl - dl - 1] = '\0';
}

static unsigned int
addr_hash(int family, const unsigned char *a)
{
	unsigned int h = 2166136261u;
	size_t i;

	for (i = 0; i < addr_len(family); i++)
		h = (h ^ a[i]) * 16777619u;
	return (h % HOST_BUCKETS);
}

/*
 * The name of a host address, or its numeric form.
 */
const char *
host_name(int family, const void *addr)
{
	struct hostent_c *e;
	char name[NI_MAXHOST];
	unsigned int h;
	int rc;

	if (nflag || resolver_dead)
		return (addr_str(family, addr));
	h = addr_hash(family, addr);
	for (e = hosts[h]; e != NULL; e = e->next)
		if (e->af == family &&
		    memcmp(e->addr, addr, addr_len(family)) == 0)
			return (e->name);
	rc = lookup_bounded(family, addr, name, sizeof(name));
	if (rc < 0) {
		resolver_dead = 1;
		ns_notice("name lookup timed out; printing numeric addresses");
		return (addr_str(family, addr));
	}
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return (addr_str(family, addr));
	if (rc > 0) {
		trim_domain(name);
		e->name = strdup(name);
	} else
		e->name = strdup(addr_str(family, addr));
	if (e->name == NULL) {
		free(e);
		return (addr_str(family, addr));
	}
	e->af = family;
	memcpy(e->addr, addr, addr_len(family));
	e->next = hosts[h];
	hosts[h] = e;
	return (e->name);
}

/*
 * The databases of /etc: services(5) and protocols(5) are read here, not
 * through getservent() and getprotoent() (musl has neither in full).
 * Both are lines of blank-separated words, '#' starting a comment.
 */
#define	DB_MAXFILE	(4 * 1024 * 1024)
#ifndef ETCDIR
#define	ETCDIR	"/etc"
#endif

/* The words of line [p, end) before any comment, up to max; their count. */
static int
db_words(const char *p, const char *end, struct proc_tok *w, int max)
{
	const char *hash = memchr(p, '#', (size_t)(end - p));

	return (proc_split(p, (size_t)((hash != NULL ? hash : end) - p), w,
	    max));
}

/* Call fn for each line of buf with its words; returns the count of lines. */
static size_t
db_lines(const char *buf, size_t len,
    void (*fn)(const struct proc_tok *, int, void *), void *arg)
{
	struct proc_tok w[DB_MAXWORDS];
	const char *p = buf, *end = buf + len, *nl;
	size_t n = 0;
	int nw;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		/* A line of more words keeps its first DB_MAXWORDS. */
		if ((nw = db_words(p, nl, w, DB_MAXWORDS)) > DB_MAXWORDS)
			nw = DB_MAXWORDS;
		if (nw > 0)
			fn(w, nw, arg);
		n++;
		p = nl + 1;
	}
	return (n);
}

struct svc_cb {
	void	(*fn)(const char *, size_t, unsigned int, const char *,
		    size_t, void *);
	void	*arg;
	int	 bad;
};

static void
svc_line(const struct proc_tok *w, int nw, void *arg)
{
	struct svc_cb *cb = arg;
	const char *slash;
	unsigned long long port;

	if (nw < 2 || (slash = memchr(w[1].s, '/', w[1].n)) == NULL ||
	    proc_ull(w[1].s, (size_t)(slash - w[1].s), 10, &port) < 0 ||
	    port > 65535 || slash + 1 == w[1].s + w[1].n) {
		cb->bad++;
		return;
	}
	cb->fn(w[0].s, w[0].n, (unsigned int)port, slash + 1,
	    (size_t)(w[1].s + w[1].n - slash - 1), cb->arg);
}

/*
 * services(5): "name port/protocol aliases...".  fn(name, namelen, port,
 * protocol, protolen, arg) for each entry; returns the count of lines
 * that are not one.
 */
int
services_parse(const char *buf, size_t len,
    void (*fn)(const char *, size_t, unsigned int, const char *, size_t,
    void *), void *arg)
{
	struct svc_cb cb = { fn, arg, 0 };

	(void)db_lines(buf, len, svc_line, &cb);
	return (cb.bad);
}

struct proto_cb {
	void	(*fn)(const char *, size_t, const char *, size_t, void *);
	void	*arg;
	int	 bad;
};

static void
proto_line(const struct proc_tok *w, int nw, void *arg)
{
	struct proto_cb *cb = arg;
	unsigned long long num;
	int i;

	if (nw < 2 || proc_ull(w[1].s, w[1].n, 10, &num) < 0 || num > 255) {
		cb->bad++;
		return;
	}
	cb->fn(w[0].s, w[0].n, w[0].s, w[0].n, cb->arg);
	for (i = 2; i < nw; i++)
		cb->fn(w[0].s, w[0].n, w[i].s, w[i].n, cb->arg);
}

/*
 * protocols(5): "name number aliases...".  fn(name, namelen, word,
 * wordlen, arg) for the name itself and for each alias; returns the
 * count of lines that are not an entry.
 */
int
protocols_parse(const char *buf, size_t len,
    void (*fn)(const char *, size_t, const char *, size_t, void *),
    void *arg)
{
	struct proto_cb cb = { fn, arg, 0 };

	(void)db_lines(buf, len, proto_line, &cb);
	return (cb.bad);
}

/*
 * The text of database name ("services"): the -M tree's etc/name when
 * it has one (a support bundle carries /etc), else the system's.  NULL
 * when neither can be read.
 */
char *
etc_db(const char *name, size_t *lenp)
{
	char path[4096];
	char *buf = NULL, *nbuf;
	size_t cap = 0, len = 0, n;
	FILE *f = NULL;

	if (memf != NULL && (size_t)snprintf(path, sizeof(path), "%s/etc/%s",
	    memf, name) < sizeof(path))
		f = fopen(path, "re");
	if (f == NULL && (size_t)snprintf(path, sizeof(path), "%s/%s", ETCDIR,
	    name) < sizeof(path))
		f = fopen(path, "re");
	if (f == NULL)
		return (NULL);
	for (;;) {
		if (len + 1 >= cap) {
			if (cap >= DB_MAXFILE)
				break;
			cap = cap ? cap * 2 : 65536;
			if ((nbuf = realloc(buf, cap)) == NULL)
				break;
			buf = nbuf;
		}
		if ((n = fread(buf + len, 1, cap - len - 1, f)) == 0)
			break;
		len += n;
	}
	(void)fclose(f);
	if (buf != NULL)
		buf[len] = '\0';
	*lenp = len;
	return (buf);
}

/*
 * Service names for tcp and udp, read once from services(5) into tables
 * indexed by port.
 */
static char **svc_tcp, **svc_udp;
static int svc_loaded;

static void
svc_add(const char *name, size_t nlen, unsigned int port, const char *proto,
    size_t plen, void *arg)
{
	char **tab;

	(void)arg;
	if (plen == 3 && memcmp(proto, "tcp", 3) == 0)
		tab = svc_tcp;
	else if (plen == 3 && memcmp(proto, "udp", 3) == 0)
		tab = svc_udp;
	else
		return;
	/* The first name listed for a port is its name. */
	if (tab[port] == NULL)
		tab[port] = xstrndup(name, nlen);
}

static void
svc_load(void)
{
	char *buf;
	size_t len;

	svc_loaded = 1;
	svc_tcp = xcalloc(65536, sizeof(char *));
	svc_udp = xcalloc(65536, sizeof(char *));
	if ((buf = etc_db("services", &len)) == NULL)
		return;
	(void)services_parse(buf, len, svc_add, NULL);
	free(buf);
}

/*
 * The name of a port for "tcp" or "udp" (others use udp's names, as
 * udplite shares its port space), or its number; "*" for port 0.
 */
const char *
port_name(unsigned int port, const char *proto)
{
	static char ring[8][8];
	static int slot;
	char *buf;
	char **tab;

	port &= 0xffff;
	if (port == 0)
		return ("*");
	if (!nflag) {
		if (!svc_loaded)
			svc_load();
		tab = proto != NULL && strcmp(proto, "tcp") == 0 ?
		    svc_tcp : svc_udp;
		if (tab != NULL && tab[port] != NULL)
			return (tab[port]);
	}
	buf = ring[slot++ & 7];
	(void)snprintf(buf, sizeof(ring[0]), "%u", port);
	return (buf);
}

/*
 * A network's name from /etc/networks, or NULL.  net is in host order, as
 * getnetbyaddr() takes it, with trailing zero octets dropped.
 */
const char *
net_name(uint32_t net)
{
	static struct {
		uint32_t net;
		char	*name;
	} cache[64];
	static int ncache;
	struct netent *ne;
	char *name;
	int i;

	if (nflag)
		return (NULL);
	for (i = 0; i < ncache; i++)
		if (cache[i].net == net)
			return (cache[i].name);
	ne = getnetbyaddr(net, AF_INET);
	name = ne != NULL ? strdup(ne->n_name) : NULL;
	if (ncache < 64) {
		cache[ncache].net = net;
		cache[ncache].name = name;
		ncache++;
	}
	return (name);
}
