import ReclaimInventory

/// Pod log directory GC (semantics.md, "Pod log directories"): the kubelet's
/// `evictPodLogsDirectories` (`kuberuntime_gc.go`), only once all sources
/// are ready.
enum PodLogDirGC {
  /// The directories to remove, by name (byte-wise).
  static func evictPodLogsDirectories(_ index: SnapshotIndex) -> [PodLogDirEntry] {
    let s = index.snapshot
    guard s.allSourcesReady else { return [] }
    let names = s.podLogDirs
    // Indices are sorted, not entries: moving an entry retains its strings.
    var removed: [(BytePrefix, Int)] = []
    for i in names.indices {
      ByteOrder.withUTF8(names[i]) { bytes in
        let uid = UnsafeBufferPointer(rebasing: bytes[podUidStart(ofLogDirectory: bytes)...])
        if index.pods.contentRemovable(uid: uid) { removed.append((BytePrefix(bytes), i)) }
      }
    }
    let order = ContainerGC.sortedByKey(removed) { ByteOrder.less(names[$0], names[$1]) }
    return order.map { PodLogDirEntry(name: names[$0], podUid: podUid(ofLogDirectory: names[$0])) }
  }

  /// The pod uid of a `/var/log/pods` directory name: the text after the
  /// last `_` (`NAMESPACE_PODNAME_PODUID`), or the whole name without one,
  /// as the kubelet's `parsePodUIDFromLogsDirectory`.
  static func podUid(ofLogDirectory name: String) -> String {
    ByteOrder.withUTF8(name) { bytes in
      let start = podUidStart(ofLogDirectory: bytes)
      // The cut follows an ASCII `_`, so the rest is whole UTF-8.
      return start == 0 ? name : String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
    }
  }

  /// Where the pod uid starts in a log directory name's bytes, so that its
  /// pod can be looked up without making a `String`.
  static func podUidStart(ofLogDirectory name: UnsafeBufferPointer<UInt8>) -> Int {
    var i = name.count
    while i > 0 {
      i -= 1
      if name[i] == UInt8(ascii: "_") { return i + 1 }
    }
    return 0
  }
}
