import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// docs/reference/semantics.md, "Container GC", steps 1–5, over container indices.
struct ReferenceContainerGC {
  let containers: [NodeSnapshot.Container]
  private(set) var evictable: Set<Int> = []
  private(set) var removed: [Int: ContainerDeletionReason] = [:]
  private(set) var warnings: [PlanMessage] = []

  /// A "remove the oldest N" cut inside a group of equal `createdAt`,
  /// judged only at the end of the plan.
  private var cuts: [(step: String, group: [Int])] = []

  /// "" means absent (docs/reference/snapshot.md).
  static func present(_ s: String?) -> String? {
    guard let s, !s.utf8.isEmpty else { return nil }
    return s
  }

  /// A container without `podUid` belongs to no namespace.
  static func namespace(of c: NodeSnapshot.Container) -> String? {
    present(c.podUid) == nil ? nil : c.namespace
  }

  /// Total age order: `createdAt`, then id byte-wise.
  static func older(_ a: NodeSnapshot.Container, _ b: NodeSnapshot.Container) -> Bool {
    if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
    return ByteKey.less(a.id, b.id)
  }

  private struct UnitKey: Hashable {
    var podUid: ByteKey
    var name: ByteKey
  }

  private struct Unit {
    var podUid: String?
    /// Oldest first.
    var members: [Int]
    var namespace: String?
  }

  init(
    _ snapshot: NodeSnapshot, policy: ReferencePolicy, pods: ReferencePodStates
  ) {
    containers = snapshot.containers
    let now = Int128(snapshot.capturedAt.nanoseconds)

    // Step 1.
    var byKey: [UnitKey: [Int]] = [:]
    for (i, c) in containers.enumerated() where c.state != .running {
      let minAge = policy.values(for: Self.namespace(of: c)).containerMinAge
      guard Int128(c.createdAt.nanoseconds) + Int128(minAge) <= now else { continue }
      evictable.insert(i)
      byKey[UnitKey(podUid: ByteKey(Self.present(c.podUid) ?? ""), name: ByteKey(c.name)), default: []].append(i)
    }
    var units: [Unit] = []
    for (_, indices) in byKey {
      let members = indices.sorted { Self.older(containers[$0], containers[$1]) }
      let oldest = containers[members[0]]
      units.append(Unit(podUid: Self.present(oldest.podUid), members: members, namespace: Self.namespace(of: oldest)))
    }

    // Step 2.
    if snapshot.allSourcesReady {
      var left: [Unit] = []
      for u in units {
        if pods.removable(u.podUid) {
          for i in u.members { removed[i] = .podRemoved }
        } else {
          left.append(u)
        }
      }
      units = left
    }

    // Step 3.
    for u in units {
      let limit = policy.values(for: u.namespace).maxPerPodContainer
      if limit >= 0 { keepAtMost(limit, of: u, reason: .maxPerPodContainer, step: "max-per-pod-container") }
    }

    // Step 4.
    if policy.hasOverrides {
      var byNamespace: [ByteKey: (name: String, units: [Unit])] = [:]
      for u in units {
        guard let ns = u.namespace else { continue }
        byNamespace[ByteKey(ns), default: (ns, [])].units.append(u)
      }
      for (_, group) in byNamespace {
        let v = policy.values(for: group.name)
        guard v.maxContainersFromOverride, v.maxContainers >= 0 else { continue }
        cap(
          v.maxContainers, units: group.units, reason: .namespaceMaxContainers,
          capText: "namespace-max-containers (\(group.name))")
      }
    }

    // Step 5.
    let nodeCap = policy.policy.containerGC.maxContainers
    if nodeCap >= 0 { cap(nodeCap, units: units, reason: .maxContainers, capText: "max-containers") }

    warnings = tieWarnings()
  }

  private func live(_ u: Unit) -> [Int] { u.members.filter { removed[$0] == nil } }

  private mutating func keepAtMost(_ limit: Int, of u: Unit, reason: ContainerDeletionReason, step: String) {
    let members = live(u)
    if members.count > limit { removeOldest(members, count: members.count - limit, reason: reason, step: step) }
  }

  /// The kubelet's max-containers algorithm (step 5) over `units`.
  private mutating func cap(_ limit: Int, units: [Unit], reason: ContainerDeletionReason, capText: String) {
    var total = 0
    for u in units { total += live(u).count }
    guard total > limit else { return }
    let share = max(limit / units.count, 1)
    for u in units { keepAtMost(share, of: u, reason: reason, step: "\(capText), \(share) per unit") }
    var all: [Int] = []
    for u in units { all += live(u) }
    guard all.count > limit else { return }
    all.sort { Self.older(containers[$0], containers[$1]) }
    removeOldest(all, count: all.count - limit, reason: reason, step: "\(capText), oldest overall")
  }

  /// `list` is oldest first.
  private mutating func removeOldest(_ list: [Int], count: Int, reason: ContainerDeletionReason, step: String) {
    for i in list.prefix(count) { removed[i] = reason }
    guard count > 0, count < list.count else { return }
    let lastRemoved = containers[list[count - 1]].createdAt
    guard containers[list[count]].createdAt == lastRemoved else { return }
    cuts.append((step, list.filter { containers[$0].createdAt == lastRemoved }))
  }

  // The message text is copied from the engine (ContainerGC.tieWarnings) so
  // that whole plans compare equal; messages are free text.
  private func tieWarnings() -> [PlanMessage] {
    var out: [PlanMessage] = []
    for cut in cuts {
      let gone = cut.group.filter { removed[$0] != nil }.map { containers[$0].id }.sorted(by: ByteKey.less)
      let kept = cut.group.filter { removed[$0] == nil }.map { containers[$0].id }.sorted(by: ByteKey.less)
      guard !gone.isEmpty, !kept.isEmpty else { continue }
      out.append(
        PlanMessage(
          .tieBroken,
          "\(cut.step): containers with equal createdAt \(containers[cut.group[0]].createdAt): removed \(gone.joined(separator: ", ")), kept \(kept.joined(separator: ", ")); another kubelet order could choose differently"
        ))
    }
    return out
  }
}
