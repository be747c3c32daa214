/*
 * netstat -- BSD netstat(1) for Linux.
 *
 * Shared declarations: option flags (main.c), the protocol table, the
 * netlink transport (nl.c), proc-file reading (proc.c), the output layer
 * (out.c), name lookups (names.c) and each subsystem's entry points.
 */
#ifndef NETSTAT_H
#define NETSTAT_H

#include <sys/types.h>
#include <stddef.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

struct nlmsghdr;
struct rtattr;

/*
 * Kernel headers: 4.7 or newer (SK_MEMINFO_DROPS, an index, cannot be
 * supplied).  Socket options of newer ones are defined here; a kernel
 * that does not know one refuses it, and we go on without.
 */
#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK		11	/* 4.12 */
#endif
#ifndef NETLINK_GET_STRICT_CHK
#define NETLINK_GET_STRICT_CHK	12	/* 4.20 */
#endif

/*
 * Options (main.c).
 */
extern int	Aflag;		/* socket cookie column */
extern int	aflag;		/* all sockets; -ia multicast; -ra local table */
extern int	bflag;		/* byte counts */
extern int	dflag;		/* drop column */
extern int	gflag;		/* multicast */
extern int	hflag;		/* human-readable counters */
extern int	iflag;		/* interfaces */
extern int	Lflag;		/* listen queues */
extern int	lflag;		/* long addresses; -rl extra columns */
extern int	mflag;		/* network memory; 2 with -mm */
extern int	nflag;		/* numeric */
extern int	rflag;		/* routing tables */
extern int	sflag;		/* statistics; 2 with -ss */
extern int	tflag;		/* -i: Time column */
extern int	vflag;		/* verbose */
extern int	Wflag;		/* wide: never truncate */
extern int	xflag;		/* socket buffers and timers */
extern int	Tflag;		/* TCP diagnostic counters (tcpinfo.c) */
extern int	Cflag;		/* congestion control (tcpinfo.c) */
extern int	cflag;		/* upper-layer protocol (tcpinfo.c) */
extern int	Bflag;		/* packet sockets (packet.c) */
extern int	Sflag;		/* numeric hosts, symbolic ports */

extern int	af;		/* AF_UNSPEC, AF_INET, AF_INET6, AF_UNIX, AF_PACKET,
				   AF_VSOCK */
extern char	*interface;	/* -I, or NULL */
extern int	interval;	/* -w seconds, 0 when not given */
extern int	qcount;		/* -q lines, 0 for unlimited */
extern char	*memf;		/* -M directory, or NULL for the live kernel */
extern char	*fibname;	/* -F as given, or NULL */
extern int	exit_status;	/* 1 once a soft error was reported */

/*
 * The protocol table (main.c), after FreeBSD's protox.  One row per name
 * accepted by -p; the rows drive every dispatch by protocol.
 * pr_sockaf/pr_proto say which sockets pr_cblocks lists (NULL: none);
 * pr_listrank places the row in the socket list without -p (0: only
 * with -p); pr_svc is the services(5) protocol that names its ports;
 * pr_stats prints the row's -s block, pr_istats its per-interface one
 * (NULL: none).
 */
struct ifsnaps;

struct protox {
	const char	*pr_name;
	int		 pr_sockaf;	/* AF_UNSPEC: both families */
	int		 pr_proto;	/* IPPROTO_TCP, ... or IPPROTO_RAW */
	int		 pr_statsaf;	/* family of the -s block */
	int		 pr_flags;
#define	PR_EXPLICIT	0x01	/* -s block only when named with -p */
	void		(*pr_stats)(const struct protox *);
	void		(*pr_cblocks)(const struct protox *);
	int		 pr_listrank;
	const char	*pr_svc;
	/* ifname (NULL: all), and for -s -w the last snapshot (else NULL) */
	void		(*pr_istats)(const char *, struct ifsnaps *);
};

extern const struct protox protox[];

/*
 * Netlink transport (nl.c).
 *
 * nl_walk() is the parser: it checks every length in buf and calls fn for
 * each message of the dump with sequence number seq.  It returns 1 when
 * NLMSG_DONE was seen, 0 when more is to come, a negative errno when the
 * kernel answered with an error (NLMSG_ERROR or a DONE carrying one),
 * -EBADMSG when the buffer is malformed, or fn's negative return.
 */
