import ReclaimCore

/// Byte-wise order of strings, as Go compares them.
enum ByteOrder {
  static func less(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }

  static func sortedUnique(_ values: [String]) -> [String] {
    let sorted = values.sorted(by: less)
    var out: [String] = []
    for v in sorted where out.last.map({ !$0.utf8.elementsEqual(v.utf8) }) ?? true { out.append(v) }
    return out
  }
}
