/*
 * IPv4 statistics (-s): the phrase tables of the tcp, ip, icmp and mptcp
 * blocks (udp's is stats.c's), FreeBSD's ICMP type names, and their
 * printers.  The counters are read and printed by stats.c.  A phrase's
 * tabs are BSD's nesting: "\t\t" lines belong to the "\t" line above.
 */
#include <stdio.h>

#include "netstat.h"

/*
 * IPv4 statistics from net/snmp and net/netstat: every counter of the
 * Ip/IpExt, Icmp/IcmpMsg, Tcp/TcpExt, Udp and UdpLite sections appears
 * once, in FreeBSD's words where FreeBSD keeps the same counter.
 */
#define	P(n, k, t)	{ n, k, t, 0, NULL, NULL, NULL }
#define	PF(n, k, t, f)	{ n, k, t, f, NULL, NULL, NULL }

static const char *const forwarding_names[] = {
	"0", "enabled (router)", "disabled (host)", NULL
};

/*
 * Darwin's layout: two parents, received and sent, everything else under
 * them; the byte and ECN counters follow, the settings close the block.
 */
static const struct stat_phrase ip_phrases[] = {
	P("IpInReceives", "received-packets", "\t%ju total packet%s received"),
	P("IpExtInCsumErrors", "dropped-bad-checksum",
	    "\t\t%ju bad header checksum%s"),
	P("IpInHdrErrors", "dropped-invalid-header",
	    "\t\t%ju packet%s with header errors"),
	P("IpExtInTruncatedPkts", "dropped-short-packets",
	    "\t\t%ju with data size < data length"),
	P("IpReasmReqds", "received-fragments", "\t\t%ju fragment%s received"),
	P("IpReasmTimeout", NULL, "\t\t\t%ju reassembly timeout%s"),
	P("IpReasmFails", "reassembly-failed",
	    "\t\t\t%ju reassembly failure%s"),
	P("IpExtReasmOverlaps", NULL,
	    "\t\t\t%ju fragment%s dropped for overlapping"),
	P("IpReasmOKs", "reassembled-packets",
	    "\t\t\t%ju packet%s reassembled ok"),
	P("IpInDelivers", "received-local-packets",
	    "\t\t%ju packet%s for this host"),
	P("IpInUnknownProtos", "dropped-unknown-protocol",
	    "\t\t%ju packet%s for unknown/unsupported protocol"),
	P("IpForwDatagrams", "forwarded-packets", "\t\t%ju packet%s forwarded"),
	P("IpInAddrErrors", "discard-bad-address",
	    "\t\t%ju datagram%s with bad address in header"),
	P("IpInDiscards", "dropped-discarded",
	    "\t\t%ju input packet%s dropped due to no bufs, etc."),
	P("IpExtInNoRoutes", "dropped-no-route",
	    "\t\t%ju input packet%s with no route"),
	P("IpExtInMcastPkts", "received-multicast",
	    "\t\t%ju multicast packet%s received"),
	P("IpExtInBcastPkts", NULL, "\t\t%ju broadcast packet%s received"),
	P("IpOutRequests", "sent-packets",
	    "\t%ju packet%s sent from this host"),
	P("IpOutTransmits", NULL,
	    "\t\t%ju packet%s transmitted (including forwarded)"),
	P("IpOutDiscards", "discard-no-mbufs",
	    "\t\t%ju output packet%s dropped due to no bufs, etc."),
	P("IpOutNoRoutes", "discard-no-route",
	    "\t\t%ju output packet%s discarded due to no route"),
	P("IpFragOKs", "sent-fragments",
	    "\t\t%ju output datagram%s fragmented"),
	P("IpFragCreates", "fragments-created", "\t\t%ju fragment%s created"),
	P("IpFragFails", "discard-cannot-fragment",
	    "\t\t%ju datagram%s that can't be fragmented"),
	P("IpExtOutMcastPkts", "sent-multicast",
	    "\t\t%ju multicast packet%s sent"),
	P("IpExtOutBcastPkts", NULL, "\t\t%ju broadcast packet%s sent"),
	P("IpExtInOctets", NULL, "\t%ju byte%s received"),
	P("IpExtOutOctets", NULL, "\t%ju byte%s sent"),
	P("IpExtInMcastOctets", NULL, "\t%ju multicast byte%s received"),
	P("IpExtOutMcastOctets", NULL, "\t%ju multicast byte%s sent"),
	P("IpExtInBcastOctets", NULL, "\t%ju broadcast byte%s received"),
	P("IpExtOutBcastOctets", NULL, "\t%ju broadcast byte%s sent"),
	P("IpExtInNoECTPkts", NULL, "\t%ju packet%s received without ECN"),
	P("IpExtInECT1Pkts", NULL,
	    "\t%ju packet%s received with ECN ECT(1) bit set"),
	P("IpExtInECT0Pkts", NULL,
	    "\t%ju packet%s received with ECN ECT(0) bit set"),
	P("IpExtInCEPkts", NULL, "\t%ju packet%s received with ECN CE bit set"),
	{ "IpForwarding", NULL, "\tpacket forwarding %s", SP_GAUGE | SP_BOOL,
	    forwarding_names, NULL, NULL },
	PF("IpDefaultTTL", NULL, "\tdefault time to live: %ju", SP_GAUGE),
};

