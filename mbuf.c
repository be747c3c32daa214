/*
 * Network memory (-m, -mm): Linux has no mbufs, so this answers BSD -m's
 * question -- how much memory the network stack holds and whether it ran
 * short -- from sockstat, sockstat6, tcp_mem, udp_mem, the TcpExt/Udp/Udp6
 * memory counters and softnet_stat; -mm adds the per-CPU softnet table and
 * the network slab caches from slabinfo.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#define	SS_MAXLINES	32
#define	SN_MAXCOLS	32	/* softnet_stat columns we look at */

/* sockstat, sockstat6: "NAME: key value key value ...". */
int
mbuf_parse_sockstat(const char *buf, size_t len, struct ss_line *s)
{
	const char *p = buf, *end = buf + len, *t, *colon;
	size_t n;

	memset(s, 0, sizeof(*s));
	if ((colon = memchr(buf, ':', len)) == NULL ||
	    colon == buf || (size_t)(colon - buf) >= SS_NAMEMAX)
		return (-1);
	memcpy(s->name, buf, (size_t)(colon - buf));
	for (n = 0; s->name[n] != '\0'; n++)
		if (s->name[n] == ' ' || s->name[n] == '\t')
			return (-1);
	p = colon + 1;
	while (proc_token(&p, end, &t, &n)) {
		if (s->npairs >= SS_MAXPAIRS || n >= SS_NAMEMAX)
			return (-1);
		memcpy(s->key[s->npairs], t, n);
		if (!proc_token(&p, end, &t, &n) ||
		    proc_ull(t, n, 10, &s->val[s->npairs]) < 0)
			return (-1);
		s->npairs++;
	}
	return (s->npairs > 0 ? 0 : -1);
}

int
mbuf_ss_get(const struct ss_line *s, const char *key, unsigned long long *v)
{
	int i;

	for (i = 0; i < s->npairs; i++)
		if (strcmp(s->key[i], key) == 0) {
			*v = s->val[i];
			return (0);
		}
	return (-1);
}

/* tcp_mem, udp_mem: three page counts, "low pressure high". */
int
mbuf_parse_mem3(const char *buf, size_t len, unsigned long long v[3])
{
	const char *p = buf, *end = buf + len, *t;
	size_t n;
	int i;

	if (len > 0 && end[-1] == '\n')
		end--;
	for (i = 0; i < 3; i++)
		if (!proc_token(&p, end, &t, &n) ||
		    proc_ull(t, n, 10, &v[i]) < 0)
			return (-1);
	return (proc_token(&p, end, &t, &n) ? -1 : 0);
}

/*
 * softnet_stat: one line per CPU of hexadecimal columns -- processed,
 * dropped, time_squeeze, five unused, cpu_collision, received_rps,
 * flow_limit_count, backlog length, CPU index, ... -- as many as this
 * kernel prints.  Returns the column count.
 */
int
mbuf_parse_softnet(const char *buf, size_t len, unsigned long long *col,
    int max)
{
	const char *p = buf, *end = buf + len, *t;
	size_t n;
	int ncol = 0;

	while (proc_token(&p, end, &t, &n)) {
		if (ncol >= max)
			break;	/* columns a newer kernel adds */
		if (n > 16 || proc_ull(t, n, 16, &col[ncol]) < 0)
			return (-1);
		ncol++;
	}
	return (ncol >= 3 ? ncol : -1);
}

/*
 * slabinfo 2.x: "name active num objsize perslab pagesperslab : tunables
 * ... : slabdata active_slabs num_slabs sharedavail".
 */
int
mbuf_parse_slab(const char *buf, size_t len, struct slab *s)
{
	const char *p = buf, *end = buf + len, *t;
	unsigned long long v[5];
	size_t n;
	int i;

	memset(s, 0, sizeof(*s));
	if (!proc_token(&p, end, &t, &n) || n >= sizeof(s->name))
		return (-1);
	memcpy(s->name, t, n);
	s->namelen = n;
	for (i = 0; i < 5; i++)
		if (!proc_token(&p, end, &t, &n) ||
		    proc_ull(t, n, 10, &v[i]) < 0)
			return (-1);
	s->active = v[0];
	s->total = v[1];
	s->objsize = v[2];
	s->pagesperslab = v[4];
	/* Skip to ": slabdata"; the slab counts follow. */
	while (proc_token(&p, end, &t, &n))
		if (n == 8 && memcmp(t, "slabdata", 8) == 0)
			break;
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &v[0]) < 0)
		return (-1);
	if (!proc_token(&p, end, &t, &n) || proc_ull(t, n, 10, &s->slabs) < 0)
		return (-1);
	return (0);
}

