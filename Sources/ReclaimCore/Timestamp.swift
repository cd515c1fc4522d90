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
    guard let p = b.baseAddress else { throw .invalid }
    // The fixed 19-byte prefix is read as three overlapping little-endian
    // words (bytes 0–7, 8–15, 11–18) and checked a word at a time instead of
    // a byte at a time: XOR with the expected text (with '0' for each digit)
    // leaves a digit's value in its byte and 0 in a correct separator. Adding
    // 6 to a digit's byte or 15 to a separator's then carries into the high
    // nibble exactly when the digit is above 9 or the separator is wrong, and
    // no byte can carry into the next while every high nibble is zero.
    let raw = UnsafeRawPointer(p)
    @inline(__always) func word(_ offset: Int) -> UInt64 {
      UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    /// Nonzero in some high nibble exactly when a byte of `v` is out of range.
    @inline(__always) func excess(_ v: UInt64, limit: UInt64) -> UInt64 { v | (v &+ limit) }
    @inline(__always) func isValid(_ v: UInt64, limit: UInt64) -> Bool {
      excess(v, limit: limit) & 0xF0F0_F0F0_F0F0_F0F0 == 0
    }
    // Bytes listed from the last to the first (the word's high byte first).
    let date = word(0) ^ 0x2D30_302D_3030_3030  // "YYYY-MM-"
    let dayHour = word(8) ^ 0x3030_3A30_3054_3030  // "DDTHH:MM"
    let time = word(11) ^ 0x3030_3A30_303A_3030  // "HH:MM:SS"
    // One test for the three words.
    guard
      (excess(date, limit: 0x0F06_060F_0606_0606) | excess(dayHour, limit: 0x0606_0F06_060F_0606)
        | excess(time, limit: 0x0606_0F06_060F_0606)) & 0xF0F0_F0F0_F0F0_F0F0 == 0
    else { throw .invalid }
    // Two-digit numbers: byte k of `v * 10 + v >> 8` is 10 × digit k + digit
    // k+1 (at most 99, so again no carries between bytes).
    @inline(__always) func pairs(_ v: UInt64) -> UInt64 { v &* 10 &+ v &>> 8 }
    @inline(__always) func pair(_ t: UInt64, at k: UInt64) -> Int64 { Int64(truncatingIfNeeded: t &>> (8 &* k) & 0xFF) }
    // The text ends in `Z` or in `±HH:MM`, so its last byte tells which, and
    // what lies between the prefix and that ending (at `end`) can only be
    // the fraction: there is no scan for where the digits stop. The fields
    // of the prefix are taken apart only after this, which keeps fewer
    // values in registers while the ending is read.
    var end = n &- 1
    var offsetSeconds: Int64 = 0
    if p[end] != UInt8(ascii: "Z") {
      end = n &- 6
      guard end >= 19 else { throw .invalid }
      let sign = p[end]
      // "HH:MM", the last five bytes, checked and paired as the prefix is.
      let hm = word(n &- 8) &>> 24 ^ 0x30_303A_3030
      guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), isValid(hm, limit: 0x06_060F_0606) else {
        throw .invalid
      }
      let t = pairs(hm)
      let oh = pair(t, at: 0)
      let om = pair(t, at: 3)
      guard oh <= 23, om <= 59 else { throw .invalid }
      let magnitude = oh &* 3600 &+ om &* 60
      offsetSeconds = sign == UInt8(ascii: "-") ? 0 &- magnitude : magnitude
    }
    var fraction: Int64 = 0
    if end != 19 {
      let digits = end &- 20
      guard p[19] == UInt8(ascii: "."), digits >= 1, digits <= 9 else { throw .invalid }
      // Up to 8 digits are the high bytes of the word that ends at `end`
      // (always inside the text); shifted down they are its low bytes with
      // zeros after them, that is the digits already scaled to 8 places, so
      // no padding loop follows. Nine digits are the word at 20 and the byte
      // after it.
      var at = end &- 8
      var shift: UInt64 = 64 &- 8 &* UInt64(truncatingIfNeeded: digits)
      var last: UInt8 = 0
      if digits == 9 {
        at = 20
        shift = 0
        last = p[28] &- 48
      }
      let v = (word(at) ^ 0x3030_3030_3030_3030) &>> shift
      guard last < 10, isValid(v, limit: 0x0606_0606_0606_0606) else { throw .invalid }
      // Eight digits to their number (Lemire's method), times 10 for nine
      // places: pairs as above, then the pairs at bytes 0 and 4 and those at
      // 2 and 6 each weighed by one multiply, the sum landing in the high 32
      // bits (at most 999,999,990, so nothing carries out of them).
      let q = pairs(v)
      let mask: UInt64 = 0x0000_00FF_0000_00FF
      let scaled = ((q & mask) &* (1000 &+ 10_000_000 &<< 32) &+ (q &>> 16 & mask) &* (10 &+ 100_000 &<< 32)) &>> 32
      fraction = Int64(truncatingIfNeeded: scaled) &+ Int64(last)
    }
    let d = pairs(date)
    let dh = pairs(dayHour)
    // The year's two pairs (bytes 0 and 2) weighed in one multiply: bits
    // 16–31 of the product are 100 × the first + the second.
    let year = Int64(truncatingIfNeeded: ((d & 0x00FF_00FF) &* (100 &<< 16 &+ 1)) &>> 16 & 0xFFFF)
    let month = pair(d, at: 5)
    let day = pair(dh, at: 0)
    let hour = pair(dh, at: 3)
    let minute = pair(dh, at: 6)
    let second = pair(pairs(time), at: 6)
    // Every month has 28 days; only a later day needs the calendar.
    guard month >= 1, month <= 12, day >= 1, day <= 28 || day <= daysInMonth(year: year, month: month),
      hour <= 23, minute <= 59, second <= 59
    else { throw .invalid }
    let days = daysFromCivil(year: year, month: month, day: day)
    // Within ±3e11 for the years 0–9999: no step here can overflow.
    let seconds = days &* 86_400 &+ hour &* 3600 &+ minute &* 60 &+ second &- offsetSeconds
    // From 1678 to 2261 every instant, whatever its offset, lies inside
    // Int64 nanoseconds (1677-09-21 to 2262-04-11); only the years around
    // and beyond those ends need the checked arithmetic.
    if UInt64(bitPattern: year &- 1678) <= 2261 - 1678 {
      return Timestamp(nanoseconds: seconds &* 1_000_000_000 &+ fraction)
    }
    // Before the epoch the fraction is borrowed first, so that the earliest
    // representable instants (whose whole seconds alone would be below
    // Int64.min nanoseconds) still parse.
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
    String(unsafeUninitializedCapacity: Self.maxRFC3339Count) { buffer in
      guard let p = buffer.baseAddress else { return 0 }
      return writeRFC3339(at: p)
    }
  }

  /// Appends `rfc3339`'s bytes to `out` without building a string: the
  /// manifest writer formats tens of thousands of these per fleet.
  public func appendRFC3339(to out: inout [UInt8]) {
    out.append(addingCapacity: Self.maxRFC3339Count) { span in
      span.withUnsafeMutableBufferPointer { buffer, initialized in
        guard let p = buffer.baseAddress else { return }
        initialized = writeRFC3339(at: p)
      }
    }
  }

  /// The longest `rfc3339` text: the years of `Int64` nanoseconds have four
  /// digits, and the fraction at most nine.
  @inlinable static var maxRFC3339Count: Int { 30 }

  /// Writes `rfc3339`'s bytes at `p`, which has room for `maxRFC3339Count`,
  /// and returns their count. Every field has a fixed width, so each pair
  /// of digits is copied to its place from `digitPairs`: no appends, no
  /// checks per digit. The fraction is written as nine digits and its
  /// trailing zeros are then dropped, which takes fewer steps than finding
  /// its length first.
  @usableFromInline func writeRFC3339(at p: UnsafeMutablePointer<UInt8>) -> Int {
    let ns = nanoseconds
    var seconds = ns / 1_000_000_000
    var fraction = ns - seconds &* 1_000_000_000
    if fraction < 0 {
      fraction += 1_000_000_000
      seconds -= 1
    }
    var days = seconds / 86_400
    var rest = seconds - days &* 86_400
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    let (y, m, d) = Timestamp.civilFromDays(days)
    let pairs = Self.digitPairs.utf8Start
    // Each number split below is non-negative and under 100 (the years of
    // `Int64` nanoseconds are 1677–2262; time of day and fraction were
    // brought into range above), and unsigned 32-bit division by a
    // constant is the cheapest there is.
    @inline(__always) func two(_ v: UInt32, at i: Int) {
      (p + i).initialize(from: pairs + Int(v &* 2), count: 2)
    }
    let year = UInt32(truncatingIfNeeded: y)
    let time = UInt32(truncatingIfNeeded: rest)
    two(year / 100, at: 0); two(year % 100, at: 2)
    p[4] = UInt8(ascii: "-"); two(UInt32(truncatingIfNeeded: m), at: 5)
    p[7] = UInt8(ascii: "-"); two(UInt32(truncatingIfNeeded: d), at: 8)
    p[10] = UInt8(ascii: "T"); two(time / 3600, at: 11)
    p[13] = UInt8(ascii: ":"); two(time / 60 % 60, at: 14)
    p[16] = UInt8(ascii: ":"); two(time % 60, at: 17)
    var n = 19
    if fraction != 0 {
      let f = UInt32(truncatingIfNeeded: fraction)
      p[19] = UInt8(ascii: ".")
      p[20] = UInt8(truncatingIfNeeded: f / 100_000_000) &+ 48
      let low = f % 100_000_000
      two(low / 1_000_000, at: 21)
      two(low / 10_000 % 100, at: 23)
      two(low / 100 % 100, at: 25)
      two(low % 100, at: 27)
      // The shortest exact fraction (it has a digit other than 0).
      n = 29
      while p[n &- 1] == UInt8(ascii: "0") { n &-= 1 }
    }
    p[n] = UInt8(ascii: "Z")
    return n &+ 1
  }

  /// "00", "01", … "99" in a row: the two digits of `v` are at `2 * v`.
  @inline(__always) static var digitPairs: StaticString {
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
  }

  static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  @inline(__always) static func daysInMonth(year: Int64, month: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Days since 1970-01-01 for a valid date of the years 0–9999 (Howard
  /// Hinnant's algorithm in Neri and Schneider's form). The year is counted
  /// from March and shifted by 400 (one era of 146,097 days), so that it is
  /// positive even for January and February of year 0: every step then fits
  /// in 32 unsigned bits and the divisions are the cheap unsigned kind.
  @inline(__always) static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let m = UInt32(truncatingIfNeeded: month)
    let y = UInt32(truncatingIfNeeded: year) &+ (m <= 2 ? 399 : 400)
    // Months from March, numbered 3–14: the days before each since March 1.
    let daysBeforeMonth = (979 &* (m <= 2 ? m &+ 12 : m) &- 2919) &>> 5
    // The century years that are not leap years: c - c / 4 written as
    // (3c + 3) / 4, which keeps the compiler from dividing by 400 as well.
    let centuries = y / 100
    let skipped = (3 &* centuries &+ 3) / 4
    let days = 1461 &* y / 4 &- skipped &+ daysBeforeMonth &+ UInt32(truncatingIfNeeded: day)
    return Int64(days) &- (719_469 &+ 146_097)
  }

  /// The civil date of a day count since 1970-01-01 (Howard Hinnant's
  /// algorithm), for the days of `Int64` nanoseconds (about ±106,752):
  /// there the shifted count is positive and every step fits in 32 bits,
  /// so the eras need no floor division and the divisions by constants
  /// are unsigned, the cheapest kind. Package-wide so that the fleet
  /// generator writes local times with offsets from the same calendar.
  package static func civilFromDays(_ z0: Int64) -> (Int64, Int64, Int64) {
    assert(z0 > -719_468 && z0 < 1 << 31, "outside the days of Int64 nanoseconds")
    let z = UInt32(truncatingIfNeeded: z0 &+ 719_468)
    let era = z / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (Int64(m <= 2 ? y + 1 : y), Int64(m), Int64(d))
  }
}
