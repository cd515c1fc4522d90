#!/usr/bin/env python3
"""Fleet-scale benchmark: `reclaim plan` beside the I/O and parsing floors.

On fleets written by `reclaim generate` (2,000 and 10,000 nodes by default,
NDJSON), in one run, interleaved run by run so that every row sees the same
machine conditions, medians of --runs:

  cat FILE > /dev/null                       the I/O floor
  jq -c . FILE > /dev/null                   a C JSON parser (parse and print)
  python3: json.loads on every line          parse only, lines already read
  reclaim plan --format ndjson --jobs 1      end to end, pinned to one core
  reclaim plan --format ndjson --jobs 2      end to end, both cores

For each: seconds, MB/s (10^6 bytes of input per second), nodes/s and peak
RSS (GNU time's %M: the command's own resident high-water mark; wait4 from
a large parent would report the parent's), and the ratios: × Python, jobs 2
against jobs 1, and peak RSS at the largest fleet against the smallest.

    swift build -c release --static-swift-stdlib
    python3 scripts/benchmark.py --scale --runs 3 --workdir /tmp/reclaim-scale
"""

import os
import shutil
import statistics
import subprocess
import sys
import time

PYTHON_PARSE = r"""
import json, sys, time
lines = open(sys.argv[1], "rb").read().split(b"\n")
start = time.perf_counter()
for line in lines:
    if line.strip():
        json.loads(line)
print(time.perf_counter() - start)
"""


def timed(argv, pin=False, stdout=subprocess.DEVNULL):
    """(wall seconds, peak RSS MiB, stdout) of argv; the peak by GNU time, the wall time around it."""
    if pin and shutil.which("taskset"):
        argv = ["taskset", "-c", "0"] + argv
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M"] + argv, stdout=stdout, stderr=subprocess.PIPE, check=False)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit("%s exited with %d: %s" % (" ".join(argv), proc.returncode, proc.stderr.decode()[-500:]))
    kib = proc.stderr.decode().strip().splitlines()[-1]
    out = proc.stdout.decode() if stdout == subprocess.PIPE else None
    return seconds, int(kib) / 1024.0, out


def main(args, workdir):
    if not os.access("/usr/bin/time", os.X_OK):
        sys.exit("GNU time is needed for peak RSS: apt-get install -y time")
    reclaim = args.reclaim
    sizes = [int(n) for n in args.scale_nodes.split(",")]
    fleets = {}
    for n in sizes:
        path = os.path.join(workdir, "generated-n%d-s%d.ndjson" % (n, args.seed))
        if not os.path.exists(path):
            subprocess.run([reclaim, "generate", "--nodes", str(n), "--seed", str(args.seed), "-o", path], check=True)
        fleets[n] = (path, os.path.getsize(path))
    have_jq = shutil.which("jq") is not None
    rows = {}

    def add(n, name, seconds, rss):
        rows.setdefault((n, name), []).append((seconds, rss))

    for _ in range(args.runs):
        for n in sizes:
            path, _size = fleets[n]
            s, rss, _ = timed(["cat", path])
            add(n, "cat (I/O floor)", s, rss)
            if have_jq:
                s, rss, _ = timed(["jq", "-c", ".", path], pin=True)
                add(n, "jq -c . (parse and print)", s, rss)
            _, rss, out = timed([sys.executable, "-c", PYTHON_PARSE, path], pin=True, stdout=subprocess.PIPE)
            add(n, "python json.loads (parse only)", float(out.strip()), rss)
            for jobs in (1, 2):
                s, rss, _ = timed(
                    [reclaim, "plan", "--policy", args.policy, "--format", "ndjson", "--jobs", str(jobs), path],
                    pin=jobs == 1)
                add(n, "reclaim plan --jobs %d" % jobs, s, rss)

    print("\nFleet scale (medians of %d interleaved runs; seed %d; policy %s)\n" % (args.runs, args.seed, args.policy))
    print("| nodes | MB | what | seconds | MB/s | nodes/s | peak RSS MiB | × python |")
    print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |")
    medians = {}
    for n in sizes:
        _path, size = fleets[n]
        names = [name for (m, name) in rows if m == n]
        for name in names:
            samples = rows[(n, name)]
            medians[(n, name)] = (statistics.median(s for s, _ in samples), max(r for _, r in samples))
        py = medians[(n, "python json.loads (parse only)")][0]
        for name in names:
            s, rss = medians[(n, name)]
            print("| %d | %.1f | %s | %.3f | %.1f | %.0f | %.0f | %.2f× |" % (
                n, size / 1e6, name, s, size / 1e6 / s, n / s, rss, py / s))
    print()
    for n in sizes:
        one = medians[(n, "reclaim plan --jobs 1")][0]
        two = medians[(n, "reclaim plan --jobs 2")][0]
        print("%d nodes: --jobs 2 is %.2f× --jobs 1" % (n, one / two))
    small, large = sizes[0], sizes[-1]
    for jobs in (1, 2):
        a = medians[(small, "reclaim plan --jobs %d" % jobs)][1]
        b = medians[(large, "reclaim plan --jobs %d" % jobs)][1]
        print("--jobs %d peak RSS: %.0f MiB at %d nodes, %.0f MiB at %d nodes (%.2f×)" % (jobs, a, small, b, large, b / a))
