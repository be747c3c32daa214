# Lab test: the user's side.  Strings (a UTF-8 socket path, a hostile
# /etc/hosts name, columns still aligned), net-tools' habits, -u, -S,
# --help, --version, the non-root -v note, make install PROG_NAME and
# uninstall, and the man page's command that saves a tree for -M.

# A hostile and a UTF-8 name in a private /etc/hosts (our own mount
# namespace: the system's file is untouched).
ip addr add 10.81.0.1/32 dev lo
ip addr add 10.81.0.2/32 dev lo
ip addr add 10.81.0.3/32 dev lo
printf '10.81.0.1 evil\033[31mred\007x\n10.81.0.2 h\303\251\346\227\245\346\234\254\n10.81.0.3 h\303\251t\303\251\nfe80::1234 ll-by-hosts\n' \
    >"$LABTMP/hosts"
mount --bind "$LABTMP/hosts" /etc/hosts

D=$LABTMP/d
mkdir -p "$D"
utf=$(printf 'caf\303\251-\346\227\245.sock')
cat >"$LABTMP/socks.py" <<'PY'
import socket, sys, time
l = socket.socket(); l.bind(('10.81.0.2', 7000)); l.listen(4)
c1 = socket.socket(); c1.bind(('10.81.0.1', 7001)); c1.connect(('10.81.0.2', 7000))
c2 = socket.socket(); c2.bind(('10.81.0.3', 7002)); c2.connect(('10.81.0.2', 7000))
a1, _ = l.accept(); a2, _ = l.accept()
p = socket.socket(); p.bind(('127.0.0.1', 631)); p.listen(1)
x = socket.socket(socket.AF_UNIX); x.bind(sys.argv[2]); x.listen(1)
e = socket.socket(socket.AF_UNIX); e.bind(sys.argv[3]); e.listen(1)
open(sys.argv[1], 'w').write('ready\n')
time.sleep(60)
PY
python3 "$LABTMP/socks.py" "$LABTMP/ready" "$D/$utf" \
    "$D/$(printf 'bad\303(\033')" &
wait_until 100 test -s "$LABTMP/ready"

# UTF-8 socket path: shown as it is in a UTF-8 locale, escaped in C; the
# JSON carries it as it is in either; bytes that are not UTF-8 stay
# escaped in text, and are U+FFFD in JSON.
t=$(LC_ALL=C.UTF-8 ns -a -f unix)
expect_match "UTF-8 locale: UTF-8 path as it is" "$t" " $D/$utf\$"
expect_match "UTF-8 locale: invalid byte and ESC escaped" "$t" \
    " $D/bad\\\\303\\(\\\\033\$"
t=$(LC_ALL=C ns -a -f unix)
expect_match "C locale: UTF-8 path escaped" "$t" \
    " $D/caf\\\\303\\\\251-\\\\346\\\\227\\\\245.sock\$"
