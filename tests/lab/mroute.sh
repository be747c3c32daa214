# Multicast (-g, -gs): joins and a multicast route made here, checked in
# netstat's output and against /proc/net.

veth mca0 mca1 10.77.0.1/24 || notok "mroute: veth"
veth mcb0 mcb1 10.77.1.1/24

# One process holds every socket: group joins (any-source, source-specific
# IPv4 and IPv6) and the multicast routing socket with two VIFs and an MFC
# entry (MRT_INIT 200, MRT_ADD_VIF 202, MRT_ADD_MFC 204).
cat >"$LABTMP/mc.py" <<'EOF'
import socket, struct, sys, time
ifidx = socket.if_nametoindex("mca0")
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
    struct.pack("4s4si", socket.inet_aton("239.7.8.9"),
    socket.inet_aton("0.0.0.0"), ifidx))
s2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
# IP_ADD_SOURCE_MEMBERSHIP (39): ip_mreq_source {group, interface, source}
s2.setsockopt(socket.IPPROTO_IP, 39, socket.inet_aton("232.7.7.7") +
    socket.inet_aton("10.77.0.1") + socket.inet_aton("10.77.9.9"))
s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
    socket.inet_pton(socket.AF_INET6, "ff05::77:1") + struct.pack("@I", ifidx))
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_IGMP)
r.setsockopt(socket.IPPROTO_IP, 200, struct.pack("i", 1))
# struct vifctl {u16 vifi; u8 flags, threshold; u32 rate; lcl, rmt}
for vifi, addr in ((0, "10.77.0.1"), (1, "10.77.1.1")):
    r.setsockopt(socket.IPPROTO_IP, 202, struct.pack("=HBBI4s4s", vifi, 0, 1,
        0, socket.inet_aton(addr), socket.inet_aton("0.0.0.0")))
# struct mfcctl {origin, group, u16 parent, u8 ttls[32], u32 x3, int}
ttls = bytes([0, 1] + [0] * 30)
r.setsockopt(socket.IPPROTO_IP, 204, socket.inet_aton("10.77.0.5") +
    socket.inet_aton("239.7.8.9") + struct.pack("=H", 0) + ttls + b"\0\0" +
    struct.pack("=IIIi", 0, 0, 0, 0))
open(sys.argv[1], "w").write("ready\n")
time.sleep(120)
EOF
python3 "$LABTMP/mc.py" "$LABTMP/mc.ready" 2>"$LABTMP/mc.err" &
wait_until 100 test -s "$LABTMP/mc.ready"
check "mroute: joins and multicast routes made" test -s "$LABTMP/mc.ready"

out=$(ns -g)
expect_match "mroute: VIF 0 on mca0" "$out" \
    '^  0         -   10\.77\.0\.1 +0          0 mca0$'
expect_match "mroute: VIF 1 on mcb0" "$out" \
    '^  1         -   10\.77\.1\.1 +0          0 mcb0$'
expect_match "mroute: MFC entry 10.77.0.5 -> 239.7.8.9 out vif 1" "$out" \
    '^ 10\.77\.0\.5 +239\.7\.8\.9 +0    0    1:1$'
expect_match "mroute: IPv4 any-source group with its MAC" "$out" \
    '^239\.7\.8\.9[[:space:]]+1:0:5e:7:8:9[[:space:]]+mca0$'
expect_match "mroute: IPv4 source-specific group" "$out" \
    '^232\.7\.7\.7[[:space:]]+1:0:5e:7:7:7[[:space:]]+mca0$'
expect_match "mroute: IPv6 group with its MAC" "$out" \
    '^ff05::77:1[[:space:]]+33:33:0:77:0:1[[:space:]]+mca0$'
expect_match "mroute: loopback groups have no link-layer address" "$out" \
    '^224\.0\.0\.1[[:space:]]+<none>[[:space:]]+lo$'
expect_match "mroute: link-layer group listed" "$out" \
    '^1:0:5e:7:8:9[[:space:]]+<none>[[:space:]]+mca0$'
expect_match "mroute: IPv6 tables present and empty" "$out" \
    '^IPv6 Multicast Forwarding Table is empty$'
no_trailing_blanks "mroute: -g has no trailing blanks" "$out"

# The VIF rows against the kernel's own file.
nvif=$(($(wc -l </proc/net/ip_mr_vif) - 1))
got=$(printf '%s\n' "$out" | grep -c '^  [0-9] ')
expect_eq "mroute: as many VIFs as /proc/net/ip_mr_vif" "$got" "$nvif"
expect_eq "mroute: same output from -M /proc" "$(ns -M /proc -g)" "$out"

out=$(ns -g -f inet)
expect_nomatch "mroute: -f inet leaves IPv6 out" "$out" 'IPv6|ff0[125]::'
out=$(ns -g -f link)
expect_match "mroute: -f link prints the link-layer table" "$out" \
    '^Link-layer Multicast Group Memberships$'
expect_nomatch "mroute: -f link prints nothing else" "$out" \
    'IPv4|IPv6'

out=$(ns -gs)
expect_match "mroute: -gs counts the MFC entry" "$out" \
    '^	1 multicast forwarding cache entry$'
expect_match "mroute: -gs source-specific group in include mode" "$out" \
    '^		group 232\.7\.7\.7 mode include$'
# The sources with -v, as Darwin.
expect_match "mroute: -gsv lists the sources" "$(ns -gsv)" \
    '^		group 232\.7\.7\.7 mode include srcs 10\.77\.9\.9$'
expect_match "mroute: -gs any-source group in exclude mode" "$out" \
    '^		group 239\.7\.8\.9 mode exclude$'
expect_match "mroute: -gs IGMP version of mca0" "$out" '^	igmpv3 flags=0<> rv [0-9]+ qi - qri - uri [0-9.]+$'
expect_match "mroute: -gs MLD group on mca0" "$out" \
    '^		group ff05::77:1 mode exclude$'
grep -q '0xe8070707 0x0a4d0909' /proc/net/mcfilter
check "mroute: /proc/net/mcfilter holds the source" test $? -eq 0

json_ok "mroute: -g JSON parses" ns -g --libxo json
json_ok "mroute: -gs JSON parses" ns -gs --libxo json
j=$(ns -g --libxo json | python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]
print(d["vif"][0]["interface-name"], d["multicast-forwarding-entry"][0]["group-address"],
    [g["link-layer-address"] for g in d["ipv4-multicast-group-membership"]
     if g["group"] == "239.7.8.9"][0])')
expect_eq "mroute: JSON VIF, MFC and membership" "$j" \
    "mca0 239.7.8.9 01:00:5e:07:08:09"
