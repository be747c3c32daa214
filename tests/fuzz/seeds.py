#!/usr/bin/env python3
"""Seed corpora for the libFuzzer targets (tests/fuzz/fuzz-*.c).

usage: seeds.py DIR

Writes DIR/TARGET/seed-HASH files: every file of every saved proc tree
under tests/fixtures, whole and a line at a time, behind the selector
byte its target reads; the netlink answers of this machine's own dumps
(links, addresses, routes, neighbours, neighbour tables, inet_diag and
unix_diag), a message at a time and a receive buffer at a time, here
and (as root) in a lab namespace that has some of each; and filter
expressions with rows.  A dump the kernel refuses is skipped.
"""
import hashlib
import os
import socket
import struct
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
FIXTURES = os.path.join(TOP, "tests", "fixtures")
MAXSEED = 4096

# Fixture path (under the tree) -> (target, selector, line by line too).
PROC = {
    "net/tcp": ("proc", 0), "net/tcp6": ("proc", 1),
    "net/udp": ("proc", 2), "net/udp6": ("proc", 3),
    "net/udplite": ("proc", 4), "net/udplite6": ("proc", 5),
    "net/raw": ("proc", 6), "net/raw6": ("proc", 7),
    "net/unix": ("proc", 8), "net/dev": ("proc", 9),
    "net/if_inet6": ("proc", 10), "net/igmp": ("proc", 11),
    "net/igmp6": ("proc", 12), "net/dev_mcast": ("proc", 13),
    "net/route": ("proc", 14), "net/ipv6_route": ("proc", 15),
    "net/arp": ("proc", 16), "etc/services": ("proc", 17),
    "etc/protocols": ("proc", 18),
    "net/snmp": ("stats", 0), "net/netstat": ("stats", 0),
    "net/snmp6": ("stats", 1),
    "net/sockstat": ("mbuf", 0), "net/sockstat6": ("mbuf", 0),
    "sys/net/ipv4/tcp_mem": ("mbuf", 1), "sys/net/ipv4/udp_mem": ("mbuf", 1),
    "net/softnet_stat": ("mbuf", 2), "slabinfo": ("mbuf", 3),
    "net/ip_mr_vif": ("mroute", 0), "net/ip6_mr_vif": ("mroute", 1),
    "net/ip_mr_cache": ("mroute", 2), "net/ip6_mr_cache": ("mroute", 3),
    "net/mcfilter": ("mroute", 4), "net/mcfilter6": ("mroute", 5),
    "net/stat/rt_cache": ("rtstats", 0), "net/rt6_stats": ("rtstats", 1),
}

# fuzz-nl's selectors.
N_INET, N_INETFEED, N_UNIX, N_UNIXFEED, N_LINK, N_ADDR, N_ROUTE, \
    N_NEIGH, N_NEIGHTBL, N_WALK = range(10)

count = {}


def put(outdir, target, data):
    data = data[:MAXSEED]
    d = os.path.join(outdir, target)
    os.makedirs(d, exist_ok=True)
    name = "seed-" + hashlib.sha1(data).hexdigest()[:16]
    path = os.path.join(d, name)
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)
        count[target] = count.get(target, 0) + 1


def fixtures(outdir):
    for tree in sorted(os.listdir(FIXTURES)):
        root = os.path.join(FIXTURES, tree)
        for dirpath, _, files in os.walk(root):
            for fn in files:
                path = os.path.join(dirpath, fn)
                rel = os.path.relpath(path, root)
                if rel.startswith("net/dev_snmp6/"):
                    what = ("stats", 1)
                else:
                    what = PROC.get(rel)
                if what is None:
                    continue
                with open(path, "rb") as f:
                    body = f.read()
                target, sel = what
                put(outdir, target, bytes([sel]) + body)
                if rel.startswith("etc/") or target == "rtstats":
                    continue
                lines = body.split(b"\n")
                step = 2 if target == "stats" and sel == 0 else 1
                for i in range(0, len(lines), step):
                    chunk = b"\n".join(lines[i:i + step])
                    if chunk:
                        put(outdir, target, bytes([sel]) + chunk)


NLM_F_REQUEST, NLM_F_DUMP = 0x1, 0x300
NLMSG_DONE, NLMSG_ERROR = 3, 2


