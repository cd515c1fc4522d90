import ReclaimCore
import ReclaimInventory

/// Container GC (semantics.md, steps 1–5): the kubelet's `evictContainers`
/// plus Reclaim's per-namespace cap, over indices into the snapshot's
/// `containers` array.
///
/// Pods and namespaces arrive as small integer ids (`PodStateTable`,
/// `NamespacePolicyCache`), so grouping works on arrays, not on String-keyed
/// dictionaries.
struct ContainerGC {
  /// Which cap a "remove the oldest" cut belongs to.
  enum CapScope {
    case namespace(String)
    case node
  }

  /// The step that made a cut, as the tie warning names it. Kept structured
  /// so that the text is only built when a warning is issued.
  enum Step {
    case maxPerPodContainer
    /// A cap's equal share per unit.
    case perUnit(CapScope, share: Int)
    /// A cap's final "oldest first overall" pass.
    case oldestOverall(CapScope)

    var text: String {
      switch self {
      case .maxPerPodContainer: return "max-per-pod-container"
      case let .perUnit(scope, share): return "\(Self.capText(scope)), \(share) per unit"
      case let .oldestOverall(scope): return "\(Self.capText(scope)), oldest overall"
      }
    }

    private static func capText(_ scope: CapScope) -> String {
      switch scope {
      case let .namespace(ns): return "namespace-max-containers (\(ns))"
      case .node: return "max-containers"
      }
    }
  }

  /// A "remove the oldest N" cut that fell inside a group of equal
  /// `createdAt`; it matters only if the group ends up split.
  struct TieCut {
    var step: Step
    var group: [Int]
  }

  let containers: [NodeSnapshot.Container]
  /// `createdAt` of each container, in nanoseconds.
  private let createdAt: [Int64]
  /// Position of each container in the total age order (older first).
  private(set) var ageRank: [Int]
  /// Whether each container passed step 1.
  private(set) var evictable: [Bool]
  /// The removal reason of each removed container.
  private(set) var removed: [ContainerDeletionReason?]
  /// An evict unit is the dead containers of one (pod uid, container name):
  /// unit `u` holds `unitMembers[unitStart[u]..<unitStart[u + 1]]`, oldest
  /// first, and counts in the namespace of its oldest container (-1: none).
  private var unitStart: [Int]
  private var unitMembers: [Int] = []
  private var unitNamespace: [Int] = []
  /// The units still subject to limits (all but those step 2 removed), in
  /// the age order of their oldest container.
  private var units: [Int] = []
  private var tieCuts: [TieCut] = []
  /// `enforce`'s list of a unit's live members, kept between calls.
  private var memberScratch: [Int] = []

  init(containers: [NodeSnapshot.Container]) {
    self.containers = containers
    createdAt = containers.map(\.createdAt.nanoseconds)
    ageRank = Array(repeating: 0, count: containers.count)
    evictable = Array(repeating: false, count: containers.count)
    removed = Array(repeating: nil, count: containers.count)
    // At most one unit per container, and a literal `[0]` would be
    // allocated and then reallocated by a reservation.
    unitStart = []
    unitStart.reserveCapacity(containers.count + 1)
    unitStart.append(0)
  }

  /// X is older than Y: earlier `createdAt`, then smaller id (byte-wise).
  static func older(_ a: NodeSnapshot.Container, _ b: NodeSnapshot.Container) -> Bool {
    if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
    return ByteOrder.less(a.id, b.id)
  }

  /// The namespace a container counts in: none without a pod uid.
  static func namespace(of c: NodeSnapshot.Container) -> String? {
    guard let uid = c.podUid, !uid.isEmpty else { return nil }
    return c.namespace
  }

