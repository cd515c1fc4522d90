import ReclaimCore
import ReclaimInventory

/// The kubelet's in-memory image records (`imageRecords` in
/// `image_gc_manager.go`), carried from one capture of a node to the next
/// the way `detectImages` updates them between GC passes:
///
/// - an image seen before keeps the instant it was first detected;
/// - an image new since the previous capture is first detected now;
/// - an image used by any listed container, in any state, was last used now;
///   otherwise it keeps its previous last use;
/// - an image gone from the runtime is dropped;
/// - a kubelet restart loses every record: the kubelet then starts afresh.
///
/// Without history (no previous snapshot, or a restart since), nothing is
/// known of first detection, so `firstDetectedAt` is left out and the
/// snapshot's default applies (`kubeletStartedAt`, else `capturedAt`), and
/// an image not in use now has no `lastUsedAt` (never used since the
/// kubelet started, as the kubelet itself holds it after a restart).
public struct ImageHistory: Sendable {
  /// What is known of the images before this capture, by id bytes.
  private var records: [[UInt8]: NodeSnapshot.Image] = [:]
  /// Whether `records` holds a previous capture's records at all.
  public let carried: Bool

  /// No history: the first capture of a node, or the first after a restart.
  public init() { carried = false }

  /// The records of `previous`, a snapshot of the same node captured
  /// earlier, with its defaults made explicit: an image whose
  /// `firstDetectedAt` it left out was first detected at its
  /// `kubeletStartedAt`, else at its `capturedAt`.
  public init(previous: NodeSnapshot) {
    carried = true
    let firstDefault = previous.kubeletStartedAt ?? previous.capturedAt
    for var image in previous.images {
      image.firstDetectedAt = image.firstDetectedAt ?? firstDefault
      records[Array(image.id.utf8)] = image
    }
  }

  /// The records after a pass at `now` over the runtime's `images`, of which
  /// those in `used` (id bytes → namespaces of their users) are in use.
  func update(
    _ images: [NodeSnapshot.Image], used: [[UInt8]: [String]], now: Timestamp
  ) -> [NodeSnapshot.Image] {
    images.map { listed in
      var image = listed
      let key = Array(image.id.utf8)
      let users = used[key]
      var namespaces = users ?? []
      if carried {
        if let old = records[key] {
          image.firstDetectedAt = old.firstDetectedAt
          image.lastUsedAt = old.lastUsedAt
          namespaces += old.namespaces
        } else {
          image.firstDetectedAt = now
        }
      }
      if users != nil { image.lastUsedAt = now }
      image.namespaces = ByteOrder.sortedUnique(namespaces)
      return image
    }
  }
}
