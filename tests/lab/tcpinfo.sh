# -T, -C, -c against ss -tin for the same sockets: a connection whose
# peer's answers are dropped mid-transfer (retransmissions, RTO timeouts),
# sockets set to reno and cubic (TCP_CONGESTION), kTLS (TCP_ULP "tls")
# where the kernel has it; JSON parses; -M prints "-".

ip link set lo up

cat >"$LABTMP/tcp.py" <<'EOF'
import socket, sys, time

mode = sys.argv[1]
ready = sys.argv[2]
keep = []

def pair(port, cc=None):
    l = socket.socket()
    l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    l.bind(("127.0.0.1", port))
    l.listen()
    c = socket.socket()
    if cc:
        c.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, cc.encode())
    c.connect(("127.0.0.1", port))
    a, _ = l.accept()
    keep.extend([l, c, a])
    return c, a

if mode == "cc":
    pair(7001, "reno")
    pair(7002, "cubic")
    c, a = pair(7003)
    try:
        c.setsockopt(socket.IPPROTO_TCP, 31, b"tls")   # TCP_ULP
        print("tls", flush=True)
    except OSError:
        print("notls", flush=True)
elif mode == "server":
    l = socket.socket()
    l.bind(("10.77.0.2", 7000))
    l.listen()
    a, _ = l.accept()
    while a.recv(65536):
        pass
elif mode == "client":
    c = socket.socket()
    c.connect(("10.77.0.2", 7000))
    c.setblocking(False)
    keep.append(c)
    end = time.time() + 60
    while time.time() < end:
        try:
            c.send(b"x" * 65536)
        except BlockingIOError:
            time.sleep(0.05)
open(ready, "w").write("ready\n")
time.sleep(60)
EOF

# col ROW N: field N of a text row.
col() { printf '%s\n' "$1" | awk -v n="$2" '{ print $n }'; }

# --- Congestion control, ULP ---
python3 "$LABTMP/tcp.py" cc "$LABTMP/cc.ready" >"$LABTMP/cc.out" 2>&1 &
wait_until 50 test -s "$LABTMP/cc.ready"
out=$(ns -anC -p tcp)
ss=$(ss -tin)
for port in 7001 7002; do
	row=$(printf '%s\n' "$out" | grep "127.0.0.1\.[0-9]* *127.0.0.1\.$port ")
	sscc=$(printf '%s\n' "$ss" | grep -A1 "127.0.0.1:$port *$" |
	    tail -1 | awk '{ print $1 }')
	case $port in 7001) want=reno ;; *) want=cubic ;; esac
	expect_eq "-C: the socket set to $want says $want" "$(col "$row" 7)" "$want"
	expect_eq "-C: $want as ss says" "$(col "$row" 7)" "$sscc"
	sscw=$(printf '%s\n' "$ss" | grep -A1 "127.0.0.1:$port *$" | tail -1 |
	    tr ' ' '\n' | sed -n 's/^cwnd://p')
	expect_eq "-C: cwnd of the $want socket as ss says" "$(col "$row" 8)" "$sscw"
	ssmss=$(printf '%s\n' "$ss" | grep -A1 "127.0.0.1:$port *$" | tail -1 |
	    tr ' ' '\n' | sed -n 's/^mss://p')
	expect_eq "-C: MSS of the $want socket as ss says" "$(col "$row" 10)" "$ssmss"
	expect_match "-C: srtt and rttvar in ms" "$row" ' [0-9]+\.[0-9]{3} +[0-9]+\.[0-9]{3}$'
done
out=$(ns -anc -p tcp)
row=$(printf '%s\n' "$out" | grep "127.0.0.1\.[0-9]* *127.0.0.1\.7003 ")
if grep -q '^tls' "$LABTMP/cc.out"; then
	expect_eq "-c: kTLS socket's stack is tls" "$(col "$row" 7)" tls
else
	ok "# SKIP -c tls: the kernel refuses TCP_ULP tls (module tls not loaded)"
	expect_eq "-c: no ULP prints -" "$(col "$row" 7)" "-"
