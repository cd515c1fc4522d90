import ReclaimInventory

/// The pod state provider of semantics.md: what the kubelet's pod workers
/// answer for a pod uid.
struct PodStateTable {
  private var states: [String: NodeSnapshot.Pod.State] = [:]
  private let ready: Bool

  init(_ pods: [NodeSnapshot.Pod], allSourcesReady: Bool) {
    ready = allSourcesReady
    states.reserveCapacity(pods.count)
    for pod in pods where !pod.uid.isEmpty { states[pod.uid] = pod.state }
  }

  /// `ShouldPodContentBeRemoved`. An empty uid (a container the kubelet did
  /// not create) is a pod the kubelet does not know.
  func contentRemovable(_ uid: String) -> Bool {
    guard !uid.isEmpty, let state = states[uid] else { return ready }
    switch state {
    case .active, .terminating, .terminated: return false
    case .evicted, .deleted: return true
    }
  }

  /// `ShouldPodRuntimeBeRemoved`.
  func runtimeRemovable(_ uid: String) -> Bool {
    guard !uid.isEmpty, let state = states[uid] else { return ready }
    switch state {
    case .active, .terminating: return false
    case .terminated, .evicted, .deleted: return true
    }
  }

  /// semantics.md's removable(uid): content removable, or runtime removable
  /// when non-deleted pods are evicted too (disk-pressure mode).
  func removable(_ uid: String, evictNonDeletedPods: Bool) -> Bool {
    contentRemovable(uid) || (evictNonDeletedPods && runtimeRemovable(uid))
  }
}
