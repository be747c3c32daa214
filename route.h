/*
 * Shared by route.c (netlink) and route_proc.c (proc files): the route
 * flags, one formatted row and its printer, and the formatting helpers.
 * The dump callbacks are here for the fuzzer.
 */
#ifndef ROUTE_H
#define ROUTE_H

/*
 * Route flags, in Darwin's letter order.
 */
#define	RB_UP		0x0001
#define	RB_GATEWAY	0x0002
#define	RB_HOST		0x0004
#define	RB_REJECT	0x0008
#define	RB_DYNAMIC	0x0010
#define	RB_MODIFIED	0x0020
#define	RB_LLINFO	0x0040
#define	RB_STATIC	0x0080
#define	RB_PROTO1	0x0100
#define	RB_PROTO2	0x0200
#define	RB_WASCLONED	0x0400
#define	RB_PROTO3	0x0800
#define	RB_BLACKHOLE	0x1000
#define	RB_BROADCAST	0x2000
#define	RB_LOCAL	0x4000

#define	RT_NAMEMAX	1100	/* a host name, '%', an interface name */

/* One row of the table, formatted. */
struct rtrow {
	const char	*dst;
	const char	*gw;
	const char	*ifa;		/* NULL: none */
	unsigned int	 flags;
	const char	*netif;		/* NULL: none */
	long long	 metric;	/* -1: none */
	long long	 mtu;		/* -1: none */
	long long	 expire;	/* -1: none */
	long long	 weight;	/* -1: not multipath */
	long long	 table;		/* -1: not known */
	/* JSON's machine values beside the text's display ones. */
	int		 family;
	int		 plen;		/* -1: no destination */
	unsigned char	 dstaddr[16];
	int		 gwfamily;	/* AF_UNSPEC: no gateway address */
	unsigned char	 gwaddr[16];
	int		 gwlink;	/* a direct route's ifindex; 0: none */
	const char	*gwtype;	/* "blackhole" and such: static; or NULL */
	unsigned char	 ll[32];	/* a neighbour's link-layer address */
	size_t		 lllen;
	int		 ifafamily;	/* AF_UNSPEC: no source address */
	unsigned char	 ifaaddr[16];
};

void	if_width(void);
void	fmt_host(char *, size_t, int, const unsigned char *, const char *);
void	fmt_dest(char *, size_t, int, const unsigned char *, int,
	    const char *);
void	fmt_lladdr(char *, size_t, const unsigned char *, size_t);
void	fmt_link(char *, int);
void	rt_jdst(struct rtrow *, int, const unsigned char *, int);
void	rt_jgw(struct rtrow *, int, const unsigned char *);
void	rt_jll(struct rtrow *, const unsigned char *, size_t);
void	rt_jifa(struct rtrow *, int, const unsigned char *);
void	rt_title(void);
void	rt_title_end(void);
void	family_begin(int);
void	family_end(void);
void	row_init(struct rtrow *);
void	rt_emit(const struct rtrow *);
void	routepr_proc(void);
void	rt_put(const struct rtrow *, const unsigned char *, int, int);

/* What a route or neighbour dump callback prints. */
struct dumpctx {
	int		family;
	uint32_t	table;		/* 0: every table */
};

int	route_msg(const struct nlmsghdr *, void *);
int	neigh_msg(const struct nlmsghdr *, void *);
int	neightbl_msg(const struct nlmsghdr *, void *);

/* Parsers, for the tests and fuzzers: -rs (route_proc.c). */
int	rtcache_sum(const char *, size_t, const char *const *, int,
	    unsigned long long *);
int	rt6stats_parse(const char *, size_t, unsigned long long *);

#endif /* ROUTE_H */
