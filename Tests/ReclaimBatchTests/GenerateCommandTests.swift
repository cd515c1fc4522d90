import Foundation
import ReclaimInventory
import Testing

/// `reclaim generate` as a user runs it: the built executable, real files.
@Suite struct GenerateCommandTests {
  static func lines(_ bytes: [UInt8]) -> [[UInt8]] { bytes.split(separator: UInt8(ascii: "\n")).map(Array.init) }

  @Test func standardOutputIsNDJSONIndependentOfJobs() throws {
    let one = try CLI.run(["generate", "--nodes", "5", "--seed", "11", "--jobs", "1"])
    let two = try CLI.run(["generate", "--nodes", "5", "--seed", "11", "--jobs", "2"])
    let dash = try CLI.run(["generate", "--nodes", "5", "--seed", "11", "-o", "-"])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(one.stderr.isEmpty)
    #expect(one.stdoutBytes == two.stdoutBytes)
    #expect(one.stdoutBytes == dash.stdoutBytes)
    #expect(one.stdoutBytes.last == UInt8(ascii: "\n"))
    let lines = Self.lines(one.stdoutBytes)
    #expect(lines.count == 5)
    for (i, line) in lines.enumerated() {
      #expect(line.first == UInt8(ascii: "{") && !line.contains(UInt8(ascii: "\n")))
      #expect(throws: Never.self) { try SnapshotReader.decode(line, source: "-", line: i + 1) }
    }
    let other = try CLI.run(["generate", "--nodes", "5", "--seed", "12"])
    #expect(other.stdoutBytes != one.stdoutBytes)
  }

  @Test func fileIsTheSameNDJSONAndPlans() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("fleet.ndjson")
    let r = try CLI.run(["generate", "--nodes", "4", "--seed", "11", "-o", file.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty && r.stderr.isEmpty)
    let stdout = try CLI.run(["generate", "--nodes", "4", "--seed", "11"])
    #expect([UInt8](try Data(contentsOf: file)) == stdout.stdoutBytes)
    // Nothing but the file: the temporary file was renamed into place.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["fleet.ndjson"])
    let plan = try CLI.run(["plan", "--policy", "policies", "--format", "ndjson", file.path])
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(Self.lines(plan.stdoutBytes).count == 4)
    // Another name still gets NDJSON, with a note that plan would not read it as a stream.
    let json = dir.appendingPathComponent("fleet.json")
    let noted = try CLI.run(["generate", "--nodes", "2", "--seed", "11", "-o", json.path])
    #expect(noted.status == 0)
    #expect(noted.stderr.contains("note: \(json.path) holds NDJSON"))
    #expect(Self.lines([UInt8](try Data(contentsOf: json))).count == 2)
  }

  @Test(arguments: [true, false])
  func directoryGetsOneIndentedFilePerNode(_ existing: Bool) throws {
    let scratch = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    // An existing directory is named as it is; a new one by a trailing `/`.
    let dir = scratch.appendingPathComponent(existing ? "fleet" : "new/fleet")
    if existing { try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false) }
    let r = try CLI.run(["generate", "--nodes", "6", "--seed", "5", "-o", dir.path + (existing ? "" : "/")])
    #expect(r.status == 0, "\(r.stderr)")
    let stream = try CLI.run(["generate", "--nodes", "6", "--seed", "5"])
    let expected = try Self.lines(stream.stdoutBytes).map { try SnapshotReader.decode($0, source: "-") }
    let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    #expect(files == expected.map { $0.node + ".json" }.sorted())
    for snapshot in expected {
      let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(snapshot.node + ".json")))
      #expect(bytes.starts(with: Array("{\n  \"allSourcesReady\": ".utf8)))
      #expect(try SnapshotReader.decode(bytes, source: snapshot.node) == snapshot)
    }
    let plan = try CLI.run(["plan", "--policy", "policies", "--format", "ndjson", dir.path])
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(Self.lines(plan.stdoutBytes).count == 6)
  }

  @Test(arguments: [
    ["--nodes", "0", "--seed", "1"], ["--nodes", "-3", "--seed", "1"], ["--nodes", "1048577", "--seed", "1"],
    ["--nodes", "2"], ["--seed", "1"], ["--nodes", "2", "--seed", "-1"], ["--nodes", "2", "--seed", "x"],
    ["--nodes", "2", "--seed", "1", "--bogus"], ["--nodes", "2", "--seed", "1", "--jobs", "0"],
    ["--nodes", "2", "--seed", "1", "extra"], ["--nodes", "2", "--seed", "1", "-o", ""],
  ])
  func wrongUsageExits64(_ arguments: [String]) throws {
    let r = try CLI.run(["generate"] + arguments)
    #expect(r.status == 64, "\(arguments): \(r.stderr)")
    #expect(r.stdoutBytes.isEmpty)
    #expect(!r.stderr.isEmpty)
  }

  /// Under a regular file nothing can be created, whoever runs the tests
  /// (root ignores permission bits, not ENOTDIR).
  @Test(arguments: ["sub/fleet.ndjson", "sub/dir/"])
  func unwritableOutputExits74NamingThePath(_ below: String) throws {
    let scratch = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let blocker = scratch.appendingPathComponent("blocker")
    try Data("not a directory".utf8).write(to: blocker)
    let target = blocker.path + "/" + below
    let r = try CLI.run(["generate", "--nodes", "3", "--seed", "1", "-o", target])
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.stderr.hasPrefix("error: \(blocker.path)/sub"), "\(r.stderr)")
    #expect(r.stderr.contains("Not a directory"), "\(r.stderr)")
    #expect(!r.stderr.contains("Fatal error"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path) == ["blocker"])
  }
}
