#!/usr/bin/env python3
"""Writes the hand-designed node snapshots of fixtures/snapshots/.

Each node below is a scenario a platform team meets in practice, spelt out
object by object; ids are derived from names so the files are stable. Run it
only to change a scenario, then review the diff and regenerate the golden
manifests with RECLAIM_UPDATE_GOLDEN=1 swift test.
"""
import hashlib
import json
import os
import uuid

OUT = os.path.join(os.path.dirname(__file__), "..", "fixtures", "snapshots")


def hexid(*parts, n=64):
    return hashlib.sha256("/".join(parts).encode()).hexdigest()[:n]


def puid(ns, pod):
    return str(uuid.uuid5(uuid.NAMESPACE_DNS, f"{ns}/{pod}"))


def ts(day, hh, mm=0, ss=0, frac=""):
    return f"2026-11-{day:02d}T{hh:02d}:{mm:02d}:{ss:02d}{frac}Z"


class Node:
    def __init__(self, name, captured, ready=True, started=ts(20, 8), cap=0, avail=0):
        self.doc = {
            "apiVersion": "reclaim.dev/v1", "kind": "NodeSnapshot", "node": name,
            "capturedAt": captured, "allSourcesReady": ready,
            "imageFs": {"capacityBytes": cap, "availableBytes": avail},
            "pods": [], "sandboxes": [], "containers": [], "images": [], "podLogDirs": [],
        }
        if started:
            self.doc["kubeletStartedAt"] = started

    def pod(self, ns, name, state, sandboxes=(), log=True):
        uid = puid(ns, name)
        if state is not None:
            self.doc["pods"].append({"uid": uid, "namespace": ns, "name": name, "state": state})
        for i, (created, sstate) in enumerate(sandboxes):
            self.doc["sandboxes"].append({
                "id": hexid(ns, name, "sandbox", str(i)), "podUid": uid, "namespace": ns,
                "podName": name, "state": sstate, "createdAt": created})
        if log:
            self.doc["podLogDirs"].append(f"{ns}_{name}_{uid}")
        return uid

    def container(self, ns, pod, name, state, created, image, attempt=0, sandbox=0):
        self.doc["containers"].append({
            "id": hexid(ns, pod, name, str(attempt)), "podUid": puid(ns, pod), "namespace": ns,
            "podName": pod, "name": name, "sandboxId": hexid(ns, pod, "sandbox", str(sandbox)),
            "state": state, "createdAt": created, "imageId": img_id(image)})

    def image(self, ref, size_mib, first=None, last=None, pinned=False, namespaces=None, digest=True):
        entry = {"id": img_id(ref), "repoTags": [ref], "sizeBytes": size_mib * 1024 * 1024}
        if digest:
            entry["repoDigests"] = [ref.split(":")[0] + "@sha256:" + hexid("digest", ref)]
        if pinned:
            entry["pinned"] = True
        if first:
            entry["firstDetectedAt"] = first
        if last:
            entry["lastUsedAt"] = last
        if namespaces:
            entry["namespaces"] = namespaces
        self.doc["images"].append(entry)

    def write(self, filename):
        with open(os.path.join(OUT, filename), "w") as f:
            json.dump(self.doc, f, indent=2)
            f.write("\n")


def img_id(ref):
    return "sha256:" + hexid("image", ref)


GiB = 1024 * 1024 * 1024
PAUSE = "registry.k8s.io/pause:3.9"


