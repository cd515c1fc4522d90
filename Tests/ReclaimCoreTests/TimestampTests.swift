import ReclaimCore
import ReclaimTestSupport
import Testing

@Suite struct TimestampTests {
  @Test func parsesOffsetsToTheSameInstant() throws {
    let a = try Timestamp.parse("2026-11-29T14:00:00+02:00")
    let b = try Timestamp.parse("2026-11-29T12:00:00Z")
    let c = try Timestamp.parse("2026-11-29T06:30:00-05:30")
    #expect(a == b)
    #expect(c == b)
    #expect(b.nanoseconds == 1_795_953_600_000_000_000)
  }

  @Test func keepsNanosecondPrecision() throws {
    let a = try Timestamp.parse("2026-11-29T12:00:00.123456789Z")
    let b = try Timestamp.parse("2026-11-29T12:00:00.12345679Z")
    #expect(b.nanoseconds - a.nanoseconds == 1)
    #expect(a.rfc3339 == "2026-11-29T12:00:00.123456789Z")
  }

  @Test func formatsShortestExactFraction() throws {
    #expect(try Timestamp.parse("2026-11-29T10:00:01.500Z").rfc3339 == "2026-11-29T10:00:01.5Z")
    #expect(try Timestamp.parse("2026-11-29T10:00:01.000Z").rfc3339 == "2026-11-29T10:00:01Z")
    #expect(Timestamp(nanoseconds: -1).rfc3339 == "1969-12-31T23:59:59.999999999Z")
    #expect(Timestamp(nanoseconds: 0).rfc3339 == "1970-01-01T00:00:00Z")
  }

  @Test(arguments: [
    "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-29t12:00:00Z", "2026-11-29T12:00:00z",
    "2026-11-29T12:00:60Z", "2026-11-29T12:00:00", "2026-11-29T12:00:00.Z",
    "2026-11-29T12:00:00.1234567890Z", "2026-11-29T12:00:00+0200", "2026-11-29 12:00:00Z", "",
    "2026-11-29T12:00:00+02:00x",
  ])
  func rejectsInvalidText(_ text: String) {
    #expect(throws: Timestamp.ParseError.invalid) { try Timestamp.parse(text) }
  }

  @Test func rejectsOutOfRange() {
    #expect(throws: Timestamp.ParseError.outOfRange) { try Timestamp.parse("2262-04-12T00:00:00Z") }
    #expect(throws: Timestamp.ParseError.outOfRange) { try Timestamp.parse("1677-09-21T00:00:00Z") }
    #expect((try? Timestamp.parse("2262-04-11T23:47:16.854775807Z"))?.nanoseconds == Int64.max)
    #expect((try? Timestamp.parse("2024-02-29T00:00:00Z")) != nil)
    #expect((try? Timestamp.parse("1677-09-21T00:12:43.145224192Z"))?.nanoseconds == Int64.min)
    #expect(throws: Timestamp.ParseError.outOfRange) { try Timestamp.parse("1677-09-21T00:12:43.145224191Z") }
    #expect(Timestamp(nanoseconds: Int64.min).rfc3339 == "1677-09-21T00:12:43.145224192Z")
  }
}

@Suite struct TimestampWriterTests {
  @Test(arguments: [Int64.min, -1, 0, 1, 1_795_953_600_148_259_552, 1_795_953_600_000_000_000, Int64.max])
  func writerFormatsLikeRFC3339Property(_ ns: Int64) throws {
    var w = CanonicalJSONWriter(layout: .compact)
    w.timestamp(Timestamp(nanoseconds: ns))
    let text = Timestamp(nanoseconds: ns).rfc3339
    #expect(w.string == "\"\(text)\"")
    #expect(try Timestamp.parse(text).nanoseconds == ns)
  }
}

