import Foundation
import ReclaimIO
import ReclaimPolicy
import Testing

/// The one walk rule, for snapshot trees and policy trees alike.
@Suite struct DirectoryWalkerTests {
  /// A tree with every kind of entry a walk meets:
  /// `a.json`, `sub/b.json`, `.hidden/c.json`, `.d.json`, `loop -> .`,
  /// `up -> ..`, `link.json -> sub/b.json`, `fifo.json` (a FIFO), `dangling.json -> nowhere`.
  static func tree() throws -> URL {
    let root = try CLI.temporaryDirectory()
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
    try fm.createDirectory(at: root.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    for name in ["a.json", "sub/b.json", ".hidden/c.json", ".d.json", "a.txt"] {
      try Data("{}".utf8).write(to: root.appendingPathComponent(name))
    }
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("loop").path, withDestinationPath: ".")
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("sub/up").path, withDestinationPath: "..")
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("link.json").path, withDestinationPath: "sub/b.json")
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("dangling.json").path, withDestinationPath: "nowhere")
    #expect(mkfifo(root.appendingPathComponent("fifo.json").path, 0o600) == 0)
    return root
  }

  @Test func theWalkRule() throws {
    let root = try Self.tree()
    defer { try? FileManager.default.removeItem(at: root) }
    let listing = try DirectoryWalker.files(under: root.path) { $0.hasSuffix(".json") }.get()
    #expect(listing.files == ["a.json", "link.json", "sub/b.json"].map { root.path + "/" + $0 })
    let notes = listing.notes.map { ($0.file.replacingOccurrences(of: root.path + "/", with: ""), $0.message) }
    #expect(notes.map(\.0) == ["dangling.json", "fifo.json", "loop", "sub/up"])
    #expect(notes.first { $0.0 == "fifo.json" }?.1 == "skipped: not a regular file")
    #expect(notes.first { $0.0 == "loop" }?.1 == "skipped: a link to a directory is not followed")
    #expect(listing.notes.allSatisfy { $0.severity == .note })
  }

  @Test func aMissingRootFails() {
    #expect(throws: (any Error).self) { try DirectoryWalker.files(under: "/no/such/dir") { _ in true }.get() }
  }

  /// Policies follow the same rule: the looping link is not followed (one
  /// GCPolicy, read once), the FIFO is not opened, hidden files are ignored.
  @Test func policyTreesWalkTheSameWay() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    try Data("apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata: {name: default}\nspec: {}\n".utf8)
      .write(to: root.appendingPathComponent("gc.yaml"))
    try fm.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
    try Data("not: [valid".utf8).write(to: root.appendingPathComponent(".git/broken.yaml"))
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("x").path, withDestinationPath: ".")
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("y").path, withDestinationPath: ".")
    #expect(mkfifo(root.appendingPathComponent("pipe.yaml").path, 0o600) == 0)
    let check = PolicyLoader.check(paths: [root.path])
    #expect(check.policy != nil, "\(check.diagnostics)")
    #expect(check.files == 1)
    #expect(check.errors.isEmpty)
    #expect(check.notes.map(\.message).sorted() == [
      "skipped: a link to a directory is not followed", "skipped: a link to a directory is not followed",
      "skipped: not a regular file",
    ])
  }

  /// A snapshot under a hidden directory is not planned, as a policy there
  /// is not read.
  @Test func snapshotTreesSkipHiddenDirectories() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let fm = FileManager.default
    try fm.createDirectory(at: root.appendingPathComponent(".hidden"), withIntermediateDirectories: true)
    let snapshot = CLI.fixture("fixtures/spec-examples/node-periodic.snapshot.json")
    try fm.copyItem(at: snapshot, to: root.appendingPathComponent(".hidden/n.json"))
    try fm.copyItem(at: snapshot, to: root.appendingPathComponent("n.json"))
    try fm.createSymbolicLink(atPath: root.appendingPathComponent("again").path, withDestinationPath: ".")
    let r = try CLI.run(["plan", "--policy", "fixtures/spec-examples/policy.yaml", "--format", "ndjson", root.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.split(separator: "\n").count == 1)
    #expect(r.stderr.contains("again: note: skipped: a link to a directory is not followed"))
  }
}
