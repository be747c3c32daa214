#!/usr/bin/env python3
"""Hostile input through -M: mutate every saved proc tree under
tests/fixtures (cut lines, random bytes, huge and negative numbers, lines
with fields missing or doubled, control bytes in names) and run every mode
over each mutant.  netstat must end with status 0 or 1, never a signal or
a sanitizer report; its JSON must parse whenever it ends with status 0.

Prints "ok - ..." / "not ok - ..." lines.  Deterministic (fixed seed).
"""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

NETSTAT = os.environ.get("NETSTAT", "./netstat")
TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(TOP, "tests", "fixtures")
MUTANTS = int(os.environ.get("FUZZ_MUTANTS", "6"))

MODES = [
    ["-an"], ["-a"], ["-anL"], ["-anA"], ["-anW"], ["-anl"], ["-anx"],
    ["-anb"], ["-f", "unix"], ["-in"], ["-ina"], ["-inbdt"], ["-rn"],
    ["-rna"], ["-rnl"], ["-rs"], ["-s"], ["-ss"], ["-is"], ["-m"],
    ["-mm"], ["-g"], ["-gs"],
]


def mutate_line(rng, line):
    choice = rng.randrange(9)
    if choice == 0:
        return line[: rng.randrange(len(line) + 1)]
    if choice == 1:
        b = bytearray(line)
        for _ in range(rng.randrange(1, 4)):
            if b:
                b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b)
    if choice == 2:
        return line.replace(b" ", b"  ", 1).replace(b"0", b"F" * 40, 1)
    if choice == 3:
        fields = line.split()
        return b" ".join(fields[: max(0, len(fields) - rng.randrange(1, 3))])
    if choice == 4:
        return line + b" " + line
    if choice == 5:
        return line.replace(b"0", b"-1", 1)
    if choice == 6:
        return b"\x1b]0;pwned\x07" + line + b"\x1b[2J"
    if choice == 7:
        return b"x" * rng.randrange(5000, 70000)
    return line.replace(b":", b"", 1)


def mutate_tree(rng, src, dst):
    shutil.copytree(src, dst, symlinks=False)
    files = []
    for root, _, names in os.walk(dst):
        for n in names:
            files.append(os.path.join(root, n))
    for path in files:
        if rng.random() < 0.5:
            continue
        with open(path, "rb") as f:
            lines = f.read().split(b"\n")
        for i in range(len(lines)):
            if rng.random() < 0.3:
                lines[i] = mutate_line(rng, lines[i])
        if rng.random() < 0.1:
            lines = lines[: rng.randrange(len(lines) + 1)]
        with open(path, "wb") as f:
            f.write(b"\n".join(lines))


def run(tree, mode, as_json):
    args = [NETSTAT, "-M", tree] + mode
    if as_json:
        args += ["--libxo", "json"]
    try:
        p = subprocess.run(args, capture_output=True, timeout=20)
    except subprocess.TimeoutExpired:
        return "timed out"
    err = p.stderr.decode("latin-1")
    if p.returncode not in (0, 1):
        return "exit %d: %s" % (p.returncode, err[-300:])
    if "runtime error" in err or "AddressSanitizer" in err:
        return "sanitizer: " + err[:600]
    if as_json and p.returncode == 0:
        try:
            json.loads(p.stdout)
        except ValueError as e:
            return "invalid JSON (%s)" % e
    return None


def main():
    rng = random.Random(20261127)
    trees = sorted(d for d in os.listdir(FIXTURES)
                   if os.path.isdir(os.path.join(FIXTURES, d)))
    if not trees:
        print("ok - fuzz: no fixture trees yet")
        return 0
    work = tempfile.mkdtemp(prefix="netstat-fuzz.")
    failed = 0
    try:
        for t in trees:
            problems = []
            runs = 0
            for m in range(MUTANTS):
                dst = os.path.join(work, "%s.%d" % (t, m))
                mutate_tree(rng, os.path.join(FIXTURES, t), dst)
                for mode in MODES:
                    as_json = rng.random() < 0.3
                    why = run(dst, mode, as_json)
                    runs += 1
                    if why:
                        problems.append("%s %s%s: %s" % (
                            dst, " ".join(mode),
                            " --libxo json" if as_json else "", why))
                if not problems:
                    shutil.rmtree(dst)
            if problems:
                failed += 1
                print("not ok - fuzz %s: %d of %d runs failed" %
                      (t, len(problems), runs))
                for p in problems[:3]:
                    print("#   " + p.replace("\n", "\n#   "))
            else:
                print("ok - fuzz %s: %d mutated runs" % (t, runs))
    finally:
        if not failed:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
