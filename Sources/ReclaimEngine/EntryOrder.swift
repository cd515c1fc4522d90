import ReclaimInventory

/// manifest.md's entry order for deletion and kept lists; absent fields sort
/// as empty strings, all comparisons byte-wise.
///
/// The orders take the snapshot's array and two indices, so that sorting
/// reads fields in place instead of copying whole entries.
enum EntryOrder {
  /// (namespace, podName, podUid, name, age oldest first); `ageRank` is each
  /// container's position in the age order (`ContainerGC.ageRank`).
  static func containerPrecedes(
    _ cs: UnsafeBufferPointer<NodeSnapshot.Container>, _ a: Int, _ b: Int, ageRank: [Int]
  ) -> Bool {
    var c = ByteOrder.compare(cs[a].namespace ?? "", cs[b].namespace ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(cs[a].podName ?? "", cs[b].podName ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(cs[a].podUid ?? "", cs[b].podUid ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(cs[a].name, cs[b].name)
    if c != 0 { return c < 0 }
    return ageRank[a] < ageRank[b]
  }

  /// (namespace, podName, podUid, age oldest first).
  static func sandboxPrecedes(_ sbs: UnsafeBufferPointer<NodeSnapshot.Sandbox>, _ a: Int, _ b: Int) -> Bool {
    var c = ByteOrder.compare(sbs[a].namespace, sbs[b].namespace)
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(sbs[a].podName, sbs[b].podName)
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(sbs[a].podUid, sbs[b].podUid)
    if c != 0 { return c < 0 }
    // SandboxGC.older, on the fields.
    if sbs[a].createdAt != sbs[b].createdAt { return sbs[a].createdAt < sbs[b].createdAt }
    return ByteOrder.less(sbs[a].id, sbs[b].id)
  }
}
