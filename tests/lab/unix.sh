# Unix domain sockets: a python3 helper opens sockets in known states and
# writes their inodes to a file; netstat -f unix, -L and --libxo json are
# checked against them, against ss -xa and against -M /proc.

. tests/lab/unix-socks.inc
unix_socks <<'EOF'
def sock(t):
    s = socket.socket(socket.AF_UNIX, t)
    keep.append(s)
    return s

# A stream listener, backlog 5, with three connections nobody accepted.
l = sock(socket.SOCK_STREAM)
l.bind(d + "/listen.sock")
l.listen(5)
for i in range(3):
    sock(socket.SOCK_STREAM).connect(d + "/listen.sock")
info["listen"] = ino(l)
# A connected stream pair; 100 bytes wait at the accepting side.
p = sock(socket.SOCK_STREAM)
p.bind(d + "/pair.sock")
p.listen(1)
pc = sock(socket.SOCK_STREAM)
pc.connect(d + "/pair.sock")
ps, _ = p.accept()
keep.append(ps)
pc.send(b"x" * 100)
info["pair_client"] = ino(pc)
info["pair_server"] = ino(ps)
# A seqpacket listener, backlog 2.
q = sock(socket.SOCK_SEQPACKET)
q.bind(d + "/seq.sock")
q.listen(2)
info["seq"] = ino(q)
# Abstract names, one with a NUL inside.
a = sock(socket.SOCK_STREAM)
a.bind("\0netstat-lab-abstract")
a.listen(1)
info["abstract"] = ino(a)
a2 = sock(socket.SOCK_DGRAM)
a2.bind(b"\0nul\0inside")
info["abstract_nul"] = ino(a2)
# A datagram server and three connected clients, each sending once.
g = sock(socket.SOCK_DGRAM)
g.bind(d + "/dgram.sock")
clients = []
for i in range(3):
    c = sock(socket.SOCK_DGRAM)
    c.connect(d + "/dgram.sock")
    c.send(b"y" * (10 + i))
    clients.append(ino(c))
info["dgram"] = ino(g)
info["c1"], info["c2"], info["c3"] = sorted(clients)
# A path with an escape sequence in it.
e = sock(socket.SOCK_DGRAM)
e.bind(d + "/esc\033[31m.sock")
info["esc"] = ino(e)
# A newline in a path: /proc/net/unix breaks the row there.
n = sock(socket.SOCK_DGRAM)
n.bind(d + "/new\nline.sock")
info["newline"] = ino(n)
EOF

out=$(ns -f unix)
L=$(ns -L -f unix)
# fi_ PATH: the inode of the file a socket is bound to
fi_() {
	stat -c %i "$1"
}

expect_eq "banner" "$(printf '%s\n' "$out" | sed -n 1p)" \
    "Active LOCAL (UNIX) domain sockets"
expect_eq "header" "$(printf '%s\n' "$out" | sed -n 2p)" \
    "Address          Type   Recv-Q Send-Q            Inode             Conn             Refs          Nextref Addr"
expect_match "rows are in the SPEC layout" "$(row "$listen")" \
    '^[0-9a-f]{16} stream '
li=$(fi_ "$D/listen.sock")
expect_match "row width: Inode right-aligned in 16" "$out" \
    "^$(h "$listen") stream +3 +0 {$((17 - ${#li}))}$li "

# The listener: 3 waiting connections (Recv-Q); -L shows 3/0/5.
expect_eq "listener row" "$(row "$listen" | cut -d' ' -f2-)" \
    "stream 3 0 $li 0 0 0 $D/listen.sock"
expect_match "-L: listener queue 3/0/5" "$L" \
    "^unix  3/0/5          $D/listen.sock\$"
expect_match "-L: seqpacket listener 0/0/2" "$L" \
    "^unix  0/0/2          $D/seq.sock\$"
expect_match "-L: abstract listener" "$L" \
    "^unix  0/0/1          @netstat-lab-abstract\$"
