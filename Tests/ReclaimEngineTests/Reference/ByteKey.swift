/// A string as its UTF-8 bytes, for identity and order.
///
/// Swift's `String` compares by Unicode canonical equivalence, so "café"
/// (precomposed) and "cafe\u{301}" (decomposed) would be one key; the kubelet
/// compares Go strings byte for byte, so the reference does too.
struct ByteKey: Hashable, Comparable {
  let bytes: [UInt8]

  init(_ s: String) { bytes = Array(s.utf8) }

  static func < (a: ByteKey, b: ByteKey) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }

  /// Byte-wise order of two strings.
  static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  /// Byte-wise equality of two strings.
  static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

  /// Byte-wise three-way comparison, for lexicographic sort keys.
  static func compare(_ a: String, _ b: String) -> Int {
    if same(a, b) { return 0 }
    return less(a, b) ? -1 : 1
  }
}
