# Lab test of -r and -rs: a veth pair whose far end lives in a second
# network namespace, routes of every kind, static and learned neighbours.
# Sourced by tests/run inside a private network and mount namespace.

# Helper: netstat's rows against ip(8)'s JSON, as sets of
# (destination, gateway, interface).  $1: netstat JSON file, $2: ip JSON
# file, $3: ip neigh JSON file or "".
cat >"$LABTMP/cmp.py" <<'PY'
import ipaddress, json, sys

ns = json.load(open(sys.argv[1]))
fam = ns["statistics"]["route-information"]["route-table"]["rt-family"]
mine, mineneigh = set(), set()
for f in fam:
    for e in f.get("rt-entry", []):
        # JSON's machine values: CIDR, a default flag, plain addresses.
        d = None if e["default"] else str(ipaddress.ip_network(e["destination"]))
        gw = e.get("gateway", e.get("route-type"))
        if "L" in e["flags"]:
            mineneigh.add((d, e["link-layer-address"], e.get("interface-name")))
        else:
            mine.add((d, gw, e.get("interface-name")))
theirs = set()
for r in json.load(open(sys.argv[2])):
    dst = r["dst"]
    if dst == "default":
        d = None
    else:
        d = str(ipaddress.ip_network(dst if "/" in dst else
            dst + ("/128" if ":" in dst else "/32")))
    t = r.get("type", "unicast")
    hops = r.get("nexthops") or [r]
    for h in hops:
        if t in ("blackhole", "unreachable", "prohibit", "throw"):
            gw = t
        elif "gateway" in h:
            gw = h["gateway"]
        else:
            gw = None
        theirs.add((d, gw, h.get("dev", "-" if t != "unicast" else None)))
# link#N gateways (gateway-link): ip says no gateway
mine_n = set((d, g, i if i else "-") for d, g, i in mine)
theirs_n = set((d, g, i if i else "-") for d, g, i in theirs)
# ip names lo for IPv6 reject routes; so do we.
ok = mine_n == theirs_n
if not ok:
    print("routes: only netstat:", sorted(mine_n - theirs_n, key=str))
    print("routes: only ip:", sorted(theirs_n - mine_n, key=str))
if len(sys.argv) > 3 and sys.argv[3]:
    want = set()
    for n in json.load(open(sys.argv[3])):
        st = n.get("state", [])
        if any(s in ("FAILED", "INCOMPLETE", "NOARP", "NONE") for s in st):
            continue
        if "lladdr" not in n:
            continue
        mac = n["lladdr"]
        dst = str(ipaddress.ip_network(n["dst"] + ("/128" if ":" in n["dst"] else "/32")))
        want.add((dst, mac, n["dev"]))
    if want != mineneigh:
        ok = False
        print("neigh: only netstat:", sorted(mineneigh - want, key=str))
        print("neigh: only ip:", sorted(want - mineneigh, key=str))
sys.exit(0 if ok else 1)
PY


# The exact line of SPEC 3.5's formats: row DST GW FLAGS NETIF [EXPIRE]
# (IPv4, or IPv6 with W=39), rowl DST GW IFA FLAGS METRIC MTU NETIF.
W=18
NW=8
row() {
	printf "%-${W}s %-${W}s %-10.10s %${NW}s" "$1" "$2" "$3" "$4"
	[ -z "${5:-}" ] || printf ' %6s' "$5"
}
rowl() {
	printf "%-${W}s %-${W}s %-${W}s %-10.10s %8s %6s %${NW}s" "$1" "$2" "$3" "$4" "$5" "$6" "$7"
}
# has_row DESC TEXT LINE: TEXT holds exactly that line.
has_row() {
	if printf '%s\n' "$2" | grep -Fxq -- "$3"; then
		ok "$1"
	else
		notok "$1: no line '$3'"
	fi
}

