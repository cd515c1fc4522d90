import Foundation
import ReclaimCore
import ReclaimPolicy
import Testing

@Suite struct PolicyLoaderTests {
  typealias S = PolicyTestSupport

  @Test func directoriesAreReadRecursivelyInByteOrderSkippingOtherFiles() throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for sub in ["b", "a/z", ".hidden"] {
      try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
    }
    try S.write(S.override("one", "  namespaces: [one]\n"), to: dir + "/b/1.yml")
    try S.write(S.override("two", "  namespaces: [two]\n"), to: dir + "/a/z/2.yaml")
    try S.write(S.override("three", "  namespaces: [three]\n"), to: dir + "/B.yaml")
    // Neither of these is policy: the wrong extension and a hidden directory.
    try S.write("not: [valid", to: dir + "/README.md")
    try S.write("not: [valid", to: dir + "/.hidden/x.yaml")
    try S.write("not: [valid", to: dir + "/.x.yaml")
    let check = PolicyLoader.check(paths: [dir])
    #expect(check.files == 3)
    #expect(check.errors.isEmpty)
    #expect(check.policy?.namespaceOverrides.map(\.name) == ["one", "three", "two"])

    try S.write("a: [", to: dir + "/b/1.yml")
    try S.write("a: [", to: dir + "/a/z/2.yaml")
    try S.write("a: [", to: dir + "/B.yaml")
    let broken = PolicyLoader.check(paths: [dir])
    // "B.yaml" < "a/z/2.yaml" < "b/1.yml" byte-wise (uppercase sorts first).
    #expect(broken.errors.map(\.file) == [dir + "/B.yaml", dir + "/a/z/2.yaml", dir + "/b/1.yml"])
  }

  @Test func emptyDirectoryIsANote() throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let loaded = try PolicyLoader.load(paths: [dir])
    #expect(loaded.policy == CompiledPolicy())
    #expect(loaded.notes.map(\.message).contains("no *.yaml or *.yml files found"))
  }

  @Test func compiledJSONMustBeTheOnlyPath() {
    let json = S.path("fixtures/policies/spec-example/policy.compiled.json")
    let check = PolicyLoader.check(paths: [json, S.path("policies")])
    #expect(check.policy == nil)
    #expect(check.errors.map(\.message) == ["a compiled JSON policy must be the only policy path given"])
  }

  @Test func loadThrowsEveryErrorAndNoNotes() {
    do {
      _ = try PolicyLoader.load(paths: [S.path("fixtures/policies/invalid/two-gcpolicies.yaml")])
      Issue.record("an invalid policy loaded")
    } catch {
      #expect(error.diagnostics.count == 1)
      #expect(error.diagnostics.allSatisfy { $0.severity == .error })
      #expect(error.description.contains("two-gcpolicies.yaml:11:9: error: more than one GCPolicy"))
    }
  }

  @Test func policyTestDocumentsAreSkipped() {
    let text = """
      apiVersion: reclaim.dev/v1
      kind: PolicyTest
      metadata: {name: whatever}
      spec: {snapshot: x.json, expect: {deleted: []}}
      ---
      \(S.gcPolicy(spec: "  containerGC: {maxContainers: 3}\n"))
      """
    let result = S.compile(text)
    #expect(result.policy?.containerGC.maxContainers == 3)
    #expect(result.set.skippedTests == 1)
  }

  @Test func policyTestDocumentsAreSetAsideWithTheirFileAndIndex() throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let test = "apiVersion: reclaim.dev/v1\nkind: PolicyTest\nmetadata: {name: t}\nspec: {}\n"
    try S.write(S.gcPolicy(spec: "  containerGC: {maxContainers: 3}\n") + "---\n" + test, to: dir + "/a.yaml")
    try S.write(test + "---\n" + test, to: dir + "/tests.yaml")
    // A snapshot beside the tests is neither policy nor test: only *.yaml and *.yml are read.
    try S.write("{\"apiVersion\": \"reclaim.dev/v1\", \"kind\": \"NodeSnapshot\"}", to: dir + "/node.json")
    let check = PolicyLoader.check(paths: [dir])
    #expect(check.errors.isEmpty)
    #expect(check.tests.map { "\($0.file.dropFirst(dir.count)) \($0.index)" } == ["/a.yaml 1", "/tests.yaml 0", "/tests.yaml 1"])
    // A file of nothing but tests is not counted as a policy file.
    #expect(check.files == 1)
    #expect(check.policy?.containerGC.maxContainers == 3)
  }

  /// The bundled set holds PolicyTest files (policies/tests/): without them
  /// it checks and compiles to the same bytes, digest included.
  @Test func theBundledTestsChangeNothingInThePolicy() throws {
    let dir = try S.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let copy = dir + "/policies"
    try FileManager.default.copyItem(atPath: S.path("policies"), toPath: copy)
    try FileManager.default.removeItem(atPath: copy + "/tests")
    let with = PolicyLoader.check(paths: [S.path("policies")])
    let without = PolicyLoader.check(paths: [copy])
    #expect(with.tests.count >= 3 && without.tests.isEmpty)
    let withPolicy = try #require(with.policy)
    let withoutPolicy = try #require(without.policy)
    #expect(PolicyOutput.compiledJSON(withPolicy) == PolicyOutput.compiledJSON(withoutPolicy))
    #expect(withPolicy.digest == withoutPolicy.digest)
    #expect(with.diagnostics.isEmpty && without.diagnostics.isEmpty)
    #expect(PolicyReport.verdict(with, paths: ["policies/"]) == PolicyReport.verdict(without, paths: ["policies/"]))
  }

  @Test func anOverrideThatChangesNothingGetsAWarningNotAnError() {
    let result = S.compile(S.override("idle", "  namespaces: [idle]\n"))
    #expect(result.policy != nil)
    #expect(
      result.diagnostics.filter { $0.severity == .warning }.map(\.description) == [
        "test.yaml:4:9: warning: NamespaceOverride \"idle\" sets no containerGC or imageGC field and changes nothing"
      ])
  }

  @Test func yaml11BooleansStayStrings() {
    // `no` is a valid namespace name, and must not become `false`.
    let result = S.compile(S.override("n", "  namespaces: [no, yes, on]\n"))
    #expect(result.policy?.namespaceOverrides.first?.namespaces == ["no", "on", "yes"])
  }
}