static const char *const ip_sects[] = { "Ip", "IpExt", NULL };

static const struct stat_block ip_block = {
	"ip", "", ip_phrases, sizeof(ip_phrases) / sizeof(ip_phrases[0]),
	ip_sects, NULL, NULL, STF_SNMP | STF_NETSTAT
};

void
ip_stats(const struct protox *tp)
{
	(void)tp;
	stats_show(&ip_block);
}

static const struct stat_phrase icmp_phrases[] = {
	P("IcmpOutMsgs", "sent-packets", "\t%ju message%s sent"),
	P("IcmpOutErrors", "sent-errors",
	    "\t\t%ju message%s not sent due to errors"),
	P("IcmpOutRateLimitGlobal", NULL,
	    "\t\t%ju error%s not generated because of global rate limitation"),
	P("IcmpOutRateLimitHost", "errors-discarded-by-rate-limitation",
	    "\t\t%ju error%s not generated because of per-host "
	    "rate limitation"),
	P("IcmpOutDestUnreachs", "sent-destination-unreachable",
	    "\t\t%ju destination unreachable message%s"),
	P("IcmpOutTimeExcds", "sent-time-exceeded",
	    "\t\t%ju time exceeded message%s"),
	P("IcmpOutParmProbs", "sent-bad-parameter",
	    "\t\t%ju parameter problem message%s"),
	P("IcmpOutSrcQuenchs", NULL, "\t\t%ju source quench message%s"),
	P("IcmpOutRedirects", "sent-redirects",
	    "\t\t%ju routing redirect message%s"),
	P("IcmpOutEchos", "sent-echo-requests", "\t\t%ju echo request%s"),
	PF("IcmpOutEchoReps", "sent-echo-replies",
	    "\t\t%ju echo repl%s", SP_IES),
	P("IcmpOutTimestamps", NULL, "\t\t%ju time stamp request%s"),
	PF("IcmpOutTimestampReps", NULL, "\t\t%ju time stamp repl%s", SP_IES),
	P("IcmpOutAddrMasks", NULL, "\t\t%ju address mask request%s"),
	PF("IcmpOutAddrMaskReps", NULL, "\t\t%ju address mask repl%s", SP_IES),
	PF(NULL, NULL, NULL, SP_OUTHIST),
	P("IcmpInMsgs", "received-packets", "\t%ju message%s received"),
	P("IcmpInErrors", "received-errors", "\t\t%ju message%s with errors"),
	P("IcmpInCsumErrors", "dropped-bad-checksum",
	    "\t\t%ju message%s with bad checksum"),
	P("IcmpInDestUnreachs", "received-destination-unreachable",
	    "\t\t%ju destination unreachable message%s"),
	P("IcmpInTimeExcds", "received-time-exceeded",
	    "\t\t%ju time exceeded message%s"),
	P("IcmpInParmProbs", "received-bad-parameter",
	    "\t\t%ju parameter problem message%s"),
	P("IcmpInSrcQuenchs", NULL, "\t\t%ju source quench message%s"),
	P("IcmpInRedirects", "received-redirects",
	    "\t\t%ju routing redirect message%s"),
	P("IcmpInEchos", "received-echo-requests", "\t\t%ju echo request%s"),
	PF("IcmpInEchoReps", "received-echo-replies",
	    "\t\t%ju echo repl%s", SP_IES),
	P("IcmpInTimestamps", NULL, "\t\t%ju time stamp request%s"),
	PF("IcmpInTimestampReps", NULL, "\t\t%ju time stamp repl%s", SP_IES),
	P("IcmpInAddrMasks", NULL, "\t\t%ju address mask request%s"),
	PF("IcmpInAddrMaskReps", NULL, "\t\t%ju address mask repl%s", SP_IES),
	PF(NULL, NULL, NULL, SP_INHIST),
};

/* FreeBSD's icmpnames, by ICMP type. */
static const char *
icmp_name(unsigned int type)
{
	static const char *const names[] = {
		"echo reply", "#1", "#2", "destination unreachable",
		"source quench", "routing redirect", "#6", "#7", "echo",
		"router advertisement", "router solicitation",
		"time exceeded", "parameter problem", "time stamp",
		"time stamp reply", "information request",
		"information request reply", "address mask request",
		"address mask reply", "#19", "#20", "#21", "#22", "#23",
		"#24", "#25", "#26", "#27", "#28", "#29", "icmp traceroute",
		"datagram conversion error", "mobile host redirect",
		"IPv6 where-are-you", "IPv6 i-am-here",
		"mobile registration req", "mobile registration reply",
		"domain name request", "domain name reply", "icmp SKIP",
		"icmp photuris"
	};
	static char buf[32];

	if (type < sizeof(names) / sizeof(names[0]))
		return (names[type]);
	(void)snprintf(buf, sizeof(buf), "unknown ICMP #%u", type);
	return (buf);
}

static const char *const icmp_sects[] = { "Icmp", "IcmpMsg", NULL };

