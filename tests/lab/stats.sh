# Lab test for -s: traffic made here moves the counters netstat prints,
# in -s and in -s -w; every kernel counter is printed exactly once; JSON
# parses in every mode.  Runs in a private network namespace (lo up).

# Python helpers: jget FILE BLOCK KEY prints a member of a -s JSON
# document (0 when absent); hist FILE BLOCK LIST NAME a histogram count.
jget() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))["statistics"]
print(d.get(sys.argv[2], {}).get(sys.argv[3], 0))' "$@"
}
hist() {
	python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))["statistics"].get(sys.argv[2], {})
print(sum(e["count"] for e in d.get(sys.argv[3], [])
    if e["name"] == sys.argv[4]))' "$@"
}
# atleast DESC BEFORE AFTER N: AFTER - BEFORE >= N
atleast() {
	if [ $(($3 - $2)) -ge "$4" ]; then
		ok "$1 (+$(($3 - $2)))"
	else
		notok "$1: moved by $(($3 - $2)), want at least $4"
	fi
}

ns --libxo json -s >"$LABTMP/before.json"
json_ok "-s json before traffic" cat "$LABTMP/before.json"

# Traffic: 5 TCP connections over lo, 7 UDP datagrams to a closed port
# (each answered by an ICMP port unreachable), one ICMP echo over a raw
# socket, answered by the kernel, and 3 UDP datagrams to a closed IPv6
# port.
python3 - <<'EOF'
import socket, struct, time
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(8)
port = srv.getsockname()[1]
for i in range(5):
    c = socket.create_connection(("127.0.0.1", port))
    a, _ = srv.accept()
    c.sendall(b"x" * 100)
    a.recv(100)
    c.close()
    a.close()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(7):
    u.sendto(b"hello", ("127.0.0.1", 9))
def cksum(b):
    t = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    t = (t >> 16) + (t & 0xffff)
    t += t >> 16
    return ~t & 0xffff
r = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
pkt = struct.pack("!BBHHH", 8, 0, 0, 7, 1) + b"ping"
pkt = struct.pack("!BBHHH", 8, 0, cksum(pkt), 7, 1) + b"ping"
r.sendto(pkt, ("127.0.0.1", 0))
r.settimeout(2)
r.recv(200)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
for i in range(3):
    u6.sendto(b"x", ("::1", 9))
time.sleep(0.2)
EOF

ns --libxo json -s >"$LABTMP/after.json"
json_ok "-s json after traffic" cat "$LABTMP/after.json"
b=$LABTMP/before.json
a=$LABTMP/after.json
atleast "tcp connection requests" "$(jget $b tcp connection-requests)" \
    "$(jget $a tcp connection-requests)" 5
atleast "tcp connection accepts" "$(jget $b tcp connections-accepts)" \
    "$(jget $a tcp connections-accepts)" 5
atleast "tcp packets sent" "$(jget $b tcp sent-packets)" \
    "$(jget $a tcp sent-packets)" 15
atleast "udp dropped due to no socket" "$(jget $b udp dropped-no-socket)" \
    "$(jget $a udp dropped-no-socket)" 7
atleast "udp datagrams output" "$(jget $b udp output-packets)" \
    "$(jget $a udp output-packets)" 7
atleast "icmp input histogram: destination unreachable" \
    "$(hist $b icmp input-histogram 'destination unreachable')" \
    "$(hist $a icmp input-histogram 'destination unreachable')" 7
atleast "icmp output histogram: destination unreachable" \
    "$(hist $b icmp output-histogram 'destination unreachable')" \
    "$(hist $a icmp output-histogram 'destination unreachable')" 7
atleast "icmp input histogram: echo" "$(hist $b icmp input-histogram echo)" \
    "$(hist $a icmp input-histogram echo)" 1
atleast "icmp output histogram: echo reply" \
    "$(hist $b icmp output-histogram 'echo reply')" \
    "$(hist $a icmp output-histogram 'echo reply')" 1
atleast "icmp input histogram: echo reply" \
    "$(hist $b icmp input-histogram 'echo reply')" \
    "$(hist $a icmp input-histogram 'echo reply')" 1
atleast "udp6 dropped due to no socket" "$(jget $b udp6 dropped-no-socket)" \
    "$(jget $a udp6 dropped-no-socket)" 3
atleast "icmp6 output destination unreachable" \
    "$(jget $b icmp6 sent-destination-unreachable)" \
    "$(jget $a icmp6 sent-destination-unreachable)" 3

# The figures are the kernel's: the same as /proc/net/snmp says (the
# namespace is quiet now).
want=$(awk '$1 == "Tcp:" && $2 ~ /^[0-9-]/ { print $6 }' /proc/net/snmp)
expect_eq "tcp connection requests = Tcp ActiveOpens" \
    "$(ns --libxo json -s -p tcp | python3 -c 'import json,sys
