# Lab test of -r's BSD fidelity (issue 9): the routes of a link without
# carrier, BSD's order (default first, neighbours among the routes by
# address), -rl's Mtu and RT_IFA, and jc reading -rn and -rnl.
# Sourced by tests/run inside a private network and mount namespace.

ip link set lo up
# vd0: its peer is down, so vd0 has no carrier (the kernel's linkdown).
ip link add vd0 type veth peer name vd1
ip addr add 10.5.0.1/24 dev vd0
ip link set vd0 up
ip route add 10.6.0.0/16 via 10.5.0.9
# vx0: up, with neighbours and routes to interleave.
ip link add vx0 type veth peer name vx1
ip link set vx0 mtu 1450
ip addr add 10.7.0.1/24 dev vx0
ip -6 addr add fd07::1/64 dev vx0 nodad
ip link set vx0 up
ip link set vx1 up
ip route add 10.7.0.128/25 via 10.7.0.5 mtu 1400
ip route add 10.0.0.0/8 via 10.7.0.5
ip route add 10.0.0.0/24 via 10.7.0.5
ip route add 10.200.0.0/16 via 10.7.0.5 src 10.5.0.1
ip route add default via 10.7.0.5
ip neigh add 10.7.0.5 lladdr 02:00:00:00:07:05 nud permanent dev vx0
ip neigh add 10.7.0.200 lladdr 02:00:00:00:07:c8 nud permanent dev vx0
ip -6 route add fd07:0:0:0:8000::/65 via fd07::5
ip -6 route add default via fd07::5
ip -6 neigh add fd07::5 lladdr 02:00:00:00:07:05 nud permanent dev vx0
ip -6 neigh add fd07::9000 lladdr 02:00:00:00:07:09 nud permanent dev vx0

# Column 3 of -rn is Flags on every row: never empty.
out=$(ns -rn)
printf '%s\n' "$out" >"$LABTMP/frt-rn.txt"
got=$(printf '%s\n' "$out" | awk '$1 == "10.6/16" { print $3 "," $4 }')
expect_eq "linkdown: Flags of a route via a link without carrier" "$got" \
    "UGS,vd0"
got=$(printf '%s\n' "$out" | awk '$1 == "10.5/24" { print $3 "," $4 }')
expect_eq "linkdown: the connected route is up" "$got" "U,vd0"
expect_nomatch "-rn: no row without Flags" "$out" \
    '^[^ ]+ +[^ ]+ +(vd0|vx0|lo)( +[0-9]+)?$'
# With ignore_routes_with_linkdown the kernel marks them dead: not U,
# and Flags still holds a letter or "-".
echo 1 >/proc/sys/net/ipv4/conf/vd0/ignore_routes_with_linkdown
out=$(ns -rn -f inet)
got=$(printf '%s\n' "$out" | awk '$1 == "10.6/16" { print $3 "," $4 }')
expect_eq "linkdown ignored: not up" "$got" "GS,vd0"
got=$(printf '%s\n' "$out" | awk '$1 == "10.5/24" { print $3 "," $4 }')
expect_eq "linkdown ignored: Flags is -, never empty" "$got" "-,vd0"
echo 0 >/proc/sys/net/ipv4/conf/vd0/ignore_routes_with_linkdown

# BSD order: default first, the more specific of one key first, the
# neighbours (host routes) in address order among the routes.
got=$(ns -rn -f inet | awk 'NR > 4 { print $1 }' | tr '\n' ' ')
expect_eq "order: IPv4" "$got" \
    "default 10/24 10 10.5/24 10.6/16 10.7/24 10.7.0.5 10.7.0.128/25 10.7.0.200 10.200/16 "
got=$(ns -rn -f inet6 | awk 'NR > 4 { print $1 }' | tr '\n' ' ')
expect_eq "order: IPv6, default first" "$got" \
    "default fd07::/64 fd07::5 fd07::9000 fd07::8000:0:0:0/65 fe80::%vx1/64 fe80::%vx0/64 "
# The same order in JSON.
got=$(ns -rn -f inet6 --libxo json | python3 -c 'import json,sys
d = json.load(sys.stdin)["statistics"]["route-information"]["route-table"]
print(" ".join(e["destination"] for e in d["rt-family"][0]["rt-entry"]))')
expect_eq "order: JSON" "$got" \
    "::/0 fd07::/64 fd07::5/128 fd07::9000/128 fd07::8000:0:0:0/65 fe80::/64 fe80::/64"

# -rl: the route's MTU, else the link's; RT_IFA the preferred source,
# else the link's first address of the family.
out=$(ns -rnl)
printf '%s\n' "$out" >"$LABTMP/frt-rnl.txt"
got=$(printf '%s\n' "$out" | awk '$1 == "10.7.0.128/25" { print $3, $6 }')
expect_eq "-rnl: the route's MTU and the link's address" "$got" \
    "10.7.0.1 1400"
got=$(printf '%s\n' "$out" | awk '$1 == "default" { print $3, $6 }' |
    tr '\n' ' ')
expect_eq "-rnl: the link's MTU, IPv4 and IPv6" "$got" \
    "10.7.0.1 1450 fd07::1 1450 "
got=$(printf '%s\n' "$out" | awk '$1 == "10.7.0.5" { print $3, $4, $6 }')
expect_eq "-rnl: a neighbour, as BSD's host route: the link's address, MTU" \
    "$got" "10.7.0.1 UHLS 1450"
got=$(printf '%s\n' "$out" | awk '$1 == "10.200/16" { print $3 }')
expect_eq "-rnl: the preferred source first" "$got" 10.5.0.1
got=$(ns -rnl -f inet --libxo json | python3 -c 'import json,sys
d = json.load(sys.stdin)["statistics"]["route-information"]["route-table"]
for e in d["rt-family"][0]["rt-entry"]:
    if e["default"]:
        print(e["mtu"], e["preferred-source"])')
expect_eq "-rnl: JSON mtu and RT_IFA" "$got" "1450 10.7.0.1"

# jc reads every field of these rows right.
if command -v jc >/dev/null 2>&1; then
	ns -rn >"$LABTMP/frt-jc.txt"
	got=$(jc --netstat <"$LABTMP/frt-jc.txt" | python3 -c 'import json,sys
for r in json.load(sys.stdin):
    if r["destination"] in ("10.6/16", "10.5/24", "10.7.0.5", "fd07::9000"):
        print(r["destination"], r["gateway"], r["route_flags"], r["iface"])')
	expect_eq "jc -rn: destination, gateway, flags, netif" "$got" \
"10.5/24 link#$(cat /sys/class/net/vd0/ifindex) U vd0
10.6/16 10.5.0.9 UGS vd0
10.7.0.5 2:0:0:0:7:5 UHLS vx0
fd07::9000 2:0:0:0:7:9 UHLS vx0"
	ns -rnl >"$LABTMP/frt-jcl.txt"
	got=$(jc --netstat <"$LABTMP/frt-jcl.txt" | python3 -c 'import json,sys
for r in json.load(sys.stdin):
    if r["destination"] in ("10.7.0.128/25", "10.200/16"):
        print(r["destination"], r["gateway"], r["rt_ifa"], r["route_flags"],
            r["metric"], r["mtu"], r["iface"])')
	expect_eq "jc -rnl: every field" "$got" \
"10.7.0.128/25 10.7.0.5 10.7.0.1 UGS 0 1400 vx0
10.200/16 10.7.0.5 10.5.0.1 UGS 0 1450 vx0"
elif [ "${CI:-}" = true ]; then
	notok "jc: not installed"
else
	ok "jc: not installed, skipped"
fi
lab_done
