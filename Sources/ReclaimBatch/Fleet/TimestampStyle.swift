import ReclaimCore

/// How one writer of timestamps spells them: its time zone, how it writes
/// UTC, and how many fractional digits it keeps. Each is a shape real
/// software writes (RFC 3339 as docs/reference/snapshot.md allows it).
struct TimestampStyle: Sendable {
  enum Fraction: Sendable {
    /// Whole seconds (the API server, `date -Iseconds`).
    case none
    /// Exactly this many digits, truncated (JavaScript: 3; Rust's `%.9f`: 9).
    case fixed(Int)
    /// Go's `RFC3339Nano`: nine digits with trailing zeros dropped, none
    /// for a whole second (containerd, CRI-O, the kubelet).
    case trimmed
    /// Python's `isoformat()`: six digits, none when they are all zero.
    case micros
    /// Java's `Instant.toString()`: 0, 3, 6 or 9 digits, the fewest exact.
    case groupsOfThree
  }

  /// Minutes east of UTC.
  var offsetMinutes: Int
  /// For offset 0: `Z` (Go, JavaScript) or `+00:00` (Python).
  var utcAsZ: Bool
  var fraction: Fraction

  /// The longest text: 19 + 10 (fraction) + 6 (offset).
  private static let maxCount = 35

  /// `nanoseconds` since the epoch, written as the local time at the
  /// style's offset (a collector in that zone writes it so) with the offset.
  func text(_ nanoseconds: Int64) -> String {
    var seconds = nanoseconds / 1_000_000_000
    var nanos = nanoseconds % 1_000_000_000
    if nanos < 0 {
      nanos += 1_000_000_000
      seconds -= 1
    }
    seconds += Int64(offsetMinutes) * 60
    var days = seconds / 86_400
    var rest = seconds % 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (y, m, d) = Timestamp.civilFromDays(days)
    let digits = fractionDigits(nanos)
    return String(unsafeUninitializedCapacity: Self.maxCount) { p in
      @inline(__always) func two(_ v: Int64, at i: Int) {
        p[i] = UInt8(truncatingIfNeeded: v / 10) &+ 48
        p[i + 1] = UInt8(truncatingIfNeeded: v % 10) &+ 48
      }
      two(y / 100, at: 0); two(y % 100, at: 2)
      p[4] = UInt8(ascii: "-"); two(m, at: 5)
      p[7] = UInt8(ascii: "-"); two(d, at: 8)
      p[10] = UInt8(ascii: "T"); two(rest / 3600, at: 11)
      p[13] = UInt8(ascii: ":"); two(rest / 60 % 60, at: 14)
      p[16] = UInt8(ascii: ":"); two(rest % 60, at: 17)
      var n = 19
      if digits > 0 {
        p[19] = UInt8(ascii: ".")
        var f = nanos
        for _ in digits..<9 { f /= 10 }
        var i = 20 + digits
        while i > 20 {
          i -= 1
          p[i] = UInt8(truncatingIfNeeded: f % 10) &+ 48
          f /= 10
        }
        n = 20 + digits
      }
      if offsetMinutes == 0 && utcAsZ {
        p[n] = UInt8(ascii: "Z")
        return n + 1
      }
      let magnitude = Int64(abs(offsetMinutes))
      p[n] = offsetMinutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
      two(magnitude / 60, at: n + 1)
      p[n + 3] = UInt8(ascii: ":")
      two(magnitude % 60, at: n + 4)
      return n + 6
    }
  }

  /// How many fractional digits this style writes for `nanos` (0–9).
  private func fractionDigits(_ nanos: Int64) -> Int {
    switch fraction {
    case .none: return 0
    case .fixed(let digits): return digits
    case .micros: return nanos / 1000 == 0 ? 0 : 6
    case .trimmed, .groupsOfThree:
      guard nanos != 0 else { return 0 }
      var digits = 9
      var f = nanos
      while f % 10 == 0 {
        f /= 10
        digits -= 1
      }
      if case .groupsOfThree = fraction { return (digits + 2) / 3 * 3 }
      return digits
    }
  }
}
