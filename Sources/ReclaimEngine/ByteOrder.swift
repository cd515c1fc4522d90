/// Byte-wise (UTF-8) comparison of strings: the only string order the
/// manifest uses, so that the result never depends on Unicode normalisation
/// or locale.
enum ByteOrder {
  /// -1, 0 or 1 as `a` sorts before, equal to, or after `b` byte-wise.
  @inline(__always)
  static func compare(_ a: String, _ b: String) -> Int {
    var ia = a.utf8.makeIterator()
    var ib = b.utf8.makeIterator()
    while true {
      switch (ia.next(), ib.next()) {
      case (nil, nil): return 0
      case (nil, _): return -1
      case (_, nil): return 1
      case let (x?, y?):
        if x != y { return x < y ? -1 : 1 }
      }
    }
  }

  @inline(__always)
  static func less(_ a: String, _ b: String) -> Bool { compare(a, b) < 0 }

  @inline(__always)
  static func equal(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }
}
