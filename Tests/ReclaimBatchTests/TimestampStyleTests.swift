import ReclaimCore
import Testing

@testable import ReclaimBatch

/// Each timestamp style writes what its software writes, and every text
/// parses back to the instant (less the digits the style drops).
@Suite struct TimestampStyleTests {
  /// 2026-11-29T23:45:06.120450000Z
  static let instant: Int64 = 1_795_995_906 * 1_000_000_000 + 120_450_000

  @Test(arguments: [
    (0, true, TimestampStyle.Fraction.trimmed, "2026-11-29T23:45:06.12045Z"),
    (0, false, .micros, "2026-11-29T23:45:06.120450+00:00"),
    (0, true, .none, "2026-11-29T23:45:06Z"),
    (0, true, .fixed(3), "2026-11-29T23:45:06.120Z"),
    (0, true, .fixed(9), "2026-11-29T23:45:06.120450000Z"),
    (0, true, .groupsOfThree, "2026-11-29T23:45:06.120450Z"),
    (330, true, .trimmed, "2026-11-30T05:15:06.12045+05:30"),
    (-300, true, .fixed(3), "2026-11-29T18:45:06.120-05:00"),
    (-420, false, .none, "2026-11-29T16:45:06-07:00"),
  ])
  func writesTheSoftwaresShape(_ offset: Int, _ z: Bool, _ fraction: TimestampStyle.Fraction, _ expected: String) throws {
    let text = TimestampStyle(offsetMinutes: offset, utcAsZ: z, fraction: fraction).text(Self.instant)
    #expect(text == expected)
    let parsed = try Timestamp.parse(text).nanoseconds
    #expect(parsed <= Self.instant && Self.instant - parsed < 1_000_000_000)
  }

  @Test func wholeSecondsAndDayBoundaries() throws {
    let whole: Int64 = 1_796_000_000 * 1_000_000_000
    #expect(TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .trimmed).text(whole) == "2026-11-30T00:53:20Z")
    #expect(TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .micros).text(whole + 999) == "2026-11-30T00:53:20Z")
    #expect(TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .groupsOfThree).text(whole + 1) == "2026-11-30T00:53:20.000000001Z")
    // Midnight UTC seen from east and west of Greenwich, across a year's end.
    let newYear: Int64 = 1_798_761_600 * 1_000_000_000  // 2027-01-01T00:00:00Z
    #expect(TimestampStyle(offsetMinutes: 60, utcAsZ: true, fraction: .none).text(newYear) == "2027-01-01T01:00:00+01:00")
    #expect(TimestampStyle(offsetMinutes: -60, utcAsZ: true, fraction: .none).text(newYear) == "2026-12-31T23:00:00-01:00")
    for offset in [-720, -345, 0, 345, 840] {
      let text = TimestampStyle(offsetMinutes: offset, utcAsZ: false, fraction: .fixed(9)).text(newYear + 7)
      #expect(try Timestamp.parse(text).nanoseconds == newYear + 7, "\(text)")
    }
  }
}
