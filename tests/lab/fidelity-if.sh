# Lab test of -i, -ia and -g's BSD fidelity (issue 9): a cut never
# changes a value's meaning (a four-letter interface name makes
# "fe80::%vth0/64" one too long), memberships after the rows of their
# family, Darwin's -g table layout and -gs lines, and jc reading -in, -ib.
# Sourced by tests/run inside a private network and mount namespace.

ip link set lo up
ip link add vth0 type veth peer name vth1
ip addr add 10.8.0.1/24 dev vth0
ip -6 addr add 2001:db8:abcd:12::1/64 dev vth0 nodad
ip -6 addr add fe80::1/64 dev vth0 nodad
# No kernel-made link-local address: the rows are the ones made here.
ip link set vth0 addrgenmode none
ip link set vth0 up
ip link set vth1 up
# A group of our own, joined by a socket that stays open.
join_groups 239.1.2.3 10.8.0.1

# -i: the %scope goes first, the /len stays; the address part is cut last.
out=$(ns -in -I vth0)
printf '%s\n' "$out" >"$LABTMP/fif-in.txt"
got=$(printf '%s\n' "$out" | awk '$4 == "fe80::1%vth0" { print $3 }')
expect_eq "-in: link-local prefix keeps /64 (scope dropped)" "$got" "fe80::/64"
got=$(printf '%s\n' "$out" | awk '$4 ~ /^2001:db8:abcd/ { print $3 }')
expect_eq "-in: a long prefix cut in its address part" "$got" "2001:db8:a/64"
got=$(ns -inW -I vth0 | awk '$4 == "fe80::1%vth0" { print $3 }')
expect_eq "-inW: the whole, with its scope" "$got" "fe80::%vth0/64"
got=$(ns -in -I vth0 --libxo json | python3 -c 'import json,sys
d = json.load(sys.stdin)["statistics"]["interface"]
print(" ".join(e["network"] + " " + e["interface-name"] for e in d
    if e.get("address") == "fe80::1"))')
expect_eq "-in: JSON holds the whole CIDR, the scope its interface-name" \
    "$got" "fe80::/64 vth0"

# -ia: each family's groups after its rows.
out=$(ns -ina -I vth0)
printf '%s\n' "$out" >"$LABTMP/fif-ina.txt"
got=$(printf '%s\n' "$out" | awk '
	$1 == "vth0" && $3 ~ /^<Link/ { print "link"; next }
	$1 == "vth0" && $3 ~ /\./ { print "inet"; next }
	$1 == "vth0" { print "inet6"; next }
	$1 ~ /^01:00:5e|^33:33/ { print "ll"; next }
	$1 ~ /\./ { print "g4"; next }
	$1 ~ /:/ { print "g6"; next }' | uniq | tr '\n' ' ')
expect_eq "-ina: link, its groups, inet, its groups, inet6, its groups" \
    "$got" "link ll inet g4 inet6 g6 "
expect_match "-ina: our group under the IPv4 row" "$out" '^ +239\.1\.2\.3$'
got=$(ns -ina -I vth0 --libxo json | python3 -c 'import json,sys
d = json.load(sys.stdin)["statistics"]["interface"]
for e in d:
    m = [g.get("address") for g in e.get("multicast-address", [])]
    if m:
        print(e.get("network", e.get("link")), "239.1.2.3" in m,
            "ff02::1" in m)')
expect_eq "-ina: JSON lists each family's groups in its row" "$got" \
"$(cat /sys/class/net/vth0/ifindex) False False
10.8.0.0/24 True False
fe80::/64 False True"

# jc reads -in and -ib rows right.
if command -v jc >/dev/null 2>&1; then
	for f in in ib; do
		ns -$f >"$LABTMP/fif-jc-$f.txt"
		got=$(jc --netstat <"$LABTMP/fif-jc-$f.txt" | python3 -c 'import json,sys
for r in json.load(sys.stdin):
    if r["iface"] == "vth0" and r["network"] != "<Link#%s>" % sys.argv[1]:
        print(r["network"], r["address"], r["mtu"], r["ipkts"] >= 0,
            r.get("ierrs"), "ibytes" in r)' "$(cat /sys/class/net/vth0/ifindex)")
		b=False
		[ $f = ib ] && b=True
		expect_eq "jc -$f: network, address, mtu, counters" "$got" \
"10.8/24 10.8.0.1 1500 True None $b
2001:db8:a/64 2001:db8:abcd:1 1500 True None $b
fe80::/64 fe80::1%vth0 1500 True None $b"
	done
elif [ "${CI:-}" = true ]; then
	notok "jc: not installed"
else
	ok "jc: not installed, skipped"
fi

# -g: Darwin's layout, "%-20s\t%-16s\t%s\n", IPv6 link-local groups with
# their %scope, one blank line between the tables.
out=$(ns -g)
printf '%s\n' "$out" >"$LABTMP/fif-g.txt"
tab=$(printf '\t')
has_line() {
	if printf '%s\n' "$2" | grep -Fxq -- "$3"; then ok "$1"
	else notok "$1: no line '$3'"; fi
}
has_line "-g: header" "$out" \
    "$(printf '%-20s\t%-16s\t%s' Group 'Link-layer Address' Netif)"
has_line "-g: an IPv4 group and its mapping" "$out" \
    "$(printf '%-20s\t%-16s\t%s' 239.1.2.3 1:0:5e:1:2:3 vth0)"
has_line "-g: an IPv6 link-local group with its scope" "$out" \
    "$(printf '%-20s\t%-16s\t%s' ff02::1%vth0 33:33:0:0:0:1 vth0)"
has_line "-g: a link-layer group" "$out" \
    "$(printf '%-20s\t%-16s\t%s' 1:0:5e:0:0:1 '<none>' vth0)"
got=$(printf '%s\n' "$out" | grep -c 'Multicast Group Memberships$')
expect_eq "-g: three membership tables" "$got" 3
got=$(printf '%s\n' "$out" | grep -B1 'Multicast Group Memberships$' |
    grep -c '^$')
expect_eq "-g: a blank line before each membership table" "$got" 3

# -gs: per interface, Darwin's lines.
out=$(ns -gs -I vth0 2>/dev/null || ns -gs)
printf '%s\n' "$out" >"$LABTMP/fif-gs.txt"
expect_match "-gs: the interface line" "$out" '^vth0:$'
has_line "-gs: inet address" "$out" "${tab}inet 10.8.0.1"
expect_match "-gs: igmp line" "$out" \
    "^${tab}igmpv3 flags=0<> rv 2 qi - qri - uri 1$"
has_line "-gs: group" "$out" "${tab}${tab}group 239.1.2.3 mode exclude"
has_line "-gs: mcast-macaddr as Darwin's sdl_addr_to_hex" "$out" \
    "${tab}${tab}${tab}mcast-macaddr 01:00:5e:01:02:03"
has_line "-gs: inet6 address, the link-local one" "$out" \
    "${tab}inet6 fe80::1%vth0"
# Linux shows no MLD version in use (only a forced one), and mld_qrv
# only in the first network namespace.
expect_match "-gs: mld line" "$out" \
    "^${tab}mld flags=0<> rv [0-9-]+ qi - qri - uri 1$"
has_line "-gs: IPv6 group with its scope" "$out" \
    "${tab}${tab}group ff02::1%vth0 mode exclude"
echo 2 >/proc/sys/net/ipv4/conf/vth0/force_igmp_version
out=$(ns -gs)
expect_match "-gs: IGMPv2 forced, its report interval" "$out" \
    "^${tab}igmpv2 flags=0<> rv 2 qi - qri - uri 10$"
json_ok "-gs: JSON parses" ns -gs --libxo json
lab_done
