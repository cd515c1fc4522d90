import ReclaimCore
import Testing

@Suite struct GoDurationTests {
  @Test(arguments: [
    ("0", Int64(0)), ("0s", 0), ("90s", 90_000_000_000), ("1h30m", 5_400_000_000_000),
    ("1.5h", 5_400_000_000_000), ("500ms", 500_000_000), ("2m", 120_000_000_000),
    ("120s", 120_000_000_000), ("1us", 1_000), ("1\u{00B5}s", 1_000), ("3ns", 3), (".5s", 500_000_000),
    ("1.s", 1_000_000_000), ("2562047h47m16.854775807s", Int64.max),
  ])
  func parses(_ text: String, _ expected: Int64) throws {
    #expect(try GoDuration.parse(text) == expected)
  }

  @Test(arguments: ["", "1", "1d", "h", ".s", "1.5", "1 h", "1hh", "s1"])
  func rejectsMalformed(_ text: String) {
    #expect(throws: GoDuration.ParseError.invalid) { try GoDuration.parse(text) }
  }

  @Test func rejectsSignAndOverflow() {
    #expect(throws: GoDuration.ParseError.signed) { try GoDuration.parse("-1s") }
    #expect(throws: GoDuration.ParseError.signed) { try GoDuration.parse("+1s") }
    #expect(throws: GoDuration.ParseError.overflow) { try GoDuration.parse("2562048h") }
    #expect(throws: GoDuration.ParseError.overflow) { try GoDuration.parse("9223372036854775808ns") }
  }

  @Test(arguments: [
    (Int64(0), "0s"), (120_000_000_000, "2m0s"), (259_200_000_000_000, "72h0m0s"),
    (1_500_000, "1.5ms"), (1_000, "1\u{00B5}s"), (999, "999ns"), (5_400_000_000_000, "1h30m0s"),
    (1_500_000_000, "1.5s"), (3_723_000_000_001, "1h2m3.000000001s"),
  ])
  func formatsLikeGo(_ ns: Int64, _ expected: String) {
    #expect(GoDuration.format(ns) == expected)
  }
}
