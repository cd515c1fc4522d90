#!/usr/bin/env python3
"""Benchmark Reclaim against Python's json.loads on the same data.

Generates deterministic, realistic NDJSON fleets (one snapshot per line), then,
in the same run (the machine is noisy, so the baseline is always re-measured):

  1. Python: json.loads on every line (lines already in memory), the baseline;
  2. reclaim-bench parse FILE: SnapshotReader into NodeSnapshot, timed inside;
  3. if a release `reclaim` with a `plan` command exists:
     reclaim plan --policy POLICY --format ndjson --jobs 1 FILE > /dev/null,
     wall time of the whole process, and its peak RSS; with --all-cores also
     unpinned on every core;
  4. reclaim-bench plan HEAD.ndjson --policy POLICY --manifest: the engine
     plus manifest rendering alone, µs per node, over the first
     --engine-nodes snapshots (which stay in cache, as in `reclaim plan`,
     which plans each snapshot right after decoding it).

Shapes (--shape): `bench` (the default; 2,000 nodes × ≈ 52 KB, sorted keys,
compact, planned with policies/), and from scripts/fleet_shapes.py `compact`
(2,000 nodes × ≈ 100 KB, compact JSON) and `wide` (600 nodes × ≈ 330 KB,
600+ containers and 200 sandboxes per node, `json.dumps` default `", "` /
`": "` separators), both with offset timestamps, every fraction length and
ids of many lengths, planned with a generated policy set (GCPolicy and six
NamespaceOverrides, one of them `*`, several with maxContainers); `all` runs
the three.

The runs are interleaved (for each run: every shape, each Python, reader,
plan, engine) so that all rows see the same machine conditions; the table
gives medians of N (min–max in the spread table). Every measurement is
pinned to one core with `taskset -c 0` when available. MB/s are 10^6 bytes
per second of NDJSON input.

    swift build -c release --static-swift-stdlib
    python3 scripts/benchmark.py --shape all --runs 5 --workdir /tmp/reclaim-fleets
    python3 scripts/benchmark.py --nodes 2000 --seed 1 --runs 5      # bench shape only
    python3 scripts/benchmark.py --scale --runs 3 --workdir /tmp/reclaim-scale   # fleet scale (scripts/fleet_scale.py)
"""

import argparse
import json
import statistics
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

NAMESPACES = ["default", "shop", "payments", "ci-runner", "ci-build", "monitoring",
              "kube-system", "search", "data", "batch"]
APPS = ["web", "api", "worker", "db", "cache", "cron", "proxy", "ingest", "job", "agent"]
REPOS = ["registry.k8s.io/pause", "docker.io/library/nginx", "ghcr.io/acme/api",
         "quay.io/prometheus/node-exporter", "docker.io/library/redis", "ghcr.io/acme/worker",
         "gcr.io/distroless/static", "docker.io/library/postgres", "ghcr.io/acme/web",
         "registry.k8s.io/kube-proxy"]
CAPTURED = 1_795_953_600  # 2026-11-29T12:00:00Z


