# Network memory (-m): TCP connections made here move the socket counts.

tcp_inuse() {
	ns -m | sed -n 's/^	\([0-9]*\) TCP (.*/\1/p'
}

before=$(tcp_inuse)
expect_match "mbuf: -m TCP count is a number" "$before" '^[0-9]+$'

# A listener and N connections to it, on loopback.
N=25
cat >"$LABTMP/conn.py" <<'EOF'
import socket, sys, time
n = int(sys.argv[1])
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(64)
cs, ss = [], []
for i in range(n):
    c = socket.create_connection(l.getsockname())
    cs.append(c)
    ss.append(l.accept()[0])
open(sys.argv[2], "w").write("ready\n")
time.sleep(120)
EOF
python3 "$LABTMP/conn.py" $N "$LABTMP/conn.ready" &
wait_until 100 test -s "$LABTMP/conn.ready"
check "mbuf: connections made" test -s "$LABTMP/conn.ready"

# Read netstat and /proc/net/sockstat at the same moment.
after=$(tcp_inuse)
kernel=$(sed -n 's/^TCP: inuse \([0-9]*\).*/\1/p' /proc/net/sockstat)
expect_eq "mbuf: -m TCP count matches sockstat" "$after" "$kernel"
# 2N connected sockets and one listener.
expect_eq "mbuf: TCP count moved by 2N+1" "$after" $((before + 2 * N + 1))
est=$(ss -s | sed -n 's/^TCP: *[0-9]* (estab \([0-9]*\),.*/\1/p')
check "mbuf: ss -s sees at least the 2N established" \
    test "${est:-0}" -ge $((2 * N))

out=$(ns -m)
expect_match "mbuf: sockets in use" "$out" '^[0-9]+ sockets in use$'
# tcp_mem's thresholds, pages to KB with the real page size; outside the
# initial network namespace the kernel has no tcp_mem to show: "-".
if [ -r /proc/sys/net/ipv4/tcp_mem ]; then
	pg=$(getconf PAGESIZE)
	p=$(awk -v pg="$pg" '{ print $2 * pg / 1024 }' \
	    /proc/sys/net/ipv4/tcp_mem)
	l=$(awk -v pg="$pg" '{ print $3 * pg / 1024 }' \
	    /proc/sys/net/ipv4/tcp_mem)
	want="\\(pressure at $p KB, limit $l KB\\)$"
else
	want='\(pressure at -, limit -\)$'
fi
expect_match "mbuf: TCP buffer memory with thresholds" "$out" \
    "^[0-9]+ KB allocated to TCP buffers $want"
expect_match "mbuf: softnet drops" "$out" \
    '^[0-9]+ packets? dropped: backlog full$'
expect_match "mbuf: memory pressure counter" "$out" \
    '^[0-9]+ requests? for memory denied \(TCP memory pressure\)$'
no_trailing_blanks "mbuf: -m has no trailing blanks" "$out"

out=$(ns -mm)
expect_match "mbuf: -mm per-CPU softnet table" "$out" \
    '^CPU +Processed +Dropped +Squeezed +RPS +FlowLimit +Backlog$'
ncpu=$(grep -c . /proc/net/softnet_stat)
got=$(printf '%s\n' "$out" | grep -Ec '^ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$')
expect_eq "mbuf: one softnet row per CPU" "$got" "$ncpu"
if [ -r /proc/slabinfo ]; then
	expect_match "mbuf: -mm TCP slab cache" "$out" '^TCP +[0-9]+ '
else
	expect_match "mbuf: -mm slabinfo note" "$out" \
	    '^Network slab caches not shown: '
fi

json_ok "mbuf: -m JSON parses" ns -m --libxo json
json_ok "mbuf: -mm JSON parses" ns -mm --libxo json
j=$(ns -m --libxo json | python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]["mbuf-statistics"]
print([p["in-use"] for p in d["socket-protocol"] if p["protocol"] == "TCP"][0])')
kernel=$(sed -n 's/^TCP: inuse \([0-9]*\).*/\1/p' /proc/net/sockstat)
expect_eq "mbuf: JSON TCP count matches sockstat" "$j" "$kernel"