/// `Timestamp.parse` reads the fixed prefix a word at a time; these check it
/// against the straightforward byte-by-byte parser it replaced, on valid
/// text of every shape and on every single-byte change, cut and extension
/// of it, so that every input keeps its result (value, `invalid` or
/// `outOfRange`).
@Suite struct TimestampParseEquivalenceTests {
  /// The former parser, kept as the reference.
  static func referenceParse(_ text: String) -> Result<Int64, Timestamp.ParseError> {
    let b = Array(text.utf8)
    let n = b.count
    guard n >= 20 else { return .failure(.invalid) }
    func digit(_ i: Int) -> Int64? {
      let c = b[i]
      guard c >= 48, c <= 57 else { return nil }
      return Int64(c - 48)
    }
    func two(_ i: Int) -> Int64? {
      guard let a = digit(i), let c = digit(i + 1) else { return nil }
      return a * 10 + c
    }
    guard let y1 = two(0), let y2 = two(2), b[4] == 45, let month = two(5), b[7] == 45, let day = two(8), b[10] == 84,
      let hour = two(11), b[13] == 58, let minute = two(14), b[16] == 58, let second = two(17)
    else { return .failure(.invalid) }
    let year = y1 * 100 + y2
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    let monthDays: Int64 = month == 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].contains(month) ? 30 : 31
    guard month >= 1, month <= 12, day >= 1, day <= monthDays, hour <= 23, minute <= 59, second <= 59 else {
      return .failure(.invalid)
    }
    var i = 19
    var fraction: Int64 = 0
    if b[i] == 46 {
      i += 1
      var digits = 0
      while i < n, let d = digit(i) {
        guard digits < 9 else { return .failure(.invalid) }
        fraction = fraction * 10 + d
        digits += 1
        i += 1
      }
      guard digits > 0 else { return .failure(.invalid) }
      for _ in digits..<9 { fraction *= 10 }
    }
    guard i < n else { return .failure(.invalid) }
    var offsetSeconds: Int64 = 0
    switch b[i] {
    case 90:
      i += 1
    case 43, 45:
      guard n - i == 6, b[i + 3] == 58, let oh = two(i + 1), let om = two(i + 4), oh <= 23, om <= 59 else {
        return .failure(.invalid)
      }
      offsetSeconds = (oh * 3600 + om * 60) * (b[i] == 45 ? -1 : 1)
      i += 6
    default:
      return .failure(.invalid)
    }
    guard i == n else { return .failure(.invalid) }
    // Days since 1970-01-01 by counting, as a check independent of the
    // closed formula the parser uses.
    var days: Int64 = 0
    if year >= 1970 {
      for y in 1970..<year { days += isLeap(y) ? 366 : 365 }
    } else {
      for y in year..<1970 { days -= isLeap(y) ? 366 : 365 }
    }
    for m in 1..<month {
      days += m == 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].contains(m) ? 30 : 31
    }
    days += day - 1
    var wholeSeconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    var nanos = fraction
    if wholeSeconds < 0, nanos > 0 {
      wholeSeconds += 1
      nanos -= 1_000_000_000
    }
    let (scaled, o1) = wholeSeconds.multipliedReportingOverflow(by: 1_000_000_000)
    let (total, o2) = scaled.addingReportingOverflow(nanos)
    guard !o1, !o2 else { return .failure(.outOfRange) }
    return .success(total)
  }

  static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

  static func actual(_ text: String) -> Result<Int64, Timestamp.ParseError> {
    do throws(Timestamp.ParseError) { return .success(try Timestamp.parse(text).nanoseconds) } catch {
      return .failure(error)
    }
  }

  /// The tests' seeded generator, drawing integers below a bound.
  struct SplitMix {
    var generator: SeededRandom
    init(state: UInt64) { generator = SeededRandom(seed: state) }
    mutating func next(_ bound: Int) -> Int { Int(generator.next() % UInt64(bound)) }
  }

  static let seeds: [String] = [
    "2026-11-29T12:00:00Z", "2026-11-29T07:00:00.971969764-05:00", "2026-11-29T02:32:14.046Z",
    "2024-02-29T23:59:59.9+14:00", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
    "2262-04-11T23:47:16.854775807Z", "2262-04-11T23:47:16.854775808Z", "1677-09-21T00:12:43.145224192Z",
    "1677-09-21T00:12:43.145224191Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59",
    "2000-02-29T12:00:00+00:00", "1900-02-28T12:00:00Z", "2100-03-01T00:00:00.5Z",
  ]

  /// Bytes a change puts in: digits, every separator, their neighbours in
  /// ASCII, and bytes that test the word arithmetic (high nibbles, 0xFF).
  static let probes: [UInt8] = Array("0123456789-:T.Z+/;,SzteE ".utf8) + [0x00, 0x0A, 0x2F, 0x3A, 0x3F, 0x40, 0x7F, 0x80, 0xB0, 0xF9, 0xFA, 0xFF]

  @Test func agreesWithTheReferenceOnEveryChangeOfEachSeed() {
    var mismatches: [String] = []
    func check(_ bytes: [UInt8]) {
      let text = String(decoding: bytes, as: UTF8.self)
      let expected = Self.referenceParse(text)
      let got = Self.actual(text)
      if expected != got, mismatches.count < 20 { mismatches.append("\(text): \(got) != \(expected)") }
    }
    for seed in Self.seeds {
      let bytes = Array(seed.utf8)
      check(bytes)
      for i in bytes.indices {
        for probe in Self.probes {
          var changed = bytes
          changed[i] = probe
          check(changed)
          changed.insert(probe, at: i)
          check(changed)
        }
        check(Array(bytes[..<i]))
        var removed = bytes
        removed.remove(at: i)
        check(removed)
      }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }

  @Test func agreesWithTheReferenceOnRandomTimestamps() {
    var random = SplitMix(state: 20_261_129)
    var mismatches: [String] = []
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    for _ in 0..<20_000 {
      // Fields mostly in range, sometimes just outside it.
      let year = random.next(10) == 0 ? random.next(10_000) : 1650 + random.next(650)
      var text = String(repeating: "0", count: 4 - "\(year)".count) + "\(year)"
      text += "-\(two(random.next(14)))-\(two(random.next(33)))T\(two(random.next(25)))"
      text += ":\(two(random.next(61))):\(two(random.next(61)))"
      let digits = random.next(12)
      if digits > 0 {
        text += "." + (0..<digits).map { _ in "\(random.next(10))" }.joined()
      }
      switch random.next(3) {
      case 0: text += "Z"
      case 1: text += "+\(two(random.next(25))):\(two(random.next(61)))"
      default: text += "-\(two(random.next(25))):\(two(random.next(61)))"
      }
      let expected = Self.referenceParse(text)
      let got = Self.actual(text)
      if expected != got, mismatches.count < 20 { mismatches.append("\(text): \(got) != \(expected)") }
    }
    #expect(mismatches.isEmpty, "\(mismatches)")
  }
}

