# Lab test: every mode, live, ends with status 0, prints no line with
# trailing blanks, and its --libxo json (and json,pretty) output parses.
# A veth pair with addresses, a route, a neighbour, a multicast join and a
# few sockets give each table something to show.

veth mv0 mv1 10.77.0.1/24 2001:db8:77::1/64
ip route add 10.78.0.0/16 via 10.77.0.2
ip neigh add 10.77.0.2 lladdr 02:00:00:00:00:02 dev mv0 nud permanent
some_socks 6000 'netstat-modes'
join_groups 239.7.7.7 10.77.0.1

for m in "" "-a" "-an" "-anL" "-anA" "-anv" "-anx" "-anb" "-anW" "-anl" \
    "-f unix" "-f inet6" "-p udp" "-L" "-i" "-ia" "-inbdth" "-in -f link" \
    "-I mv0" "-rn" "-r" "-rna" "-rnl" "-rnW" "-rn -F all" "-rs" "-rss" "-s" \
    "-ss" "-is" "-s -I mv0" "-s -p tcp" "-s -f inet6" "-m" "-mm" "-g" "-gs" \
    "-w 1 -q 1" "-w 1 -q 1 -I mv0 -d" "-s -w 1 -q 1 -p udp"; do
	# shellcheck disable=SC2086
	text=$(ns $m 2>"$LABTMP/err")
	rc=$?
	expect_eq "netstat $m: exit 0, nothing on stderr" "$rc:$(cat "$LABTMP/err")" "0:"
	no_trailing_blanks "netstat $m: no trailing blanks" "$text"
	# shellcheck disable=SC2086
	json_ok "netstat $m --libxo json parses" ns $m --libxo json
done
# shellcheck disable=SC2086
json_ok "netstat -an --libxo json,pretty parses" ns -an --libxo json,pretty
json_ok "netstat -s --libxo pretty,json parses" ns -s --libxo pretty,json
