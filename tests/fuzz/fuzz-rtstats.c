/*
 * libFuzzer target: the -rs files, net/stat/rt_cache (a header of
 * column names, then a row of hexadecimal counters per CPU) and
 * net/rt6_stats (seven hexadecimal numbers), each a whole file as
 * rt_stats() reads it.  The first byte picks the format.
 */
#include "../../netstat.h"
#include "../../route.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {
		"in_martian_dst", "in_martian_src", "in_slow_tot",
		"out_slow_tot"
	};
	unsigned long long v[7], sums[4];
	char *buf;

	if (size < 1)
		return (0);
	buf = exact(data + 1, size - 1);
	if (data[0] & 1)
		(void)rt6stats_parse(buf, size - 1, v);
	else
		(void)rtcache_sum(buf, size - 1, names, 4, sums);
	free(buf);
	return (0);
}
