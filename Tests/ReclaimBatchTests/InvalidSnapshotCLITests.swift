import Foundation
import Testing

/// The invalid-snapshot corpus through `reclaim plan`, as a user meets it:
/// every file is rejected with its documented messages on stderr and in
/// `summary.json`, exit code 1, and no manifest is written for it.
@Suite struct InvalidSnapshotCLITests {
  static let corpus = "fixtures/invalid-snapshots"

  /// (file, JSON path, message) from the corpus's expectations.tsv.
  static func expectations() throws -> [(String, String, String)] {
    let text = try String(contentsOf: CLI.fixture("\(corpus)/expectations.tsv"), encoding: .utf8)
    return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { line in
      let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return f.count == 3 ? (f[0], f[1], f[2]) : nil
    }
  }

  @Test func everyInvalidSnapshotIsRejectedWithItsMessage() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let expected = try Self.expectations()
    #expect(expected.count >= 40)
    let r = try CLI.run(["plan", "--policy", "policies", "--out", out.path, Self.corpus])
    #expect(r.status == 1)
    for (file, path, message) in expected {
      let line = "\(Self.corpus)/\(file): \(path): \(message)"
      #expect(r.stderr.contains(line), "missing on stderr: \(line)")
    }
    #expect(!r.stderr.contains("Fatal error"))
    let written = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }
    #expect(written == ["summary.json"])
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
    let files = Set(expected.map(\.0))
    #expect(summary["nodes"] as? Int == 0)
    #expect(summary["failed"] as? Int == files.count)
    let failures = try #require(summary["failures"] as? [[String: String]])
    #expect(failures.count == expected.count)
    #expect(Set(failures.compactMap { $0["source"] }) == Set(files.map { "\(Self.corpus)/\($0)" }))
  }

  @Test func progressLineOnRequest() throws {
    let r = try CLI.run(
      ["plan", "--policy", "policies", "--progress", "--format", "ndjson", "fixtures/snapshots"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("planned 5 nodes"))
    let quiet = try CLI.run(["plan", "--policy", "policies", "--no-progress", "--format", "ndjson", "fixtures/snapshots"])
    #expect(quiet.stderr.isEmpty)
    #expect(quiet.stdoutBytes == r.stdoutBytes)
  }
}
