# Lab: interfaces (-i, -I, -a, -b, -d, -t, -h, -f) and the interval
# display (-w).  Sourced by tests/run inside a private network namespace.

# Quiet IPv6 (no router solicitations, no DAD) so idle counters stay still.
for k in router_solicitations dad_transmits; do
	for c in all default; do
		echo 0 >/proc/sys/net/ipv6/conf/$c/$k 2>/dev/null
	done
done

LONG=ifpeer123456789		# 15 characters, the longest Linux allows
HOSTILE=$(printf 'h\033x')
ip link add veth0 type veth peer name $LONG
ip link add vup0 type veth peer name vdown0
ip link add br0 type bridge
ip link add name "$HOSTILE" type veth peer name vhpeer
ip link set veth0 mtu 1400
for i in veth0 $LONG vup0 br0; do ip link set "$i" up; done
ip addr add 10.0.1.1/24 dev veth0
ip addr add 192.168.1.9/24 dev veth0
ip addr add 10.88.0.1/24 dev br0
ip addr add 172.20.4.1/22 dev br0
ip addr add 203.0.113.130/25 dev br0
ip addr add 10.1.2.3/32 dev vup0
ip -6 addr add 2001:db8:1::1/64 dev veth0 nodad
ip -6 addr add 2001:db8:77::5/48 dev br0 nodad

# send_frames IF PEER N: N raw Ethernet frames (ethertype 0x88b5, local
# experimental; 114 bytes each) from IF to its veth peer.
send_frames() {
	python3 - "$1" "$2" "$3" <<'EOF'
import socket, sys
ifn, peer, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
mac = lambda i: bytes.fromhex(open('/sys/class/net/%s/address' % i).read().strip().replace(':', ''))
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((ifn, 0))
frame = mac(peer) + mac(ifn) + b'\x88\xb5' + bytes(100)
for _ in range(n):
    s.send(frame)
EOF
}

# The header comes back every 21 lines: a long run, in the background.
ns -w 1 -q 22 -I lo >"$LABTMP/w22" 2>&1 &
w22pid=$!

send_frames veth0 $LONG 50
send_frames $LONG veth0 7

# The checker: builds every expected row of `netstat -in` (and -b, -d, -t
# variants) from `ip -j -s -s link`, `ip -j addr`, sysfs, with its own
# implementation of the SPEC's classful rule, and compares whole lines.
cat >"$LABTMP/check.py" <<'EOF'
import json, os, subprocess, sys, ipaddress

NETSTAT = os.environ['NETSTAT']
flags = sys.argv[1] if len(sys.argv) > 1 else ''

def ip(*a):
    return json.loads(subprocess.run(['ip', '-j'] + list(a), capture_output=True, text=True, check=True).stdout, strict=False)

def classful(addr, plen):
    net = int(ipaddress.IPv4Address(addr)) & ((0xffffffff << (32 - plen)) & 0xffffffff if plen else 0)
    o = [(net >> s) & 0xff for s in (24, 16, 8, 0)]
    keep, cplen = (1, 8) if o[0] < 128 else (2, 16) if o[0] < 192 else (3, 24) if o[0] < 224 else (4, 32)
    last = max([i + 1 for i in range(4) if o[i]] + [0])
    keep = max(keep, last)
    s = '.'.join(str(x) for x in o[:keep])
    return s if plen == cplen else '%s/%d' % (s, plen)

def esc(name):
    return ''.join(c if 32 <= ord(c) < 127 and c != '\\' else
                   '\\\\' if c == '\\' else '\\%03o' % ord(c) for c in name)

def tx_timeout(name):
    q = '/sys/class/net/%s/queues' % name
    try:
        return sum(int(open('%s/%s/tx_timeout' % (q, d)).read()) for d in os.listdir(q) if d.startswith('tx-'))
    except OSError:
        return None

