import ReclaimCore
import ReclaimInventory

/// Random but awkward snapshots and policies: few distinct times (ties),
/// unknown pods, stray containers, dangling sandbox ids, protected tags.
struct SnapshotGenerator {
  var rng: SeededGenerator

  init(seed: UInt64) { rng = SeededGenerator(seed: seed) }

  mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  mutating func count(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }

  static let namespaces = ["a", "b", "ci-x", "shop"]

  mutating func time(_ seconds: [Int64?]) -> Timestamp? {
    let choice: Int64? = pick(seconds)
    return choice.map { Make.at($0) }
  }

  mutating func snapshot() -> NodeSnapshot {
    let uids = (0..<6).map { "u\($0)" }
    var podNamespace: [String: String] = [:]
    var pods: [NodeSnapshot.Pod] = []
    for uid in uids {
      let ns = pick(Self.namespaces)
      podNamespace[uid] = ns
      if chance(0.75) { pods.append(.init(uid: uid, namespace: ns, name: "pod-\(uid)", state: pick(NodeSnapshot.Pod.State.allCases))) }
    }
    var sandboxes: [NodeSnapshot.Sandbox] = []
    for i in 0..<count(0...8) {
      let uid = pick(uids)
      sandboxes.append(
        .init(
          id: "s\(i)", podUid: uid, namespace: podNamespace[uid] ?? "a", podName: "pod-\(uid)",
          state: chance(0.3) ? .ready : .notready, createdAt: Make.at(pick([-500, -400, -400, -300]))))
    }
    let imageIds = (0..<count(0...10)).map { "sha256:i\($0)" }
    var images: [NodeSnapshot.Image] = []
    for id in imageIds {
      var tags: [String] = []
      for _ in 0..<count(0...2) { tags.append(pick(["pause:3.9", "web:1", "web:2", "db:7", "tools:x"])) }
      images.append(
        .init(
          id: id, repoTags: Array(Set(tags)).sorted(), repoDigests: chance(0.2) ? ["repo@\(id)"] : [],
          sizeBytes: pick([0, 10, 100, 1000]), pinned: chance(0.15),
          firstDetectedAt: time([nil, -86400, -100, -30]), lastUsedAt: time([nil, -100, -100, -5000, 5]),
          namespaces: Array(Set((0..<count(0...2)).map { _ in pick(Self.namespaces) })).sorted()))
    }
    var containers: [NodeSnapshot.Container] = []
    for i in 0..<count(0...30) {
      let uid: String? = chance(0.1) ? nil : pick(uids)
      let sandboxId: String? = chance(0.1) ? "dangling" : (sandboxes.isEmpty || chance(0.2) ? nil : pick(sandboxes).id)
      containers.append(
        .init(
          id: "c\(i)", podUid: uid, namespace: uid.flatMap { podNamespace[$0] }, podName: uid.map { "pod-\($0)" },
          name: pick(["app", "side", "init"]), sandboxId: sandboxId, state: pick(NodeSnapshot.Container.State.allCases),
          createdAt: Make.at(pick([-4000, -3000, -3000, -100, -10, 0])),
          imageId: imageIds.isEmpty || chance(0.1) ? "missing" : pick(imageIds)))
    }
    let capacity: Int64 = pick([0, 1000, 10000])
    let podLogDirs = (0..<count(0...4)).map { _ in "ns_pod_\(pick(uids + ["stale"]))" }
    return NodeSnapshot(
      node: "gen", capturedAt: Make.now, allSourcesReady: chance(0.7),
      kubeletStartedAt: time([nil, -3600, -864_000]),
      imageFs: .init(capacityBytes: capacity, availableBytes: Int64.random(in: 0...(capacity + 100), using: &rng)),
      pods: pods, sandboxes: sandboxes, containers: containers, images: images, podLogDirs: Array(Set(podLogDirs)))
  }

  mutating func policy(overrides: Bool) -> CompiledPolicy {
    let high = pick([0, 50, 80, 90, 100])
    var list: [NamespaceOverride] = []
    if overrides {
      if chance(0.6) {
        list.append(
          NamespaceOverride(
            name: "ci", namespaces: ["ci-*"], containerGC: .init(maxPerPodContainer: pick([0, 1]), maxContainers: pick([nil, 1, 4])),
            imageGC: .init(maxAge: pick([nil, 0, Make.hour]))))
      }
      if chance(0.6) {
        list.append(
          NamespaceOverride(
            name: "shop", namespaces: ["shop"],
            containerGC: .init(minAge: pick([nil, 0, Make.hour]), maxContainers: pick([nil, 0, 2])),
            imageGC: .init(minAge: pick([nil, Make.hour]), maxAge: pick([nil, 0]))))
      }
    }
    return CompiledPolicy(
      containerGC: .init(minAge: pick([0, Make.minute]), maxPerPodContainer: pick([-1, 0, 1, 2]), maxContainers: pick([-1, 0, 3, 10])),
      imageGC: .init(
        highThresholdPercent: high, lowThresholdPercent: max(0, high - pick([1, 10, 30])), minAge: pick([0, Make.minute]),
        maxAge: pick([0, Make.hour]), protect: chance(0.5) ? ["pause:*"] : []),
      namespaceOverrides: list)
  }

  /// The same snapshot with every array (also inside images) shuffled.
  mutating func permuted(_ s: NodeSnapshot) -> NodeSnapshot {
    var p = s
    p.pods.shuffle(using: &rng)
    p.sandboxes.shuffle(using: &rng)
    p.containers.shuffle(using: &rng)
    p.images.shuffle(using: &rng)
    p.podLogDirs.shuffle(using: &rng)
    for i in p.images.indices {
      p.images[i].repoTags.shuffle(using: &rng)
      p.images[i].namespaces.shuffle(using: &rng)
      p.images[i].repoDigests.shuffle(using: &rng)
    }
    return p
  }
}