/*
 * Sockets in use.
 */
static struct ss_line sslines[SS_MAXLINES];
static int nss;

static int
sockstat_line(const char *line, size_t len, void *arg)
{
	(void)arg;
	if (nss >= SS_MAXLINES)
		return (0);
	if (mbuf_parse_sockstat(line, len, &sslines[nss]) < 0)
		return (-1);
	nss++;
	return (0);
}

static const struct ss_line *
ss_find(const char *name)
{
	int i;

	for (i = 0; i < nss; i++)
		if (strcmp(sslines[i].name, name) == 0)
			return (&sslines[i]);
	return (NULL);
}

static const struct {
	const char	*kname, *name;
} ss_names[] = {
	{ "TCP", "TCP" }, { "UDP", "UDP" }, { "UDPLITE", "UDP-Lite" },
	{ "RAW", "raw" }, { "TCP6", "TCP6" }, { "UDP6", "UDP6" },
	{ "UDPLITE6", "UDP-Lite6" }, { "RAW6", "raw6" },
};

static const char *
ss_display(const char *kname)
{
	size_t i;

	for (i = 0; i < sizeof(ss_names) / sizeof(ss_names[0]); i++)
		if (strcmp(ss_names[i].kname, kname) == 0)
			return (ss_names[i].name);
	return (kname);	/* a protocol this program does not know yet */
}

static void
tcp_detail(const struct ss_line *s)
{
	unsigned long long v;

	if (mbuf_ss_get(s, "orphan", &v) == 0)
		out_uint("orphaned", " (%llu orphaned", v);
	if (mbuf_ss_get(s, "tw", &v) == 0)
		out_uint("time-wait", ", %llu in TIME_WAIT", v);
	if (mbuf_ss_get(s, "alloc", &v) == 0)
		out_uint("allocated", ", %llu allocated", v);
	out_text(")");
}

/* Each protocol line but "sockets" (the total) and FRAG (memory). */
static void
protocol_sockets(void)
{
	const struct ss_line *s;
	unsigned long long v;
	int i;

	out_open_list("socket-protocol");
	for (i = 0; i < nss; i++) {
		s = &sslines[i];
		if (strcmp(s->name, "sockets") == 0 ||
		    strncmp(s->name, "FRAG", 4) == 0 ||
		    mbuf_ss_get(s, "inuse", &v) < 0)
			continue;
		out_open_instance();
		out_uint("in-use", "\t%llu ", v);
		out_str("protocol", "%s", ss_display(s->name));
		if (strcmp(s->name, "TCP") == 0)
			tcp_detail(s);
		out_text("\n");
		out_close_instance();
	}
	out_close_list();
}

static void
sockets_in_use(void)
{
	const struct ss_line *s;
	unsigned long long v;

	if ((s = ss_find("sockets")) != NULL &&
	    mbuf_ss_get(s, "used", &v) == 0)
		out_uint("sockets-in-use", "%llu ", v);
	else
		out_str(NULL, "%s ", "-");
	out_text("sockets in use\n");
	protocol_sockets();
}

/*
 * Buffer memory against its thresholds.
 */
static unsigned long long
pages_kb(unsigned long long pages)
{
	long ps = sysconf(_SC_PAGESIZE);

	return (pages * (unsigned long long)(ps > 0 ? ps : 4096) / 1024);
}

static void
buffer_memory(const char *proto, const char *kname, const char *memfile,
    const char *key)
{
	const struct ss_line *s = ss_find(kname);
	unsigned long long v, lim[3];
	size_t len;
	char *buf;
	int have;

	buf = proc_slurp(memfile, &len, PROC_QUIET);
	have = buf != NULL && mbuf_parse_mem3(buf, len, lim) == 0;
	free(buf);
	out_open_container(key);
	if (s != NULL && mbuf_ss_get(s, "mem", &v) == 0)
		out_uint("kilobytes-in-use", "%llu KB", pages_kb(v));
	else
		out_str(NULL, "%s KB", "-");
	out_text(" allocated to %s buffers", proto);
	if (have) {
		out_uint("minimum-kilobytes", NULL, pages_kb(lim[0]));
		out_uint("pressure-kilobytes", " (pressure at %llu KB",
		    pages_kb(lim[1]));
		out_uint("limit-kilobytes", ", limit %llu KB)\n",
		    pages_kb(lim[2]));
	} else
		out_text(" (pressure at -, limit -)\n");
	out_close_container();
}

