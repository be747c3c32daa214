# Lab test: netstat under resource limits and signals.  Few descriptors
# (ulimit -n), little memory (ulimit -v), standard output closed or full,
# a closed pipe, and SIGINT, SIGTERM and SIGHUP during -w with JSON: each
# ends with the documented message and status, in bounded time.

# pending DESC GOT WANT WHY: as expect_eq, but a mismatch is a known defect
# being fixed on another branch: it passes with a "# PENDING" note (fails
# when LAB_STRICT is set).
pending() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	elif [ -n "${LAB_STRICT:-}" ]; then
		notok "$1: got '$2', want '$3'"
	else
		ok "$1 # PENDING: got '$2', want '$3' ($4)"
	fi
}

# 3000 sockets (more than one dump reply and one output buffer), a
# listener and a unix socket.
python3 -c '
import resource, socket, sys, time
resource.setrlimit(resource.RLIMIT_NOFILE, (4096, 4096))
keep = []
for i in range(3000):
	s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
	s.bind(("127.0.0.1", 0)); keep.append(s)
l = socket.socket(); l.bind(("127.0.0.1", 0)); l.listen(1)
x = socket.socket(socket.AF_UNIX); x.bind("\0netstat-limits"); x.listen(1)
open(sys.argv[1], "w").write("ready\n")
time.sleep(120)' "$LABTMP/ready" &
wait_until 100 test -s "$LABTMP/ready"
veth lv0 lv1 10.88.0.1/24

modes="-an -anv -L -i -ia -rn -s -is -m -mm -g -gs"

# Descriptors: two beyond the standard three are enough for every mode.
for m in $modes "-w 1 -q 1" "-s -w 1 -q 1"; do
	# shellcheck disable=SC2086
	sh -c 'ulimit -n 5 && exec timeout -k 5 10 "$@"' sh "$NETSTAT" $m \
	    >/dev/null 2>"$LABTMP/err"
	expect_eq "ulimit -n 5: netstat $m: exit 0, quiet" \
	    "$?:$(cat "$LABTMP/err")" "0:"
done
# With one, a table may be lost, but only with a line saying so.  (The
# leak checker of an ASan binary needs a descriptor of its own at exit.)
noleak=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
for m in $modes; do
	# shellcheck disable=SC2086
	ASAN_OPTIONS=$noleak sh -c 'ulimit -n 4 && exec timeout -k 5 10 "$@"' sh \
	    "$NETSTAT" $m >/dev/null 2>"$LABTMP/err"
	rc=$?
	other=$(grep -v '^netstat: .*: Too many open files$' "$LABTMP/err")
	if { [ $rc = 0 ] && [ ! -s "$LABTMP/err" ]; } ||
	    { [ $rc = 1 ] && [ -s "$LABTMP/err" ] && [ -z "$other" ]; }; then
		ok "ulimit -n 4: netstat $m: exit $rc$(
		    [ $rc = 1 ] && echo ", $(wc -l <"$LABTMP/err") line(s)")"
	else
		notok "ulimit -n 4: netstat $m: exit $rc: $(head -3 \
		    "$LABTMP/err")"
	fi
done

# Memory.  An AddressSanitizer binary reserves terabytes of address space
# and cannot start under ulimit -v.
if nm "$NETSTAT" 2>/dev/null | grep -q __asan_init ||
    ldd "$NETSTAT" 2>/dev/null | grep -q libasan; then
	ok "ulimit -v # SKIP: AddressSanitizer binary"
else
	for m in $modes; do
		# shellcheck disable=SC2086
		sh -c 'ulimit -v 65536 && exec timeout -k 5 10 "$@"' sh \
		    "$NETSTAT" $m >"$LABTMP/out" 2>"$LABTMP/err"
		expect_eq "ulimit -v 64M: netstat $m: exit 0, quiet" \
		    "$?:$(cat "$LABTMP/err")" "0:"
	done
	want=$(ns -an -p udp | wc -l)
	got=$(sh -c 'ulimit -v 65536 && exec "$@"' sh "$NETSTAT" -an -p udp |
	    wc -l)
	expect_eq "ulimit -v 64M: netstat -an -p udp: every row" "$got" "$want"
	# A file too big for the memory left: one line, exit 1.
	mkdir -p "$LABTMP/tree/net/stat"
	: >"$LABTMP/tree/net/snmp"
	: >"$LABTMP/tree/net/netstat"
	truncate -s 60M "$LABTMP/tree/net/stat/rt_cache"
	sh -c 'ulimit -v 32768 && exec timeout -k 5 10 "$@"' sh "$NETSTAT" \
	    -M "$LABTMP/tree" -rs -f inet >/dev/null 2>"$LABTMP/err"
	expect_eq "ulimit -v 32M: netstat -rs, a 60M rt_cache: one line" \
	    "$?:$(cat "$LABTMP/err")" \
	    "1:netstat: $LABTMP/tree/net/stat/rt_cache: Cannot allocate memory"
fi

# Standard output closed, or on a full disk.
ns -an >&- 2>"$LABTMP/err"
expect_eq "netstat -an >&-: one line" "$?:$(cat "$LABTMP/err")" \
    "1:netstat: stdout: Bad file descriptor"
ns -an --libxo json >/dev/full 2>"$LABTMP/err"
expect_eq "netstat -an --libxo json >/dev/full: one line" \
    "$?:$(cat "$LABTMP/err")" "1:netstat: stdout: No space left on device"

# A closed pipe: killed by SIGPIPE (128 + 13), or, with SIGPIPE ignored,
# exit 0; quiet either way, and soon.
for m in "-an" "-an --libxo json" "-i -w 1"; do
	# shellcheck disable=SC2086
	{ timeout -k 5 10 "$NETSTAT" $m 2>"$LABTMP/err"; echo $? >"$LABTMP/rc"; } |
	    head -c 10 >/dev/null
	expect_eq "netstat $m | head -c 10: SIGPIPE, quiet" \
	    "$(cat "$LABTMP/rc"):$(cat "$LABTMP/err")" "141:"
	# shellcheck disable=SC2086
	{ trap '' PIPE; timeout -k 5 10 "$NETSTAT" $m 2>"$LABTMP/err"
	    echo $? >"$LABTMP/rc"; } | head -c 10 >/dev/null
	expect_eq "netstat $m | head -c 10, SIGPIPE ignored: exit 0, quiet" \
	    "$(cat "$LABTMP/rc"):$(cat "$LABTMP/err")" "0:"
done

# A signal during -w with JSON: the display closes and the JSON parses.
# The helper gives SIGINT back its default action (a background job of a
# script starts with it ignored) and execs netstat, keeping the pid.
# SIGTERM and SIGHUP end the -w displays as validly (watch.c).
for m in "-w 1" "-w 1 -I lv0" "-s -w 1"; do
	for sig in INT TERM HUP; do
		rm -f "$LABTMP/out"
		# shellcheck disable=SC2086
		python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$NETSTAT" $m --libxo json \
		    >"$LABTMP/out" 2>"$LABTMP/err" &
		pid=$!
		# Signal once the display is running: it has printed.
		wait_until 50 test -s "$LABTMP/out"
		sleep 0.3
		end_job $pid $sig
		rc=$?
		if python3 -c 'import json, sys; json.load(open(sys.argv[1]))' \
		    "$LABTMP/out" 2>/dev/null; then
			j=parses
		else
			j="does not parse"
		fi
		got="$rc:$j:$(cat "$LABTMP/err")"
		expect_eq "netstat $m --libxo json, SIG$sig" "$got" "0:parses:"

	done
done
