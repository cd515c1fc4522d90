import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// docs/reference/semantics.md, "Sandbox GC", on the containers container GC kept.
struct ReferenceSandboxGC {
  private(set) var removed: [Int: SandboxDeletionReason] = [:]
  private(set) var kept: [Int: SandboxKeptReason] = [:]
  private(set) var warnings: [PlanMessage] = []

  static func older(_ a: NodeSnapshot.Sandbox, _ b: NodeSnapshot.Sandbox) -> Bool {
    if a.createdAt != b.createdAt { return a.createdAt < b.createdAt }
    return ByteKey.less(a.id, b.id)
  }

  init(_ sandboxes: [NodeSnapshot.Sandbox], remaining: [NodeSnapshot.Container], pods: ReferencePodStates) {
    var named: Set<ByteKey> = []
    for c in remaining {
      if let sid = ReferenceContainerGC.present(c.sandboxId) { named.insert(ByteKey(sid)) }
    }
    func active(_ s: NodeSnapshot.Sandbox) -> Bool { s.state == .ready || named.contains(ByteKey(s.id)) }

    var byPod: [ByteKey: [Int]] = [:]
    for (i, s) in sandboxes.enumerated() { byPod[ByteKey(s.podUid), default: []].append(i) }

    for (_, members) in byPod {
      let podUid = sandboxes[members[0]].podUid
      if pods.removable(podUid) {
        for i in members {
          if sandboxes[i].state == .ready {
            kept[i] = .ready
          } else if active(sandboxes[i]) {
            kept[i] = .hasContainers
          } else {
            removed[i] = .podRemoved
          }
        }
        continue
      }
      // Newest first.
      let byAge = members.sorted { Self.older(sandboxes[$1], sandboxes[$0]) }
      let newest = byAge[0]
      for i in members {
        if sandboxes[i].state == .ready {
          kept[i] = .ready
        } else if active(sandboxes[i]) {
          kept[i] = .hasContainers
        } else if i == newest {
          kept[i] = .newest
        } else {
          removed[i] = .superseded
        }
      }
      let t = sandboxes[newest].createdAt
      let tied = members.filter { sandboxes[$0].createdAt == t }
      if tied.count >= 2, tied.contains(where: { !active(sandboxes[$0]) }) {
        let ids = tied.map { sandboxes[$0].id }.sorted(by: ByteKey.less).joined(separator: ", ")
        // Text copied from the engine (SandboxGC) so that whole plans compare equal.
        warnings.append(
          PlanMessage(
            .tieBroken,
            "pod \(podUid): sandboxes \(ids) tie for newest at \(t); kept \(sandboxes[newest].id) (another kubelet order could keep a different one)"
          ))
      }
    }
  }
}
