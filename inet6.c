/*
 * IPv6 statistics from net/snmp6, and per interface from
 * net/dev_snmp6/IF.
 */
#include <sys/socket.h>

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "netstat.h"

#define	P(n, k, t)	{ n, k, t, 0, NULL, NULL, NULL }
#define	PF(n, k, t, f)	{ n, k, t, f, NULL, NULL, NULL }

/* The byte counts, worded alike in both ip6 blocks. */
#define	IP6_OCTET_PHRASES \
	P("Ip6InOctets", NULL, "\t%ju byte%s received"), \
	P("Ip6OutOctets", NULL, "\t%ju byte%s sent"), \
	P("Ip6InMcastOctets", NULL, "\t%ju multicast byte%s received"), \
	P("Ip6OutMcastOctets", NULL, "\t%ju multicast byte%s sent"), \
	P("Ip6InBcastOctets", NULL, "\t%ju broadcast byte%s received"), \
	P("Ip6OutBcastOctets", NULL, "\t%ju broadcast byte%s sent"),

/*
 * The Ip6 counters are RFC 2465's, which FreeBSD prints per interface:
 * its wording serves "ip6 on IF".
 */
static const struct stat_phrase ip6_phrases[] = {
	PF("ifIndex", NULL, "\tinterface index %ju", SP_GAUGE),
	P("Ip6InReceives", "received-packets", "\t%ju total input datagram%s"),
	P("Ip6InHdrErrors", "dropped-invalid-header",
	    "\t%ju datagram%s with invalid header received"),
	P("Ip6InTooBigErrors", "dropped-mtu-exceeded",
	    "\t%ju datagram%s exceeded MTU received"),
	P("Ip6InNoRoutes", "dropped-no-route",
	    "\t%ju datagram%s with no route received"),
	P("Ip6InAddrErrors", "dropped-invalid-destination",
	    "\t%ju datagram%s with invalid dst received"),
	P("Ip6InUnknownProtos", "dropped-unknown-protocol",
	    "\t%ju datagram%s with unknown proto received"),
	P("Ip6InTruncatedPkts", "dropped-truncated",
	    "\t%ju truncated datagram%s received"),
	P("Ip6InDiscards", "dropped-discarded",
	    "\t%ju input datagram%s discarded"),
	P("Ip6InDelivers", "received-valid-packets",
	    "\t%ju datagram%s delivered to an upper layer protocol"),
	P("Ip6OutForwDatagrams", "sent-forwarded",
	    "\t%ju datagram%s forwarded to this interface"),
	P("Ip6OutRequests", "sent-packets",
	    "\t%ju datagram%s sent from an upper layer protocol"),
	P("Ip6OutTransmits", NULL,
	    "\t%ju datagram%s transmitted (including forwarded)"),
	P("Ip6OutDiscards", "discard-packets",
	    "\t%ju total discarded output datagram%s"),
	P("Ip6OutNoRoutes", "discard-no-route",
	    "\t%ju output packet%s discarded due to no route"),
	P("Ip6FragOKs", "discard-fragments",
	    "\t%ju output datagram%s fragmented"),
	P("Ip6FragFails", "fragments-failed",
	    "\t%ju output datagram%s failed on fragment"),
	P("Ip6FragCreates", "fragments-created",
	    "\t%ju output datagram%s succeeded on fragment"),
	P("Ip6ReasmReqds", "reassembly-required",
	    "\t%ju incoming datagram%s fragmented"),
	P("Ip6ReasmOKs", "reassembled-packets", "\t%ju datagram%s reassembled"),
	P("Ip6ReasmFails", "reassembly-failed",
	    "\t%ju datagram%s failed on reassembly"),
	P("Ip6ReasmTimeout", NULL, "\t%ju reassembly timeout%s"),
	P("Ip6InMcastPkts", "received-multicast",
	    "\t%ju multicast datagram%s received"),
	P("Ip6OutMcastPkts", "sent-multicast",
	    "\t%ju multicast datagram%s sent"),
	IP6_OCTET_PHRASES
	P("Ip6InNoECTPkts", NULL, "\t%ju datagram%s received without ECN"),
	P("Ip6InECT1Pkts", NULL,
	    "\t%ju datagram%s received with ECN ECT(1) bit set"),
	P("Ip6InECT0Pkts", NULL,
	    "\t%ju datagram%s received with ECN ECT(0) bit set"),
	P("Ip6InCEPkts", NULL, "\t%ju datagram%s received with ECN CE bit set"),
};

