import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// Snapshots and policies built to sit on the edges of docs/reference/semantics.md: few
/// distinct times (ties in every step), several container names per pod,
/// pods in every state and unknown pods, stray and `""` references, images
/// whose only users container GC removes, capacity and threshold edges,
/// and non-ASCII names whose bytes matter.
struct AdversarialGenerator {
  /// How "café" is spelt in one snapshot and its policies. Canonically
  /// equivalent spellings are distinct strings byte for byte (as Go
  /// compares them); `.both` puts the two spellings side by side.
  enum Spelling: CaseIterable {
    case precomposed, decomposed, both

    var words: [String] {
      switch self {
      case .precomposed: return ["caf\u{E9}"]
      case .decomposed: return ["cafe\u{301}"]
      case .both: return ["caf\u{E9}", "cafe\u{301}"]
      }
    }
  }

  var rng: SeededGenerator
  let spelling: Spelling

  init(seed: UInt64, spelling: Spelling) {
    rng = SeededGenerator(seed: seed)
    self.spelling = spelling
  }

  mutating func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
  mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  mutating func count(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }

  var namespaces: [String] { ["a", "b", "ci-x", "ci-\u{FC}", "shop", "\u{65E5}\u{672C}"] + spelling.words }

  mutating func snapshot() -> NodeSnapshot {
    let namespaces = self.namespaces
    let words = spelling.words
    let uids = (0..<6).map { "u\($0)" } + words.map { "uid-\($0)" }
    var podNamespace: [ByteKey: String] = [:]
    var pods: [NodeSnapshot.Pod] = []
    for uid in uids {
      let ns = pick(namespaces)
      podNamespace[ByteKey(uid)] = ns
      if chance(0.8) {
        pods.append(.init(uid: uid, namespace: ns, name: "pod-\(uid)", state: pick(NodeSnapshot.Pod.State.allCases)))
      }
    }
    func ns(of uid: String) -> String { podNamespace[ByteKey(uid)] ?? "orphans" }

    var sandboxes: [NodeSnapshot.Sandbox] = []
    let sandboxUids = uids + ["orphan"]
    for i in 0..<count(0...10) {
      let uid = pick(sandboxUids)
      sandboxes.append(
        .init(
          id: i < words.count ? "sb-\(words[i])" : "s\(i)", podUid: uid, namespace: ns(of: uid), podName: "pod-\(uid)",
          state: chance(0.3) ? .ready : .notready, createdAt: Make.at(pick([-500, -400, -400, -300, -300]))))
    }

    var imageIds = (0..<count(0...12)).map { "sha256:i\($0)" }
    if chance(0.5) { imageIds += words.map { "img-\($0)" } }
    var images: [NodeSnapshot.Image] = []
    for id in imageIds {
      var tags: Set<String> = []
      for _ in 0..<count(0...2) { tags.insert(pick(["pause:3.9", "web:1", "web:2", "db:7", "tools:x"])) }
      var imageNamespaces: [ByteKey: String] = [:]
      for _ in 0..<count(0...2) {
        let n = pick(namespaces)
        imageNamespaces[ByteKey(n)] = n
      }
      images.append(
        .init(
          id: id, repoTags: tags.sorted(by: ByteKey.less), repoDigests: chance(0.2) ? ["repo@\(id)"] : [],
          sizeBytes: pick([0, 1, 10, 100, 100, 1000]), pinned: chance(0.12),
          firstDetectedAt: pick([nil, -86400, -86400, -7200, -100, -60, 0] as [Int64?]).map(Make.at),
          lastUsedAt: pick([nil, nil, -7200, -7200, -7200, -3600, -3601, -100, 0, 5] as [Int64?]).map(Make.at),
          namespaces: imageNamespaces.values.sorted(by: ByteKey.less)))
    }

    var containers: [NodeSnapshot.Container] = []
    let names = ["app", "side", "init"] + words
    for i in 0..<count(0...35) {
      let roll = Double.random(in: 0..<1, using: &rng)
      let uid: String? = roll < 0.08 ? nil : roll < 0.13 ? "" : pick(uids)
      let real = uid.flatMap { $0.isEmpty ? nil : $0 }
      // The containers of one pod usually agree on the namespace; when they
      // do not, the unit's oldest container decides.
      let namespace: String? =
        real.map { chance(0.1) ? pick(namespaces) : ns(of: $0) } ?? (chance(0.3) ? pick(namespaces) : nil)
      let ownSandboxes = sandboxes.filter { s in real.map { ByteKey.same(s.podUid, $0) } ?? false }
      let sroll = Double.random(in: 0..<1, using: &rng)
      let sandboxId: String? =
        sroll < 0.08 ? nil : sroll < 0.13 ? "" : sroll < 0.2 ? "dangling"
        : !ownSandboxes.isEmpty && sroll < 0.85 ? pick(ownSandboxes).id : (sandboxes.isEmpty ? nil : pick(sandboxes).id)
      containers.append(
        .init(
          id: "c\(i)", podUid: uid, namespace: namespace, podName: real.map { "pod-\($0)" }, name: pick(names),
          sandboxId: sandboxId,
          state: pick([.exited, .exited, .exited, .created, .unknown, .running] as [NodeSnapshot.Container.State]),
          createdAt: Make.at(pick([-4000, -3000, -3000, -100, -60, -60, -10, 0, 5])),
          imageId: imageIds.isEmpty || chance(0.08) ? "missing" : pick(imageIds)))
    }

    // A removed pod whose dead containers are the only users of one image:
    // under disk pressure that image goes in the same pass.
    if chance(0.5) {
      let uid = "gone"
      pods.append(.init(uid: uid, namespace: "shop", name: "pod-gone", state: pick([.deleted, .evicted, .terminated])))
      if chance(0.7) {
        sandboxes.append(
          .init(id: "s-gone", podUid: uid, namespace: "shop", podName: "pod-gone", state: .notready, createdAt: Make.at(-5000)))
      }
      let image = "sha256:only-gone"
      for k in 0..<count(1...3) {
        containers.append(
          .init(
            id: "c-gone-\(k)", podUid: uid, namespace: "shop", podName: "pod-gone", name: pick(["app", "side"]),
            sandboxId: "s-gone", state: .exited, createdAt: Make.at(pick([-5000, -4000])), imageId: image))
      }
      images.append(
        .init(
          id: image, repoTags: ["builder:1"], sizeBytes: pick([0, 100, 5000]),
          firstDetectedAt: Make.at(-86400), lastUsedAt: Make.at(pick([-7200, -4000])), namespaces: chance(0.5) ? ["shop"] : []))
    }

    // Unused images equal in (lastUsed, firstDetected), used recently
    // enough to outlive max age: step 4 may stop inside the group.
    if chance(0.4) {
      for k in 0..<count(2...4) {
        images.append(
          .init(
            id: "sha256:tie\(k)", sizeBytes: pick([50, 100, 100, 200]), firstDetectedAt: Make.at(-86400),
            lastUsedAt: Make.at(-1800)))
      }
    }

    let capacity: Int64 = pick([0, 1, 3, 100, 1000, 1000, 10000])
    let available: Int64 =
      chance(0.12) ? capacity + Int64(count(1...50)) : pick([0, capacity / 10, capacity / 3, capacity / 2, capacity])
    var logDirs: [ByteKey: String] = [:]
    for _ in 0..<count(0...5) {
      let name = pick(["ns_pod_\(pick(uids))", "ns_pod_stale", "ns_pod_gone", "u1", "ns_pod_", "a_b_c_\(pick(uids))"])
      logDirs[ByteKey(name)] = name
    }
    return NodeSnapshot(
      node: "adversarial", capturedAt: Make.now, allSourcesReady: chance(0.65),
      kubeletStartedAt: pick([nil, -3600, -3601, -7200, -864_000] as [Int64?]).map(Make.at),
      imageFs: .init(capacityBytes: capacity, availableBytes: available), pods: pods, sandboxes: sandboxes,
      containers: containers, images: images, podLogDirs: Array(logDirs.values))
  }

