# Lab test: netstat while the kernel state changes under it.  Helpers
# open and close thousands of TCP connections (IPv4 and IPv6), UDP and
# unix sockets, and add and remove veth interfaces with their addresses,
# routes and neighbours, while -an, -anv, -L, -i, -rn, -s and -g run in a
# loop.  Every run exits 0 with nothing on standard error, its rows are
# well formed (field counts, columns), each header comes once, and no row
# is listed twice within a run.  The kernel does list a socket twice: a
# dump resumes at the count of sockets already sent from a hash chain,
# and a socket added at the head of that chain meanwhile shifts the ones
# sent last into the next reply.  inet.c (by cookie) and unix.c (by
# inode) drop such repeats, so any row twice fails.  -g's /proc files
# repeat the same way (a read resumes by position): noted, not failed.  Then -I IF -w 1 (and -s -I IF -w 1) while IF is
# deleted, and -I IF -w 1 while it is deleted and made again (another
# interface of the same name), end with one line, exit 1, as the man
# page says.

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
veth cs0 cs1 10.89.0.1/24
python3 "$LABTMP/churn.py" standing "$CHURN" "$LABTMP/ready" &
wait_until 100 test -s "$LABTMP/ready"
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
		timeout -k 5 20 "$NETSTAT" $m >"$LABTMP/runs/$n.out" \
		    2>"$LABTMP/runs/$n.err"
		echo "$? $m" >"$LABTMP/runs/$n.rc"
	done
done
# Some 300 runs on an idle machine; under the sanitizers each run is
# several times slower, so ten of each mode there (twenty otherwise).
want=140
case $NETSTAT in *-asan) want=70 ;; esac
if [ $n -ge $want ]; then
	ok "churn: $n runs"
else
	notok "churn: only $n runs, want $want"
fi

python3 - "$LABTMP/runs" <<'PY'
import collections, glob, os, re, sys

d = sys.argv[1]
inet = re.compile(r"(tcp|udp)(4|6|46) ")
unixrow = re.compile(r"[0-9a-f]{16} (stream|dgram|seqpac) ")
fails = collections.defaultdict(list)	# mode -> (run, why)
runs = collections.Counter()
resumed = collections.Counter()
RESUME = 8
run = None

def fail(mode, why):
	fails[mode].append((run, why))

def columns(mode, line):
	"""The fixed columns of an -an row (BSD's printf widths)."""
	f = line.split()
	want = (6 if f[0].startswith("tcp") else 5) + (3 if "v" in mode else 0)
	if len(f) != want:
		return "%d fields, want %d" % (len(f), want)
	if not f[1].isdigit() or not f[2].isdigit():
		return "Recv-Q/Send-Q not numbers"
	# A figure wider than its column pushes the rest right, as BSD's
	# printf does: the kernel gives a SYN_SENT socket's Send-Q before
	# it set snd_una (write_seq - 0, ten digits) now and then.
	if len(f[1]) > 6 or len(f[2]) > 6:
		return None
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

def counted(lines, h):
	return sum(1 for l in lines if l.startswith(h))

def headers(mode, lines, prefixes):
	for h in prefixes:
		c = counted(lines, h)
		if c != 1:
			fail(mode, "header %r %d times" % (h, c))

def nodup(mode, rows):
	for l, k in collections.Counter(rows).items():
		if k > 1:
			fail(mode, "row %d times: %r" % (k, l))

def sockets(mode, lines):
	heads = ["Active Internet connections (including servers)",
	    "Active LOCAL (UNIX) domain sockets"]
	headers(mode, lines, heads + ["Proto Recv-Q Send-Q",
	    "Address          Type"])
	seen = collections.Counter()
	urows = []
	# -v adds the unix Sock-Ino and process:pid columns; the path is
	# absent when unbound.
	ufields = (10, 11) if "v" in mode else (8, 9)
	for i, l in enumerate(lines):
		if inet.match(l):
			why = columns(mode, l)
			if why:
				fail(mode, "%s: %r" % (why, l))
			seen[l] += 1
		elif unixrow.match(l):
			f = l.split()
			if len(f) not in ufields:
				fail(mode, "unix row of %d fields: %r" %
				    (len(f), l))
			urows.append(f[0])	# its identity
		elif not any(l.startswith(h) for h in heads +
		    ["Proto ", "Address "]):
			fail(mode, "stray line %r" % l)
	for l, c in seen.items():
		if c > 1:
			fail(mode, "inet row %d times: %r" % (c, l))
	nodup(mode, urows)

