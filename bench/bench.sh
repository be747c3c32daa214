#!/bin/sh
# make bench: time `netstat -an -p tcp` (and -anT, tcp_info per socket,
# against ss -tani) and friends against the bare
# SOCK_DIAG dump (the floor), ss and net-tools netstat, with 10,000 and then
# 100,000 loopback TCP sockets, in a private network namespace.  Prints the
# best of several runs, the ratios SPEC section 5 sets, and peak RSS.
# Needs root (unshare -n, 20,000 fds per helper process).
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
	echo "bench: needs root (a private network namespace)" >&2
	exit 1
fi
if [ -z "${BENCH_IN_NETNS:-}" ]; then
	BENCH_IN_NETNS=1 exec unshare -n sh "$0" "$@"
fi

tmp=bench/tmp
mkdir -p $tmp
CC=${CC:-cc}
for p in sockets floor timeit; do
	$CC -O2 -Wall -o $tmp/$p bench/$p.c
done
[ -x ./netstat ] || { echo "bench: build ./netstat first" >&2; exit 1; }
ip link set lo up

helpers=
nhelpers=0
cleanup() {
	for p in $helpers; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# add_sockets NPROC NCONN: NPROC more helper processes, each holding NCONN
# connections (2 * NCONN sockets) to its own listener on 127.0.0.x:9000.
add_sockets() {
	i=0
	while [ $i -lt "$1" ]; do
		nhelpers=$((nhelpers + 1))
		ready=$tmp/ready.$nhelpers
		rm -f "$ready"
		$tmp/sockets "127.0.0.$((nhelpers + 1))" "$2" >"$ready" &
		helpers="$helpers $!"
		t=0
		until grep -q ready "$ready" 2>/dev/null; do
			sleep 0.1
			t=$((t + 1))
			if [ $t -gt 600 ]; then
				echo "bench: helper $nhelpers not ready" >&2
				exit 1
			fi
		done
		i=$((i + 1))
	done
}

# t RUNS CMD...: "ms rss"
t() { $tmp/timeit "$@"; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "-" }'; }

row() { printf '%-34s %9s %9s  %s\n' "$1" "$2" "$3" "$4"; }

measure() {
	n=$(ss -tan | tail -n +2 | wc -l)
	echo
	echo "== $n TCP sockets ($nhelpers helper processes)"
	set -- $(t 9 $tmp/floor); floor=$1 floor_rss=$2
	set -- $(t 9 ./netstat -an -p tcp); an=$1 an_rss=$2
	set -- $(t 9 ./netstat -a -p tcp); a=$1 a_rss=$2
	set -- $(t 5 ss -tan); ss=$1 ss_rss=$2
	set -- $(t 3 ./netstat -anv -p tcp); anv=$1 anv_rss=$2
	set -- $(t 3 ss -tanp); ssp=$1 ssp_rss=$2
	set -- $(t 3 ./netstat -anT -p tcp); anT=$1 anT_rss=$2
	set -- $(t 3 ss -tani); ssi=$1 ssi_rss=$2
	if [ -x /usr/bin/netstat ]; then
		set -- $(t 3 /usr/bin/netstat -tan); nt=$1 nt_rss=$2
	else
		nt=- nt_rss=-
	fi
	row "command" "best ms" "RSS KiB" ""
	row "floor (bare SOCK_DIAG dump)" "$floor" "$floor_rss" ""
	row "netstat -an -p tcp" "$an" "$an_rss" \
	    "$(ratio "$an" "$floor")x floor (<= 1.3); $(ratio "$an" "$ss")x ss -tan (<= 0.7)"
	row "ss -tan" "$ss" "$ss_rss" ""
	row "net-tools netstat -tan" "$nt" "$nt_rss" \
	    "$(ratio "$an" "$nt")x: ours against it"
	row "netstat -a -p tcp (names)" "$a" "$a_rss" \
	    "$(ratio "$a" "$an")x -an (<= 1.5)"
	row "netstat -anv -p tcp" "$anv" "$anv_rss" \
	    "$(ratio "$anv" "$ssp")x ss -tanp (<= 0.35)"
	row "ss -tanp" "$ssp" "$ssp_rss" ""
	row "netstat -anT -p tcp (tcp_info)" "$anT" "$anT_rss" \
	    "$(ratio "$anT" "$ssi")x ss -tani"
	row "ss -tani" "$ssi" "$ssi_rss" ""
	echo "peak RSS of netstat -an -p tcp: $an_rss KiB (<= 2048)"
	filtered
}

# A filter that matches one connection: the kernel runs the bytecode, so
# netstat formats one row; against the unfiltered listing and ss.
filtered() {
	set -- $(ss -tanH state established | head -1 |
	    awk '{ n = split($3, l, ":"); m = split($4, f, ":");
		print l[n], f[m] }')
	lp=$1 fp=$2
	set -- $(t 9 ./netstat -an -p tcp src port "$lp" and dst port "$fp")
	f=$1 f_rss=$2
	set -- $(t 9 ss -tan "sport = :$lp and dport = :$fp"); ssf=$1 ssf_rss=$2
	row "netstat -an -p tcp (1-socket filter)" "$f" "$f_rss" \
	    "$(ratio "$f" "$an")x unfiltered (<= 0.2); $(ratio "$f" "$ssf")x ss"
	row "ss -tan (the same filter)" "$ssf" "$ssf_rss" ""
}

add_sockets 2 2500
measure
add_sockets 6 7500
measure
