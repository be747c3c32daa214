# Lab test: --libxo xml (and xml,pretty) parses for every mode, and holds
# the same keys, nested the same way, as the mode's JSON; the libxo option
# spellings; -w ends a valid document on SIGINT, SIGTERM and SIGHUP, each
# interval with its time.

veth xv0 xv1 10.79.0.1/24 2001:db8:79::1/64
ip route add 10.80.0.0/16 via 10.79.0.2
some_socks 6100 'netstat-xml<&>'
join_groups 239.7.7.8 10.79.0.1

# The key paths of a JSON document and of an XML one: a list's members
# count under the list's name, as libxo's XML repeats it; an empty list
# is nothing in XML.
cat >"$LABTMP/keys.py" <<'PY'
import json, sys, xml.etree.ElementTree as ET
def jpaths(v, path, out):
    if isinstance(v, dict) and not v:
        out.add(path)	# XML: an element without children
    if isinstance(v, dict):
        for k, w in v.items():
            jpaths(w, path + "/" + k, out)
    elif isinstance(v, list):
        for w in v:
            jpaths(w, path, out)
    else:
        out.add(path)
def xpaths(e, path, out):
    path = path + "/" + e.tag
    if len(e) == 0:
        out.add(path)
    for c in e:
        xpaths(c, path, out)
j, x = set(), set()
jpaths(json.load(open(sys.argv[1])), "", j)
xpaths(ET.parse(sys.argv[2]).getroot(), "", x)
print("same" if j == x else "differ: json only %s; xml only %s" %
    (sorted(j - x)[:5], sorted(x - j)[:5]))
PY

# Numeric, but for -a: a lookup that cannot be answered here costs a
# second a run (the test must fit its time under the sanitizers too).
for m in "-a" "-an" "-anL" "-anA" "-anv" "-anx" "-anb" "-anW" "-anl" \
    "-an -f unix" "-anu" "-an -f inet6" "-an -p udp" "-nL" "-aS" "-in" \
    "-ina" "-inbdth" "-in -f link" "-nI xv0" "-rn" "-rna" "-rnl" \
    "-rn -F all" "-rs" "-rss" "-s" "-ss" "-is" "-s -I xv0" "-s -p tcp" \
    "-s -f inet6" "-m" "-mm" "-gn" "-gs" "-w 1 -q 1" \
    "-w 1 -q 1 -I xv0 -d" "-s -w 1 -q 1 -p udp"; do
	# shellcheck disable=SC2086
	ns $m --libxo json >"$LABTMP/j" 2>/dev/null
	# shellcheck disable=SC2086
	ns $m --libxo xml >"$LABTMP/x" 2>"$LABTMP/err"
	rc=$?
	expect_eq "netstat $m --libxo xml: exit 0, nothing on stderr" \
	    "$rc:$(cat "$LABTMP/err")" "0:"
	r=$(python3 "$LABTMP/keys.py" "$LABTMP/j" "$LABTMP/x" 2>&1)
	expect_eq "netstat $m: XML parses, same keys as JSON" "$r" "same"
done
# pretty changes the layout only: a few modes of each kind.
for m in "-an" "-in" "-rn" "-s -p tcp" "-m" "-gn"; do
	# shellcheck disable=SC2086
	ns $m --libxo json >"$LABTMP/j" 2>/dev/null
	# shellcheck disable=SC2086
	ns $m --libxo xml,pretty >"$LABTMP/xp" 2>/dev/null
	r=$(python3 "$LABTMP/keys.py" "$LABTMP/j" "$LABTMP/xp" 2>&1)
	expect_eq "netstat $m: xml,pretty parses, same keys" "$r" "same"
done

# The spellings FreeBSD users type.
for o in "--libxo=json" "--libxo:J" "--libxo json,pretty" "--libxo:JP" \
    "--libxo=xml" "--libxo:X" "--libxo:XP" "--libxo=text"; do
	# shellcheck disable=SC2086
	out=$(ns -an -p tcp $o 2>&1)
	expect_eq "$o: accepted" "$?" 0
	case $o in
	*J*|*json*) r=$(printf '%s\n' "$out" | python3 -c \
	    'import json,sys; json.load(sys.stdin); print("ok")' 2>&1) ;;
	*X*|*xml*) r=$(printf '%s\n' "$out" | python3 -c \
	    'import sys,xml.etree.ElementTree as E; E.fromstring(sys.stdin.read()); print("ok")' 2>&1) ;;
	*) r=$(printf '%s\n' "$out" | grep -q '^Active Internet' && echo ok) ;;
	esac
	expect_eq "$o: the format asked for" "$r" ok
done
for o in "--libxo=html" "--libxo:H" "--libxo=warn" "--libxo:Q"; do
	out=$(ns -an $o 2>&1)
	rc=$?
	expect_match "$o: refused, naming it" "$rc:$out" \
	    "^1:netstat: --libxo: [^ ]+: unsupported format"
done

# The unix socket's name with markup characters is escaped in XML.
x=$(ns -a -f unix --libxo xml | python3 -c '
import sys, xml.etree.ElementTree as E
for s in E.fromstring(sys.stdin.read()).iter("socket"):
    p = s.findtext("path")
    if p and "netstat-xml" in p: print(p)' 2>&1)
expect_eq "XML: <&> in a path escaped and read back" "$x" "@netstat-xml<&>"

# -w ends a valid document on each end signal; every interval has its time.
for sig in INT TERM HUP; do
	for fmt in json xml; do
		# A background job of sh starts with SIGINT ignored: undo that.
		python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$NETSTAT" -w 1 --libxo $fmt \
		    >"$LABTMP/w" 2>/dev/null &
		p=$!
		sleep 2.5
		end_job $p $sig
		rc=$?
		if [ $fmt = json ]; then
			r=$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["statistics"]["interface-statistics"]
import re
print(len(d) >= 1 and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
    i["time"]) for i in d))' "$LABTMP/w" 2>&1)
		else
			r=$(python3 -c '
import sys, re, xml.etree.ElementTree as E
d = E.parse(sys.argv[1]).getroot().findall("interface-statistics")
print(len(d) >= 1 and all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
    i.findtext("time")) for i in d))' "$LABTMP/w" 2>&1)
		fi
		expect_eq "-w 1 --libxo $fmt, SIG$sig: exit 0, valid, timed" \
		    "$rc:$r" "0:True"
	done
done
# --foreground: timeout sends no SIGCONT after the SIGTERM, which under
# ASan can meet LeakSanitizer stopping the threads at exit and hang it
# (1 run in 80 here); -k ends such a run all the same.
r=$(timeout --foreground -k 5 3.5 "$NETSTAT" -s -w 1 -p tcp --libxo json |
    python3 -c '
import json, sys
d = json.load(sys.stdin)["statistics"]["interval-statistics"]
print(len(d) >= 1 and all("time" in i for i in d))' 2>&1)
expect_eq "-s -w 1 --libxo json under timeout: valid, timed" "$r" True
