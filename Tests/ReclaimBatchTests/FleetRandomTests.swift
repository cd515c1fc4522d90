import Testing

@testable import ReclaimBatch

/// The generator's random numbers are its own, so that a seed means the
/// same fleet on every machine and Swift release: the algorithms must be
/// exactly the published ones, and the mappings onto ranges exact.
@Suite struct FleetRandomTests {
  /// xoshiro256** from the state (1, 2, 3, 4): the reference implementation's
  /// outputs (also the test vectors of Rust's `rand_xoshiro`).
  @Test func xoshiroMatchesTheReference() {
    var random = FleetRandom(state: (1, 2, 3, 4))
    let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360, 607_988_272_756_665_600]
    #expect((0..<expected.count).map { _ in random.next() } == expected)
  }

  /// SplitMix64 from 1234567: the reference outputs.
  @Test func splitMixMatchesTheReference() {
    var state: UInt64 = 1_234_567
    let expected: [UInt64] = [
      6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423, 4_593_380_528_125_082_431,
      16_408_922_859_458_223_821,
    ]
    #expect((0..<expected.count).map { _ in FleetRandom.splitMix(&state) } == expected)
  }

  @Test func streamsDifferAndRepeat() {
    var a = FleetRandom(seed: 1, stream: 0), b = FleetRandom(seed: 1, stream: 0)
    var c = FleetRandom(seed: 1, stream: 1), d = FleetRandom(seed: 2, stream: 0)
    let first = (0..<4).map { _ in a.next() }
    #expect(first == (0..<4).map { _ in b.next() })
    #expect(first != (0..<4).map { _ in c.next() })
    #expect(first != (0..<4).map { _ in d.next() })
  }

  @Test func rangesAreExactAndCovered() {
    var random = FleetRandom(seed: 5, stream: 9)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 { counts[random.below(7)] += 1 }
    // Uniform: each of 7 values about 10,000 times (5 standard deviations).
    #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "\(counts)")
    for _ in 0..<1_000 {
      #expect((3...5).contains(random.int(in: 3...5)))
      #expect((-2...2).contains(random.int64(in: -2...2)))
    }
    #expect(random.below(1) == 0)
    #expect(!(0..<1_000).contains { _ in random.percent(0) })
    #expect((0..<1_000).allSatisfy { _ in random.percent(100) })
    #expect(!(0..<1_000).contains { _ in random.weighted([0, 5, 0]) != 1 })
  }

  @Test func idsHaveTheirShapes() throws {
    var random = FleetRandom(seed: 5, stream: 1)
    let uuid = try Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    for _ in 0..<200 {
      let u = random.uuid()
      #expect(u.wholeMatch(of: uuid) != nil, "\(u)")
      #expect(random.hex(24).utf8.count == 24)
      #expect(random.imageID().wholeMatch(of: try Regex("^sha256:[0-9a-f]{64}$")) != nil)
    }
    #expect(FleetRandom.base36(35, width: 3) == "00z")
    #expect(FleetRandom.base36(36 * 36 * 36 - 1, width: 3) == "zzz")
  }
}
