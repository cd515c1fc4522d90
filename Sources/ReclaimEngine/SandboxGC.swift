import ReclaimCore
import ReclaimInventory

/// Sandbox GC (docs/reference/semantics.md, "Sandbox GC"): the kubelet's `evictSandboxes`
/// (`kuberuntime_gc.go`), run on the containers that container GC leaves.
struct SandboxGC {
  /// The removal reason of each removed sandbox.
  private(set) var removed: [SandboxDeletionReason?]
  /// The kept reason of each sandbox not removed.
  private(set) var kept: [SandboxKeptReason?]
  /// `tie-broken`: several sandboxes of a pod tie for newest.
  private(set) var warnings: [PlanMessage] = []

  /// X is older than Y: earlier `createdAt`, then smaller id (byte-wise).
  static func older(_ a: NodeSnapshot.Sandbox, _ b: NodeSnapshot.Sandbox) -> Bool {
    if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
    return ByteOrder.less(a.id, b.id)
  }

  /// Runs sandbox GC; `containerRemoved`: whether container GC removes each
  /// container.
  init(_ index: SnapshotIndex, containerRemoved: [ContainerDeletionReason?], evictNonDeletedPods: Bool) {
    let sandboxes = index.snapshot.sandboxes
    removed = Array(repeating: nil, count: sandboxes.count)
    kept = Array(repeating: nil, count: sandboxes.count)
    guard !sandboxes.isEmpty else { return }
    evictSandboxes(index, sandboxes, containerRemoved: containerRemoved, evictNonDeletedPods: evictNonDeletedPods)
  }

  private mutating func evictSandboxes(
    _ index: SnapshotIndex, _ sandboxes: [NodeSnapshot.Sandbox], containerRemoved: [ContainerDeletionReason?],
    evictNonDeletedPods: Bool
  ) {
    // Active: ready, or named by a remaining container (any state).
    var keyHasContainers = Array(repeating: false, count: index.sandboxKeyCount)
    for (i, key) in index.containerSandbox.enumerated() where key >= 0 && containerRemoved[i] == nil {
      keyHasContainers[key] = true
    }
    let active = sandboxes.indices.map { sandboxes[$0].state == .ready || keyHasContainers[index.sandboxKey[$0]] }

    // The sandboxes of each pod, in snapshot order: counted out by pod id.
    let podId = index.sandboxPod
    var podStart = Array(repeating: 0, count: index.pods.count + 1)
    for p in podId { podStart[p + 1] += 1 }
    for p in 0..<index.pods.count { podStart[p + 1] += podStart[p] }
    var byPod = Array(repeating: 0, count: sandboxes.count)
    var fill = podStart
    for i in sandboxes.indices {
      byPod[fill[podId[i]]] = i
      fill[podId[i]] += 1
    }
    for p in 0..<index.pods.count where podStart[p + 1] > podStart[p] {
      decide(
        byPod[podStart[p]..<podStart[p + 1]], pod: p, sandboxes: sandboxes, active: active, pods: index.pods,
        evictNonDeletedPods: evictNonDeletedPods)
    }
  }

  /// One pod's sandboxes: all inactive ones when the pod is removable,
  /// else every inactive one but the newest.
  private mutating func decide(
    _ members: ArraySlice<Int>, pod: Int, sandboxes: [NodeSnapshot.Sandbox], active: [Bool], pods: PodStateTable,
    evictNonDeletedPods: Bool
  ) {
    let first = members[members.startIndex]
    if pods.removable(pod, evictNonDeletedPods: evictNonDeletedPods) {
      for i in members {
        if active[i] { kept[i] = sandboxes[i].state == .ready ? .ready : .hasContainers } else { removed[i] = .podRemoved }
      }
      return
    }
    // Keep the newest; every other inactive one is superseded.
    var newest = first
    for i in members.dropFirst() where Self.older(sandboxes[newest], sandboxes[i]) { newest = i }
    for i in members {
      if sandboxes[i].state == .ready {
        kept[i] = .ready
      } else if active[i] {
        kept[i] = .hasContainers
      } else if i == newest {
        kept[i] = .newest
      } else {
        removed[i] = .superseded
      }
    }
    // Another kubelet order could keep a different one of several newest.
    // Counted first: a pod rarely has such a tie, and then needs no list.
    let t = sandboxes[newest].createdAt
    var tiedCount = 0
    var tiedInactive = false
    for i in members where sandboxes[i].createdAt == t {
      tiedCount += 1
      if !active[i] { tiedInactive = true }
    }
    if tiedCount >= 2, tiedInactive {
      let tied = members.filter { sandboxes[$0].createdAt == t }
      let ids = tied.map { sandboxes[$0].id }.sorted(by: ByteOrder.less).joined(separator: ", ")
      warnings.append(
        PlanMessage(
          .tieBroken,
          "pod \(sandboxes[first].podUid): sandboxes \(ids) tie for newest at \(t); kept \(sandboxes[newest].id) (another kubelet order could keep a different one)"
        ))
    }
  }
}
