import Foundation
import ReclaimCore
import ReclaimPolicy
import Testing

/// `reclaim validate` and `reclaim compile` run as a user runs them: the
/// built binary in a subprocess, checked by exit status, stdout and stderr.
@Suite(.serialized) struct PolicyCommandTests {
  struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The `reclaim` executable next to the test bundle in the build directory.
  static func binary() throws -> String {
    var candidates: [URL] = []
    let argument0 = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    candidates.append(argument0.deletingLastPathComponent())
    if let bundle = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(bundle.deletingLastPathComponent())
    }
    // On macOS the test binary sits inside ReclaimPackageTests.xctest/Contents/MacOS.
    candidates += candidates.map {
      $0.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    for directory in candidates {
      let path = directory.appendingPathComponent("reclaim").path
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    throw FixtureError(
      message:
        "reclaim binary not found next to the test bundle (looked in \(candidates.map(\.path))); build it with `swift build --build-tests`"
    )
  }

  func run(_ arguments: [String], in directory: String = PolicyTestSupport.packageRoot) throws -> Run {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try Self.binary())
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so that a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }

  // MARK: validate

  @Test func validateDefaultsToPoliciesAndPasses() throws {
    let r = try run(["validate"])
    #expect(r.status == 0)
    #expect(r.stdout == "policies/: valid (4 files, 1 GCPolicy, 4 NamespaceOverrides)\n")
    #expect(r.stderr.isEmpty)
  }