def ci_node():
    """A CI runner node after a busy day: every job pod leaves dead containers."""
    n = Node("ci-runner-node-01", ts(29, 12), cap=200 * GiB, avail=120 * GiB)
    n.image(PAUSE, 1, first=ts(20, 8), pinned=True)
    n.image("ghcr.io/acme/builder:2026.11.28", 2100, first=ts(28, 6), last=ts(28, 23), namespaces=["ci-backend", "ci-frontend"])
    n.image("ghcr.io/acme/builder:2026.11.29", 2150, first=ts(29, 6), namespaces=["ci-frontend", "ci-backend"])
    n.image("docker.io/library/node:22", 1100, first=ts(21, 9), last=ts(27, 10), namespaces=["ci-frontend"])
    n.image("docker.io/library/golang:1.25", 900, first=ts(21, 9), last=ts(29, 11, 40))
    n.image("buildkite/agent:3.90", 160, first=ts(20, 8))
    # Finished build pods: completed (terminated) and already deleted ones.
    for i, (ns, state, tool) in enumerate([
        ("ci-frontend", "terminated", "node:22"), ("ci-frontend", "deleted", "node:22"),
        ("ci-backend", "terminated", "golang:1.25"), ("ci-backend", "deleted", "golang:1.25"),
        ("ci-backend", "evicted", "golang:1.25"),
    ]):
        pod = f"build-{4711 + i}"
        base = 6 + i
        n.pod(ns, pod, state, sandboxes=[(ts(29, base), "notready")])
        image = ("docker.io/library/" + tool)
        n.container(ns, pod, "checkout", "exited", ts(29, base, 0, 5), "ghcr.io/acme/builder:2026.11.29")
        for attempt in range(3):  # the test step was retried twice
            n.container(ns, pod, "test", "exited", ts(29, base, 5 + attempt * 10), image, attempt=attempt)
    # A build running right now, with an earlier failed attempt of its step.
    n.pod("ci-backend", "build-4720", "active", sandboxes=[(ts(29, 11, 50), "ready")])
    n.container("ci-backend", "build-4720", "compile", "exited", ts(29, 11, 51), "docker.io/library/golang:1.25")
    n.container("ci-backend", "build-4720", "compile", "running", ts(29, 11, 55), "docker.io/library/golang:1.25", attempt=1)
    # The Buildkite agent: a long-lived pod that restarted twice.
    n.pod("buildkite", "agent-7c9f", "active", sandboxes=[(ts(20, 8, 5), "ready")])
    for attempt, (created, state) in enumerate([(ts(25, 3), "exited"), (ts(27, 14), "exited"), (ts(27, 14, 1), "running")]):
        n.container("buildkite", "agent-7c9f", "agent", state, created, "buildkite/agent:3.90", attempt=attempt)
    n.write("ci-runner.json")


def image_pressure():
    """A production worker over the image threshold with a long tail of old images."""
    n = Node("worker-images-07", ts(29, 12, 0, 0, ".25"), cap=100 * GiB, avail=12 * GiB)
    n.image(PAUSE, 1, first=ts(1, 0), pinned=True)
    n.image("registry.example.com/node-agents/fluent-bit:3.2", 90, first=ts(1, 0), last=ts(10, 0))
    n.image("registry.example.com/shop/web:1.40", 820, first=ts(2, 0), last=ts(3, 0), namespaces=["prod-shop"])
    n.image("registry.example.com/shop/web:1.41", 830, first=ts(5, 0), last=ts(12, 0), namespaces=["prod-shop"])
    n.image("registry.example.com/shop/web:1.42", 840, first=ts(20, 0))
    n.image("registry.example.com/payments/api:7.1", 1500, first=ts(3, 0), last=ts(8, 0), namespaces=["prod-payments"])
    n.image("registry.example.com/payments/api:7.2", 1520, first=ts(15, 0))
    n.image("registry.example.com/search/indexer:2.0", 6100, first=ts(18, 0), last=ts(26, 0), namespaces=["prod-search"])
    n.image("registry.example.com/search/indexer:2.1", 6200, first=ts(29, 11, 58))  # just pulled
    n.image("registry.example.com/tools/debug:latest", 300, first=ts(28, 0), last=ts(28, 1))
    n.image("docker.io/library/redis:7", 120, first=ts(10, 0), digest=False)  # never used since the restart
    n.pod("prod-shop", "web-6f7d8-abcde", "active", sandboxes=[(ts(20, 0, 1), "ready")])
    n.container("prod-shop", "web-6f7d8-abcde", "web", "running", ts(20, 0, 2), "registry.example.com/shop/web:1.42")
    n.pod("prod-payments", "api-5c4b3-fghij", "active", sandboxes=[(ts(15, 0, 1), "ready")])
    n.container("prod-payments", "api-5c4b3-fghij", "api", "running", ts(15, 0, 2), "registry.example.com/payments/api:7.2")
    n.pod("kube-system", "fluent-bit-x2x4z", "active", sandboxes=[(ts(1, 0, 1), "ready")])
    n.container("kube-system", "fluent-bit-x2x4z", "fluent-bit", "running", ts(29, 11, 59, 30), "registry.example.com/node-agents/fluent-bit:3.2", attempt=3)
    n.write("image-pressure.json")