/// The fixed-width formatter against the text's meaning: random instants
/// over the whole int64 range, with every fraction length, format to text
/// that parses back to the same instant, has no trailing zero in its
/// fraction, and appends after existing bytes unchanged.
@Suite struct TimestampFormatRoundTripTests {
  @Test func everyFractionLengthRoundTrips() throws {
    // A fixed seed, so that a failure reproduces.
    var random = SeededRandom(seed: 0x5EED)
    func next() -> Int64 { Int64(bitPattern: random.next()) }
    var seenWidths = Set<Int>()
    for k in 0..<4000 {
      var ns = next()
      // Drop 0…9 trailing digits so that every fraction length occurs.
      var p: Int64 = 1
      for _ in 0..<(k % 10) { p *= 10 }
      ns = ns / p * p
      let t = Timestamp(nanoseconds: ns)
      let text = t.rfc3339
      #expect(try Timestamp.parse(text).nanoseconds == ns, "\(ns) → \(text)")
      let width = text.split(separator: ".").dropFirst().first.map { $0.count - 1 } ?? 0
      seenWidths.insert(width)
      #expect(!text.hasSuffix("0Z") || width == 0, "\(text) has a trailing zero")
      var out = Array("x".utf8)
      t.appendRFC3339(to: &out)
      #expect(out == Array("x\(text)".utf8))
    }
    #expect(seenWidths == Set(0...9))
  }
}

/// `Timestamp.parse` against a plain parser written from the format's rules
/// alone: fields cut at their places and read with `Int`, the calendar by
/// counting leap years, the nanoseconds in `Int128` so that the range is a
/// single comparison. The inputs are valid timestamps over the years
/// 0000–9999 with every fraction length and offset, every single-byte change,
/// cut and extension of many of them, the days 29–31 of every month in leap
/// and common years, offsets at and past their limits, and the ends of
/// `Int64` nanoseconds written with several offsets; the value or error kind
/// must be the same for each.
@Suite struct TimestampPlainReferenceTests {
  typealias Outcome = Result<Int64, Timestamp.ParseError>

