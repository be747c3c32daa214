# Lab test of JSON's machine values (issue 11): every network of -i, -ia,
# -r, -rl and -g is a CIDR Python's ipaddress parses, every address a
# plain address, booleans are booleans, "-" is never a value, the
# interface name has one key in every mode, and -L's numbers are the
# text's "qlen/incqlen/maxqlen".
# Sourced by tests/run inside a private network and mount namespace.

ip link set lo up
veth jv0 jv1 10.31.0.1/24 fd31::1/64
ip route add default via 10.31.0.9
ip route add 10.32.0.0/16 via 10.31.0.9 src 10.31.0.1
ip route add blackhole 10.33.0.0/16
ip -6 route add fd32::/48 via fe80::9 dev jv0
ip neigh add 10.31.0.9 lladdr 02:00:00:00:31:09 nud permanent dev jv0
ip -6 neigh add fe80::9 lladdr 02:00:00:00:31:09 nud permanent dev jv0

# A member of a group of each family, and a listener with a backlog of 5.
python3 -c '
import socket, sys, time
l = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
l.bind(("10.31.0.1", 7031))
l.listen(5)
c = socket.create_connection(("10.31.0.1", 7031))
open(sys.argv[1], "w").write("ready\n")
time.sleep(60)' "$LABTMP/listen.ready" &
join_groups 239.31.0.1 10.31.0.1 ff05::31 jv0
wait_until 50 test -s "$LABTMP/listen.ready"

# The checker: every value of a known key is checked by its kind.
cat >"$LABTMP/keys.py" <<'PY'
import ipaddress, json, re, sys

NET = {"network", "destination"}
ADDR = {"address", "gateway", "preferred-source", "group",
    "origin-address", "group-address", "route", "source", "inet-address",
    "inet6-address"}
BOOL = {"default"}
INT = {"link", "gateway-link", "mtu", "metric", "queue-length",
    "incomplete-queue-length", "queue-limit"}
LL = re.compile(r"^[0-9a-f]{2}(:[0-9a-f]{2})*$")
# Interface names have one key: these others must not appear.
OLDNAME = {"name", "interface", "ifname"}
bad = []
seen = {"interface-name": 0, "network": 0, "destination": 0, "default": 0}

def check(k, v, where):
    try:
        if k in NET:
            ipaddress.ip_network(v)
        elif k in ADDR and isinstance(v, str):
            ipaddress.ip_address(v)
        elif k in BOOL and not isinstance(v, bool):
            raise ValueError("not a boolean")
        elif k in INT and (isinstance(v, bool) or not isinstance(v, int)):
            raise ValueError("not a number")
        elif k == "link-layer-address" and not LL.match(v):
            raise ValueError("not a link-layer address")
        elif k == "interface-name" and not isinstance(v, str):
            raise ValueError("not a string")
        elif k in OLDNAME:
            raise ValueError("an interface name under another key")
        if v == "-":
            raise ValueError("a display placeholder")
    except ValueError as e:
        bad.append("%s/%s=%r: %s" % (where, k, v, e))
    if k in seen:
        seen[k] += 1

def walk(o, where):
    if isinstance(o, dict):
        # An address row's address lies in its network.
        if "network" in o and "address" in o:
            try:
                n = ipaddress.ip_network(o["network"])
                a = ipaddress.ip_interface("%s/%d" % (o["address"],
                    n.prefixlen))
                if a.network != n:
                    bad.append("%s: %s not in %s" % (where,
                        o["address"], o["network"]))
            except ValueError as e:
                bad.append("%s: %s" % (where, e))
        for k, v in o.items():
            if isinstance(v, (dict, list)):
                walk(v, where + "/" + k)
            else:
                check(k, v, where)
    elif isinstance(o, list):
        for v in o:
            walk(v, where)

walk(json.load(sys.stdin), "")
for k in sys.argv[1:]:
    if seen.get(k, 0) == 0:
        bad.append("no %s key" % k)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY

# keys DESC "WANTED KEYS" ARGS...: the JSON of netstat ARGS passes.
keys() {
	_d=$1
	_w=$2
	shift 2
	_o=$(ns "$@" --libxo json 2>/dev/null | python3 "$LABTMP/keys.py" $_w)
	expect_eq "$_d" "$_o" ""
}

keys "-i: CIDR networks, plain addresses, interface-name" \
    "interface-name network" -i