typedef int	(*nl_msg_fn)(const struct nlmsghdr *, void *);

int	nl_open(int);
int	nl_dump(int, void *, size_t, nl_msg_fn, void *);
int	nl_dump_once(int, void *, size_t, nl_msg_fn, void *);
ssize_t	nl_recv(int, void *, size_t);
int	nl_walk(const void *, size_t, uint32_t, nl_msg_fn, void *);
int	nl_attrs(const void *, size_t, const struct rtattr **, int);
const void *nl_data(const struct rtattr *, size_t *);
int	nl_u32(const struct rtattr *, uint32_t *);
int	nl_u64(const struct rtattr *, uint64_t *);
int	nl_fallback(int);
int	nl_body(const void *, size_t, void *, size_t, const struct rtattr **,
	    int);
int	nl_msg(const void *, size_t, uint16_t *, void *, size_t,
	    const struct rtattr **, int);

/*
 * Proc-file reading (proc.c); every path is relative to /proc, or to the
 * -M directory when one was given.
 *
 * proc_lines() calls fn for each line (without its newline) after skipping
 * `skip` header lines.  fn returns 0, or -1 for a malformed line; those are
 * counted and reported once.  proc_lines() returns -1 when the file cannot
 * be read (reported unless PROC_QUIET), else 0.
 */
#define	PROC_QUIET	0x01	/* a missing file is not an error */

typedef int	(*proc_line_fn)(const char *, size_t, void *);

const char *proc_root(void);
int	proc_path(char *, size_t, const char *);
int	proc_lines(const char *, int, int, proc_line_fn, void *);
char	*proc_slurp(const char *, size_t *, int);
int	proc_read_int(const char *, long long *);
void	proc_warn(const char *);

/* Tokens of a proc line: pure functions over a buffer and its length. */
struct proc_tok {
	const char	*s;
	size_t		 n;
};

int	proc_token(const char **, const char *, const char **, size_t *);
int	proc_ull(const char *, size_t, int, unsigned long long *);
int	proc_split(const char *, size_t, struct proc_tok *, int);
int	proc_ll(const char *, size_t, long long *);
int	proc_hexbytes(const char *, size_t, uint8_t *, size_t);
int	proc_hexpair(const char *, size_t, unsigned long long *,
	    unsigned long long *);
int	proc_next_ull(const char **, const char *, int, unsigned long long,
	    unsigned long long *);

/*
 * Output (out.c).  Each field is one call that serves text and JSON alike:
 * the key names the JSON member (NULL: text only), fmt is its printf-style
 * text form with exactly one conversion (NULL: JSON only).  Strings from
 * outside are sanitized.  Text lines never end in blanks.
 */
#define	OUT_TEXT	0
#define	OUT_JSON	1
#define	OUT_XML		2	/* libxo's XML: keys are element names */

extern int	out_style;
extern int	out_utf8;	/* text: printable UTF-8 passes; -1: ask the locale */

int	out_set_style(const char *);
void	out_init(void);
int	out_finish(void);
int	out_flush(void);
void	out_open_container(const char *);
void	out_close_container(void);
void	out_open_list(const char *);
void	out_close_list(void);
void	out_open_instance(void);
void	out_close_instance(void);
void	out_text(const char *, ...) __attribute__((format(printf, 1, 2)));
void	out_str(const char *, const char *, const char *);
void	out_strn(const char *, const char *, const char *, size_t);
void	out_uint(const char *, const char *, unsigned long long);
void	out_int(const char *, const char *, long long);
void	out_bool(const char *, int);
size_t	sanitize(char *, size_t, const char *, size_t);
void	gnu_hint(int, char **);	/* hint.c: net-tools' habits */
size_t	shown_cut(const char *, size_t, size_t);
int	out_fmt_check(const char *, int);
void	out_tick(void);

/*
 * The error layer and small helpers (util.c).  Messages are "netstat: "
 * and the text (with ": " and strerror(errno) for ns_warn and ns_err),
 * written after the output so far and escaped like all outside text.
 * ns_warn/ns_warnx make the exit status 1; ns_err/ns_errx exit 1 now;
 * ns_notice says something that is no failure.
 */
