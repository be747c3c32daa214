# Lab test: TCP for both families comes from one kernel walk, the IPv6
# rows kept aside (in memory, then in a temporary file) until the IPv4
# rows are out.  Enough IPv6 listeners to need the file, and a read-only
# /tmp so that the file cannot be made: the IPv6 rows must still all come,
# from a dump of their own.

cat >"$LABTMP/many.py" <<'PY'
import socket, sys, time
keep = []
for i in range(3000):
    s = socket.socket(socket.AF_INET6)
    s.bind(('::1', 20000 + i)); s.listen(1); keep.append(s)
v4 = socket.socket(); v4.bind(('127.0.0.1', 19999)); v4.listen(1)
open(sys.argv[1], 'w').write('ready\n')
time.sleep(120)
PY
python3 "$LABTMP/many.py" "$LABTMP/ready" &
wait_until 100 test -s "$LABTMP/ready"

out=$(ns -an -p tcp)
expect_eq "3000 tcp6 rows with a writable /tmp" \
    "$(printf '%s\n' "$out" | grep -c '^tcp6 .*::1\.2[0-9]* ')" 3000
expect_match "the IPv4 listener before the IPv6 rows" \
    "$(printf '%s\n' "$out" | sed -n 3p)" '^tcp4 .*127\.0\.0\.1\.19999 '

# /tmp made read-only in place (the checkout itself may live under /tmp,
# so it must stay visible); outputs are kept in variables, not files.
if mount --bind /tmp /tmp 2>/dev/null &&
    mount -o remount,bind,ro /tmp 2>/dev/null; then
	out=$(ns -an -p tcp 2>/dev/null)
	rc=$?
	err=$(ns -an -p tcp 2>&1 >/dev/null)
	expect_eq "read-only /tmp: exit 0" "$rc" 0
	expect_eq "read-only /tmp: all 3000 tcp6 rows, no duplicates" \
	    "$(printf '%s\n' "$out" | grep '^tcp6 ' | sort -u | grep -c '::1\.2')" 3000
	expect_eq "read-only /tmp: one tcp4 row" \
	    "$(printf '%s\n' "$out" | grep -c '^tcp4 ')" 1
	expect_eq "read-only /tmp: nothing on stderr" "$err" ""
	umount /tmp
else
	notok "cannot make /tmp read-only in the lab"
fi

# A reader that stops early (head) ends netstat quietly.
ns -an -p tcp 2>"$LABTMP/pipe.err" | head -2 >/dev/null
expect_eq "a closed pipe ends it quietly" "$(cat "$LABTMP/pipe.err")" ""
ns --libxo json -an -p tcp 2>"$LABTMP/pipe.err" | head -c 100 >/dev/null
expect_eq "a closed pipe ends JSON output quietly" "$(cat "$LABTMP/pipe.err")" ""
