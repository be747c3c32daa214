# BSD fidelity of the Internet socket table: raw sockets have no port,
# BSD's port-naming rule (INP_ANONPORT, here ip_local_port_range), the
# host cut of -A with -n, and the -v columns with a 7-digit buffer.  Each
# row is checked as text and as jc (a parser of BSD netstat) reads it.

# This namespace's own range, so the kernel-chosen port is known.
echo "40000 40099" >/proc/sys/net/ipv4/ip_local_port_range
ip addr add 192.168.100.200/32 dev lo 2>/dev/null

cat >"$LABTMP/fid.py" <<'EOF'
import os, signal, socket, sys
keep = []
def tcp(bind=None):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if bind:
        s.bind(bind)
    keep.append(s)
    return s
# An imaps server; a client from a kernel-chosen port; a client bound
# to a named port (ftp); a client from the same port on another address.
L = tcp(("127.0.0.1", 993)); L.listen(8)
anon = tcp(); anon.connect(("127.0.0.1", 993))
named = tcp(("127.0.0.1", 21)); named.connect(("127.0.0.1", 993))
same = tcp(("127.0.0.2", 993)); same.connect(("127.0.0.1", 993))
for i in range(3):
    keep.append(L.accept()[0])
# A long address with -A -n.
A = tcp(("192.168.100.200", 993)); A.listen(1)
# Raw sockets: ICMP and ICMPv6.
keep.append(socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP))
keep.append(socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6))
# A receive buffer of 7 digits (SO_RCVBUFFORCE: root).
B = tcp(("127.0.0.1", 7000))
B.setsockopt(socket.SOL_SOCKET, 33, 4000000)
B.listen(1)
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % anon.getsockname()[1])
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
signal.pause()
EOF

python3 "$LABTMP/fid.py" "$LABTMP/port" &
helper=$!
wait_until 100 test -f "$LABTMP/port"
ap=$(cat "$LABTMP/port")
expect_match "the kernel chose a port in this namespace's range" "$ap" \
    '^400[0-9][0-9]$'

a=$(ns -a -f inet)
an=$(ns -an -f inet)
# Raw sockets.
expect_match "raw IPv4: *.*" "$an" '^ip4        0      0  \*\.\*                    \*\.\*$'
expect_nomatch "raw IPv4: no protocol as a port" "$an" '^ip4 .*\*\.1 '
expect_match "raw IPv6: *.*" "$(ns -an -f inet6)" \
    '^ip6        0      0  \*\.\*                    \*\.\*$'

# The naming rule, BSD's way.
expect_match "kernel-chosen local port: numeric, remote named" "$a" \
    "^tcp4 +0 +0  localhost\\.$ap +localhost\\.imaps +ESTABLISHED\$"
expect_match "its server side: local named, remote numeric" "$a" \
    "^tcp4 +0 +0  localhost\\.imaps +localhost\\.$ap +ESTABLISHED\$"
expect_match "client bound to a named port: local named, remote numeric" \
    "$a" '^tcp4 +0 +0  localhost\.ftp +localhost\.993 +ESTABLISHED$'
expect_match "its server side: local named, remote numeric" "$a" \
    '^tcp4 +0 +0  localhost\.imaps +localhost\.21 +ESTABLISHED$'
expect_match "equal ports: both named" "$a" \
    '^tcp4 +0 +0  [^ ]+\.imaps +localhost\.imaps +ESTABLISHED$'
expect_match "listener: local named" "$a" \
    '^tcp4 +0 +0  localhost\.imaps +\*\.\* +LISTEN$'
expect_match "-n: all numeric" "$an" \
    "^tcp4 +0 +0  127\\.0\\.0\\.1\\.$ap +127\\.0\\.0\\.1\\.993 +ESTABLISHED\$"

# -A -n: the host is cut at 16, the whole at 18, as BSD's inetprint().
anA=$(ns -anA -f inet)
expect_match "-A -n: host cut as BSD" "$anA" \
    '^[0-9a-f]{16} tcp4 +0 +0  192\.168\.100\.200\.99 \*\.\*  +LISTEN$'
aA=$(ns -aA -f inet)
expect_match "-A: a named port cuts the host at 12" "$aA" \
    '^[0-9a-f]{16} tcp4 +0 +0  192\.168\.100\.\.imaps \*\.\*  +LISTEN$'

# -v: a 7-digit buffer keeps process:pid in its column.
v=$(ns -anv -f inet)
expect_match "-v: a 7-digit rhiwat" "$v" \
    '^tcp4 .*127\.0\.0\.1\.7000 .*LISTEN +[0-9]{7} +[0-9]+ python3:[0-9]+$'
col=$(printf '%s\n' "$v" | awk 'NR == 2 { print index($0, "process:pid") }')
bad=$(printf '%s\n' "$v" | awk -v c="$col" 'NR > 2 && /python3:/ &&
	index($0, "python3:") != c')
expect_eq "-v: every process:pid under its header" "$bad" ""

# jc reads -an and -anv with every field right.
if command -v jc >/dev/null 2>&1; then
	j=$(printf '%s\n' "$an" | jc --netstat | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    print(s["proto"], s["recv_q"], s["send_q"], s["local_address"],
        s["local_port"], s["foreign_address"], s["foreign_port"],
        s.get("state"), s["transport_protocol"], s["network_protocol"])')
	expect_match "jc -an: the kernel-chosen client" "$j" \
	    "^tcp4 0 0 127.0.0.1 $ap 127.0.0.1 993 ESTABLISHED tcp ipv4\$"
	expect_match "jc -an: raw socket" "$j" '^ip4 0 0 \* \* \* \* None ip ipv4$'
	jv=$(printf '%s\n' "$v" | jc --netstat | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    print(s["local_address"], s["local_port"], s.get("state"),
        s.get("rhiwat"), s.get("shiwat"), s.get("process:pid"))')
	expect_match "jc -anv: 7-digit rhiwat and process:pid" "$jv" \
	    '^127\.0\.0\.1 7000 LISTEN [0-9]{7} [0-9]+ python3:[0-9]+$'
	expect_match "jc -anv: the client row" "$jv" \
	    "^127\\.0\\.0\\.1 $ap ESTABLISHED [0-9]+ [0-9]+ python3:[0-9]+\$"
fi

kill "$helper" 2>/dev/null
wait "$helper" 2>/dev/null