static const struct stat_block icmp_block = {
	"icmp", "", icmp_phrases,
	sizeof(icmp_phrases) / sizeof(icmp_phrases[0]), icmp_sects,
	"IcmpMsg", icmp_name, STF_SNMP
};

void
icmp_stats(const struct protox *tp)
{
	(void)tp;
	stats_show(&icmp_block);
}

/* Linux keeps no IGMP counters; say so rather than print nothing. */
void
igmp_stats(const struct protox *tp)
{
	(void)tp;
	out_open_container("igmp");
	out_str("note", "igmp: %s\n", "Linux keeps no IGMP statistics "
	    "(see -gs for IGMP state per interface)");
	out_close_container();
}

static const char *const rtoalg_names[] = {
	"0", "other", "constant", "MIL-STD-1778", "Van Jacobson", NULL
};

/* RFC 2012's names of the values, for JSON. */
static const char *const rtoalg_keys[] = {
	"", "other", "constant", "rsre", "vanj", NULL
};

static const struct stat_phrase tcp_phrases[] = {
	/* Sending. */
	P("TcpOutSegs", "sent-packets", "\t%ju packet%s sent"),
	P("TcpExtTCPOrigDataSent", "sent-data-packets",
	    "\t\t%ju data packet%s"),
	P("TcpRetransSegs", "sent-retransmitted-packets",
	    "\t\t%ju data packet%s retransmitted"),
	P("TcpExtTCPFastRetrans", NULL, "\t\t%ju fast retransmit%s"),
	P("TcpExtTCPSlowStartRetrans", NULL,
	    "\t\t%ju retransmit%s in slow start"),
	P("TcpExtTCPForwardRetrans", NULL,
	    "\t\t%ju forward retransmit%s"),
	P("TcpExtTCPSynRetrans", NULL, "\t\t%ju SYN retransmit%s"),
	P("TcpExtTCPLostRetransmit", NULL,
	    "\t\t%ju retransmit%s lost again"),
	P("TcpExtTCPRetransFail", NULL, "\t\t%ju retransmit%s failed"),
	P("TcpExtTCPSpuriousRtxHostQueues", NULL,
	    "\t\t%ju retransmit%s skipped: original still queued in the host"),
	P("TcpExtTCPLossProbes", NULL, "\t\t%ju tail loss probe%s"),
	P("TcpOutRsts", NULL, "\t\t%ju reset%s"),
	P("TcpExtDelayedACKs", "sent-packets-delayed",
	    "\t\t%ju delayed ack%s"),
	P("TcpExtDelayedACKLocked", NULL,
	    "\t\t%ju delayed ack%s held back by a locked socket"),
	P("TcpExtDelayedACKLost", NULL,
	    "\t\t%ju ack%s for data received twice"),
	P("TcpExtTCPWinProbe", "sent-window-probe-packets",
	    "\t\t%ju window probe packet%s"),
	P("TcpExtTCPKeepAlive", "keepalive-probes",
	    "\t\t%ju keepalive probe%s sent"),
	P("TcpExtTCPChallengeACK", NULL, "\t\t%ju challenge ack%s"),
	P("TcpExtTCPSYNChallenge", NULL,
	    "\t\t%ju challenge ACK%s sent due to unexpected SYN"),
	P("TcpExtTCPDSACKOldSent", NULL, "\t\t%ju D-SACK%s for old data"),
	P("TcpExtTCPDSACKOfoSent", NULL,
	    "\t\t%ju D-SACK%s for out-of-order data"),
	P("TcpExtTCPToZeroWindowAdv", NULL,
	    "\t\t%ju zero window advertisement%s"),
	P("TcpExtTCPFromZeroWindowAdv", NULL,
	    "\t\t%ju window update%s reopening a zero window"),
	P("TcpExtTCPWantZeroWindowAdv", NULL,
	    "\t\t%ju time%s the window wanted to shrink to zero"),
	P("TcpExtTCPAutoCorking", NULL,
	    "\t\t%ju packet%s corked automatically"),
	P("TcpExtTCPWqueueTooBig", NULL,
	    "\t\t%ju time%s the send queue was too big to split a packet"),
	P("TcpExtTCPDelivered", NULL,
	    "\t\t%ju data packet%s delivered to the peer"),
	P("TcpExtTCPDeliveredCE", NULL,
	    "\t\t%ju data packet%s delivered with ECN CE bit set"),
	P("TcpExtTCPMTUPSuccess", NULL, "\t\t%ju path MTU probe%s succeeded"),
	P("TcpExtTCPMTUPFail", NULL, "\t\t%ju path MTU probe%s failed"),
	/* Receiving. */
	P("TcpInSegs", "received-packets", "\t%ju packet%s received"),
	P("TcpInErrs", NULL, "\t\t%ju bad segment%s"),
	P("TcpInCsumErrors", "discard-bad-checksum",
	    "\t\t%ju discarded for bad checksum%s"),
	P("TcpExtTCPPureAcks", NULL, "\t\t%ju ack-only packet%s"),
	P("TcpExtPAWSEstab", "received-old-duplicate-packets",
	    "\t\t%ju old duplicate packet%s"),
	P("TcpExtBeyondWindow", "received-after-window-packets",
	    "\t\t%ju packet%s of data after window"),
	P("TcpExtTCPOFOQueue", "received-out-of-order",
	    "\t\t%ju out-of-order packet%s"),
	P("TcpExtTCPOFODrop", NULL,
	    "\t\t%ju out-of-order packet%s dropped for lack of memory"),
	P("TcpExtTCPOFOMerge", NULL,
	    "\t\t%ju out-of-order packet%s overlapping queued data"),
	P("TcpExtTCPRcvCoalesce", NULL,
	    "\t\t%ju packet%s coalesced in the receive queue"),
	P("TcpExtTCPBacklogCoalesce", NULL,
	    "\t\t%ju packet%s coalesced in the backlog"),
	P("TcpExtTCPRcvCollapsed", NULL,
	    "\t\t%ju packet%s collapsed in the receive queue"),
	P("TcpExtTCPAckCompressed", NULL, "\t\t%ju ack%s compressed"),
	P("TcpExtTSEcrRejected", NULL,
	    "\t\t%ju packet%s with a bad timestamp echo"),
	P("TcpExtPAWSOldAck", NULL, "\t\t%ju old ack%s rejected by PAWS"),
	P("TcpExtPAWSTimewait", NULL,
	    "\t\t%ju packet%s rejected by PAWS in TIME_WAIT"),
	P("TcpExtTCPBacklogDrop", NULL,
	    "\t\t%ju packet%s dropped: socket backlog full"),
	P("TcpExtTCPRcvQDrop", NULL,
	    "\t\t%ju packet%s dropped: receive queue full"),
	P("TcpExtTCPZeroWindowDrop", NULL,
	    "\t\t%ju packet%s dropped: zero receive window"),
	P("TcpExtPFMemallocDrop", NULL,
	    "\t\t%ju packet%s dropped: emergency memory"),
	P("TcpExtTCPMinTTLDrop", NULL,
	    "\t\t%ju packet%s dropped below the minimum TTL"),
	P("TcpExtIPReversePathFilter", NULL,
	    "\t\t%ju packet%s dropped by the reverse path filter"),
	P("TcpExtOutOfWindowIcmps", NULL,
	    "\t\t%ju ICMP message%s dropped: out of window"),
	P("TcpExtLockDroppedIcmps", NULL,
	    "\t\t%ju ICMP message%s dropped: socket locked"),
	P("TcpExtArpFilter", NULL, "\t\t%ju ARP packet%s filtered"),
	P("TcpExtBusyPollRxPackets", NULL,
	    "\t\t%ju packet%s received by busy polling"),
	P("TcpExtTCPDSACKRecv", NULL, "\t\t%ju D-SACK%s received"),
	P("TcpExtTCPDSACKOfoRecv", NULL,
	    "\t\t%ju D-SACK%s for out-of-order data received"),
	P("TcpExtTCPDSACKRecvSegs", NULL,
	    "\t\t%ju segment%s covered by D-SACKs received"),
	P("TcpExtTCPDSACKIgnoredOld", NULL,
	    "\t\t%ju D-SACK%s ignored: too old"),
	P("TcpExtTCPDSACKIgnoredNoUndo", NULL,
	    "\t\t%ju D-SACK%s ignored: nothing to undo"),
	P("TcpExtTCPDSACKIgnoredDubious", NULL,
	    "\t\t%ju D-SACK%s ignored: dubious"),
	P("TcpExtTCPSACKDiscard", NULL, "\t\t%ju invalid SACK block%s"),
	P("TcpExtTCPSACKReneging", NULL,
	    "\t\t%ju time%s the peer reneged on SACKed data"),
	P("TcpExtTCPSackShifted", NULL, "\t\t%ju SACKed segment%s shifted"),
	P("TcpExtTCPSackMerged", NULL, "\t\t%ju SACKed segment%s merged"),
	P("TcpExtTCPSackShiftFallback", NULL,
	    "\t\t%ju SACK%s not shifted (fallback)"),
	P("TcpExtTCPACKSkippedSynRecv", NULL,
	    "\t\t%ju duplicate ack%s not sent in SYN_RCVD (rate limit)"),
	P("TcpExtTCPACKSkippedPAWS", NULL,
	    "\t\t%ju duplicate ack%s not sent after PAWS (rate limit)"),
	P("TcpExtTCPACKSkippedSeq", NULL,
	    "\t\t%ju duplicate ack%s not sent for out-of-window data "
	    "(rate limit)"),
	P("TcpExtTCPACKSkippedFinWait2", NULL,
	    "\t\t%ju duplicate ack%s not sent in FIN_WAIT_2 (rate limit)"),
	P("TcpExtTCPACKSkippedTimeWait", NULL,
	    "\t\t%ju duplicate ack%s not sent in TIME_WAIT (rate limit)"),
	P("TcpExtTCPACKSkippedChallenge", NULL,
	    "\t\t%ju challenge ack%s not sent (rate limit)"),
	/* Linux before 4.14: the prequeue. */
	P("TcpExtTCPPrequeued", NULL,
	    "\t\t%ju packet%s prequeued for a reading process"),
	P("TcpExtTCPDirectCopyFromPrequeue", NULL,
	    "\t\t%ju packet%s copied to the reader from the prequeue"),
	P("TcpExtTCPDirectCopyFromBacklog", NULL,
	    "\t\t%ju packet%s copied to the reader from the backlog"),
	P("TcpExtTCPPrequeueDropped", NULL,
	    "\t\t%ju packet%s dropped from the prequeue"),
	P("TcpExtTCPSchedulerFailed", NULL,
	    "\t\t%ju time%s the reading process was not scheduled in time"),
	/* Connections. */
	P("TcpActiveOpens", "connection-requests",
	    "\t%ju connection request%s"),
	P("TcpPassiveOpens", "connections-accepts",
	    "\t%ju connection accept%s"),
	P("TcpAttemptFails", NULL, "\t%ju failed connection attempt%s"),
	P("TcpEstabResets", NULL, "\t%ju established connection%s reset"),
	P("TcpExtListenOverflows", "listen-queue-overflows",
	    "\t%ju listen queue overflow%s"),
	P("TcpExtListenDrops", NULL, "\t%ju connection%s dropped at listen"),
	P("TcpExtEmbryonicRsts", NULL, "\t%ju embryonic connection%s reset"),
	P("TcpExtTCPDeferAcceptDrop", NULL,
	    "\t%ju connection%s dropped waiting for data (TCP_DEFER_ACCEPT)"),
	P("TcpExtTCPReqQFullDoCookies", NULL,
	    "\t%ju SYN%s answered with a cookie: request queue full"),
	P("TcpExtTCPReqQFullDrop", NULL,
	    "\t%ju SYN%s dropped: request queue full"),
	P("TcpExtSyncookiesSent", "sent-cookies", "\t%ju cookie%s sent"),
	P("TcpExtSyncookiesRecv", "receivd-cookies", "\t%ju cookie%s received"),
	P("TcpExtSyncookiesFailed", NULL, "\t%ju invalid cookie%s received"),
	P("TcpExtTCPMigrateReqSuccess", NULL,
	    "\t%ju request%s migrated to another listener"),
	P("TcpExtTCPMigrateReqFailure", NULL,
	    "\t%ju request%s failed to migrate to another listener"),
	P("TcpExtPAWSActive", NULL,
	    "\t%ju active connection%s rejected by PAWS"),
	P("TcpExtPAWSPassive", NULL,
	    "\t%ju passive connection%s rejected by PAWS"),
	P("TcpExtTCPAbortOnData", NULL,
	    "\t%ju connection%s reset on unexpected data"),
	P("TcpExtTCPAbortOnClose", NULL,
	    "\t%ju connection%s reset on close with unread data"),
	P("TcpExtTCPAbortOnMemory", NULL,
	    "\t%ju connection%s aborted for lack of memory"),
	P("TcpExtTCPAbortOnLinger", NULL,
	    "\t%ju connection%s aborted after the linger timeout"),
	P("TcpExtTCPAbortFailed", NULL,
	    "\t%ju abort%s that could not send a reset"),
	P("TcpExtTCPTimeouts", "retransmit-timeouts",
	    "\t%ju retransmit timeout%s"),
	P("TcpExtTCPAbortOnTimeout",
	    "connections-dropped-by-retransmit-timeout",
	    "\t\t%ju connection%s dropped by rexmit timeout"),
	P("TcpExtTCPSpuriousRTOs", NULL,
	    "\t\t%ju spurious retransmit timeout%s"),
	P("TcpExtTcpTimeoutRehash", NULL,
	    "\t\t%ju flow label change%s after a timeout"),
	P("TcpExtTcpDuplicateDataRehash", NULL,
	    "\t%ju flow label change%s after duplicate data"),
	P("TcpExtTCPPLBRehash", NULL,
	    "\t%ju flow label change%s by protective load balancing"),
	P("TcpExtTW", NULL, "\t%ju TIME_WAIT socket%s expired"),
	P("TcpExtTWRecycled", NULL, "\t%ju TIME_WAIT socket%s recycled"),
	P("TcpExtTWKilled", NULL, "\t%ju TIME_WAIT socket%s killed"),
	P("TcpExtTCPTimeWaitOverflow", NULL,
	    "\t%ju TIME_WAIT socket%s not created: limit reached"),
	P("TcpExtTCPHPAcks", "ack-header-predictions",
	    "\t%ju correct ACK header prediction%s"),
	P("TcpExtTCPHPHits", "data-packet-header-predictions",
	    "\t%ju correct data packet header prediction%s"),
	P("TcpExtTCPHPHitsToUser", NULL,
	    "\t\t%ju copied straight to the reader"),
	/* Loss recovery. */
	P("TcpExtTCPSackRecovery", "recovery-episodes",
	    "\t%ju SACK recovery episode%s"),
	PF("TcpExtTCPSackRecoveryFail", NULL,
	    "\t\t%ju SACK recover%s that failed", SP_IES),
	P("TcpExtTCPRenoRecovery", NULL, "\t%ju Reno recovery episode%s"),
	PF("TcpExtTCPRenoRecoveryFail", NULL,
	    "\t\t%ju Reno recover%s that failed", SP_IES),
	PF("TcpExtTCPLossProbeRecovery", NULL,
	    "\t%ju loss%s recovered by a tail loss probe", SP_ES),
	P("TcpExtTCPSackFailures", NULL,
	    "\t%ju timeout%s after SACK recovery"),
	P("TcpExtTCPRenoFailures", NULL,
	    "\t%ju timeout%s after Reno recovery"),
	P("TcpExtTCPLossFailures", NULL, "\t%ju timeout%s in loss recovery"),
	P("TcpExtTCPSACKReorder", NULL, "\t%ju reordering%s detected by SACK"),
	P("TcpExtTCPFACKReorder", NULL, "\t%ju reordering%s detected by FACK"),
	P("TcpExtTCPRenoReorder", NULL,
	    "\t%ju reordering%s detected by Reno"),
	P("TcpExtTCPTSReorder", NULL,
	    "\t%ju reordering%s detected by timestamps"),
	P("TcpExtTCPFullUndo", NULL,
	    "\t%ju congestion window reduction%s fully undone"),
	P("TcpExtTCPPartialUndo", NULL,
	    "\t%ju congestion window reduction%s partially undone"),
	P("TcpExtTCPDSACKUndo", NULL,
	    "\t%ju congestion window reduction%s undone by D-SACK"),
	P("TcpExtTCPLossUndo", NULL,
	    "\t%ju congestion window reduction%s undone after a timeout"),
	P("TcpExtTCPHystartTrainDetect", NULL,
	    "\t%ju slow start exit%s on an ack train"),
	P("TcpExtTCPHystartTrainCwnd", NULL,
	    "\t%ju segment%s of congestion window at ack train exits"),
	P("TcpExtTCPHystartDelayDetect", NULL,
	    "\t%ju slow start exit%s on a delay increase"),
	P("TcpExtTCPHystartDelayCwnd", NULL,
	    "\t%ju segment%s of congestion window at delay exits"),
	/* Memory. */
	P("TcpExtPruneCalled", NULL,
	    "\t%ju time%s the receive queue was pruned"),
	P("TcpExtRcvPruned", NULL,
	    "\t%ju packet%s dropped from the receive queue for lack of memory"),
	P("TcpExtOfoPruned", NULL,
	    "\t%ju time%s the out-of-order queue was pruned"),
	P("TcpExtTCPMemoryPressures", NULL,
	    "\t%ju time%s TCP entered memory pressure"),
	P("TcpExtTCPMemoryPressuresChrono", NULL,
	    "\t%ju millisecond%s spent under memory pressure"),
	/* Fast Open. */
	P("TcpExtTCPFastOpenActive", NULL,
	    "\t%ju Fast Open connection%s made"),
	P("TcpExtTCPFastOpenActiveFail", NULL,
	    "\t%ju Fast Open connection%s that failed"),
	P("TcpExtTCPFastOpenPassive", NULL,
	    "\t%ju Fast Open connection%s accepted"),
	P("TcpExtTCPFastOpenPassiveFail", NULL,
	    "\t%ju Fast Open connection%s refused"),
	P("TcpExtTCPFastOpenPassiveAltKey", NULL,
	    "\t%ju Fast Open cookie%s accepted with the backup key"),
	P("TcpExtTCPFastOpenListenOverflow", NULL,
	    "\t%ju Fast Open request%s over the queue limit"),
	P("TcpExtTCPFastOpenCookieReqd", NULL,
	    "\t%ju Fast Open cookie%s requested"),
	P("TcpExtTCPFastOpenBlackhole", NULL,
	    "\t%ju time%s Fast Open was disabled as blackholed"),
	/* Signatures. */
	P("TcpExtTCPMD5Failure", "received-bad-signature",
	    "\t%ju packet%s with bad signature received"),
	P("TcpExtTCPMD5NotFound", "no-signature-provided",
	    "\t%ju time%s no signature provided by segment"),
	P("TcpExtTCPMD5Unexpected", "no-signature-expected",
	    "\t%ju time%s unexpected signature received"),
	P("TcpExtTCPAOGood", NULL,
	    "\t%ju packet%s with a good TCP-AO signature"),
	P("TcpExtTCPAOBad", NULL,
	    "\t%ju packet%s with a bad TCP-AO signature"),
	P("TcpExtTCPAOKeyNotFound", NULL,
	    "\t%ju packet%s with an unknown TCP-AO key"),
	P("TcpExtTCPAORequired", NULL,
	    "\t%ju packet%s without the TCP-AO signature required"),
	P("TcpExtTCPAODroppedIcmps", NULL,
	    "\t%ju ICMP message%s dropped under TCP-AO"),
	/* Levels and settings, Linux's own: after BSD's counters. */
	PF("TcpCurrEstab", NULL, "\t%ju connection%s currently established",
	    SP_GAUGE),
	{ "TcpRtoAlgorithm", NULL, "\tretransmit timeout algorithm: %s",
	    SP_GAUGE, rtoalg_names, NULL, rtoalg_keys },
	PF("TcpRtoMin", NULL, "\tretransmit timeout minimum: %ju ms",
	    SP_GAUGE),
	PF("TcpRtoMax", NULL, "\tretransmit timeout maximum: %ju ms",
	    SP_GAUGE),
	{ "TcpMaxConn", NULL, "\tconnection limit: %ju", SP_GAUGE, NULL,
	    "\tno limit on connections", NULL },
};