static void
fragment_memory(const char *kname, const char *what, const char *key)
{
	const struct ss_line *s = ss_find(kname);
	unsigned long long mem, queues;

	if (s == NULL || mbuf_ss_get(s, "memory", &mem) < 0 ||
	    mbuf_ss_get(s, "inuse", &queues) < 0)
		return;
	out_open_container(key);
	out_uint("bytes-in-use", "%llu ", mem);
	out_text("byte%s allocated to %s fragment reassembly", plural(mem),
	    what);
	out_uint("queues", " (%llu ", queues);
	out_text("queue%s)\n", plural(queues));
	out_close_container();
}

/*
 * Counters that say the stack ran short.  Absent ones (older kernels) are
 * left out.
 */
static const struct {
	int		 file;		/* STF_* */
	const char	*name, *key, *phrase;
} short_ctr[] = {
	{ STF_NETSTAT, "TcpExtTCPMemoryPressures",
	    "tcp-memory-pressures",
	    "request%s for memory denied (TCP memory pressure)" },
	{ STF_NETSTAT, "TcpExtTCPMemoryPressuresChrono",
	    "tcp-memory-pressure-ms",
	    "millisecond%s spent under TCP memory pressure" },
	{ STF_NETSTAT, "TcpExtTCPAbortOnMemory",
	    "tcp-aborted-on-memory",
	    "connection%s aborted for lack of memory" },
	{ STF_NETSTAT, "TcpExtPruneCalled", "tcp-prune-called",
	    "time%s receive queues were pruned to free memory" },
	{ STF_NETSTAT, "TcpExtRcvPruned", "tcp-receive-pruned",
	    "packet%s dropped from receive queues by pruning" },
	{ STF_NETSTAT, "TcpExtOfoPruned", "tcp-ofo-pruned",
	    "packet%s dropped from out-of-order queues by pruning" },
	{ STF_NETSTAT, "TcpExtTCPRcvCollapsed", "tcp-receive-collapsed",
	    "packet%s collapsed in receive queues to save memory" },
	{ STF_NETSTAT, "TcpExtTCPRcvQDrop", "tcp-receive-queue-drops",
	    "packet%s dropped: receive queue full" },
	{ STF_NETSTAT, "TcpExtTCPOFODrop", "tcp-ofo-drops",
	    "out-of-order packet%s dropped: receive memory full" },
	{ STF_NETSTAT, "TcpExtTCPBacklogDrop", "tcp-backlog-drops",
	    "packet%s dropped: socket backlog full" },
	{ STF_NETSTAT, "TcpExtTCPWqueueTooBig", "tcp-write-queue-full",
	    "send%s refused: write queue too big" },
	{ STF_NETSTAT, "TcpExtPFMemallocDrop", "pfmemalloc-drops",
	    "packet%s dropped: allocated from emergency reserves" },
	{ STF_SNMP, "UdpRcvbufErrors", "udp-receive-buffer-errors",
	    "UDP datagram%s dropped: receive buffer full" },
	{ STF_SNMP, "UdpSndbufErrors", "udp-send-buffer-errors",
	    "UDP datagram%s not sent: send buffer full" },
	{ STF_SNMP, "UdpMemErrors", "udp-memory-errors",
	    "UDP datagram%s dropped: UDP memory limit reached" },
	{ STF_SNMP6, "Udp6RcvbufErrors", "udp6-receive-buffer-errors",
	    "UDP6 datagram%s dropped: receive buffer full" },
	{ STF_SNMP6, "Udp6SndbufErrors", "udp6-send-buffer-errors",
	    "UDP6 datagram%s not sent: send buffer full" },
	{ STF_SNMP6, "Udp6MemErrors", "udp6-memory-errors",
	    "UDP6 datagram%s dropped: UDP memory limit reached" },
};