# -rs first, before a default route exists: a datagram to nowhere is
# counted as sent with no route.
py_send() {
	python3 -c 'import socket,sys
f = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
s = socket.socket(f, socket.SOCK_DGRAM)
try:
    s.sendto(b"x", (sys.argv[1], 9))
except OSError:
    pass' "$1"
}
before=$(ns -rs | sed -n 's/^		\([0-9]*\) IPv4 datagrams* sent with no route$/\1/p')
py_send 198.51.100.7
py_send 198.51.100.8
after=$(ns -rs | sed -n 's/^		\([0-9]*\) IPv4 datagrams* sent with no route$/\1/p')
expect_eq "-rs: two datagrams sent with no route" "$((after - before))" 2
snmp=$(awk '/^Ip: / { if (!h) { for (i = 1; i <= NF; i++) if ($i == "OutNoRoutes") c = i; h = 1 } else print $c }' /proc/net/snmp)
expect_eq "-rs: matches Ip OutNoRoutes" "$after" "$snmp"
out=$(ns -rs)
expect_match "-rs: routing title" "$out" '^routing:$'
expect_match "-rs: unreachable total" "$out" '^	[0-9]+ destinations? found unreachable$'
expect_match "-rs: martians" "$out" '^	[0-9]+ martian sources?$'
expect_match "-rs: slow path" "$out" '^	[0-9]+ slow-path route lookups?$'
expect_match "-rs: IPv6 FIB" "$out" '^	[0-9]+ IPv6 routes? in the tables$'
out=$(ns -rss)
expect_nomatch "-rss: no zero counters" "$out" '^	+0 '
expect_match "-rss: nonzero kept" "$out" "^		$after IPv4 datagrams sent with no route$"
json_ok "-rs: JSON parses" ns -rs --libxo json
got=$(ns -rs --libxo json | python3 -c 'import json,sys; print(json.load(sys.stdin)["statistics"]["ip-output-no-route"])')
expect_eq "-rs: JSON counter" "$got" "$after"

# The far end of the veth lives in a namespace of its own.
unshare -n sleep 300 &
peer=$!
apart() {
	[ -e /proc/$peer/ns/net ] &&
	    [ "$(readlink /proc/$peer/ns/net)" != "$(readlink /proc/self/ns/net)" ]
}
wait_until 50 apart
ip link add rt0 type veth peer name rt0p
ip link set rt0p netns "$peer"
inpeer() { nsenter -t "$peer" -n "$@"; }
ip link set rt0 address 02:00:00:00:00:01
ip addr add 10.11.0.1/24 dev rt0
ip -6 addr add fd11::1/64 dev rt0 nodad
ip link set rt0 up
inpeer ip link set lo up
inpeer ip link set rt0p address 02:00:00:00:00:02
inpeer ip addr add 10.11.0.2/24 dev rt0p
inpeer ip -6 addr add fd11::2/64 dev rt0p nodad
inpeer ip link set rt0p up
idx=$(cat /sys/class/net/rt0/ifindex)

ip route add default via 10.11.0.254
ip route add 10.20.0.0/16 via 10.11.0.3
ip route add 10.30.0.0/24 nexthop via 10.11.0.3 weight 1 nexthop via 10.11.0.4 weight 3
ip route add blackhole 10.40.0.0/16
ip route add unreachable 10.41.0.0/16
ip route add prohibit 10.42.0.0/16
ip route add throw 10.43.0.0/16
ip route add 10.50.0.0/24 via 10.11.0.3 mtu 1400
ip route add 10.60.1.2/32 via 10.11.0.3
ip route add 10.70.0.0/16 via 10.11.0.3 proto bird
ip route add 10.71.0.0/16 via 10.11.0.3 proto dhcp
ip route add 10.80.0.0/16 via 10.11.0.3 src 10.11.0.1 metric 50
ip route add 172.20.4.0/22 via 10.11.0.3 proto kernel
ip route add 10.90.0.0/24 via 10.11.0.3 table 100
ip route add 10.91.0.0/24 dev rt0 table 100
ip -6 route add 2001:db8:1::/48 via fd11::3
ip -6 route add 2001:db8:2::/64 via fd11::3 expires 300
ip -6 route add 2001:db8:3::/64 nexthop via fd11::3 nexthop via fd11::4
ip -6 route add blackhole 2001:db8:4::/64
ip -6 route add 2001:db8:5::/64 via fd11::3 table 100
ip neigh add 10.11.0.3 lladdr 00:1f:90:2d:33:ab nud permanent dev rt0
ip neigh add 10.11.0.4 lladdr 02:00:00:00:00:04 nud reachable dev rt0
ip neigh add 10.11.0.9 lladdr 02:00:00:00:00:09 nud noarp dev rt0
ip -6 neigh add fd11::3 lladdr 02:00:00:00:00:03 nud permanent dev rt0
# Learned: a datagram to the peer makes the kernel resolve it.
py_send 10.11.0.2
py_send fd11::2
learned() {
	ip neigh show 10.11.0.2 dev rt0 | grep -q lladdr &&
	    ip -6 neigh show fd11::2 dev rt0 | grep -q lladdr
}
wait_until 50 learned

