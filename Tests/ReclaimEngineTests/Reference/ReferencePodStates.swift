import ReclaimInventory

/// The pod state table of docs/reference/semantics.md ("Pod states"), keyed by pod uid bytes.
struct ReferencePodStates {
  private var states: [ByteKey: NodeSnapshot.Pod.State] = [:]
  let ready: Bool
  let evictNonDeletedPods: Bool

  init(_ snapshot: NodeSnapshot, evictNonDeletedPods: Bool) {
    for p in snapshot.pods { states[ByteKey(p.uid)] = p.state }
    ready = snapshot.allSourcesReady
    self.evictNonDeletedPods = evictNonDeletedPods
  }

  /// `nil` is a container the kubelet did not create: a pod not in `pods[]`.
  func contentRemovable(_ uid: String?) -> Bool {
    guard let uid, let state = states[ByteKey(uid)] else { return ready }
    return state == .evicted || state == .deleted
  }

  func runtimeRemovable(_ uid: String?) -> Bool {
    guard let uid, let state = states[ByteKey(uid)] else { return ready }
    return state == .terminated || state == .evicted || state == .deleted
  }

  /// "removable(uid)".
  func removable(_ uid: String?) -> Bool {
    contentRemovable(uid) || (evictNonDeletedPods && runtimeRemovable(uid))
  }
}