static void
shortage_counters(void)
{
	static const struct {
		const char	*rel;
		int		 file;
	} files[] = {
		{ "net/netstat", STF_NETSTAT }, { "net/snmp", STF_SNMP },
		/* A kernel without IPv6 has no snmp6. */
		{ "net/snmp6", STF_SNMP6 | STF_QUIET },
	};
	struct stat_snap snap;
	unsigned long long v;
	size_t f, i;

	for (f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		memset(&snap, 0, sizeof(snap));
		if (stats_snap_read(&snap, files[f].rel, files[f].file) < 0) {
			stats_snap_free(&snap);
			continue;
		}
		for (i = 0; i < sizeof(short_ctr) / sizeof(short_ctr[0]); i++) {
			if (short_ctr[i].file != (files[f].file & ~STF_QUIET) ||
			    stats_get(&snap, short_ctr[i].name, &v) < 0)
				continue;
			out_uint(short_ctr[i].key, "%llu ", v);
			out_text(short_ctr[i].phrase, plural(v));
			out_text("\n");
		}
		stats_snap_free(&snap);
	}
}

/*
 * softnet_stat: sums (-m) and the per-CPU table (-mm).
 */
#define	SN_PROCESSED	0
#define	SN_DROPPED	1
#define	SN_SQUEEZE	2
#define	SN_RPS		9
#define	SN_FLOWLIMIT	10
#define	SN_BACKLOG	11
#define	SN_CPU		12

struct softnet {
	int		 rows;
	int		 cols;	/* fewest columns seen */
	unsigned long long sum[SN_MAXCOLS];
};

static int
softnet_sum_line(const char *line, size_t len, void *arg)
{
	struct softnet *sn = arg;
	unsigned long long col[SN_MAXCOLS];
	int i, n;

	if ((n = mbuf_parse_softnet(line, len, col, SN_MAXCOLS)) < 0)
		return (-1);
	if (sn->rows++ == 0 || n < sn->cols)
		sn->cols = n;
	for (i = 0; i < n; i++)
		sn->sum[i] += col[i];
	return (0);
}

static void
softnet_phrase(const struct softnet *sn, int col, const char *key,
    const char *phrase)
{
	if (sn->cols <= col)
		return;	/* this kernel does not count it */
	out_uint(key, "%llu ", sn->sum[col]);
	out_text(phrase, plural(sn->sum[col]));
	out_text("\n");
}

static void
softnet_sums(void)
{
	struct softnet sn;

	memset(&sn, 0, sizeof(sn));
	if (proc_lines("net/softnet_stat", 0, 0, softnet_sum_line, &sn) < 0 ||
	    sn.rows == 0)
		return;
	out_open_container("softnet");
	softnet_phrase(&sn, SN_PROCESSED, "processed-packets",
	    "packet%s processed by the receive path");
	softnet_phrase(&sn, SN_DROPPED, "dropped-packets",
	    "packet%s dropped: backlog full");
	softnet_phrase(&sn, SN_SQUEEZE, "time-squeezes",
	    "time%s the receive path ran out of budget (time squeeze)");
	softnet_phrase(&sn, SN_FLOWLIMIT, "flow-limit-drops",
	    "packet%s dropped: flow limit");
	out_close_container();
}

static void
softnet_cell(const unsigned long long *col, int n, int i, const char *key,
    const char *fmt)
{
	if (i < n)
		out_uint(key, fmt, col[i]);
	else
		out_str(NULL, " %10s", "-");
}

static int
softnet_cpu_line(const char *line, size_t len, void *arg)
{
	unsigned long long col[SN_MAXCOLS];
	int *row = arg, n;

	if ((n = mbuf_parse_softnet(line, len, col, SN_MAXCOLS)) < 0)
		return (-1);
	out_open_instance();
	if (n > SN_CPU)
		out_uint("cpu", "%3llu", col[SN_CPU]);
	else
		out_uint("cpu", "%3llu", (unsigned long long)*row);
	(*row)++;
	softnet_cell(col, n, SN_PROCESSED, "processed-packets", " %10llu");
	softnet_cell(col, n, SN_DROPPED, "dropped-packets", " %10llu");
	softnet_cell(col, n, SN_SQUEEZE, "time-squeezes", " %10llu");
	softnet_cell(col, n, SN_RPS, "received-rps", " %10llu");
	softnet_cell(col, n, SN_FLOWLIMIT, "flow-limit-drops", " %10llu");
	softnet_cell(col, n, SN_BACKLOG, "backlog-length", " %10llu");
	out_text("\n");
	out_close_instance();
	return (0);
}

