import Foundation
import Testing
import ReclaimBatch

/// `reclaim plan` as a user runs it: the built executable, real files.
@Suite struct PlanCommandTests {
  static let examples = "fixtures/spec-examples"
  static let policy = "\(examples)/policy.yaml"

  static func read(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }

  static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

  /// The worked examples (fixtures/spec-examples), byte for byte, as `--out` writes them.
  @Test(arguments: [
    ("node-periodic", ["--mode", "periodic"]), ("node-explain", ["--explain"]),
    ("node-disk-pressure", ["--mode", "disk-pressure"]),
  ])
  func specExamplesByteForByte(_ name: String, _ flags: [String]) throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(
      ["plan", "--policy", Self.policy, "--out", out.path] + flags + ["\(Self.examples)/\(name).snapshot.json"])
    #expect(r.status == 0, "\(r.stderr)")
    let written = try Self.read(out.appendingPathComponent("\(name).json"))
    let expected = try Self.read(CLI.fixture("\(Self.examples)/\(name).manifest.json"))
    #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
  }

  /// Three example snapshots as one NDJSON stream (compact, one per line).
  static func stream(reversed: Bool = false) throws -> [UInt8] {
    var docs: [String] = []
    for name in ["node-periodic", "node-explain", "node-disk-pressure"] {
      let data = try Data(contentsOf: CLI.fixture("\(examples)/\(name).snapshot.json"))
      let object = try JSONSerialization.jsonObject(with: data)
      let line = try JSONSerialization.data(withJSONObject: object)
      docs.append(String(decoding: line, as: UTF8.self))
    }
    if reversed { docs.reverse() }
    return Array((docs.joined(separator: "\n\n") + "\n").utf8)
  }

  @Test func ndjsonIsCompactInInputOrderAndIndependentOfJobs() throws {
    let input = try Self.stream()
    let one = try CLI.run(["plan", "--policy", Self.policy, "--format", "ndjson", "--jobs", "1", "-"], stdin: input)
    let two = try CLI.run(["plan", "--policy", Self.policy, "--format", "ndjson", "--jobs", "2", "-"], stdin: input)
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stdoutBytes == two.stdoutBytes)
    let lines = Self.lines(one.stdout)
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix(#"{"apiVersion":"reclaim.dev/v1","capturedAt":"#))
    #expect(lines[0].contains(#""node":"node-periodic""#))
    #expect(lines[2].contains(#""node":"node-disk-pressure""#))
    // Reordering the stream reorders the lines and changes nothing else.
    let reversed = try CLI.run(["plan", "--policy", Self.policy, "--format", "ndjson", "-"], stdin: try Self.stream(reversed: true))
    #expect(Self.lines(reversed.stdout).sorted() == lines.sorted())
    #expect(Self.lines(reversed.stdout) != lines)
  }

  @Test func jsonFormatIsAnArrayOfTheSameManifests() throws {
    let r = try CLI.run(["plan", "--policy", Self.policy, "--format", "json", "-"], stdin: try Self.stream())
    #expect(r.status == 0)
    let array = try #require(try JSONSerialization.jsonObject(with: Data(r.stdoutBytes)) as? [[String: Any]])
    #expect(array.map { $0["node"] as? String } == ["node-periodic", "node-explain", "node-disk-pressure"])
    #expect(r.stdout.hasSuffix("]\n"))
  }

  @Test func shardsPartitionTheFleet() throws {
    let input = try Self.stream()
    let all = try CLI.run(["plan", "--policy", Self.policy, "--format", "ndjson", "-"], stdin: input)
    var union: [String] = []
    for i in 0..<3 {
      let r = try CLI.run(["plan", "--policy", Self.policy, "--format", "ndjson", "--shard", "\(i)/3", "-"], stdin: input)
      #expect(r.status == 0)
      union += Self.lines(r.stdout)
    }
    #expect(union.sorted() == Self.lines(all.stdout).sorted())
  }

  @Test func aRejectedSnapshotDoesNotStopTheOthers() throws {
    var input = try Self.stream()
    input += Array(#"{"apiVersion":"reclaim.dev/v1","kind":"NodeSnapshot","node":"bad","capturedAt":"2026-13-01T00:00:00Z","imageFs":{"capacityBytes":1,"availableBytes":1}}"#.utf8)
    input += [10]
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run(["plan", "--policy", Self.policy, "--out", out.path, "-"], stdin: input)
    #expect(r.status == 1)
    #expect(r.stderr.contains("-:6: $.capturedAt: invalid RFC 3339 timestamp \"2026-13-01T00:00:00Z\""), "\(r.stderr)")
    for node in ["node-periodic", "node-explain", "node-disk-pressure"] {
      #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("\(node).json").path))
    }
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
    #expect(summary["nodes"] as? Int == 3)
    #expect(summary["failed"] as? Int == 1)
    let failures = try #require(summary["failures"] as? [[String: String]])
    #expect(failures.first?["source"] == "-:6")
  }

  @Test func theSameNodeTwiceRejectsBoth() throws {
    let line = String(decoding: try Self.stream(), as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    let r = try CLI.run(["plan", "--policy", Self.policy, "--format", "ndjson", "-"], stdin: Array("\(line)\n\(line)\n".utf8))
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("-:1: $.node: node \"node-periodic\" appears more than once in this batch (also at -:2)"), "\(r.stderr)")
    #expect(r.stderr.contains("-:2: $.node:"))
  }

  @Test func detailedExitCode() throws {
    let deletes = try CLI.run(
      ["plan", "--policy", Self.policy, "--detailed-exitcode", "\(Self.examples)/node-periodic.snapshot.json"])
    #expect(deletes.status == 2, "\(deletes.stderr)")
    let plain = try CLI.run(["plan", "--policy", Self.policy, "\(Self.examples)/node-periodic.snapshot.json"])
    #expect(plain.status == 0)
    #expect(plain.stdout.contains("node node-periodic (periodic"))
    #expect(plain.stdout.contains("total: 1 node planned"))
  }

  @Test func unwritableOutIsExit74AndLeavesNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let blocker = dir.appendingPathComponent("file")
    FileManager.default.createFile(atPath: blocker.path, contents: Data("x".utf8))
    let r = try CLI.run(
      ["plan", "--policy", Self.policy, "--out", blocker.appendingPathComponent("sub").path,
        "\(Self.examples)/node-periodic.snapshot.json"])
    #expect(r.status == 74)
    #expect(r.stderr.contains("\(blocker.path)/sub: cannot create directory: Not a directory"), "\(r.stderr)")
  }

  @Test func usageErrorsAre64() throws {
    #expect(try CLI.run(["plan", "--policy", Self.policy, "--bogus", "x.json"]).status == 64)
    #expect(try CLI.run(["plan", "--policy", Self.policy, "--shard", "3/3", "x.json"]).status == 64)
    #expect(try CLI.run(["plan", "--policy", Self.policy]).status == 64)
    #expect(try CLI.run(["plan", "--policy", Self.policy, "--mode", "sometimes", "x.json"]).status == 64)
  }

  @Test func missingSnapshotFileIsBadInput() throws {
    let r = try CLI.run(
      ["plan", "--policy", Self.policy, "no/such.json", "\(Self.examples)/node-periodic.snapshot.json"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("no/such.json: error: no such file or directory"))
    #expect(r.stdout.contains("node node-periodic"))
  }

  @Test func invalidPolicyIsBadInputAndPlansNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.yaml")
    try Data("apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata: {name: x}\nspec: {containerGC: {minAge: -1s}}\n".utf8)
      .write(to: bad)
    let r = try CLI.run(["plan", "--policy", bad.path, "\(Self.examples)/node-periodic.snapshot.json"])
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("bad.yaml:4:"))
  }

  @Test func markdownSummaryForPullRequests() throws {
    let r = try CLI.run(["plan", "--policy", "policies", "--format", "markdown", "fixtures/snapshots"])
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("### Reclaim plan (periodic)\n"))
    #expect(r.stdout.contains("| node | containers | sandboxes | log dirs | images | image bytes | warnings |"))
    #expect(r.stdout.contains("| `worker-images-07` | 0 | 0 | 0 | 6 | 10139729920 (9.4 GiB) | image-gc-shortfall |"))
    #expect(r.stdout.contains("| **total** | 46 | 8 | 8 | 9 |"))
  }

  @Test func missingPolicyIsBadInput() throws {
    let r = try CLI.run(["plan", "--policy", "no/such/policy", "\(Self.examples)/node-periodic.snapshot.json"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("no/such/policy"))
    #expect(r.stdout.isEmpty)
  }

  @Test func policiesDirectoryIsTheDefaultPolicy() throws {
    let implicit = try CLI.run(["plan", "--format", "ndjson", "fixtures/snapshots"])
    let explicit = try CLI.run(["plan", "--policy", "policies", "--format", "ndjson", "fixtures/snapshots"])
    #expect(implicit.status == 0)
    #expect(!implicit.stdoutBytes.isEmpty)
    #expect(implicit.stdoutBytes == explicit.stdoutBytes)
    let elsewhere = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: elsewhere) }
    let r = try CLI.run(["plan", CLI.fixture("fixtures/snapshots").path], cwd: elsewhere)
    #expect(r.status == 64)
    #expect(r.stderr.contains("no policy given, and no policies/ directory in the working directory"))
  }
}

