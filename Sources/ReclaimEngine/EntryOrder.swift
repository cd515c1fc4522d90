import ReclaimInventory

/// manifest.md's entry order for deletion and kept lists; absent fields sort
/// as empty strings, all comparisons byte-wise.
enum EntryOrder {
  /// (namespace, podName, podUid, name, age oldest first).
  static func containerPrecedes(_ a: NodeSnapshot.Container, _ b: NodeSnapshot.Container) -> Bool {
    for (x, y) in [(a.namespace, b.namespace), (a.podName, b.podName), (a.podUid, b.podUid)] {
      let c = ByteOrder.compare(x ?? "", y ?? "")
      if c != 0 { return c < 0 }
    }
    let c = ByteOrder.compare(a.name, b.name)
    if c != 0 { return c < 0 }
    return ContainerGC.older(a, b)
  }

  /// (namespace, podName, podUid, age oldest first).
  static func sandboxPrecedes(_ a: NodeSnapshot.Sandbox, _ b: NodeSnapshot.Sandbox) -> Bool {
    for (x, y) in [(a.namespace, b.namespace), (a.podName, b.podName), (a.podUid, b.podUid)] {
      let c = ByteOrder.compare(x, y)
      if c != 0 { return c < 0 }
    }
    return SandboxGC.older(a, b)
  }
}
