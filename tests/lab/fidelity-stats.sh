# Lab test for -s against BSD's layout (issue 9): blocks in BSD's order
# then Linux's own, sub-counters nested under their parent with two tabs,
# Linux settings at the end of their block, every counter of net/snmp,
# net/netstat and net/snmp6 on a line of its own with a phrase (no kernel
# name left), and JSON that parses.

# Some traffic, so that the -ss checks have lines to look at.
ping -c 1 -W 1 127.0.0.1 >/dev/null 2>&1
ping -c 1 -W 1 ::1 >/dev/null 2>&1

out=$(ns -s)
t=$LABTMP/fidelity-s.txt
printf '%s\n' "$out" >"$t"

# Order: BSD's blocks, then the ones only Linux has.
expect_eq "-s: blocks in BSD order, then Linux's" \
    "$(grep '^[a-z]' "$t" | tr '\n' ' ')" \
    "tcp: udp: ip: icmp: ip6: icmp6: udplite: udp6: udplite6: mptcp: "
expect_eq "-s -p igmp: igmp on request" \
    "$(ns -s -p igmp | grep -c '^igmp:')" 1

# Each block's first line, as BSD's.
first() {
	awk -v b="$1:" '$0 == b { getline; print; exit }' "$t"
}
expect_match "tcp opens with packets sent" "$(first tcp)" \
    '^	[0-9]+ packets? sent$'
expect_match "udp opens with datagrams received" "$(first udp)" \
    '^	[0-9]+ datagrams? received$'
expect_match "ip opens with total packets received" "$(first ip)" \
    '^	[0-9]+ total packets? received$'
expect_match "icmp opens with output, as BSD" "$(first icmp)" \
    '^	[0-9]+ messages? sent$'
expect_match "ip6 opens with total packets received (ip6_stats words)" \
    "$(first ip6)" '^	[0-9]+ total packets? received$'
expect_match "icmp6 opens with output, as icmp" "$(first icmp6)" \
    '^	[0-9]+ messages? sent$'
expect_match "icmp6 on lo keeps FreeBSD's per-interface words" \
    "$(ns -s -I lo -p icmp6)" '^	[0-9]+ total input messages?$'
expect_nomatch "ip6: no per-interface wording in the global block" \
    "$(sed -n '/^ip6:$/,/^icmp6:$/p' "$t")" 'total input datagram'

# Nesting: the line after a parent is its first child, two tabs in.
after() {
	awk -v re="$1" 'f { print; exit } $0 ~ re { f = 1 }' "$t"
}
expect_match "ip: bad header checksums under total packets received" \
    "$(after '^	[0-9]+ total packets? received$')" \
    '^		[0-9]+ bad header checksums?$'
expect_match "udp: drops under datagrams received" \
    "$(after '^	[0-9]+ datagrams? received$')" '^		[0-9]+ with errors$'
expect_match "tcp: data packets under packets sent" \
    "$(after '^	[0-9]+ packets? sent$')" '^		[0-9]+ data packets?$'
expect_match "ip: fragments' outcomes a level deeper" \
    "$(after '^		[0-9]+ fragments? received$')" '^			[0-9]+ '
expect_match "ip: sent parent with its children" \
    "$(after '^	[0-9]+ packets? sent from this host$')" '^		[0-9]+ '
# No "\t\t" line opens a block: each has a parent above it.
expect_eq "-s: no block opens with a nested line" \
    "$(awk '/^[a-z]/ { h = 1; next } h && /^		/ { n++ } { h = 0 }
    END { print n + 0 }' "$t")" 0

# Settings last: after every counter of their block.
last_lines() {
	sed -n "/^$1:\$/,/^[a-z]/p" "$t" | grep '^	' | tail -"$2"
}
expect_match "tcp: the settings close the block" "$(last_lines tcp 1)" \
    '^	(no limit on connections|connection limit: [0-9]+)$'
expect_match "tcp: RTO algorithm among the last lines" \
    "$(last_lines tcp 4)" '^	retransmit timeout algorithm: '
expect_match "ip: default TTL closes the block" "$(last_lines ip 1)" \
    '^	default time to live: [0-9]+$'

# Every counter with a phrase: no kernel name shape in any line.
expect_nomatch "-s: no raw kernel counter name" "$out" '[A-Z][a-z]+[A-Z]'
expect_nomatch "-s: no mptcpext block" "$out" '^mptcpext:'
mp=$(grep -c '^MPTcpExt:' /proc/net/netstat)
if [ "$mp" -gt 0 ]; then
	n=$(awk '$1 == "MPTcpExt:" { print NF - 1; exit }' /proc/net/netstat)
	expect_eq "mptcp: one line per MPTcpExt counter" \
	    "$(sed -n '/^mptcp:$/,/^[a-z]/p' "$t" | grep -c '^	')" "$n"
fi

# Exactly once: one line per counter of the three files (the histogram
# headings aside; each histogram entry is a counter of its own).
want=$(python3 - <<'EOF'
n = 0
for f in ("snmp", "netstat"):
    lines = open("/proc/net/" + f).read().splitlines()
    for i in range(0, len(lines) - 1, 2):
        n += len(lines[i].split()) - 1
n += sum(1 for l in open("/proc/net/snmp6") if l.strip())
print(n)
EOF
)
expect_eq "-s: one line per kernel counter" \
    "$(grep '^	' "$t" | grep -vc '^	[A-Z][a-z]* histogram:$')" "$want"

# -ss keeps the layout; -s -w deltas nest the same way.
expect_nomatch "-ss hides zeros, nested lines too" "$(ns -ss)" '^	+0 '
w=$(ns -s -p udp -w 1 -q 1)
expect_match "-s -w: udp nested in the deltas" "$w" \
    '^		[0-9]+ dropped due to no socket$'

# JSON: parses; udp's keys: FreeBSD's, else the kernel name after "Udp".
json_ok "-s --libxo json parses" ns -s --libxo json
expect_eq "JSON: the mptcp container" \
    "$(ns -s --libxo json | python3 -c 'import json,sys
print("mptcp" in json.load(sys.stdin)["statistics"])')" True
expect_eq "JSON: udp keys" \
    "$(ns -s -p udp --libxo json | python3 -c 'import json,sys
print(" ".join(sorted(json.load(sys.stdin)["statistics"]["udp"])))')" \
    "$(printf '%s ' dropped-bad-checksum dropped-broadcast-multicast \
    dropped-full-socket-buffer dropped-no-socket in-errors mem-errors \
    output-packets received-datagrams sndbuf-errors |
    sed 's/ $//')"
