import ReclaimInventory

/// The pod state provider of docs/reference/semantics.md ("Pod states"): what the kubelet's pod workers
/// answer for a pod uid.
///
/// Pod uids are numbered once per plan (`id(_:)`), so that containers and
/// sandboxes refer to their pod by a small integer afterwards.
struct PodStateTable {
  private var ids: StringIDs
  /// The state of each pod id; `nil` for a uid that no pod has.
  private var states: [NodeSnapshot.Pod.State?] = []
  private let ready: Bool

  /// `expectedUids`: how many distinct uids are likely, for capacity only.
  init(_ pods: [NodeSnapshot.Pod], allSourcesReady: Bool, expectedUids: Int) {
    ready = allSourcesReady
    ids = StringIDs(expected: expectedUids)
    states.reserveCapacity(expectedUids)
    // An empty uid is a pod the kubelet does not know: it never gets a state.
    // A later pod with the same uid wins, as in a dictionary.
    for p in pods.indices where !pods[p].uid.isEmpty {
      let i = id(pods[p].uid)
      states[i] = pods[p].state
    }
  }

  /// The number of pod ids handed out so far.
  var count: Int { states.count }

  /// The id of `uid`, numbered on first sight.
  mutating func id(_ uid: String) -> Int { numbered(ids.id(uid)) }

  /// `id(_:)` of the uid stored at `field` (not `nil`).
  @inline(__always) mutating func id(_ field: StoredString) -> Int { numbered(ids.id(field)) }

  /// `id`, the number `ids` gave a uid, with a state slot when it is new.
  @inline(__always) private mutating func numbered(_ id: Int) -> Int {
    if id == states.count { states.append(nil) }
    return id
  }

  /// `ShouldPodContentBeRemoved`. An empty uid (a container the kubelet did
  /// not create) is a pod the kubelet does not know.
  func contentRemovable(_ id: Int) -> Bool {
    guard let state = states[id] else { return ready }
    switch state {
    case .active, .terminating, .terminated: return false
    case .evicted, .deleted: return true
    }
  }

  /// `contentRemovable` of a uid given as UTF-8 bytes (not numbered).
  func contentRemovable(uid: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let id = ids.find(bytes: uid) else { return ready }
    return contentRemovable(id)
  }

  /// `ShouldPodRuntimeBeRemoved`.
  func runtimeRemovable(_ id: Int) -> Bool {
    guard let state = states[id] else { return ready }
    switch state {
    case .active, .terminating: return false
    case .terminated, .evicted, .deleted: return true
    }
  }

  /// docs/reference/semantics.md's removable(uid): content removable, or runtime removable
  /// when non-deleted pods are evicted too (disk-pressure mode).
  func removable(_ id: Int, evictNonDeletedPods: Bool) -> Bool {
    contentRemovable(id) || (evictNonDeletedPods && runtimeRemovable(id))
  }
}
