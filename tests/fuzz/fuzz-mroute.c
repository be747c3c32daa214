/*
 * libFuzzer target: the multicast routing files, ip_mr_vif,
 * ip6_mr_vif, ip_mr_cache, ip6_mr_cache, mcfilter and mcfilter6.  The
 * first byte picks the format.
 */
#include <sys/socket.h>

#include "../../netstat.h"
#include "fuzz.h"

enum { R_VIF, R_VIF6, R_MFC, R_MFC6, R_MCF, R_MCF6, R_N };

static void
one_line(const char *line, size_t len, void *arg)
{
	char ll[MR_LLMAX * 3 + 1];
	struct source s;
	struct mfc m;
	struct vif v;
	int *sel = arg, fam = (*sel & 1) ? AF_INET6 : AF_INET;

	switch (*sel) {
	case R_VIF:
	case R_VIF6:
		if (mroute_parse_vif(line, len, fam, &v) == 0)
			mroute_ll_ntoa((const unsigned char *)v.name, v.namelen, ll,
			    sizeof(ll));
		break;
	case R_MFC:
	case R_MFC6:
		if (mroute_parse_mfc(line, len, fam, &m) == 0 && m.noifs > 0 &&
		    (m.oif[m.noifs - 1] < 0 || m.oif[m.noifs - 1] >=
		    MR_MAXVIFS))
			abort();
		break;
	default:
		(void)mroute_parse_mcfilter(line, len, fam, &s);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return (fuzz_format_lines(data, size, R_N, one_line));
}
