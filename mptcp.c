/*
 * -p mptcp: the MPTCP-level sockets (Darwin lists them), through inet.c's
 * listing with INET_DIAG_REQ_PROTOCOL = IPPROTO_MPTCP (the protocol does
 * not fit sdiag_protocol).  Their subflows are TCP sockets whose -c
 * column says "mptcp".  No proc file lists MPTCP sockets.
 */
#include "netstat.h"

/* Once: a kernel (or a proc tree) that cannot list MPTCP sockets. */
void
mptcp_unavailable(void)
{
	static int said;

	if (said++)
		return;
	if (memf != NULL)
		ns_warnx("mptcp: a proc tree has no MPTCP sockets");
	else
		ns_warnx("mptcp: protocol not available "
		    "(module mptcp_diag not loaded)");
}
