import Foundation
import ReclaimCore
import ReclaimPolicy
import ReclaimYAML
import Testing

/// `PolicyTest` documents read as the compiler reads policies: every
/// problem at its `FILE:LINE:COL`, the schema's words shared with it.
@Suite struct PolicyTestDocumentTests {
  /// The PolicyTest documents of one YAML text (file `t/test.yaml`), read.
  static func read(_ text: String) -> [(test: PolicyTestDocument?, diagnostics: [Diagnostic])] {
    let yaml = YAMLReader.read(bytes: Array(text.utf8), file: "t/test.yaml")
    var compiler = PolicyCompiler()
    compiler.add(yaml.documents, file: "t/test.yaml")
    return compiler.set.tests.map(PolicyTestDocument.read)
  }

  /// A test document with `spec` lines appended.
  static func test(name: String = "a-test", _ spec: String) -> String {
    "apiVersion: reclaim.dev/v1\nkind: PolicyTest\nmetadata:\n  name: \(name)\nspec:\n\(spec)"
  }

  static func messages(_ text: String) -> [String] {
    read(text).flatMap(\.diagnostics).map(\.description)
  }

  @Test func everyFieldIsRead() throws {
    let results = Self.read(
      Self.test(
        """
          snapshot: snapshots/node.json
          mode: disk-pressure
          policy: ../other/
          expect:
            deleted:
              containers: [c1, c2, c1]
              images: []
            kept:
              sandboxes: [s1]
              podLogDirs: ["ns_pod_uid"]
            summary: {containers: 2, imageBytes: 0}
            warnings: [image-gc-shortfall]
            partial: true

        """))
    #expect(results.count == 1)
    let test = try #require(results.first?.test)
    #expect(results.first?.diagnostics == [])
    #expect(test.name == "a-test")
    #expect(test.origin.description == "t/test.yaml:4:9")
    #expect(test.snapshot == "snapshots/node.json")
    #expect(test.snapshotPath == "t/snapshots/node.json")
    #expect(test.mode == .diskPressure)
    #expect(test.policyPath == "other/")
    // A repeated id is one expectation.
    #expect(test.deleted[.containers]?.ids == ["c1", "c2"])
    #expect(test.deleted[.containers]?.origin.description == "t/test.yaml:11:7")
    #expect(test.deleted[.images]?.ids == [])
    #expect(test.deleted[.sandboxes] == nil)
    #expect(test.kept[.sandboxes]?.ids == ["s1"])
    #expect(test.kept[.podLogDirs]?.ids == ["ns_pod_uid"])
    #expect(test.summary[.containers]?.value == 2)
    #expect(test.summary[.imageBytes]?.value == 0)
    #expect(test.summary[.images] == nil)
    #expect(test.warnings?.map(\.code) == ["image-gc-shortfall"])
    #expect(test.warningsOrigin?.description == "t/test.yaml:17:5")
    #expect(test.partial)
  }