expect_nomatch "-L: no Active LOCAL table" "$L" 'Active LOCAL'
expect_nomatch "-L: only listeners" "$L" "$D/dgram.sock"

# The stream pair: Conn is each other's Address; 100 bytes wait at the
# receiver, none at the sender.
expect_eq "pair client" "$(row "$pair_client" | cut -d' ' -f2-)" \
    "stream 0 0 0 $(h "$pair_server") 0 0"
expect_eq "pair server" "$(row "$pair_server" | cut -d' ' -f2-4,6-)" \
    "stream 100 0 $(h "$pair_client") 0 0 $D/pair.sock"

# Seqpacket and abstract names.
expect_eq "seqpacket" "$(row "$seq" | cut -d' ' -f2-)" \
    "seqpac 0 0 $(fi_ "$D/seq.sock") 0 0 0 $D/seq.sock"
expect_eq "abstract name: no file, Inode 0" \
    "$(row "$abstract" | cut -d' ' -f2,5-)" \
    "stream 0 0 0 0 @netstat-lab-abstract"
expect_eq "abstract name with a NUL" "$(row "$abstract_nul" | cut -d' ' -f9)" \
    '@nul\000inside'

# The datagram server: Refs is its first client, Nextref walks the others.
expect_eq "dgram server: Refs = first client, Recv-Q = next datagram" \
    "$(row "$dgram" | cut -d' ' -f2-)" \
    "dgram 10 0 $(fi_ "$D/dgram.sock") 0 $(h "$c1") 0 $D/dgram.sock"
expect_eq "client 1: Conn = server, Nextref = client 2" \
    "$(row "$c1" | cut -d' ' -f2,5-)" "dgram 0 $(h "$dgram") 0 $(h "$c2")"
expect_eq "client 2: Nextref = client 3" \
    "$(row "$c2" | cut -d' ' -f2,5-)" "dgram 0 $(h "$dgram") 0 $(h "$c3")"
expect_eq "client 3: Nextref = 0, end of the list" \
    "$(row "$c3" | cut -d' ' -f2,5-)" "dgram 0 $(h "$dgram") 0 0"
expect_match "client Send-Q: 0, the data waits at the server" \
    "$(row "$c1")" "^$(h "$c1") dgram 0 0 0 "

# The escape byte is shown escaped, never raw.
expect_eq "escaped path" "$(row "$esc" | cut -d' ' -f9)" \
    "$D/esc\\033[31m.sock"
expect_nomatch "no raw escape byte" "$out" "$(printf '\033')"
expect_eq "newline in a path escaped" "$(row "$newline" | cut -d' ' -f9)" \
    "$D/new\\nline.sock"
no_trailing_blanks "no trailing blanks" "$out"
no_trailing_blanks "-L: no trailing blanks" "$L"
expect_eq "-f local is -f unix" "$(ns -f local)" "$out"

