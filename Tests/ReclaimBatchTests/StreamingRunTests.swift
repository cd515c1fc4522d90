import Foundation
import ReclaimBatch
import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimInventory
import ReclaimManifest
import ReclaimPolicy
import Testing

/// The batch runner and its report writers in process, through injected
/// outputs: what each format writes, in which order, and what a failing
/// output does.
@Suite struct StreamingRunTests {
  static let examples = CLI.fixture("fixtures/spec-examples").path

  static func policy() throws -> CompiledPolicy {
    try PolicyLoader.load(paths: ["\(examples)/policy.yaml"]).policy
  }

  /// `count` compact snapshot lines made from the worked examples, each node
  /// renamed `fleet-<i>` so that every node is distinct.
  static func fleet(_ count: Int) throws -> [UInt8] {
    var templates: [String] = []
    for name in ["node-periodic", "node-explain", "node-disk-pressure"] {
      let data = try Data(contentsOf: URL(fileURLWithPath: "\(examples)/\(name).snapshot.json"))
      let object = try JSONSerialization.jsonObject(with: data)
      let line = String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
      templates.append(line.replacingOccurrences(of: "\"node\":\"\(name)\"", with: "\"node\":\"NODE\""))
    }
    var out = ""
    for i in 0..<count { out += templates[i % 3].replacingOccurrences(of: "NODE", with: "fleet-\(i)") + "\n" }
    return Array(out.utf8)
  }

  static func write(_ bytes: [UInt8], named name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(bytes).write(to: url)
    return url.path
  }

  static func run(
    _ paths: [String], format: PlanFormat = .ndjson, out: String? = nil, jobs: Int = 2, output: ByteSink = MemorySink()
  ) throws -> (status: Int32, output: ByteSink, errors: MemorySink) {
    let errors = MemorySink()
    let request = PlanRequest(
      policy: try policy(), snapshots: paths, format: format, jobs: jobs, outDirectory: out, progress: false)
    let status = PlanBatch.run(request, output: output, console: Console(errors))
    return (status, output, errors)
  }

