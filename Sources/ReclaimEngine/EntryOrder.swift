import ReclaimInventory

/// manifest.md's entry order for deletion and kept lists; absent fields sort
/// as empty strings, all comparisons byte-wise.
enum EntryOrder {
  /// (namespace, podName, podUid, name, age oldest first); `rankA`/`rankB`
  /// are the containers' positions in the age order (`ContainerGC.ageRank`).
  static func containerPrecedes(
    _ a: NodeSnapshot.Container, _ b: NodeSnapshot.Container, _ rankA: Int, _ rankB: Int
  ) -> Bool {
    var c = ByteOrder.compare(a.namespace ?? "", b.namespace ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(a.podName ?? "", b.podName ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(a.podUid ?? "", b.podUid ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(a.name, b.name)
    if c != 0 { return c < 0 }
    return rankA < rankB
  }

  /// (namespace, podName, podUid, age oldest first).
  static func sandboxPrecedes(_ a: NodeSnapshot.Sandbox, _ b: NodeSnapshot.Sandbox) -> Bool {
    var c = ByteOrder.compare(a.namespace, b.namespace)
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(a.podName, b.podName)
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(a.podUid, b.podUid)
    if c != 0 { return c < 0 }
    return SandboxGC.older(a, b)
  }
}
