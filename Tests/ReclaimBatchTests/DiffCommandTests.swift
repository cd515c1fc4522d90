import Foundation
import ReclaimCore
import ReclaimIO
import ReclaimManifest
import ReclaimPolicy
import Testing

@testable import ReclaimBatch

/// `reclaim diff` as a reviewer runs it on a pull request.
@Suite struct DiffCommandTests {
  /// The bundled snapshots plus the two imported real nodes.
  static let snapshots = [
    "fixtures/snapshots", "fixtures/crictl/expected/containerd.snapshot.json",
    "fixtures/crictl/expected/cri-o.snapshot.json",
  ]

  /// A copy of `policies/` with `edit` applied to the file at `path` (relative to it).
  static func variant(_ edits: [(path: String, from: String, to: String)]) throws -> URL {
    let dir = try CLI.temporaryDirectory().appendingPathComponent("policies")
    try FileManager.default.copyItem(at: CLI.fixture("policies"), to: dir)
    for edit in edits {
      let url = dir.appendingPathComponent(edit.path)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(text.contains(edit.from), "\(edit.path) has no \(edit.from)")
      try Data(text.replacingOccurrences(of: edit.from, with: edit.to).utf8).write(to: url)
    }
    return dir
  }

  static func json(_ r: CLI.Result) throws -> JSONValue {
    try #require(try JSONTreeBuilder.parse(r.stdoutBytes).jsonValue)
  }

  static func nodes(_ doc: JSONValue) -> [String: JSONValue] {
    guard case .object(let top) = doc, case .array(let nodes)? = top["nodes"] else { return [:] }
    var out: [String: JSONValue] = [:]
    for case .object(let n) in nodes { if case .string(let name)? = n["node"] { out[name] = .object(n) } }
    return out
  }

