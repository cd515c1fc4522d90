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
