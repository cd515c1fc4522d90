import ReclaimCore
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
