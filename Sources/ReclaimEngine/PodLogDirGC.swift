import ReclaimInventory

/// Pod log directory GC (docs/reference/semantics.md, "Pod log directories"): the kubelet's
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
    let underscore = UInt8(ascii: "_")
    // Eight bytes at a time from the end: a byte of `x` is zero exactly
    // where the name has `_`, and `(x & 0x7F…) + 0x7F…` sets the high bit
    // of every byte that is not (no carry crosses a byte), so `zero` has
    // the high bit of each `_` byte; the highest is the last `_`.
    let raw = UnsafeRawBufferPointer(name)
    var end = name.count
    while end >= 8 {
      let word = raw.loadUnaligned(fromByteOffset: end - 8, as: UInt64.self).littleEndian
      let x = word ^ (UInt64(underscore) &* 0x0101_0101_0101_0101)
      let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      let zero = ~(((x & low7) &+ low7) | x) & ~low7
      if zero != 0 {
        // Byte k of the word (little-endian) is bits 8k..<8k+8.
        let k = (63 - zero.leadingZeroBitCount) / 8
        return end - 8 + k + 1
      }
      end -= 8
    }
    while end > 0 {
      end -= 1
      if name[end] == underscore { return end + 1 }
    }
    return 0
  }
}
