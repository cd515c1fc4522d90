import ReclaimCore
import ReclaimInventory

/// Sandbox GC (semantics.md): the kubelet's `evictSandboxes`, run on the
/// containers that container GC leaves.
struct SandboxGC {
  var removed: [SandboxDeletionReason?]
  var kept: [SandboxKeptReason?]
  var warnings: [PlanMessage] = []

  /// X is older than Y: earlier `createdAt`, then smaller id (byte-wise).
  static func older(_ a: NodeSnapshot.Sandbox, _ b: NodeSnapshot.Sandbox) -> Bool {
    if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
    return ByteOrder.less(a.id, b.id)
  }

  /// `podId`: each sandbox's pod id in `pods`; `hasContainers`: whether a
  /// remaining container names the sandbox's id.
  init(
    sandboxes: [NodeSnapshot.Sandbox], podId: [Int], hasContainers: [Bool], pods: PodStateTable,
    evictNonDeletedPods: Bool
  ) {
    removed = Array(repeating: nil, count: sandboxes.count)
    kept = Array(repeating: nil, count: sandboxes.count)
    guard !sandboxes.isEmpty else { return }
    let active = sandboxes.indices.map { sandboxes[$0].state == .ready || hasContainers[$0] }

    // The sandboxes of each pod, in snapshot order: one sort by pod id.
    let byPod = sandboxes.indices.sorted { podId[$0] != podId[$1] ? podId[$0] < podId[$1] : $0 < $1 }
    var start = 0
    while start < byPod.count {
      var end = start + 1
      while end < byPod.count, podId[byPod[end]] == podId[byPod[start]] { end += 1 }
      decide(
        byPod[start..<end], pod: podId[byPod[start]], sandboxes: sandboxes, active: active, pods: pods,
        evictNonDeletedPods: evictNonDeletedPods)
      start = end
    }
  }

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