out=$(ns -rn)
printf '%s\n' "$out" >"$LABTMP/rn.txt"
no_trailing_blanks "-rn: no trailing blanks" "$out"
expect_match "-rn: title" "$out" '^Routing tables$'
expect_match "-rn: Internet" "$out" '^Internet:$'
expect_match "-rn: Internet6" "$out" '^Internet6:$'
expect_match "-rn: header" "$out" '^Destination        Gateway            Flags         Netif Expire$'
has_row "-rn: default" "$out" "$(row default 10.11.0.254 UGS rt0)"
has_row "-rn: class A /16" "$out" "$(row 10.20/16 10.11.0.3 UGS rt0)"
has_row "-rn: connected" "$out" "$(row 10.11/24 link#$idx U rt0)"
has_row "-rn: multipath hop 1" "$out" "$(row 10.30/24 10.11.0.3 UGS rt0)"
has_row "-rn: multipath hop 2" "$out" "$(row 10.30/24 10.11.0.4 UGS rt0)"
has_row "-rn: blackhole" "$out" "$(row 10.40/16 blackhole USB -)"
has_row "-rn: unreachable" "$out" "$(row 10.41/16 unreachable URS -)"
has_row "-rn: prohibit" "$out" "$(row 10.42/16 prohibit URS -)"
has_row "-rn: throw" "$out" "$(row 10.43/16 throw US -)"
has_row "-rn: host route" "$out" "$(row 10.60.1.2 10.11.0.3 UGHS rt0)"
has_row "-rn: routing daemon" "$out" "$(row 10.70/16 10.11.0.3 UG1 rt0)"
has_row "-rn: dhcp" "$out" "$(row 10.71/16 10.11.0.3 UG2 rt0)"
has_row "-rn: class B /22, proto kernel" "$out" "$(row 172.20.4/22 10.11.0.3 UG rt0)"
expect_nomatch "-rn: other table hidden" "$out" '^10\.9[01]'
has_row "-rn: permanent neighbour" "$out" "$(row 10.11.0.3 0:1f:90:2d:33:ab UHLS rt0)"
expect_match "-rn: learned neighbour" "$out" "^$(row 10.11.0.2 2:0:0:0:0:2 UHLW rt0)( +[0-9]+)?\$"
expect_match "-rn: reachable neighbour expires" "$out" "^$(row 10.11.0.4 2:0:0:0:0:4 UHLW rt0) +([1-9]|[1-4][0-9])\$"
expect_nomatch "-rn: noarp neighbour left out" "$out" '^10\.11\.0\.9 '
expect_match "-rn: IPv6 header" "$out" '^Destination                             Gateway                                 Flags         Netif Expire$'
expect_match "-rn: IPv6 prefix" "$out" '^2001:db8:1::/48 +fd11::3 +UGS +rt0$'
expect_match "-rn: IPv6 expiring route" "$out" '^2001:db8:2::/64 +fd11::3 +UGS +rt0 +(2[0-9][0-9]|300)$'
expect_match "-rn: IPv6 multipath hop 1" "$out" '^2001:db8:3::/64 +fd11::3 +UGS +rt0$'
expect_match "-rn: IPv6 multipath hop 2" "$out" '^2001:db8:3::/64 +fd11::4 +UGS +rt0$'
expect_match "-rn: IPv6 blackhole" "$out" '^2001:db8:4::/64 +blackhole +USB +lo$'
expect_match "-rn: IPv6 link-local prefix" "$out" "^fe80::%rt0/64 +link#$idx +U +rt0\$"
expect_match "-rn: IPv6 connected" "$out" "^fd11::/64 +link#$idx +U +rt0\$"
expect_match "-rn: IPv6 permanent neighbour" "$out" '^fd11::3 +2:0:0:0:0:3 +UHLS +rt0$'
expect_match "-rn: IPv6 learned neighbour" "$out" '^fd11::2 +2:0:0:0:0:2 +UHLW +rt0( +[0-9]+)?$'
expect_nomatch "-rn: no local routes without -a" "$out" 'UHl'

# The whole set, against ip(8).
ns -rn -f inet --libxo json >"$LABTMP/r4.json"
ip -j -4 route show table main >"$LABTMP/ip4.json"
ip -j -4 neigh show >"$LABTMP/n4.json"
check "-rn: IPv4 routes and neighbours = ip route, ip neigh" \
    python3 "$LABTMP/cmp.py" "$LABTMP/r4.json" "$LABTMP/ip4.json" "$LABTMP/n4.json"
