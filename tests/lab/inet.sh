# Lab test for the Internet socket table (sourced by tests/run inside a
# private network namespace, with tests/lab/lib.sh).  A python3 process
# opens sockets in known states; netstat's rows are checked column by
# column and cross-checked with ss and with the -M /proc path.

cat >"$LABTMP/socks.py" <<'EOF'
import os, socket, sys, time
out = sys.argv[1]
T = socket.IPPROTO_TCP

# A listener with backlog 5 and three connections it never accepts.
L = socket.socket(); L.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
L.bind(('127.0.0.1', 5000)); L.listen(5)
waiting = [socket.create_connection(('127.0.0.1', 5000)) for _ in range(3)]

# A listener that defers accepting until data comes: connections that send
# nothing stay half-open (SYN_RCVD), counted as its incqlen.
D = socket.socket(); D.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
D.setsockopt(T, socket.TCP_DEFER_ACCEPT, 60)
D.bind(('127.0.0.1', 5010)); D.listen(8)
halfopen = [socket.create_connection(('127.0.0.1', 5010)) for _ in range(2)]

# An established connection with bytes queued both ways: the server reads
# nothing, the client writes until its buffer is full (Send-Q > 0).
# Fixed buffer sizes (no autotuning) so that the queues settle.
S = socket.socket(); S.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
S.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
S.bind(('127.0.0.1', 5020)); S.listen(1)
c = socket.socket(); c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
c.connect(('127.0.0.1', 5020)); a, _ = S.accept()
a.send(b'r' * 700)                       # the client's Recv-Q: 700
c.setblocking(False)
try:
    while True:
        c.send(b's' * 65536)
except BlockingIOError:
    pass
time.sleep(0.3)
try:
    while True:
        c.send(b's' * 4096)
except BlockingIOError:
    pass

# TIME_WAIT: the client closes first.
W = socket.socket(); W.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
W.bind(('127.0.0.1', 5030)); W.listen(1)
tw = socket.create_connection(('127.0.0.1', 5030)); twa, _ = W.accept()
tw.close(); time.sleep(0.1); twa.close()

# UDP: bound, and connected with a datagram waiting.
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 5040))
uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uc.bind(('127.0.0.1', 5041))
uc.connect(('127.0.0.1', 5040)); uc.send(b'x' * 100)

# IPv6: v6-only and dual-stack listeners.
V6 = socket.socket(socket.AF_INET6); V6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
V6.bind(('::', 5050)); V6.listen(4)
V46 = socket.socket(socket.AF_INET6); V46.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
V46.bind(('::', 5060)); V46.listen(4)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(('::1', 5070))

# Raw sockets (no raw diag handler: /proc/net/raw{,6}).
r4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
r6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)

open(out + '.tmp', 'w').write('%d %d\n' % (os.getpid(), c.getsockname()[1]))
os.rename(out + '.tmp', out)
time.sleep(120)
EOF

python3 "$LABTMP/socks.py" "$LABTMP/ready" &
wait_until 100 test -s "$LABTMP/ready"
read -r pypid cport <"$LABTMP/ready" || { notok "inet: socket helper did not start"; return 0; }

an=$(ns -an -f inet 2>&1)
an6=$(ns -an -f inet6 2>&1)
no_trailing_blanks "inet: -an has no trailing blanks" "$an"
expect_match "inet: banner with -a" "$an" '^Active Internet connections \(including servers\)$'
expect_match "inet: header" "$an" \
    '^Proto Recv-Q Send-Q  Local Address          Foreign Address        \(state\)$'

# Listeners, with Recv-Q = accept queue and Send-Q 0.
expect_match "inet: listener with 3 waiting" "$an" \
    '^tcp4       3      0  127\.0\.0\.1\.5000         \*\.\*                    LISTEN$'
expect_match "inet: v6-only listener is tcp6" "$an6" \
    '^tcp6       0      0  \*\.5050                 \*\.\*                    LISTEN$'
expect_match "inet: dual-stack listener is tcp46" "$an6" \
    '^tcp46      0      0  \*\.5060                 \*\.\*                    LISTEN$'
expect_match "inet: -f inet shows tcp46 too" "$an" '^tcp46 .* \*\.5060 '
expect_nomatch "inet: -f inet leaves tcp6 out" "$an" '^tcp6 '

