#!/bin/sh
# Interface benchmark: netstat -i, -ia, -g, -gs and -rn with 5,000
# interfaces (2,500 veth pairs, all up, so each has its link-local
# address and multicast groups), in a private network namespace.  Every
# mode should stay within a few times -i: memberships are matched to
# interfaces through sorted tables, not by a search per interface.  Each
# command runs several times; the best wall time counts.
#
# Env: NETSTAT (default ./netstat), IFACES (default 5000), RUNS (default 5).
top=$(cd "$(dirname "$0")/.." && pwd)
NETSTAT=${NETSTAT:-$top/netstat}
case $NETSTAT in /*) ;; *) NETSTAT=$top/${NETSTAT#./} ;; esac
IFACES=${IFACES:-5000}
RUNS=${RUNS:-5}
export NETSTAT IFACES RUNS

if [ "${BENCH_IN_NS:-}" != yes ]; then
	if [ "$(id -u)" = 0 ]; then userns=; else userns=-r; fi
	BENCH_IN_NS=yes exec unshare $userns -n sh "$0" "$@"
fi

set -e
ip link set lo up
batch=${TMPDIR:-/tmp}/ifaces.batch.$$
i=0
: >"$batch"
while [ $i -lt $((IFACES / 2)) ]; do
	echo "link add bv$i type veth peer name bw$i" >>"$batch"
	i=$((i + 1))
done
i=0
while [ $i -lt $((IFACES / 2)) ]; do
	echo "link set bv$i up" >>"$batch"
	echo "link set bw$i up" >>"$batch"
	i=$((i + 1))
done
ip -batch "$batch"
rm -f "$batch"
set +e
# IPv6 joins its groups as each link comes up; let the count settle.
last=-1 n=0 tries=0
while [ "$n" != "$last" ] && [ $tries -lt 30 ]; do
	last=$n
	sleep 1
	n=$(wc -l </proc/net/igmp6)
	tries=$((tries + 1))
done
echo "interfaces: $(ip -o link show | wc -l)," \
    "IPv4 groups: $(grep -c '^	' /proc/net/igmp)," \
    "IPv6 groups: $(wc -l </proc/net/igmp6)"

# Best wall times (ms): bench/best.py.
best() { python3 "$top/bench/best.py" "$RUNS" "$@"; }
set -- $(best "$NETSTAT" -i -- "$NETSTAT" -ia -- "$NETSTAT" -g -- \
    "$NETSTAT" -gs -- "$NETSTAT" -rn)
echo "netstat -i:   $1 ms"
echo "netstat -ia:  $2 ms"
echo "netstat -g:   $3 ms"
echo "netstat -gs:  $4 ms"
echo "netstat -rn:  $5 ms"
python3 - "$@" <<'PY'
import sys
i = float(sys.argv[1])
print("ratios to -i: -ia %.1f, -g %.1f, -gs %.1f, -rn %.1f" %
      tuple(float(x) / i for x in sys.argv[2:]))
PY
