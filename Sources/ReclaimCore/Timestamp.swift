/// An instant as integer nanoseconds since the Unix epoch (UTC).
///
/// Every decision compares these exactly; no `Date` or `Double` is involved.
/// The representable range is that of `Int64` nanoseconds: 1677-09-21 to
/// 2262-04-11.
public struct Timestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
  public var nanoseconds: Int64

  public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

  public var description: String { rfc3339 }

  /// Why a timestamp text was refused.
  public enum ParseError: Error, Sendable, Equatable {
    case invalid
    case outOfRange
  }

  /// Parses RFC 3339 text as the snapshot format allows it: `T` and `Z` upper
  /// case, offsets as `±hh:mm`, 0–9 fractional digits, no leap second.
  public static func parse(_ text: String) throws(ParseError) -> Timestamp {
    let bytes = Array(text.utf8)
    let result: Result<Timestamp, ParseError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(ParseError) { return .success(try parse(buffer)) } catch { return .failure(error) }
    }
    return try result.get()
  }

  /// Parses RFC 3339 from raw UTF-8 bytes (the hot path of the snapshot reader).
  public static func parse(_ b: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Timestamp {
    // YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)
    let n = b.count
    guard n >= 20 else { throw .invalid }
    @inline(__always) func digit(_ i: Int) throws(ParseError) -> Int64 {
      let c = b[i]
      guard c >= 48, c <= 57 else { throw .invalid }
      return Int64(c &- 48)
    }
    let year = try digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
    guard b[4] == UInt8(ascii: "-") else { throw .invalid }
    let month = try digit(5) * 10 + digit(6)
    guard b[7] == UInt8(ascii: "-") else { throw .invalid }
    let day = try digit(8) * 10 + digit(9)
    guard b[10] == UInt8(ascii: "T") else { throw .invalid }
    let hour = try digit(11) * 10 + digit(12)
    guard b[13] == UInt8(ascii: ":") else { throw .invalid }
    let minute = try digit(14) * 10 + digit(15)
    guard b[16] == UInt8(ascii: ":") else { throw .invalid }
    let second = try digit(17) * 10 + digit(18)
    guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month),
      hour <= 23, minute <= 59, second <= 59
    else { throw .invalid }
    var i = 19
    var fraction: Int64 = 0
    if b[i] == UInt8(ascii: ".") {
      i += 1
      var digits = 0
      while i < n, b[i] >= 48, b[i] <= 57 {
        guard digits < 9 else { throw .invalid }
        fraction = fraction * 10 + Int64(b[i] &- 48)
        digits += 1
        i += 1
      }
      guard digits > 0 else { throw .invalid }
      for _ in digits..<9 { fraction *= 10 }
    }
    guard i < n else { throw .invalid }
    var offsetSeconds: Int64 = 0
    switch b[i] {
    case UInt8(ascii: "Z"):
      i += 1
    case UInt8(ascii: "+"), UInt8(ascii: "-"):
      guard n - i == 6, b[i + 3] == UInt8(ascii: ":") else { throw .invalid }
      let oh = try digit(i + 1) * 10 + digit(i + 2)
      let om = try digit(i + 4) * 10 + digit(i + 5)
      guard oh <= 23, om <= 59 else { throw .invalid }
      offsetSeconds = (oh * 3600 + om * 60) * (b[i] == UInt8(ascii: "-") ? -1 : 1)
      i += 6
    default:
      throw .invalid
    }
    guard i == n else { throw .invalid }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    // Seconds here are far inside Int64; only the nanosecond product can
    // overflow. Before the epoch the fraction is borrowed first, so that the
    // earliest representable instants (whose whole seconds alone would be
    // below Int64.min nanoseconds) still parse.
    var wholeSeconds = seconds
    var nanos = fraction
    if wholeSeconds < 0, nanos > 0 {
      wholeSeconds += 1
      nanos -= 1_000_000_000
    }
    let (scaled, o1) = wholeSeconds.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, o2) = scaled.addingReportingOverflow(nanos)
    guard !o1, !o2 else { throw .outOfRange }
    return Timestamp(nanoseconds: total)
  }

  /// RFC 3339 in UTC with `Z` and the shortest exact fractional part.
  public var rfc3339: String {
    var out = [UInt8]()
    out.reserveCapacity(30)
    appendRFC3339(to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Appends `rfc3339`'s bytes to `out` without building a string: the
  /// manifest writer formats tens of thousands of these per fleet.
  public func appendRFC3339(to out: inout [UInt8]) {
    let ns = nanoseconds
    var seconds = ns / 1_000_000_000
    var fraction = ns % 1_000_000_000
    if fraction < 0 {
      fraction += 1_000_000_000
      seconds -= 1
    }
    var days = seconds / 86_400
    var rest = seconds % 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (y, m, d) = Timestamp.civilFromDays(days)
    // Zero-padded decimal of `v` in exactly `width` digits, most significant first.
    func pad(_ v: Int64, _ width: Int) {
      var divisor: Int64 = 1
      for _ in 1..<width { divisor *= 10 }
      while divisor > 0 {
        out.append(UInt8(truncatingIfNeeded: 48 + v / divisor % 10))
        divisor /= 10
      }
    }
    pad(y, 4); out.append(45); pad(m, 2); out.append(45); pad(d, 2)
    out.append(84)
    pad(rest / 3600, 2); out.append(58); pad(rest / 60 % 60, 2); out.append(58); pad(rest % 60, 2)
    if fraction != 0 {
      var width = 9
      var f = fraction
      while f % 10 == 0 {
        f /= 10
        width -= 1
      }
      out.append(46)
      pad(f, width)
    }
    out.append(90)
  }

  static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 (Howard Hinnant's algorithm).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}