def rfc3339(rng, seconds):
    """A timestamp in the varied shapes real collectors write."""
    nanos = rng.randrange(1_000_000_000)
    shape = rng.randrange(4)
    if shape == 0:
        frac, off = "", 0
    elif shape == 1:
        frac, off = ".%09d" % nanos, 0
    elif shape == 2:
        frac, off = (".%03d" % (nanos // 1_000_000)), 0
    else:
        frac, off = ".%09d" % nanos, rng.choice([120, 330, -300])
    t = time.gmtime(seconds + off * 60)
    text = time.strftime("%Y-%m-%dT%H:%M:%S", t) + frac
    if off == 0:
        return text + "Z"
    sign = "+" if off > 0 else "-"
    return text + "%s%02d:%02d" % (sign, abs(off) // 60, abs(off) % 60)


def hexid(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def uid(rng):
    h = hexid(rng, 32)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


def snapshot(rng, index, pods_per_node=30, containers_per_node=60, images_per_node=40):
    images = []
    for i in range(images_per_node):
        repo = REPOS[i % len(REPOS)] if i < len(REPOS) else "ghcr.io/acme/%s-%d" % (rng.choice(APPS), i)
        digest = "sha256:" + hexid(rng, 64)
        image = {
            "id": "sha256:" + hexid(rng, 64),
            "repoTags": ["%s:%d.%d.%d" % (repo, rng.randrange(3), rng.randrange(20), rng.randrange(10))],
            "repoDigests": ["%s@%s" % (repo, digest)],
            "sizeBytes": rng.randrange(2_000_000, 900_000_000),
            "pinned": repo == "registry.k8s.io/pause",
            "firstDetectedAt": rfc3339(rng, CAPTURED - rng.randrange(86400, 30 * 86400)),
            "namespaces": sorted(set(rng.sample(NAMESPACES, rng.randrange(1, 3)))),
        }
        if rng.random() < 0.8:
            image["lastUsedAt"] = rfc3339(rng, CAPTURED - rng.randrange(0, 10 * 86400))
        images.append(image)
    pods, sandboxes, containers, log_dirs = [], [], [], []
    for p in range(pods_per_node):
        ns = rng.choice(NAMESPACES)
        name = "%s-%s" % (rng.choice(APPS), hexid(rng, 5))
        pod_uid = uid(rng)
        state = rng.choices(["active", "terminating", "terminated", "deleted", "evicted"],
                            [70, 5, 10, 10, 5])[0]
        pods.append({"uid": pod_uid, "namespace": ns, "name": name, "state": state})
        sandbox_id = hexid(rng, 64)
        sandboxes.append({
            "id": sandbox_id, "podUid": pod_uid, "namespace": ns, "podName": name,
            "state": "ready" if state == "active" else "notready",
            "createdAt": rfc3339(rng, CAPTURED - rng.randrange(3600, 5 * 86400)),
        })
        log_dirs.append("%s_%s_%s" % (ns, name, pod_uid))
        for c in range(containers_per_node // pods_per_node):
            containers.append({
                "id": hexid(rng, 64), "podUid": pod_uid, "namespace": ns, "podName": name,
                "name": APPS[c % len(APPS)], "sandboxId": sandbox_id,
                "state": rng.choices(["created", "running", "exited", "unknown"], [5, 50, 40, 5])[0],
                "createdAt": rfc3339(rng, CAPTURED - rng.randrange(60, 5 * 86400)),
                "imageId": rng.choice(images)["id"],
            })
    capacity = 100 * 1024 ** 3
    return {
        "apiVersion": "reclaim.dev/v1",
        "kind": "NodeSnapshot",
        "node": "worker-%05d.pool-%d.example.internal" % (index, index % 7),
        "capturedAt": rfc3339(rng, CAPTURED),
        "allSourcesReady": rng.random() < 0.9,
        "kubeletStartedAt": rfc3339(rng, CAPTURED - rng.randrange(3600, 20 * 86400)),
        "imageFs": {"capacityBytes": capacity, "availableBytes": rng.randrange(capacity // 50, capacity // 2)},
        "pods": pods,
        "sandboxes": sandboxes,
        "containers": containers,
        "images": images,
        "podLogDirs": log_dirs,
    }


def generate(path, nodes, seed):
    rng = random.Random(seed)
    with open(path, "w", encoding="utf-8") as out:
        for i in range(nodes):
            out.write(json.dumps(snapshot(rng, i), sort_keys=True, separators=(",", ":")))
            out.write("\n")


def pinned(argv):
    if shutil.which("taskset"):
        return ["taskset", "-c", "0"] + argv
    return argv


def run_child(argv, stdout=None):
    """Runs argv to completion; returns (wall seconds, peak RSS in MiB, stdout text or None)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout if stdout is not None else subprocess.PIPE)
    out = proc.stdout.read() if stdout is None else None
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit("%s exited with %d" % (" ".join(argv), proc.returncode))
    # taskset execs the command, so the child's maxrss is the command's (KiB on Linux).
    return seconds, usage.ru_maxrss / 1024.0, out.decode() if out is not None else None


def python_baseline(path, runs):
    with open(path, "rb") as f:
        lines = [line for line in f.read().split(b"\n") if line.strip()]
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        for line in lines:
            json.loads(line)
        best = min(best, time.perf_counter() - start)
    return best


def python_once(fleet):
    """One timed Python parse, in a child pinned to the same core when possible."""
    if os.environ.get("RECLAIM_BENCH_CHILD") == "1":
        return python_baseline(fleet, 1), 0.0
    code = ("import sys; sys.path.insert(0, %r); import benchmark; "
            "print(benchmark.python_baseline(%r, 1))") % (os.path.dirname(os.path.abspath(__file__)), fleet)
    _, rss, out = run_child(pinned([sys.executable, "-c", code]))
    return float(out.strip()), rss


def bench_parse(bench, path):
    _, rss, out = run_child(pinned([bench, "parse", path]))
    seconds = float(re.search(r"^seconds: (\S+)$", out, re.M).group(1))
    rejected = int(re.search(r"^rejected: (\d+)$", out, re.M).group(1))
    if rejected:
        sys.exit("reclaim-bench rejected %d snapshots of %s (run it by hand for the first error)" % (rejected, path))
    return seconds, rss


def bench_engine(bench, policy, head, iterations):
    _, _, out = run_child(pinned([bench, "plan", head, "--policy", policy, "--manifest",
                                  "--iterations", str(iterations)]))
    return float(re.search(r"^us/node: (\S+)$", out, re.M).group(1))


def plan_end_to_end(reclaim, policy, path, pin=True, jobs="1"):
    """One timed run of `reclaim plan` (wall time of the whole process, peak RSS)."""
    argv = [reclaim, "plan", "--policy", policy, "--format", "ndjson", "--jobs", jobs, "--no-progress", path]
    with open(os.devnull, "wb") as devnull:
        seconds, rss, _ = run_child(pinned(argv) if pin else argv, stdout=devnull)
    return seconds, rss


DEFAULT_NODES = {"bench": 2000, "compact": 2000, "wide": 600}
GENERATOR_VERSION = 1  # part of the cached file names: bump when a generator changes


def prepare(shape, nodes, seed, workdir, engine_nodes, repo_policy):
    """Writes (or reuses) the fleet, its first engine_nodes lines and the policy; returns paths."""
    import fleet_shapes
    fleet = os.path.join(workdir, "%s-n%d-s%d-v%d.ndjson" % (shape, nodes, seed, GENERATOR_VERSION))
    if not os.path.exists(fleet):
        partial = fleet + ".partial"
        if shape == "bench":
            generate(partial, nodes, seed)
        else:
            with open(partial, "w", encoding="utf-8") as out:
                fleet_shapes.write_fleet(out, shape, nodes, random.Random(seed))
        os.replace(partial, fleet)
    head = fleet[:-len(".ndjson")] + "-head%d.ndjson" % engine_nodes
    if not os.path.exists(head):
        with open(fleet, "rb") as src, open(head + ".partial", "wb") as dst:
            for _ in range(engine_nodes):
                line = src.readline()
                if not line:
                    break
                dst.write(line)
        os.replace(head + ".partial", head)
    if shape == "bench":
        policy = repo_policy
    else:
        policy = os.path.join(workdir, "policies-shapes")
        fleet_shapes.write_policy(policy)
    return fleet, head, policy


def fmt_range(values, scale=1.0, digits=3):
    return "%.*f–%.*f" % (digits, min(values) * scale, digits, max(values) * scale)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shape", choices=["bench", "compact", "wide", "all"], default="bench")
    parser.add_argument("--nodes", type=int, help="nodes per fleet (default: bench 2000, compact 2000, wide 600)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="median of this many interleaved runs (default 3)")
    parser.add_argument("--engine-nodes", type=int, default=50, help="snapshots for the engine row (default 50)")
    parser.add_argument("--engine-iterations", type=int, default=20, help="passes per engine run, best kept (default 20)")
    parser.add_argument("--bench", default=".build/release/reclaim-bench")
    parser.add_argument("--reclaim", default=".build/release/reclaim")
    parser.add_argument("--policy", default="policies", help="policy of the bench shape (default policies/)")
    parser.add_argument("--workdir", help="keep generated fleets here and reuse them (default: a temporary directory)")
    parser.add_argument("--keep", help="bench shape only: also copy the generated fleet to this file")
    parser.add_argument("--all-cores", action="store_true", help="also time `reclaim plan` on every core, unpinned")
    parser.add_argument("--scale", action="store_true",
                        help="run the fleet-scale table instead (scripts/fleet_scale.py: fleets from `reclaim generate`, "
                             "cat, jq, python, reclaim --jobs 1 and 2, peak RSS)")
    parser.add_argument("--scale-nodes", default="2000,10000", help="fleet sizes for --scale (default 2000,10000)")
    args = parser.parse_args()
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    shapes = ["bench", "compact", "wide"] if args.shape == "all" else [args.shape]

    tmp = None
    workdir = args.workdir
    if workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="reclaim-bench-")
        workdir = tmp.name
    os.makedirs(workdir, exist_ok=True)
    try:
        if args.scale:
            import fleet_scale
            fleet_scale.main(args, workdir)
            return
        run(args, shapes, workdir)
    finally:
        if tmp is not None:
            tmp.cleanup()


def run(args, shapes, workdir):
    has_plan = False
    if os.access(args.reclaim, os.X_OK):
        probe = subprocess.run([args.reclaim, "plan", "--help"], capture_output=True)
        has_plan = probe.returncode == 0
    has_bench = os.access(args.bench, os.X_OK)
    if not has_bench:
        print("note: %s not found; build it with `swift build -c release --product reclaim-bench`" % args.bench)
    if not has_plan:
        print("note: no release `reclaim` with a `plan` command; end-to-end rows skipped")

    fleets = {}
    for shape in shapes:
        nodes = args.nodes or DEFAULT_NODES[shape]
        fleet, head, policy = prepare(shape, nodes, args.seed, workdir, args.engine_nodes, args.policy)
        if args.keep and shape == "bench":
            shutil.copyfile(fleet, args.keep)
        size = os.path.getsize(fleet)
        fleets[shape] = dict(fleet=fleet, head=head, policy=policy, nodes=nodes, size=size)
        print("%s: %d nodes, %d bytes (%.1f MB, %.1f KB per node), seed %d, policy %s, %s"
              % (shape, nodes, size, size / 1e6, size / nodes / 1e3, args.seed, policy, fleet))

    # The machine is noisy: the measurements are interleaved run by run,
    # so that the baseline and Reclaim see the same conditions.
    samples = {shape: {} for shape in shapes}
    def add(shape, name, value):
        samples[shape].setdefault(name, []).append(value)
    for r in range(args.runs):
        for shape in shapes:
            f = fleets[shape]
            seconds, rss = python_once(f["fleet"])
            add(shape, "python", seconds)
            add(shape, "python rss", rss)
            if has_bench:
                seconds, rss = bench_parse(args.bench, f["fleet"])
                add(shape, "parse", seconds)
                add(shape, "parse rss", rss)
            if has_plan:
                seconds, rss = plan_end_to_end(args.reclaim, f["policy"], f["fleet"])
                add(shape, "plan", seconds)
                add(shape, "plan rss", rss)
                if args.all_cores:
                    seconds, _ = plan_end_to_end(args.reclaim, f["policy"], f["fleet"], pin=False,
                                                 jobs=str(os.cpu_count() or 1))
                    add(shape, "plan all cores", seconds)
            if has_bench:
                add(shape, "engine", bench_engine(args.bench, f["policy"], f["head"], args.engine_iterations))
        print("run %d of %d done" % (r + 1, args.runs), file=sys.stderr)

    med = lambda shape, name: statistics.median(samples[shape][name])
    print()
    print("Medians of %d interleaved runs, one core (`taskset -c 0`); MB/s = 10^6 bytes of NDJSON per second."
          % args.runs)
    print()
    cols = ["shape", "nodes × KB", "python `json.loads` MB/s", "`reclaim plan --jobs 1` MB/s", "× python",
            "`reclaim-bench parse` MB/s", "× python", "engine + manifest µs/node", "peak RSS plan / python MiB"]
    if args.all_cores:
        cols.insert(5, "all cores MB/s")
    print("| " + " | ".join(cols) + " |")
    print("| --- |" + " ---: |" * (len(cols) - 1))
    for shape in shapes:
        f = fleets[shape]
        size = f["size"]
        py = med(shape, "python")
        row = [shape, "%d × %.0f" % (f["nodes"], size / f["nodes"] / 1e3), "%.1f" % (size / py / 1e6)]
        if has_plan:
            plan = med(shape, "plan")
            row += ["%.1f" % (size / plan / 1e6), "**%.2f×**" % (py / plan)]
            if args.all_cores:
                row.append("%.1f" % (size / med(shape, "plan all cores") / 1e6))
        else:
            row += ["–", "–"] + (["–"] if args.all_cores else [])
        if has_bench:
            parse = med(shape, "parse")
            row += ["%.1f" % (size / parse / 1e6), "%.2f×" % (py / parse), "%.1f" % med(shape, "engine")]
        else:
            row += ["–", "–", "–"]
        row.append("%s / %.0f" % ("%.0f" % med(shape, "plan rss") if has_plan else "–", med(shape, "python rss")))
        print("| " + " | ".join(row) + " |")

    print()
    print("Spread (min–max of the %d runs):" % args.runs)
    print()
    print("| shape | python s | `reclaim plan` s | `reclaim-bench parse` s | engine µs/node |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for shape in shapes:
        s = samples[shape]
        print("| %s | %s | %s | %s | %s |" % (
            shape, fmt_range(s["python"]), fmt_range(s["plan"]) if "plan" in s else "–",
            fmt_range(s["parse"]) if "parse" in s else "–",
            fmt_range(s["engine"], digits=1) if "engine" in s else "–"))


if __name__ == "__main__":
    main()
