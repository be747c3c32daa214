# Lab test for -s's JSON keys: one rule for every counter (FreeBSD's key,
# else the kernel name after its section, lower case, dashes), one key a
# counter in every block of its family, settings as booleans and names,
# per-interface blocks keyed by interface-name, -s -w intervals that parse.
# Runs in a private network namespace (lo up).

ns --libxo json -s >"$LABTMP/s.json"
json_ok "-s --libxo json parses" cat "$LABTMP/s.json"

# keys FILE: "bad KEY" for a key not lower case with dashes, "dup KEY" for
# a key twice in one object, else nothing.
keys() {
	python3 - "$1" <<'EOF'
import json, re, sys
bad = []
def pairs(ps):
    seen = set()
    for k, _ in ps:
        if k in seen:
            bad.append("dup " + k)
        seen.add(k)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", k):
            bad.append("bad " + k)
    return dict(ps)
json.load(open(sys.argv[1]), object_pairs_hook=pairs)
print(" ".join(bad))
EOF
}
expect_eq "-s: every key lower case with dashes, none twice" \
    "$(keys "$LABTMP/s.json")" ""
ns --libxo json -is >"$LABTMP/is.json"
expect_eq "-is: every key lower case with dashes, none twice" \
    "$(keys "$LABTMP/is.json")" ""

# blockkeys BLOCK...: each block's sorted keys on a line.
blockkeys() {
	python3 - "$LABTMP/s.json" "$@" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["statistics"]
for b in sys.argv[2:]:
    print(" ".join(sorted(s.get(b, {"(missing)": 0}))))
EOF
}
udp=$(blockkeys udp)
expect_eq "udp6 has udp's keys" "$(blockkeys udp6)" "$udp"
expect_match "udp: FreeBSD's received-datagrams" "$udp" \
    '(^| )received-datagrams( |$)'
expect_nomatch "udp6: no family prefix in a key" "$(blockkeys udp6)" \
    'udp6-'
expect_eq "udplite has udp's keys" "$(blockkeys udplite)" "$udp"

# The same counter in ip and ip6, icmp and icmp6: the same key.
both() {
	python3 - "$LABTMP/s.json" "$@" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["statistics"]
a, b = s[sys.argv[2]], s[sys.argv[3]]
print(" ".join(k for k in sys.argv[4:] if k not in a or k not in b))
EOF
}
expect_eq "ip and ip6 share their counters' keys" \
    "$(both ip ip6 received-packets received-fragments reassembled-packets \
    received-local-packets forwarded-packets sent-packets discard-no-mbufs \
    discard-no-route sent-fragments fragments-created \
    discard-cannot-fragment dropped-invalid-header dropped-no-route \
    dropped-discarded received-multicast sent-multicast in-octets \
    out-octets reasm-timeout)" ""
expect_eq "icmp and icmp6 share their counters' keys" \
    "$(both icmp icmp6 received-packets received-errors sent-packets \
    sent-errors received-destination-unreachable \
    sent-destination-unreachable received-echo-requests \
    received-echo-replies sent-echo-requests sent-echo-replies \
    dropped-bad-checksum)" ""

# Settings: ip forwarding a boolean (following the sysctl), TCP's
# retransmit timeout algorithm a name; the text keeps its words.
member() {
	python3 -c 'import json,sys
v = json.load(sys.stdin)["statistics"][sys.argv[1]][sys.argv[2]]
print(type(v).__name__, json.dumps(v))' "$@"
}
echo 0 >/proc/sys/net/ipv4/ip_forward
expect_eq "ip forwarding off: false" \
    "$(ns --libxo json -s -p ip | member ip forwarding)" "bool false"
expect_match "ip forwarding off: the text's words" "$(ns -s -p ip)" \
    '^	packet forwarding disabled \(host\)$'
echo 1 >/proc/sys/net/ipv4/ip_forward
expect_eq "ip forwarding on: true" \
    "$(ns --libxo json -s -p ip | member ip forwarding)" "bool true"
expect_match "ip forwarding on: the text's words" "$(ns -s -p ip)" \
    '^	packet forwarding enabled \(router\)$'
echo 0 >/proc/sys/net/ipv4/ip_forward
expect_match "tcp rto-algorithm: a name" \
    "$(ns --libxo json -s -p tcp | member tcp rto-algorithm)" \
    '^str "(other|constant|rsre|vanj)"$'
expect_match "tcp rto-algorithm: the text's words" "$(ns -s -p tcp)" \
    '^	retransmit timeout algorithm: (other|constant|MIL-STD-1778|Van Jacobson)$'
expect_eq "tcp rto-min: a number" \
    "$(ns --libxo json -s -p tcp | member tcp rto-min | cut -d' ' -f1)" int

# -is and -s -I: the interface's key is the one every mode uses.
expect_eq "-is: interface-name in each per-interface block" \
    "$(python3 - "$LABTMP/is.json" <<'EOF'
import json, sys
s = json.load(open(sys.argv[1]))["statistics"]
print(sorted({"interface-name" in e and "name" not in e
    for l in s.values() for e in l}))
EOF
)" "[True]"
expect_eq "-s -I lo: interface-name lo" \
    "$(ns --libxo json -s -I lo | python3 -c 'import json,sys
s = json.load(sys.stdin)["statistics"]
print(sorted({e["interface-name"] for l in s.values() for e in l}))')" \
    "['lo']"

# -s -w: each interval a document part that parses, with the same keys.
ns --libxo json -s -w 1 -q 2 >"$LABTMP/w.json"
json_ok "-s -w 1 -q 2 json parses" cat "$LABTMP/w.json"
expect_eq "-s -w: keys by the rule, none twice" "$(keys "$LABTMP/w.json")" ""
expect_eq "-s -w: two intervals, udp6 keyed as udp, settings kept" \
    "$(python3 - "$LABTMP/w.json" <<'EOF'
import json, sys
iv = json.load(open(sys.argv[1]))["statistics"]["interval-statistics"]
print(len(iv), all(sorted(i["udp"]) == sorted(i["udp6"]) and
    isinstance(i["ip"]["forwarding"], bool) and
    isinstance(i["tcp"]["rto-algorithm"], str) for i in iv))
EOF
)" "2 True"
ns --libxo json -is -w 1 -q 1 >"$LABTMP/wi.json"
json_ok "-is -w 1 -q 1 json parses" cat "$LABTMP/wi.json"
expect_eq "-is -w: keys by the rule, none twice" \
    "$(keys "$LABTMP/wi.json")" ""