  /// `podId`: each container's id of `podUid ?? ""`; `namespaceId`: each
  /// container's id of `namespace(of:)` in `policies`.
  mutating func run(
    now: Int64, pods: PodStateTable, podId: [Int], namespaceId: [Int], allSourcesReady: Bool,
    evictNonDeletedPods: Bool, policies: inout NamespacePolicyCache
  ) {
    // One sort of all containers by age gives every later list its order.
    let order = Self.sortedByKey(createdAt.enumerated().map { ($1, $0) }) { a, b in
      ByteOrder.less(containers[a].id, containers[b].id)
    }
    for (rank, i) in order.enumerated() { ageRank[i] = rank }

    // Step 1: evictable containers, grouped into units in age order.
    // A unit is found through its pod: each pod's units form a list
    // (`podFirstUnit`, `nextUnit`) searched by container name (`String`
    // equality, as a dictionary key); a pod has only a few container names.
    var unitOf = Array(repeating: -1, count: containers.count)
    var unitSize: [Int] = []
    var unitPod: [Int] = []
    var unitFirst: [Int] = []
    var nextUnit: [Int] = []
    var podFirstUnit = Array(repeating: -1, count: pods.count)
    // At most one unit per container: room up front spares the arrays
    // their growth by doubling, once per plan.
    unitSize.reserveCapacity(containers.count)
    unitPod.reserveCapacity(containers.count)
    unitFirst.reserveCapacity(containers.count)
    nextUnit.reserveCapacity(containers.count)
    unitNamespace.reserveCapacity(containers.count)
    for i in order {
      guard containers[i].state != .running else { continue }
      let minAge = policies.resolve(namespaceId[i], spelling: containers[i].namespace).containerMinAge
      // createdAt + minAge ≤ now, without overflow.
      guard createdAt[i] <= SaturatingMath.sub(now, minAge) else { continue }
      evictable[i] = true
      var u = podFirstUnit[podId[i]]
      while u >= 0, containers[unitFirst[u]].name != containers[i].name { u = nextUnit[u] }
      if u < 0 {
        u = unitSize.count
        unitSize.append(0)
        unitPod.append(podId[i])
        unitFirst.append(i)
        unitNamespace.append(namespaceId[i])
        nextUnit.append(podFirstUnit[podId[i]])
        podFirstUnit[podId[i]] = u
      }
      unitOf[i] = u
      unitSize[u] += 1
    }
    // Lay the units' members out in one array, each unit oldest first.
    // `unitStart` starts as `[0]`; reserving in `init` along with the other
    // per-container arrays spares the reallocation here.
    for size in unitSize { unitStart.append(unitStart[unitStart.count - 1] + size) }
    unitMembers = Array(repeating: 0, count: unitStart[unitStart.count - 1])
    var fill = unitStart
    for i in order where unitOf[i] >= 0 {
      unitMembers[fill[unitOf[i]]] = i
      fill[unitOf[i]] += 1
    }

    // Step 2: containers of removed pods.
    units.reserveCapacity(unitSize.count)
    for u in unitSize.indices {
      if allSourcesReady && pods.removable(unitPod[u], evictNonDeletedPods: evictNonDeletedPods) {
        for k in unitStart[u]..<unitStart[u + 1] { removed[unitMembers[k]] = .podRemoved }
      } else {
        units.append(u)
      }
    }

    // Step 3: per-unit limit, resolved for the unit's namespace.
    for u in units {
      let limit = policies.resolve(unitNamespace[u], spelling: namespaceSpelling(u)).maxPerPodContainer
      if limit >= 0 { enforce(limit: limit, on: u, reason: .maxPerPodContainer, step: .maxPerPodContainer) }
    }

    // Step 4: per-namespace caps from overrides, namespaces in byte order.
    // A namespace is spelt as by its first unit (the first key of the
    // String-keyed grouping this replaces).
    if policies.hasOverrides {
      var groups: [(namespace: String, cap: Int, units: [Int])] = []
      var groupOf: [Int: Int] = [:]
      for u in units {
        let ns = unitNamespace[u]
        guard ns >= 0, let spelling = namespaceSpelling(u) else { continue }
        if let g = groupOf[ns] {
          groups[g].units.append(u)
          continue
        }
        let p = policies.resolve(ns, spelling: spelling)
        guard p.maxContainersFromOverride, p.maxContainers >= 0 else { continue }
        groupOf[ns] = groups.count
        groups.append((spelling, p.maxContainers, [u]))
      }
      groups.sort { ByteOrder.less($0.namespace, $1.namespace) }
      for g in groups {
        cap(g.cap, units: g.units, reason: .namespaceMaxContainers, scope: .namespace(g.namespace))
      }
    }

    // Step 5: the node cap.
    let nodeCap = policies.global.maxContainers
    if nodeCap >= 0 {
      cap(nodeCap, units: units, reason: .maxContainers, scope: .node)
    }
  }

