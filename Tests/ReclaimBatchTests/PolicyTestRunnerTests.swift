import Foundation
import ReclaimBatch
import ReclaimCore
import ReclaimIO
import ReclaimPolicy
import Testing

/// The `reclaim test` runner in process, on fixture sets and sets written
/// to a temporary directory.
@Suite struct PolicyTestRunnerTests {
  static func fixture(_ path: String) -> String { CLI.fixture(path).path }

  static func write(_ text: String, _ path: String, in dir: URL) throws {
    let url = dir.appendingPathComponent(path)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
  }

  static func test(_ name: String, _ spec: String) -> String {
    "apiVersion: reclaim.dev/v1\nkind: PolicyTest\nmetadata:\n  name: \(name)\nspec:\n\(spec)"
  }

  /// A set in `dir`: a GCPolicy keeping one dead container per container,
  /// and the fixture snapshot of a CI node beside it.
  static func set(in dir: URL) throws {
    try write(
      "apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata: {name: base}\nspec:\n  containerGC: {maxPerPodContainer: 1}\n",
      "policy.yaml", in: dir)
    try FileManager.default.createDirectory(at: dir.appendingPathComponent("snapshots"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: CLI.fixture("fixtures/policy-tests/snapshots/ci-runner.json"),
      to: dir.appendingPathComponent("snapshots/ci-runner.json"))
  }

  @Test func theFailingFixtureRunsEveryTestAndReportsEachFailure() {
    let run = PolicyTestRunner.run(directories: [Self.fixture("fixtures/policy-tests/failing")])
    #expect(run.isValid, "\(run.diagnostics)")
    #expect(run.outcomes.count == 9)
    #expect(
      run.outcomes.filter(\.passed).map(\.name) == [
        "exact-deletions-pass", "partial-deletions-pass", "disk-pressure-frees-more", "another-policy-keeps-more",
      ])
    #expect(run.failed == 5 && run.status == 1)
    let kept = run.outcomes.first { $0.name == "kept-must-exist-and-survive" }
    #expect(
      kept?.failures.map(\.description) == [
        #"expect.kept.containers: not in the snapshot ["ghost"]"#,
        #"expect.kept.podLogDirs: deleted ["ci-frontend_build-99_pod-ci-build-99" (pod-removed)]"#,
      ])
  }

  @Test func testsRunByFileThenDocumentIndex() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.set(in: dir)
    let spec = "  snapshot: ../snapshots/ci-runner.json\n  expect: {summary: {sandboxes: 1}}\n"
    // "B" sorts before "a" byte-wise; a file's documents keep their order.
    try Self.write(Self.test("z-first-in-a", spec) + "---\n" + Self.test("a-second-in-a", spec), "t/a.yaml", in: dir)
    try Self.write(Self.test("in-b", spec), "t/B.yaml", in: dir)
    try Self.write(Self.test("nested", spec.replacingOccurrences(of: "../", with: "../../")), "t/a/x.yaml", in: dir)
    let run = PolicyTestRunner.run(directories: [dir.path])
    #expect(run.isValid, "\(run.diagnostics)")
    #expect(run.outcomes.map(\.name) == ["in-b", "z-first-in-a", "a-second-in-a", "nested"])
    #expect(run.status == 0)
  }

  @Test func specPolicyNamesAnotherPolicyLoadedOnce() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let set = dir.appendingPathComponent("set")
    try Self.set(in: set)
    // Outside the set: a YAML policy under it would be part of the set.
    try Self.write(
      "apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata: {name: keep-all}\nspec:\n  containerGC: {maxPerPodContainer: -1}\n",
      "elsewhere/keep-all.yaml", in: dir)
    let own = "  snapshot: snapshots/ci-runner.json\n  expect: {summary: {containers: 3}}\n"
    let other = "  snapshot: snapshots/ci-runner.json\n  policy: ../elsewhere/keep-all.yaml\n  expect: {summary: {containers: 1}}\n"
    try Self.write(
      [Self.test("own-set", own), Self.test("other-set", other), Self.test("other-again", other)].joined(separator: "---\n"),
      "tests.yaml", in: set)
    let run = PolicyTestRunner.run(directories: [set.path])
    #expect(run.isValid, "\(run.diagnostics)")
    #expect(run.outcomes.map(\.name) == ["own-set", "other-set", "other-again"])
    #expect(run.failed == 0, "\(run.outcomes)")
    // A broken other policy is reported once, and at each test naming it.
    try Self.write(
      "apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata: {name: keep-all}\nspec: {bad: 1}\n", "elsewhere/keep-all.yaml", in: dir)
    let broken = PolicyTestRunner.run(directories: [set.path])
    #expect(broken.outcomes.isEmpty)
    let messages = broken.errors.map { "\($0.line ?? 0):\($0.column ?? 0) \($0.message)" }
    let path = dir.path + "/elsewhere/keep-all.yaml"
    #expect(
      messages == [
        "4:8 unknown key \"bad\" in spec",
        "15:11 spec.policy: the policy \"\(path)\" is invalid",
        "24:11 spec.policy: the policy \"\(path)\" is invalid",
      ])
  }

  @Test func specPolicyMayBeACompiledPolicy() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.set(in: dir)
    // The bundled set, compiled: CI namespaces keep no dead container.
    let compiled = Self.fixture("fixtures/policies/policies.compiled.json")
    try Self.write(
      Self.test(
        "compiled", "  snapshot: snapshots/ci-runner.json\n  policy: \(compiled)\n  expect: {summary: {containers: 5}}\n"),
      "t.yaml", in: dir)
    let run = PolicyTestRunner.run(directories: [dir.path])
    #expect(run.isValid, "\(run.diagnostics)")
    #expect(run.failed == 0, "\(run.outcomes)")
  }

  @Test func invalidDocumentsStopTheRunWithEveryProblem() {
    let root = Self.fixture("fixtures/policy-tests/invalid")
    let run = PolicyTestRunner.run(directories: [root])
    #expect(!run.isValid && run.status == 1)
    #expect(run.outcomes.isEmpty)
    let tests = root + "/tests.yaml"
    let snapshots = Self.fixture("fixtures/policy-tests/snapshots")
    let errors = run.errors.filter { $0.file == tests }.map(\.description)
    #expect(
      errors == [
        "\(tests):9:12: error: unknown key \"imgaes\" in spec.expect.kept; did you mean \"images\"?",
        "\(tests):16:3: error: missing required key \"spec.snapshot\": the snapshot (*.json) to plan, relative to this file",
        "\(tests):23:13: error: spec.snapshot: no such file \"\(snapshots)/nowhere.json\"",
        "\(tests):32:9: error: spec.mode: unknown mode \"diskpressure\"; expected periodic or disk-pressure; did you mean \"disk-pressure\"?",
        "\(tests):40:13: error: spec.snapshot: \"\(snapshots)/broken.json\" is not a valid snapshot",
        "\(tests):49:11: error: spec.policy: no such file or directory \"\(Self.fixture("fixtures/policy-tests"))/no-such-policy/\"",
        "\(tests):50:23: error: spec.expect.warnings: unknown code \"image-gc-shortfal\" (the manifest's codes are available-exceeds-capacity, image-gc-shortfall, tie-broken, kubelet-start-unknown, container-without-sandbox, unknown-sandbox, invalid-capacity); did you mean \"image-gc-shortfall\"?",
        "\(tests):55:9: error: duplicate PolicyTest name \"bad-mode\"; first defined at \(tests):29:9",
        "\(tests):58:30: error: spec.expect.summary.images: expected an integer, found the quoted string \"0\"",
      ])
    // The snapshot's own problems, once, at their JSON paths.
    #expect(
      run.errors.filter { $0.file.hasSuffix("broken.json") }.map(\.messageWithPath) == [
        "$: missing required field \"capturedAt\"",
        "$.capturedAtt: unknown field \"capturedAtt\"; did you mean \"capturedAt\"?",
        "$.imageFs.availableBytes: expected an integer ≥ 0, got -1",
      ])
  }

  @Test func aSetWithoutTestsOrThatCannotBeReadIsAnError() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    try Self.set(in: dir)
    let none = PolicyTestRunner.run(directories: [dir.path])
    #expect(
      none.errors.map(\.description) == [
        "\(dir.path): error: no PolicyTest documents found (a policy set's tests are *.yaml or *.yml files under it)"
      ])
    #expect(none.status == 1)
    let missing = PolicyTestRunner.run(directories: [dir.path + "/nope"])
    #expect(missing.errors.map(\.message) == ["no such file or directory"])
    // An invalid policy set runs none of its tests.
    try Self.write(Self.test("t", "  snapshot: snapshots/ci-runner.json\n  expect: {summary: {images: 0}}\n"), "t.yaml", in: dir)
    try Self.write("apiVersion: reclaim.dev/v1\nkind: PolicyTset\n", "typo.yaml", in: dir)
    let typo = PolicyTestRunner.run(directories: [dir.path])
    #expect(
      typo.errors.map(\.message) == [
        "unknown kind \"PolicyTset\"; expected GCPolicy, NamespaceOverride or PolicyTest; did you mean \"PolicyTest\"?"
      ])
    #expect(typo.outcomes.isEmpty)
  }

  @Test func eachDirectoryIsItsOwnSuiteAndNamesAreUniquePerSet() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
    for set in [a, b] {
      try Self.set(in: set)
      try Self.write(Self.test("same-name", "  snapshot: snapshots/ci-runner.json\n  expect: {summary: {sandboxes: 1}}\n"), "t.yaml", in: set)
    }
    let run = PolicyTestRunner.run(directories: [b.path, a.path])
    #expect(run.isValid, "\(run.diagnostics)")
    #expect(run.suites.map(\.path) == [b.path, a.path])
    #expect(run.suites.map { $0.outcomes.map(\.name) } == [["same-name"], ["same-name"]])
  }

  @Test func formatsGoToTheSinkAndAnUnwritableOutputIs74() throws {
    let dirs = [Self.fixture("fixtures/policy-tests/failing")]
    let errors = MemorySink()
    let out = MemorySink()
    #expect(PolicyTestRunner.run(directories: dirs, format: .text, output: out, console: Console(errors)) == 1)
    #expect(out.text.hasSuffix("9 tests: 4 passed, 5 failed\n"))
    #expect(errors.text.isEmpty)
    let junit = MemorySink()
    #expect(PolicyTestRunner.run(directories: dirs, format: .junit, output: junit, console: Console(MemorySink())) == 1)
    #expect(try XMLTree(junit.text).root["failures"] == "5")
    let full = MemorySink(failAfter: 0)
    let console = MemorySink()
    #expect(PolicyTestRunner.run(directories: dirs, format: .github, output: full, console: Console(console)) == 74)
    #expect(console.text == "error: memory: No space left on device\n")
    // Diagnostics go to the console in text and JUnit, into the annotations in github.
    let invalid = [Self.fixture("fixtures/policy-tests/invalid")]
    let stderr = MemorySink(), stdout = MemorySink()
    #expect(PolicyTestRunner.run(directories: invalid, format: .github, output: stdout, console: Console(stderr)) == 1)
    #expect(stderr.text.isEmpty && stdout.text.hasPrefix("::error file="))
    #expect(PolicyTestRunner.run(directories: invalid, format: .text, output: stdout, console: Console(stderr)) == 1)
    #expect(stderr.text.contains("tests.yaml:9:12: error: unknown key \"imgaes\""))
  }
}
