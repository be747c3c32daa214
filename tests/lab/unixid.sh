# Unix sockets in BSD's one identity space: Address is the socket, Conn,
# Refs and Nextref name other rows by their Address, Inode is the bound
# file's; queues as BSD counts them (data waits at the receiver).  A
# python3 helper opens a socketpair, an accepted listener pair and a
# datagram server with two clients, and writes their inodes to a file.

. tests/lab/unix-socks.inc
unix_socks <<'EOF'
# A socketpair; 10 bytes from a to b, nobody reads them.
a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
keep += [a, b]
a.send(b"0123456789")
info["pa"], info["pb"] = ino(a), ino(b)
# A listener, a client and the accepted server side.
l = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
l.bind(d + "/l.sock")
l.listen(4)
c = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
c.connect(d + "/l.sock")
s, _ = l.accept()
keep += [l, c, s]
info["l"], info["c"], info["s"] = ino(l), ino(c), ino(s)
# A datagram server and two connected clients.
g = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
g.bind(d + "/g.sock")
keep.append(g)
cl = []
for i in range(2):
    k = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    k.connect(d + "/g.sock")
    keep.append(k)
    cl.append(ino(k))
info["g"] = ino(g)
info["g1"], info["g2"] = sorted(cl)
EOF

out=$(ns -f unix)
# col INODE N: field N of that socket's row
col() {
	row "$1" | cut -d' ' -f"$2"
}

# The identity forms: Address always 16 hex digits; the others the same
# form, or a lone 0 for none.
expect_nomatch "Address: 16 hex digits" \
    "$(printf '%s\n' "$out" | awk 'NR > 2 { print $1 }')" '^.{0,15}$|[^0-9a-f]'
expect_eq "Conn, Refs, Nextref: an Address or 0" \
    "$(printf '%s\n' "$out" | awk 'NR > 2 { print $6; print $7; print $8 }' |
    grep -Ev '^(0|[0-9a-f]{16})$')" ""
# The chain: each Conn, Refs and Nextref value is some row's Address.
missing=$(printf '%s\n' "$out" | awk 'NR > 2 {
	addr[$1] = 1
	for (i = 6; i <= 8; i++) if ($i != "0") want[$i] = 1
} END { for (w in want) if (!(w in addr)) print w }')
expect_eq "every Conn/Refs/Nextref is found in the Address column" \
    "$missing" ""
expect_match "the chain is not empty" "$(printf '%s\n' "$out" | awk 'NR > 2 { print $6 }')" \
    '^[0-9a-f]{16}$'

# The socketpair: each names the other; the 10 bytes wait at b.
expect_eq "socketpair a" "$(row "$pa" | cut -d' ' -f2-)" \
    "stream 0 0 0 $(h "$pb") 0 0"
expect_eq "socketpair b: Recv-Q 10" "$(row "$pb" | cut -d' ' -f2-)" \
    "stream 10 0 0 $(h "$pa") 0 0"
expect_eq "sender Send-Q 0, as BSD" "$(col "$pa" 4)" 0

# The listener pair, and the bound file's inode.
expect_eq "client: Conn = the accepted socket" "$(col "$c" 6)" "$(h "$s")"
expect_eq "accepted socket: Conn = the client" "$(col "$s" 6)" "$(h "$c")"
expect_eq "listener: Inode = stat of its path" "$(col "$l" 5)" \
    "$(stat -c %i "$D/l.sock")"
expect_eq "listener: no peer, Addr its path" "$(row "$l" | cut -d' ' -f6-)" \
    "0 0 0 $D/l.sock"
expect_eq "unbound client: Inode 0" "$(col "$c" 5)" 0

# The datagram server: Refs its first client, Nextref the next.
expect_eq "dgram server" "$(row "$g" | cut -d' ' -f5-)" \
    "$(stat -c %i "$D/g.sock") 0 $(h "$g1") 0 $D/g.sock"
expect_eq "client 1: Conn = server, Nextref = client 2" \
    "$(row "$g1" | cut -d' ' -f5-)" "0 $(h "$g") 0 $(h "$g2")"
expect_eq "client 2: end of the list" "$(row "$g2" | cut -d' ' -f5-)" \
    "0 $(h "$g") 0 0"

# -v: the socket inode ss and lsof show, in its own column.
v=$(ns -v -f unix)
expect_match "-v header: Sock-Ino before Addr" "$v" \
    '^Address +Type +Recv-Q +Send-Q +Inode +Conn +Refs +Nextref +Sock-Ino process:pid Addr$'
expect_eq "-v: Sock-Ino is Address in decimal" "$(printf '%s\n' "$v" |
    awk 'NR > 2 && sprintf("%016x", $9) != $1')" ""
expect_match "-v: the listener's row" "$v" \
    "^$(h "$l") stream .* $l [^ ]+ $D/l.sock\$"
expect_eq "-x shows it too (without -v's process:pid)" \
    "$(ns -x -f unix | sed -n 2p)" \
    "$(printf '%s\n' "$v" | sed -n 2p | sed 's/ process:pid//')"

# JSON: the same strings, and the socket inode under its own key.
js=$(ns --libxo json -f unix | python3 -c '
import json, sys
for s in json.load(sys.stdin)["statistics"]["socket"]:
    ok = s["address"] == "%016x" % s["socket-inode"]
    print(s["address"], s["connection"], s["first-reference"],
        s["next-reference"], s.get("vnode"), ok)')
expect_match "json: dgram server" "$js" \
    "^$(h "$g") 0 $(h "$g1") 0 $(stat -c %i "$D/g.sock") True\$"
expect_match "json: client 1" "$js" \
    "^$(h "$g1") $(h "$g") 0 $(h "$g2") 0 True\$"
expect_nomatch "json: address is the socket inode" "$js" 'False$'

# -M /proc: the same Address, no peers and no bound file.
pout=$(ns -M /proc -f unix 2>/dev/null)
expect_match "-M /proc: the listener" "$pout" \
    "^$(h "$l") stream +- +- +- +0 +0 +0 $D/l.sock\$"

# jc reads -an and -anv with each field in its place.
if command -v jc >/dev/null 2>&1; then
	for f in -an -anv; do
		j=$(ns $f | jc --netstat | python3 -c '
import json, sys
for s in json.load(sys.stdin):
    if s.get("kind") == "socket":
        print(s["address"], s["type"], s["recv_q"], s["send_q"],
            s["unix_inode"], s["conn"], s["refs"], s["nextref"],
            s.get("sock_ino", "-"), s.get("addr"))' 2>&1)
		si=-
		[ $f = -anv ] && si=$g
		expect_match "jc $f: dgram server" "$j" \
		    "^$(h "$g") dgram 0 0 $(stat -c %i "$D/g.sock") 0 $(h "$g1") 0 $si $D/g.sock\$"
		[ $f = -anv ] && si=$pb
		expect_match "jc $f: socketpair receiver" "$j" \
		    "^$(h "$pb") stream 10 0 0 $(h "$pa") 0 0 $si None\$"
	done
fi

kill "$helper" 2>/dev/null
wait "$helper" 2>/dev/null
rm -rf "$D"
