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
    // The snapshot reader's words, and columns in characters ("é" is one).
    let found = errors("{\n  \"é\": [1,\n  2,, 3]\n}")
    #expect(found.map(\.description) == ["c.json:3:5: error: malformed JSON: expected a JSON value, got ','"])
    let truncated = errors("{\"apiVersion\": \"reclaim.dev/v1\"")
    #expect(truncated.map(\.message) == ["malformed JSON: unexpected end of input (truncated JSON)"])
  }

  @Test func duplicateKeysHaveLineAndColumn() {
    let found = errors("{\n  \"a\": 1,\n  \"a\": 2\n}")
    #expect(found.map(\.description) == ["c.json:3:3: error: duplicate key \"a\""])
  }

  @Test func aKeySpeltWithAnEscapeIsTheSameKey() throws {
    // "\u006bind" has the bytes of "kind".
    let text = try specText().replacingFirst("\"kind\":", "\"\\u006bind\": \"CompiledPolicy\", \"kind\":")
    #expect(errors(text).map(\.message) == ["duplicate key \"kind\""])
  }

  @Test func keysEquivalentInUnicodeButDifferentInBytesAreTwoKeys() throws {
    // NFC and NFD spellings of "café": Swift's `==` calls them equal, Go and
    // Reclaim do not; both are unknown keys, neither is a duplicate.
    let text = try specText().replacingFirst(
      "\"maxContainers\": 50,", "\"maxContainers\": 50, \"caf\\u00e9\": 1, \"cafe\\u0301\": 2,")
    let found = errors(text)
    #expect(found.map(\.message) == ["unknown key", "unknown key"])
    #expect(found.map(\.path) == ["$.policy.containerGC[\"café\"]", "$.policy.containerGC[\"cafe\u{301}\"]"])
  }

  @Test func integersAreCheckedWhereTheyAreRequired() throws {
    let fraction = try specText().replacingFirst("\"maxContainers\": 50", "\"maxContainers\": 50.0")
    #expect(
      errors(fraction).map(\.messageWithPath)
        == ["$.policy.containerGC.maxContainers: expected an integer (no fraction or exponent), got 50.0"])
    let overflow = try specText().replacingFirst("\"maxContainers\": 50", "\"maxContainers\": 9223372036854775808")
    #expect(
      errors(overflow).map(\.messageWithPath)
        == ["$.policy.containerGC.maxContainers: integer 9223372036854775808 is outside the int64 range"])
    let leadingZero = try specText().replacingFirst("\"maxContainers\": 50", "\"maxContainers\": 050")
    #expect(errors(leadingZero).first?.message == "malformed JSON: expected ',' or '}' after an object member, got '5'")
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
