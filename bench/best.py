# The best wall time (ms) of RUNS runs of each command, the commands
# taking turns so that a busy machine weighs on them alike.
# Usage: python3 bench/best.py RUNS CMD... [-- CMD...]...
import subprocess
import sys
import time

runs = int(sys.argv[1])
cmds, cur = [], []
for a in sys.argv[2:]:
    if a == "--":
        cmds.append(cur)
        cur = []
    else:
        cur.append(a)
cmds.append(cur)
best = [None] * len(cmds)
for _ in range(runs):
    for i, c in enumerate(cmds):
        t = time.perf_counter()
        subprocess.run(c, stdout=subprocess.DEVNULL, check=True)
        d = time.perf_counter() - t
        if best[i] is None or d < best[i]:
            best[i] = d
print(" ".join("%.1f" % (b * 1000) for b in best))