ns -rn -f inet6 --libxo json >"$LABTMP/r6.json"
ip -j -6 route show table main >"$LABTMP/ip6.json"
ip -j -6 neigh show >"$LABTMP/n6.json"
check "-rn: IPv6 routes and neighbours = ip -6 route, ip -6 neigh" \
    python3 "$LABTMP/cmp.py" "$LABTMP/r6.json" "$LABTMP/ip6.json" "$LABTMP/n6.json"
python3 "$LABTMP/cmp.py" "$LABTMP/r4.json" "$LABTMP/ip4.json" "$LABTMP/n4.json" >&2

# -l: source, metric, MTU.
out=$(ns -rnl)
printf '%s\n' "$out" >"$LABTMP/rnl.txt"
expect_match "-rnl: header" "$out" '^Destination        Gateway            RT_IFA             Flags        Metric    Mtu    Netif Expire$'
# The route's MTU, else the link's; RT_IFA the source, else the link's address.
has_row "-rnl: mtu" "$out" "$(rowl 10.50/24 10.11.0.3 10.11.0.1 UGS 0 1400 rt0)"
has_row "-rnl: source and metric" "$out" "$(rowl 10.80/16 10.11.0.3 10.11.0.1 UGS 50 1500 rt0)"
has_row "-rnl: connected with its source" "$out" "$(rowl 10.11/24 link#$idx 10.11.0.1 U 0 1500 rt0)"
expect_match "-rnl: IPv6 metric" "$out" '^2001:db8:1::/48 +fd11::3 +fd11::1 +UGS +1024 +1500 +rt0$'