  @Test func identicalPoliciesDiffToNothing() throws {
    let r = try CLI.run(["diff", "--base", "policies", "--head", "policies", "--detailed-exitcode"] + Self.snapshots)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("no difference"))
    // Reordered files and respelled durations: the same digest, the same (no) effect.
    let respelled = try Self.variant([
      ("fleet.yaml", "maxAge: 336h", "maxAge: 20160m"),
      ("overrides/ci.yaml", "maxAge: 24h", "maxAge: 1440m"),
    ])
    defer { try? FileManager.default.removeItem(at: respelled.deletingLastPathComponent()) }
    try FileManager.default.moveItem(
      at: respelled.appendingPathComponent("overrides/ci.yaml"), to: respelled.appendingPathComponent("aa-ci.yaml"))
    let same = try CLI.run(["diff", "--base", "policies", "--head", respelled.path, "--detailed-exitcode", "--format", "json"] + Self.snapshots)
    #expect(same.status == 0, "\(same.stderr)")
    #expect(Self.nodes(try Self.json(same)).isEmpty)
  }

  @Test func aChangeInOneOverrideTouchesOnlyItsNamespaces() throws {
    // Production keeps one dead container per pod instead of three.
    let head = try Self.variant([("overrides/production.yaml", "maxPerPodContainer: 3", "maxPerPodContainer: 1")])
    defer { try? FileManager.default.removeItem(at: head.deletingLastPathComponent()) }
    let r = try CLI.run(["diff", "--base", "policies", "--head", head.path, "--format", "json", "--detailed-exitcode"] + Self.snapshots)
    #expect(r.status == 2, "\(r.stderr)")
    let doc = try Self.json(r)
    let nodes = Self.nodes(doc)
    #expect(!nodes.isEmpty)
    var namespaces = Set<String>()
    for (_, node) in nodes {
      guard case .object(let n) = node else { continue }
      for side in ["added", "removed", "changed"] {
        guard case .object(let kinds)? = n[side] else { continue }
        for (kind, entries) in kinds {
          guard case .array(let list) = entries else { continue }
          #expect(kind != "images" || list.isEmpty)
          for case .object(let e) in list {
            if case .string(let ns)? = e["namespace"] { namespaces.insert(ns) }
          }
        }
      }
    }
    #expect(!namespaces.isEmpty)
    #expect(namespaces.allSatisfy { $0.hasPrefix("prod-") || $0 == "staging-prod-mirror" }, "\(namespaces)")
  }

  @Test func swappingBaseAndHeadMirrorsAddedAndRemoved() throws {
    let head = try Self.variant([
      ("fleet.yaml", "maxPerPodContainer: 1", "maxPerPodContainer: 0"),
      ("fleet.yaml", "highThresholdPercent: 80", "highThresholdPercent: 95"),
    ])
    defer { try? FileManager.default.removeItem(at: head.deletingLastPathComponent()) }
    let forward = Self.nodes(try Self.json(try CLI.run(["diff", "--base", "policies", "--head", head.path, "--format", "json"] + Self.snapshots)))
    let backward = Self.nodes(try Self.json(try CLI.run(["diff", "--base", head.path, "--head", "policies", "--format", "json"] + Self.snapshots)))
    #expect(!forward.isEmpty)
    #expect(Set(forward.keys) == Set(backward.keys))
    for (name, f) in forward {
      guard case .object(let a) = f, case .object(let b)? = backward[name] else { continue }
      #expect(a["added"] == b["removed"], "\(name)")
      #expect(a["removed"] == b["added"], "\(name)")
    }
  }

  @Test func theJSONDocumentIsCanonicalAndIndependentOfJobs() throws {
    let head = try Self.variant([("fleet.yaml", "maxPerPodContainer: 1", "maxPerPodContainer: 0")])
    defer { try? FileManager.default.removeItem(at: head.deletingLastPathComponent()) }
    let args = ["diff", "--base", "policies", "--head", head.path, "--format", "json"] + Self.snapshots
    let one = try CLI.run(args + ["--jobs", "1"]), two = try CLI.run(args + ["--jobs", "2"])
    #expect(one.status == 0 && one.stdoutBytes == two.stdoutBytes)
    // Streamed element by element, it is what the canonical writer gives for the whole.
    let whole = try Self.json(one).canonicalBytes(.indented)
    #expect(one.stdoutBytes == whole)
    guard case .object(let top) = try Self.json(one), case .object(let totals)? = top["totals"] else {
      Issue.record("no totals")
      return
    }
    #expect(top["kind"] == .string("PolicyDiff"))
    #expect(totals["nodes"] == .int(7))
    // The shards' node sets together are the unsharded run's.
    var union: [String: JSONValue] = [:]
    for i in 0..<3 {
      let shard = try CLI.run(args + ["--shard", "\(i)/3"])
      for (k, v) in Self.nodes(try Self.json(shard)) { union[k] = v }
    }
    #expect(union == Self.nodes(try Self.json(one)))
  }

  @Test func textAndMarkdownMatchTheirGoldens() throws {
    let head = try Self.variant([
      ("fleet.yaml", "maxPerPodContainer: 1", "maxPerPodContainer: 0"),
      ("overrides/production.yaml", "maxPerPodContainer: 3", "maxPerPodContainer: 1"),
    ])
    defer { try? FileManager.default.removeItem(at: head.deletingLastPathComponent()) }
    for format in ["text", "markdown", "json"] {
      let r = try CLI.run(["diff", "--base", "policies", "--head", head.path, "--format", format] + Self.snapshots)
      #expect(r.status == 0, "\(r.stderr)")
      try ImportCommandTests.golden(Array(r.stdout.utf8), "fixtures/expected/diff/tighter.\(format == "markdown" ? "md" : format == "json" ? "json" : "txt")")
    }
  }

  @Test func theMarkdownCapHoldsOnALargeFleet() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let fleet = dir.appendingPathComponent("fleet.ndjson").path
    #expect(try CLI.run(["generate", "--nodes", "500", "--seed", "7", "-o", fleet]).status == 0)
    let head = try Self.variant([
      ("fleet.yaml", "maxPerPodContainer: 1", "maxPerPodContainer: 0"),
      ("fleet.yaml", "highThresholdPercent: 80", "highThresholdPercent: 60"),
      ("fleet.yaml", "lowThresholdPercent: 70", "lowThresholdPercent: 50"),
    ])
    defer { try? FileManager.default.removeItem(at: head.deletingLastPathComponent()) }
    let r = try CLI.run(["diff", "--base", "policies", "--head", head.path, "--format", "markdown", fleet])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdoutBytes.count < 1 << 20)
    let blocks = r.stdout.components(separatedBy: "<details>").count - 1
    #expect(blocks > 0 && blocks <= DiffReportWriter.markdownLimit)
    #expect(r.stdout.contains("more nodes differ (not shown)"))
    #expect(r.stdout.hasPrefix("### Reclaim diff (periodic)\n\nBase `sha256:"))
  }

  @Test func inProcessExitCodes() throws {
    let base = try PolicyLoader.load(paths: [CLI.fixture("policies").path]).policy
    let head = try Self.variant([("fleet.yaml", "maxPerPodContainer: 1", "maxPerPodContainer: 0")])
    defer { try? FileManager.default.removeItem(at: head.deletingLastPathComponent()) }
    let changed = try PolicyLoader.load(paths: [head.path]).policy
    let snapshots = Self.snapshots.map { CLI.fixture($0).path }
    let console = Console(MemorySink())
    #expect(DiffBatch.run(.init(base: base, head: changed, snapshots: snapshots, detailedExitCode: true), output: MemorySink(), console: console) == 2)
    #expect(DiffBatch.run(.init(base: base, head: changed, snapshots: snapshots), output: MemorySink(), console: console) == 0)
    #expect(DiffBatch.run(.init(base: base, head: base, snapshots: snapshots, detailedExitCode: true), output: MemorySink(), console: console) == 0)
    #expect(DiffBatch.run(.init(base: base, head: changed, snapshots: snapshots), output: MemorySink(failAfter: 0), console: console) == 74)
    #expect(DiffBatch.run(.init(base: base, head: changed, snapshots: snapshots + ["/nonexistent.json"]), output: MemorySink(), console: console) == 1)
  }
}