# The connection with bytes queued both ways, against ss.
ssline=$(ss -tnH state established "( sport = :$cport )")
ssrq=$(echo "$ssline" | awk '{print $1}')
sssq=$(echo "$ssline" | awk '{print $2}')
row=$(echo "$an" | awk -v a="127.0.0.1.$cport" '$4 == a')
expect_eq "inet: client Recv-Q as ss" "$(echo "$row" | awk '{print $2}')" "$ssrq"
expect_eq "inet: client Send-Q as ss" "$(echo "$row" | awk '{print $3}')" "$sssq"
expect_eq "inet: client Recv-Q is 700" "$ssrq" 700
check "inet: client Send-Q is not 0" test "${sssq:-0}" -gt 0
expect_match "inet: client row" "$row" \
    "^tcp4 +700 +$sssq  127\.0\.0\.1\.$cport +127\.0\.0\.1\.5020 +ESTABLISHED$"
srv=$(echo "$an" | awk -v a="127.0.0.1.$cport" '$5 == a')
srvq=$(ss -tnH state established "( sport = :5020 )" | awk '{print $1}')
expect_eq "inet: server Recv-Q as ss" "$(echo "$srv" | awk '{print $2}')" "$srvq"

expect_match "inet: TIME_WAIT" "$an" \
    '^tcp4       0      0  127\.0\.0\.1\.[0-9]+ +127\.0\.0\.1\.5030 +TIME_WAIT$'
expect_match "inet: half-open is SYN_RCVD" "$an" \
    '^tcp4 .* 127\.0\.0\.1\.5010 +127\.0\.0\.1\.[0-9]+ +SYN_RCVD$'
urq=$(ss -uanH "( sport = :5040 )" | awk '{print $2}')
check "inet: UDP datagram waiting" test "${urq:-0}" -gt 100
expect_match "inet: UDP bound, Recv-Q as ss" "$an" \
    "^udp4 +$urq +0  127\\.0\\.0\\.1\\.5040 +\\*\\.\\*\$"
expect_match "inet: UDP connected" "$an" \
    '^udp4       0      0  127\.0\.0\.1\.5041         127\.0\.0\.1\.5040$'
expect_match "inet: UDP IPv6" "$an6" '^udp6       0      0  ::1\.5070 +\*\.\*$'
expect_match "inet: raw IPv4 (proc fallback)" "$an" \
    '^ip4        0      0  \*\.\*                    \*\.\*$'
expect_match "inet: raw IPv6 (proc fallback)" "$an6" \
    '^ip6        0      0  \*\.\*                    \*\.\*$'

# Without -a: no listeners.
n=$(ns -n -f inet)
expect_nomatch "inet: no LISTEN without -a" "$n" 'LISTEN'
expect_match "inet: banner without -a" "$n" '^Active Internet connections$'

# The set of TCP connections (non-wildcard rows) and their queues,
# against ss (whose IPv4-mapped addresses we print as IPv4).
ours=$(ns -an -p tcp | awk 'NR > 2 && $4 ~ /^127/ {
	sub(/\.[0-9]+$/, ":&", $4); sub(/:\./, ":", $4);
	sub(/\.[0-9]+$/, ":&", $5); sub(/:\./, ":", $5);
	print $4, $5, $2, $3 }' | sort)
theirs=$(ss -tanH | awk '{ print $4, $5, $2, $3 }' |
    sed 's/\[::ffff:\([0-9.]*\)\]/\1/g' | awk '$1 ~ /^127/ && $3 != "*"' |
    awk '$2 !~ /\*$/' | sort)
ours=$(echo "$ours" | awk '$2 !~ /\*$/')
expect_eq "inet: TCP connections and queues as ss -tan" "$ours" "$theirs"
expect_eq "inet: UDP sockets as ss -uan" \
    "$(ns -an -p udp | tail -n +3 | wc -l)" "$(ss -uanH | wc -l)"

# -L: qlen/incqlen/maxqlen.
L=$(ns -nL -p tcp)
expect_match "inet: -L title" "$L" '^Current listen queue sizes \(qlen/incqlen/maxqlen\)$'
expect_match "inet: -L header" "$L" '^Proto Listen         Local Address$'
expect_match "inet: -L accept queue" "$L" '^tcp4  3/0/5          127\.0\.0\.1\.5000$'
expect_match "inet: -L half-open" "$L" '^tcp4  0/2/8          127\.0\.0\.1\.5010$'
expect_match "inet: -L tcp46" "$L" '^tcp46 0/0/4          \*\.5060$'
expect_match "inet: -L through /proc has no maxqlen" "$(ns -M /proc -nL -p tcp)" \
    '^tcp4  3/0/-          127\.0\.0\.1\.5000$'

