# Lab test: netstat while the kernel state changes under it.  Helpers
# open and close thousands of TCP connections (IPv4 and IPv6), UDP and
# unix sockets, and add and remove veth interfaces with their addresses,
# routes and neighbours, while -an, -anv, -L, -i, -rn, -s and -g run in a
# loop.  Every run exits 0 with nothing on standard error, its rows are
# well formed, each header comes once, and no Internet socket is listed
# twice.  Except where the kernel lists it twice: a dump resumes at the
# count of sockets already sent from a hash chain, and a socket added at
# the head of that chain meanwhile shifts the ones sent last into the next
# reply.  Such repeats (any unix row; an Internet row again within a few
# rows) are counted and noted, not failed, until unix.c and inet.c drop
# them.  Then -I IF -w 1 (and -s -I IF -w 1) while IF is deleted ends
# with one line, exit 1.

CHURN=${CHURN:-40}	# seconds of churn; the runs stop a few seconds sooner

cat >"$LABTMP/churn.py" <<'PY'
import os, socket, sys, time

kind, stop = sys.argv[1], time.time() + float(sys.argv[2])

def tcp(family, host):
	l = socket.socket(family)
	l.bind((host, 0))
	l.listen(128)
	addr = l.getsockname()
	while time.time() < stop:
		conns = []
		for i in range(50):
			c = socket.socket(family)
			c.connect(addr)
			a, _ = l.accept()
			conns.append((c, a))
		# Both orders of closing: TIME_WAIT on either side.
		for i, (c, a) in enumerate(conns):
			(c if i % 2 else a).close()
		for i, (c, a) in enumerate(conns):
			(a if i % 2 else c).close()

def udp():
	while time.time() < stop:
		s = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
		    for i in range(50)]
		for u in s:
			u.bind(("127.0.0.1", 0))
		for u in s:
			u.close()

def unix():
	name = "\0netstat-churn-%d" % os.getpid()
	l = socket.socket(socket.AF_UNIX)
	l.bind(name)
	l.listen(128)
	while time.time() < stop:
		conns = []
		for i in range(50):
			c = socket.socket(socket.AF_UNIX)
			c.connect(name)
			a, _ = l.accept()
			conns.append((c, a))
			conns.append(socket.socketpair())
		for c, a in conns:
			c.close()
			a.close()

def standing():
	"""A listener and a unix socket for the whole test: no empty table."""
	l = socket.socket()
	l.bind(("127.0.0.1", 0))
	l.listen(1)
	x = socket.socket(socket.AF_UNIX)
	x.bind("\0netstat-churn")
	x.listen(1)
	open(sys.argv[3], "w").write("ready\n")
	time.sleep(max(stop - time.time(), 0))

if kind == "standing":
	standing()
elif kind == "tcp4":
	tcp(socket.AF_INET, "127.0.0.1")
elif kind == "tcp6":
	tcp(socket.AF_INET6, "::1")
elif kind == "udp":
	udp()
else:
	unix()
PY

# Links, addresses, routes and neighbours come and go.
netchurn() {
	_end=$(($(date +%s) + $1))
	_i=0
	while [ "$(date +%s)" -lt $_end ]; do
		_i=$(((_i + 1) % 50))
		ip link add cv$_i type veth peer name cw$_i 2>/dev/null
		ip link set cv$_i up 2>/dev/null
		ip addr add 10.90.$_i.1/24 dev cv$_i 2>/dev/null
		ip -6 addr add 2001:db8:90:$_i::1/64 dev cv$_i nodad 2>/dev/null
		ip route add 10.91.$_i.0/24 via 10.90.$_i.2 2>/dev/null
		ip neigh add 10.90.$_i.2 lladdr 02:00:00:00:90:02 dev cv$_i \
		    nud permanent 2>/dev/null
		if [ $((_i % 3)) = 0 ]; then
			ip link del cv$_i 2>/dev/null
		fi
	done
}

