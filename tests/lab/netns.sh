# -j: two namespaces made here (ip netns add) with their own sockets,
# interfaces and routes, each listed through -j NAME, -j PID and -j PATH
# and compared with what ss and ip say inside them; -j all finds both and
# this test's own; the errors.

A=h11a$$
B=h11b$$
ip netns add $A || { notok "ip netns add"; exit 0; }
ip netns add $B
cleanup_ns() {
	kill $PA $PB 2>/dev/null
	ip netns del $A
	ip netns del $B
}
trap cleanup_ns EXIT
ip -n $A link set lo up
ip -n $B link set lo up
ip -n $A link add dumA type veth peer name dumA2
ip -n $B link add dumB type veth peer name dumB2
ip -n $A addr add 10.50.0.1/24 dev dumA
ip -n $B addr add 10.70.0.1/24 dev dumB
ip -n $A link set dumA mtu 1400
ip -n $A link set dumA2 up
ip -n $A link set dumA up
ip -n $B link set dumB2 up
ip -n $B link set dumB up
ip -n $A route add 10.60.0.0/16 via 10.50.0.2
ip -n $B route add 10.80.0.0/16 via 10.70.0.2
ip link set lo up

cat >"$LABTMP/listen.py" <<'PY'
import socket, sys, time
keep = []
for spec in sys.argv[2:]:
    a, p = spec.rsplit(":", 1)
    s = socket.socket()
    s.bind((a, int(p)))
    s.listen(4)
    keep.append(s)
    c = socket.create_connection((a, int(p)))
    keep.append(c)
open(sys.argv[1], "w").write("ready\n")
time.sleep(300)
PY
ip netns exec $A python3 "$LABTMP/listen.py" "$LABTMP/ra" 10.50.0.1:5001 127.0.0.1:5011 &
PA=$!
ip netns exec $B python3 "$LABTMP/listen.py" "$LABTMP/rb" 10.70.0.1:5002 &
PB=$!
python3 "$LABTMP/listen.py" "$LABTMP/rs" 127.0.0.1:5003 &
for f in ra rb rs; do
	wait_until 50 test -f "$LABTMP/$f"
done

# Local and foreign ports and state, as netstat and as ss give them.
ns_ports() {
	"$NETSTAT" "$@" | awk '$1 ~ /^tcp/ {
		n = split($4, l, "."); m = split($5, f, ".")
		print l[n], f[m], $6 }' | sed 's/\*/0/g' | sort
}
ss_ports() {
	ip netns exec "$1" ss -tanH | awk '{
		st = $1; sub(/^ESTAB$/, "ESTABLISHED", st)
		n = split($4, l, ":"); m = split($5, f, ":")
		print l[n], f[m], st }' | sed 's/\*/0/g' | sort
}

for n in $A $B; do
	want=$(ss_ports $n)
	pid=$PA
	[ $n = $B ] && pid=$PB
	# The python process is a child of ip netns exec: same namespace.
	for how in "$n" "$pid" "/run/netns/$n"; do
		got=$(ns_ports -j "$how" -an -p tcp)
		if [ -n "$want" ] && [ "$got" = "$want" ]; then
			ok "-j $how: the sockets ss lists there"
		else
			notok "-j $how: sockets differ from ss"
			printf 'got:\n%s\nss:\n%s\n' "$got" "$want" | sed 's/^/#   /'
		fi
	done
done

# Interfaces: the namespace's own, with their MTU.
want=$(ip -n $A -o link | awk -F': ' '{ sub(/@.*/, "", $2); print $2 }' | sort)
got=$(ns -j $A -i | awk 'NR > 1 { print $1 }' | sort -u)
expect_eq "-j NAME -i: the interfaces ip lists there" "$got" "$want"
out=$(ns -j $PA -i)
expect_match "-j PID -i: dumA with its MTU" "$out" '^dumA +1400 '
expect_nomatch "-j PID -i: not the other namespace's" "$out" 'dumB'
out=$(ns -j $A -i -t 2>&1)
expect_match "-j -i -t: dumA, from the namespace's sysfs" "$out" '^dumA '
expect_nomatch "-j -i -t: no warning" "$out" 'netstat:'
out=$(ns -j $$ -i -t 2>&1)
expect_nomatch "-j (this namespace) -i -t: sysfs mounted again, no warning" \
    "$out" 'netstat:'
out=$(ns -j /run/netns/$B -w 1 -q 1 2>&1)
expect_match "-j -w: the interval display runs there" "$out" 'packets'
# Routes.
out=$(ns -j $A -rn)
expect_match "-j NAME -r: its route" "$out" '^10\.60(\.0\.0)?/16 +10\.50\.0\.2 '
expect_nomatch "-j NAME -r: not the other's" "$out" '10\.80'
out=$(ns -j $PB -rn)
expect_match "-j PID -r: its route" "$out" '^10\.80(\.0\.0)?/16 +10\.70\.0\.2 '
# Statistics, multicast, memory run there too.
for m in -s -g -m -L; do
	check "-j NAME $m: exit 0" ns -j $A $m
done
out=$(timeout -k 5 -s INT 1.6 "$NETSTAT" -j $A -a -n -w 1 -p tcp port 5001)
expect_match "-j -w -p tcp: the live view of its connections" "$out" \
    '^  tcp4  10\.50\.0\.1\.5001 +10\.50\.0\.1\.[0-9]+ '
out=$(ns -j $A -v -an -p tcp)
expect_match "-j -v: the owning process" "$out" "python3:$PA"

# -j all: both namespaces under their names, and this test's own.
out=$(ns -j all -an -p tcp)
expect_match "-j all: heading of $A" "$out" "^Network namespace $A:\$"
expect_match "-j all: heading of $B" "$out" "^Network namespace $B:\$"
expect_match "-j all: this test's namespace" "$out" '127\.0\.0\.1\.5003 '
c=$(printf '%s\n' "$out" | grep -c '10\.50\.0\.1\.5001 .*LISTEN')
expect_eq "-j all: each namespace once" "$c" 1
json_ok "-j all: one JSON document" ns --libxo json -j all -an -p tcp
json_ok "-j all: pretty JSON too" ns --libxo json,pretty -j all -an
names=$(ns --libxo json -j all -an -p tcp | python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join(n["name"] for n in d["namespace"]))')
expect_match "-j all JSON: both names" "$names" "$A $B"

# Errors.
err=$(ns -j nosuch$$ -an 2>&1)
expect_eq "-j unknown name: exit 1" "$?" 1
expect_match "-j unknown name: says so" "$err" 'no such network namespace name'
err=$(ns -j 2147483000 -an 2>&1)
expect_match "-j unknown pid: says so" "$err" 'no such process'
err=$(ns -j /proc/self/ns/mnt -an 2>&1)
expect_match "-j a mount namespace: not a network namespace" "$err" \
    'not a network namespace'
err=$(ns -j /etc/hostname -an 2>&1)
expect_match "-j a plain file: not a namespace file" "$err" \
    'not a namespace file'
err=$(ns -j $A -M /proc -an 2>&1)
expect_match "-j with -M: refused" "$err" '-j: not with -M'
err=$(ns -j all -w 1 2>&1)
expect_match "-j all with -w: refused" "$err" '-j all: not with -w'
if command -v setpriv >/dev/null; then
	err=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
	    --inh-caps=-all "$NETSTAT" -j /run/netns/$A -an 2>&1)
	expect_match "-j unprivileged: not permitted, names the capability" \
	    "$err" 'not permitted.*CAP_SYS_ADMIN'
fi