  @Test func jsonArrayWrittenNodeByNodeEqualsTheWholeArray() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = try Self.write(try Self.fleet(7), named: "fleet.ndjson", in: dir)
    let r = try Self.run([file], format: .json)
    #expect(r.status == 0)
    // The same manifests, written as one array by the canonical writer.
    let policy = try Self.policy()
    var w = CanonicalJSONWriter(layout: .indented)
    w.beginArray()
    for line in String(decoding: try Self.fleet(7), as: UTF8.self).split(separator: "\n") {
      let snapshot = try SnapshotReader.decode(Array(line.utf8), source: "x")
      DeletionManifest(plan: GCEngine.plan(snapshot, policy: policy, options: .init()), policyDigest: policy.digest)
        .write(to: &w)
    }
    w.endArray()
    w.finish()
    let written = (r.output as? MemorySink)?.bytes ?? []
    #expect(String(decoding: written, as: UTF8.self) == String(decoding: w.bytes, as: UTF8.self))
  }

  @Test func emptyJsonArray() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = try Self.write(Array("{\"kind\":1}\n".utf8), named: "bad.ndjson", in: dir)
    let r = try Self.run([file], format: .json)
    #expect(r.status == 1)
    #expect((r.output as? MemorySink)?.text == "[]\n")
    #expect(r.errors.text.contains("bad.ndjson:1: $"))
  }

  /// A write that fails part-way is exit 74 with the output's reason, in
  /// every format.
  @Test(arguments: PlanFormat.allCases)
  func aFailingOutputIsExit74(_ format: PlanFormat) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = try Self.write(try Self.fleet(40), named: "fleet.ndjson", in: dir)
    let r = try Self.run([file], format: format, output: MemorySink(failAfter: 200))
    #expect(r.status == 74)
    #expect(r.errors.text.contains("error: memory: No space left on device"), "\(r.errors.text)")
  }

  /// Each batch of input leaves the process before the next is read: with
  /// input larger than one batch (8 MiB), output arrives in several writes,
  /// and it equals a run with one worker.
  @Test func outputLeavesBatchByBatch() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fleet = try Self.fleet(4_000)
    #expect(fleet.count > 9 << 20)
    let file = try Self.write(fleet, named: "fleet.ndjson", in: dir)
    let two = MemorySink()
    let one = MemorySink()
    #expect(try Self.run([file], jobs: 2, output: two).status == 0)
    #expect(try Self.run([file], jobs: 1, output: one).status == 0)
    #expect(two.writes >= 2)
    #expect(two.bytes == one.bytes)
    #expect(String(decoding: two.bytes, as: UTF8.self).split(separator: "\n").count == 4_000)
  }

  @Test func theSameNodeInTwoFilesIsRejectedInEveryFormat() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = String(decoding: try Self.fleet(3), as: UTF8.self).split(separator: "\n").map(String.init)
    _ = try Self.write(Array((lines[0] + "\n" + lines[1] + "\n").utf8), named: "a.ndjson", in: dir)
    _ = try Self.write(Array(lines[0].utf8), named: "b.json", in: dir)
    for format in PlanFormat.allCases {
      let r = try Self.run([dir.path], format: format)
      let text = (r.output as? MemorySink)?.text ?? ""
      #expect(r.status == 1)
      // Markdown lists the rejections themselves; no row, no manifest.
      #expect(!(format == .markdown ? text.contains("| `fleet-0`") : text.contains("fleet-0")), "\(format)")
      #expect(text.contains("fleet-1"), "\(format)")
      #expect(r.errors.text.contains("a.ndjson:1: $.node: node \"fleet-0\" appears more than once in this batch (also at \(dir.path)/b.json)"))
      #expect(r.errors.text.contains("b.json: $.node: node \"fleet-0\" appears more than once in this batch (also at \(dir.path)/a.ndjson:1)"))
    }
    let out = dir.appendingPathComponent("out").path
    let r = try Self.run([dir.appendingPathComponent("a.ndjson").path, dir.appendingPathComponent("b.json").path], out: out)
    #expect(r.status == 1)
    #expect(!FileManager.default.fileExists(atPath: out + "/fleet-0.json"))
    #expect(FileManager.default.fileExists(atPath: out + "/fleet-1.json"))
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
    #expect(summary["nodes"] as? Int == 1)
    #expect(summary["failed"] as? Int == 2)
  }

  @Test func aNodeNamedSummaryIsRefusedUnderOut() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let line = String(decoding: try Self.fleet(1), as: UTF8.self).replacingOccurrences(of: "fleet-0", with: "summary")
    let file = try Self.write(Array(line.utf8), named: "s.ndjson", in: dir)
    let out = dir.appendingPathComponent("out").path
    let r = try Self.run([file], out: out)
    #expect(r.status == 1)
    #expect(r.errors.text.contains("node \"summary\" cannot be written under --out"))
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))) as? [String: Any])
    #expect(summary["kind"] as? String == "FleetSummary")
    // Elsewhere the node is planned as any other.
    #expect(try Self.run([file]).status == 0)
  }

  @Test func markdownKeepsTheLargestRowsAndCountsTheRest() throws {
    let sink = MemorySink()
    var writer = MarkdownReportWriter(sink, limit: 2)
    var summary = FleetSummary(policyDigest: "sha256:x", mode: .periodic)
    let policy = try Self.policy()
    var planned: [(String, Int)] = []
    for line in String(decoding: try Self.fleet(5), as: UTF8.self).split(separator: "\n") {
      let snapshot = try SnapshotReader.decode(Array(line.utf8), source: "x")
      let plan = GCEngine.plan(snapshot, policy: policy, options: .init())
      let tally = PlanTally(plan)
      let s = tally.summary
      planned.append((plan.node, s.containers + s.sandboxes + s.podLogDirs + s.images))
      try writer.node(PlannedNode(tally: tally, rendered: Array(TextReport.markdownRow(plan).utf8)))
      summary.add(tally)
    }
    try writer.finish(summary)
    let expected = planned.enumerated().sorted { a, b in
      a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
    }.prefix(2).map(\.element.0)
    // The node rows: before the totals row (the namespace table follows it).
    let table = sink.text.split(separator: "\n").prefix { !$0.hasPrefix("| **total**") }
    let rows = table.filter { $0.hasPrefix("| `") }
    #expect(rows.count == 2)
    #expect(rows.map { $0.split(separator: "`")[1] }.map(String.init) == expected)
    #expect(sink.text.contains("| 3 more nodes |"))
    #expect(sink.text.contains("| **total** |"))
  }

  @Test func summaryRemoveUndoesAdd() throws {
    let policy = try Self.policy()
    var summary = FleetSummary(policyDigest: policy.digest, mode: .periodic)
    var tallies: [PlanTally] = []
    for line in String(decoding: try Self.fleet(3), as: UTF8.self).split(separator: "\n") {
      let plan = GCEngine.plan(try SnapshotReader.decode(Array(line.utf8), source: "x"), policy: policy, options: .init())
      tallies.append(PlanTally(plan))
    }
    summary.add(tallies[0])
    summary.add(tallies[1])
    let before = summary
    summary.add(tallies[2])
    #expect(summary != before)
    summary.remove(tallies[2])
    #expect(summary == before)
  }

  static func outFiles(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }
    return out
  }

  /// One file per node in a directory, the same nodes as one stream, and
  /// the files named in a shuffled order: the same `--out`, byte for byte;
  /// the same NDJSON where the order is the same.
  @Test func directoryStreamAndShuffledFilesAgree() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fleet = try Self.fleet(60)
    let stream = try Self.write(fleet, named: "fleet.ndjson", in: dir)
    let perNode = dir.appendingPathComponent("nodes")
    try FileManager.default.createDirectory(at: perNode, withIntermediateDirectories: true)
    var paths: [String] = []
    for (i, line) in String(decoding: fleet, as: UTF8.self).split(separator: "\n").enumerated() {
      // Zero-padded names sort as the stream is ordered.
      paths.append(try Self.write(Array(line.utf8), named: String(format: "n%03d.json", i), in: perNode))
    }
    let a = dir.appendingPathComponent("a").path
    let b = dir.appendingPathComponent("b").path
    let c = dir.appendingPathComponent("c").path
    #expect(try Self.run([stream], out: a, jobs: 1).status == 0)
    #expect(try Self.run([perNode.path], out: b, jobs: 2).status == 0)
    var rng = SystemRandomNumberGenerator()
    #expect(try Self.run(paths.shuffled(using: &rng), out: c, jobs: 2).status == 0)
    let expected = try Self.outFiles(a)
    #expect(expected.count == 61)
    #expect(try Self.outFiles(b) == expected)
    #expect(try Self.outFiles(c) == expected)
    let fromStream = try Self.run([stream], jobs: 2).output as? MemorySink
    let fromDirectory = try Self.run([perNode.path], jobs: 1).output as? MemorySink
    #expect(fromStream?.bytes == fromDirectory?.bytes)
  }

  /// Node names that would escape `--out` or hide in it are rejected by the
  /// reader; nothing is written outside the directory.
  @Test func hostileNodeNamesWriteNothingOutsideOut() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let line = String(decoding: try Self.fleet(1), as: UTF8.self).trimmingCharacters(in: .newlines)
    let hostile = ["../escape", "/etc/passwd", "a/b", ".hidden", "..", "UPPER", "x\\u0000y", String(repeating: "a", count: 300)]
    var lines = hostile.map { line.replacingOccurrences(of: "\"fleet-0\"", with: "\"\($0)\"") }
    lines.append(line)
    let file = try Self.write(Array((lines.joined(separator: "\n") + "\n").utf8), named: "h.ndjson", in: dir)
    let out = dir.appendingPathComponent("out").path
    let r = try Self.run([file], out: out)
    #expect(r.status == 1)
    #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["fleet-0.json", "summary.json"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["h.ndjson", "out"])
    #expect(r.errors.text.components(separatedBy: "invalid node name").count - 1 == hostile.count, "\(r.errors.text)")
  }
}
