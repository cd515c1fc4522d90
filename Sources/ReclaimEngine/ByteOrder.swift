import ReclaimCore
import ReclaimInventory

/// Byte-wise (UTF-8) comparison of strings: the only string order the
/// manifest uses, so that the result never depends on Unicode normalisation
/// or locale.
enum ByteOrder {
  /// -1, 0 or 1 as `a` sorts before, equal to, or after `b` byte-wise.
  @inline(__always)
  static func compare(_ a: String, _ b: String) -> Int {
    withUTF8(a) { x in withUTF8(b) { y in compare(x, y) } }
  }

  /// -1, 0 or 1 as `a` sorts before, equal to, or after `b`.
  static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    // The reader interns strings, so equal ones often share their bytes.
    if a.baseAddress == b.baseAddress && a.count == b.count { return 0 }
    let n = min(a.count, b.count)
    // Skip the common prefix a word at a time, then find the byte.
    var i = 0
    let ra = UnsafeRawBufferPointer(a), rb = UnsafeRawBufferPointer(b)
    while i + 8 <= n,
      ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
    {
      i += 8
    }
    while i < n {
      if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
      i += 1
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
  }

  /// Whether the first `count` bytes of `a` and `b` (both at least that
  /// long) are equal; compared a word at a time.
  static func equalPrefix(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, count: Int) -> Bool {
    guard count > 0, let x = a.baseAddress, let y = b.baseAddress else { return count == 0 }
    return RawBytes.equal(x, y, count: count)
  }

  @inline(__always)
  static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

  /// `less` of two container ids, on the bytes where they are stored.
  @inline(__always)
  static func less(_ a: IDText, _ b: IDText) -> Bool {
    a.withBytes { x in b.withBytes { y in compare(x, y) < 0 } }
  }

  /// Whether `a` and `b` have the same bytes: lengths first, then shared
  /// storage (the reader interns strings), then a word at a time.
  @inline(__always)
  static func equal(_ a: String, _ b: String) -> Bool {
    withUTF8(a) { x in
      withUTF8(b) { y in
        x.count == y.count && (x.baseAddress == y.baseAddress || equalPrefix(x, y, count: x.count))
      }
    }
  }

  /// Runs `body` on the UTF-8 bytes of `s` without copying them when they
  /// are contiguous already (always, for native strings).
  @inline(__always)
  static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
  }
}
