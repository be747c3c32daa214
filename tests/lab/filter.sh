# Filter expressions against the kernel: sockets on known addresses and
# ports, then tests/filtertest --dump (a real SOCK_DIAG_BY_FAMILY dump with
# the expression's bytecode and states mask) against ss(8) given the same
# filter in its own words, and against the same dump without bytecode.
# Every bytecode must pass the kernel's audit (no EINVAL).

FT=${FILTERTEST:-tests/filtertest}
case $FT in /*) ;; *) FT=$PWD/$FT ;; esac

ip link add fveth0 type veth peer name fveth1
ip link set fveth0 up
ip link set fveth1 up
for a in 10.0.0.1 10.1.2.3 192.168.1.5; do ip addr add $a/32 dev lo; done
ip -6 addr add 2001:db8::1/128 dev lo nodad
ip -6 addr add 2001:db8::2/128 dev lo nodad
# Nobody answers for 10.9.9.9: a connection there stays in SYN_SENT.
ip route add 10.9.9.0/24 dev fveth0

cat >"$LABTMP/socks.py" <<'EOF'
import socket, sys, time
keep = []

def listen(fam, addr, port, v6only=None):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if v6only is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, v6only)
    s.bind((addr, port))
    s.listen(16)
    keep.append(s)
    return s

def conn(fam, src, dst, port, sport):
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.bind((src, sport))
    c.connect((dst, port))
    keep.append(c)
    return c

I4, I6 = socket.AF_INET, socket.AF_INET6
listen(I4, "10.0.0.1", 80)
web = listen(I4, "0.0.0.0", 443)
listen(I6, "::", 8080, 0)
listen(I6, "2001:db8::1", 22, 1)
listen(I4, "10.1.2.3", 8443)
conn(I4, "10.1.2.3", "10.0.0.1", 80, 40001)
conn(I4, "192.168.1.5", "10.1.2.3", 443, 40002)
keep.append(web.accept()[0])
conn(I6, "::ffff:10.1.2.3", "::ffff:10.0.0.1", 8080, 40003)
conn(I6, "2001:db8::2", "2001:db8::1", 22, 40004)
conn(I4, "127.0.0.1", "10.1.2.3", 8443, 40005)
# TIME_WAIT on the side that closes first.
t = conn(I4, "10.0.0.1", "10.1.2.3", 443, 40006)
a, _ = web.accept()
t.close()
time.sleep(0.2)
a.close()
s = socket.socket(I4, socket.SOCK_STREAM)
s.setblocking(False)
s.bind(("10.0.0.1", 40007))
try:
    s.connect(("10.9.9.9", 9999))
except BlockingIOError:
    pass
keep.append(s)
open(sys.argv[1], "w").write("ready\n")
time.sleep(300)
EOF
python3 "$LABTMP/socks.py" "$LABTMP/ready" &
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -f "$LABTMP/ready" ] && break
	sleep 0.25
done

# ss's lines as --dump prints them: "laddr:lport faddr:fport STATE".
ss_rows() {
	ss -tanH "$@" | awk '
	function ep(s) {
		sub(/:\*$/, ":0", s)
		if (s ~ /^\*:/)
			s = "[::]" substr(s, 2)
		return s
	}
	{
		st = $1
		sub(/^ESTAB$/, "ESTABLISHED", st)
		sub(/^UNCONN$/, "CLOSED", st)
		sub(/^SYN-RECV$/, "SYN_RCVD", st)
		gsub(/-/, "_", st)
		sub(/WAIT_/, "WAIT_", st)
		print ep($4), ep($5), st
	}' | sed 's/FIN_WAIT_\([12]\)/FIN_WAIT_\1/' | sort
}

# fcheck "EXPR" SS-ARGS...
fcheck() {
	_e=$1
	shift
	# shellcheck disable=SC2086
	_got=$("$FT" --dump $_e 2>"$LABTMP/ft.err" | sort)
	_rc=$?
	_nobc=$("$FT" --dump --nobc $_e 2>/dev/null | sort)
	_want=$(ss_rows "$@")
	if [ -z "$_want" ]; then
		notok "filter '$_e': ss lists nothing (the lab is not set up)"
	elif [ "$_got" = "$_want" ] && [ "$_nobc" = "$_want" ]; then
		ok "filter '$_e': as ss (rows: $(echo "$_got" | wc -l))"
	else
		notok "filter '$_e' differs from ss $*"
		printf 'got:\n%s\nnobc:\n%s\nss:\n%s\n' "$_got" "$_nobc" \
		    "$_want" | sed 's/^/#   /'
		cat "$LABTMP/ft.err" | sed 's/^/#   /'
	fi
}

# fexact "EXPR": a state-free expression's bytecode is exact, so the
# kernel returns only what matches.
fexact() {
	# shellcheck disable=SC2086
	"$FT" --dump $1 >/dev/null 2>"$LABTMP/ft.err"
	_k=$(awk '$1 == "kernel" { print $2 }' "$LABTMP/ft.err")
	_m=$(awk '$1 == "kernel" { print $4 }' "$LABTMP/ft.err")
	if [ -n "$_k" ] && [ "$_k" = "$_m" ]; then
		ok "filter '$1': the kernel returns only the $_m matches"
	else
		notok "filter '$1': kernel returned $_k, $_m match"
		cat "$LABTMP/ft.err" | sed 's/^/#   /'
	fi
}

check "filtertest is built" test -x "$FT"
check "ss is installed" command -v ss

fcheck "port 443" '( sport = :443 or dport = :443 )'
fcheck "src port 443" 'sport = :443'
fcheck "dst port 80 or dst port 22" '( dport = :80 or dport = :22 )'
fcheck "portrange 8000-9000" \
    '( ( sport >= :8000 and sport <= :9000 ) or ( dport >= :8000 and dport <= :9000 ) )'
fcheck "src host 10.1.2.3" 'src 10.1.2.3'
fcheck "dst net 10/8" 'dst 10/8'
fcheck "net 2001:db8::/32" '( src 2001:db8::/32 or dst 2001:db8::/32 )'
fcheck "host 10.0.0.1 and not port 80" \
    '( src 10.0.0.1 or dst 10.0.0.1 ) and not ( sport = :80 or dport = :80 )'
# An IPv4 host matches an IPv6 socket's v4-mapped address, as in the kernel.
fcheck "src host 10.1.2.3 and src port 40003" 'src 10.1.2.3 and sport = :40003'
fcheck "not net 10/8" 'not ( src 10/8 or dst 10/8 )'
fcheck "dst host 10.0.0.1 or src host 2001:db8::1" \
    '( dst 10.0.0.1 or src [2001:db8::1] )'
# ss drops its State column when one state is asked for: "state closed"
# (no such socket here) keeps it.
fcheck "state LISTEN" state listening state closed
fcheck "port 443 and state ESTABLISHED" state established state closed \
    '( sport = :443 or dport = :443 )'
fcheck "state TIME_WAIT" state time-wait state closed
fcheck "state SYN_SENT or state TIME_WAIT" state syn-sent state time-wait
fcheck "state connected and dst port 443" state connected 'dport = :443'
fcheck "state synchronized and src net 10/8" state synchronized 'src 10/8'
fcheck "(src port 8080 or dst port 8080) && ! state LISTEN" \
    state connected '( sport = :8080 or dport = :8080 )'

fexact "port 443"
fexact "dst net 10/8 or src host 2001:db8::2"
fexact "not portrange 1-1023"
fexact "net ::ffff:0:0/96"
