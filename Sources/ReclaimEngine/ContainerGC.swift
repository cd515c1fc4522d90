import ReclaimCore
import ReclaimInventory

/// Container GC (docs/reference/semantics.md, "Container GC", steps 1–5): the kubelet's
/// `evictContainers` (`kuberuntime_gc.go`), plus Reclaim's per-namespace cap
/// (step 4), over indices into the snapshot's `containers` array.
///
/// `removeOldestN` removes in the total age order (older: earlier
/// `createdAt`, then smaller id byte-wise), and notes each cut that falls
/// inside a group of equal `createdAt`: if the group ends up split, another
/// kubelet order could have chosen differently (`tie-broken`).
struct ContainerGC {
  /// Which cap a "remove the oldest" cut belongs to, as a tie warning names it.
  enum CapScope {
    case namespace(String)
    case node
  }

  /// The step that made a cut. Kept structured so that its text is only
  /// built when a warning is issued.
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

  /// A cut inside a group of equal `createdAt` (container indices).
  private struct TieCut {
    var step: Step
    var group: [Int]
  }

  private let index: SnapshotIndex
  private let containers: [NodeSnapshot.Container]
  /// `createdAt` of each container, in nanoseconds.
  private let createdAt: [Int64]
  /// Each evictable container's position in the age order among the
  /// evictable ones (older first); 0 for the others, which no limit sorts.
  private var ageRank: [Int]
  /// Whether each container passed step 1.
  private(set) var evictable: [Bool]
  /// The removal reason of each removed container.
  private(set) var removed: [ContainerDeletionReason?]
  /// Every unit step 1 made, in the age order of its oldest container.
  private var units: [EvictUnit] = []
  /// The containers of all units: unit `u` holds `members[units[u].members]`.
  private var members: [Int] = []
  /// The units still subject to limits: all but those step 2 removed.
  private var limited: [Int] = []
  private var tieCuts: [TieCut] = []
  /// `enforce`'s list of a unit's live members, reused between units.
  private var scratch: [Int] = []

  /// Runs container GC on the indexed snapshot at `now`.
  init(_ index: SnapshotIndex, now: Int64, evictNonDeletedPods: Bool) {
    self.index = index
    containers = index.snapshot.containers
    createdAt = containers.map(\.createdAt.nanoseconds)
    ageRank = Array(repeating: 0, count: containers.count)
    evictable = Array(repeating: false, count: containers.count)
    removed = Array(repeating: nil, count: containers.count)
    evictContainers(now: now, evictNonDeletedPods: evictNonDeletedPods)
  }

  /// The kubelet's `evictContainers`, steps 1–5 in order.
  private mutating func evictContainers(now: Int64, evictNonDeletedPods: Bool) {
    evictableContainers(now: now)
    if index.snapshot.allSourcesReady {
      removeUnitsOfRemovedPods(evictNonDeletedPods: evictNonDeletedPods)
    } else {
      limited = Array(units.indices)
    }
    enforceMaxContainersPerEvictUnit()
    if index.namespaces.hasOverrides { enforceNamespaceMaxContainers() }
    let nodeCap = index.namespaces.global.maxContainers
    if nodeCap >= 0 { enforceMaxContainers(nodeCap, units: limited[...], reason: .maxContainers, scope: .node) }
  }

  // MARK: - Step 1

