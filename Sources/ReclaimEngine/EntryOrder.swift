import ReclaimInventory

/// The entry order of docs/reference/output.md ("Order of entries") for deletion and kept lists; absent fields sort
/// as empty strings, all comparisons byte-wise.
///
/// The orders take the snapshot's array and two indices, so that sorting
/// reads fields in place instead of copying whole entries. The sorts take
/// each entry's (namespace, podName, podUid) as its `PodOrder` rank, so that
/// strings are compared only between entries of one pod.
enum EntryOrder {
  /// (namespace, podName, podUid, name, age oldest first); age as
  /// `ContainerGC` orders it: earlier `createdAt`, then smaller id. The
  /// definition `sortedContainers` follows.
  static func containerPrecedes(_ cs: UnsafeBufferPointer<NodeSnapshot.Container>, _ a: Int, _ b: Int) -> Bool {
    var c = ByteOrder.compare(cs[a].namespace ?? "", cs[b].namespace ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(cs[a].podName ?? "", cs[b].podName ?? "")
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(cs[a].podUid ?? "", cs[b].podUid ?? "")
    if c != 0 { return c < 0 }
    return containerWithinPodPrecedes(cs, a, b)
  }

  /// (namespace, podName, podUid, age oldest first). The definition
  /// `sortedSandboxes` follows.
  static func sandboxPrecedes(_ sbs: UnsafeBufferPointer<NodeSnapshot.Sandbox>, _ a: Int, _ b: Int) -> Bool {
    var c = ByteOrder.compare(sbs[a].namespace, sbs[b].namespace)
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(sbs[a].podName, sbs[b].podName)
    if c != 0 { return c < 0 }
    c = ByteOrder.compare(sbs[a].podUid, sbs[b].podUid)
    if c != 0 { return c < 0 }
    return sandboxWithinPodPrecedes(sbs, a, b)
  }

  /// Container indices `xs` (ascending) in `containerPrecedes` order;
  /// `podOrder` has every index of `xs` ranked.
  static func sortedContainers(
    _ xs: [Int], _ cs: UnsafeBufferPointer<NodeSnapshot.Container>, podOrder: PodOrder
  ) -> [Int] {
    sortedByRank(xs, podOrder.containerRank, count: podOrder.count) { a, b in containerWithinPodPrecedes(cs, a, b) }
  }

  /// Sandbox indices `xs` (ascending) in `sandboxPrecedes` order;
  /// `podOrder` has every index of `xs` ranked.
  static func sortedSandboxes(
    _ xs: [Int], _ sbs: UnsafeBufferPointer<NodeSnapshot.Sandbox>, podOrder: PodOrder
  ) -> [Int] {
    sortedByRank(xs, podOrder.sandboxRank, count: podOrder.count) { a, b in sandboxWithinPodPrecedes(sbs, a, b) }
  }

  /// `xs` ordered by `rank` (each below `count`), then by `withinRank`:
  /// a counting sort by rank, which keeps the order of `xs` within a rank,
  /// then a sort of each rank's few entries.
  private static func sortedByRank(
    _ xs: [Int], _ rank: [Int], count: Int, withinRank: (Int, Int) -> Bool
  ) -> [Int] {
    guard xs.count > 1 else { return xs }
    var start = Array(repeating: 0, count: count + 1)
    for x in xs { start[rank[x] + 1] += 1 }
    for r in 0..<count { start[r + 1] += start[r] }
    var out = Array(repeating: 0, count: xs.count)
    var fill = start
    for x in xs {
      out[fill[rank[x]]] = x
      fill[rank[x]] += 1
    }
    out.withUnsafeMutableBufferPointer { buffer in
      for r in 0..<count where start[r + 1] - start[r] > 1 {
        var run = UnsafeMutableBufferPointer(rebasing: buffer[start[r]..<start[r + 1]])
        run.sort(by: withinRank)
      }
    }
    return out
  }

  /// Containers of one pod: (name, age oldest first).
  @inline(__always)
  private static func containerWithinPodPrecedes(
    _ cs: UnsafeBufferPointer<NodeSnapshot.Container>, _ a: Int, _ b: Int
  ) -> Bool {
    // Names read where they are stored (`StoredString`): within a pod,
    // equal names are mostly one interned string.
    let name = StoredString.Layout.containerName
    let c = StoredString.compare(StoredString(cs, a, name, optional: false), StoredString(cs, b, name, optional: false))
    if c != 0 { return c < 0 }
    if cs[a].createdAt != cs[b].createdAt { return cs[a].createdAt < cs[b].createdAt }
    return ByteOrder.less(cs[a].idText, cs[b].idText)
  }

  /// Sandboxes of one pod: `SandboxGC.older`, on the fields.
  @inline(__always)
  private static func sandboxWithinPodPrecedes(
    _ sbs: UnsafeBufferPointer<NodeSnapshot.Sandbox>, _ a: Int, _ b: Int
  ) -> Bool {
    if sbs[a].createdAt != sbs[b].createdAt { return sbs[a].createdAt < sbs[b].createdAt }
    return ByteOrder.less(sbs[a].id, sbs[b].id)
  }
}