def interfaces(mode, lines):
	"""-i: Name Mtu Network [Address] Ipkts Ierrs Opkts Oerrs Coll."""
	headers(mode, lines, ["Name "])
	rows = [l for l in lines if not l.startswith("Name ")]
	for l in rows:
		f = l.split()
		if len(f) not in (8, 9) or not f[1].isdigit() or \
		    not all(x.isdigit() or x == "-" for x in f[-5:]):
			fail(mode, "interface row of %d fields: %r" % (len(f), l))
		elif not l[11:17].rstrip().isdigit():
			fail(mode, "Mtu not at column 11: %r" % l)
	nodup(mode, rows)

def routes(mode, lines):
	"""-rn: Destination Gateway [Flags] Netif [Expire] per family."""
	headers(mode, lines, ["Routing tables", "Internet:", "Internet6:"])
	if counted(lines, "Destination ") != 2:
		fail(mode, "Destination header %d times" %
		    counted(lines, "Destination "))
	rows = [l for l in lines if l and not l.startswith(("Routing",
	    "Internet", "Destination "))]
	for l in rows:
		f = l.split()
		if len(f) not in (3, 4, 5):
			fail(mode, "route row of %d fields: %r" % (len(f), l))
	nodup(mode, rows)

def groups(mode, lines):
	"""-g: each table's title once, its rows Group [Link-layer] Netif.
	The memberships come from /proc files read a chunk at a time, and
	the kernel resumes each read by position: an entry added ahead of
	it repeats the last ones read.  A row again within a few rows is
	that, noted; further away it fails."""
	for t in ("IPv4 Virtual Interface Table", "IPv4 Multicast Forwarding",
	    "Link-layer Multicast Group Memberships",
	    "IPv4 Multicast Group Memberships",
	    "IPv6 Multicast Group Memberships"):
		c = counted(lines, t)
		if c != 1:
			fail(mode, "%r %d times" % (t, c))
	sect = None
	for i, l in enumerate(lines):
		if l.endswith("Memberships"):
			sect = {}
		elif not l:
			sect = None
		elif sect is not None and not l.startswith("Group "):
			if len(l.split()) != 3:
				fail(mode, "group row of %d fields: %r" %
				    (len(l.split()), l))
			if l in sect and i - sect[l] <= RESUME:
				resumed[mode] += 1
			elif l in sect:
				fail(mode, "group row twice: %r" % l)
			sect[l] = i

for rcf in glob.glob(d + "/*.rc"):
	base = rcf[:-3]
	run = os.path.basename(base)
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
		headers(mode, lines, ["Current listen queue sizes",
		    "Proto Listen"])
		nodup(mode, lines)
	elif mode == "-i":
		interfaces(mode, lines)
	elif mode == "-rn":
		routes(mode, lines)
	elif mode == "-g":
		groups(mode, lines)
	elif mode == "-s":
		headers(mode, lines, ["tcp:", "udp:", "ip:", "icmp:", "ip6:"])

for mode in sorted(runs):
	if fails[mode]:
		bad = len(set(r for r, _ in fails[mode]))
		print("not ok - churn: netstat %s: %d of %d runs: %s" % (mode,
		    bad, runs[mode], fails[mode][0][1]))
		for _, f in fails[mode][1:4]:
			print("#   " + f)
	else:
		print("ok - churn: netstat %s: %d runs well formed" %
		    (mode, runs[mode]))
for mode in sorted(resumed):
	print("ok - churn: netstat %s: %d rows listed again within %d rows "
	    "(known: the kernel resumes a /proc read by position)" %
	    (mode, resumed[mode], RESUME))
PY

# An interface deleted under -w, and deleted and made again: another
# interface of the same name (a new index) is not the one watched, the
# man page says of -I IF -w and of -s -I IF -w.
for act in deleted replaced; do
for m in "-I cg0 -w 1" "-s -I cg0 -w 1"; do
	ip link add cg0 type veth peer name cg1 2>/dev/null
	# shellcheck disable=SC2086
	timeout -k 5 10 "$NETSTAT" $m >"$LABTMP/w.out" 2>"$LABTMP/w.err" &
	pid=$!
	# Delete it once the display is running: it has printed.
	wait_until 50 test -s "$LABTMP/w.out"
	sleep 1.2
	ip link del cg0
	if [ $act = replaced ]; then
		ip link add cg0 type veth peer name cg1
		ip link set cg0 up
	fi
	wait $pid
	rc=$?
	expect_eq "netstat $m, cg0 $act: one line" \
	    "$rc:$(cat "$LABTMP/w.err")" \
	    "1:netstat: cg0: interface went away"
	expect_match "netstat $m, cg0 $act: lines printed first" \
	    "$(cat "$LABTMP/w.out")" '[0-9]'
	ip link del cg0 2>/dev/null
done
done
wait