def expected():
    links = sorted(ip('-s', '-s', 'link', 'show'), key=lambda l: l['ifindex'])
    addrs = ip('addr', 'show')
    byidx = {a['ifindex']: a.get('addr_info', []) for a in addrs}
    namew = max([10] + [len(esc(l['ifname'])) + (0 if 'UP' in l['flags'] else 1) for l in links])
    rows = []
    for l in links:
        st = l['stats64']
        rx, tx = st['rx'], st['tx']
        name = esc(l['ifname']) + ('' if 'UP' in l['flags'] else '*')
        def row(net, addr, link, netw=13, addrw=15):
            s = '%-*s %-5s %-*.*s %-*.*s %8d %5s' % (namew, name, l['mtu'], netw, netw, net, addrw, addrw, addr,
                rx['packets'], rx['errors'] if link else '-')
            if 'b' in flags:
                s += ' %10d' % rx['bytes']
            s += ' %8d %5s' % (tx['packets'], tx['errors'] if link else '-')
            if 'b' in flags:
                s += ' %10d' % tx['bytes']
            s += ' %5s' % (tx['collisions'] if link else '-')
            if 't' in flags:
                t = tx_timeout(l['ifname'])
                s += ' %4s' % (t if link and t is not None else '-')
            if 'd' in flags:
                s += ' %4s' % (rx['dropped'] + rx.get('missed', 0) + tx['dropped'] if link else '-')
            return s.rstrip()
        mac = '' if l.get('link_type') == 'loopback' else l.get('address', '')
        rows.append(row('<Link#%d>' % l['ifindex'], mac, True, 11, 17))
        for fam in ('inet', 'inet6'):
            for a in byidx.get(l['ifindex'], []):
                if a['family'] != fam:
                    continue
                if fam == 'inet':
                    rows.append(row(classful(a['local'], a['prefixlen']), a['local'], False))
                else:
                    addr = str(ipaddress.IPv6Address(a['local']))
                    net = str(ipaddress.IPv6Network('%s/%d' % (addr, a['prefixlen']), strict=False).network_address)
                    # A cut drops the %scope first, then cuts the
                    # address part, never the /len.
                    plen = '/%d' % a['prefixlen']
                    scoped = addr.startswith('fe80:')
                    n = '%s%%%s%s' % (net, l['ifname'], plen) if scoped else net + plen
                    if len(n) > 13:
                        n = (net + plen) if len(net + plen) <= 13 else net[:13 - len(plen)] + plen
                    h = addr + '%' + l['ifname'] if scoped else addr
                    if len(h) > 15:
                        h = addr
                    rows.append(row(n, h, False))
    hdr = '%-*.*s %-5.5s %-13.13s %-15.15s %8.8s %5.5s' % (namew, namew, 'Name', 'Mtu', 'Network', 'Address', 'Ipkts', 'Ierrs')
    if 'b' in flags: hdr += ' %10.10s' % 'Ibytes'
    hdr += ' %8.8s %5.5s' % ('Opkts', 'Oerrs')
    if 'b' in flags: hdr += ' %10.10s' % 'Obytes'
    hdr += ' %5s' % 'Coll'
    if 't' in flags: hdr += ' %4s' % 'Time'
    if 'd' in flags: hdr += ' %4s' % 'Drop'
    return [hdr] + rows

# Counters move between reads: retry until the expectation is the same
# before and after netstat ran.
for attempt in range(20):
    before = expected()
    got = subprocess.run([NETSTAT, '-in' + flags], capture_output=True, text=True).stdout.split('\n')[:-1]
    after = expected()
    if before == after:
        break
bad = [(w, g) for w, g in zip(before, got) if w != g]
if len(before) != len(got):
    print('not ok - -in%s: %d lines, want %d' % (flags, len(got), len(before)))
elif bad:
    print('not ok - -in%s: every row and column (%d differ)' % (flags, len(bad)))
    for w, g in bad[:4]:
        print('#  want: %r\n#  got:  %r' % (w, g))
else:
    print('ok - -in%s: every row and column (%d rows)' % (flags, len(got)))
EOF

for f in '' b d t bdt; do
	python3 "$LABTMP/check.py" "$f" || notok "-in$f: the checker failed"
done

out=$(ns -in)
no_trailing_blanks "-in: no trailing blanks" "$out"
expect_match "15-character name widens the Name column" "$out" \
    "^Name {12}Mtu   Network"
