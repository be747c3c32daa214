# Every kind of socket: packet sockets (-B) against ss -0p, the owner of
# unix sockets (-v), vsock (-f vsock) where vsock_diag is loaded, MPTCP
# (-p mptcp) where net.mptcp.enabled allows, SCTP's one line without sctp.

ip link set lo up
ip link add fv0 type veth peer name fv1
ip link set fv0 up

cat >"$LABTMP/fam.py" <<'EOF'
import os, socket, sys, time

keep = []
# A packet socket bound to fv0 for IPv4, one for every protocol anywhere.
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.bind(("fv0", 0x0800))
keep.append(s)
keep.append(socket.socket(socket.AF_PACKET, socket.SOCK_DGRAM,
                          socket.htons(3)))
# A unix socket with a name.
u = socket.socket(socket.AF_UNIX)
u.bind("\0nsfam")
u.listen()
keep.append(u)
# vsock on loopback, where the kernel has it.
try:
    v = socket.socket(socket.AF_VSOCK, socket.SOCK_STREAM)
    v.bind((socket.VMADDR_CID_LOCAL, 4321))
    v.listen()
    keep.append(v)
    print("vsock", flush=True)
except (OSError, AttributeError):
    print("novsock", flush=True)
open(sys.argv[1], "w").write(str(os.getpid()) + "\n")
time.sleep(60)
EOF

python3 "$LABTMP/fam.py" "$LABTMP/fam.ready" >"$LABTMP/fam.out" 2>&1 &
wait_until 50 test -s "$LABTMP/fam.ready"
pid=$(cat "$LABTMP/fam.ready")

out=$(ns -B)
expect_match "-B: the packet socket bound to fv0, IPv4, its owner" "$out" "^fv0 +raw +ip +0 +0 python3:$pid$"
expect_match "-B: the one on every interface, every protocol" "$out" "^\\* +dgram +all +0 +0 python3:$pid$"
n=$(printf '%s\n' "$out" | tail -n +3 | wc -l)
nss=$(ss -0 -a | tail -n +2 | wc -l)
expect_eq "-B: as many packet sockets as ss -0 lists" "$n" "$nss"
json_ok "-B --libxo json parses" ns -B --libxo json
no_trailing_blanks "-B: no trailing blanks" "$out"
# The /proc fallback's rows (no drop count) for the same sockets.
pout=$(ns -M /proc -B 2>&1)
expect_match "-B -M /proc: fv0 from net/packet" "$pout" "^fv0 +raw +ip +- +0 python3:$pid$"

out=$(ns -v -f unix)
expect_match "-v -f unix: the header says process:pid" "$out" 'Nextref +Sock-Ino process:pid Addr$'
expect_match "-v -f unix: the owner of @nsfam" "$out" " python3:$pid @nsfam$"
json_ok "-v -f unix --libxo json parses" ns -v -f unix --libxo json

out=$(ns -a -f vsock 2>&1)
if grep -q '^vsock' "$LABTMP/fam.out" && ! printf '%s\n' "$out" |
    grep -q 'not available'; then
	expect_match "-f vsock: the listener on 1.4321" "$out" '^vsock stream 1\.4321 +\*\.\* +LISTEN'
	json_ok "-f vsock JSON parses" ns -a -f vsock --libxo json
else
	expect_match "-f vsock: one line says the module is missing" "$out" '^netstat: vsock: protocol not available \(module vsock_diag not loaded\)$'
	ok "# SKIP -f vsock rows: no vsock_loopback/vsock_diag module"
fi
if [ "$(cat /proc/sys/net/mptcp/enabled 2>/dev/null)" = 1 ]; then
	python3 -c '
import socket, sys, time
P = socket.IPPROTO_MPTCP if hasattr(socket, "IPPROTO_MPTCP") else 262
l = socket.socket(socket.AF_INET, socket.SOCK_STREAM, P)
l.bind(("127.0.0.1", 6000)); l.listen()
c = socket.socket(socket.AF_INET, socket.SOCK_STREAM, P)
c.connect(("127.0.0.1", 6000)); a, _ = l.accept()
open(sys.argv[1], "w").write("ready\n")
time.sleep(60)' "$LABTMP/mp.ready" &
	wait_until 50 test -s "$LABTMP/mp.ready"
	out=$(ns -an -p mptcp)
	expect_match "-p mptcp: the MPTCP connection" "$out" '^mptcp +0 +0  127\.0\.0\.1\.6000 +127\.0\.0\.1\.[0-9]+ +ESTABLISHED$'
	expect_match "-p mptcp: the MPTCP listener" "$out" '^mptcp +0 +0  127\.0\.0\.1\.6000 +\*\.\* +LISTEN$'
	expect_eq "-p mptcp: as many as ss -M lists" \
	    "$(printf '%s\n' "$out" | tail -n +3 | wc -l)" \
	    "$(ss -Mna | tail -n +2 | wc -l)"
	out=$(ns -anc -p tcp)
	expect_match "-c: the subflows say mptcp" "$out" '^tcp4 .* 127\.0\.0\.1\.6000 +127\.0\.0\.1\.[0-9]+ +ESTABLISHED mptcp$'
	json_ok "-p mptcp JSON parses" ns -an -p mptcp --libxo json
else
	ok "# SKIP -p mptcp: net.mptcp.enabled is not 1"
fi
out=$(ns -an -p sctp 2>&1)
if [ -d /proc/net/sctp ]; then
	json_ok "-p sctp JSON parses" ns -an -p sctp --libxo json
else
	expect_eq "-p sctp: one line says the module is missing" "$out" \
	    "netstat: sctp: protocol not available (module sctp not loaded)"
fi
# The live fallback: net/sctp present (a fixture's files bound over this
# process's /proc/PID/net in a private mount namespace, then exec'd into
# netstat, which keeps the PID) while no sctp_diag answers: the rows come
# from the files, as with -M.  Only where no sctp_diag module exists, as
# a request would load one.
if [ ! -d /proc/net/sctp ] && ! modprobe -n -q sctp_diag 2>/dev/null; then
	mkdir -p "$LABTMP/fakenet/sctp"
	cp tests/fixtures/sctp-multi/net/sctp/eps \
	    tests/fixtures/sctp-multi/net/sctp/assocs "$LABTMP/fakenet/sctp/"
	out=$(unshare -m sh -c \
	    'mount --bind "$1" /proc/$$/net && exec "$2" -an -p sctp' \
	    sh "$LABTMP/fakenet" "$NETSTAT" 2>&1)
	expect_eq "-p sctp: no sctp_diag, the live net/sctp files are read" \
	    "$out" "$("$NETSTAT" -M tests/fixtures/sctp-multi -an -p sctp 2>&1)"
else
	ok "# SKIP -p sctp fallback: an sctp_diag module could answer"
fi
check "-B -p tcp is refused" sh -c '! ns -B -p tcp'
lab_done
