import ReclaimCore
import ReclaimInventory
import ReclaimTestSupport
import Testing

/// Deterministic random mutations of valid snapshots: the reader never
/// crashes, and either decodes or reports diagnostics that each carry a JSON path.
@Suite struct SnapshotFuzzTests {
  /// The tests' seeded generator, with the draw these mutations use.
  struct Random {
    var generator: SeededRandom
    init(state: UInt64) { generator = SeededRandom(seed: state) }
    mutating func next() -> UInt64 { generator.next() }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  }

  /// Bytes that matter to JSON and UTF-8, to make mutations hit interesting paths.
  static let interesting: [UInt8] = Array(#"{}[]:,"\ -0123456789.eEtrufalsn"#.utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]

  static func seeds() throws -> [[UInt8]] {
    try ["node-periodic", "node-explain", "node-disk-pressure"].map {
      try TestFiles.bytes("fixtures/spec-examples/\($0).snapshot.json")
    }
  }

  /// Checks one input; returns whether it decoded.
  static func check(_ bytes: [UInt8], _ label: String) -> Bool {
    do {
      _ = try SnapshotReader.decode(bytes, source: "fuzz.json", line: 1)
      return true
    } catch {
      #expect(!error.diagnostics.isEmpty, "\(label)")
      for d in error.diagnostics {
        #expect(d.path?.hasPrefix("$") == true, "\(label): \(d)")
        #expect(!d.message.isEmpty && d.file == "fuzz.json" && d.line == 1, "\(label)")
      }
      return false
    }
  }

  @Test func randomMutationsNeverCrash() throws {
    var random = Random(state: 20_261_129)
    var decoded = 0
    var rejected = 0
    for (s, seed) in try Self.seeds().enumerated() {
      for round in 0..<1500 {
        var bytes = seed
        for _ in 0..<(1 + random.below(3)) {
          guard !bytes.isEmpty else { break }
          let at = random.below(bytes.count)
          switch random.below(5) {
          case 0: bytes.removeSubrange(at...)  // truncation
          case 1: bytes[at] ^= UInt8(truncatingIfNeeded: 1 << random.below(8))  // bit flip
          case 2: bytes.insert(Self.interesting[random.below(Self.interesting.count)], at: at)
          case 3: bytes[at] = Self.interesting[random.below(Self.interesting.count)]
          default: bytes.remove(at: at)
          }
        }
        if Self.check(bytes, "seed \(s) round \(round)") { decoded += 1 } else { rejected += 1 }
      }
    }
    // Both outcomes occur: the mutations are neither all fatal nor all harmless.
    #expect(decoded > 50)
    #expect(rejected > 1000)
  }

  /// Every proper prefix of a snapshot is rejected (none is a whole document).
  @Test func everyTruncationIsRejected() throws {
    let seed = try Self.seeds()[1].filter { $0 != 0x0A }
    for n in 0..<seed.count {
      let ok = Self.check(Array(seed[0..<n]), "prefix \(n)")
      #expect(!ok, "prefix of \(n) bytes decoded")
    }
    #expect(Self.check(seed, "whole"))
  }

  /// Random byte soup, including invalid UTF-8 and deep nesting attempts.
  @Test func randomBytesNeverCrash() {
    var random = Random(state: 7)
    for round in 0..<3000 {
      let count = random.below(200)
      var bytes: [UInt8] = []
      for _ in 0..<count {
        bytes.append(random.below(3) == 0 ? UInt8(truncatingIfNeeded: random.next()) : Self.interesting[random.below(Self.interesting.count)])
      }
      if random.below(4) == 0 { bytes = Array(repeating: UInt8(ascii: "["), count: random.below(5000)) + bytes }
      _ = Self.check(bytes, "soup \(round)")
    }
  }
}