void	ns_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	ns_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	ns_notice(const char *, ...) __attribute__((format(printf, 1, 2)));
void	ns_err(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	ns_errx(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
void	*xreallocarray(void *, size_t, size_t);
void	*xcalloc(size_t, size_t);
char	*xstrndup(const char *, size_t);
void	*grow(void *, size_t *, size_t, size_t);
const char *plural(unsigned long long);
char	*put_dec(char *, unsigned long long);
int	thread_start(pthread_t *, const pthread_attr_t *, void *(*)(void *),
	    void *);

/*
 * The last rows' identities (socket cookies or inodes), against the rows
 * a resumed dump hands again: recent_seen() tells whether id is among
 * them, and remembers it when not.  0 is no identity.  Zeroed to start.
 */
#define	RECENT_ROWS	8

struct recent {
	unsigned long long	id[RECENT_ROWS];
	unsigned int		n;
};

int	recent_seen(struct recent *, unsigned long long);

/*
 * The -w loop (watch.c): tick(arg) each interval until -q ticks, SIGINT,
 * SIGTERM or SIGHUP, a failed tick (-1) or a failed write.
 */
int	watch(int (*)(void *), void *);
void	watch_block(void);

/*
 * Names (names.c): cached, bounded lookups.  Each returns a string that
 * stays valid for the run; numeric when -n is given, when there is no
 * name, or once a lookup has timed out.
 */
const char *host_name(int, const void *);
const char *port_name(unsigned int, const char *);
const char *net_name(uint32_t);
const char *addr_str(int, const void *);
/* services(5), protocols(5): parsers over a buffer, and their reader */
int	services_parse(const char *, size_t, void (*)(const char *, size_t,
	    unsigned int, const char *, size_t, void *), void *);
int	protocols_parse(const char *, size_t, void (*)(const char *, size_t,
	    const char *, size_t, void *), void *);
char	*etc_db(const char *, size_t *);

/*
 * Protocol statistics (stats.c): the counters of net/snmp, net/netstat
 * and net/snmp6 (or net/dev_snmp6/IF), and the printer of -s blocks.
 * A block is a table of phrases, each naming one kernel counter (after
 * the block's prefix: "Udp" + "NoPorts"); counters of the block's
 * sections that no phrase names print under their kernel name.
 */
struct stat_phrase {
	const char	*sp_name;	/* kernel name after sb_prefix */
	const char	*sp_key;	/* FreeBSD's JSON key; NULL: from the name */
	const char	*sp_text;	/* "\t%ju packet%s sent": %s is the plural */
	int		 sp_flags;
#define	SP_ES		0x01	/* plural "es" */
#define	SP_IES		0x02	/* "y" and "ies" */
#define	SP_GAUGE	0x04	/* a level or a setting, never a delta */
#define	SP_INHIST	0x08	/* the input histogram goes here */
#define	SP_OUTHIST	0x10	/* the output histogram goes here */
#define	SP_BOOL		0x20	/* JSON: 1 is true, 2 false (SNMP's yes/no) */
	const char *const *sp_enum;	/* names of the values (settings) */
	const char	*sp_neg;	/* text for a negative value */
	const char *const *sp_jenum;	/* JSON names of the values; "": none */
};

struct stat_ctr {
	char		*sc_name;	/* full kernel name: "TcpExtTW" */
	char		*sc_sect;	/* its section: "TcpExt", "Ip6" */
	uint64_t	 sc_val;	/* magnitude */
	int		 sc_neg;	/* value is -sc_val */
	int		 sc_used;	/* printed */
};

struct stat_snap {
	struct stat_ctr	*ss_c;
	size_t		 ss_n, ss_cap;
	int		 ss_loaded;	/* STF_* files read (or tried) */
	int		 ss_ok;		/* STF_* files read */
};

#define	STF_SNMP	0x01
#define	STF_NETSTAT	0x02
#define	STF_SNMP6	0x04
#define	STF_DEV		0x08	/* net/dev_snmp6/IF */
#define	STF_QUIET	0x10	/* with one file: a missing file is no error */

struct stat_block {
	const char	*sb_name;	/* heading and JSON container */
	const char	*sb_prefix;	/* before each phrase's name */
	const struct stat_phrase *sb_tab;
	size_t		 sb_ntab;
	const char *const *sb_sects;	/* sections printed here */
	const char	*sb_hist;	/* histogram counters: sb_hist"InType"N */
	const char	*(*sb_histname)(unsigned int);
	int		 sb_files;	/* STF_* */
};

/* What stats_pair_line() keeps between lines. */
struct pair_state {
	struct stat_snap *snap;
	char		*hdr;		/* the pending "Sect: Name ..." line */
	size_t		 hdrlen;
};
int	stats_pair_line(const char *, size_t, void *);
int	stats_snmp6_line(const char *, size_t, void *);
void	stats_snap_free(struct stat_snap *);
int	stats_snap_read(struct stat_snap *, const char *, int);
int	stats_get(const struct stat_snap *, const char *, unsigned long long *);
void	stats_show(const struct stat_block *);
void	stats_show_snap(const struct stat_block *, struct stat_snap *,
	    const struct stat_snap *, const char *);
/* Per-interface snapshots, one list per block; -s -w keeps the last. */
struct ifsnap {
	char		*is_name;
	uint64_t	 is_index;
	struct stat_snap is_snap;
};

struct ifsnaps {
	struct ifsnap	*il_v;
	size_t		 il_n;
	int		 il_primed;	/* holds a baseline */
};

void	ifsnaps_free(struct ifsnaps *);
/*
 * -s -w: blocks(tp, perif, prev) prints the blocks, as changes; prev is
 * one list per protocol row (nrows) for the per-interface blocks.
 */
typedef void	(*stats_blocks_fn)(const struct protox *, int,
		    struct ifsnaps *);
void	statswatch(const struct protox *, int, stats_blocks_fn, size_t);
void	other_stats(void);
char	*stats_key(char *, size_t, const char *);
extern const struct stat_phrase udp_phrases[];
extern const size_t udp_nphrases;

/*
 * Parsers, for the tests and fuzzers: interfaces (iface.c).  Each reads
 * one netlink message or proc line and its length, and does no I/O;
 * names and addresses may point into the buffer.
 */
#define	IFACE_NAMEMAX	64	/* longer interface names are malformed */

struct ifcounters {
	uint64_t	ipackets, ierrors, idrops, ibytes;
	uint64_t	opackets, oerrors, odrops, obytes;
	uint64_t	colls;
};

struct link_info {			/* RTM_NEWLINK */
	int		 index;
	const char	*name;		/* not NUL-terminated */
	size_t		 namelen;
	unsigned int	 flags;		/* IFF_* */
	unsigned short	 type;		/* ARPHRD_* */
	unsigned int	 mtu;
	int		 havemtu;
	const uint8_t	*hw;		/* NULL: none */
	size_t		 hwlen;
	struct ifcounters st;
};

struct netdev_info {			/* a net/dev line */
	const char	*name;
	size_t		 namelen;
	struct ifcounters st;
};

struct ifinet6_info {			/* a net/if_inet6 line */
	uint8_t		 addr[16];
	int		 index;
	int		 plen;
	const char	*name;
	size_t		 namelen;
};

/* A multicast group an interface joined: net/igmp, igmp6, dev_mcast. */
struct mcgroup {
	int		 family;	/* AF_INET, AF_INET6, AF_PACKET */
	int		 ifindex;
	char		 name[IFACE_NAMEMAX];
	size_t		 namelen;
	uint8_t		 addr[32];
	size_t		 alen;
	unsigned long long users;	/* dev_mcast: its reference count */
	int		 version;	/* igmp: the device's querier, 1..3 */
	unsigned int	 flags;		/* igmp6 */
	long long	 timer;		/* igmp6 */
};

/* net/igmp: the device line that the group lines after it belong to. */
struct igmp_dev {
	int		 ifindex;	/* 0: none (yet, or malformed) */
	char		 name[IFACE_NAMEMAX];
	size_t		 namelen;
	unsigned long long count;
	int		 version;
};

struct addr_info {			/* RTM_NEWADDR */
	int		 index;
	int		 family;	/* AF_INET, AF_INET6 */
	uint8_t		 addr[16];
	int		 plen;
};

int	link_parse(const void *, size_t, struct link_info *);
int	addr_parse(const void *, size_t, struct addr_info *);
int	netdev_parse(const char *, size_t, struct netdev_info *);
int	ifinet6_parse(const char *, size_t, struct ifinet6_info *);
int	igmp_parse(const char *, size_t, struct igmp_dev *, struct mcgroup *);
int	igmp6_parse(const char *, size_t, struct mcgroup *);
int	devmcast_parse(const char *, size_t, struct mcgroup *);

/*
 * Parsers, for the tests and fuzzers: -m (mbuf.c) and multicast
 * routing (mroute.c).  Each reads one proc line and its length.
 */
#define	SS_MAXPAIRS	8	/* key/value pairs on a sockstat line */
#define	SS_NAMEMAX	32

/* sockstat, sockstat6: "NAME: key value key value ...". */
struct ss_line {
	char		 name[SS_NAMEMAX];
	int		 npairs;
	char		 key[SS_MAXPAIRS][SS_NAMEMAX];
	unsigned long long val[SS_MAXPAIRS];
};

struct slab {
	char		 name[SS_NAMEMAX * 2];
	size_t		 namelen;
	unsigned long long active, total, objsize, pagesperslab, slabs;
};

int	mbuf_parse_sockstat(const char *, size_t, struct ss_line *);
int	mbuf_ss_get(const struct ss_line *, const char *, unsigned long long *);
int	mbuf_parse_mem3(const char *, size_t, unsigned long long[3]);
int	mbuf_parse_softnet(const char *, size_t, unsigned long long *, int);
int	mbuf_parse_slab(const char *, size_t, struct slab *);

#define	MR_NAMEMAX	IFACE_NAMEMAX
#define	MR_LLMAX	32	/* longest link-layer address we keep */
#define	MR_MAXVIFS	64	/* MAXVIFS is 32 (64 with a kernel option) */

struct vif {
	int		 idx;
	char		 name[MR_NAMEMAX];
	size_t		 namelen;
	unsigned long long bytes_in, pkts_in, bytes_out, pkts_out;
	unsigned int	 flags;
	unsigned char	 local[4], remote[4];
};

struct mfc {
	int		 family;
	unsigned char	 group[16], origin[16];
	long long	 parent;
	unsigned long long pkts, bytes, wrong;
	int		 noifs;
	int		 oif[MR_MAXVIFS];
	int		 ttl[MR_MAXVIFS];
};

struct source {
	int		 family;
	int		 ifindex;
	unsigned char	 group[16], src[16];
	unsigned long long inc, exc;
	size_t		 seq;		/* its place in the file */
};

int	mroute_parse_vif(const char *, size_t, int, struct vif *);
int	mroute_parse_mfc(const char *, size_t, int, struct mfc *);
int	mroute_parse_mcfilter(const char *, size_t, int, struct source *);
void	mroute_ll_ntoa(const unsigned char *, size_t, char *, size_t);

/* Parsers, for the tests and fuzzers: routes (route.c, route_proc.c). */
struct nexthop {
	int		 ifindex;
	int		 gwfamily;	/* AF_UNSPEC: no gateway */
	unsigned char	 gw[16];
	unsigned int	 flags;		/* RTNH_F_* */
	int		 weight;	/* -1: not multipath */
};

struct rtinfo {
	int		 family;
	int		 dst_len;
	unsigned int	 type, protocol, rtm_flags;
	uint32_t	 table;
	unsigned char	 dst[16];
	int		 has_prefsrc;
	unsigned char	 prefsrc[16];
	long long	 priority;	/* -1: none */
	long long	 mtu;		/* -1: none */
	long long	 expires;	/* clock ticks; -1: none */
	struct nexthop	 nh;		/* the only next hop, or none */
	const unsigned char *mp;	/* RTA_MULTIPATH payload */
	size_t		 mplen;
};

struct neighinfo {
	int		 family;
	int		 ifindex;
	unsigned int	 state, flags;
	unsigned char	 dst[16];
	const unsigned char *ll;
	size_t		 lllen;
	long long	 confirmed;	/* clock ticks ago; -1: unknown */
};

struct proute4 {
	char		ifname[64];
	unsigned char	dst[4], gw[4];
	int		plen;
	unsigned int	flags;
	long long	metric;
};

struct proute6 {
	char		ifname[64];
	unsigned char	dst[16], gw[16];
	int		plen;
	unsigned int	flags;
	unsigned long long metric;
};

struct parp {
	unsigned char	addr[4];
	unsigned char	ll[32];
	size_t		lllen;
	unsigned int	flags;
	char		ifname[64];
};

int	rt_parse(const void *, size_t, struct rtinfo *);
int	rt_nexthop(const unsigned char **, size_t *, int, struct nexthop *);
int	neigh_parse(const void *, size_t, struct neighinfo *);
int	neightbl_parse(const void *, size_t, int *, long long *);
int	route4_parse(const char *, size_t, struct proute4 *);
int	route6_parse(const char *, size_t, struct proute6 *);
int	arp_parse(const char *, size_t, struct parp *);

/*
 * Subsystems.
 */
/* inet.c: Internet sockets */
void	protopr(const struct protox *);
void	listen_banner(void);	/* -L title and header, once; unix.c too */
/* owners.c: -v's one scan of /proc/N/fd; " process:pid" of an inode */
void	sock_owner(unsigned long long);
/* inet_stats.c: IPv4 statistics */
void	ip_stats(const struct protox *);
void	icmp_stats(const struct protox *);
void	igmp_stats(const struct protox *);
void	tcp_stats(const struct protox *);
void	udp_stats(const struct protox *);
void	udplite_stats(const struct protox *);
void	mptcp_stats(const struct protox *);
/* inet6.c: IPv6 statistics, per interface too */
void	ip6_stats(const struct protox *);
void	icmp6_stats(const struct protox *);
void	udp6_stats(const struct protox *);
void	udplite6_stats(const struct protox *);
void	ip6_ifstats(const char *, struct ifsnaps *);
void	icmp6_ifstats(const char *, struct ifsnaps *);
/* unix.c */
void	unixpr(void);
/* if.c */
void	intpr(void);
void	sidewaysintpr(void);
/*
 * iface.c: the one interface index/name cache (RTM_GETLINK live, else a
 * proc tree's net/dev, net/if_inet6, net/igmp, net/dev_mcast), the one
 * "no such interface", and BSD's short IPv4 network form ("10.0.1/24").
 */
void	iface_add(int, const char *, size_t);
int	iface_load(unsigned long *);
void	iface_load_proc(void);
const char *iface_name(int);
int	iface_index(const char *);
const char *iface_nth(size_t);
size_t	iface_count(void);
long long iface_mtu(int);			/* h6: -rl */
int	iface_load_addrs(unsigned long *);
const uint8_t *iface_addr(int, int);
const uint8_t *iface_ll6(int);			/* h6: -gs */
void	no_such_interface(const char *) __attribute__((noreturn));
const char *netname4(uint32_t, int);
/* route.c, route_proc.c (-rs) */
void	routepr(void);
/* JSON's CIDR of a network or host, and its link-layer address form. */
#define	CIDR_MAX	52	/* INET6_ADDRSTRLEN, "/128" */
void	cidr_str(char *, size_t, int, const unsigned char *, int);
void	ll_str(char *, size_t, const unsigned char *, size_t);
void	rt_stats(void);
/* mbuf.c */
void	mbpr(void);
/* mroute.c */
void	mroutepr(void);
void	mrt_stats(void);

/*
 * Filter expressions over sockets (filter.c): the operands, in tcpdump's
 * words.  A NULL filter (no operands) matches everything.
 * filter_match_inet() takes a row as the kernel sees it (family, local
 * and remote address and port; a raw socket's port is its protocol) and
 * BSD's TCPS_* state: filter_tcps() maps Linux's, -1 is none (UDP, raw).
 * filter_states() is the idiag_states mask (Linux TCP_* bits) for which
 * the expression can hold; for TCP dumps only (a UDP socket has a Linux
 * state but no BSD one: ask for all).  filter_bytecode() writes
 * inet_diag bytecode for a dump of one family (AF_UNSPEC: both) that
 * accepts at least every match; 0 bytes when it has nothing to prune or
 * does not fit.  The kernel only prunes: every row it returns goes
 * through the matcher.  filter_tables() says which tables can match.
 */
#define	FILTER_TCPS_CLOSED	0
#define	FILTER_TCPS_LISTEN	1
#define	FILTER_TCPS_SYN_SENT	2
#define	FILTER_TCPS_SYN_RCVD	3
#define	FILTER_TCPS_ESTABLISHED	4
#define	FILTER_TCPS_CLOSE_WAIT	5
#define	FILTER_TCPS_FIN_WAIT_1	6
#define	FILTER_TCPS_CLOSING	7
#define	FILTER_TCPS_LAST_ACK	8
#define	FILTER_TCPS_FIN_WAIT_2	9
#define	FILTER_TCPS_TIME_WAIT	10
#define	FILTER_NTCPS		11
#define	FILTER_INET		0x01	/* Internet sockets can match */
#define	FILTER_UNIX		0x02	/* unix sockets can match */

struct filter;

struct filter *filter_parse(int, char *const []);
void	filter_free(struct filter *);
int	filter_tcps(int);
int	filter_match_inet(const struct filter *, int, const uint8_t [16],
	    unsigned int, const uint8_t [16], unsigned int, int);
int	filter_match_unix(const struct filter *, const char *, size_t);
uint32_t filter_states(const struct filter *);
ssize_t	filter_bytecode(const struct filter *, int, void *, size_t);
int	filter_tables(const struct filter *);
extern struct filter *sockfilter;	/* the operands; NULL: none */

/*
 * -j (netns.c): netns_join() enters one network namespace (a name under
 * /run/netns, a pid, or an nsfs path), with a sysfs of its own when
 * needsys; netns_all() returns in one child per namespace and never in
 * the parent.  The live socket view, -w with -p (sockwatch.c).
 */
void	netns_join(const char *, int);
void	netns_all(int);
void	sockwatch(const struct protox *);
int	inet_owner(unsigned long long, int, char *, size_t);

/*
 * Parsers, for the tests and fuzzers (inet.c, unix.c): each is a pure
 * function over a buffer and its length.  The feeds run a buffer of
 * sock_diag answers through the same code as a dump (seq: theirs).
 */
#define	INET_MEMVARS	9	/* SK_MEMINFO_VARS; inet.c checks */

/*
 * Inside a TCP connection (tcpinfo.c): -T, -C, -c, from tcp_info,
 * INET_DIAG_CONG and INET_DIAG_ULP_INFO.  The parsers are pure functions
 * over an attribute's payload; tcpx_attrs() takes an inet_diag answer's
 * attributes indexed up to INET_DIAG_ULP_INFO.
 */
#define	TCPX_NAMEMAX	16	/* TCP_CA_NAME_MAX, TCP_ULP_NAME_MAX */

struct tcpx {
	uint32_t	retrans, ooo, lost, rtos;
	uint32_t	cwnd, ssthresh, mss, rtt, rttvar;
	uint64_t	bytes_acked, bytes_received;	/* -b */
	int		ecn;
	char		cc[TCPX_NAMEMAX];
	char		ulp[TCPX_NAMEMAX];
	unsigned int	have_info:1, have_ooo:1, have_rtos:1, have_cc:1,
			have_ulp:1, have_bytes:1;
};

int	tcpx_info(const void *, size_t, struct tcpx *);
int	tcpx_cong(const void *, size_t, struct tcpx *);
int	tcpx_ulp(const void *, size_t, struct tcpx *);
void	tcpx_attrs(const struct rtattr *const *, struct tcpx *);
unsigned char tcpx_ext(int);
void	tcpx_banner_T(void);
void	tcpx_banner(void);
void	tcpx_print_T(const struct tcpx *, int);
void	tcpx_print(const struct tcpx *, int);

/*
 * Other socket families: packet sockets (packet.c, -B), vsock (vsock.c,
 * -f vsock).  The parsers are pure functions over one answer or line.
 */
struct pktrow {
	unsigned int	 type;		/* SOCK_RAW, SOCK_DGRAM */
	unsigned int	 proto;		/* ETH_P_*, host order */
	int		 ifindex;	/* 0: every interface */
	unsigned long long ino;
	unsigned int	 rmem, drops;
	unsigned int	 have_if:1, have_mem:1;
};

struct vsockrow {
	unsigned int	 type, state;	/* SOCK_*, Linux's TCP_* */
	uint32_t	 lcid, lport, fcid, fport;	/* ~0: any */
	unsigned long long ino;
};

int	packet_diag_parse(const void *, size_t, struct pktrow *);
int	packet_proc_parse(const char *, size_t, struct pktrow *);
void	packetpr(void);
int	vsock_diag_parse(const void *, size_t, struct vsockrow *);
void	vsockpr(void);
void	mptcp_unavailable(void);

/*
 * SCTP (sctp.c): a net/sctp/assocs or net/sctp/eps line, or an sctp_diag
 * answer.
 */
#define	SCTP_MAXADDRS	8	/* addresses kept per side */

struct sctpaddr {
	int		 family;
	int		 primary;
	unsigned char	 addr[16];
};

struct sctprow {
	int		 type;		/* SOCK_STREAM: 1to1; 0: unknown */
	int		 state;		/* Linux's enum sctp_state */
	int		 listening;	/* an endpoint (eps) */
	unsigned int	 lport, fport, rq, sq;
	unsigned long long ino;
	struct sctpaddr	 laddr[SCTP_MAXADDRS], faddr[SCTP_MAXADDRS];
	int		 nladdr, nfaddr;
};

/* A walk over sctp_diag answers: what the last endpoint said. */
struct sctp_feed {
	int		 eps;		/* the endpoints' dump */
	int		 type;		/* the last endpoint's type */
	unsigned long long ino;		/* and its inode */
};

int	sctp_proc_parse(const char *, size_t, int, struct sctprow *);
int	sctp_diag_parse(const void *, size_t, struct sctprow *);
int	sctp_diag_feed(struct sctp_feed *, const void *, size_t, uint32_t);
void	sctppr(const struct protox *);

/*
 * One Internet socket, as either source describes it.  Figures a source
 * lacks have their have_* flag clear and print as "-".
 */
struct sockrow {
	int		family;		/* AF_INET or AF_INET6 */
	int		state;		/* Linux's TCP_* */
	unsigned char	laddr[16];
	unsigned char	faddr[16];
	unsigned int	lport, fport;
	unsigned int	rq, sq;		/* Recv-Q, Send-Q; a listener's qlen */
	unsigned int	maxq;		/* a listener's backlog */
	unsigned long long inode;
	unsigned long long cookie;	/* or the proc file's address field */
	int		v6only;		/* -1: unknown */
	unsigned int	timer, retrans;
	unsigned long long expires_ms;
	uint32_t	mem[INET_MEMVARS];
	unsigned long long rxbytes, txbytes;
	unsigned int	drops;
	struct tcpx	tx;		/* -T, -C, -c (tcpinfo.c) */
	unsigned int	have_cookie:1, have_mem:1, have_bytes:1,
			have_drops:1, have_maxq:1, have_timer:1;
};

/* What an inet feed lists: as protopr() would for one dump. */
struct inet_feed {
	int	proto;		/* IPPROTO_TCP, IPPROTO_UDP, ... */
	int	family;		/* AF_INET6 ...; AF_UNSPEC: TCP's one walk */
	int	bindv6only;	/* the system default */
	int	collect;	/* -L's first pass: half-open sockets */
};

int	inet_diag_parse(const void *, size_t, struct sockrow *);
int	inet_proc_parse(const char *, size_t, int, int, struct sockrow *);
int	port_range_parse(const char *, size_t, unsigned int *, unsigned int *);
int	inet_diag_feed(const struct inet_feed *, const void *, size_t,
	    uint32_t);

/* One Unix domain socket, as either source describes it. */
struct unixrow {
	unsigned long long addr;	/* cookie, or /proc's kernel address */
	unsigned int	 type;		/* SOCK_STREAM, ... */
	int		 listening;
	int		 haveq;		/* rq/wq known (not /proc) */
	unsigned int	 rq, wq;	/* listener: qlen, backlog */
	unsigned long long ino, peer;	/* socket inodes: our identities */
	int		 havevfs;	/* vfsino known (not /proc) */
	unsigned long long vfsino;	/* bound file's inode, 0 unbound */
	const char	*name;		/* sun_path bytes, no NUL added */
	size_t		 namelen;
	int		 abstract;	/* name[0]: an abstract name's NUL */
};

int	unix_diag_parse(const void *, size_t, struct unixrow *);
int	unix_proc_parse(const char *, size_t, struct unixrow *);
int	unix_diag_feed(const void *, size_t, uint32_t, int);

#endif /* NETSTAT_H */
