/*
 * libFuzzer target: the -m files: sockstat and sockstat6 lines, the
 * tcp_mem / udp_mem triple, softnet_stat's hexadecimal columns and
 * slabinfo lines.  The first byte picks the format.
 */
#include "../../netstat.h"
#include "fuzz.h"

enum { M_SOCKSTAT, M_MEM3, M_SOFTNET, M_SLAB, M_N };

static void
one_line(const char *line, size_t len, void *arg)
{
	unsigned long long col[32], v[3];
	struct ss_line s;
	struct slab sl;
	int *sel = arg;

	switch (*sel) {
	case M_SOCKSTAT:
		if (mbuf_parse_sockstat(line, len, &s) == 0 &&
		    mbuf_ss_get(&s, "inuse", &v[0]) == 0 && v[0] == 0xdeadULL)
			col[0] = 1;
		break;
	case M_MEM3:
		(void)mbuf_parse_mem3(line, len, v);
		break;
	case M_SOFTNET:
		(void)mbuf_parse_softnet(line, len, col, 32);
		break;
	default:
		(void)mbuf_parse_slab(line, len, &sl);
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return (fuzz_format_lines(data, size, M_N, one_line));
}
