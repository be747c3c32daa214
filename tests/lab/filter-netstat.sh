# The filter expressions through netstat itself: every expression listed
# live (sock_diag with the bytecode), through the /proc files (-M /proc)
# and by ss(8) with the same filter in its words gives the same sockets
# (compared as local port, foreign port and state).  "port 80" never
# matches 8080; unix sockets by path glob; a bad expression is one line.

. tests/lab/filter-sockets.inc
# ns_rows PROTO ARGS...: netstat's PROTO rows as "lport fport STATE"
# (the last dot-separated part; no state for udp).
ns_rows() {
	_p=$1
	shift
	"$NETSTAT" "$@" | awk -v p="$_p" '$1 ~ "^" p {
		n = split($4, l, "."); m = split($5, f, ".")
		lp = l[n]; fp = f[m]
		if (lp == "*") lp = 0
		if (fp == "*") fp = 0
		if (p == "tcp") print lp, fp, $6; else print lp, fp }' | sort
}

# ss_rows PROTO SS-ARGS...: what ss lists, in the same form.
ss_rows() {
	_p=$1
	shift
	case $_p in tcp) _f=-tanH ;; *) _f=-uanH ;; esac
	ss $_f "$@" | awk -v p="$_p" '{
		st = $1
		sub(/^ESTAB$/, "ESTABLISHED", st)
		sub(/^SYN-RECV$/, "SYN_RCVD", st)
		gsub(/-/, "_", st)
		n = split($4, l, ":"); m = split($5, f, ":")
		lp = l[n]; fp = f[m]
		if (fp == "*") fp = 0
		if (p == "tcp") print lp, fp, st; else print lp, fp }' | sort
}

# pcheck PROTO "EXPR" SS-ARGS...: netstat -p PROTO with EXPR, live and
# through /proc, lists what ss lists given SS-ARGS.
pcheck() {
	_p=$1
	_e=$2
	shift 2
	# shellcheck disable=SC2086
	_live=$(ns_rows "$_p" -an -p "$_p" $_e)
	# shellcheck disable=SC2086
	_proc=$(ns_rows "$_p" -an -p "$_p" -M /proc $_e)
	_want=$(ss_rows "$_p" "$@")
	if [ -z "$_want" ]; then
		notok "netstat -p $_p '$_e': ss lists nothing (the lab is not" \
		    "set up)"
	elif [ "$_live" = "$_want" ] && [ "$_proc" = "$_want" ]; then
		ok "netstat -p $_p '$_e': live, /proc and ss agree ($(echo \
		    "$_want" | wc -l) rows)"
	else
		notok "netstat -p $_p '$_e' differs from ss $*"
		printf 'live:\n%s\nproc:\n%s\nss:\n%s\n' "$_live" "$_proc" \
		    "$_want" | sed 's/^/#   /'
	fi
}

ncheck() {
	pcheck tcp "$@"
}

filter_cases ncheck

# UDP: no states; the same ports through every path.
python3 -c '
import socket, sys, time
keep = []
def u(fam, a, p, to=None):
    s = socket.socket(fam, socket.SOCK_DGRAM)
    s.bind((a, p))
    if to:
        s.connect(to)
    keep.append(s)
I4, I6 = socket.AF_INET, socket.AF_INET6
u(I4, "10.0.0.1", 53)
u(I4, "10.1.2.3", 5353, ("10.0.0.1", 53))
u(I4, "0.0.0.0", 8053)
u(I6, "2001:db8::1", 53)
u(I6, "2001:db8::2", 40053, ("2001:db8::1", 53))
open(sys.argv[1], "w").write("ready\n")
time.sleep(300)' "$LABTMP/uready" &
wait_until 20 test -f "$LABTMP/uready"
pcheck udp "port 53" '( sport = :53 or dport = :53 )'
pcheck udp "dst port 53" 'dport = :53'
pcheck udp "src net 10/8 and not port 5353" \
    'src 10/8 and not ( sport = :5353 or dport = :5353 )'
pcheck udp "portrange 8000-9000 or src host 2001:db8::2" \
    '( ( sport >= :8000 and sport <= :9000 ) or ( dport >= :8000 and dport <= :9000 ) or src [2001:db8::2] )'
out=$(ns -an -p udp state ESTABLISHED)
expect_nomatch "state: never a UDP socket" "$out" '^udp'

# grep ":80" finds 8080 too; "port 80" never does.
out=$(ns -an -p tcp port 80)
expect_match "port 80: the listener on 80" "$out" '10\.0\.0\.1\.80 '
expect_nomatch "port 80: never 8080" "$out" '\.8080 '
# Without -a the listeners stay hidden, as without a filter.
out=$(ns -n -p tcp port 443)
expect_nomatch "port 443 without -a: no LISTEN row" "$out" 'LISTEN'
expect_match "port 443 without -a: the connections" "$out" 'ESTABLISHED'
# Unix sockets: by path glob; an Internet primitive leaves them out.
python3 -c '
import socket, time, sys
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(1)
t = socket.socket(socket.AF_UNIX); t.bind("\0fabstract"); t.listen(1)
time.sleep(300)' "$LABTMP/f.sock" &
wait_until 20 test -S "$LABTMP/f.sock"
out=$(ns -a path "$LABTMP/*.sock")
expect_match "path glob: the unix socket" "$out" "f\\.sock\$"
expect_nomatch "path glob: no Internet table" "$out" 'Active Internet'
out=$(ns -a -M /proc path "$LABTMP/*.sock")
expect_match "path glob through /proc" "$out" "f\\.sock\$"
out=$(ns -a path '@fabs*')
expect_match "path glob: an abstract name as printed" "$out" '@fabstract$'
out=$(ns -an port 443)
expect_nomatch "port 443: no unix table" "$out" 'UNIX'
# A bad expression: one line naming the word, exit 1.
err=$(ns -an port 443 and frob 2>&1 >/dev/null)
rc=$?
expect_eq "bad expression: exit 1" "$rc" 1
expect_match "bad expression: names the word" "$err" '^netstat: .*frob'
expect_eq "bad expression: one line" "$(printf '%s\n' "$err" | wc -l)" 1
err=$(ns -r port 80 2>&1 >/dev/null)
expect_eq "an expression with -r: exit 1" "$?" 1
json_ok "a filtered listing in JSON" ns --libxo json -an port 443
