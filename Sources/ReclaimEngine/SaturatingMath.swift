/// Int64 arithmetic that never traps: the snapshot's numbers are input data,
/// and Go's `time.Sub` saturates rather than wrapping.
enum SaturatingMath {
  /// `a − b`, clamped to the Int64 range (Go's `Time.Sub` behaviour).
  @inline(__always)
  static func sub(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, o) = a.subtractingReportingOverflow(b)
    if !o { return r }
    return b < 0 ? .max : .min
  }

  /// `a + b`, clamped to the Int64 range.
  @inline(__always)
  static func add(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, o) = a.addingReportingOverflow(b)
    if !o { return r }
    return b > 0 ? .max : .min
  }

  /// `a × b / c` computed in 128-bit width, truncating toward zero like Go's
  /// int64 division; clamped when the quotient does not fit. `c` must not be 0.
  static func mulDiv(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
    // Work on magnitudes so the full-width division cannot trap.
    let negative = (a < 0) != (b < 0) ? (c > 0) : (c < 0)
    let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
    let divisor = c.magnitude
    guard product.high < divisor else { return negative ? .min : .max }
    let (q, _) = divisor.dividingFullWidth(product)
    if negative {
      return q > UInt64(Int64.max) + 1 ? .min : Int64(truncatingIfNeeded: 0 &- q)
    }
    return q > UInt64(Int64.max) ? .max : Int64(q)
  }
}
