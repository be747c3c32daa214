/*
 * libFuzzer target: the statistics files, net/snmp and net/netstat (a
 * line of names, then a line of values) and net/snmp6 and
 * dev_snmp6/IF (a name and a value a line), into a snapshot as
 * stats_snap_read() makes one.  The first byte picks the format.
 */
#include "../../netstat.h"
#include "fuzz.h"

static void
pair_line(const char *line, size_t len, void *arg)
{
	(void)stats_pair_line(line, len, arg);
}

static void
snmp6_line(const char *line, size_t len, void *arg)
{
	(void)stats_snmp6_line(line, len, arg);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stat_snap snap;
	struct pair_state st;
	unsigned long long v;
	size_t i;

	if (size < 1)
		return (0);
	memset(&snap, 0, sizeof(snap));
	if (data[0] & 1) {
		fuzz_lines(data + 1, size - 1, snmp6_line, &snap);
	} else {
		memset(&st, 0, sizeof(st));
		st.snap = &snap;
		fuzz_lines(data + 1, size - 1, pair_line, &st);
		free(st.hdr);
	}
	/* Every counter found is a name that can be looked up again. */
	for (i = 0; i < snap.ss_n; i++)
		if (snap.ss_c[i].sc_name == NULL ||
		    (stats_get(&snap, snap.ss_c[i].sc_name, &v) < 0 &&
		    !snap.ss_c[i].sc_neg))
			abort();
	stats_snap_free(&snap);
	return (0);
}