  /// The indices of `keyed` (pairs of a key and an index), ordered by key,
  /// then by `tieBreak`, then by index: integer comparisons for the sort,
  /// the costlier `tieBreak` only within the (rare) runs of equal keys.
  static func sortedByKey<Key: Comparable>(_ keyed: consuming [(Key, Int)], tieBreak: (Int, Int) -> Bool) -> [Int] {
    // Sorted in place: the callers' arrays are temporaries, consumed here
    // rather than copied.
    keyed.sort { $0 < $1 }
    var order = keyed.map(\.1)
    var start = 0
    while start < keyed.count {
      var end = start + 1
      while end < keyed.count, keyed[end].0 == keyed[start].0 { end += 1 }
      // The sort is stable: equal runs keep index order.
      if end - start > 1 { order[start..<end].sort(by: tieBreak) }
      start = end
    }
    return order
  }

  /// The namespace of unit `u` as its oldest container spells it.
  private func namespaceSpelling(_ u: Int) -> String? { containers[unitMembers[unitStart[u]]].namespace }

  /// The kubelet's max-containers algorithm over `unitIDs`: an equal share
  /// per unit (empty units counted, at least 1), then oldest first overall.
  private mutating func cap(_ limit: Int, units unitIDs: [Int], reason: ContainerDeletionReason, scope: CapScope) {
    guard !unitIDs.isEmpty else { return }
    var total = 0
    for u in unitIDs { total += liveCount(u) }
    guard total > limit else { return }
    let share = max(limit / unitIDs.count, 1)
    for u in unitIDs { enforce(limit: share, on: u, reason: reason, step: .perUnit(scope, share: share)) }
    var flattened: [Int] = []
    flattened.reserveCapacity(total)
    for u in unitIDs { appendLive(u, to: &flattened) }
    guard flattened.count > limit else { return }
    let rank = ageRank
    flattened.sort { rank[$0] < rank[$1] }
    removeOldest(flattened, count: flattened.count - limit, reason: reason, step: .oldestOverall(scope))
  }

  private mutating func enforce(limit: Int, on u: Int, reason: ContainerDeletionReason, step: Step) {
    // Counting first: most units are within the limit, and need no list.
    let excess = liveCount(u) - limit
    guard excess > 0 else { return }
    // The list reuses one buffer for all units (taken out of `self` while
    // `removeOldest` mutates `self`).
    var members = memberScratch
    memberScratch = []
    members.removeAll(keepingCapacity: true)
    appendLive(u, to: &members)
    removeOldest(members, count: excess, reason: reason, step: step)
    memberScratch = members
  }

  /// The number of the unit's containers not yet removed.
  private func liveCount(_ u: Int) -> Int {
    var n = 0
    for k in unitStart[u]..<unitStart[u + 1] where removed[unitMembers[k]] == nil { n += 1 }
    return n
  }

  /// Appends the unit's containers not yet removed, oldest first.
  private func appendLive(_ u: Int, to list: inout [Int]) {
    for k in unitStart[u]..<unitStart[u + 1] where removed[unitMembers[k]] == nil { list.append(unitMembers[k]) }
  }

  /// Removes the first `count` of `list` (sorted oldest first) and notes a
  /// cut inside a group of equal `createdAt`.
  private mutating func removeOldest(_ list: [Int], count: Int, reason: ContainerDeletionReason, step: Step) {
    for i in list.prefix(count) { removed[i] = reason }
    guard count > 0, count < list.count else { return }
    let t = createdAt[list[count]]
    guard createdAt[list[count - 1]] == t else { return }
    var lo = count - 1
    while lo > 0, createdAt[list[lo - 1]] == t { lo -= 1 }
    var hi = count
    while hi + 1 < list.count, createdAt[list[hi + 1]] == t { hi += 1 }
    tieCuts.append(TieCut(step: step, group: Array(list[lo...hi])))
  }

  /// One `tie-broken` warning per cut whose group ends up split.
  func tieWarnings() -> [PlanMessage] {
    var out: [PlanMessage] = []
    for cut in tieCuts {
      let gone = cut.group.filter { removed[$0] != nil }
      let kept = cut.group.filter { removed[$0] == nil }
      guard !gone.isEmpty, !kept.isEmpty else { continue }
      let ids = { (xs: [Int]) in xs.map { containers[$0].id }.sorted(by: ByteOrder.less).joined(separator: ", ") }
      out.append(
        PlanMessage(
          .tieBroken,
          "\(cut.step.text): containers with equal createdAt \(containers[cut.group[0]].createdAt): removed \(ids(gone)), kept \(ids(kept)); another kubelet order could choose differently"
        ))
    }
    return out
  }
}
