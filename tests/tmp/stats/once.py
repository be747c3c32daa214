import json, re, sys
want = open(sys.argv[1]).read().split()
text = open(sys.argv[2]).read()
def nodup(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        print("duplicate JSON key in", keys)
        sys.exit(1)
    return dict(pairs)
doc = json.load(open(sys.argv[3]), object_pairs_hook=nodup)
leaves = []
def walk(x):
    if isinstance(x, dict):
        for y in x.values(): walk(y)
    elif isinstance(x, list):
        for y in x: walk(y)
    elif isinstance(x, int) and not isinstance(x, bool):
        leaves.append(str(x))
walk(doc)
bad = 0
nums = re.findall(r"\b\d{7,}\b", text)
for w in want:
    if nums.count(w) != 1:
        print("text: value", w, "printed", nums.count(w), "times"); bad = 1
    if leaves.count(w) != 1:
        print("json: value", w, "printed", leaves.count(w), "times"); bad = 1
if sorted(nums) != sorted(want) or sorted(leaves) != sorted(want):
    print("numbers that are no counter:", set(nums) ^ set(want),
        set(leaves) ^ set(want)); bad = 1
print("counters:", len(want))
sys.exit(bad)