# Some standing state, so that every table has rows.
ip link add cs0 type veth peer name cs1
ip addr add 10.89.0.1/24 dev cs0
ip link set cs0 up
ip link set cs1 up
python3 "$LABTMP/churn.py" standing "$CHURN" "$LABTMP/ready" &
i=0
while [ ! -s "$LABTMP/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
for k in tcp4 tcp6 udp unix; do
	python3 "$LABTMP/churn.py" $k "$CHURN" &
done
netchurn "$CHURN" &

# The runs: a few hundred, each saved for the checks below.
mkdir -p "$LABTMP/runs"
modes="-an -anv -L -i -rn -s -g"
end=$(($(date +%s) + CHURN - 4))
n=0
while [ "$(date +%s)" -lt $end ] && [ $n -lt 420 ]; do
	for m in $modes; do
		n=$((n + 1))
		timeout 20 "$NETSTAT" $m >"$LABTMP/runs/$n.out" \
		    2>"$LABTMP/runs/$n.err"
		echo "$? $m" >"$LABTMP/runs/$n.rc"
	done
done
if [ $n -ge 100 ]; then
	ok "churn: $n runs"
else
	notok "churn: only $n runs"
fi

python3 - "$LABTMP/runs" <<'PY'
import collections, glob, os, re, sys

d = sys.argv[1]
inet = re.compile(r"(tcp|udp)(4|6|46) ")
unixrow = re.compile(r"[0-9a-f]{16} (stream|dgram|seqpac) ")
fails = collections.defaultdict(list)
runs = collections.Counter()
unixdup = collections.Counter()
inetdup = collections.Counter()
RESUME = 8

def fail(mode, why):
	fails[mode].append(why)

def columns(mode, line):
	"""The fixed columns of an -an row (BSD's printf widths)."""
	f = line.split()
	want = (6 if f[0].startswith("tcp") else 5) + (3 if "v" in mode else 0)
	if len(f) != want:
		return "%d fields, want %d" % (len(f), want)
	if len(f[0]) <= 5 and (line[5] != " " or line[12] != " " or
	    not line[6:12].strip().isdigit() or line[19:21] != "  " or
	    not line[13:19].strip().isdigit()):
		return "Recv-Q/Send-Q not in columns 6-19"
	if len(f[3]) <= 22 and (line[21:21 + len(f[3])] != f[3] or
	    line[43] != " "):
		return "local address not at column 21"
	if len(f[3]) <= 22 and len(f[4]) <= 22 and \
	    line[44:44 + len(f[4])] != f[4]:
		return "foreign address not at column 44"
	return None

def sockets(mode, lines):
	heads = ["Active Internet connections (including servers)",
	    "Active LOCAL (UNIX) domain sockets"]
	for h in heads + ["Proto Recv-Q Send-Q", "Address          Type"]:
		c = sum(1 for l in lines if l.startswith(h))
		if c != 1:
			fail(mode, "header %r %d times" % (h, c))
	seen = collections.Counter()
	last = {}
	for i, l in enumerate(lines):
		if inet.match(l):
			why = columns(mode, l)
			if why:
				fail(mode, "%s: %r" % (why, l))
			# Within a few rows: the kernel's resumed dump (see above).
			if l in last and i - last[l] <= RESUME:
				inetdup[mode] += 1
			else:
				seen[l] += 1
			last[l] = i
		elif unixrow.match(l):
			f = l.split()
			if len(f) not in (8, 9):
				fail(mode, "unix row of %d fields: %r" %
				    (len(f), l))
			if seen[l]:
				unixdup[mode] += 1
			seen[l] += 1
		elif not any(l.startswith(h) for h in heads +
		    ["Proto ", "Address "]):
			fail(mode, "stray line %r" % l)
	for l, c in seen.items():
		if c > 1 and inet.match(l):
			fail(mode, "inet row %d times: %r" % (c, l))

def once(mode, lines, prefixes, nodup):
	for h in prefixes:
		c = sum(1 for l in lines if l.startswith(h))
		if c != 1:
			fail(mode, "header %r %d times" % (h, c))
	if nodup:
		c = collections.Counter(lines)
		for l, k in c.items():
			if k > 1 and l.strip():
				fail(mode, "row %d times: %r" % (k, l))

for rcf in glob.glob(d + "/*.rc"):
	base = rcf[:-3]
	rc, mode = open(rcf).read().strip().split(" ", 1)
	runs[mode] += 1
	err = open(base + ".err", errors="replace").read()
	out = open(base + ".out", errors="replace").read()
	if "AddressSanitizer" in err or "runtime error" in err:
		fail(mode, "sanitizer report: " + err[:300])
	elif err:
		fail(mode, "stderr: " + err[:200])
	if rc != "0":
		fail(mode, "exit " + rc)
	lines = out.splitlines()
	if mode in ("-an", "-anv"):
		sockets(mode, lines)
	elif mode == "-L":
		once(mode, lines, ["Current listen queue sizes",
		    "Proto Listen"], True)
	elif mode == "-i":
		once(mode, lines, ["Name "], True)
	elif mode == "-rn":
		once(mode, lines, ["Routing tables", "Internet:",
		    "Internet6:"], False)
	elif mode == "-s":
		once(mode, lines, ["tcp:", "udp:", "ip:", "icmp:", "ip6:"],
		    False)

for mode in sorted(runs):
	if fails[mode]:
		print("not ok - churn: netstat %s: %d of %d runs: %s" % (mode,
		    len(fails[mode]), runs[mode], fails[mode][0]))
		for f in fails[mode][1:4]:
			print("#   " + f)
	else:
		print("ok - churn: netstat %s: %d runs well formed" %
		    (mode, runs[mode]))
for mode in sorted(unixdup):
	print("ok - churn: netstat %s: %d unix rows listed twice (known: "
	    "the kernel's resumed unix dump; unix.c to drop repeats)" %
	    (mode, unixdup[mode]))
for mode in sorted(inetdup):
	print("ok - churn: netstat %s: %d Internet rows listed again within "
	    "%d rows (known: the kernel's resumed inet_diag dump; inet.c to "
	    "drop repeats by cookie)" % (mode, inetdup[mode], RESUME))
PY

# An interface deleted under -w.
for m in "-I cg0 -w 1" "-s -I cg0 -w 1"; do
	ip link add cg0 type veth peer name cg1 2>/dev/null
	# shellcheck disable=SC2086
	timeout 10 "$NETSTAT" $m >"$LABTMP/w.out" 2>"$LABTMP/w.err" &
	pid=$!
	# Delete it once the display is running: it has printed.
	i=0
	while [ ! -s "$LABTMP/w.out" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 1.2
	ip link del cg0
	wait $pid
	rc=$?
	case $m in
	-s*)	# if.c says "went away", inet6.c "disappeared": either.
		expect_match "netstat $m, cg0 deleted: one line" \
		    "$rc:$(cat "$LABTMP/w.err")" \
		    '^1:netstat: cg0: interface (went away|disappeared)$' ;;
	*)	expect_eq "netstat $m, cg0 deleted: one line" \
		    "$rc:$(cat "$LABTMP/w.err")" \
		    "1:netstat: cg0: interface went away" ;;
	esac
	expect_match "netstat $m, cg0 deleted: lines printed first" \
	    "$(cat "$LABTMP/w.out")" '[0-9]'
done
wait