for loc in C C.UTF-8; do
	# Sorted: the kernel lists the sockets in its hash order.
	j=$(LC_ALL=$loc ns -a -f unix --libxo json | python3 -c '
import json, sys
for p in sorted(s.get("path", "")
    for s in json.load(sys.stdin)["statistics"]["socket"]):
    if "caf" in p or "bad" in p: print(ascii(p))' 2>&1)
	expect_eq "JSON ($loc): the real path; U+FFFD for a bad byte" "$j" \
	    "$(printf "'%s/bad\\\\ufffd(\\\\x1b'\n'%s/caf\\\\xe9-\\\\u65e5.sock'" "$D" "$D")"
done

# Hostile and wide host names: escaped, cut by columns, and the state
# column stays where the header puts it.
cat >"$LABTMP/cols.py" <<'PY'
import sys, unicodedata
def width(s):
    return sum(0 if unicodedata.combining(c) else
        2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().split("\n")
hdr = [l for l in lines if l.startswith("Proto")][0]
col = hdr.index("(state)")
bad = 0
for l in lines:
    if "ESTABLISHED" in l or "LISTEN" in l:
        w = "ESTABLISHED" if "ESTABLISHED" in l else "LISTEN"
        if width(l[:l.index(w)]) != col:
            bad += 1
            print("misaligned:", ascii(l))
print("aligned" if bad == 0 else "misaligned %d" % bad)
PY
for loc in C C.UTF-8; do
	t=$(LC_ALL=$loc ns -a -p tcp)
	expect_nomatch "hosts name ($loc): no raw ESC or BEL" "$t" \
	    "$(printf '[\033\007]')"
	expect_match "hosts name ($loc): escaped" "$t" 'evil\\033\[31mre'
	expect_eq "hosts names ($loc): columns aligned" \
	    "$(printf '%s\n' "$t" | python3 "$LABTMP/cols.py" 2>&1)" aligned
	expect_nomatch "hosts names ($loc): no cut escape" "$t" \
	    '\\(0?[0-7]?)? '
done
# A scoped (link-local) address is numeric, as BSD prints it, also where
# its %scope must be cut from the column: never looked up, so the hosts
# file's name for it never shows.
veth lltestlongnam0 lltestlongnam1 fe80::1234/64
t=$(ns -i)
expect_match "-i: a link-local address numeric, %scope cut" "$t" \
    '^lltestlongnam0 .* fe80::1234 '
expect_nomatch "-i: a link-local address never looked up" "$t" ll-by-hosts
t=$(LC_ALL=C.UTF-8 ns -a -p tcp)
expect_match "UTF-8 host name shown" "$t" "$(printf 'h\303\251t\303\251')\\.7002 "
j=$(ns -a -p tcp --libxo json | python3 -c '
import json, sys
for s in json.load(sys.stdin)["statistics"]["socket"]:
    for e in ("local", "remote"):
        a = s[e]["address"]
        if a.startswith("evil"): print(ascii(a))' 2>&1 | sort -u)
expect_eq "hosts name in JSON: the real bytes, JSON escapes" "$j" \
    "'evil\\x1b[31mred\\x07x'"

# -r cuts "fe80::%IF/64" to 18 columns: never inside IF's escape.
esc_if=$(printf 'abcdefghij\033x')
veth "$esc_if" uv1
has_route() {
	ns -rn -f inet6 | grep -q '^fe80::%abcdefghij'
}
wait_until 30 has_route
t=$(ns -r -f inet6)
expect_match "-r: the cut name, padded" "$t" '^fe80::%abcdefghij  link#'
expect_nomatch "-r: no dangling backslash" "$t" '%abcdefghij\\ '

# -S: numeric addresses, port names.
t=$(ns -aS -p tcp)
expect_match "-S: numeric host, named port" "$t" ' 127\.0\.0\.1\.ipp '
expect_nomatch "-S: no host names" "$t" 'evil|localhost'
# (BSD's rule: the server's end names its port, the client's stays a
# number.)
expect_match "-S: hosts numeric in a connection, port 7000 named" \
    "$t" ' 10\.81\.0\.2\.[a-z][a-z0-9-]* +10\.81\.0\.1\.7001 +ESTAB'

# -u is -f unix.
expect_eq "-u: same as -f unix" "$(ns -au | sed 1,2d | wc -l)" \
    "$(ns -a -f unix | sed 1,2d | wc -l)"

# --help and --version.
out=$(ns --help 2>/dev/null)
expect_eq "--help: usage on stdout, exit 0" "$?:$(printf '%s\n' "$out" | head -1 | cut -c1-14)" \
    "0:usage: netstat"
out=$(ns --version 2>&1)
expect_match "--version" "$?:$out" '^0:netstat \(BSD netstat for Linux\) [0-9]'

# net-tools' habits: one line, the BSD spelling, exit 1.
for c in "-tulpn|netstat -anv -f inet" "-tlnp|netstat -anv -p tcp" \
    "-anp|netstat -anv" "-ntlp|netstat -anv -p tcp" \
    "--numeric|netstat -n" "--program|netstat -v" "--tcp|netstat -p tcp" \
    "--udp|netstat -p udp" "--listening|netstat -a" "-e|netstat -v" \
    "-o|netstat -x" "-tanp|netstat -anv -p tcp" "-rn --wide|netstat -rnW"; do
	a=${c%%|*}
	# shellcheck disable=SC2086
	out=$(ns $a 2>&1 >/dev/null)
	expect_eq "hint for $a" "$?:$out" \
	    "1:netstat: this is BSD netstat; for net-tools' $a try: ${c#*|}"
done
# A letter BSD defines keeps its meaning: no hint where BSD can parse.
out=$(ns -an -p tcp 2>&1 >/dev/null)
expect_eq "-an -p tcp: BSD, no hint" "$?:$out" "0:"
out=$(ns -f inet -p udp6 2>&1 >/dev/null)
expect_eq "-f inet -p udp6: refused" "$?:$out" \
    "1:netstat: -f inet and -p udp6 cannot be used together"
out=$(ns -4 -s -p icmp6 2>&1 >/dev/null)
expect_eq "-4 -s -p icmp6: refused" "$?:$out" \
    "1:netstat: -f inet and -p icmp6 cannot be used together"
out=$(ns -L -t 2>&1 >/dev/null)
expect_eq "-t without -i: refused" "$?:$out" \
    "1:netstat: -t: only with -i or -I (the Time column)"
out=$(ns -ant 2>&1 >/dev/null)
expect_eq "-ant: BSD parses it but -t is -i's: the hint" "$?:$out" \
    "1:netstat: this is BSD netstat; for net-tools' -ant try: netstat -an -p tcp"
out=$(ns -b -L 2>&1 >/dev/null)
expect_match "-b -L: refused" "$?:$out" "^1:netstat: -b: only with"

# Not root: -v says once why owners are "-", and the status stays 0.
if command -v setpriv >/dev/null 2>&1 &&
    setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null; then
	bin=$(mktemp -d /tmp/netstat-user.XXXXXX)
	chmod 755 "$bin"
	cp "$NETSTAT" "$bin/netstat"
	chmod 755 "$bin/netstat"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$bin/netstat" -anv -p tcp >"$LABTMP/u.out" 2>"$LABTMP/u.err"
	rc=$?
	expect_eq "non-root -v: exit 0, one note" \
	    "$rc:$(cat "$LABTMP/u.err")" \
	    "0:netstat: some process owners unknown: not permitted to read other users' /proc/PID/fd (run as root)"
	setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    "$bin/netstat" -an -p tcp >/dev/null 2>"$LABTMP/u.err"
	expect_eq "non-root without -v: no note" "$(cat "$LABTMP/u.err")" ""
	out=$(ns -anv -p tcp 2>&1 >/dev/null)
	expect_eq "root -v: no note" "$out" ""
	rm -rf "$bin"
else
	ok "# skip: cannot become nobody (no setpriv, or a user namespace)"
fi

# make install PROG_NAME / uninstall, with each make there is.
for mk in make bmake; do
	command -v $mk >/dev/null 2>&1 || continue
	I=$LABTMP/inst-$mk
	$mk -s install DESTDIR="$I" PREFIX=/usr/local PROG_NAME=bsdnetstat \
	    >/dev/null 2>&1
	got=$(cd "$I" && find . -type f | sort | tr '\n' ' ')
	expect_eq "$mk install PROG_NAME=bsdnetstat: the two files" "$got" \
	    "./usr/local/bin/bsdnetstat ./usr/local/share/man/man1/bsdnetstat.1 "
	expect_match "$mk install: the page's name follows" \
	    "$(sed -n '1,6p' "$I/usr/local/share/man/man1/bsdnetstat.1")" \
	    '^\.Nm bsdnetstat$'
	if command -v mandoc >/dev/null 2>&1; then
		expect_eq "$mk install: the page lints clean" "$(mandoc -Tlint \
		    -W warning "$I/usr/local/share/man/man1/bsdnetstat.1" 2>&1 |
		    grep -v 'Dd: date' | head -3)" ""
	fi
	$mk -s uninstall DESTDIR="$I" PREFIX=/usr/local PROG_NAME=bsdnetstat \
	    >/dev/null 2>&1
	expect_eq "$mk uninstall: nothing left" \
	    "$(find "$I" -type f | wc -l)" 0
done

# The man page's way to save a tree for -M, and every mode on the copy.
cmd=$(sed -n '/^\.\\" SAVE-TREE-BEGIN/,/^\.\\" SAVE-TREE-END/p' netstat.1 |
    sed -e '/^\./d' -e 's/\\e/\\/g')
expect_match "netstat.1 has the save command" "$cmd" '^cp -rL /proc/net t/'
mkdir -p "$LABTMP/save"
(cd "$LABTMP/save" && sh -c "$cmd")
for m in -an -anL -anv -rn -rs -i -ia -s -is -g -gs -m "-an -f unix"; do
	# shellcheck disable=SC2086
	ns -M "$LABTMP/save/t" $m >/dev/null 2>"$LABTMP/err"
	expect_eq "saved tree: netstat -M t $m: exit 0, quiet" \
	    "$?:$(cat "$LABTMP/err")" "0:"
done
t=$(ns -M "$LABTMP/save/t" -an -p tcp)
expect_match "saved tree: the lab's connection" "$t" \
    ' 10\.81\.0\.1\.7001 +10\.81\.0\.2\.7000 +ESTABLISHED'
