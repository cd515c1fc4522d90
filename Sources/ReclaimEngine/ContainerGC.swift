import ReclaimCore
import ReclaimInventory

/// Container GC (semantics.md, steps 1–5): the kubelet's `evictContainers`
/// plus Reclaim's per-namespace cap, over indices into the snapshot's
/// `containers` array.
struct ContainerGC {
  /// An evict unit: the dead containers of one (pod uid, container name).
  struct Unit {
    var podUid: String
    var name: String
    /// The namespace of the unit's oldest container; `nil` for containers the
    /// kubelet did not create.
    var namespace: String?
    /// Container indices, oldest first.
    var members: [Int]
  }

  /// A "remove the oldest N" cut that fell inside a group of equal
  /// `createdAt`; it matters only if the group ends up split.
  struct TieCut {
    var step: String
    var group: [Int]
  }

  let containers: [NodeSnapshot.Container]
  /// Position of each container in the total age order (older first).
  private(set) var ageRank: [Int]
  /// Whether each container passed step 1.
  private(set) var evictable: [Bool]
  /// The removal reason of each removed container.
  private(set) var removed: [ContainerDeletionReason?]
  private var units: [Unit] = []
  private var tieCuts: [TieCut] = []

  init(containers: [NodeSnapshot.Container]) {
    self.containers = containers
    ageRank = Array(repeating: 0, count: containers.count)
    evictable = Array(repeating: false, count: containers.count)
    removed = Array(repeating: nil, count: containers.count)
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

  mutating func run(
    now: Int64, pods: PodStateTable, allSourcesReady: Bool, evictNonDeletedPods: Bool,
    policies: inout NamespacePolicyCache
  ) {
    // One sort of all containers by age gives every later list its order.
    let order = containers.indices.sorted { Self.older(containers[$0], containers[$1]) }
    for (rank, i) in order.enumerated() { ageRank[i] = rank }

    // Step 1: evictable containers, grouped into units in age order.
    var unitIndex: [UnitKey: Int] = [:]
    for i in order {
      let c = containers[i]
      guard c.state != .running else { continue }
      let minAge = policies.resolve(Self.namespace(of: c)).containerMinAge
      // createdAt + minAge ≤ now, without overflow.
      guard c.createdAt.nanoseconds <= SaturatingMath.sub(now, minAge) else { continue }
      evictable[i] = true
      let key = UnitKey(podUid: c.podUid ?? "", name: c.name)
      if let u = unitIndex[key] {
        units[u].members.append(i)
      } else {
        unitIndex[key] = units.count
        units.append(Unit(podUid: key.podUid, name: key.name, namespace: Self.namespace(of: c), members: [i]))
      }
    }

    // Step 2: containers of removed pods.
    if allSourcesReady {
      var kept: [Unit] = []
      kept.reserveCapacity(units.count)
      for unit in units {
        if pods.removable(unit.podUid, evictNonDeletedPods: evictNonDeletedPods) {
          for i in unit.members { removed[i] = .podRemoved }
        } else {
          kept.append(unit)
        }
      }
      units = kept
    }

    // Step 3: per-unit limit, resolved for the unit's namespace.
    for u in units.indices {
      let limit = policies.resolve(units[u].namespace).maxPerPodContainer
      if limit >= 0 { enforce(limit: limit, on: u, reason: .maxPerPodContainer, step: "max-per-pod-container") }
    }

    // Step 4: per-namespace caps from overrides.
    var byNamespace: [String: [Int]] = [:]
    for u in units.indices {
      if let ns = units[u].namespace { byNamespace[ns, default: []].append(u) }
    }
    for ns in byNamespace.keys.sorted(by: ByteOrder.less) {
      let p = policies.resolve(ns)
      guard p.maxContainersFromOverride, p.maxContainers >= 0, let unitIDs = byNamespace[ns] else { continue }
      cap(p.maxContainers, units: unitIDs, reason: .namespaceMaxContainers, step: "namespace-max-containers (\(ns))")
    }

    // Step 5: the node cap.
    let nodeCap = policies.global.maxContainers
    if nodeCap >= 0 {
      cap(nodeCap, units: Array(units.indices), reason: .maxContainers, step: "max-containers")
    }
  }

  /// The kubelet's max-containers algorithm over `unitIDs`: an equal share
  /// per unit (empty units counted, at least 1), then oldest first overall.
  private mutating func cap(_ limit: Int, units unitIDs: [Int], reason: ContainerDeletionReason, step: String) {
    guard !unitIDs.isEmpty else { return }
    var total = 0
    for u in unitIDs { total += live(u).count }
    guard total > limit else { return }
    let share = max(limit / unitIDs.count, 1)
    for u in unitIDs { enforce(limit: share, on: u, reason: reason, step: "\(step), \(share) per unit") }
    var flattened: [Int] = []
    for u in unitIDs { flattened.append(contentsOf: live(u)) }
    guard flattened.count > limit else { return }
    flattened.sort { ageRank[$0] < ageRank[$1] }
    removeOldest(flattened, count: flattened.count - limit, reason: reason, step: "\(step), oldest overall")
  }

  private mutating func enforce(limit: Int, on u: Int, reason: ContainerDeletionReason, step: String) {
    let members = live(u)
    let excess = members.count - limit
    if excess > 0 { removeOldest(members, count: excess, reason: reason, step: step) }
  }

  /// The unit's containers not yet removed, oldest first.
  private func live(_ u: Int) -> [Int] { units[u].members.filter { removed[$0] == nil } }

  /// Removes the first `count` of `list` (sorted oldest first) and notes a
  /// cut inside a group of equal `createdAt`.
  private mutating func removeOldest(_ list: [Int], count: Int, reason: ContainerDeletionReason, step: String) {
    for i in list.prefix(count) { removed[i] = reason }
    guard count > 0, count < list.count else { return }
    let t = containers[list[count]].createdAt
    guard containers[list[count - 1]].createdAt == t else { return }
    var lo = count - 1
    while lo > 0, containers[list[lo - 1]].createdAt == t { lo -= 1 }
    var hi = count
    while hi + 1 < list.count, containers[list[hi + 1]].createdAt == t { hi += 1 }
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
          "\(cut.step): containers with equal createdAt \(containers[cut.group[0]].createdAt): removed \(ids(gone)), kept \(ids(kept)); another kubelet order could choose differently"
        ))
    }
    return out
  }

  private struct UnitKey: Hashable {
    var podUid: String
    var name: String
  }
}