fi
json_ok "-TCc --libxo json parses" ns -anTCc -p tcp --libxo json
j=$(ns -anC -p tcp --libxo json)
expect_match "-C JSON: cc, snd-cwnd, srtt-us" "$j" '"cc":"reno","snd-cwnd":[0-9]+,"snd-ssthresh":[0-9]+,"t-maxseg":[0-9]+,"ecn":"(on|off)","srtt-us":[0-9]+,"rttvar-us":[0-9]+'
# Right-aligned last columns: each row ends where its header does.
for o in -anT -anTb; do
	check "$o: rows end under the header's last column" sh -c \
	    "$NETSTAT $o -p tcp | awk 'NR == 2 { h = length(\$0) }
	    NR > 2 && length(\$0) != h { bad = 1 } END { exit bad }'"
done
out=$(ns -anTCc)
no_trailing_blanks "-TCc: no trailing blanks" "$out"
expect_match "-T header: FreeBSD's columns, Linux's after" "$out" '^Proto Rexmit OOORcv 0-win  Local Address +Foreign Address +Lost +RTO Stack +CC +cwin'

# --- Retransmissions: the peer's answers are dropped mid-transfer ---
unshare -n sleep 60 &
peer=$!
sleep 0.2
ip link add ntv0 type veth peer name ntv1 netns $peer
ip addr add 10.77.0.1/24 dev ntv0
ip link set ntv0 up
nsenter -t $peer -n ip addr add 10.77.0.2/24 dev ntv1
nsenter -t $peer -n ip link set ntv1 up
nsenter -t $peer -n ip link set lo up
nsenter -t $peer -n python3 "$LABTMP/tcp.py" server "$LABTMP/srv.ready" \
    >/dev/null 2>&1 &
srv=$!
listening() {
	nsenter -t $peer -n ss -ltn | grep -q ':7000'
}
wait_until 50 listening
python3 "$LABTMP/tcp.py" client "$LABTMP/cli.ready" &
sleep 0.5
# The peer's answers go nowhere: every segment in flight is resent.
# (A link taken down makes the resends fail before they leave, so they
# are not counted as retransmissions.)
nsenter -t $peer -n ip route add blackhole 10.77.0.1/32
sleep 2
ss1=$(ss -tin dst 10.77.0.2)
row=$(ns -anT -p tcp | grep ' 10\.77\.0\.2\.7000')
ss2=$(ss -tin dst 10.77.0.2)
tot() {
	_t=$(printf '%s\n' "$1" | tr ' ' '\n' | sed -n 's/^retrans:[0-9]*\///p')
	echo "${_t:-0}"
}
rx=$(col "$row" 2)
if [ -n "$rx" ] && [ "$rx" -gt 0 ] 2>/dev/null; then
	ok "-T: retransmissions counted while the answers are dropped ($rx)"
else
	notok "-T: no retransmissions: '$row'"
fi
t1=$(tot "$ss1")
t2=$(tot "$ss2")
if [ "$t1" -le "$rx" ] && [ "$rx" -le "$t2" ]; then
	ok "-T: Rexmit is ss's total retrans ($t1 <= $rx <= $t2)"
else
	notok "-T: Rexmit $rx, ss says $t1 .. $t2"
fi
rto=$(col "$row" 8)
if [ "$rto" -ge 1 ] 2>/dev/null; then
	ok "-T: RTO timeouts counted ($rto)"
elif [ "$rto" = "-" ]; then
	ok "# SKIP -T RTO: tcp_info has no tcpi_total_rto (kernel before 6.7)"
else
	notok "-T: RTO column '$rto'"
fi
sslost=$(printf '%s\n' "$ss1" | tr ' ' '\n' | sed -n 's/^lost://p')
expect_eq "-T: Lost as ss says" "$(col "$row" 7)" "${sslost:-0}"
expect_eq "-T: zero-window advertisements: Linux counts none" "$(col "$row" 4)" "-"
json_ok "-T JSON parses" ns -anT -p tcp --libxo json
kill $srv $peer 2>/dev/null
lab_done