extension PlanCommandTests {
  /// The pull-request report: a headline, the node table, namespaces, and
  /// a `<details>` block per node that deletes anything; under 1 MiB and
  /// capped on a large fleet.
  @Test func markdownReportForPullRequests() throws {
    let r = try CLI.run(["plan", "--policy", "policies", "--format", "markdown", "fixtures/snapshots"])
    #expect(r.status == 0)
    try ImportCommandTests.golden(Array(r.stdout.utf8), "fixtures/expected/periodic.md")
    #expect(r.stdout.contains("On 5 of them GC would delete 46 containers"))
    #expect(r.stdout.contains("| `ci-backend` | 18 | 2 | 2 |"))
    #expect(r.stdout.components(separatedBy: "<details>").count - 1 == 5)

    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fleet = dir.appendingPathComponent("fleet.ndjson").path
    #expect(try CLI.run(["generate", "--nodes", "500", "--seed", "3", "-o", fleet]).status == 0)
    let big = try CLI.run(["plan", "--policy", "policies", "--format", "markdown", fleet])
    #expect(big.status == 0)
    #expect(big.stdoutBytes.count < 1 << 20)
    #expect(big.stdout.contains("| 400 more nodes |"))
    // The largest nodes' tables are long: the byte limit, not the count,
    // decides how many blocks fit here.
    let blocks = big.stdout.components(separatedBy: "<details>").count - 1
    #expect((1...MarkdownReportWriter.detailsLimit).contains(blocks))
    #expect(big.stdoutBytes.count <= MarkdownReportWriter.byteLimit)
    #expect(big.stdout.contains("more nodes with deletions (details not shown)."))
  }
}