  /// Fixed policies covering the knobs, then one random one.
  mutating func policies() -> [CompiledPolicy] {
    let cafe = spelling.words[0]
    let minute = Make.minute, hour = Make.hour
    return [
      // The kubelet's defaults.
      CompiledPolicy(),
      // A node cap, max age, protect; no overrides.
      Make.policy(
        minAge: minute, perPod: 2, max: 3, high: 50, low: 40, imageMinAge: minute, imageMaxAge: hour,
        protect: ["pause:*"]),
      // Periodic image GC off (high 100, maxAge 0); node cap 0.
      Make.policy(perPod: -1, max: 0, high: 100, low: 90, imageMinAge: 0),
      // Exact names, `*` and `ci-*` globs; a threshold pair whose integer
      // truncation can make bytesToFree ≤ 0.
      Make.policy(
        minAge: minute, perPod: 1, max: -1, high: 67, low: 66, imageMinAge: minute, imageMaxAge: hour,
        overrides: [
          NamespaceOverride(name: "shop", namespaces: ["shop"], containerGC: .init(minAge: 0, maxContainers: 1)),
          NamespaceOverride(
            name: "ci", namespaces: ["ci-*"], containerGC: .init(maxPerPodContainer: 0, maxContainers: 2),
            imageGC: .init(maxAge: 0)),
          NamespaceOverride(
            name: "cafe", namespaces: [cafe], containerGC: .init(maxContainers: 0), imageGC: .init(minAge: hour)),
          NamespaceOverride(
            name: "everything", namespaces: ["*"], containerGC: .init(maxPerPodContainer: 2),
            imageGC: .init(maxAge: 2 * hour)),
        ]),
      // Equal-rank globs (name decides), `?` on a non-ASCII scalar, several
      // entries per override, a global node cap on top of namespace caps.
      Make.policy(
        minAge: 0, perPod: 3, max: 4, high: 1, low: 0, imageMinAge: 0, imageMaxAge: 0, protect: ["web:*"],
        overrides: [
          NamespaceOverride(name: "aa", namespaces: ["ci-*"], containerGC: .init(maxContainers: 1)),
          NamespaceOverride(name: "zz", namespaces: ["c?-x"], containerGC: .init(maxContainers: 3)),
          NamespaceOverride(
            name: "glob-cafe", namespaces: ["caf?"], containerGC: .init(minAge: hour),
            imageGC: .init(minAge: hour, maxAge: 3 * hour)),
          NamespaceOverride(
            name: "nihon", namespaces: ["\u{65E5}\u{672C}"], containerGC: .init(maxPerPodContainer: -1, maxContainers: 1)),
          NamespaceOverride(
            name: "multi", namespaces: ["a", "b*"], containerGC: .init(minAge: minute, maxContainers: 2),
            imageGC: .init(minAge: 0, maxAge: hour)),
        ]),
      randomPolicy(),
    ]
  }