print(json.load(sys.stdin)["statistics"]["tcp"]["connection-requests"])')" \
    "$want"
want=$(awk '$1 == "Udp:" && $2 ~ /^[0-9]/ { print $3 }' /proc/net/snmp)
out=$(ns -s -p udp)
expect_match "udp text: $want dropped due to no socket" "$out" \
    "^		$want dropped due to no socket\$"
expect_match "tcp text: connections currently established (a gauge)" \
    "$(ns -s -p tcp)" '^	[0-9]+ connections? currently established$'
expect_eq "-s live equals -s -M /proc" "$(ns -s | md5sum)" \
    "$(ns -M /proc -s | md5sum)"
no_trailing_blanks "-s text has no trailing blanks" "$(ns -s)"
expect_nomatch "-ss hides zeros" "$(ns -ss)" '^	+0 '

# Blocks selected by -p and -f.
expect_eq "-s -p tcp: one block" "$(ns -s -p tcp | grep -c '^[a-z]')" 1
expect_eq "-s -f inet6 blocks" "$(ns -s -f inet6 | grep '^[a-z]' | tr '\n' ' ')" \
    "ip6: icmp6: udp6: udplite6: "
expect_eq "-s -f inet blocks" "$(ns -s -f inet | grep '^[a-z]' | tr '\n' ' ')" \
    "tcp: udp: ip: icmp: udplite: mptcp: "
expect_match "-s -p igmp says Linux keeps no counters" "$(ns -s -p igmp)" \
    '^igmp: Linux keeps no IGMP statistics'
expect_match "-is -I lo" "$(ns -is -I lo)" '^ip6 on lo:$'
expect_match "-s -I lo icmp6" "$(ns -s -I lo)" '^icmp6 on lo:$'
check "-s -I nosuch fails" sh -c '! "$NETSTAT" -s -I nosuch 2>/dev/null'
expect_eq "-s -I nosuch message" "$(ns -s -I nosuch 2>&1)" \
    "netstat: nosuch: no such interface"

# -s -w: deltas per interval while UDP datagrams keep arriving at a
# closed port; settings and gauges stay values.
python3 -c 'import socket,time
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(80):
    u.sendto(b"x", ("127.0.0.1", 9)); time.sleep(0.05)' &
ns --libxo json -s -w 1 -q 2 >"$LABTMP/watch.json"
json_ok "-s -w 1 -q 2 json" cat "$LABTMP/watch.json"
python3 - "$LABTMP/watch.json" >"$LABTMP/watch.txt" <<'EOF'
import json, sys
iv = json.load(open(sys.argv[1]))["statistics"]["interval-statistics"]
print(len(iv))
for s in iv:
    print(s["udp"]["dropped-no-socket"], s["tcp"]["rto-min"],
        s["ip"]["default-ttl"], s["icmp"]["input-histogram"][0]["count"]
        if "input-histogram" in s["icmp"] else 0)
EOF
expect_eq "-s -w 1 -q 2: two intervals" "$(head -1 "$LABTMP/watch.txt")" 2
total=$(($(jget $a udp dropped-no-socket) + 0))
while read -r d rto ttl h; do
	if [ "$d" -ge 5 ] && [ "$d" -le 40 ]; then
		ok "-s -w: udp no-socket delta $d in an interval"
	else
		notok "-s -w: udp no-socket delta $d, want 5..40 (a delta, not $total+)"
	fi
	expect_eq "-s -w: RtoMin stays a setting" "$rto" 200
	expect_eq "-s -w: default TTL stays a setting" "$ttl" 64
done <<EOF
$(tail -n +2 "$LABTMP/watch.txt")
EOF
out=$(ns -s -p udp -w 1 -q 2)
expect_eq "-s -p udp -w 1 -q 2 text: two blocks" \
    "$(printf '%s\n' "$out" | grep -c '^udp:$')" 2
expect_match "-s -w text: deltas" "$out" '^		[1-9][0-9]? dropped due to no socket$'
wait

