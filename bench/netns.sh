#!/bin/sh
# make bench: the time of `netstat -j all -an` with 50 network namespaces
# (made here, in a private mount namespace, so /run/netns outside stays
# untouched), each holding a listener and a connection, against one
# `ip netns exec NAME ss -tan` per namespace.  Every other namespace on the
# machine is listed too: the count is printed.  Needs root.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" != 0 ]; then
	echo "bench: needs root (network namespaces)" >&2
	exit 1
fi
if [ -z "${BENCH_IN_MNTNS:-}" ]; then
	BENCH_IN_MNTNS=1 exec unshare -m sh "$0" "$@"
fi
tmp=bench/tmp
mkdir -p $tmp /run/netns
mount --make-rprivate /
mount -t tmpfs none /run/netns
CC=${CC:-cc}
$CC -O2 -Wall -o $tmp/timeit bench/timeit.c
[ -x ./netstat ] || { echo "bench: build ./netstat first" >&2; exit 1; }

N=50
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	i=1
	while [ $i -le $N ]; do
		ip netns del bns$i 2>/dev/null || true
		i=$((i + 1))
	done
}
trap cleanup EXIT
i=1
while [ $i -le $N ]; do
	ip netns add bns$i
	ip -n bns$i link set lo up
	ip netns exec bns$i python3 -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 9000)); s.listen()
c = socket.create_connection(("127.0.0.1", 9000))
time.sleep(600)' &
	pids="$pids $!"
	i=$((i + 1))
done
sleep 2
total=$(./netstat -j all -an -p tcp | grep -c '^Network namespace')
set -- $($tmp/timeit 5 ./netstat -j all -an -p tcp); all=$1 all_rss=$2
set -- $($tmp/timeit 5 ./netstat -j bns1 -an -p tcp); one=$1
set -- $($tmp/timeit 3 sh -c "for n in \$(ip netns list | cut -d' ' -f1); do ip netns exec \$n ss -tan; done")
ipss=$1
echo
echo "== -j all: $total network namespaces ($N made here)"
printf '%-40s %9s %9s\n' "command" "best ms" "RSS KiB"
printf '%-40s %9s %9s\n' "netstat -j all -an -p tcp" "$all" "$all_rss"
printf '%-40s %9s\n' "netstat -j bns1 -an -p tcp" "$one"
printf '%-40s %9s\n' "ip netns exec NAME ss -tan, each named" "$ipss"
