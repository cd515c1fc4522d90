/// A set of the fields of one schema object (`SnapshotField`), as bits.
struct FieldSet<Field: SnapshotField>: Equatable, ExpressibleByArrayLiteral {
  private(set) var bits: UInt32 = 0

  init() {}

  init(arrayLiteral fields: Field...) {
    for field in fields { insert(field) }
  }

  @inline(__always) static func bit(_ field: Field) -> UInt32 {
    assert(field.rawValue >= 0 && field.rawValue < 32, "a FieldSet holds up to 32 fields")
    return 1 << UInt32(truncatingIfNeeded: field.rawValue)
  }

  @inline(__always) func contains(_ field: Field) -> Bool { bits & Self.bit(field) != 0 }

  /// Adds `field`; false when it was already there.
  @inline(__always) @discardableResult mutating func insert(_ field: Field) -> Bool {
    let bit = Self.bit(field)
    if bits & bit != 0 { return false }
    bits |= bit
    return true
  }

  @inline(__always) func isSuperset(of other: FieldSet) -> Bool { bits & other.bits == other.bits }
}