# SIGINT ends -s -w with exit 0 and the JSON closed.  A job started
# with & from a script has SIGINT ignored, which netstat honours (see
# netstat.1): start it with the default action, as a terminal would.
python3 - "$NETSTAT" "$LABTMP/int" <<'PY'
import signal, subprocess, sys, time
out = open(sys.argv[2] + '.json', 'w')
p = subprocess.Popen([sys.argv[1], '--libxo', 'json', '-s', '-w', '1'],
    stdout=out,
    preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
time.sleep(1.5)
p.send_signal(signal.SIGINT)
print(p.wait(), file=open(sys.argv[2] + '.rc', 'w'))
PY
expect_eq "-s -w: SIGINT exits 0" "$(cat "$LABTMP/int.rc")" 0
json_ok "-s -w: SIGINT leaves valid JSON" cat "$LABTMP/int.json"

# JSON for every mode.
for args in "-s" "-ss" "-s -f inet" "-s -f inet6" "-s -p ip" "-s -p icmp" \
    "-s -p igmp" "-s -p tcp" "-s -p udp" "-s -p udplite" "-s -p ip6" \
    "-s -p icmp6" "-s -p udp6" "-s -p udplite6" "-is" "-is -I lo" \
    "-s -I lo -p icmp6" "-s -w 1 -q 1 -p icmp" "-is -I lo -w 1 -q 1"; do
	# shellcheck disable=SC2086
	json_ok "json: $args" ns --libxo json $args
done

# Every counter of the live snmp, netstat and snmp6 (and dev_snmp6/lo)
# is printed exactly once: a copy of them with a distinct value each
# must show every value once in the text and once in the JSON, and no
# other number.
python3 - "$LABTMP/tree" <<'EOF'
import os, sys
root = sys.argv[1]
os.makedirs(root + "/net/dev_snmp6", exist_ok=True)
v = [1000003]
def nxt():
    v[0] += 7
    return str(v[0])
vals = []
for f in ("snmp", "netstat"):
    lines = open("/proc/net/" + f).read().splitlines()
    out = []
    for i in range(0, len(lines), 2):
        names = lines[i].split()
        nums = [nxt() for n in names[1:]]
        vals += nums
        out += [lines[i], names[0] + " " + " ".join(nums)]
    open(root + "/net/" + f, "w").write("\n".join(out) + "\n")
for f, dst in (("snmp6", "snmp6"), ("dev_snmp6/lo", "dev_snmp6/lo")):
    out = []
    mine = []
    for l in open("/proc/net/" + f).read().splitlines():
        n = l.split()[0]
        x = nxt()
        mine.append(x)
        out.append("%-32s\t%s" % (n, x))
    open(root + "/net/" + dst, "w").write("\n".join(out) + "\n")
    if f == "snmp6":
        vals += mine
    else:
        open(root + "/lo.values", "w").write("\n".join(mine) + "\n")
open(root + "/values", "w").write("\n".join(vals) + "\n")
EOF
cat >"$LABTMP/once.py" <<'EOF'
import json, re, sys
want = open(sys.argv[1]).read().split()
text = open(sys.argv[2]).read()
def nodup(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        print("duplicate JSON key in", keys)
        sys.exit(1)
    return dict(pairs)
doc = json.load(open(sys.argv[3]), object_pairs_hook=nodup)
leaves = []
def walk(x):
    if isinstance(x, dict):
        for y in x.values(): walk(y)
    elif isinstance(x, list):
        for y in x: walk(y)
    elif isinstance(x, int) and not isinstance(x, bool):
        leaves.append(str(x))
walk(doc)
bad = 0
nums = re.findall(r"\b\d{7,}\b", text)
for w in want:
    if nums.count(w) != 1:
        print("text: value", w, "printed", nums.count(w), "times"); bad = 1
    if leaves.count(w) != 1:
        print("json: value", w, "printed", leaves.count(w), "times"); bad = 1
if sorted(nums) != sorted(want) or sorted(leaves) != sorted(want):
    print("numbers that are no counter:", set(nums) ^ set(want),
        set(leaves) ^ set(want)); bad = 1
print("counters:", len(want))
sys.exit(bad)
EOF
t=$LABTMP/tree
ns -M "$t" -s >"$t/s.txt"
ns -M "$t" --libxo json -s >"$t/s.json"
if python3 "$LABTMP/once.py" "$t/values" "$t/s.txt" "$t/s.json" \
    >"$t/once.out" 2>&1; then
	ok "-s: every counter of snmp, netstat, snmp6 exactly once ($(tail -1 "$t/once.out"))"
else
	notok "-s: counters missing or repeated"
	head -20 "$t/once.out" | sed 's/^/#   /'
fi
ns -M "$t" -s -I lo >"$t/lo.txt"
ns -M "$t" --libxo json -s -I lo >"$t/lo.json"
if python3 "$LABTMP/once.py" "$t/lo.values" "$t/lo.txt" "$t/lo.json" \
    >"$t/lo.out" 2>&1; then
	ok "-s -I lo: every counter of dev_snmp6/lo exactly once"
else
	notok "-s -I lo: counters missing or repeated"
	head -20 "$t/lo.out" | sed 's/^/#   /'
fi
