# Lab test: name lookups are bounded.  A resolver that never answers
# (a UDP socket on 127.0.0.53 that reads and stays silent, put in
# /etc/resolv.conf of the lab's own mount namespace) must cost one
# timeout for the whole run: one warning, then numeric addresses.

cat >"$LABTMP/deaddns.py" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(('127.0.0.53', 53))
keep = []
for a in ('127.0.0.5', '127.0.0.6', '127.0.0.7'):
    l = socket.socket(); l.bind((a, 7000)); l.listen(1); keep.append(l)
open(sys.argv[1], 'w').write('ready\n')
n = 0
while True:
    s.recvfrom(4096)
    n += 1
    open(sys.argv[2], 'w').write('%d\n' % n)
PY
python3 "$LABTMP/deaddns.py" "$LABTMP/ready" "$LABTMP/queries" &
wait_until 100 test -s "$LABTMP/ready"

printf 'nameserver 127.0.0.53\noptions timeout:5 attempts:2\n' >"$LABTMP/resolv.conf"
if mount --bind "$LABTMP/resolv.conf" /etc/resolv.conf 2>/dev/null; then
	start=$(date +%s)
	out=$(ns -a -p tcp 2>"$LABTMP/err")
	end=$(date +%s)
	expect_eq "one warning for a dead resolver" \
	    "$(grep -c 'timed out' "$LABTMP/err")" 1
	expect_eq "the three listeners print numerically" \
	    "$(printf '%s\n' "$out" | grep -cE '^tcp4 .*127\.0\.0\.[567]\.[a-z0-9]+ ')" 3
	# Each of three lookups would take 10 s; the run takes one timeout.
	check "the run takes one timeout, not one per address" \
	    test $((end - start)) -le 4
	check "the dead resolver was asked" test -s "$LABTMP/queries"
	# -n never asks.
	rm -f "$LABTMP/queries"
	ns -an -p tcp >/dev/null 2>&1
	check "-n asks no resolver" test ! -e "$LABTMP/queries"
	umount /etc/resolv.conf
else
	notok "cannot bind-mount /etc/resolv.conf in the lab"
fi
