import ReclaimInventory

/// Pod log directory GC (semantics.md, "Pod log directories"): the kubelet's
/// `evictPodLogsDirectories` (`kuberuntime_gc.go`), only once all sources
/// are ready.
enum PodLogDirGC {
  /// The directories to remove, by name (byte-wise).
  static func evictPodLogsDirectories(_ index: SnapshotIndex) -> [PodLogDirEntry] {
    let s = index.snapshot
    guard s.allSourcesReady else { return [] }
    var out: [PodLogDirEntry] = []
    for name in s.podLogDirs {
      let removable = ByteOrder.withUTF8(name) { bytes in
        index.pods.contentRemovable(uid: UnsafeBufferPointer(rebasing: bytes[podUidStart(ofLogDirectory: bytes)...]))
      }
      if removable { out.append(PodLogDirEntry(name: name, podUid: podUid(ofLogDirectory: name))) }
    }
    out.sort { ByteOrder.less($0.name, $1.name) }
    return out
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
