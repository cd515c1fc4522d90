import Foundation
import ReclaimBatch
import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimPolicy
import Testing

/// `reclaim merge`: sharded and merged equals unsharded, byte for byte;
/// runs that are not shards of one run are refused with nothing written.
@Suite struct FleetMergeTests {
  /// A fleet with problems in it: 30 nodes, a corrupt line, a repeated
  /// node, a whole-file snapshot, and a path that does not exist.
  static func inputs(in dir: URL) throws -> [String] {
    var lines = String(decoding: try StreamingRunTests.fleet(30), as: UTF8.self).split(separator: "\n").map(String.init)
    lines.insert("{\"apiVersion\":\"reclaim.dev/v1\",\"kind\":\"NodeSnapshot\",\"node\":\"broken-1\"}", at: 7)
    lines.insert("{not json", at: 12)
    lines.append(lines[3])
    let stream = try StreamingRunTests.write(Array((lines.joined(separator: "\n") + "\n").utf8), named: "fleet.ndjson", in: dir)
    let file = CLI.fixture("fixtures/snapshots/ci-runner.json").path
    return [stream, file, dir.appendingPathComponent("missing.json").path]
  }

  static func files(_ dir: String) throws -> [String: Data] {
    var out: [String: Data] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
      out[name] = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
    }
    return out
  }

  static func plan(
    _ inputs: [String], out: String, shard: Shard? = nil, mode: GCMode = .periodic, policy: String = "policies"
  ) throws -> Int32 {
    let request = PlanRequest(
      policy: try PolicyLoader.load(paths: [CLI.fixture(policy).path]).policy, snapshots: inputs,
      options: PlanOptions(mode: mode), jobs: 2, shard: shard, outDirectory: out, progress: false)
    return PlanBatch.run(request, output: MemorySink(), console: Console(MemorySink()))
  }

  @Test(arguments: [1, 2, 3, 7])
  func shardedAndMergedEqualsUnsharded(_ count: Int) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = try Self.inputs(in: dir)
    let whole = dir.appendingPathComponent("whole").path
    #expect(try Self.plan(inputs, out: whole) == 1)
    var shards: [String] = []
    for i in 0..<count {
      let path = dir.appendingPathComponent("shard-\(i)").path
      _ = try Self.plan(inputs, out: path, shard: Shard(index: i, count: count))
      shards.append(path)
    }
    let merged = dir.appendingPathComponent("merged").path
    let errors = MemorySink()
    #expect(FleetMerge.run(shards: shards.reversed(), out: merged, console: Console(errors)) == 0, "\(errors.text)")
    let expected = try Self.files(whole)
    let got = try Self.files(merged)
    #expect(got.keys.sorted() == expected.keys.sorted())
    for (name, data) in expected { #expect(got[name] == data, "\(name) differs") }
    // The summary names every problem once.
    let summary = String(decoding: expected["summary.json"] ?? Data(), as: UTF8.self)
    #expect(summary.contains("missing.json"))
    #expect(summary.contains("\"failed\": 5"), "\(summary)")
  }

  @Test func differentPoliciesModesOrOverlapsAreRefusedWithNothingWritten() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = try Self.inputs(in: dir)
    func shard(_ name: String, _ i: Int, mode: GCMode = .periodic, policy: String = "policies") throws -> String {
      let path = dir.appendingPathComponent(name).path
      _ = try Self.plan(inputs, out: path, shard: Shard(index: i, count: 2), mode: mode, policy: policy)
      return path
    }
    let a = try shard("a", 0)
    let b = try shard("b", 1)
    let pressure = try shard("pressure", 1, mode: .diskPressure)
    let other = try shard("other", 1, policy: "fixtures/spec-examples/policy.yaml")
    let again = try shard("again", 0)
    for (shards, message) in [
      ([a, pressure], "mode disk-pressure differs from periodic"),
      ([a, other], "policy digest"),
      ([a, b, again], "is in two shards"),
      ([a, dir.appendingPathComponent("nowhere").path], "cannot read"),
    ] {
      let out = dir.appendingPathComponent("merged").path
      let errors = MemorySink()
      #expect(FleetMerge.run(shards: shards, out: out, console: Console(errors)) == 1)
      #expect(errors.text.contains(message), "\(errors.text)")
      #expect(errors.text.contains("merge refused: nothing written"))
      #expect(!FileManager.default.fileExists(atPath: out))
    }
  }

  @Test func theCommandLine() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let s0 = dir.appendingPathComponent("s0").path
    let s1 = dir.appendingPathComponent("s1").path
    let all = dir.appendingPathComponent("all").path
    let merged = dir.appendingPathComponent("merged").path
    for (shard, out) in [("0/2", s0), ("1/2", s1)] {
      #expect(try CLI.run(["plan", "--policy", "policies", "--shard", shard, "--out", out, "fixtures/snapshots"]).status == 0)
    }
    #expect(try CLI.run(["plan", "--policy", "policies", "--out", all, "fixtures/snapshots"]).status == 0)
    let r = try CLI.run(["merge", "--out", merged, s0, s1])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try Self.files(merged) == Self.files(all))
    #expect(try CLI.run(["merge", "--out", merged]).status == 64)
  }
}