extension DiffCommandTests {
  @Test func anInvalidPolicyOnEitherSideIsBadInput() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.yaml")
    try Data("apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata: {name: x}\nspec: {containerGC: {minAge: -1s}}\n".utf8)
      .write(to: bad)
    let r = try CLI.run(["diff", "--base", "policies", "--head", bad.path] + Self.snapshots)
    #expect(r.status == 1)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains("bad.yaml:4:"), "\(r.stderr)")
    let missing = try CLI.run(["diff", "--base", "no/such/policy", "--head", "policies"] + Self.snapshots)
    #expect(missing.status == 1)
    #expect(missing.stderr.contains("no/such/policy"))
    let usage = try CLI.run(["diff", "--head", "policies"] + Self.snapshots)
    #expect(usage.status == 64)
  }
}

extension DiffCommandTests {
  /// `plan` and `diff` share their batch options (`BatchOptions`): each
  /// refuses the same bad values with the same usage message and status.
  @Test(arguments: ["plan", "diff"])
  func batchOptionsAreCheckedAlike(_ command: String) throws {
    let policy = command == "plan" ? ["--policy", "policies"] : ["--base", "policies", "--head", "policies"]
    let cases: [([String], String)] = [
      (["--jobs", "0"] + Self.snapshots, "--jobs must be at least 1"),
      (["--shard", "3/3"] + Self.snapshots, "--shard must be I/N with 0 <= I < N, got '3/3'"),
      ([], "Missing expected argument '<snapshots> ...'"),
    ]
    for (args, message) in cases {
      let r = try CLI.run([command] + policy + args)
      #expect(r.status == 64, "\(command) \(args)")
      #expect(r.stderr.contains(message), "\(command) \(args): \(r.stderr)")
      #expect(r.stdout.isEmpty)
    }
  }
}