# -A: the cookie, as ss shows it.
cookie=$(ss -tlnHe "( sport = :5000 )" | sed -n 's/.*sk:\([0-9a-f]*\).*/\1/p')
check "inet: ss shows the cookie" test -n "$cookie"
expect_match "inet: -A cookie" "$(ns -anA -p tcp)" \
    "^0*$cookie tcp4 +3 +0  127\\.0\\.0\\.1\\.5000 +\\*\\.\\* +LISTEN\$"

# -v: buffer sizes and the owner.
v=$(ns -anv -p tcp)
expect_match "inet: -v header" "$v" '\(state\)      rhiwat  shiwat process:pid$'
expect_match "inet: -v owner is the python process" "$v" \
    "127\\.0\\.0\\.1\\.5020 .*ESTABLISHED +[0-9]+ +[0-9]+ python3:$pypid\$"
expect_match "inet: -v unaccepted has no owner" "$v" \
    '127\.0\.0\.1\.5000 +127\.0\.0\.1\.[0-9]+ +ESTABLISHED +[0-9]+ +[0-9]+ -$'
rb=$(ss -tmnH "( sport = :$cport )" | sed -n 's/.*,rb\([0-9]*\),.*/\1/p')
expect_match "inet: -v rhiwat as ss rb" "$v" \
    "127\\.0\\.0\\.1\\.$cport .*ESTABLISHED +$rb "

# -x and -b.
x=$(ns -anx -p tcp)
expect_match "inet: -x header" "$x" \
    'Foreign Address        R-HIWA S-HIWA R-BCNT S-BCNT S-QUED Drops Timer$'
expect_match "inet: -x TIME_WAIT timer" "$x" '127\.0\.0\.1\.5030 .* timewait\([0-9]+\.[0-9]/0\)$'
expect_match "inet: -x client row" "$x" \
    "127\\.0\\.0\\.1\\.$cport +127\\.0\\.0\\.1\\.5020 +$rb +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+ +0 (on|off|probe)\\("
b=$(ns -anb -p tcp)
expect_match "inet: -b server received everything sent" "$b" \
    "127\\.0\\.0\\.1\\.5020 +127\\.0\\.0\\.1\\.$cport +ESTABLISHED +[0-9]+ +700\$"
expect_match "inet: -b TIME_WAIT has no counts" "$b" '5030 +TIME_WAIT +- +-$'
expect_match "inet: -b UDP has no counts" "$(ns -anb -p udp)" '5040 .* - +-$'

# Netlink against the proc files: the same rows, but the proc files have
# no v6-only flag (tcp6 *.5050 reads as tcp46).
v6only() { sed -E '/ \*\.5050 /s/^tcp(46|6 )/tcpXX/'; }
nl=$(ns -an -f inet6 | v6only)
pr=$(ns -M /proc -an -f inet6 | v6only)
expect_eq "inet: -M /proc as netlink (inet6)" "$pr" "$nl"
nl=$(ns -an -f inet | grep -v ' \*\.5050 ')
pr=$(ns -M /proc -an -f inet | grep -v ' \*\.5050 ')
expect_eq "inet: -M /proc as netlink (inet)" "$pr" "$nl"

# JSON.
json_ok "inet: --libxo json -an" ns --libxo json -an -f inet
json_ok "inet: --libxo json,pretty -anAvxb" ns --libxo json,pretty -anAvxb -p tcp
json_ok "inet: --libxo json -L" ns --libxo json -nL -p tcp
j=$(ns --libxo json -an -p tcp | python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]["socket"]
for s in d:
    if s["local"]["port"] == "5000" and s.get("tcp-state") == "LISTEN":
        print(s["protocol"], s["receive-bytes-waiting"], s["local"]["address"])')
expect_eq "inet: JSON listener" "$j" "tcp4 3 127.0.0.1"
j=$(ns --libxo json -anv -p tcp | python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]["socket"]
print(sorted(set(s.get("pid") for s in d if "pid" in s)))')
expect_eq "inet: JSON -v pid" "$j" "[$pypid]"

# jc's BSD netstat parser reads our text.
if command -v jc >/dev/null 2>&1; then
	j=$(ns -an -p tcp | jc --netstat 2>/dev/null | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len(d), sum(1 for s in d if s.get("state") == "LISTEN" and s.get("local_port") == "5000"
    and s.get("recv_q") == 3))')
	expect_eq "inet: jc --netstat parses -an -p tcp" "$j" \
	    "$(($(ns -an -p tcp | wc -l) - 2)) 1"
fi