/*
 * The global ip6 block in Darwin's ip6_stats words and nesting: received
 * and sent, each with what became of the packets under it.  The JSON keys
 * are the per-interface table's.
 */
static const struct stat_phrase ip6g_phrases[] = {
	P("Ip6InReceives", "received-packets", "\t%ju total packet%s received"),
	P("Ip6InHdrErrors", "dropped-invalid-header",
	    "\t\t%ju packet%s with header errors"),
	P("Ip6InTruncatedPkts", "dropped-short-packets",
	    "\t\t%ju with data size < data length"),
	P("Ip6ReasmReqds", "received-fragments",
	    "\t\t%ju fragment%s received"),
	P("Ip6ReasmTimeout", NULL, "\t\t\t%ju reassembly timeout%s"),
	P("Ip6ReasmFails", "reassembly-failed",
	    "\t\t\t%ju reassembly failure%s"),
	P("Ip6ReasmOKs", "reassembled-packets",
	    "\t\t\t%ju packet%s reassembled ok"),
	P("Ip6InDelivers", "received-local-packets",
	    "\t\t%ju packet%s for this host"),
	P("Ip6InUnknownProtos", "dropped-unknown-protocol",
	    "\t\t%ju packet%s for unknown/unsupported protocol"),
	P("Ip6OutForwDatagrams", "forwarded-packets",
	    "\t\t%ju packet%s forwarded"),
	P("Ip6InTooBigErrors", "dropped-mtu-exceeded",
	    "\t\t%ju packet%s too big to forward"),
	P("Ip6InNoRoutes", "dropped-no-route",
	    "\t\t%ju input packet%s with no route"),
	P("Ip6InAddrErrors", "dropped-invalid-destination",
	    "\t\t%ju packet%s with a bad destination address"),
	P("Ip6InDiscards", "dropped-discarded",
	    "\t\t%ju input packet%s dropped due to no bufs, etc."),
	P("Ip6InMcastPkts", "received-multicast",
	    "\t\t%ju multicast packet%s received"),
	P("Ip6OutRequests", "sent-packets",
	    "\t%ju packet%s sent from this host"),
	P("Ip6OutTransmits", NULL,
	    "\t\t%ju packet%s transmitted (including forwarded)"),
	P("Ip6OutDiscards", "discard-no-mbufs",
	    "\t\t%ju output packet%s dropped due to no bufs, etc."),
	P("Ip6OutNoRoutes", "discard-no-route",
	    "\t\t%ju output packet%s discarded due to no route"),
	P("Ip6FragOKs", "sent-fragments",
	    "\t\t%ju output datagram%s fragmented"),
	P("Ip6FragCreates", "fragments-created",
	    "\t\t%ju fragment%s created"),
	P("Ip6FragFails", "discard-cannot-fragment",
	    "\t\t%ju datagram%s that can't be fragmented"),
	P("Ip6OutMcastPkts", "sent-multicast",
	    "\t\t%ju multicast packet%s sent"),
	IP6_OCTET_PHRASES
	P("Ip6InNoECTPkts", NULL, "\t%ju packet%s received without ECN"),
	P("Ip6InECT1Pkts", NULL,
	    "\t%ju packet%s received with ECN ECT(1) bit set"),
	P("Ip6InECT0Pkts", NULL,
	    "\t%ju packet%s received with ECN ECT(0) bit set"),
	P("Ip6InCEPkts", NULL, "\t%ju packet%s received with ECN CE bit set"),
};