def deleted_pods():
    """A worker after a rollout: old pods deleted or evicted, their remains still on disk."""
    n = Node("worker-churn-03", ts(29, 12), cap=100 * GiB, avail=60 * GiB, started=ts(29, 6))
    n.image(PAUSE, 1, first=ts(29, 6), pinned=True)
    n.image("registry.example.com/shop/web:1.42", 840, first=ts(29, 6), last=ts(29, 11))
    n.image("registry.example.com/shop/web:1.43", 845, first=ts(29, 10))
    # The old ReplicaSet's pods: deleted by the rollout.
    for i in range(3):
        pod = f"web-6f7d8-old{i}"
        n.pod("prod-shop", pod, "deleted", sandboxes=[(ts(29, 6, 10 + i), "notready")])
        n.container("prod-shop", pod, "web", "exited", ts(29, 6, 11 + i), "registry.example.com/shop/web:1.42")
        n.container("prod-shop", pod, "istio-proxy", "exited", ts(29, 6, 11 + i, 30), "registry.example.com/shop/web:1.42")
    # A pod evicted for memory pressure, and one still terminating.
    n.pod("team-a", "report-28931", "evicted", sandboxes=[(ts(29, 9), "notready")])
    n.container("team-a", "report-28931", "report", "exited", ts(29, 9, 0, 10), "registry.example.com/shop/web:1.42")
    n.pod("team-a", "cron-28932", "terminating", sandboxes=[(ts(29, 11, 30), "notready")])
    n.container("team-a", "cron-28932", "cron", "exited", ts(29, 11, 30, 5), "registry.example.com/shop/web:1.42")
    # A pod the kubelet no longer knows at all (its API object is gone).
    n.pod("team-b", "orphan-1", None, sandboxes=[(ts(29, 7), "notready")])
    n.container("team-b", "orphan-1", "main", "exited", ts(29, 7, 0, 1), "registry.example.com/shop/web:1.42")
    # The new pods, running; one of them restarted once, one sandbox superseded.
    for i in range(3):
        pod = f"web-7a1b2-new{i}"
        sandboxes = [(ts(29, 10, i), "ready")]
        if i == 0:
            sandboxes = [(ts(29, 10, 0), "notready"), (ts(29, 10, 30), "ready")]
        n.pod("prod-shop", pod, "active", sandboxes=sandboxes)
        sb = len(sandboxes) - 1
        if i == 0:
            n.container("prod-shop", pod, "web", "exited", ts(29, 10, 0, 5), "registry.example.com/shop/web:1.43", attempt=0, sandbox=0)
        n.container("prod-shop", pod, "web", "running", ts(29, 10, 30 + i, 5), "registry.example.com/shop/web:1.43", attempt=1, sandbox=sb)
    n.write("deleted-pods.json")


