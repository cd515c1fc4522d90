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
    var removed: [Int] = []
    for i in names.indices {
      let removable = ByteOrder.withUTF8(names[i]) { bytes in
        index.pods.contentRemovable(uid: UnsafeBufferPointer(rebasing: bytes[podUidStart(ofLogDirectory: bytes)...]))
      }
      if removable { removed.append(i) }
    }
    // Indices are sorted, not entries: moving an entry retains its strings.
    removed.sort { ByteOrder.less(names[$0], names[$1]) }
    return removed.map { PodLogDirEntry(name: names[$0], podUid: podUid(ofLogDirectory: names[$0])) }
  }

  /// The pod uid of a `/var/log/pods` directory name: the text after the
  /// last `_` (`NAMESPACE_PODNAME_PODUID`), or the whole name without one,
  /// as the kubelet's `parsePodUIDFromLogsDirectory`.
  static func podUid(ofLogDirectory name: String) -> String {
    guard let cut = name.utf8.lastIndex(of: UInt8(ascii: "_")) else { return name }
    return String(name[name.utf8.index(after: cut)...])
  }

  /// Where the pod uid starts in a log directory name's bytes, so that its
  /// pod can be looked up without making a `String`.
  static func podUidStart(ofLogDirectory name: UnsafeBufferPointer<UInt8>) -> Int {
    guard let cut = name.lastIndex(of: UInt8(ascii: "_")) else { return 0 }
    return cut + 1
  }
}