/* RFC 2466's counters in FreeBSD's per-interface wording: "icmp6 on IF". */
static const struct stat_phrase icmp6_phrases[] = {
	P("Icmp6InMsgs", "received-packets", "\t%ju total input message%s"),
	P("Icmp6InErrors", "received-errors",
	    "\t%ju total input error message%s"),
	P("Icmp6InCsumErrors", "dropped-bad-checksum", "\t%ju bad checksum%s"),
	P("Icmp6InDestUnreachs", "received-destination-unreachable",
	    "\t%ju input destination unreachable error%s"),
	P("Icmp6InPktTooBigs", "received-packet-too-big",
	    "\t%ju input packet too big error%s"),
	P("Icmp6InTimeExcds", "received-time-exceeded",
	    "\t%ju input time exceeded error%s"),
	P("Icmp6InParmProblems", "received-bad-parameter",
	    "\t%ju input parameter problem error%s"),
	P("Icmp6InEchos", "received-echo-requests",
	    "\t%ju input echo request%s"),
	PF("Icmp6InEchoReplies", "received-echo-replies",
	    "\t%ju input echo repl%s", SP_IES),
	P("Icmp6InRouterSolicits", "received-router-solicitation",
	    "\t%ju input router solicitation%s"),
	P("Icmp6InRouterAdvertisements", "received-router-advertisement",
	    "\t%ju input router advertisement%s"),
	P("Icmp6InNeighborSolicits", "received-neighbor-solicitation",
	    "\t%ju input neighbor solicitation%s"),
	P("Icmp6InNeighborAdvertisements", "received-neighbor-advertisement",
	    "\t%ju input neighbor advertisement%s"),
	P("Icmp6InRedirects", "received-redirects", "\t%ju input redirect%s"),
	PF("Icmp6InGroupMembQueries", "received-mld-queries",
	    "\t%ju input MLD quer%s", SP_IES),
	P("Icmp6InGroupMembResponses", "received-mld-reports",
	    "\t%ju input MLD report%s"),
	P("Icmp6InGroupMembReductions", "received-mld-done",
	    "\t%ju input MLD done%s"),
	P("Icmp6InMLDv2Reports", NULL, "\t%ju input MLDv2 report%s"),
	PF(NULL, NULL, NULL, SP_INHIST),
	P("Icmp6OutMsgs", "sent-packets", "\t%ju total output message%s"),
	P("Icmp6OutErrors", "sent-errors",
	    "\t%ju total output error message%s"),
	P("Icmp6OutRateLimitHost", "errors-discarded-by-rate-limitation",
	    "\t%ju error%s not generated because of rate limitation"),
	P("Icmp6OutDestUnreachs", "sent-destination-unreachable",
	    "\t%ju output destination unreachable error%s"),
	P("Icmp6OutPktTooBigs", "sent-packet-too-big",
	    "\t%ju output packet too big error%s"),
	P("Icmp6OutTimeExcds", "sent-time-exceeded",
	    "\t%ju output time exceeded error%s"),
	P("Icmp6OutParmProblems", "sent-bad-parameter",
	    "\t%ju output parameter problem error%s"),
	P("Icmp6OutEchos", "sent-echo-requests", "\t%ju output echo request%s"),
	PF("Icmp6OutEchoReplies", "sent-echo-replies",
	    "\t%ju output echo repl%s", SP_IES),
	P("Icmp6OutRouterSolicits", "sent-router-solicitation",
	    "\t%ju output router solicitation%s"),
	P("Icmp6OutRouterAdvertisements", "sent-router-advertisement",
	    "\t%ju output router advertisement%s"),
	P("Icmp6OutNeighborSolicits", "sent-neighbor-solicitation",
	    "\t%ju output neighbor solicitation%s"),
	P("Icmp6OutNeighborAdvertisements", "sent-neighbor-advertisement",
	    "\t%ju output neighbor advertisement%s"),
	P("Icmp6OutRedirects", "sent-redirects", "\t%ju output redirect%s"),
	PF("Icmp6OutGroupMembQueries", "sent-mld-queries",
	    "\t%ju output MLD quer%s", SP_IES),
	P("Icmp6OutGroupMembResponses", "sent-mld-reports",
	    "\t%ju output MLD report%s"),
	P("Icmp6OutGroupMembReductions", "sent-mld-dones",
	    "\t%ju output MLD done%s"),
	P("Icmp6OutMLDv2Reports", NULL, "\t%ju output MLDv2 report%s"),
	PF(NULL, NULL, NULL, SP_OUTHIST),
};

/*
 * The global icmp6 block, laid out as the icmp one and as BSD's
 * icmp6_stats: output first (the messages sent, each type under them,
 * the Output histogram), then input.  The JSON keys are the
 * per-interface table's.
 */
