import Foundation
import ReclaimCore
import ReclaimPolicy
import ReclaimYAML
import Testing

/// One file of `fixtures/policies/invalid/` and the diagnostic it must get.
struct CorpusCase: Sendable, CustomTestStringConvertible {
  var file: String
  var line: Int?
  var column: Int?
  var message: String
  var severity: Diagnostic.Severity = .error

  var testDescription: String { file }
}

@Suite struct InvalidPolicyCorpusTests {
  static let corpus = "fixtures/policies/invalid"

  static let cases: [CorpusCase] = [
    .init(file: "syntax-error.yaml", line: 8, column: 4, message: "YAML syntax error: did not find expected key (while parsing a block mapping at line 6, column 3)"),
    .init(file: "duplicate-key.yaml", line: 9, column: 5, message: "duplicate key \"minAge\" at line 9, column 5; first defined at line 7, column 5"),
    .init(file: "unknown-key.yaml", line: 7, column: 5, message: "unknown key \"minAg\" in spec.imageGC; did you mean \"minAge\"?"),
    .init(file: "wrong-type.yaml", line: 7, column: 20, message: "spec.containerGC.maxContainers: expected an integer, found a list"),
    .init(file: "quoted-integer.yaml", line: 7, column: 27, message: "expected an integer, found the quoted string \"85\""),
    .init(file: "float-integer.yaml", line: 7, column: 27, message: "expected an integer, found \"85.0\""),
    .init(file: "yaml11-boolean.yaml", line: 7, column: 25, message: "maxPerPodContainer: expected an integer, found \"yes\""),
    .init(file: "percent-range.yaml", line: 7, column: 27, message: "101 is out of range (0 to 100)"),
    .init(file: "negative-duration.yaml", line: 7, column: 13, message: "duration \"-5m\" must not have a sign"),
    .init(file: "malformed-duration.yaml", line: 7, column: 13, message: "invalid duration \"2d\""),
    .init(file: "unitless-duration.yaml", line: 7, column: 13, message: "invalid duration \"120\": a unit is required"),
    .init(file: "overflow-duration.yaml", line: 7, column: 13, message: "duration \"9999999999h\" is too large"),
    .init(file: "low-not-below-high.yaml", line: 8, column: 26, message: "imageGC.lowThresholdPercent (80) must be less than imageGC.highThresholdPercent (80)"),
    .init(file: "maxage-not-above-minage.yaml", line: 8, column: 13, message: "imageGC.maxAge (30m0s) must be greater than imageGC.minAge (1h0m0s)"),
    .init(file: "bad-apiversion.yaml", line: 1, column: 13, message: "unsupported apiVersion \"reclaim.dev/v2\"; expected \"reclaim.dev/v1\""),
    .init(file: "missing-apiversion.yaml", line: 1, column: 1, message: "missing required key \"apiVersion\""),
    .init(file: "unknown-kind.yaml", line: 2, column: 7, message: "unknown kind \"GcPolicy\"; expected GCPolicy, NamespaceOverride or PolicyTest; did you mean \"GCPolicy\"?"),
    .init(file: "missing-name.yaml", line: 4, column: 3, message: "missing required key \"metadata.name\""),
    .init(file: "invalid-name.yaml", line: 4, column: 9, message: "metadata.name: \"Fleet_Default\" is not a DNS-1123 label"),
    .init(file: "duplicate-names.yaml", line: 11, column: 9, message: "duplicate NamespaceOverride name \"shop\"; first defined at fixtures/policies/invalid/duplicate-names.yaml:4:9"),
    .init(file: "two-gcpolicies.yaml", line: 11, column: 9, message: "more than one GCPolicy: \"fleet-two\" here and \"fleet\" at fixtures/policies/invalid/two-gcpolicies.yaml:4:9"),
    .init(file: "override-without-namespaces.yaml", line: 6, column: 3, message: "missing required key \"spec.namespaces\""),
    .init(file: "override-empty-namespaces.yaml", line: 6, column: 15, message: "must list at least one namespace or glob"),
    .init(file: "invalid-glob.yaml", line: 6, column: 16, message: "spec.namespaces[0]: invalid glob \"CI_*\""),
    .init(file: "same-namespace-two-overrides.yaml", line: 13, column: 16, message: "namespace \"ci-*\" is listed by NamespaceOverride \"b\" and by \"a\" at fixtures/policies/invalid/same-namespace-two-overrides.yaml:6:16"),
    .init(file: "override-node-wide-field.yaml", line: 8, column: 5, message: "spec.imageGC.highThresholdPercent is node-wide and cannot be set in a NamespaceOverride"),
    .init(file: "override-effective-ages.yaml", line: 16, column: 13, message: "NamespaceOverride \"ci\": effective imageGC.maxAge (1h0m0s) must be greater than imageGC.minAge (2h0m0s) when set (minAge from the GCPolicy)"),
    .init(file: "alias-bomb.yaml", line: 4, column: 36, message: "alias expansion exceeds 10000 nodes"),
    .init(file: "too-deep.yaml", line: 1, column: 67, message: "document nests deeper than 64 levels"),
    .init(file: "not-a-mapping.yaml", line: 1, column: 1, message: "a policy document must be a mapping"),
    .init(file: "unknown-alias.yaml", line: 7, column: 13, message: "unknown alias \"*nope\""),
    .init(file: "binary-garbage.yaml", line: 1, column: 1, message: "file is not valid UTF-8 (byte 0x89 cannot start a character)"),
    .init(file: "invalid-utf8.yaml", line: 7, column: 16, message: "file is not valid UTF-8 (byte 0xFF cannot start a character)"),
    .init(file: "empty.yaml", line: nil, column: nil, message: "empty file ignored", severity: .note),
  ]

