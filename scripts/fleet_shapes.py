#!/usr/bin/env python3
"""Fleet shapes for scripts/benchmark.py other than its own ("bench").

Two deterministic fleets (seeded `random.Random`, no set iteration, so the
same seed writes the same bytes) whose data differs from the bench fleet the
way real fleets do:

  compact  ~100 KB per node, 2,000 nodes, compact JSON (`,` and `:`);
  wide     ~300 KB per node (600+ containers, ~200 sandboxes), 600 nodes,
           written by `json.dumps(doc)` with its default `", "` / `": "`
           separators.

Both have: timestamps with offsets (`Z`, `+00:00`, `-05:00`, `+01:00`,
`+05:30`, ...) and every fraction length 0-9; ids of many shapes (64-, 32-
and 24-hex, UUIDs, short uids, `sha256:` and bare image ids); a mix of
namespaces (kube-system, monitoring, ci-*, shop, batch, ml-*, ...); pods in
every state, several container names per pod, several attempts per
container name, old (not ready) sandboxes, sandboxes and containers of pods
no longer listed, a few containers the kubelet did not create (no pod
fields), images with several tags, digest-only images, podLogDirs including
orphans. Field order is the reference's example order (not sorted). In `compact` a pod's
sandboxes and containers come together (kubelet order, as in the bench
fleet); in `wide` both lists are shuffled, as `crictl ps -a` / `crictl pods`
list them by creation time, so a pod's containers are interleaved with
others' (the reader's and the engine's "same as the previous one" shortcuts
mostly miss).

`write_policy(dir)` writes the policy set both shapes are planned with: one
GCPolicy and NamespaceOverrides including a `*` glob, `ci-*`, `ml-*`,
`team-*-prod`, `shop-?` and exact names, several with `maxContainers`.

    python3 scripts/fleet_shapes.py compact 50 1 > /tmp/compact-50.ndjson
"""

import json
import os
import sys

CAPTURED = 1_795_953_600  # 2026-11-29T12:00:00Z

# (namespace, weight, pod kind); ci-* and ml-* namespaces are numbered per node.
NAMESPACES = [
    ("kube-system", 8, "daemon"), ("monitoring", 6, "deploy"), ("logging", 3, "daemon"),
    ("ingress-nginx", 2, "deploy"), ("cert-manager", 1, "deploy"), ("default", 2, "deploy"),
    ("shop", 8, "deploy"), ("shop-a", 2, "deploy"), ("shop-b", 2, "deploy"), ("payments", 4, "deploy"),
    ("batch", 8, "job"), ("ci-runner-%d", 12, "job"), ("ci-build", 6, "job"),
    ("ml-training-%d", 5, "job"), ("ml-serving", 4, "deploy"), ("team-search-prod", 3, "deploy"),
    ("team-data-prod", 3, "stateful"), ("team-data-staging", 2, "stateful"), ("argo", 2, "job"),
    ("istio-system", 2, "deploy"),
]
NS_WEIGHTS = [w for _, w, _ in NAMESPACES]
APPS = ["web", "api", "checkout", "cart", "worker", "db", "cache", "cron", "proxy", "ingest", "trainer",
        "runner", "builder", "exporter", "fluent-bit", "coredns", "kube-proxy", "calico-node", "grafana",
        "prometheus", "alertmanager", "search-indexer", "kafka", "zookeeper", "postgres", "redis"]
SIDECARS = ["istio-proxy", "log-shipper", "envoy", "config-reloader", "vault-agent", "oauth2-proxy"]
INIT = ["init-config", "wait-for-db", "istio-init", "migrate"]
REGISTRIES = ["registry.k8s.io", "docker.io/library", "ghcr.io/acme", "quay.io/prometheus",
              "gcr.io/distroless", "public.ecr.aws/acme", "registry.example.com/node-agents",
              "europe-docker.pkg.dev/acme-ml/images", "nvcr.io/nvidia"]
# Minutes east of UTC; 0 is written as "Z" or "+00:00".
OFFSETS = [0, 0, 0, 0, -300, 60, 60, 120, 330, -420, -180, 540, 0]
POD_STATES = (["active", "terminating", "terminated", "deleted", "evicted"], [62, 6, 14, 12, 6])