static const struct stat_phrase icmp6g_phrases[] = {
	P("Icmp6OutMsgs", "sent-packets", "\t%ju message%s sent"),
	P("Icmp6OutErrors", "sent-errors", "\t\t%ju error message%s"),
	P("Icmp6OutRateLimitHost", "errors-discarded-by-rate-limitation",
	    "\t\t%ju error%s not generated because of rate limitation"),
	P("Icmp6OutDestUnreachs", "sent-destination-unreachable",
	    "\t\t%ju destination unreachable message%s"),
	P("Icmp6OutPktTooBigs", "sent-packet-too-big",
	    "\t\t%ju packet too big message%s"),
	P("Icmp6OutTimeExcds", "sent-time-exceeded",
	    "\t\t%ju time exceeded message%s"),
	P("Icmp6OutParmProblems", "sent-bad-parameter",
	    "\t\t%ju parameter problem message%s"),
	P("Icmp6OutEchos", "sent-echo-requests", "\t\t%ju echo request%s"),
	PF("Icmp6OutEchoReplies", "sent-echo-replies", "\t\t%ju echo repl%s",
	    SP_IES),
	P("Icmp6OutRouterSolicits", "sent-router-solicitation",
	    "\t\t%ju router solicitation%s"),
	P("Icmp6OutRouterAdvertisements", "sent-router-advertisement",
	    "\t\t%ju router advertisement%s"),
	P("Icmp6OutNeighborSolicits", "sent-neighbor-solicitation",
	    "\t\t%ju neighbor solicitation%s"),
	P("Icmp6OutNeighborAdvertisements", "sent-neighbor-advertisement",
	    "\t\t%ju neighbor advertisement%s"),
	P("Icmp6OutRedirects", "sent-redirects", "\t\t%ju redirect%s"),
	PF("Icmp6OutGroupMembQueries", "sent-mld-queries",
	    "\t\t%ju MLD quer%s", SP_IES),
	P("Icmp6OutGroupMembResponses", "sent-mld-reports",
	    "\t\t%ju MLD report%s"),
	P("Icmp6OutGroupMembReductions", "sent-mld-dones",
	    "\t\t%ju MLD done%s"),
	P("Icmp6OutMLDv2Reports", NULL, "\t\t%ju MLDv2 report%s"),
	PF(NULL, NULL, NULL, SP_OUTHIST),
	P("Icmp6InMsgs", "received-packets", "\t%ju message%s received"),
	P("Icmp6InErrors", "received-errors", "\t\t%ju error message%s"),
	P("Icmp6InCsumErrors", "dropped-bad-checksum",
	    "\t\t%ju bad checksum%s"),
	P("Icmp6InDestUnreachs", "received-destination-unreachable",
	    "\t\t%ju destination unreachable message%s"),
	P("Icmp6InPktTooBigs", "received-packet-too-big",
	    "\t\t%ju packet too big message%s"),
	P("Icmp6InTimeExcds", "received-time-exceeded",
	    "\t\t%ju time exceeded message%s"),
	P("Icmp6InParmProblems", "received-bad-parameter",
	    "\t\t%ju parameter problem message%s"),
	P("Icmp6InEchos", "received-echo-requests", "\t\t%ju echo request%s"),
	PF("Icmp6InEchoReplies", "received-echo-replies",
	    "\t\t%ju echo repl%s", SP_IES),
	P("Icmp6InRouterSolicits", "received-router-solicitation",
	    "\t\t%ju router solicitation%s"),
	P("Icmp6InRouterAdvertisements", "received-router-advertisement",
	    "\t\t%ju router advertisement%s"),
	P("Icmp6InNeighborSolicits", "received-neighbor-solicitation",
	    "\t\t%ju neighbor solicitation%s"),
	P("Icmp6InNeighborAdvertisements", "received-neighbor-advertisement",
	    "\t\t%ju neighbor advertisement%s"),
	P("Icmp6InRedirects", "received-redirects", "\t\t%ju redirect%s"),
	PF("Icmp6InGroupMembQueries", "received-mld-queries",
	    "\t\t%ju MLD quer%s", SP_IES),
	P("Icmp6InGroupMembResponses", "received-mld-reports",
	    "\t\t%ju MLD report%s"),
	P("Icmp6InGroupMembReductions", "received-mld-done",
	    "\t\t%ju MLD done%s"),
	P("Icmp6InMLDv2Reports", NULL, "\t\t%ju MLDv2 report%s"),
	PF(NULL, NULL, NULL, SP_INHIST),
};

