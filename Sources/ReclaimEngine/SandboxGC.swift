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

  init(
    sandboxes: [NodeSnapshot.Sandbox], remainingSandboxIds: Set<String>, pods: PodStateTable,
    evictNonDeletedPods: Bool
  ) {
    removed = Array(repeating: nil, count: sandboxes.count)
    kept = Array(repeating: nil, count: sandboxes.count)
    let active = sandboxes.map { $0.state == .ready || remainingSandboxIds.contains($0.id) }

    var byPod: [String: [Int]] = [:]
    for i in sandboxes.indices { byPod[sandboxes[i].podUid, default: []].append(i) }

    for (podUid, members) in byPod {
      if pods.removable(podUid, evictNonDeletedPods: evictNonDeletedPods) {
        for i in members {
          if active[i] { kept[i] = sandboxes[i].state == .ready ? .ready : .hasContainers } else { removed[i] = .podRemoved }
        }
        continue
      }
      // Keep the newest; every other inactive one is superseded.
      var newest = members[0]
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
      let t = sandboxes[newest].createdAt
      let tied = members.filter { sandboxes[$0].createdAt == t }
      if tied.count >= 2, tied.contains(where: { !active[$0] }) {
        let ids = tied.map { sandboxes[$0].id }.sorted(by: ByteOrder.less).joined(separator: ", ")
        warnings.append(
          PlanMessage(
            .tieBroken,
            "pod \(podUid): sandboxes \(ids) tie for newest at \(t); kept \(sandboxes[newest].id) (another kubelet order could keep a different one)"
          ))
      }
    }
  }
}