expect_match "down interface marked *" "$out" '^vdown0\* +1500 +<Link#'
expect_nomatch "up interface not marked" "$out" '^vup0\*'
expect_match "hostile name escaped" "$out" '^h\\033x\* '
expect_match "MTU from the kernel" "$out" '^veth0 +1400 +<Link#'
expect_match "lo link row: no MAC" "$out" \
    '^lo +65536 <Link#1> {23,}[0-9]+ +0 +[0-9]+ +0 +0$'

# The SPEC's classful examples, one by one.
for pair in '127.0.0.1 127 ' '192.168.1.9 192.168.1 ' '10.0.1.1 10.0.1/24' \
    '10.88.0.1 10.88/24' '172.20.4.1 172.20.4/22' \
    '203.0.113.130 203.0.113.128/25' '10.1.2.3 10.1.2.3/32'; do
	set -- $pair
	got=$(ns -inW -f inet | awk -v a="$1" '$4 == a { print $3 }')
	expect_eq "network of $1" "$got" "$2"
done
got=$(ns -inW -f inet6 | awk '$1 == "veth0" && $4 ~ /^fe80/ { print $3 }')
expect_eq "IPv6 link-local network" "$got" "fe80::%veth0/64"
got=$(ns -inW -f inet6 | awk '$1 == "br0" && $4 == "2001:db8:77::5" { print $3 }')
expect_eq "IPv6 /48 network" "$got" "2001:db8:77::/48"
got=$(ns -in -f inet6 | awk '$1 == "veth0" && $4 ~ /^fe80/ { print $3 }')
# The cut keeps the prefix length: the %scope (the row's own) goes first.
expect_eq "IPv6 network cut to 13 without -W" "$got" "fe80::/64"

# Names: /etc/networks and /etc/hosts without -n.
out=$(ns -i -I lo)
expect_match "lo network named from /etc/networks when listed" "$out" \
    "^lo +65536 ($(awk '$2 == "127.0.0.0" || $2 == "127" { print $1; exit }' /etc/networks)|127) +localhost "

# -f link / inet / inet6
out=$(ns -in -f link)
expect_nomatch "-f link: link rows only" "$(echo "$out" | sed 1d)" \
    '^[^ ]+ +[0-9-]+ +[^< ]'
out=$(ns -in -f inet)
expect_nomatch "-f inet: no link rows" "$out" '<Link#'
expect_nomatch "-f inet: no IPv6 rows" "$out" '::'
expect_match "-f inet: IPv4 rows" "$out" '^veth0 +1400 +10\.0\.1/24 +10\.0\.1\.1 '

# -I
out=$(ns -in -I veth0)
expect_eq "-I veth0: rows" "$(echo "$out" | sed 1d | awk '{ print $1 }' | sort -u)" veth0
expect_eq "-I veth0: Name column stays 10 wide" "$(echo "$out" | head -1 | cut -c1-15)" "Name       Mtu "
ns -in -I nosuch0 >"$LABTMP/o" 2>"$LABTMP/e"
expect_eq "-I unknown: exit 1" "$?" 1
expect_eq "-I unknown: message" "$(cat "$LABTMP/e")" "netstat: nosuch0: no such interface"
expect_eq "-I unknown: no output" "$(cat "$LABTMP/o")" ""

# stable VAR CMD...: run CMD (which prints got and want on two lines)
# until /proc/net/dev did not move between its reads; counters are live.
stable() {
	_i=0
	while [ $_i -lt 20 ]; do
		_a=$(cat /proc/net/dev)
		_r=$("$@")
		[ "$_a" = "$(cat /proc/net/dev)" ] && break
		_i=$((_i + 1))
		sleep 0.1
	done
	echo "$_r"
}