  mutating func randomPolicy() -> CompiledPolicy {
    let hours: [Int64?] = [nil, 0, Make.minute, Make.hour]
    var overrides: [NamespaceOverride] = []
    var patterns = ["a", "b", "ci-*", "*", "?", "shop", "s*p", "ci-?", "*\u{301}", "caf*"] + spelling.words
    patterns.shuffle(using: &rng)
    for k in 0..<count(0...4) {
      overrides.append(
        NamespaceOverride(
          name: "o\(k)", namespaces: [patterns[k]],
          containerGC: .init(
            minAge: pick(hours), maxPerPodContainer: pick([nil, -1, 0, 1, 2]), maxContainers: pick([nil, -1, 0, 1, 3])),
          imageGC: .init(minAge: pick([nil, 0, Make.minute]), maxAge: pick([nil, 0, Make.hour, 2 * Make.hour]))))
    }
    let high = pick([1, 50, 67, 85, 100])
    return Make.policy(
      minAge: pick([0, Make.minute]), perPod: pick([-1, 0, 1, 2]), max: pick([-1, 0, 2, 5]), high: high,
      low: max(0, high - pick([1, 10])), imageMinAge: pick([0, Make.minute]), imageMaxAge: pick([0, Make.hour]),
      protect: chance(0.5) ? ["pause:*"] : [], overrides: overrides)
  }
}