  @Test func defaultsAreThePeriodicModeTheTestsOwnSetAndExactSets() throws {
    let test = try #require(
      Self.read(Self.test("  snapshot: /abs/node.json\n  expect: {deleted: {images: [i1]}}\n")).first?.test)
    #expect(test.mode == .periodic)
    #expect(test.policy == nil && test.policyPath == nil)
    #expect(!test.partial)
    #expect(test.warnings == nil)
    // An absolute path is taken as it is.
    #expect(test.snapshotPath == "/abs/node.json")
    #expect(test.index == 0)
  }

  @Test func documentIndexCountsTheFilesDocuments() {
    let policy = PolicyTestSupport.gcPolicy(spec: "  containerGC: {}\n")
    let text = [
      Self.test(name: "one", "  snapshot: a.json\n  expect: {summary: {images: 0}}\n"), policy,
      Self.test(name: "two", "  snapshot: a.json\n  expect: {summary: {images: 0}}\n"),
    ].joined(separator: "---\n")
    let tests = Self.read(text).compactMap(\.test)
    #expect(tests.map(\.name) == ["one", "two"])
    #expect(tests.map(\.index) == [0, 2])
  }

  @Test func unknownKeysGetASuggestion() {
    #expect(
      Self.messages(Self.test("  snapshot: a.json\n  expct: {}\n  expect:\n    delted: {images: []}\n"))
        == [
          "t/test.yaml:7:3: error: unknown key \"expct\" in spec; did you mean \"expect\"?",
          "t/test.yaml:9:5: error: unknown key \"delted\" in spec.expect; did you mean \"deleted\"?",
        ])
    #expect(
      Self.messages(Self.test("  snapshot: a.json\n  expect: {kept: {image: [x]}, summary: {container: 1}}\n")) == [
        "t/test.yaml:7:19: error: unknown key \"image\" in spec.expect.kept; did you mean \"images\"?",
        "t/test.yaml:7:42: error: unknown key \"container\" in spec.expect.summary; did you mean \"containers\"?",
      ])
    #expect(
      Self.messages("apiVersion: reclaim.dev/v1\nkind: PolicyTest\nmetdata: {name: x}\nspec: {}\n") == [
        "t/test.yaml:1:1: error: missing required key \"metadata\" (with a name)",
        "t/test.yaml:3:1: error: unknown key \"metdata\"; did you mean \"metadata\"?",
        "t/test.yaml:4:7: error: missing required key \"spec.expect\": what the plan must (or must not) delete",
        "t/test.yaml:4:7: error: missing required key \"spec.snapshot\": the snapshot (*.json) to plan, relative to this file",
      ])
  }

  @Test func theSnapshotIsRequiredAndIsOneJSONFile() {
    let missing = Self.read(Self.test("  expect: {summary: {images: 0}}\n"))
    #expect(missing.first?.test == nil)
    #expect(
      missing.flatMap(\.diagnostics).map(\.description) == [
        "t/test.yaml:6:3: error: missing required key \"spec.snapshot\": the snapshot (*.json) to plan, relative to this file"
      ])
    #expect(
      Self.messages(Self.test("  snapshot: fleet.ndjson\n  expect: {summary: {images: 0}}\n")) == [
        "t/test.yaml:6:13: error: spec.snapshot: \"fleet.ndjson\" is not a .json snapshot file (a test plans one snapshot)"
      ])
    #expect(
      Self.messages(Self.test("  snapshot: [a.json]\n  expect: {summary: {images: 0}}\n")) == [
        "t/test.yaml:6:13: error: spec.snapshot: expected a string, found a list"
      ])
  }

  @Test func aBadModeIsNamedWithTheNearestMode() {
    #expect(
      Self.messages(Self.test("  snapshot: a.json\n  mode: disk_pressure\n  expect: {summary: {images: 0}}\n")) == [
        "t/test.yaml:7:9: error: spec.mode: unknown mode \"disk_pressure\"; expected periodic or disk-pressure; did you mean \"disk-pressure\"?"
      ])
    #expect(
      Self.messages(Self.test("  snapshot: a.json\n  mode: hourly\n  expect: {summary: {images: 0}}\n")) == [
        "t/test.yaml:7:9: error: spec.mode: unknown mode \"hourly\"; expected periodic or disk-pressure"
      ])
  }

  @Test func typesAreCheckedAsInPolicies() {
    #expect(
      Self.messages(
        Self.test(
          """
            snapshot: a.json
            expect:
              deleted: {containers: c1, images: [[x], ""]}
              summary: {containers: "2", images: -1, sandboxes: 1.0}
              warnings: tie-broken
              partial: yes

          """))
        == [
          "t/test.yaml:8:27: error: spec.expect.deleted.containers: expected a list, found \"c1\"",
          "t/test.yaml:8:40: error: spec.expect.deleted.images[0]: expected a string, found a list",
          "t/test.yaml:8:45: error: spec.expect.deleted.images[1]: an id must not be empty",
          "t/test.yaml:9:27: error: spec.expect.summary.containers: expected an integer, found the quoted string \"2\"",
          "t/test.yaml:9:40: error: spec.expect.summary.images: a count is at least 0, got -1",
          "t/test.yaml:9:55: error: spec.expect.summary.sandboxes: expected an integer, found \"1.0\"",
          "t/test.yaml:10:15: error: spec.expect.warnings: expected a list, found \"tie-broken\"",
          "t/test.yaml:11:14: error: spec.expect.partial: expected true or false, found \"yes\"",
        ])
  }

  @Test func anObjectCannotBeBothDeletedAndKeptAndATestMustExpectSomething() {
    #expect(
      Self.messages(
        Self.test("  snapshot: a.json\n  expect: {deleted: {images: [i1, i2]}, kept: {images: [i2], containers: [i1]}}\n"))
        == [
          "t/test.yaml:7:48: error: spec.expect.kept.images: \"i2\" is also in spec.expect.deleted.images; an object cannot be both"
        ])
    #expect(
      Self.messages(Self.test("  snapshot: a.json\n  expect: {partial: true}\n")) == [
        "t/test.yaml:7:11: error: spec.expect: expects nothing; give at least one of deleted, kept, summary or warnings"
      ])
  }

  @Test func metadataAndApiVersionAreThePolicies() {
    #expect(
      Self.messages(
        "apiVersion: reclaim.dev/v2\nkind: PolicyTest\nmetadata: {name: Bad_Name}\nspec: {snapshot: a.json, expect: {kept: {}}}\n"
      ) == [
        "t/test.yaml:1:13: error: unsupported apiVersion \"reclaim.dev/v2\"; expected \"reclaim.dev/v1\"",
        "t/test.yaml:3:18: error: metadata.name: \"Bad_Name\" is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)",
      ])
    // Still read as far as it goes, so that the runner checks its snapshot too.
    let partly = Self.read("apiVersion: reclaim.dev/v1\nkind: PolicyTest\nmetadata: {}\nspec: {snapshot: a.json, expect: {kept: {}}}\n")
    #expect(partly.first?.test?.name == "")
    #expect(partly.first?.test?.snapshotPath == "t/a.json")
  }

  @Test func resolveReadsFromTheTestFilesDirectory() {
    let origin = PolicySet.Origin(file: "x.yaml", mark: .init(line: 1, column: 1))
    let atRoot = PolicyTestDocument(name: "n", file: "x.yaml", index: 0, origin: origin, snapshot: "s.json", snapshotOrigin: origin)
    #expect(atRoot.snapshotPath == "s.json")
    var nested = atRoot
    nested.file = "policies/tests/x.yaml"
    #expect(nested.resolve("../other") == "policies/other")
    #expect(nested.resolve("./snapshots//a.json") == "policies/tests/snapshots/a.json")
    #expect(nested.resolve("../../../up/") == "../up/")
    #expect(nested.resolve("../..") == ".")
    #expect(nested.resolve("/x/../../y.json") == "/y.json")
  }
}