  @Test(arguments: cases) func eachRuleGetsItsDiagnostic(_ c: CorpusCase) {
    // An absolute path: no test changes the working directory.
    let path = PolicyTestSupport.path("\(Self.corpus)/\(c.file)")
    let check = PolicyLoader.check(paths: [path])
    // Messages that name another place name it as the path was given.
    let message = c.message.replacingOccurrences(of: " at fixtures/", with: " at \(PolicyTestSupport.packageRoot)/fixtures/")
    let matching = check.diagnostics.filter {
      $0.file == path && $0.line == c.line && $0.column == c.column && $0.severity == c.severity
        && $0.message.contains(message)
    }
    #expect(matching.count == 1, "diagnostics were: \(check.diagnostics.map(\.description))")
    if c.severity == .error {
      #expect(check.policy == nil)
      // One broken rule, one error: problems are not reported twice.
      #expect(check.errors.count == 1, "errors were: \(check.errors.map(\.description))")
    } else {
      #expect(check.policy == CompiledPolicy())
      #expect(check.errors.isEmpty)
    }
  }

  @Test func everyCorpusFileHasAnExpectation() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: PolicyTestSupport.path(Self.corpus))
      .filter { $0.hasSuffix(".yaml") }
    #expect(Set(files) == Set(Self.cases.map(\.file)))
  }

  @Test func theWholeCorpusReportsEveryProblemAtOnceSorted() {
    let check = PolicyLoader.check(paths: [PolicyTestSupport.path(Self.corpus)])
    // Each file contributes its own error, plus the set-wide ones that the
    // files cause together (several GCPolicies, names and namespaces seen twice).
    let files = Set(check.errors.map(\.file))
    #expect(files.count == Self.cases.filter { $0.severity == .error }.count)
    #expect(check.diagnostics == check.diagnostics.sorted())
    #expect(check.policy == nil)
  }

  @Test func fileOverFourMebibytesIsRefusedBeforeParsing() throws {
    let dir = try PolicyTestSupport.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/huge.yaml"
    var text = PolicyTestSupport.gcPolicy(spec: "  containerGC: {}\n")
    text += "# " + String(repeating: "x", count: 4 * 1024 * 1024) + "\n"
    try PolicyTestSupport.write(text, to: path)
    let check = PolicyLoader.check(paths: [path])
    #expect(check.errors.count == 1)
    #expect(check.errors.first?.file == path)
    #expect(check.errors.first?.message.contains("larger than the 4 MiB (4194304 bytes) limit") == true)
    // The reader refuses the same bytes on its own too.
    let read = YAMLReader.read(bytes: Array(text.utf8), file: "huge.yaml")
    #expect(read.documents.isEmpty && read.hasErrors)
  }

  @Test func emptyDocumentsAreIgnoredWithANote() {
    let text = "---\n---\n" + PolicyTestSupport.gcPolicy(spec: "  containerGC: {maxContainers: 5}\n") + "---\n"
    let result = PolicyTestSupport.compile(text)
    #expect(result.policy?.containerGC.maxContainers == 5)
    let notes = result.diagnostics.filter { $0.severity == .note && $0.message == "empty document ignored" }
    // Line 1: a `---` with nothing after it; line 2's `---` starts the GCPolicy
    // (six lines); line 9: a trailing `---` with nothing after it.
    #expect(notes.map(\.line) == [1, 9])
  }

  @Test func missingPathIsAnError() {
    let check = PolicyLoader.check(paths: ["/nonexistent/reclaim-policies"])
    #expect(check.errors.map(\.message) == ["no such file or directory"])
  }
}