static void
softnet_table(void)
{
	int row = 0;

	out_text("\n%3s %10s %10s %10s %10s %10s %10s\n", "CPU", "Processed",
	    "Dropped", "Squeezed", "RPS", "FlowLimit", "Backlog");
	out_open_list("softnet-cpu");
	(void)proc_lines("net/softnet_stat", 0, 0, softnet_cpu_line, &row);
	out_close_list();
}

/*
 * Network slab caches (-mm).
 */
static const char *const net_slabs[] = {
	"skbuff_", "sock_inode_cache", "TCP", "UDP", "RAW", "PING", "UNIX",
	"MPTCP", "SCTP", "tw_sock_", "request_sock_", "inet_peer_cache",
	"ip_fib_", "ip_dst_cache", "ip6_dst_cache", "fib6_nodes",
	"ip4-frags", "ip6-frags", "nf_conntrack", "xfrm_", "netlink_",
};

static int
net_slab(const char *name)
{
	size_t i, n;

	for (i = 0; i < sizeof(net_slabs) / sizeof(net_slabs[0]); i++) {
		n = strlen(net_slabs[i]);
		if (strncmp(name, net_slabs[i], n) == 0)
			return (1);
	}
	return (0);
}

static int
slab_line(const char *line, size_t len, void *arg)
{
	int *rows = arg;
	struct slab s;

	if (len == 0 || line[0] == '#' ||
	    (len >= 8 && memcmp(line, "slabinfo", 8) == 0))
		return (0);
	if (mbuf_parse_slab(line, len, &s) < 0)
		return (-1);
	if (!net_slab(s.name))
		return (0);
	if ((*rows)++ == 0)
		out_text("%-24s %7s %9s %9s %12s\n", "Cache", "Size",
		    "Active", "Total", "Memory");
	out_open_instance();
	out_strn("name", "%-24s", s.name, s.namelen);
	out_uint("object-size", " %7llu", s.objsize);
	out_uint("active-objects", " %9llu", s.active);
	out_uint("total-objects", " %9llu", s.total);
	out_uint("kilobytes", " %9llu KB\n",
	    pages_kb(s.slabs * s.pagesperslab));
	out_close_instance();
	return (0);
}

/* slabinfo is root's alone: without it, one line saying so. */
static void
slab_caches(void)
{
	char path[4096];
	int rows = 0, r, err;

	out_text("\n");
	out_open_list("slab-cache");
	r = proc_lines("slabinfo", 0, PROC_QUIET, slab_line, &rows);
	err = errno;
	out_close_list();
	if (r < 0) {
		if (proc_path(path, sizeof(path), "slabinfo") < 0)
			(void)snprintf(path, sizeof(path), "slabinfo");
		out_text("Network slab caches not shown: %s: %s\n", path,
		    strerror(err));
		out_str("slab-note", NULL, strerror(err));
	} else if (rows == 0)
		out_text("No network slab caches in %s\n", "slabinfo");
}

void
mbpr(void)
{
	int have;

	nss = 0;
	have = proc_lines("net/sockstat", 0, 0, sockstat_line, NULL) == 0;
	(void)proc_lines("net/sockstat6", 0, PROC_QUIET, sockstat_line, NULL);
	out_open_container("mbuf-statistics");
	/* Without sockstat (reported above) its lines are left out. */
	if (have) {
		sockets_in_use();
		buffer_memory("TCP", "TCP", "sys/net/ipv4/tcp_mem",
		    "tcp-buffers");
		buffer_memory("UDP", "UDP", "sys/net/ipv4/udp_mem",
		    "udp-buffers");
	}
	fragment_memory("FRAG", "IPv4", "ipv4-fragments");
	fragment_memory("FRAG6", "IPv6", "ipv6-fragments");
	shortage_counters();
	softnet_sums();
	if (mflag > 1) {
		softnet_table();
		slab_caches();
	}
	out_close_container();
}