  static func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }

  static func daysIn(_ y: Int, _ m: Int) -> Int {
    [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
  }

  /// Days since 1970-01-01: 365 for each year since year 0, one more for
  /// each leap year among them (year 0 is one), the months before and the
  /// day; 1970-01-01 is day 719,528 of that count.
  static func daysSinceEpoch(_ y: Int, _ m: Int, _ d: Int) -> Int {
    let leapYearsBefore = y == 0 ? 0 : 1 + (y - 1) / 4 - (y - 1) / 100 + (y - 1) / 400
    let monthsBefore = (1..<m).reduce(0) { $0 + daysIn(y, $1) }
    return 365 * y + leapYearsBefore + monthsBefore + d - 1 - 719_528
  }

  /// A run of ASCII digits as its number; nil for an empty run or any other
  /// byte (`Int` alone would also take a sign).
  static func number(_ s: ArraySlice<UInt8>) -> Int? {
    guard !s.isEmpty, s.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
    return Int(String(decoding: s, as: UTF8.self))
  }

  static func plainParse(_ b: [UInt8]) -> Outcome {
    func at(_ i: Int, _ c: Unicode.Scalar) -> Bool { i < b.count && b[i] == UInt8(ascii: c) }
    func field(_ r: Range<Int>) -> Int? { r.upperBound <= b.count ? number(b[r]) : nil }
    guard let year = field(0..<4), at(4, "-"), let month = field(5..<7), at(7, "-"), let day = field(8..<10),
      at(10, "T"), let hour = field(11..<13), at(13, ":"), let minute = field(14..<16), at(16, ":"),
      let second = field(17..<19)
    else { return .failure(.invalid) }
    guard (1...12).contains(month), day >= 1, day <= daysIn(year, month), hour <= 23, minute <= 59, second <= 59 else {
      return .failure(.invalid)
    }
    var i = 19
    var nanos = 0
    if at(19, ".") {
      var j = 20
      while j < b.count, number(b[j..<j + 1]) != nil { j += 1 }
      let digits = j - 20
      guard (1...9).contains(digits) else { return .failure(.invalid) }
      // The digits with zeros after them to nine places are the nanoseconds.
      let padded = Array(b[20..<j]) + Array(repeating: UInt8(ascii: "0"), count: 9 - digits)
      guard let f = number(padded[...]) else { return .failure(.invalid) }
      nanos = f
      i = j
    }
    let rest = Array(b[i...])
    var offsetMinutes = 0
    if rest == Array("Z".utf8) {
      // UTC.
    } else if rest.count == 6, rest[0] == UInt8(ascii: "+") || rest[0] == UInt8(ascii: "-"), rest[3] == UInt8(ascii: ":"),
      let oh = number(rest[1..<3]), let om = number(rest[4..<6]), oh <= 23, om <= 59
    {
      offsetMinutes = (oh * 60 + om) * (rest[0] == UInt8(ascii: "-") ? -1 : 1)
    } else {
      return .failure(.invalid)
    }
    let seconds =
      Int128(daysSinceEpoch(year, month, day)) * 86_400 + Int128(hour * 3600 + minute * 60 + second)
      - Int128(offsetMinutes * 60)
    guard let total = Int64(exactly: seconds * 1_000_000_000 + Int128(nanos)) else { return .failure(.outOfRange) }
    return .success(total)
  }

  static func actual(_ b: [UInt8]) -> Outcome {
    b.withUnsafeBufferPointer { buffer in
      do throws(Timestamp.ParseError) { return .success(try Timestamp.parse(buffer).nanoseconds) } catch {
        return .failure(error)
      }
    }
  }

  /// The same bytes inside a larger buffer between digits, as the snapshot
  /// reader passes them: nothing outside the slice may change the outcome.
  static func actualInside(_ b: [UInt8]) -> Outcome {
    let framed = Array("99999999".utf8) + b + Array("99999999".utf8)
    return framed.withUnsafeBufferPointer { all in
      let slice = UnsafeBufferPointer(rebasing: all[8..<(8 + b.count)])
      do throws(Timestamp.ParseError) { return .success(try Timestamp.parse(slice).nanoseconds) } catch {
        return .failure(error)
      }
    }
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return String(repeating: "0", count: max(0, width - s.count)) + s
  }

  static func offsetText(_ minutes: Int?) -> String {
    guard let minutes else { return "Z" }
    return (minutes < 0 ? "-" : "+") + pad(abs(minutes) / 60, 2) + ":" + pad(abs(minutes) % 60, 2)
  }

  /// The local text of an instant (which may lie outside `Int64`) at an
  /// offset in minutes, `nil` for `Z`, with all nine fraction digits.
  static func text(nanoseconds: Int128, offset: Int?) -> String {
    let local = nanoseconds + Int128(offset ?? 0) * 60_000_000_000
    var seconds = local / 1_000_000_000
    var fraction = local % 1_000_000_000
    if fraction < 0 {
      fraction += 1_000_000_000
      seconds -= 1
    }
    var days = Int(seconds / 86_400)
    var rest = Int(seconds % 86_400)
    if rest < 0 {
      rest += 86_400
      days -= 1
    }
    var year = 1970
    while daysSinceEpoch(year, 1, 1) > days { year -= 1 }
    while daysSinceEpoch(year + 1, 1, 1) <= days { year += 1 }
    var month = 1
    while month < 12, daysSinceEpoch(year, month + 1, 1) <= days { month += 1 }
    let day = days - daysSinceEpoch(year, month, 1) + 1
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2))"
      + ":\(pad(rest % 60, 2)).\(pad(Int(fraction), 9))\(offsetText(offset))"
  }

  /// Compares every input, and counts the outcomes so that a generator
  /// that only made invalid text would not pass unnoticed.
  struct Checker {
    var mismatches: [String] = []
    var accepted = 0
    var invalid = 0
    var outOfRange = 0

    mutating func check(_ bytes: [UInt8]) {
      let expected = TimestampPlainReferenceTests.plainParse(bytes)
      let got = TimestampPlainReferenceTests.actual(bytes)
      let inside = TimestampPlainReferenceTests.actualInside(bytes)
      switch expected {
      case .success: accepted += 1
      case .failure(.invalid): invalid += 1
      case .failure(.outOfRange): outOfRange += 1
      }
      if (got != expected || inside != expected), mismatches.count < 20 {
        mismatches.append("\(String(decoding: bytes, as: UTF8.self)): \(got), inside \(inside), expected \(expected)")
      }
    }

    mutating func check(_ text: String) { check(Array(text.utf8)) }
  }

  /// A random timestamp, valid for up to 9 `digits`: any year 0000–9999 (half
  /// of them 1650–2299, around the years of `Int64` nanoseconds), any day of
  /// its month, `digits` fraction digits and `Z` or an offset.
  static func randomTimestamp(_ random: inout SeededRandom, digits: Int) -> String {
    func next(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
    let year = next(2) == 0 ? next(10_000) : 1650 + next(650)
    let month = 1 + next(12)
    let day = 1 + next(daysIn(year, month))
    var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(next(24), 2)):\(pad(next(60), 2)):\(pad(next(60), 2))"
    if digits > 0 { text += "." + (0..<digits).map { _ in String(next(10)) }.joined() }
    let offset: Int? = next(2) == 0 ? nil : (next(2) == 0 ? -1 : 1) * (next(24) * 60 + next(60))
    return text + offsetText(offset)
  }

  @Test func theReferenceCalendarCountsEveryYear() {
    #expect(Self.daysSinceEpoch(1970, 1, 1) == 0)
    #expect(Self.daysSinceEpoch(2000, 3, 1) == 11_017)
    var days = Self.daysSinceEpoch(0, 1, 1)
    for year in 0..<9999 {
      days += Self.isLeap(year) ? 366 : 365
      #expect(Self.daysSinceEpoch(year + 1, 1, 1) == days, "year \(year + 1)")
    }
  }

  @Test func theEndsOfInt64AreWhereTheReferenceSaysInEveryOffset() {
    let offsets: [Int?] = [nil, 0, 1, -1, 60, -60, 330, -330, 23 * 60 + 59, -(23 * 60 + 59)]
    let ends: [(Int128, Outcome)] = [
      (Int128(Int64.min), .success(Int64.min)), (Int128(Int64.min) - 1, .failure(.outOfRange)),
      (Int128(Int64.max), .success(Int64.max)), (Int128(Int64.max) + 1, .failure(.outOfRange)),
    ]
    var checker = Checker()
    for (instant, outcome) in ends {
      for offset in offsets {
        let text = Self.text(nanoseconds: instant, offset: offset)
        #expect(Self.plainParse(Array(text.utf8)) == outcome, "\(text)")
        checker.check(text)
      }
    }
    #expect(Self.text(nanoseconds: Int128(Int64.min), offset: nil) == "1677-09-21T00:12:43.145224192Z")
    #expect(Self.text(nanoseconds: Int128(Int64.max), offset: nil) == "2262-04-11T23:47:16.854775807Z")
    #expect(checker.mismatches.isEmpty, "\(checker.mismatches)")
  }

  @Test func agreesOnRandomTimestampsOfEveryYearFractionAndOffset() {
    var random = SeededRandom(seed: 0x7157_A3B0)
    var checker = Checker()
    for k in 0..<30_000 {
      checker.check(Self.randomTimestamp(&random, digits: k % 10))
    }
    // Ten digits are one too many.
    for _ in 0..<1000 { checker.check(Self.randomTimestamp(&random, digits: 10)) }
    #expect(checker.mismatches.isEmpty, "\(checker.mismatches)")
    #expect(checker.accepted > 12_000)
    #expect(checker.outOfRange > 12_000)
    #expect(checker.invalid >= 1000)
  }

  @Test func agreesOnEveryChangeCutAndExtension() {
    var random = SeededRandom(seed: 0xC0FF_EE11)
    var bases: [String] = [
      "2026-11-26T21:04:32.848324Z", "2026-11-29T09:00:00.8368397-03:00", "2026-11-27T05:56:17+00:00",
      "2026-11-19T05:19:00.47416+01:00", "2026-11-23T23:18:32.377107477Z", "2026-11-27T23:27:00.920+02:00",
      "2026-11-29T12:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999-23:59",
      "1677-09-21T00:12:43.145224192Z", "2262-04-11T23:47:16.854775807Z", "2000-02-29T12:00:00.5+23:59",
    ]
    for k in 0..<150 { bases.append(Self.randomTimestamp(&random, digits: k % 10)) }
    let probes = Array("0123456789.:-+ztZTaA /".utf8) + [0x00, 0x80, 0xFF]
    var checker = Checker()
    for base in bases {
      let bytes = Array(base.utf8)
      checker.check(bytes)
      for i in bytes.indices {
        for probe in probes {
          var changed = bytes
          changed[i] = probe
          checker.check(changed)
        }
        checker.check(Array(bytes[..<i]))
        var inserted = bytes
        inserted.insert(UInt8(ascii: "7"), at: i)
        checker.check(inserted)
        var removed = bytes
        removed.remove(at: i)
        checker.check(removed)
      }
      for probe in probes { checker.check(bytes + [probe]) }
      checker.check(bytes + Array("Z".utf8))
      checker.check(bytes + Array("+01:00".utf8))
    }
    #expect(checker.mismatches.isEmpty, "\(checker.mismatches)")
    #expect(checker.accepted > 1000)
  }

  @Test func agreesOnTheLastDaysOfEveryMonth() {
    var checker = Checker()
    let years = [0, 1, 4, 100, 400, 1600, 1677, 1678, 1900, 1970, 2000, 2023, 2024, 2100, 2261, 2262, 2400, 9996, 9999]
    for year in years {
      for month in 1...12 {
        for day in 28...31 {
          let date = "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
          for time in ["T00:00:00", "T12:00:00.5", "T23:59:59.999999999"] {
            for ending in ["Z", "+00:00", "+01:00", "-01:00", "+23:59", "-23:59"] {
              checker.check(date + time + ending)
            }
          }
        }
      }
    }
    #expect(checker.mismatches.isEmpty, "\(checker.mismatches)")
    #expect(checker.accepted > 1000)
    #expect(checker.invalid > 100)
  }

  @Test func agreesOnOffsetsAtAndPastTheirLimits() {
    var checker = Checker()
    let offsets = [
      "23:59", "24:00", "00:60", "23:60", "00:59", "00:00", "19:99", "99:00", "2:00", "02:0", "02-00", "0200", "02:00:00",
    ]
    for base in ["2026-11-29T12:00:00", "2026-11-29T12:00:00.123", "1677-09-21T00:12:43.145224192",
      "2262-04-11T23:47:16.854775807", "0000-01-01T00:00:00", "9999-12-31T23:59:59"]
    {
      for sign in ["+", "-", "", "Z", "z", "−"] {
        for offset in offsets { checker.check(base + sign + offset) }
      }
    }
    #expect(checker.mismatches.isEmpty, "\(checker.mismatches)")
    #expect(checker.accepted >= 20)
  }
}
