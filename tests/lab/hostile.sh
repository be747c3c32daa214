# Lab test: saved proc trees that would hang netstat or never end.  A FIFO,
# a socket, a link to /dev/zero or /dev/urandom, a directory or a file
# over the size cap in place of a proc file: every mode ends in bounded
# time with exit 1 and one line naming the file, the rest of the output
# as usual.  An unsearchable tree (or net/ in it) is one line naming the
# directory.  (A FIFO cannot be stored in git: the trees are made here.)

# A tree copied from this namespace's /proc: every mode reads it cleanly.
base=$LABTMP/base
mkdir -p "$base/net/dev_snmp6" "$base/net/stat" "$base/sys/net/ipv6"
for f in /proc/net/* /proc/net/stat/* /proc/net/dev_snmp6/*; do
	[ -f "$f" ] || continue
	r=${f#/proc/}
	cat "$f" >"$base/$r" 2>/dev/null || rm -f "$base/$r"
done
cat /proc/slabinfo >"$base/slabinfo" 2>/dev/null || rm -f "$base/slabinfo"
cat /proc/sys/net/ipv6/bindv6only >"$base/sys/net/ipv6/bindv6only"

# Each mode, with a file it cannot do without.
modes="-an:net/tcp -L:net/tcp -anv:net/tcp6 -f_unix:net/unix -i:net/dev
    -ia:net/igmp6 -rn:net/route -rn_-f_inet6:net/ipv6_route
    -rs:net/stat/rt_cache -s:net/snmp -is:net/dev_snmp6/lo -m:net/sockstat
    -mm:slabinfo -g:net/igmp -gs:net/igmp6"

for m in $modes; do
	opts=$(echo "${m%%:*}" | tr _ ' ')
	# shellcheck disable=SC2086
	timeout -k 5 10 "$NETSTAT" -M "$base" $opts >/dev/null 2>"$LABTMP/err"
	expect_eq "base tree: netstat $opts: exit 0, quiet" \
	    "$?:$(cat "$LABTMP/err")" "0:"
done

# A fresh copy of the base as $LABTMP/tree.
copy_base() {
	rm -rf "$LABTMP/tree"
	cp -r "$base" "$LABTMP/tree"
}

# hostile KIND FILE: put a KIND in place of FILE of the tree; restore FILE
# puts the base's back.
hostile() {
	rm -rf "${LABTMP:?}/tree/$2"
	case $1 in
	fifo)	mkfifo "$LABTMP/tree/$2" ;;
	socket)	python3 -c 'import socket, sys
socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$LABTMP/tree/$2" ;;
	zero)	ln -s /dev/zero "$LABTMP/tree/$2" ;;
	urandom) ln -s /dev/urandom "$LABTMP/tree/$2" ;;
	dir)	mkdir "$LABTMP/tree/$2" ;;
	huge)	cp "$base/$2" "$LABTMP/tree/$2"
		truncate -s 100M "$LABTMP/tree/$2" ;;
	esac
}
restore() {
	rm -rf "${LABTMP:?}/tree/$1"
	cp "$base/$1" "$LABTMP/tree/$1"
}

copy_base
mkdir -p "$LABTMP/json"
n=0
for kind in fifo socket zero urandom dir huge; do
	why="not a regular file"
	[ $kind = huge ] && why="larger than 67108864 bytes, skipped"
	for m in $modes; do
		opts=$(echo "${m%%:*}" | tr _ ' ')
		file=${m#*:}
		hostile $kind "$file"
		for j in "" "--libxo json"; do
			# shellcheck disable=SC2086
			timeout -k 5 10 "$NETSTAT" -M "$LABTMP/tree" $opts $j \
			    >"$LABTMP/out" 2>"$LABTMP/err"
			expect_eq "$kind as $file: netstat $opts${j:+ $j}" \
			    "$?:$(cat "$LABTMP/err")" \
			    "1:netstat: $LABTMP/tree/$file: $why"
		done
		# The JSON is checked below, all in one python3.
		n=$((n + 1))
		mv "$LABTMP/out" "$LABTMP/json/$n"
		echo "$kind as $file: netstat $opts --libxo json parses" \
		    >"$LABTMP/json/$n.desc"
		restore "$file"
	done
done

python3 -c '
import glob, json, sys
for d in sorted(glob.glob(sys.argv[1] + "/*.desc")):
	desc = open(d).read().strip()
	try:
		json.load(open(d[:-5]))
		print("ok - " + desc)
	except ValueError as e:
		print("not ok - %s: %s" % (desc, e))' "$LABTMP/json"

# Every file of the tree a FIFO, names files too: bounded, exit 1, no
# line twice, and each line a refusal.
copy_base
mkdir -p "$LABTMP/tree/etc"
: >"$LABTMP/tree/etc/services"
: >"$LABTMP/tree/etc/protocols"
find "$LABTMP/tree" -type f | while read -r f; do
	rm -f "$f"
	mkfifo "$f"
done
for m in $modes; do
	opts=$(echo "${m%%:*}" | tr _ ' ')
	# shellcheck disable=SC2086
	timeout -k 5 10 "$NETSTAT" -M "$LABTMP/tree" $opts >/dev/null \
	    2>"$LABTMP/err"
	rc=$?
	expect_eq "all FIFOs: netstat $opts: exit 1" "$rc" 1
	expect_eq "all FIFOs: netstat $opts: only refusals" \
	    "$(grep -v '^netstat: .*: not a regular file$' "$LABTMP/err")" ""
	expect_eq "all FIFOs: netstat $opts: no line twice" \
	    "$(sort "$LABTMP/err" | uniq -d)" ""
done

# -is reads net/dev_snmp6 for ip6 and again for icmp6: one line.
copy_base
rm -rf "$LABTMP/tree/net/dev_snmp6"
: >"$LABTMP/tree/net/dev_snmp6"
ns -M "$LABTMP/tree" -is >/dev/null 2>"$LABTMP/err"
expect_eq "a file as net/dev_snmp6: netstat -is: one line" \
    "$?:$(cat "$LABTMP/err")" \
    "1:netstat: $LABTMP/tree/net/dev_snmp6: Not a directory"

# A file as the tree.
ns -M "$base/net/tcp" -an >"$LABTMP/out" 2>"$LABTMP/err"
expect_eq "a file as the tree: one line, nothing printed" \
    "$?:$(cat "$LABTMP/err"):$(cat "$LABTMP/out")" \
    "1:netstat: $base/net/tcp: Not a directory:"

# Unsearchable, for a user other than root: the tree, then its net/.
if command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$LABTMP"
	copy_base
	chmod 000 "$LABTMP/tree"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$NETSTAT" \
	    -M "$LABTMP/tree" -an >"$LABTMP/out" 2>"$LABTMP/err"
	expect_eq "unsearchable tree: one line, nothing printed" \
	    "$?:$(cat "$LABTMP/err"):$(cat "$LABTMP/out")" \
	    "1:netstat: $LABTMP/tree: Permission denied:"
	chmod 755 "$LABTMP/tree"
	chmod 000 "$LABTMP/tree/net"
	for m in -an -i -rn -s -m -g; do
		setpriv --reuid=65534 --regid=65534 --clear-groups \
		    "$NETSTAT" -M "$LABTMP/tree" $m >/dev/null 2>"$LABTMP/err"
		expect_eq "unsearchable net/: netstat $m: one line" \
		    "$?:$(cat "$LABTMP/err")" \
		    "1:netstat: $LABTMP/tree/net: Permission denied"
	done
	chmod 755 "$LABTMP/tree/net"
else
	ok "unsearchable trees # SKIP: no setpriv"
fi