def dump(proto, mtype, body):
    """The receive buffers of one dump, or [] when it fails."""
    try:
        s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, proto)
    except OSError:
        return []
    bufs = []
    try:
        s.settimeout(2)
        s.bind((0, 0))
        hdr = struct.pack("=LHHLL", 16 + len(body), mtype,
                          NLM_F_REQUEST | NLM_F_DUMP, 1, 0)
        s.send(hdr + body)
        while len(bufs) < 64:
            buf = s.recv(65536)
            bufs.append(buf)
            if any(t in (NLMSG_DONE, NLMSG_ERROR) for t, _ in msgs(buf)):
                break
    except OSError:
        pass
    finally:
        s.close()
    return bufs


def msgs(buf):
    off = 0
    while off + 16 <= len(buf):
        ln, t = struct.unpack_from("=LH", buf, off)
        if ln < 16 or off + ln > len(buf):
            break
        yield t, buf[off:off + ln]
        off += (ln + 3) & ~3


def netlink(outdir):
    def each(bufs, sel, payload, feed=None, flags=(0, 0x55)):
        for buf in bufs:
            for fl in flags:
                put(outdir, "nl", bytes([N_WALK, fl]) + buf)
                if feed is not None:
                    put(outdir, "nl", bytes([feed, fl]) + buf)
                    put(outdir, "nl", bytes([feed | 0x80, fl]) + buf)
            for t, m in list(msgs(buf))[:40]:
                if t in (NLMSG_DONE, NLMSG_ERROR):
                    continue
                put(outdir, "nl", bytes([sel, 0]) +
                    (m[16:] if payload else m))

    rt = socket.NETLINK_ROUTE
    each(dump(rt, 18, struct.pack("=BxHiII", 0, 0, 0, 0, 0)), N_LINK, False)
    each(dump(rt, 22, struct.pack("=BBBBi", 0, 0, 0, 0, 0)), N_ADDR, False)
    for fam in (socket.AF_INET, socket.AF_INET6):
        each(dump(rt, 26, struct.pack("=BBBBBBBBI", fam, 0, 0, 0, 0, 0, 0,
                                      0, 0)), N_ROUTE, True)
        each(dump(rt, 30, struct.pack("=BxxxiHBB", fam, 0, 0, 0, 0)),
             N_NEIGH, True)
    each(dump(rt, 66, struct.pack("=Bxxx", 0)), N_NEIGHTBL, True)
    diag = 4        # NETLINK_SOCK_DIAG
    for fam in (socket.AF_INET, socket.AF_INET6):
        for proto in (socket.IPPROTO_TCP, socket.IPPROTO_UDP):
            req = struct.pack("=BBBxI", fam, proto, 0xff, 0xffffffff) + \
                bytes(48)
            # TCP first: the feed's flags byte bit 0 says UDP.
            each(dump(diag, 20, req), N_INET, True, N_INETFEED,
                 (0, 0x4) if proto == socket.IPPROTO_TCP else (1, 0x7))
    req = struct.pack("=BBHIIIII", socket.AF_UNIX, 0, 0, 0xffffffff, 0,
                      0x7f, 0, 0)
    each(dump(diag, 20, req), N_UNIX, False, N_UNIXFEED, (0, 1))


FILTERS = [
    "port 22", "src port 80 and dst host 10.0.0.1",
    "net 10.0.0.0/8 or net fe80::/10", "not state listening",
    "portrange 1000-2000", "(host ::1 or host 127.0.0.1) and not port 53",
    "state established and dst port https", "path /run/*",
    "src net 192.168.0/16\nand\n(port 80 || port 443)",
    "! state TIME_WAIT && dst portrange 1-1024",
    "dst host ::ffff:10.1.2.3 or src net 2001:db8::/32",
    "state connected and not (src port 22 or dst port 22)",
    "host 127.0.0.1 and state SYN_RECV", "path @*",
]


def row(fam6, state, la, lp, fa, fp):
    return bytes([fam6, state]) + la.ljust(16, b"\0") + \
        fa.ljust(16, b"\0") + struct.pack(">HH", lp, fp)


