#!/usr/bin/env python3
"""Benchmark the snapshot reader against Python's json.loads on the same data.

Generates a deterministic, realistic NDJSON fleet (one snapshot per line) in a
temporary directory, then, in the same run (the machine is noisy, so the
baseline is always re-measured):

  1. Python: json.loads on every line (best of N), the baseline;
  2. reclaim-bench parse FILE (best of N): SnapshotReader into NodeSnapshot;
  3. if a release `reclaim` with a `plan` command exists:
     reclaim plan --policy POLICY --format ndjson --jobs 1 FILE > /dev/null
     (best of N), end to end; with --all-cores also unpinned on every core.

The runs are interleaved (Python, reader, plan, Python, …) so that all rows
see the same machine conditions.

Every measurement is pinned to one core with `taskset -c 0` when available.
Prints MB/s (10^6 bytes per second) and each ratio to Python.

    swift build -c release --static-swift-stdlib
    python3 scripts/benchmark.py --nodes 2000 --seed 1 --runs 5
"""

import argparse
import json
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


def bench_parse(bench, path, runs):
    best = float("inf")
    for _ in range(runs):
        out = subprocess.run(pinned([bench, "parse", path]), check=True, capture_output=True, text=True).stdout
        seconds = float(re.search(r"^seconds: (\S+)$", out, re.M).group(1))
        rejected = int(re.search(r"^rejected: (\d+)$", out, re.M).group(1))
        if rejected:
            sys.exit("reclaim-bench rejected %d snapshots of the generated fleet" % rejected)
        best = min(best, seconds)
    return best


def plan_end_to_end(reclaim, policy, path, pin=True, jobs="1"):
    """One timed run of `reclaim plan` (wall time of the whole process)."""
    argv = [reclaim, "plan", "--policy", policy, "--format", "ndjson", "--jobs", jobs, path]
    start = time.perf_counter()
    with open(os.devnull, "wb") as devnull:
        subprocess.run(pinned(argv) if pin else argv, check=True, stdout=devnull)
    return time.perf_counter() - start


def python_once(fleet):
    """One timed Python parse, in a child pinned to the same core when possible."""
    if shutil.which("taskset") and os.environ.get("RECLAIM_BENCH_CHILD") != "1":
        code = ("import sys; sys.path.insert(0, %r); import benchmark; "
                "print(benchmark.python_baseline(%r, 1))") % (os.path.dirname(os.path.abspath(__file__)), fleet)
        out = subprocess.run(pinned([sys.executable, "-c", code]), check=True, capture_output=True, text=True)
        return float(out.stdout.strip())
    return python_baseline(fleet, 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--bench", default=".build/release/reclaim-bench")
    parser.add_argument("--reclaim", default=".build/release/reclaim")
    parser.add_argument("--policy", default="policies")
    parser.add_argument("--keep", help="also copy the generated fleet to this file")
    parser.add_argument("--all-cores", action="store_true", help="also time `reclaim plan` on every core, unpinned")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="reclaim-bench-") as tmp:
        fleet = os.path.join(tmp, "fleet.ndjson")
        generate(fleet, args.nodes, args.seed)
        if args.keep:
            shutil.copyfile(fleet, args.keep)
        size = os.path.getsize(fleet)
        print("fleet: %d nodes, %d bytes (%.1f MB), seed %d" % (args.nodes, size, size / 1e6, args.seed))

        has_plan = False
        if os.access(args.reclaim, os.X_OK) and os.path.exists(args.policy):
            probe = subprocess.run([args.reclaim, "plan", "--help"], capture_output=True)
            has_plan = probe.returncode == 0
        has_bench = os.access(args.bench, os.X_OK)
        if not has_bench:
            print("note: %s not found; build it with `swift build -c release --product reclaim-bench`" % args.bench)
        if not has_plan:
            print("note: no release `reclaim` with a `plan` command and a policy at %r; end-to-end row skipped" % args.policy)

        # The machine is noisy: the measurements are interleaved run by run,
        # so that the baseline and Reclaim see the same conditions, and the
        # best of each is kept.
        best = {}
        def keep(name, seconds):
            best[name] = min(best.get(name, float("inf")), seconds)
        for _ in range(args.runs):
            keep("python json.loads (parse only)", python_once(fleet))
            if has_bench:
                keep("reclaim-bench parse (SnapshotReader)", bench_parse(args.bench, fleet, 1))
            if has_plan:
                keep("reclaim plan --format ndjson --jobs 1 (end to end)",
                     plan_end_to_end(args.reclaim, args.policy, fleet))
                if args.all_cores:
                    keep("reclaim plan, all cores (not pinned)",
                         plan_end_to_end(args.reclaim, args.policy, fleet, pin=False, jobs=str(os.cpu_count() or 1)))
        py = best["python json.loads (parse only)"]
        rows = list(best.items())

        print()
        print("| %-52s | %9s | %9s | %14s |" % ("what (one core, best of %d)" % args.runs, "seconds", "MB/s", "× python"))
        print("| %s | %s | %s | %s |" % ("-" * 52, "-" * 9, "-" * 9, "-" * 14))
        for name, seconds in rows:
            print("| %-52s | %9.3f | %9.1f | %13.2f× |" % (name, seconds, size / seconds / 1e6, py / seconds))


if __name__ == "__main__":
    main()