# Counters against /proc/net/dev, and the frames this test sent.
r=$(stable sh -c 'ns() { "$NETSTAT" "$@"; }
ns -in -I veth0 | awk "/<Link#/ { print \$5, \$7 }"
awk "\$1 == \"veth0:\" { print \$3, \$11 }" /proc/net/dev')
got=$(echo "$r" | sed -n 1p)
expect_eq "veth0 Ipkts Opkts = /proc/net/dev" "$got" "$(echo "$r" | sed -n 2p)"
opk=$(echo "$got" | cut -d' ' -f2)
check "veth0 sent at least the 50 test frames" test "$opk" -ge 50
ipk=$(ns -in -I $LONG | awk '/<Link#/ { print $5 }')
check "$LONG received at least the 50 test frames" test "$ipk" -ge 50

# -h: humanize_number's rules, computed here independently.
human() {
	python3 -c '
import sys
v = int(sys.argv[1]); r = 0; i = 0
while (v >= 1000 or (v == 999 and r >= 512)) and i < 6:
    r = v % 1024; v //= 1024; i += 1
p = " KMGTPE"[i].strip()
if i and (v < 9 or (v == 9 and r < 973)):
    t = (r * 10 + 512) // 1024
    print("%d.%d%s" % (v + t // 10, t % 10, p))
else:
    print("%d%s" % (v + (r + 512) // 1024 if i else v, p))' "$1"
}
send_frames vup0 vdown0 10 2>/dev/null
r=$(stable sh -c '"$NETSTAT" -inbh -I veth0 | awk "/<Link#/ { print \$10 }"
awk "\$1 == \"veth0:\" { print \$10 }" /proc/net/dev')
obytes=$(echo "$r" | sed -n 2p)
expect_eq "-h Obytes humanized ($obytes)" "$(echo "$r" | sed -n 1p)" "$(human "$obytes")"
expect_eq "humanize 1234" "$(human 1234)" "1.2K"
expect_match "-h: address rows humanized too" "$(ns -inbh -I veth0)" \
    '^veth0 +1400 +10\.0\.1/24 .* [0-9.]+K +'

# -a: multicast memberships after joins.
join_groups 239.1.2.3 10.0.1.1 ff05::4242 veth0
out=$(ns -ina -I veth0)
expect_match "-a: IPv4 group under veth0" "$out" '^ {31}239\.1\.2\.3$'
expect_match "-a: IPv6 group under veth0" "$out" '^ {31}ff05::4242$'
expect_match "-a: link-layer group under veth0" "$out" '^ {31}01:00:5e:01:02:03$'
expect_match "-a: scoped IPv6 group with %if" "$out" '^ {31}ff02::1%veth0$'
out=$(ns -ina -f inet)
expect_eq "-a -f inet: 239.1.2.3 follows veth0's rows" \
    "$(echo "$out" | awk '/^[^ ]/ { n = $1 } /239\.1\.2\.3/ { print n }')" veth0
expect_nomatch "-a -f inet: no IPv6 groups" "$out" 'ff0'
json_ok "-ia JSON parses" ns -ia --libxo json
got=$(ns -ina -I veth0 --libxo json | python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]["interface"]
print(" ".join(sorted(m["address"] for r in d for m in r.get("multicast-address", []) if m.get("address", "").startswith("239"))))')
expect_eq "-ia JSON: group listed" "$got" "239.1.2.3"
# shellcheck disable=SC2154  # set by join_groups
kill "$joined" 2>/dev/null

# -M /proc against netlink, for what both show: names, Link#, IPv6
# rows, counters of idle interfaces.
cmp_cols() {
	"$@" | awk '$1 != "veth0" && $1 != "'$LONG'" && $1 != "lo" { print $1, $3, $4, $5, $6, $7, $8, $9 }' | sort
}
a=$(cmp_cols ns -inW -f inet6)
b=$(cmp_cols ns -M /proc -inW -f inet6)
expect_eq "-M /proc = netlink (IPv6 rows)" "$b" "$a"
a=$(ns -in -f link | awk 'NR > 1 { sub(/\*$/, "", $1); print $1, $3 }')
b=$(ns -M /proc -in -f link | awk 'NR > 1 { print $1, $3 }')
expect_eq "-M /proc = netlink (names, Link#)" "$b" "$a"
a=$(ns -in -I vdown0 | awk '/<Link/ { print $5, $6, $7, $8, $9 }')
b=$(ns -M /proc -in -I vdown0 | awk '/<Link/ { print $4, $5, $6, $7, $8 }')
expect_eq "-M /proc = netlink (counters)" "$b" "$a"
expect_match "-M /proc: Mtu unknown" "$(ns -M /proc -in -I lo)" '^lo +- +<Link#1>'

# JSON -i: numbers whole, the same as the text.
json_ok "-i JSON parses" ns -i --libxo json
json_ok "-ibdt JSON parses" ns -ibdt --libxo json,pretty
r=$(stable sh -c '"$NETSTAT" -inb -I veth0 --libxo json | python3 -c "
import json, sys
r = json.load(sys.stdin)[\"statistics\"][\"interface\"][0]
print(r[\"interface-name\"], r[\"mtu\"], r[\"link\"], r[\"received-packets\"], r[\"sent-bytes\"])"
awk "\$1 == \"veth0:\" { print \$3, \$10 }" /proc/net/dev')
expect_eq "-i JSON: link row values" "$(echo "$r" | sed -n 1p)" \
    "veth0 1400 $(cat /sys/class/net/veth0/ifindex) $(echo "$r" | sed -n 2p)"

# The interval display.
ns -w 1 -q 2 -I veth0 >"$LABTMP/w" 2>"$LABTMP/we" &
wpid=$!
sleep 0.3
send_frames veth0 $LONG 200
wait $wpid
expect_eq "-w -q 2: exit 0" "$?" 0
out=$(cat "$LABTMP/w")
expect_eq "-w: banner" "$(echo "$out" | sed -n 1p)" \
    "            input        (veth0)           output"
expect_eq "-w: header" "$(echo "$out" | sed -n 2p)" \
    "   packets  errs      bytes    packets  errs      bytes colls"
expect_eq "-w -q 2: two lines" "$(echo "$out" | sed 1,2d | wc -l)" 2
sent=$(echo "$out" | awk 'NR > 2 { s += $4 } END { print s }')
check "-w: deltas show the 200 frames sent ($sent)" test "$sent" -ge 200
bytes=$(echo "$out" | awk 'NR > 2 { s += $6 } END { print s }')
check "-w: bytes delta at least 200 x 114 ($bytes)" test "$bytes" -ge 22800
expect_match "-w: row layout" "$out" \
    '^ {0,9}[0-9]{1,10} {1,5}[0-9]+ {1,10}[0-9]+ {1,10}[0-9]+ {1,5}[0-9]+ {1,10}[0-9]+ {1,5}[0-9]+$'

out=$(ns -w 1 -q 1 -d -v)
expect_match "-w -v -d: banner (Total), shifted by the time" "$out" \
    '^ {9} {12}input {8}\(Total\) {11}output$'
expect_match "-w -d: drops column" "$out" 'colls drops$'
expect_match "-w -v: HH:MM:SS prefix" "$out" \
    '^[0-2][0-9]:[0-5][0-9]:[0-5][0-9] +[0-9]+( +[0-9]+){7}$'

json_ok "-w JSON parses" ns -w 1 -q 2 -I veth0 --libxo json
got=$(ns -w 1 -q 2 --libxo json | python3 -c '
import json, sys
print(len(json.load(sys.stdin)["statistics"]["interface-statistics"]))')
expect_eq "-w JSON: one object per interval" "$got" 2

# SIGINT ends the display with exit 0 and a closed JSON document.
python3 - "$NETSTAT" "$LABTMP/int" <<'EOF'
import signal, subprocess, sys, time
out = open(sys.argv[2], 'w')
p = subprocess.Popen([sys.argv[1], '-w', '1', '--libxo', 'json'], stdout=out,
    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
time.sleep(1.5)
p.send_signal(signal.SIGINT)
print(p.wait(), file=open(sys.argv[2] + '.rc', 'w'))
EOF
expect_eq "SIGINT: exit 0" "$(cat "$LABTMP/int.rc")" 0
check "SIGINT: JSON closed and parses" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["statistics"]["interface-statistics"]
assert len(d) >= 1' "$LABTMP/int"

# An interface that goes away ends the display: message, exit 1.
ip link add vgone0 type veth peer name vgone1
ns -w 1 -I vgone0 >"$LABTMP/g" 2>"$LABTMP/ge" &
gpid=$!
sleep 1.5
ip link del vgone0
wait $gpid
expect_eq "vanished interface: exit 1" "$?" 1
expect_eq "vanished interface: message" "$(cat "$LABTMP/ge")" \
    "netstat: vgone0: interface went away"

# Counters going backwards (an interface with traffic removed from the
# total) print 0, not a wrapped number.
veth vbig0 vbig1
send_frames vbig0 vbig1 300
ns -w 1 -q 1 >"$LABTMP/b" &
bpid=$!
sleep 0.3
ip link del vbig0
wait $bpid
expect_eq "backwards total: packets 0" \
    "$(awk 'NR == 3 { print $1, $4 }' "$LABTMP/b")" "0 0"

# Bad input.
for w in 0 x -1 99999999; do
	ns -w "$w" >/dev/null 2>"$LABTMP/e"
	expect_eq "-w $w: exit 1" "$?" 1
	expect_eq "-w $w: message" "$(cat "$LABTMP/e")" \
	    "netstat: -w: invalid interval: $w"
done
ns -w 1 -q 0 >/dev/null 2>"$LABTMP/e"
expect_eq "-q 0: rejected" "$?:$(cat "$LABTMP/e")" "1:netstat: -q: invalid count: 0"
ns -w 1 -I nosuch0 >/dev/null 2>"$LABTMP/e"
expect_eq "-w -I unknown" "$?:$(cat "$LABTMP/e")" \
    "1:netstat: nosuch0: no such interface"

# jc reads our text as BSD netstat -i.
if command -v jc >/dev/null 2>&1; then
	got=$(ns -in -I veth0 | jc --netstat | python3 -c '
import json, sys
r = json.load(sys.stdin)
print(r[0]["iface"], r[0]["mtu"], r[0]["network"], r[1]["network"], r[1]["address"])')
	expect_eq "jc --netstat parses -i" "$got" \
	    "veth0 1400 <Link#$(cat /sys/class/net/veth0/ifindex)> 10.0.1/24 10.0.1.1"
fi

wait $w22pid
out=$(cat "$LABTMP/w22")
expect_eq "-w -q 22: 22 lines and 2 headers" "$(echo "$out" | wc -l)" 26
expect_eq "-w: header again after 21 lines" \
    "$(echo "$out" | awk '/input/ { printf "%d ", NR }')" "1 24 "

# Without netlink (a shim makes socket(AF_NETLINK) fail as a sandbox
# would), the same table from net/dev, if_inet6 and sysfs; IPv4 addresses
# have no proc file and are left out.
if command -v cc >/dev/null 2>&1; then
	cat >"$LABTMP/nonl.c" <<'EOF2'
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <sys/socket.h>
int
socket(int d, int t, int p)
{
	static int (*real)(int, int, int);

	if (d == AF_NETLINK) {
		errno = EAFNOSUPPORT;
		return (-1);
	}
	if (real == NULL)
		real = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
	return (real(d, t, p));
}
EOF2
	if cc -shared -fPIC -o "$LABTMP/nonl.so" "$LABTMP/nonl.c" -ldl \
	    2>/dev/null; then
		nonl() {
			LD_PRELOAD=$LABTMP/nonl.so \
			    ASAN_OPTIONS=verify_asan_link_order=0 "$NETSTAT" "$@"
		}
		a=$(ns -in -f link | awk '{ print $1, $2, $3, $4 }')
		b=$(nonl -in -f link | awk '{ print $1, $2, $3, $4 }')
		expect_eq "no netlink: link rows from net/dev + sysfs" "$b" "$a"
		a=$(ns -inW -f inet6 | awk '{ print $1, $2, $3, $4 }' | sort)
		b=$(nonl -inW -f inet6 | awk '{ print $1, $2, $3, $4 }' | sort)
		expect_eq "no netlink: IPv6 rows from if_inet6" "$b" "$a"
		out=$(nonl -w 1 -q 1 -I veth0 2>&1)
		expect_match "no netlink: -w from net/dev" "$out" '^ +[0-9]+ +0 '
	else
		notok "no netlink: the shim did not build"
	fi
fi