static const char *const tcp_sects[] = { "Tcp", "TcpExt", NULL };

static const struct stat_block tcp_block = {
	"tcp", "", tcp_phrases, sizeof(tcp_phrases) / sizeof(tcp_phrases[0]),
	tcp_sects, NULL, NULL, STF_SNMP | STF_NETSTAT
};

void
tcp_stats(const struct protox *tp)
{
	(void)tp;
	stats_show(&tcp_block);
}

static const char *const udp_sects[] = { "Udp", NULL };
static const char *const udplite_sects[] = { "UdpLite", NULL };

void
udp_stats(const struct protox *tp)
{
	struct stat_block b = {
		"udp", "Udp", udp_phrases, 0, udp_sects, NULL, NULL, STF_SNMP
	};

	(void)tp;
	b.sb_ntab = udp_nphrases;
	stats_show(&b);
}

void
udplite_stats(const struct protox *tp)
{
	struct stat_block b = {
		"udplite", "UdpLite", udp_phrases, 0, udplite_sects, NULL, NULL,
		STF_SNMP
	};

	(void)tp;
	b.sb_ntab = udp_nphrases;
	stats_show(&b);
}

/*
 * MPTCP (net/mptcp/mib.c's counters, MPTcpExt in net/netstat): Darwin's
 * mptcp wording where it keeps the same counter, plain words otherwise.
 */
