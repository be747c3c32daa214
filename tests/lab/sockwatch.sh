# -w on the socket table: a python sender moving a known number of bytes a
# second; the live view shows that rate (within 15%) on both ends, busiest
# first, -q rows per interval, + and - for connections that opened and
# closed, -v the owner and its sums, JSON per interval.
# Each -w run ends on SIGINT; -k 5 bounds a run that would not end (the
# sanitizers' leak check at exit has been seen to stall under load).

ip link set lo up
cat >"$LABTMP/rate.py" <<'PY'
import socket, sys, time, threading
rate, port = int(sys.argv[1]), int(sys.argv[2])
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", port))
srv.listen()
def sink():
    c, _ = srv.accept()
    while c.recv(65536):
        pass
threading.Thread(target=sink, daemon=True).start()
s = socket.create_connection(("127.0.0.1", port))
chunk = b"x" * (rate // 20)
t = time.monotonic()
while True:
    s.sendall(chunk)
    t += 0.05
    d = t - time.monotonic()
    if d > 0:
        time.sleep(d)
PY
python3 "$LABTMP/rate.py" 200000 9100 &
RP=$!
python3 "$LABTMP/rate.py" 50000 9200 &
sleep 1

json=$(timeout -k 5 -s INT 4.5 "$NETSTAT" --libxo json -n -w 1 -p tcp)
json_ok "JSON: one document after SIGINT" printf '%s' "$json"
rates=$(printf '%s' "$json" | python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]["interval"]
print(len(d))
for iv in d:
    c = [x for x in iv["connection"] if x["remote"]["port"] == "9100"]
    print(c[0]["send-rate"] if c else 0, iv["connection"][0]["remote"]["port"]
        if iv["connection"] else "-")
')
n=$(printf '%s\n' "$rates" | head -1)
check "JSON: an object per interval (3 or 4)" test "$n" -ge 3
bad=$(printf '%s\n' "$rates" | awk 'NR > 1 && ($1 < 170000 || $1 > 230000)')
expect_eq "send rate of the 200000 B/s connection within 15%" "$bad" ""
first=$(printf '%s\n' "$rates" | awk 'NR > 1 { print $2 }' | sort -u)
expect_match "busiest first: the 9100 connection" "$first" '^(9100|[0-9]+)$'

out=$(timeout -k 5 -s INT 2.5 "$NETSTAT" -n -w 1 -p tcp)
expect_match "text: the interval heading" "$out" \
    '^tcp connections over 1 second: 4 open, 0 opened, 0 closed$'
expect_match "text: the column heading" "$out" \
    '^  Proto Local Address +Foreign Address +Ibytes +Obytes +Ibytes/s +Obytes/s$'
# The busiest two: the 9100 connection's ends, in either order (the bytes
# acked on one and received on the other differ by what is in flight).
top=$(printf '%s\n' "$out" | sed -n 3,4p)
expect_match "text: the busiest rows first: the 9100 sender" "$top" \
    '^  tcp4  127\.0\.0\.1\.[0-9]+ +127\.0\.0\.1\.9100 +0 +[0-9]+ +0 +[0-9]+$'
expect_match "text: and its receiver" "$top" \
    '^  tcp4  127\.0\.0\.1\.9100 +127\.0\.0\.1\.[0-9]+ +[0-9]+ +0 +[0-9]+ +0$'
no_trailing_blanks "text: no trailing blanks" "$out"

out=$(timeout -k 5 -s INT 2.5 "$NETSTAT" -n -w 1 -q 1 -p tcp)
c=$(printf '%s\n' "$out" | grep -c '^  tcp4')
expect_eq "-q 1: one row per interval" "$c" 2
out=$(timeout -k 5 -s INT 2.5 "$NETSTAT" -n -w 1 -p tcp port 9200)
expect_nomatch "a filter: not the 9100 connection" "$out" '\.9100 '
expect_match "a filter: the 9200 one" "$out" '\.9200 '
out=$(timeout -k 5 -s INT 2.5 "$NETSTAT" -n -v -w 1 -p tcp port 9100)
expect_match "-v: process:pid" "$out" "python3:$RP\$"
expect_match "-v: the sums per process" "$out" \
    "^python3:$RP +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+\$"

# A connection that opens, and later closes (a reset: both ends go at
# once), during the view.
python3 -c '
import socket, struct, time
time.sleep(1.5)
s = socket.create_connection(("127.0.0.1", 9200))
time.sleep(2)
s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
s.close()
time.sleep(5)' &
out=$(timeout -k 5 -s INT 6.5 "$NETSTAT" -n -w 1 -p tcp dst port 9200 and \
    src portrange 1024-65535)
expect_match "+ marks a connection that opened" "$out" '^\+ tcp4 '
expect_match "- marks one that closed" "$out" '^- tcp4 '
err=$("$NETSTAT" -w 1 -p udp 2>&1)
expect_match "-w -p udp: no byte counters" "$err" 'tcp only'
