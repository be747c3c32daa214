# Sourced by each lab script, inside its own network namespace.
# $NETSTAT is the binary, $LABTMP a scratch directory.

ns() { "$NETSTAT" "$@"; }

ok() { printf 'ok - %s\n' "$*"; }
notok() { printf 'not ok - %s\n' "$*"; }

# check DESC CMD...: passes when CMD succeeds.
check() {
	_d=$1
	shift
	if "$@" >/dev/null 2>&1; then ok "$_d"; else notok "$_d"; fi
}

# expect_eq DESC GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		# One line, so that the whole of it reaches the summary.
		notok "$1: got '$(oneline "$2")', want '$(oneline "$3")'"
	fi
}

# oneline TEXT: TEXT with its newlines shown as \n.
oneline() { printf '%s' "$1" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'; }

# expect_match DESC TEXT ERE: some line of TEXT matches ERE.
expect_match() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		ok "$1"
	else
		notok "$1: no line matches /$3/"
		printf '%s\n' "$2" | head -20 | sed 's/^/#   /'
	fi
}

# expect_nomatch DESC TEXT ERE: no line of TEXT matches ERE.
expect_nomatch() {
	if printf '%s\n' "$2" | grep -Eq -- "$3"; then
		notok "$1: a line matches /$3/"
		printf '%s\n' "$2" | grep -E -- "$3" | head -5 | sed 's/^/#   /'
	else
		ok "$1"
	fi
}

# json_ok DESC CMD...: the command's output parses as JSON.
json_ok() {
	_d=$1
	shift
	if "$@" 2>/dev/null | python3 -c 'import json,sys; json.load(sys.stdin)' \
	    2>/dev/null; then
		ok "$_d"
	else
		notok "$_d: output is not valid JSON"
	fi
}

# no_trailing_blanks DESC TEXT
no_trailing_blanks() {
	expect_nomatch "$1" "$2" ' $'
}

# veth A B [ADDR/LEN...]: a veth pair A and B, both up, the addresses on
# A (an IPv6 one without duplicate address detection).
veth() {
	ip link add "$1" type veth peer name "$2" || return 1
	_va=$1
	_vb=$2
	shift 2
	for _a in "$@"; do
		case $_a in
		*:*) ip -6 addr add "$_a" dev "$_va" nodad ;;
		*) ip addr add "$_a" dev "$_va" ;;
		esac
	done
	ip link set "$_va" up
	ip link set "$_vb" up
}

# wait_until TENTHS CMD...: runs CMD until it succeeds, a tenth of a
# second apart, at most TENTHS times more; fails when it never did.
wait_until() {
	_wn=$1
	shift
	until "$@"; do
		[ "$_wn" -gt 0 ] || return 1
		_wn=$((_wn - 1))
		sleep 0.1
	done
	return 0
}

# gone PID: the process has ended.
gone() {
	! kill -0 "$1" 2>/dev/null
}

# end_job PID SIG: sends SIG to a background job, gives it 5 s to end
# (then kills it) and returns its exit status.
end_job() {
	kill -"$2" "$1"
	wait_until 50 gone "$1"
	kill -KILL "$1" 2>/dev/null
	wait "$1"
}

# join_groups GROUP4 ADDR4 [GROUP6 IF]: a python3 helper joins IPv4
# multicast GROUP4 on the interface of ADDR4 (and IPv6 GROUP6 on IF) and
# stays a member, its pid in $joined; returns once the kernel lists
# GROUP4 in /proc/net/igmp (as hex of the address in host order).
join_groups() {
	python3 -c '
import socket, struct, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
    socket.inet_aton(sys.argv[1]) + socket.inet_aton(sys.argv[2]))
if len(sys.argv) > 4:
    s6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    s6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
        socket.inet_pton(socket.AF_INET6, sys.argv[3]) +
        struct.pack("@I", socket.if_nametoindex(sys.argv[4])))
time.sleep(60)' "$@" &
	# shellcheck disable=SC2034  # for the lab scripts
	joined=$!
	wait_until 50 grep -qs "$(python3 -c '
import socket, struct, sys
print("%08X" % struct.unpack("=I", socket.inet_aton(sys.argv[1]))[0])' \
	    "$1")" /proc/net/igmp
}

# some_socks PORT NAME: a python3 helper holds a connection to its own
# listener on 127.0.0.1:PORT, a UDP socket on [::]:PORT+1 and an abstract
# unix listener NAME, so that every table has rows; returns once they
# are made.
some_socks() {
	rm -f "$LABTMP/socks.ready"
	python3 -c '
import socket, sys, time
port = int(sys.argv[1])
l = socket.socket(); l.bind(("127.0.0.1", port)); l.listen(2)
c = socket.create_connection(("127.0.0.1", port)); a, _ = l.accept()
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(("::", port + 1))
x = socket.socket(socket.AF_UNIX); x.bind("\0" + sys.argv[2]); x.listen(1)
open(sys.argv[3], "w").write("ready\n")
time.sleep(60)' "$1" "$2" "$LABTMP/socks.ready" &
	wait_until 100 test -s "$LABTMP/socks.ready"
}

# Processes a test starts in the background are ended when it is done:
# every process in this network namespace but the shell itself.
lab_done() {
	_me=$(readlink /proc/$$/ns/net)
	for _d in /proc/[0-9]*; do
		_p=${_d#/proc/}
		[ "$_p" = $$ ] && continue
		[ "$(readlink "$_d/ns/net" 2>/dev/null)" = "$_me" ] || continue
		kill "$_p" 2>/dev/null
	done
	return 0
}
