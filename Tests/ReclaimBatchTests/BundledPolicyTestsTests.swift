import Foundation
import ReclaimBatch
import Testing

/// The bundled policy set's own tests (policies/tests/): CI runs them, a
/// policy change that breaks one makes `reclaim test` fail, and having them
/// in the set changes nothing that `validate`, `compile` or `plan` do.
@Suite struct BundledPolicyTestsTests {
  /// The bundled tests, in the order they run.
  static let names = [
    "PASS ci-runners-keep-no-dead-containers (policies/tests/ci-runners.yaml)",
    "PASS periodic-gc-reports-a-shortfall (policies/tests/image-pressure.yaml)",
    "PASS disk-pressure-frees-images-of-finished-pods (policies/tests/image-pressure.yaml)",
    "PASS production-keeps-crash-history (policies/tests/production.yaml)",
    "PASS images-age-out-by-namespace (policies/tests/production.yaml)",
  ]

  /// What CI runs: `reclaim test policies`, and the default that means the same.
  @Test(arguments: [["test", "policies"], ["test"]])
  func theBundledTestsPass(_ arguments: [String]) throws {
    let r = try CLI.run(arguments)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.isEmpty)
    #expect(r.stdout == (Self.names + ["5 tests: 5 passed, 0 failed"]).joined(separator: "\n") + "\n")
  }

  @Test func theBundledTestsPassInProcess() {
    let run = PolicyTestRunner.run(directories: [CLI.fixture("policies").path])
    #expect(run.diagnostics == [])
    #expect(run.outcomes.count == Self.names.count)
    #expect(run.failed == 0, "\(run.outcomes.filter { !$0.passed })")
  }

  /// A copy of policies/ with one override value changed: the test that
  /// pins it fails, naming what was expected and what was planned.
  @Test func aChangedOverrideFailsTheTestThatPinsIt() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.copyItem(at: CLI.fixture("policies"), to: dir.appendingPathComponent("policies"))
    let ci = dir.appendingPathComponent("policies/overrides/ci.yaml")
    let text = try String(contentsOf: ci, encoding: .utf8)
    #expect(text.contains("maxPerPodContainer: 0"))
    try Data(text.replacingOccurrences(of: "maxPerPodContainer: 0", with: "maxPerPodContainer: 1").utf8).write(to: ci)

    let r = try CLI.run(["test", "policies"], cwd: dir)
    #expect(r.status == 1)
    #expect(r.stderr.isEmpty)
    var expected = Self.names
    expected[0] = "FAIL ci-runners-keep-no-dead-containers (policies/tests/ci-runners.yaml)"
    expected.insert(
      #"  expect.deleted.containers: missing ["ci-build-101-test-2" (kept: within-limits), "buildkite-agent-step" (kept: within-limits)]"#,
      at: 1)
    #expect(r.stdout == (expected + ["5 tests: 4 passed, 1 failed"]).joined(separator: "\n") + "\n")

    let github = try CLI.run(["test", "--format", "github", "policies"], cwd: dir)
    #expect(github.status == 1)
    #expect(
      github.stdout.hasPrefix(
        #"::error file=policies/tests/ci-runners.yaml,line=12,col=7::FAIL ci-runners-keep-no-dead-containers: expect.deleted.containers: missing ["ci-build-101-test-2" (kept: within-limits), "buildkite-agent-step" (kept: within-limits)]"#
          + "\n"))

    let junit = try CLI.run(["test", "--format", "junit", "policies"], cwd: dir)
    #expect(junit.status == 1)
    let tree = try XMLTree(junit.stdout)
    #expect(tree.root["tests"] == "5" && tree.root["failures"] == "1")
    let failing = tree.root.elements("testsuite").flatMap { $0.elements("testcase") }.filter { !$0.elements("failure").isEmpty }
    #expect(failing.map { $0["name"] } == ["ci-runners-keep-no-dead-containers"])
  }

  /// policies/ with and without its tests: `validate` (every format),
  /// `compile` (both emits) and `plan` (with the README's snapshots) print
  /// the same bytes and exit the same, digest included.
  @Test func theTestsChangeNothingElse() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let with = dir.appendingPathComponent("with"), without = dir.appendingPathComponent("without")
    for root in [with, without] {
      try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
      try FileManager.default.copyItem(at: CLI.fixture("policies"), to: root.appendingPathComponent("policies"))
      try FileManager.default.copyItem(at: CLI.fixture("fixtures/snapshots"), to: root.appendingPathComponent("snapshots"))
    }
    try FileManager.default.removeItem(at: without.appendingPathComponent("policies/tests"))
    let commands = [
      ["validate"], ["validate", "--format", "json", "policies"], ["validate", "--format", "github", "policies"],
      ["compile", "policies"], ["compile", "--emit", "kubelet-config", "policies"],
      ["plan", "--policy", "policies", "snapshots"],
      ["plan", "--policy", "policies", "--mode", "disk-pressure", "--format", "ndjson", "snapshots"],
    ]
    for command in commands {
      let a = try CLI.run(command, cwd: with), b = try CLI.run(command, cwd: without)
      #expect(a.status == b.status && a.stdoutBytes == b.stdoutBytes && a.stderr == b.stderr, "\(command)")
      #expect(a.status == 0, "\(command): \(a.stderr)")
    }
    let compiled = try CLI.run(["compile", "policies"], cwd: with)
    #expect(compiled.stdout == (try String(contentsOf: CLI.fixture("fixtures/policies/policies.compiled.json"), encoding: .utf8)))
  }
}
