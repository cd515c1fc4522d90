import ReclaimIO
import Foundation
import Testing

@testable import ReclaimBatch

/// Writing a fleet: in node order whatever the workers, atomically, and
/// with failures that name the path.
@Suite struct FleetWriterTests {
  /// A node depends on (seed, index) only: generated alone, out of order,
  /// it is the same as in a fleet file written on several workers.
  @Test func aNodeIsTheSameWhateverTheFleetAroundIt() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let small = dir.appendingPathComponent("small.ndjson").path
    let large = dir.appendingPathComponent("large.ndjson").path
    let largeOneJob = dir.appendingPathComponent("large1.ndjson").path
    try FleetWriter.write(nodes: 7, seed: 99, jobs: 1, to: .file(small))
    try FleetWriter.write(nodes: 80, seed: 99, jobs: 2, to: .file(large))  // two batches, two workers
    try FleetWriter.write(nodes: 80, seed: 99, jobs: 1, to: .file(largeOneJob))
    let smallBytes = try Data(contentsOf: URL(fileURLWithPath: small))
    let largeBytes = try Data(contentsOf: URL(fileURLWithPath: large))
    #expect(largeBytes == (try Data(contentsOf: URL(fileURLWithPath: largeOneJob))))
    #expect(largeBytes.count > smallBytes.count)
    #expect(largeBytes.prefix(smallBytes.count) == smallBytes)
    let lines = largeBytes.split(separator: UInt8(ascii: "\n"))
    #expect(lines.count == 80)
    let generator = FleetGenerator(seed: 99)
    for i in [79, 40, 0] { #expect([UInt8](lines[i]) == generator.node(i).json, "line \(i + 1)") }
  }

  @Test func aDirectoryGetsOneFilePerNodeNamedByTheNode() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("a/b").path + "/"
    try FleetWriter.write(nodes: 9, seed: 4, jobs: 2, to: FleetDestination(output: target))
    let generator = FleetGenerator(seed: 4)
    let expected = (0..<9).map { generator.node($0, layout: .indented) }
    #expect(try FileManager.default.contentsOfDirectory(atPath: target).sorted() == expected.map { $0.name + ".json" }.sorted())
    for node in expected {
      #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: target + node.name + ".json"))) == node.json)
    }
  }

  @Test func destinations() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(FleetDestination(output: nil) == .standardOutput)
    #expect(FleetDestination(output: "-") == .standardOutput)
    #expect(FleetDestination(output: dir.path) == .directory(dir.path))
    #expect(FleetDestination(output: "no/such/dir/") == .directory("no/such/dir/"))
    #expect(FleetDestination(output: "fleet.ndjson") == .file("fleet.ndjson"))
  }

  /// A failed write leaves neither the target nor a temporary file, and
  /// says which path failed.
  @Test func aFailedStreamLeavesNothing() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let target = dir.appendingPathComponent("fleet.ndjson").path
    #expect {
      try AtomicFile.write(to: target) { fd throws(FileSystem.Failure) in
        try FileSystem.write(Array("{}\n".utf8), to: fd, name: target)
        throw FileSystem.Failure(path: target, reason: "disk full")
      }
    } throws: { error in
      (error as? FileSystem.Failure)?.description == "\(target): cannot write: disk full"
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    let blocked = dir.appendingPathComponent("file").path
    try Data().write(to: URL(fileURLWithPath: blocked))
    #expect {
      try FleetWriter.write(nodes: 2, seed: 1, jobs: 1, to: .file(blocked + "/fleet.ndjson"))
    } throws: { error in
      (error as? FileSystem.Failure)?.path == blocked + "/fleet.ndjson"
    }
  }
}