  /// `evictableContainers`: every container not running and at least
  /// `minAge(ns)` old, grouped into evict units by (pod uid, name).
  private mutating func evictableContainers(now: Int64) {
    // The evictable containers, then one sort of them by age gives every
    // later list its order.
    var candidates: [(Int64, Int)] = []
    candidates.reserveCapacity(containers.count)
    for i in containers.indices {
      guard containers[i].state != .running else { continue }
      let ns = index.containerNamespace[i]
      // createdAt + minAge ≤ now, without overflow.
      guard createdAt[i] <= SaturatingMath.sub(now, index.namespaces[ns].containerMinAge) else { continue }
      evictable[i] = true
      candidates.append((createdAt[i], i))
    }
    let order = Self.sortedByKey(candidates) { a, b in ByteOrder.less(containers[a].idText, containers[b].idText) }
    for (rank, i) in order.enumerated() { ageRank[i] = rank }

    // A pod's units form a list (`podFirstUnit`, `nextUnit`) searched by
    // container name: a pod has only a few container names.
    var unitOf = Array(repeating: -1, count: containers.count)
    var unitSize: [Int] = []
    var unitFirst: [Int] = []
    var nextUnit: [Int] = []
    var podFirstUnit = Array(repeating: -1, count: index.pods.count)
    // At most one unit per container: room up front spares the arrays
    // their growth by doubling.
    units.reserveCapacity(containers.count)
    unitSize.reserveCapacity(containers.count)
    unitFirst.reserveCapacity(containers.count)
    nextUnit.reserveCapacity(containers.count)
    // Names read where they are stored (`StoredString`).
    containers.withUnsafeBufferPointer { cs in
      @inline(__always) func name(_ i: Int) -> StoredString {
        StoredString(cs, i, StoredString.Layout.containerName, optional: false)
      }
      for i in order {
        let ns = index.containerNamespace[i]
        let pod = index.containerPod[i]
        var u = podFirstUnit[pod]
        while u >= 0, !StoredString.equal(name(unitFirst[u]), name(i)) { u = nextUnit[u] }
        if u < 0 {
          u = units.count
          units.append(EvictUnit(pod: pod, namespace: ns, members: 0..<0))
          unitSize.append(0)
          unitFirst.append(i)
          nextUnit.append(podFirstUnit[pod])
          podFirstUnit[pod] = u
        }
        unitOf[i] = u
        unitSize[u] += 1
      }
    }
    // Lay the units' members out in one list, each unit oldest first.
    var start = 0
    for u in units.indices {
      units[u].members = start..<start + unitSize[u]
      start += unitSize[u]
    }
    members = Array(repeating: 0, count: start)
    var fill = units.map(\.members.lowerBound)
    for i in order {
      members[fill[unitOf[i]]] = i
      fill[unitOf[i]] += 1
    }
  }

  // MARK: - Step 2

  /// Only once all sources are ready: every unit of a removable pod goes
  /// whole (`pod-removed`) and leaves the unit set.
  private mutating func removeUnitsOfRemovedPods(evictNonDeletedPods: Bool) {
    limited.reserveCapacity(units.count)
    for u in units.indices {
      if index.pods.removable(units[u].pod, evictNonDeletedPods: evictNonDeletedPods) {
        for k in units[u].members { removed[members[k]] = .podRemoved }
      } else {
        limited.append(u)
      }
    }
  }

  // MARK: - Step 3

  /// `enforceMaxContainersPerEvictUnit` with each unit's own
  /// `maxPerPodContainer(ns)`, where it is ≥ 0.
  private mutating func enforceMaxContainersPerEvictUnit() {
    for u in limited {
      let limit = index.namespaces[units[u].namespace].maxPerPodContainer
      if limit >= 0 { enforce(limit, on: u, reason: .maxPerPodContainer, step: .maxPerPodContainer) }
    }
  }

  // MARK: - Step 4

  /// Step 5's algorithm per namespace whose `maxContainers` comes from an
  /// override and is ≥ 0, on that namespace's units alone; namespaces in
  /// byte order.
  private mutating func enforceNamespaceMaxContainers() {
    var groups: [(namespace: String, cap: Int, size: Int)] = []
    // The group of each namespace id, -1 before its first unit; -2 for a
    // namespace without a cap of its own.
    var groupOf = Array(repeating: -1, count: index.namespaces.count)
    // Each limited unit's group (-1: none), then the groups' units laid out
    // in one list, each group's in `limited` order.
    var unitGroup: [Int] = []
    unitGroup.reserveCapacity(limited.count)
    for u in limited {
      let ns = units[u].namespace
      guard ns != NamespacePolicies.none, groupOf[ns] != -2 else {
        unitGroup.append(-1)
        continue
      }
      if groupOf[ns] == -1 {
        let p = index.namespaces[ns]
        if p.maxContainersFromOverride, p.maxContainers >= 0,
          let name = containers[members[units[u].members.lowerBound]].namespace
        {
          groupOf[ns] = groups.count
          groups.append((name, p.maxContainers, 0))
        } else {
          groupOf[ns] = -2
          unitGroup.append(-1)
          continue
        }
      }
      unitGroup.append(groupOf[ns])
      groups[groupOf[ns]].size += 1
    }
    guard !groups.isEmpty else { return }
    var start = Array(repeating: 0, count: groups.count + 1)
    for g in groups.indices { start[g + 1] = start[g] + groups[g].size }
    var grouped = Array(repeating: 0, count: start[groups.count])
    var fill = start
    for (k, u) in limited.enumerated() where unitGroup[k] >= 0 {
      grouped[fill[unitGroup[k]]] = u
      fill[unitGroup[k]] += 1
    }
    let order = Self.sortedByKey(groups.indices.map { (BytePrefix(groups[$0].namespace), $0) }) {
      ByteOrder.less(groups[$0].namespace, groups[$1].namespace)
    }
    for g in order {
      enforceMaxContainers(
        groups[g].cap, units: grouped[start[g]..<start[g + 1]], reason: .namespaceMaxContainers,
        scope: .namespace(groups[g].namespace))
    }
  }

