/// The byte-wise rank of each of a list of strings: equal strings (same
/// bytes) get equal ranks, and rank order is byte order.
///
/// Sorting entries by several string fields compares each pair of entries
/// field by field; ranking each field's distinct values once (a hash per
/// value, a sort of the few distinct ones) turns every later comparison
/// into integer comparisons.
enum ByteRanks {
  /// The ranks of `string(0)`, …, `string(count - 1)`.
  static func ranks(count: Int, _ string: (Int) -> String) -> [UInt32] {
    var ids = StringIDs(expected: count)
    var idOf: [Int] = []
    idOf.reserveCapacity(count)
    // The first element of each distinct value, by id.
    var first: [Int] = []
    for i in 0..<count {
      let id = ids.id(string(i))
      idOf.append(id)
      if id == first.count { first.append(i) }
    }
    var order = Array(first.indices)
    order.sort { ByteOrder.less(string(first[$0]), string(first[$1])) }
    var rankOf = [UInt32](repeating: 0, count: first.count)
    for (rank, id) in order.enumerated() { rankOf[id] = UInt32(truncatingIfNeeded: rank) }
    return idOf.map { rankOf[$0] }
  }
}