def filters(outdir):
    rows = row(0, 1, bytes([127, 0, 0, 1]), 22, bytes([10, 0, 0, 1]), 80) + \
        row(1, 10, bytes(10) + b"\xff\xff" + bytes([10, 1, 2, 3]), 443,
            bytes(15) + b"\1", 53) + \
        row(0, 0, bytes([192, 168, 1, 1]), 1024, bytes(4), 0)
    for e in FILTERS:
        put(outdir, "filter", e.encode())
        put(outdir, "filter", e.encode() + b"\0" + rows)


# A lab namespace, so that every kind of message has examples: veths with
# IPv4 and IPv6 addresses, a multipath route, routes with metrics and
# a source, neighbours in several states.
LAB = [
    "link add fz0 type veth peer name fz1",
    "link add fz2 type veth peer name fz3",
    "link set lo up", "link set fz0 up", "link set fz1 up",
    "link set fz2 up", "link set fz3 up",
    "addr add 10.77.0.1/24 dev fz0", "addr add 10.78.0.1/24 dev fz2",
    "-6 addr add 2001:db8:77::1/64 dev fz0 nodad",
    "-6 addr add 2001:db8:78::1/64 dev fz2 nodad",
    "route add 10.79.0.0/16 nexthop via 10.77.0.2 weight 1 "
    "nexthop via 10.78.0.2 weight 3",
    "route add 10.80.0.0/24 via 10.77.0.2 metric 7 mtu 1400 src 10.77.0.1",
    "-6 route add 2001:db8:79::/48 nexthop via 2001:db8:77::2 "
    "nexthop via 2001:db8:78::2",
    "-6 route add 2001:db8:80::/64 via 2001:db8:77::2 metric 9",
    "route add blackhole 10.81.0.0/24", "route add unreachable 10.82.0.0/24",
    "neigh add 10.77.0.2 lladdr 02:00:00:00:77:02 dev fz0 nud permanent",
    "neigh add 10.77.0.3 lladdr 02:00:00:00:77:03 dev fz0 nud stale",
    "-6 neigh add 2001:db8:77::2 lladdr 02:00:00:00:77:02 dev fz0 "
    "nud reachable",
]


def sockets():
    """Sockets of each kind, held while the dumps run."""
    keep = []
    for fam, host in ((socket.AF_INET, "127.0.0.1"),
                      (socket.AF_INET6, "::1")):
        try:
            ls = socket.socket(fam)
            ls.bind((host, 0))
            ls.listen(4)
            c = socket.socket(fam)
            c.connect(ls.getsockname())
            a, _ = ls.accept()
            c.send(b"x" * 1000)
            u = socket.socket(fam, socket.SOCK_DGRAM)
            u.bind((host, 0))
            keep += [ls, c, a, u]
        except OSError:
            pass
    for name in ("\0fuzz-seed", None):
        try:
            x = socket.socket(socket.AF_UNIX)
            if name:
                x.bind(name)
                x.listen(2)
            keep.append(x)
        except OSError:
            pass
    keep += list(socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM))
    keep += list(socket.socketpair())
    return keep


def lab(outdir):
    ns = "fuzzseed%d" % os.getpid()
    if os.geteuid() != 0 or subprocess.call(
            ["ip", "netns", "add", ns], stderr=subprocess.DEVNULL) != 0:
        return
    try:
        for c in LAB:
            subprocess.call(["ip", "-n", ns] + c.split(),
                            stderr=subprocess.DEVNULL)
        subprocess.call(["ip", "netns", "exec", ns, sys.executable,
                         os.path.abspath(__file__), "--netlink", outdir])
    finally:
        subprocess.call(["ip", "netns", "del", ns])


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--netlink":
        keep = sockets()
        netlink(sys.argv[2])
        del keep
        print("seeds in a lab namespace: nl %d" % count.get("nl", 0))
        return
    if len(sys.argv) != 2:
        sys.exit("usage: seeds.py DIR")
    outdir = sys.argv[1]
    fixtures(outdir)
    netlink(outdir)
    lab(outdir)
    filters(outdir)
    print("seeds: " + ", ".join("%s %d" % (t, n)
                                for t, n in sorted(count.items())))


if __name__ == "__main__":
    main()
