import Foundation
import Testing

/// `reclaim test` as a user runs it: the built executable on the fixture
/// sets, every format against its golden file (regenerate deliberately with
/// `RECLAIM_UPDATE_GOLDEN=1`), exit codes 0, 1, 64 and 74.
@Suite struct TestCommandTests {
  static let update = ProcessInfo.processInfo.environment["RECLAIM_UPDATE_GOLDEN"] == "1"

  static func golden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = CLI.fixture("fixtures/expected/policy-tests/\(name)")
    if update {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "differs from \(name)", sourceLocation: sourceLocation)
  }

  @Test(arguments: [("text", "txt"), ("junit", "junit.xml"), ("github", "github.txt")])
  func failingTestsInEveryFormat(_ format: String, _ suffix: String) throws {
    let r = try CLI.run(["test", "--format", format, "fixtures/policy-tests/failing"])
    #expect(r.status == 1)
    #expect(r.stderr.isEmpty)
    try Self.golden(r.stdout, "failing.\(suffix)")
    if format == "junit" {
      let tree = try XMLTree(r.stdout)
      #expect(tree.root["tests"] == "9" && tree.root["failures"] == "5")
    }
  }

  @Test(arguments: [("text", "txt"), ("junit", "junit.xml"), ("github", "github.txt")])
  func invalidTestDocumentsInEveryFormat(_ format: String, _ suffix: String) throws {
    let r = try CLI.run(["test", "--format", format, "fixtures/policy-tests/invalid"])
    #expect(r.status == 1)
    try Self.golden(r.stdout, "invalid.\(suffix)")
    if format == "github" {
      #expect(r.stderr.isEmpty)
    } else {
      try Self.golden(r.stderr, "invalid.stderr.txt")
    }
    if format == "junit" { _ = try XMLTree(r.stdout) }
  }

  @Test func theDefaultIsPoliciesAndWithoutItUsageIs64() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(["test"], cwd: dir)
    #expect(r.status == 64)
    #expect(r.stderr.contains("no policy given, and no policies/ directory in the working directory"))
    let bad = try CLI.run(["test", "--format", "tap", "fixtures/policy-tests/failing"])
    #expect(bad.status == 64)
    #expect(bad.stdout.isEmpty)
    #expect(bad.stderr.contains("tap"))
  }

  @Test func aMissingDirectoryIsBadInput() throws {
    let r = try CLI.run(["test", "fixtures/policy-tests/nowhere"])
    #expect(r.status == 1)
    #expect(r.stderr == "fixtures/policy-tests/nowhere: error: no such file or directory\n")
    #expect(r.stdout == "no tests run (1 error)\n")
  }

  @Test func anUnwritableStdoutIs74() throws {
    let exe = try #require(CLI.executable)
    let process = Process()
    process.executableURL = exe
    process.arguments = ["test", "fixtures/policy-tests/failing"]
    process.currentDirectoryURL = CLI.root
    guard let full = FileHandle(forWritingAtPath: "/dev/full") else { return }  // not on this system
    process.standardOutput = full
    let err = Pipe()
    process.standardError = err
    try process.run()
    let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 74)
    #expect(message.hasPrefix("error: stdout: "))
  }
}