  // MARK: - Step 5

  /// The kubelet's max-containers algorithm over `unitIDs`: when they hold
  /// more than `limit`, an equal share per unit (empty units counted, at
  /// least 1), then the oldest overall.
  private mutating func enforceMaxContainers(
    _ limit: Int, units unitIDs: ArraySlice<Int>, reason: ContainerDeletionReason, scope: CapScope
  ) {
    guard !unitIDs.isEmpty else { return }
    var total = 0
    for u in unitIDs { total += liveCount(u) }
    guard total > limit else { return }
    let share = max(limit / unitIDs.count, 1)
    for u in unitIDs { enforce(share, on: u, reason: reason, step: .perUnit(scope, share: share)) }
    var flattened: [Int] = []
    flattened.reserveCapacity(total)
    for u in unitIDs { appendLive(u, to: &flattened) }
    guard flattened.count > limit else { return }
    let rank = ageRank
    flattened.sort { rank[$0] < rank[$1] }
    removeOldestN(flattened, flattened.count - limit, reason: reason, step: .oldestOverall(scope))
  }

  // MARK: - Removal

  /// Removes unit `u`'s oldest containers until it holds at most `limit`.
  private mutating func enforce(_ limit: Int, on u: Int, reason: ContainerDeletionReason, step: Step) {
    // Counting first: most units are within the limit and need no list.
    let excess = liveCount(u) - limit
    guard excess > 0 else { return }
    // One buffer for all units, taken out of `self` while `removeOldestN`
    // mutates `self`.
    var list = scratch
    scratch = []
    list.removeAll(keepingCapacity: true)
    appendLive(u, to: &list)
    removeOldestN(list, excess, reason: reason, step: step)
    scratch = list
  }

  /// The kubelet's `removeOldestN` on `list` (oldest first): removes the
  /// first `count`, and notes a cut inside a group of equal `createdAt`.
  private mutating func removeOldestN(_ list: [Int], _ count: Int, reason: ContainerDeletionReason, step: Step) {
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

  /// The number of unit `u`'s containers not yet removed.
  private func liveCount(_ u: Int) -> Int {
    var n = 0
    for k in units[u].members where removed[members[k]] == nil { n += 1 }
    return n
  }

  /// Appends unit `u`'s containers not yet removed, oldest first.
  private func appendLive(_ u: Int, to list: inout [Int]) {
    for k in units[u].members where removed[members[k]] == nil { list.append(members[k]) }
  }

  // MARK: - Decisions

  /// Why container `i`, not removed, is kept.
  func keptReason(_ i: Int) -> ContainerKeptReason {
    assert(removed[i] == nil, "only a container not removed has a kept reason")
    if containers[i].state == .running { return .running }
    return evictable[i] ? .withinLimits : .youngerThanMinAge
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

  /// The indices of `keyed` (pairs of a key and an index), ordered by key,
  /// then by `tieBreak`, then by index: integer comparisons for the sort,
  /// the costlier `tieBreak` only within the (rare) runs of equal keys.
  static func sortedByKey<Key: Comparable>(_ keyed: consuming [(Key, Int)], tieBreak: (Int, Int) -> Bool) -> [Int] {
    // Sorted in place: the callers' arrays are temporaries, consumed here.
    // Indices are distinct, so no two pairs are equal and the unstable
    // sort's order is the only one.
    IntroSort.sort(&keyed) { $0 < $1 }
    var order = keyed.map(\.1)
    order.withUnsafeMutableBufferPointer { buffer in
      var start = 0
      while start < keyed.count {
        var end = start + 1
        while end < keyed.count, keyed[end].0 == keyed[start].0 { end += 1 }
        // The sort is stable: equal runs keep index order.
        if end - start > 1 {
          var run = UnsafeMutableBufferPointer(rebasing: buffer[start..<end])
          run.sort(by: tieBreak)
        }
        start = end
      }
    }
    return order
  }
}