  @Test func validateTextPrintsEveryProblemOnStderr() throws {
    let r = try run([
      "validate", "fixtures/policies/invalid/quoted-integer.yaml", "fixtures/policies/invalid/unknown-key.yaml",
    ])
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        fixtures/policies/invalid/quoted-integer.yaml:7:27: error: spec.imageGC.highThresholdPercent: expected an integer, found the quoted string "85"
        fixtures/policies/invalid/unknown-key.yaml:4:9: error: more than one GCPolicy: "fleet" here and "fleet" at fixtures/policies/invalid/quoted-integer.yaml:4:9; a policy set has at most one
        fixtures/policies/invalid/unknown-key.yaml:7:5: error: unknown key "minAg" in spec.imageGC; did you mean "minAge"?

        """)
    #expect(r.stdout.hasSuffix(": invalid (3 errors)\n"))
  }

  @Test func validateJSONIsCanonical() throws {
    let r = try run(["validate", "--format", "json", "fixtures/policies/invalid/empty.yaml"])
    #expect(r.status == 0)
    #expect(
      r.stdout
        == """
        {
          "diagnostics": [
            {
              "file": "fixtures/policies/invalid/empty.yaml",
              "message": "empty file ignored",
              "severity": "note"
            },
            {
              "file": "fixtures/policies/invalid/empty.yaml",
              "message": "no GCPolicy: kubelet defaults apply",
              "severity": "note"
            }
          ],
          "errors": 0,
          "valid": true
        }

        """)
    let bad = try run(["validate", "--format", "json", "fixtures/policies/invalid/percent-range.yaml"])
    #expect(bad.status == 1)
    #expect(bad.stdout.contains("\"line\": 7,\n      \"message\": \"spec.imageGC.highThresholdPercent: 101 is out of range (0 to 100)\""))
  }

  @Test func validateGithubCapsAnnotationsAtTen() throws {
    let r = try run(["validate", "--format", "github", "fixtures/policies/invalid"])
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 11)
    #expect(lines.prefix(10).allSatisfy { $0.hasPrefix("::") })
    #expect(
      lines.first
        == "::error file=fixtures/policies/invalid/alias-bomb.yaml,line=4,col=36::alias expansion exceeds 10000 nodes (\"billion laughs\"?)"
    )
    let all = PolicyLoader.check(paths: [PolicyTestSupport.path("fixtures/policies/invalid")]).diagnostics.count
    #expect(lines.last == "\(all - 10) more diagnostics were dropped; run reclaim validate to see all")
  }

  @Test func validateGithubEscapesAndUsesNotices() throws {
    let r = try run(["validate", "--format", "github", "fixtures/policies/invalid/empty.yaml"])
    #expect(r.status == 0)
    #expect(
      r.stdout
        == "::notice file=fixtures/policies/invalid/empty.yaml::empty file ignored\n::notice file=fixtures/policies/invalid/empty.yaml::no GCPolicy: kubelet defaults apply\n"
    )
  }

  @Test func unknownFormatIsAUsageError() throws {
    let r = try run(["validate", "--format", "xml"])
    #expect(r.status == 64)
  }

  // MARK: compile

  @Test func compileToStdoutMatchesTheGolden() throws {
    let r = try run(["compile", "policies"])
    #expect(r.status == 0)
    let golden = try PolicyTestSupport.readBytes(PolicyTestSupport.path("fixtures/policies/policies.compiled.json"))
    #expect(Array(r.stdout.utf8) == golden)
  }

  @Test func compileWritesTheFileAndItLoadsBack() throws {
    let dir = try PolicyTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/compiled.json"
    let r = try run(["compile", "fixtures/policies/spec-example/policy.yaml", "-o", out])
    #expect(r.status == 0)
    #expect(r.stdout.isEmpty)
    let expected = try PolicyTestSupport.readBytes(
      PolicyTestSupport.path("fixtures/policies/spec-example/policy.compiled.json"))
    #expect(try PolicyTestSupport.readBytes(out) == expected)
    // The compiled file is itself a valid policy input, and compiles to itself.
    let again = try run(["compile", out])
    #expect(again.status == 0)
    #expect(Array(again.stdout.utf8) == expected)
    // No temporary file is left beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["compiled.json"])
  }

  @Test func compileOnInvalidInputWritesNothing() throws {
    let dir = try PolicyTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let out = dir + "/compiled.json"
    let r = try run(["compile", "fixtures/policies/invalid/low-not-below-high.yaml", "-o", out])
    #expect(r.status == 1)
    #expect(r.stderr.contains("low-not-below-high.yaml:8:26: error:"))
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
  }

  @Test func compileToAnUnwritablePlaceExits74() throws {
    let dir = try PolicyTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try run(["compile", "policies", "-o", dir + "/missing-dir/compiled.json"])
    #expect(r.status == 74)
    #expect(r.stderr.contains("cannot write"))
    #expect(r.stdout.isEmpty)
  }

  @Test func compileKubeletConfigWarnsAboutQuirks() throws {
    let dir = try PolicyTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let policy = PolicyTestSupport.gcPolicy(
      spec: "  imageGC:\n    highThresholdPercent: 100\n    lowThresholdPercent: 90\n    minAge: 0s\n")
    try PolicyTestSupport.write(policy, to: dir + "/p.yaml")
    let r = try run(["compile", "--emit", "kubelet-config", dir + "/p.yaml"])
    #expect(r.status == 0)
    #expect(r.stdout.contains("kind: KubeletConfiguration\nimageGCHighThresholdPercent: 100\nimageGCLowThresholdPercent: 90\nimageMinimumGCAge: \"0s\"\nimageMaximumGCAge: \"0s\"\n"))
    let warnings = r.stderr.split(separator: "\n").filter { $0.hasPrefix("warning: ") }
    #expect(warnings.count == 2)
  }

  @Test func compileRefusesATamperedCompiledFile() throws {
    let dir = try PolicyTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var text = String(
      decoding: try PolicyTestSupport.readBytes(
        PolicyTestSupport.path("fixtures/policies/spec-example/policy.compiled.json")), as: UTF8.self)
    text = text.replacingOccurrences(of: "\"maxPerPodContainer\": 3", with: "\"maxPerPodContainer\": 4")
    try PolicyTestSupport.write(text, to: dir + "/c.json")
    let r = try run(["compile", dir + "/c.json"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("c.json: $.digest: digest sha256:d1db4140"))
  }
}
