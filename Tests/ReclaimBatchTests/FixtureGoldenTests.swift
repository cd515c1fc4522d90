import Foundation
import ReclaimTestSupport
import Testing

/// The bundled node snapshots under the bundled policy set: the manifests
/// `reclaim plan --out` writes must equal `fixtures/expected/` byte for byte.
/// Regenerate deliberately with `RECLAIM_UPDATE_GOLDEN=1 swift test`.
@Suite struct FixtureGoldenTests {
  static var update: Bool { Golden.updating }

  static func files(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
  }

  @Test(arguments: ["periodic", "disk-pressure"])
  func manifestsMatchGolden(_ mode: String) throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["plan", "--policy", "policies", "--mode", mode, "--out", out.path, "fixtures/snapshots"])
    #expect(r.status == 0, "\(r.stderr)")
    let expected = CLI.fixture("fixtures/expected/\(mode)")
    if Self.update {
      try? FileManager.default.removeItem(at: expected)
      try FileManager.default.createDirectory(at: expected.deletingLastPathComponent(), withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: out, to: expected)
    }
    let written = try Self.files(in: out)
    #expect(written == (try Self.files(in: expected)))
    #expect(written.count == 6)  // five nodes and summary.json
    for name in written {
      let a = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
      let b = try String(contentsOf: expected.appendingPathComponent(name), encoding: .utf8)
      #expect(a == b, "\(mode)/\(name) differs from the golden file")
    }
  }

  /// The README's main command: its text report is stable too.
  @Test func textReportMatchesGolden() throws {
    let r = try CLI.run(["plan", "--policy", "policies", "fixtures/snapshots"])
    #expect(r.status == 0, "\(r.stderr)")
    let golden = CLI.fixture("fixtures/expected/periodic.txt")
    if Self.update { try Data(r.stdoutBytes).write(to: golden) }
    #expect(r.stdout == (try String(contentsOf: golden, encoding: .utf8)))
  }

  /// Planning is a function of the snapshot: every array of every input
  /// reversed, and the files given in reverse order, change no manifest.
  @Test func permutedInputGivesTheSameManifests() throws {
    let permuted = try CLI.temporaryDirectory()
    let outA = try CLI.temporaryDirectory(), outB = try CLI.temporaryDirectory()
    defer { for d in [permuted, outA, outB] { try? FileManager.default.removeItem(at: d) } }
    let sources = try Self.files(in: CLI.fixture("fixtures/snapshots"))
    var reversedPaths: [String] = []
    for name in sources {
      let data = try Data(contentsOf: CLI.fixture("fixtures/snapshots/\(name)"))
      var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      for (key, value) in object {
        if let array = value as? [Any] { object[key] = Array(array.reversed()) }
      }
      let target = permuted.appendingPathComponent(name)
      try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted]).write(to: target)
      reversedPaths.insert(target.path, at: 0)
    }
    let a = try CLI.run(["plan", "--policy", "policies", "--explain", "--out", outA.path, "fixtures/snapshots"])
    let b = try CLI.run(["plan", "--policy", "policies", "--explain", "--jobs", "1", "--out", outB.path] + reversedPaths)
    #expect(a.status == 0 && b.status == 0)
    for name in try Self.files(in: outA) {
      let x = try Data(contentsOf: outA.appendingPathComponent(name))
      let y = try Data(contentsOf: outB.appendingPathComponent(name))
      #expect(x == y, "\(name) depends on input order")
    }
  }

  /// A compiled policy gives the same manifests as its YAML source.
  @Test func compiledPolicyPlansLikeItsYAML() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let compiled = dir.appendingPathComponent("policy.json")
    #expect(try CLI.run(["compile", "policies", "-o", compiled.path]).status == 0)
    let fromYAML = try CLI.run(["plan", "--policy", "policies", "--format", "ndjson", "fixtures/snapshots"])
    let fromJSON = try CLI.run(["plan", "--policy", compiled.path, "--format", "ndjson", "fixtures/snapshots"])
    #expect(fromYAML.status == 0)
    #expect(!fromYAML.stdoutBytes.isEmpty)
    #expect(fromYAML.stdoutBytes == fromJSON.stdoutBytes)
  }
}
