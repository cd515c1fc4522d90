/// The first 16 bytes of a string, big-endian, zero-padded: an abbreviation
/// that keeps the byte-wise order. When two prefixes differ, so do the
/// strings, in the same order; when they are equal, only the whole strings
/// can tell. A sort by prefix (integer comparisons) followed by a sort of
/// each run of equal prefixes by the whole strings (`ContainerGC.sortedByKey`)
/// orders strings as comparing them throughout would, and compares far fewer.
struct BytePrefix: Comparable {
  var high: UInt64
  var low: UInt64

  init(_ bytes: UnsafeBufferPointer<UInt8>) {
    if bytes.count >= 16 {
      let raw = UnsafeRawBufferPointer(bytes)
      high = raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian
      low = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian
      return
    }
    var words: (UInt64, UInt64) = (0, 0)
    for i in 0..<bytes.count {
      let shift = UInt64(56 - 8 * (i & 7))
      if i < 8 { words.0 |= UInt64(bytes[i]) << shift } else { words.1 |= UInt64(bytes[i]) << shift }
    }
    (high, low) = words
  }

  init(_ s: String) { self = ByteOrder.withUTF8(s) { BytePrefix($0) } }

  static func < (a: BytePrefix, b: BytePrefix) -> Bool {
    a.high != b.high ? a.high < b.high : a.low < b.low
  }
}