/* FreeBSD's icmp6names, by ICMPv6 type. */
static const char *
icmp6_name(unsigned int type)
{
	static const char *const low[] = {
		"#0", "unreach", "packet too big", "time exceed",
		"parameter problem"
	};
	static const char *const high[] = {
		"echo", "echo reply", "multicast listener query",
		"MLDv1 listener report", "MLDv1 listener done",
		"router solicitation", "router advertisement",
		"neighbor solicitation", "neighbor advertisement", "redirect",
		"router renumbering", "node information request",
		"node information reply", "inverse neighbor solicitation",
		"inverse neighbor advertisement", "MLDv2 listener report"
	};
	static char buf[16];

	if (type < sizeof(low) / sizeof(low[0]))
		return (low[type]);
	if (type >= 128 && type - 128 < sizeof(high) / sizeof(high[0]))
		return (high[type - 128]);
	(void)snprintf(buf, sizeof(buf), "#%u", type);
	return (buf);
}

static const char *const ip6_sects[] = { "Ip6", NULL };
static const char *const icmp6_sects[] = { "Icmp6", NULL };
static const char *const udp6_sects[] = { "Udp6", NULL };
static const char *const udplite6_sects[] = { "UdpLite6", NULL };
/*
 * Per interface, ip6 takes all but icmp6: nothing a new kernel adds is
 * lost.  Ip6 by name: its counters' keys drop the "Ip6" as ip6's do.
 */
static const char *const ip6if_sects[] = { "Ip6", "*", "!Icmp6", NULL };

static const struct stat_block ip6_block = {
	"ip6", "", ip6g_phrases,
	sizeof(ip6g_phrases) / sizeof(ip6g_phrases[0]), ip6_sects, NULL, NULL,
	STF_SNMP6
};

static const struct stat_block icmp6_block = {
	"icmp6", "", icmp6g_phrases,
	sizeof(icmp6g_phrases) / sizeof(icmp6g_phrases[0]), icmp6_sects,
	"Icmp6", icmp6_name, STF_SNMP6
};

static const struct stat_block ip6if_block = {
	"ip6", "", ip6_phrases, sizeof(ip6_phrases) / sizeof(ip6_phrases[0]),
	ip6if_sects, NULL, NULL, STF_DEV
};

static const struct stat_block icmp6if_block = {
	"icmp6", "", icmp6_phrases,
	sizeof(icmp6_phrases) / sizeof(icmp6_phrases[0]), icmp6_sects,
	"Icmp6", icmp6_name, STF_DEV
};

void
ip6_stats(const struct protox *tp)
{
	(void)tp;
	stats_show(&ip6_block);
}

void
icmp6_stats(const struct protox *tp)
{
	(void)tp;
	stats_show(&icmp6_block);
}

void
udp6_stats(const struct protox *tp)
{
	struct stat_block b = {
		"udp6", "Udp6", udp_phrases, 0, udp6_sects, NULL, NULL,
		STF_SNMP6
	};

	(void)tp;
	b.sb_ntab = udp_nphrases;
	stats_show(&b);
}

void
udplite6_stats(const struct protox *tp)
{
	struct stat_block b = {
		"udplite6", "UdpLite6", udp_phrases, 0, udplite6_sects, NULL,
		NULL, STF_SNMP6
	};

	(void)tp;
	b.sb_ntab = udp_nphrases;
	stats_show(&b);
}

/*
 * Per interface: one snapshot of net/dev_snmp6/IF per interface, in
 * interface index order.
 */
/* A name that can only be a file of net/dev_snmp6, not a path. */
static int
ifname_ok(const char *name)
{
	return (name[0] != '\0' && strchr(name, '/') == NULL &&
	    strcmp(name, ".") != 0 && strcmp(name, "..") != 0);
}

static int
if_read(struct ifsnaps *l, const char *name)
{
	struct ifsnap *is;
	struct stat_ctr *c;
	char rel[512];
	size_t i;

	if (!ifname_ok(name) || (size_t)snprintf(rel, sizeof(rel),
	    "net/dev_snmp6/%s", name) >= sizeof(rel))
		return (-1);
	l->il_v = xreallocarray(l->il_v, l->il_n + 1, sizeof(*l->il_v));
	is = &l->il_v[l->il_n];
	memset(is, 0, sizeof(*is));
	if (stats_snap_read(&is->is_snap, rel, STF_DEV) < 0) {
		stats_snap_free(&is->is_snap);
		return (-1);
	}
	is->is_name = xstrndup(name, strlen(name));
	is->is_index = UINT64_MAX;
	for (i = 0; i < is->is_snap.ss_n; i++) {
		c = &is->is_snap.ss_c[i];
		if (strcmp(c->sc_name, "ifIndex") == 0)
			is->is_index = c->sc_val;
	}
	l->il_n++;
	return (0);
}