# JSON: multipath weights, flag names.
json_ok "-rn: JSON parses" ns -rn --libxo json
got=$(python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
for f in d["statistics"]["route-information"]["route-table"]["rt-family"]:
    for e in f["rt-entry"]:
        if e["destination"] == "10.30.0.0/24":
            print(e["gateway"], e["weight"], ",".join(e["flags_pretty"]))' "$LABTMP/r4.json" | tr '\n' ' ')
expect_eq "JSON: multipath weights and flag names" "$got" "10.11.0.3 1 up,gateway,static 10.11.0.4 3 up,gateway,static "

# -a: the local table.
out=$(ns -rna -f inet)
has_row "-rna: local address" "$out" "$(row 10.11.0.1 link#$idx UHl rt0)"
has_row "-rna: broadcast" "$out" "$(row 10.11.0.255 link#$idx UHb rt0)"
has_row "-rna: loopback net" "$out" "$(row 127 link#1 Ul lo)"

# -F: a second table by number and by name, all, and an unknown name.
out=$(ns -rn -F 100)
expect_match "-F 100: title" "$out" '^Routing tables \(fib: 100\)$'
has_row "-F 100: gateway route" "$out" "$(row 10.90/24 10.11.0.3 UGS rt0)"
has_row "-F 100: direct route" "$out" "$(row 10.91/24 link#$idx US rt0)"
expect_match "-F 100: IPv6" "$out" '^2001:db8:5::/64 +fd11::3 +UGS +rt0$'
expect_nomatch "-F 100: main hidden" "$out" '^default'
expect_nomatch "-F 100: no neighbours" "$out" 'UHL'
cp /etc/iproute2/rt_tables "$LABTMP/rt_tables"
echo "100	labtab" >>"$LABTMP/rt_tables"
if mount --bind "$LABTMP/rt_tables" /etc/iproute2/rt_tables 2>/dev/null; then
	out2=$(ns -rn -F labtab)
	expect_eq "-F name from rt_tables" "$out2" "$out"
	umount /etc/iproute2/rt_tables
fi
ns -rn -F 100 -4 --libxo json >"$LABTMP/t100.json"
ip -j -4 route show table 100 >"$LABTMP/ip100.json"
check "-F 100: = ip route show table 100" \
    python3 "$LABTMP/cmp.py" "$LABTMP/t100.json" "$LABTMP/ip100.json"
out=$(ns -rn -F all)
expect_match "-F all: title" "$out" '^Routing tables \(fib: all\)$'
expect_match "-F all: main" "$out" '^default '
expect_match "-F all: table 100" "$out" '^10\.90/24 '
expect_match "-F all: local" "$out" 'UHl'
out=$(ns -rn -F local -4)
expect_match "-F local" "$out" '^10\.11\.0\.1 +link#[0-9]+ +UHl +rt0$'
out=$(ns -rn -F 4242)
expect_match "-F empty table: header only" "$out" '^Destination '
expect_nomatch "-F empty table: no rows" "$out" '^(default|10\.)'
err=$(ns -rn -F nosuchtable 2>&1 >/dev/null)
rc=$?
expect_eq "-F unknown: message" "$err" "netstat: nosuchtable: unknown routing table"
ns -rn -F nosuchtable >/dev/null 2>&1
expect_eq "-F unknown: exit 1" "$?" 1

# -f, -4, -6
out=$(ns -rn -4)
expect_nomatch "-4: no Internet6" "$out" '^Internet6:'
out=$(ns -rn -f inet6)
expect_nomatch "-f inet6: no Internet" "$out" '^Internet:'
expect_match "-f inet6: Internet6" "$out" '^Internet6:'

# -W and long interface names: Netif widens, never cut.
ip link add averylongname15 type veth peer name avlpeer
ip link set averylongname15 up
ip link set avlpeer up
ip route add 10.99.0.0/16 dev averylongname15
idx2=$(cat /sys/class/net/averylongname15/ifindex)
out=$(ns -rn -4)
has_row "Netif widened" "$out" "$(printf '%-18s %-18s %-10.10s %15s %6s' Destination Gateway Flags Netif Expire)"
has_row "Netif never cut" "$out" "$(NW=15; row 10.99/16 link#$idx2 US averylongname15)"
has_row "Netif right-aligned" "$out" "$(NW=15; row default 10.11.0.254 UGS rt0)"

# -M /proc against netlink, main table.  The proc files lack protocols,
# route types and all but the first next hop.
strip() { sed -e 's/  *[0-9]*$//' | awk 'NF >= 3 { print $1, $2, $NF }' | sort; }
live=$(ns -rn -4 | grep -Ev '^(10\.(30|4[0-3])[./]|Routing|Internet|Destination)' | grep -v ' UHL' | strip)
proc=$(ns -rn -4 -M /proc | grep -Ev '^(10\.(30|4[0-3])[./]|Routing|Internet|Destination)' | grep -v ' UHL' | strip)
expect_eq "-M /proc: IPv4 routes as netlink" "$proc" "$live"
live=$(ns -rn -4 | grep ' UHL' | awk '{ print $1, $2, $4 }' | sort)
proc=$(ns -rn -4 -M /proc | grep ' UHL' | awk '{ print $1, $2, $4 }' | sort)
expect_eq "-M /proc: ARP as netlink" "$proc" "$live"
# net/ipv6_route holds every table: table 100's route shows there too.
live=$(ns -rn -6 | grep -Ev '^(Routing|Internet|Destination)' | grep -v ' UHL' | grep -v blackhole | strip)
proc=$(ns -rn -6 -M /proc | grep -Ev '^(Routing|Internet|Destination|2001:db8:5:)' | grep -v ' UHL' | grep -v ' -  ' | strip)
expect_eq "-M /proc: IPv6 routes as netlink" "$proc" "$live"
err=$(ns -rn -M /proc -F 100 2>&1 >/dev/null)
expect_eq "-M with -F: refused" "$err" "netstat: -F 100: a saved proc tree holds only the main table"

# Names: without -n the gateway is looked up (no resolver here: numeric).
out=$(ns -r -4)
expect_match "-r: default" "$out" '^default +[^ ]+ +UGS +rt0$'
json_ok "-rna: JSON parses" ns -rna --libxo json
json_ok "-rnl: JSON parses" ns -rnl --libxo json,pretty
# jc's BSD netstat parser reads our routing table: one entry per row,
# with our destinations, gateways, flags and interfaces.
if command -v jc >/dev/null 2>&1; then
	ns -rn -4 >"$LABTMP/rn.txt"
	rows=$(grep -Evc '^(Routing|Internet|Destination|$)' "$LABTMP/rn.txt")
	got=$(jc --netstat <"$LABTMP/rn.txt" | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(len([r for r in d if r.get("kind") == "route"]))
for r in d:
    print(r["destination"], r["gateway"], r["route_flags"], r["iface"])' 2>&1)
	expect_eq "jc reads every -rn row" "$(printf '%s\n' "$got" | head -1)" "$rows"
	expect_eq "jc: rows as we print them" \
	    "$(printf '%s\n' "$got" | sed 1d)" \
	    "$(grep -Ev '^(Routing|Internet|Destination|$)' "$LABTMP/rn.txt" | awk '{ print $1, $2, $3, $4 }')"
elif [ "${CI:-}" = true ]; then
	notok "jc is not installed"
fi
kill "$peer" 2>/dev/null
wait "$peer" 2>/dev/null