static const struct stat_phrase mptcp_phrases[] = {
	/* The first subflow: MP_CAPABLE. */
	P("MPCapableSYNTX", NULL, "\t%ju SYN%s with MP_CAPABLE sent"),
	P("MPCapableSYNTXDrop", NULL,
	    "\t\t%ju time%s MP_CAPABLE was left out of a retransmitted SYN"),
	P("MPCapableSYNTXDisabled", NULL,
	    "\t\t%ju SYN%s sent without MP_CAPABLE: MPTCP off after "
	    "past failures"),
	P("MPCapableSYNRX", NULL, "\t%ju SYN%s with MP_CAPABLE received"),
	P("MPCapableSYNACKRX", NULL,
	    "\t%ju SYN-ACK%s with MP_CAPABLE received"),
	P("MPCapableACKRX", NULL, "\t%ju final ACK%s with MP_CAPABLE received"),
	P("MPCapableEndpAttempt", NULL,
	    "\t%ju MP_CAPABLE attempt%s to a port-based endpoint refused"),
	/* Falling back to plain TCP. */
	P("MPCapableFallbackACK", NULL,
	    "\t%ju time%s primary subflow fell back to TCP: no MP_CAPABLE "
	    "in the final ACK"),
	P("MPCapableFallbackSYNACK", NULL,
	    "\t%ju time%s primary subflow fell back to TCP: no MP_CAPABLE "
	    "in the SYN-ACK"),
	P("MPCapableDataFallback", NULL,
	    "\t%ju time%s primary subflow fell back to TCP: no MP_CAPABLE "
	    "or DSS with the first data"),
	P("MPFallbackTokenInit", NULL,
	    "\t%ju time%s fell back to TCP: no token could be made"),
	P("MD5SigFallback", NULL,
	    "\t%ju time%s fell back to TCP: a conflicting TCP option "
	    "(MD5 signature)"),
	P("DssFallback", NULL,
	    "\t%ju time%s fell back to TCP on a bad or missing DSS"),
	P("SimultConnectFallback", NULL,
	    "\t%ju time%s fell back to TCP on a simultaneous connect"),
	P("DSSCorruptionFallback", NULL,
	    "\t%ju time%s fell back to TCP on a corrupted DSS"),
	P("FallbackFailed", NULL, "\t%ju fallback%s to TCP that failed"),
	/* More subflows: MP_JOIN. */
	P("MPJoinSynTx", NULL, "\t%ju SYN%s with MP_JOIN sent"),
	P("MPJoinSynTxCreatSkErr", NULL,
	    "\t\t%ju not sent: socket creation failed"),
	P("MPJoinSynTxBindErr", NULL, "\t\t%ju not sent: bind failed"),
	P("MPJoinSynTxConnectErr", NULL, "\t\t%ju not sent: connect failed"),
	P("MPJoinSynRx", NULL, "\t%ju SYN%s with MP_JOIN received"),
	P("MPJoinSynBackupRx", NULL, "\t\t%ju with the backup flag"),
	P("MPJoinPortSynRx", NULL, "\t\t%ju to a different port"),
	P("MismatchPortSynRx", NULL, "\t\t%ju to a mismatched port"),
	P("MPJoinNoTokenFound", NULL,
	    "\t%ju MP_JOIN%s with an unknown token"),
	P("MPJoinRejected", NULL,
	    "\t%ju MP_JOIN%s rejected by the path manager"),
	P("MPJoinSynAckRx", NULL, "\t%ju SYN-ACK%s with MP_JOIN received"),
	P("MPJoinSynAckBackupRx", NULL, "\t\t%ju with the backup flag"),
	P("MPJoinPortSynAckRx", NULL, "\t\t%ju from a different port"),
	P("MPJoinSynAckHMacFailure", NULL, "\t\t%ju with a bad HMAC"),
	P("MPJoinAckRx", NULL, "\t%ju third ACK%s with MP_JOIN received"),
	P("MPJoinPortAckRx", NULL, "\t\t%ju to a different port"),
	P("MismatchPortAckRx", NULL, "\t\t%ju to a mismatched port"),
	P("MPJoinAckHMacFailure", NULL, "\t\t%ju with a bad HMAC"),
	/* Data. */
	P("MPTCPRetrans", NULL,
	    "\t%ju data packet%s retransmitted at the MPTCP level"),
	P("DataCsumErr", NULL, "\t%ju bad DSS checksum%s"),
	P("DSSNotMatching", NULL,
	    "\t%ju DSS mapping%s not matching the previous one"),
	P("DSSNoMatchTCP", NULL,
	    "\t%ju DSS mapping%s not matching the TCP sequence"),
	P("DSSCorruptionReset", NULL,
	    "\t%ju subflow%s reset on a corrupted DSS"),
	P("NoDSSInWindow", NULL,
	    "\t%ju packet%s outside the MPTCP window"),
	P("DuplicateData", NULL,
	    "\t%ju packet%s of duplicate data discarded"),
	P("OFOQueue", NULL, "\t%ju time%s received out of order data"),
	P("OFOQueueTail", NULL, "\t\t%ju queued at the tail"),
	P("OFOMerge", NULL, "\t\t%ju merged with queued data"),
	P("InfiniteMapTx", NULL, "\t%ju infinite mapping%s sent"),
	P("InfiniteMapRx", NULL, "\t%ju infinite mapping%s received"),
	P("WinProbe", NULL, "\t%ju window probe%s sent"),
	P("SndWndShared", NULL,
	    "\t%ju time%s a subflow's send window gave way to the "
	    "connection's"),
	P("RcvWndShared", NULL,
	    "\t%ju time%s a subflow's receive window gave way to the "
	    "connection's"),
	P("RcvWndConflict", NULL,
	    "\t%ju receive window conflict%s between subflows"),
	P("RcvWndConflictUpdate", NULL,
	    "\t\t%ju while the window was updated"),
	/* Addresses: the path manager's options. */
	P("AddAddrTx", NULL, "\t%ju ADD_ADDR option%s sent"),
	P("AddAddrTxDrop", NULL, "\t\t%ju not sent: out of resources"),
	P("AddAddr", NULL, "\t%ju ADD_ADDR option%s received"),
	P("PortAdd", NULL, "\t\t%ju with a port"),
	P("AddAddrDrop", NULL, "\t\t%ju dropped"),
	PF("EchoAddTx", NULL, "\t%ju ADD_ADDR echo%s sent", SP_ES),
	P("EchoAddTxDrop", NULL, "\t\t%ju not sent: out of resources"),
	PF("EchoAdd", NULL, "\t%ju ADD_ADDR echo%s received", SP_ES),
	P("RmAddrTx", NULL, "\t%ju RM_ADDR option%s sent"),
	P("RmAddrTxDrop", NULL, "\t\t%ju not sent: out of resources"),
	P("RmAddr", NULL, "\t%ju RM_ADDR option%s received"),
	P("RmAddrDrop", NULL, "\t\t%ju dropped"),
	P("RmSubflow", NULL, "\t%ju subflow%s removed"),
	/* Other options and events. */
	P("MPPrioTx", NULL, "\t%ju MP_PRIO option%s sent"),
	P("MPPrioRx", NULL, "\t%ju MP_PRIO option%s received"),
	P("MPFailTx", NULL, "\t%ju MP_FAIL option%s sent"),
	P("MPFailRx", NULL, "\t%ju MP_FAIL option%s received"),
	P("MPFastcloseTx", NULL, "\t%ju MP_FASTCLOSE option%s sent"),
	P("MPFastcloseRx", NULL, "\t%ju MP_FASTCLOSE option%s received"),
	P("MPRstTx", NULL, "\t%ju MP_RST option%s sent"),
	P("MPRstRx", NULL, "\t%ju MP_RST option%s received"),
	P("SubflowStale", NULL, "\t%ju time%s a subflow went stale"),
	P("SubflowRecover", NULL, "\t%ju time%s a stale subflow recovered"),
	P("Blackhole", NULL, "\t%ju blackhole%s detected"),
	/* A level, not a count. */
	PF("MPCurrEstab", NULL, "\t%ju connection%s currently established",
	    SP_GAUGE),
};

static const char *const mptcp_sects[] = { "MPTcpExt", NULL };

static const struct stat_block mptcp_block = {
	"mptcp", "MPTcpExt", mptcp_phrases,
	sizeof(mptcp_phrases) / sizeof(mptcp_phrases[0]), mptcp_sects, NULL,
	NULL, STF_NETSTAT
};

void
mptcp_stats(const struct protox *tp)
{
	(void)tp;
	stats_show(&mptcp_block);
}