static int
ifsnap_cmp(const void *a, const void *b)
{
	const struct ifsnap *x = a, *y = b;

	if (x->is_index != y->is_index)
		return (x->is_index < y->is_index ? -1 : 1);
	return (strcmp(x->is_name, y->is_name));
}

/* -s -w: the interface watched went away (if.c's -I IF -w words). */
static void
gone(const char *name)
{
	ns_errx("%s: interface went away", name);
}

/*
 * Snapshots of one interface (NULL: every one), sorted by index.
 * watching: -s -w past its baseline, where a missing interface is gone.
 */
static void
if_collect(struct ifsnaps *l, const char *ifname, int watching)
{
	struct dirent *de;
	char path[4096];
	DIR *d;

	if (ifname != NULL) {
		if (!ifname_ok(ifname) || (size_t)snprintf(path, sizeof(path),
		    "%s/net/dev_snmp6/%s", proc_root(), ifname) >=
		    sizeof(path) || access(path, F_OK) < 0) {
			if (watching)
				gone(ifname);
			no_such_interface(ifname);
		}
		if (if_read(l, ifname) < 0) {
			if (watching)
				gone(ifname);
			no_such_interface(ifname);
		}
		return;
	}
	if (proc_path(path, sizeof(path), "net/dev_snmp6") < 0 ||
	    (d = opendir(path)) == NULL) {
		proc_warn("net/dev_snmp6");
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			(void)if_read(l, de->d_name);
	closedir(d);
	if (l->il_n > 1)
		qsort(l->il_v, l->il_n, sizeof(*l->il_v), ifsnap_cmp);
}

/*
 * The snapshot of now's interface in the last list, both sorted the same
 * way: *j walks the last list once over all of now's interfaces.
 */
static const struct stat_snap *
if_last(const struct ifsnaps *l, size_t *j, const struct ifsnap *now)
{
	while (*j < l->il_n && ifsnap_cmp(&l->il_v[*j], now) < 0)
		(*j)++;
	if (*j < l->il_n && strcmp(l->il_v[*j].is_name, now->is_name) == 0)
		return (&l->il_v[*j].is_snap);
	return (NULL);
}

static void
if_blocks(const struct stat_block *b, const char *list, const char *ifname,
    struct ifsnaps *prevl)
{
	struct ifsnaps now = { NULL, 0, 0 };
	const struct stat_snap *old;
	struct stat_snap empty;
	size_t i, j = 0;

	/* prevl: -s -w, whose first call takes the baseline only. */
	if_collect(&now, ifname, prevl != NULL && prevl->il_primed);
	/* Another interface of the same name is not the one watched. */
	if (ifname != NULL && prevl != NULL && prevl->il_primed &&
	    prevl->il_n == 1 && now.il_n == 1 &&
	    prevl->il_v[0].is_index != now.il_v[0].is_index)
		gone(ifname);
	if (prevl == NULL || prevl->il_primed) {
		memset(&empty, 0, sizeof(empty));
		out_open_list(list);
		for (i = 0; i < now.il_n; i++) {
			old = NULL;
			if (prevl != NULL && (old = if_last(prevl, &j,
			    &now.il_v[i])) == NULL)
				old = &empty;	/* new: all it counted is new */
			stats_show_snap(b, &now.il_v[i].is_snap, old,
			    now.il_v[i].is_name);
		}
		out_close_list();
	}
	if (prevl != NULL) {
		ifsnaps_free(prevl);
		*prevl = now;
		prevl->il_primed = 1;
	} else
		ifsnaps_free(&now);
}

void
ip6_ifstats(const char *ifname, struct ifsnaps *prev)
{
	if_blocks(&ip6if_block, "ip6-interface-statistics", ifname, prev);
}

void
icmp6_ifstats(const char *ifname, struct ifsnaps *prev)
{
	if_blocks(&icmp6if_block, "icmp6-interface-statistics", ifname,
	    prev);
}
