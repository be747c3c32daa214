#!/bin/sh
# Routing-table benchmark (SPEC 5): `netstat -rn` against `ip -4 route
# show` with 100,000 IPv4 routes, in a private network namespace.  Each
# command runs several times; the best wall time counts.  Prints the times
# and the ratio (the SPEC wants at most 1.0).
#
# Env: NETSTAT (default ./netstat), ROUTES (default 100000), RUNS
# (default 11).
top=$(cd "$(dirname "$0")/.." && pwd)
NETSTAT=${NETSTAT:-$top/netstat}
case $NETSTAT in /*) ;; *) NETSTAT=$top/${NETSTAT#./} ;; esac
ROUTES=${ROUTES:-100000}
RUNS=${RUNS:-11}
export NETSTAT ROUTES RUNS

if [ "${BENCH_IN_NS:-}" != yes ]; then
	if [ "$(id -u)" = 0 ]; then userns=; else userns=-r; fi
	BENCH_IN_NS=yes exec unshare $userns -n sh "$0" "$@"
fi

set -e
ip link set lo up
ip link add bench0 type veth peer name bench1
ip addr add 10.255.0.1/16 dev bench0
ip link set bench0 up
ip link set bench1 up
# 100,000 /24 routes via one gateway, added in one ip -batch run.
python3 - "$ROUTES" >"${TMPDIR:-/tmp}/routes.batch.$$" <<'PY'
import sys
n = int(sys.argv[1])
for i in range(n):
    a, b = 1 + i // 65536, (i // 256) % 256
    print("route add %d.%d.%d.0/24 via 10.255.0.2" % (20 + a, b, i % 256))
PY
ip -batch "${TMPDIR:-/tmp}/routes.batch.$$"
rm -f "${TMPDIR:-/tmp}/routes.batch.$$"
set +e
got=$(ip -4 route show | wc -l)
echo "routes in the main table: $got"

# Best wall times (ms): bench/best.py.
best() { python3 "$top/bench/best.py" "$RUNS" "$@"; }
set -- $(best "$NETSTAT" -rn -- ip -4 route show -- "$NETSTAT" -rn -f inet)
n_all=$1 i=$2 n=$3
echo "netstat -rn -f inet:  $n ms"
echo "netstat -rn:          $n_all ms"
echo "ip -4 route show:     $i ms"
rss() {
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1
}
[ -x /usr/bin/time ] && echo "peak RSS: netstat -rn $(rss "$NETSTAT" -rn) KiB, ip -4 route show $(rss ip -4 route show) KiB"
python3 -c 'import sys; print("ratio netstat -rn / ip -4 route show: %.2f (SPEC: <= 1.0)" % (float(sys.argv[1]) / float(sys.argv[2])))' "$n_all" "$i"