# ss -xa: the same sockets, queues and peers.  ss shows the sender's
# buffer memory (a listener's backlog) as its Send-Q, we show 0.  ss
# prints the newline of a path raw: join its lines back.
ss=$(ss -xaH | awk '/^u_/ { if (l != "") print l; l = $0; next }
	{ l = l "\\n" $0 } END { if (l != "") print l }')
vout=$(ns -v -f unix)
ours=$(printf '%s\n' "$vout" | awk 'NR > 2 { print $9, $3, $4, $6 }' | sort)
theirs=$(printf '%s\n' "$ss" | awk '{
	p = $8 == 0 ? "0" : sprintf("%016x", $8)
	print $6, $3, 0, p }' | sort)
expect_eq "ss -xa: inodes, Recv-Q, Send-Q, peers" "$ours" "$theirs"
expect_eq "ss -xa: as many sockets" \
    "$(printf '%s\n' "$out" | awk 'NR > 2' | wc -l)" \
    "$(printf '%s\n' "$ss" | wc -l)"

# -M /proc: the same sockets (the kernel's not-yet-accepted server sides
# have no inode and are not in unix_diag), no queues and no peers.
pout=$(ns -M /proc -f unix 2>"$LABTMP/proc.err")
pm=$(printf '%s\n' "$pout" | awk -v n="$(h "$abstract_nul")" \
    -v l="$(h "$newline")" 'NR > 2 && $1 != "0000000000000000" &&
    $1 != n && $1 != l { print $1, $2, $9 }' | sort)
nm=$(printf '%s\n' "$out" | awk -v n="$(h "$abstract_nul")" \
    -v l="$(h "$newline")" 'NR > 2 && $1 != n && $1 != l { print $1, $2, $9 }' |
    sort)
expect_eq "-M /proc: the same inodes, types and paths" "$pm" "$nm"
expect_match "-M /proc: queues unknown, no peers" "$pout" \
    "^$(h "$dgram") dgram +- +- +- +0 +0 +0 $D/dgram.sock\$"
expect_match "-M /proc: NULs of an abstract name show as @" "$pout" \
    "^$(h "$abstract_nul") dgram +- +- +- +0 +0 +0 @nul@inside\$"
expect_match "-M /proc: a newline ends the path" "$pout" \
    "^$(h "$newline") dgram +- +- +- +0 +0 +0 $D/new\$"
expect_eq "-M /proc: the rest of it is a malformed line" \
    "$(cat "$LABTMP/proc.err")" \
    "netstat: /proc/net/unix: 1 malformed line skipped"
expect_match "-M /proc -L: queues unknown" "$(ns -M /proc -L -f unix 2>/dev/null)" \
    "^unix  -/0/-          $D/listen.sock\$"

# JSON.
json_ok "--libxo json parses" ns --libxo json -f unix
json_ok "--libxo json,pretty parses" ns --libxo json,pretty -f unix
json_ok "-L --libxo json parses" ns -L --libxo json -f unix
js=$(ns --libxo json -f unix | python3 -c '
import json, sys
for s in json.load(sys.stdin)["statistics"]["socket"]:
    print(s["socket-inode"], s["type"], s["receive-bytes-waiting"],
        s["send-bytes-waiting"], s["connection"], s["first-reference"],
        s["next-reference"], s.get("path", "-"), s["address"])' 2>&1)
expect_match "json: dgram server" "$js" \
    "^$dgram dgram 10 0 0 $(h "$c1") 0 $D/dgram.sock $(h "$dgram")\$"
expect_match "json: seqpacket type" "$js" "^$seq seqpacket 0 0 0 0 0 "
# JSON carries the real bytes (its own escape, decoded here), not \033.
expect_match "json: path as it is" "$js" \
    "^$esc dgram .* $D/esc$(printf '\033')\\[31m.sock "
expect_match "json: unbound socket has no path" "$js" "^$c1 dgram .* - "
jl=$(ns -L --libxo json -f unix | python3 -c '
import json, sys
for s in json.load(sys.stdin)["statistics"]["socket"]:
    print(s["protocol"], s["queue-length"], s["incomplete-queue-length"],
        s["queue-limit"], s["path"])' 2>&1)
expect_match "json -L: listener" "$jl" "^unix 3 0 5 $D/listen.sock\$"

# jc, a parser of BSD netstat text, reads our table.
if command -v jc >/dev/null 2>&1; then
	jcout=$(printf '%s\n' "$out" | jc --netstat | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    print(s["address"], s["type"], s["recv_q"], s["conn"], s["refs"],
        s["nextref"], s.get("addr"))' 2>&1)
	expect_match "jc --netstat: dgram server" "$jcout" \
	    "^$(h "$dgram") dgram 10 0 $(h "$c1") 0 $D/dgram.sock\$"
	expect_match "jc --netstat: client" "$jcout" \
	    "^$(h "$c1") dgram 0 $(h "$dgram") 0 $(h "$c2") None\$"
fi

kill "$helper" 2>/dev/null
wait "$helper" 2>/dev/null
rm -rf "$D"
