"""Summarises `jfr print --stack-depth 64 --events jdk.ExecutionSample` (stdin): the hottest methods
by self samples and by inclusive samples (a method counted once per stack), top 25 each."""
import collections
import re
import sys

self_count = collections.Counter()
incl = collections.Counter()
stacks = 0
frames = None
for line in sys.stdin:
    s = line.strip()
    if s.startswith("stackTrace = ["):
        frames = []
    elif frames is not None and s == "]":
        if frames:
            stacks += 1
            self_count[frames[0]] += 1
            for f in set(frames):
                incl[f] += 1
        frames = None
    elif frames is not None and s and s != "...":
        frames.append(re.sub(r"\s+line:.*$", "", s))

print(f"{stacks} execution samples")
ours = collections.Counter({m: n for m, n in incl.items() if m.startswith(("org.patrolmap", "com.fasterxml", "io.javalin"))})
for title, counter in (("self", self_count), ("inclusive", incl), ("inclusive, patrolmap/Jackson/Javalin frames", ours)):
    print(f"\n-- top methods, {title} --")
    for m, n in counter.most_common(25):
        print(f"{100.0 * n / max(1, stacks):5.1f}%  {m}")