keys "-in: the same" "interface-name network" -in
keys "-ia: groups plain addresses, each address in its network" \
    "interface-name network" -ia
keys "-r: CIDR destinations, default a boolean, plain gateways" \
    "interface-name destination default" -r
keys "-rn: the same" "interface-name destination default" -rn
keys "-rl: the source a plain address too" \
    "interface-name destination default" -rnl
keys "-ra: the local table too" "destination default" -rna
keys "-g: groups, interface-name" "interface-name" -g
keys "-gs: interface-name, plain addresses" "interface-name" -gs
keys "-w: each interval's interface-name" "interface-name" \
    -w 1 -q 1 -I jv0
keys "-L: queue numbers" "" -nL

# The values themselves.
got=$(ns -rn -f inet --libxo json | python3 -c 'import json, sys
d = json.load(sys.stdin)["statistics"]["route-information"]["route-table"]
for e in d["rt-family"][0]["rt-entry"]:
    print(e["destination"], e["default"], e.get("gateway"),
        e.get("gateway-link"), e.get("link-layer-address"))')
expect_match "-r: the default route is 0.0.0.0/0 and flagged" "$got" \
    '^0\.0\.0\.0/0 True 10\.31\.0\.9 None None$'
expect_match "-r: a network in full CIDR" "$got" \
    '^10\.32\.0\.0/16 False 10\.31\.0\.9 None None$'
expect_match "-r: a direct route's link#N is gateway-link" "$got" \
    "^10\\.31\\.0\\.0/24 False None $(cat /sys/class/net/jv0/ifindex) None\$"
expect_match "-r: a blackhole has no gateway" "$got" \
    '^10\.33\.0\.0/16 False None None None$'
expect_match "-r: a neighbour's link-layer address" "$got" \
    '^10\.31\.0\.9/32 False None None 02:00:00:00:31:09$'
got=$(ns -rn -f inet --libxo json | python3 -c 'import json, sys
d = json.load(sys.stdin)["statistics"]["route-information"]["route-table"]
for e in d["rt-family"][0]["rt-entry"]:
    if e["destination"] == "10.33.0.0/16":
        print(e["route-type"], e["flags_pretty"])')
expect_eq "-r: its kind is route-type" "$got" "blackhole ['up', 'static', 'blackhole']"
got=$(ns -rn -f inet6 --libxo json | python3 -c 'import json, sys
d = json.load(sys.stdin)["statistics"]["route-information"]["route-table"]
for e in d["rt-family"][0]["rt-entry"]:
    if e["destination"] == "fd32::/48":
        print(e["gateway"], e["interface-name"])')
expect_eq "-r: a link-local gateway without %scope, its interface-name" \
    "$got" "fe80::9 jv0"
got=$(ns -in -I jv0 --libxo json | python3 -c 'import json, sys
for e in json.load(sys.stdin)["statistics"]["interface"]:
    print(e.get("network", e.get("link")), e.get("address"))')
expect_match "-i: an IPv4 network in full CIDR" "$got" \
    '^10\.31\.0\.0/24 10\.31\.0\.1$'
expect_match "-i: a link-local prefix without %scope" "$got" \
    '^fe80::/64 fe80::'
expect_match "-i: the link row's link is the ifindex" "$got" \
    "^$(cat /sys/class/net/jv0/ifindex) None\$"
expect_match "-i: the text keeps Darwin's short form" \
    "$(ns -in -I jv0)" '^jv0 +1500 +10\.31/24 +10\.31\.0\.1 '

# -L: the numbers are the text's a/b/c.
text=$(ns -nL -f inet | awk '$3 == "10.31.0.1.7031" { print $2 }')
got=$(ns -nL -f inet --libxo json | python3 -c 'import json, sys
for s in json.load(sys.stdin)["statistics"]["socket"]:
    if s["local"]["address"] == "10.31.0.1" and s["local"]["port"] == "7031":
        print("%d/%d/%s" % (s["queue-length"], s["incomplete-queue-length"],
            s.get("queue-limit", "-")), s["listen-queue-sizes"])')
expect_eq "-L: JSON numbers = the text's qlen/incqlen/maxqlen" "$got" \
    "$text $text"
expect_match "-L: the backlog is the maximum" "$text" '^[0-9]+/[0-9]+/5$'

# shellcheck disable=SC2154  # set by join_groups
kill "$joined" 2>/dev/null
