import ReclaimCore
import ReclaimPolicy
import Testing

@Suite struct CompiledPolicyReaderTests {
  static let specPath = PolicyTestSupport.path("fixtures/policies/spec-example/policy.compiled.json")

  func specText() throws -> String {
    String(decoding: try PolicyTestSupport.readBytes(Self.specPath), as: UTF8.self)
  }

  func read(_ text: String) -> Result<CompiledPolicy, DiagnosticError> {
    CompiledPolicyReader.read(bytes: Array(text.utf8), file: "c.json")
  }

  func errors(_ text: String) -> [Diagnostic] {
    if case .failure(let e) = read(text) { return e.diagnostics }
    return []
  }

  @Test func readsTheSpecExampleAndWritesItBackIdentically() throws {
    let policy = try read(try specText()).get()
    #expect(PolicyOutput.compiledJSON(policy) == (try PolicyTestSupport.readBytes(Self.specPath)))
  }

  @Test func compactLayoutIsAcceptedToo() throws {
    let policy = try read(try specText()).get()
    let compact = PolicyOutput.compiledDocument(policy).canonicalString(.compact)
    #expect(try read(compact).get() == policy)
  }

  @Test func aTamperedValueFailsTheDigest() throws {
    let tampered = try specText().replacingFirst("\"maxContainers\": 50", "\"maxContainers\": 51")
    let found = errors(tampered)
    #expect(found.count == 1)
    #expect(found.first?.path == "$.digest")
    #expect(found.first?.message.contains("does not match the policy") == true)
  }

  @Test func wrongKindAndApiVersionAreRefused() throws {
    let text = try specText().replacingFirst("\"CompiledPolicy\"", "\"GCPolicy\"")
      .replacingFirst("\"reclaim.dev/v1\"", "\"reclaim.dev/v2\"")
    #expect(Set(errors(text).compactMap(\.path)) == ["$.kind", "$.apiVersion"])
  }

  @Test func unknownAndMissingKeysAreRefused() throws {
    let unknown = try specText().replacingFirst("\"maxContainers\": 50,", "\"maxContainers\": 50, \"extra\": 1,")
    #expect(errors(unknown).map(\.path) == ["$.policy.containerGC.extra"])
    let missing = try specText().replacingFirst("\"maxContainers\": 50,", "")
    #expect(errors(missing).map(\.messageWithPath) == ["$.policy.containerGC: missing required key \"maxContainers\""])
  }

  @Test func nonCanonicalSpellingIsRefused() throws {
    // "5m" means the same as "5m0s" but is not what reclaim compile writes.
    let text = try specText().replacingFirst("\"5m0s\"", "\"5m\"")
    #expect(errors(text).map(\.path) == ["$.policy"])
  }

  @Test func invalidValuesAreRefusedEvenWithAMatchingDigest() throws {
    // Build a document whose digest matches an invalid policy.
    let bad = CompiledPolicy(imageGC: .init(highThresholdPercent: 70, lowThresholdPercent: 70))
    let text = PolicyOutput.compiledDocument(bad).canonicalString(.indented)
    #expect(errors(text).map(\.path) == ["$.policy.imageGC.lowThresholdPercent"])
  }

  @Test func syntaxErrorsHaveLineAndColumn() {
    let found = errors("{\n  \"a\": 1,\n  \"a\": 2\n}")
    #expect(found.map(\.description) == ["c.json:3:3: error: invalid JSON: duplicate key \"a\""])
  }
}

@Suite struct JSONParserTests {
  func parse(_ text: String) throws(JSONParser.Failure) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

  @Test func parsesAllValueKinds() throws {
    let v = try parse(#" {"a": [1, -2, true, false, null, "x\"\u00e9\ud83d\ude00\n"], "b": {}} "#)
    #expect(
      v
        == .object([
          "a": .array([.int(1), .int(-2), .bool(true), .bool(false), .null, .string("x\"é😀\n")]),
          "b": .object([:]),
        ]))
  }

  @Test func int64IsExactAtBothEnds() throws {
    #expect(try parse("9223372036854775807") == .int(Int64.max))
    #expect(try parse("-9223372036854775808") == .int(Int64.min))
    #expect(throws: JSONParser.Failure.self) { try parse("9223372036854775808") }
  }

  @Test(arguments: ["1.5", "1e3", "01", "[1,]", "{\"a\" 1}", "\"\\x\"", "\"a\nb\"", "tru", "[] []", "\"\\ud800\"", "", "-"])
  func refusesInvalidText(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { try parse(text) }
  }

  @Test func refusesDeepNesting() {
    #expect(throws: JSONParser.Failure.self) {
      try parse(String(repeating: "[", count: 300) + String(repeating: "]", count: 300))
    }
  }
}

extension String {
  /// The text with the first `target` replaced; fails the test if absent.
  fileprivate func replacingFirst(_ target: String, _ replacement: String) throws -> String {
    guard let range = range(of: target) else {
      throw FixtureError(message: "\(target) not found in the fixture")
    }
    return replacingCharacters(in: range, with: replacement)
  }
}

struct FixtureError: Error { var message: String }