def namespace_overrides():
    """A shared worker where every team's override is in play."""
    n = Node("worker-mixed-12", ts(29, 12), cap=200 * GiB, avail=150 * GiB)
    n.image(PAUSE, 1, first=ts(20, 8), pinned=True)
    n.image("registry.example.com/checkout/api:3.3", 400, first=ts(20, 9))
    n.image("registry.example.com/ci/runner:9", 700, first=ts(20, 9))
    n.image("registry.k8s.io/coredns/coredns:v1.12.0", 60, first=ts(20, 8))
    n.image("docker.io/library/busybox:1.37", 5, first=ts(20, 9))
    n.image("registry.example.com/ci/runner:8", 690, first=ts(10, 0), last=ts(28, 6), namespaces=["ci-backend"])
    n.image("registry.example.com/checkout/api:3.2", 390, first=ts(10, 0), last=ts(12, 0), namespaces=["prod-checkout"])
    n.image("registry.k8s.io/coredns/coredns:v1.11.3", 58, first=ts(1, 0), last=ts(10, 0), namespaces=["kube-system"])
    n.image("docker.io/library/busybox:1.36", 5, first=ts(1, 0), last=ts(10, 0))

    def crashloop(ns, pod, cname, image, count, start_hour):
        n.pod(ns, pod, "active", sandboxes=[(ts(29, start_hour), "ready")])
        for attempt in range(count):
            state = "running" if attempt == count - 1 else "exited"
            n.container(ns, pod, cname, state, ts(29, start_hour, 5 * attempt + 1), image, attempt=attempt)

    # Five dead attempts each: production keeps 3 (and nothing younger than
    # 1h), kube-system keeps 2, default keeps 1, CI keeps none.
    crashloop("prod-checkout", "api-7d9f-q1", "api", "registry.example.com/checkout/api:3.3", 6, 10)
    crashloop("kube-system", "coredns-66bc-k2", "coredns", "registry.k8s.io/coredns/coredns:v1.12.0", 6, 10)
    crashloop("default", "debug-shell", "shell", "docker.io/library/busybox:1.37", 6, 10)
    crashloop("ci-backend", "runner-abc12", "runner", "registry.example.com/ci/runner:9", 6, 10)
    # A container started outside the kubelet (no pod labels): global values.
    n.doc["containers"].append({
        "id": hexid("manual", "ctr"), "name": "manual-test", "state": "exited",
        "createdAt": ts(29, 9), "imageId": img_id("docker.io/library/busybox:1.37")})
    n.write("namespace-overrides.json")


def disk_pressure():
    """A worker whose image filesystem is nearly full: what eviction would reclaim."""
    n = Node("worker-full-02", ts(29, 12), cap=50 * GiB, avail=1 * GiB)
    n.image(PAUSE, 1, first=ts(20, 8), pinned=True)
    n.image("registry.example.com/ml/trainer:5.0", 14000, first=ts(21, 0), last=ts(24, 0), namespaces=["ml-batch"])
    n.image("registry.example.com/ml/trainer:5.1", 14500, first=ts(26, 0))
    n.image("registry.example.com/ml/notebook:2.3", 9000, first=ts(22, 0), last=ts(29, 11, 58), namespaces=["ml-dev"])
    n.image("registry.example.com/ml/export:1.0", 3000, first=ts(29, 11, 57))  # pulled three minutes ago
    n.image("registry.example.com/node-agents/dcgm-exporter:4.1", 1200, first=ts(20, 8), last=ts(21, 0))
    # The running training job and its completed predecessor (not deleted).
    n.pod("ml-batch", "train-20261128", "terminated", sandboxes=[(ts(28, 0), "notready")])
    n.container("ml-batch", "train-20261128", "trainer", "exited", ts(28, 0, 1), "registry.example.com/ml/trainer:5.1")
    n.pod("ml-batch", "train-20261129", "active", sandboxes=[(ts(29, 0), "ready")])
    n.container("ml-batch", "train-20261129", "trainer", "running", ts(29, 0, 1), "registry.example.com/ml/trainer:5.1")
    n.container("ml-batch", "train-20261129", "init-data", "exited", ts(29, 0, 0, 30), "registry.example.com/ml/trainer:5.1")
    n.write("disk-pressure.json")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    ci_node()
    image_pressure()
    deleted_pods()
    namespace_overrides()
    disk_pressure()