def rfc3339(rng, seconds):
    """RFC 3339 with a random offset and a fraction of 0-9 digits (uniformly)."""
    digits = rng.randrange(10)
    frac = "" if digits == 0 else "." + ("%09d" % rng.randrange(1_000_000_000))[:digits]
    off = rng.choice(OFFSETS)
    # Local wall-clock time at that offset, as collectors in that zone write it.
    local = seconds + off * 60
    days, rem = divmod(local, 86400)
    y, m, d = civil_from_days(days)
    text = "%04d-%02d-%02dT%02d:%02d:%02d%s" % (y, m, d, rem // 3600, rem // 60 % 60, rem % 60, frac)
    if off == 0:
        return text + ("Z" if rng.random() < 0.8 else "+00:00")
    sign = "+" if off > 0 else "-"
    return text + "%s%02d:%02d" % (sign, abs(off) // 60, abs(off) % 60)


def civil_from_days(z):
    """Howard Hinnant's algorithm (proleptic Gregorian), no time module."""
    z += 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    y = yoe + era * 400
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return (y + (m <= 2), m, d)


def hexid(rng, n):
    return "%0*x" % (n, rng.getrandbits(4 * n))


def uuid4(rng):
    h = hexid(rng, 32)
    return "%s-%s-%s-%s-%s" % (h[:8], h[8:12], h[12:16], h[16:20], h[20:])


class Ids:
    """Unique, non-empty ids of the shapes runtimes and API servers hand out."""

    def __init__(self, rng):
        self.rng = rng
        self.seen = set()  # membership only, never iterated

    def _unique(self, make):
        while True:
            v = make()
            if v and v not in self.seen:
                self.seen.add(v)
                return v

    def runtime(self):
        """Container and sandbox ids: containerd/CRI-O 64-hex, docker-shim short ids, others."""
        rng = self.rng
        r = rng.random()
        if r < 0.62:
            return self._unique(lambda: hexid(rng, 64))
        if r < 0.74:
            return self._unique(lambda: hexid(rng, 32))
        if r < 0.84:
            return self._unique(lambda: hexid(rng, 24))
        if r < 0.90:
            return self._unique(lambda: hexid(rng, 12))
        if r < 0.96:
            return self._unique(lambda: uuid4(rng))
        return self._unique(lambda: "%s-%d" % (hexid(rng, rng.randrange(4, 9)), rng.randrange(1000)))

    def pod_uid(self):
        """API pod uids are UUIDs; static pods' are 32-hex config hashes; test clusters have short ones."""
        rng = self.rng
        r = rng.random()
        if r < 0.78:
            return self._unique(lambda: uuid4(rng))
        if r < 0.90:
            return self._unique(lambda: hexid(rng, 32))
        if r < 0.95:
            return self._unique(lambda: hexid(rng, rng.choice([8, 10, 16])))
        return self._unique(lambda: "uid-%d" % rng.randrange(100_000))

    def image(self):
        rng = self.rng
        r = rng.random()
        if r < 0.80:
            return self._unique(lambda: "sha256:" + hexid(rng, 64))
        if r < 0.90:
            return self._unique(lambda: hexid(rng, 64))
        if r < 0.95:
            return self._unique(lambda: "sha256:" + hexid(rng, 32))
        return self._unique(lambda: hexid(rng, 24))


def pick_namespace(rng, node_ci, node_ml):
    name, _, kind = rng.choices(NAMESPACES, NS_WEIGHTS)[0]
    if "%d" in name:
        name = name % (node_ci if name.startswith("ci-") else node_ml)[rng.randrange(2)]
    return name, kind


def pod_name(rng, kind, app, index):
    if kind == "daemon":
        return "%s-%s" % (app, hexid(rng, 5))
    if kind == "stateful":
        return "%s-%d" % (app, index % 7)
    if kind == "job":
        return "%s-%d-%s" % (app, rng.randrange(28_000_000, 29_000_000), hexid(rng, 5))
    return "%s-%s-%s" % (app, hexid(rng, rng.choice([9, 10])), hexid(rng, 5))


def make_images(rng, ids, count):
    images = []
    for i in range(count):
        reg = REGISTRIES[i % len(REGISTRIES)]
        if i == 0:
            repo = "registry.k8s.io/pause"
        else:
            repo = "%s/%s" % (reg, rng.choice(APPS + SIDECARS))
        tags = []
        shape = rng.random()
        if shape < 0.75:
            tags = ["%s:%d.%d.%d" % (repo, rng.randrange(4), rng.randrange(30), rng.randrange(12))]
        elif shape < 0.88:
            tags = ["%s:%s" % (repo, t) for t in ("latest", "v%d.%d" % (rng.randrange(3), rng.randrange(40)),
                                                    "sha-%s" % hexid(rng, 7))[:rng.randrange(2, 4)]]
        # else: digest only (pulled by digest), repoTags []
        digests = ["%s@sha256:%s" % (repo, hexid(rng, 64)) for _ in range(1 if rng.random() < 0.9 else 2)]
        image = {
            "id": ids.image(),
            "repoTags": tags,
            "repoDigests": digests,
            "sizeBytes": rng.randrange(700_000, 4_000_000_000),
            "pinned": i == 0 or rng.random() < 0.02,
            "firstDetectedAt": rfc3339(rng, CAPTURED - rng.randrange(3600, 40 * 86400)),
        }
        if rng.random() < 0.8:
            image["lastUsedAt"] = rfc3339(rng, CAPTURED - rng.randrange(0, 20 * 86400))
        if rng.random() < 0.85:
            image["namespaces"] = sorted(set(pick_namespace(rng, (1, 2), (1, 2))[0]
                                             for _ in range(rng.randrange(1, 4))))
        images.append(image)
    return images


def snapshot(rng, index, shape):
    if shape == "compact":
        n_pods, n_sandboxes, n_containers, n_images = 52, 70, 150, 45
        node = "ip-10-%d-%d-%d.eu-west-1.compute.internal" % (index // 65536 % 256, index // 256 % 256, index % 256)
    else:
        n_pods, n_sandboxes, n_containers, n_images = 100, 200, 604, 32
        node = "gke-prod-%s-pool-%d-%s" % (["eu", "us", "asia"][index % 3], index % 5, "%08x" % (index * 2654435761 % 2**32))
    ids = Ids(rng)
    node_ci = (rng.randrange(40), rng.randrange(40, 80))
    node_ml = (rng.randrange(10), rng.randrange(10, 20))
    images = make_images(rng, ids, n_images)
    hot = images[1:min(len(images), 12)]

    # Pods (listed) and removed pods (only their sandboxes/containers remain).
    pods, groups = [], []
    n_removed = max(2, n_sandboxes // 12)
    for p in range(n_pods + n_removed):
        ns, kind = pick_namespace(rng, node_ci, node_ml)
        app = rng.choice(APPS)
        name = pod_name(rng, kind, app, p)
        uid = ids.pod_uid()
        listed = p < n_pods
        state = rng.choices(*POD_STATES)[0] if listed else None
        if kind == "job" and listed and rng.random() < 0.5:
            state = rng.choice(["terminated", "deleted"])
        if listed:
            pods.append({"uid": uid, "namespace": ns, "name": name, "state": state})
        names = [app] + rng.sample(SIDECARS, rng.randrange(0, 3))
        if rng.random() < 0.3:
            names.append(rng.choice(INIT))
        groups.append({"uid": uid, "ns": ns, "name": name, "state": state, "names": names,
                       "image": {c: rng.choice(hot if rng.random() < 0.7 else images)["id"] for c in names},
                       "sandboxes": []})

    sandboxes = []
    def add_sandbox(g, newest):
        ready = newest and g["state"] in ("active", "terminating")
        sb = {"id": ids.runtime(), "podUid": g["uid"], "namespace": g["ns"], "podName": g["name"],
              "state": "ready" if ready else "notready",
              "createdAt": rfc3339(rng, CAPTURED - rng.randrange(600 if newest else 86400, 12 * 86400))}
        g["sandboxes"].append(sb)
        sandboxes.append(sb)
    for g in groups:
        add_sandbox(g, True)
    while len(sandboxes) < n_sandboxes:
        add_sandbox(groups[rng.randrange(len(groups))], False)

    containers = []
    def add_container(g, sb, cname, running):
        c = {"id": ids.runtime(), "podUid": g["uid"], "namespace": g["ns"], "podName": g["name"], "name": cname,
             "sandboxId": sb["id"],
             "state": "running" if running else rng.choices(["exited", "created", "unknown"], [90, 6, 4])[0],
             "createdAt": rfc3339(rng, CAPTURED - rng.randrange(30, 10 * 86400)),
             "imageId": g["image"][cname] if rng.random() < 0.97 else ids.image()}
        containers.append(c)
    # Every ready sandbox runs one container per name; the rest are dead attempts.
    for g in groups:
        sb = g["sandboxes"][0]
        if sb["state"] == "ready":
            for cname in g["names"]:
                if cname not in INIT:
                    add_container(g, sb, cname, True)
    while len(containers) < n_containers:
        g = groups[rng.randrange(len(groups))]
        add_container(g, rng.choice(g["sandboxes"]), rng.choice(g["names"]), False)
    # A few containers the kubelet did not create: no pod fields.
    for _ in range(max(1, n_containers // 100)):
        containers.append({"id": ids.runtime(), "name": rng.choice(["debug", "nsenter", "buildkitd"]),
                           "state": rng.choice(["exited", "running"]),
                           "createdAt": rfc3339(rng, CAPTURED - rng.randrange(60, 5 * 86400)),
                           "imageId": rng.choice(images)["id"]})
    if shape == "compact":
        # A pod's containers together (kubelet/pod order), as the bench fleet has them.
        order = {g["uid"]: i for i, g in enumerate(groups)}
        containers.sort(key=lambda c: order.get(c.get("podUid"), len(groups)))
        sandboxes.sort(key=lambda s: order[s["podUid"]])
    else:
        # crictl ps -a / crictl pods order (by creation time): pods interleaved.
        rng.shuffle(containers)
        rng.shuffle(sandboxes)

    log_dirs = ["%s_%s_%s" % (g["ns"], g["name"], g["uid"]) for g in groups]
    for _ in range(len(groups) // 10):
        ns, kind = pick_namespace(rng, node_ci, node_ml)
        log_dirs.append("%s_%s_%s" % (ns, pod_name(rng, kind, rng.choice(APPS), 0), uuid4(rng)))

    capacity = rng.choice([100, 200, 500]) * 1024 ** 3
    return {
        "apiVersion": "reclaim.dev/v1",
        "kind": "NodeSnapshot",
        "node": node,
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


def write_fleet(out, shape, nodes, rng):
    dumps = json.JSONEncoder(separators=(",", ":")).encode if shape == "compact" else json.dumps
    for i in range(nodes):
        out.write(dumps(snapshot(rng, i, shape)))
        out.write("\n")


POLICY = """\
# Written by scripts/fleet_shapes.py for the compact and wide benchmark fleets.
apiVersion: reclaim.dev/v1
kind: GCPolicy
metadata:
  name: fleet-default
spec:
  containerGC:
    minAge: 1m
    maxPerPodContainer: 1
    maxContainers: 300
  imageGC:
    highThresholdPercent: 80
    lowThresholdPercent: 70
    minAge: 5m
    maxAge: 336h
    protect:
      - "registry.k8s.io/pause:*"
      - "registry.example.com/node-agents/*"
"""

OVERRIDES = """\
# Every namespace: a cap per namespace, so no namespace crowds out the others.
apiVersion: reclaim.dev/v1
kind: NamespaceOverride
metadata:
  name: every-namespace
spec:
  namespaces: ["*"]
  containerGC:
    maxContainers: 16
---
apiVersion: reclaim.dev/v1
kind: NamespaceOverride
metadata:
  name: ci-runners
spec:
  namespaces: ["ci-*", "argo"]
  containerGC:
    minAge: 0s
    maxPerPodContainer: 0
    maxContainers: 6
  imageGC:
    maxAge: 24h
---
apiVersion: reclaim.dev/v1
kind: NamespaceOverride
metadata:
  name: ml
spec:
  namespaces: ["ml-*", "batch"]
  containerGC:
    maxPerPodContainer: 2
    maxContainers: 25
  imageGC:
    minAge: 30m
    maxAge: 72h
---
apiVersion: reclaim.dev/v1
kind: NamespaceOverride
metadata:
  name: system
spec:
  namespaces: ["kube-system", "monitoring", "logging", "istio-*"]
  containerGC:
    maxPerPodContainer: 2
  imageGC:
    maxAge: 0s
---
apiVersion: reclaim.dev/v1
kind: NamespaceOverride
metadata:
  name: shop
spec:
  namespaces: ["shop", "shop-?", "payments"]
  containerGC:
    minAge: 1h
    maxPerPodContainer: 3
    maxContainers: 60
---
apiVersion: reclaim.dev/v1
kind: NamespaceOverride
metadata:
  name: team-prod
spec:
  namespaces: ["team-*-prod"]
  containerGC:
    maxPerPodContainer: 2
  imageGC:
    maxAge: 720h
"""


def write_policy(directory):
    os.makedirs(os.path.join(directory, "overrides"), exist_ok=True)
    with open(os.path.join(directory, "fleet.yaml"), "w") as f:
        f.write(POLICY)
    with open(os.path.join(directory, "overrides", "namespaces.yaml"), "w") as f:
        f.write(OVERRIDES)


if __name__ == "__main__":
    import random
    shape, nodes, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    write_fleet(sys.stdout, shape, nodes, random.Random(seed))
