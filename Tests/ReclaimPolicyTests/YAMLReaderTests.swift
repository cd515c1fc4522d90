import ReclaimCore
import ReclaimYAML
import Testing

@Suite struct YAMLReaderTests {
  func read(_ text: String) -> YAMLReadResult { YAMLReader.read(bytes: Array(text.utf8), file: "t.yaml") }

  @Test func positionsAreOneBasedAndStylesKept() throws {
    let result = read("a: 85\nb: \"85\"\nc:\n  - 'x'\n  - |\n    text\n")
    #expect(result.diagnostics.isEmpty)
    let root = try #require(result.documents.first?.root)
    guard case .mapping(let pairs) = root.kind else {
      Issue.record("root is not a mapping")
      return
    }
    #expect(pairs.map(\.key.mark) == [.init(line: 1, column: 1), .init(line: 2, column: 1), .init(line: 3, column: 1)])
    #expect(pairs[0].value.kind == .scalar("85", .plain, tag: nil))
    #expect(pairs[0].value.mark == .init(line: 1, column: 4))
    #expect(pairs[1].value.kind == .scalar("85", .doubleQuoted, tag: nil))
    guard case .sequence(let items) = pairs[2].value.kind else {
      Issue.record("c is not a sequence")
      return
    }
    #expect(items[0].kind == .scalar("x", .singleQuoted, tag: nil))
    #expect(items[0].mark == .init(line: 4, column: 5))
    #expect(items[1].kind == .scalar("text\n", .literal, tag: nil))
  }

  @Test func severalDocumentsEachWithTheirStart() {
    let result = read("a: 1\n---\nb: 2\n---\nc: 3\n")
    #expect(result.documents.count == 3)
    #expect(result.documents.map(\.start.line) == [1, 2, 4])
  }

  @Test func anchorsAndAliasesExpandToTheSameTree() throws {
    let withAlias = read("base: &b {x: 1, y: [a, b]}\ncopy: *b\n")
    let spelt = read("base: {x: 1, y: [a, b]}\ncopy: {x: 1, y: [a, b]}\n")
    let a = try #require(withAlias.documents.first?.root)
    let b = try #require(spelt.documents.first?.root)
    guard case .mapping(let pa) = a.kind, case .mapping(let pb) = b.kind else {
      Issue.record("roots are not mappings")
      return
    }
    // Same content (marks aside): compare the scalar leaves.
    #expect(leaves(pa[1].value) == leaves(pb[1].value))
    #expect(leaves(pa[1].value) == ["1", "a", "b"])
    // The alias node itself sits where the alias was written.
    #expect(pa[1].value.mark == .init(line: 2, column: 7))
  }

  func leaves(_ node: YAMLNode) -> [String] {
    switch node.kind {
    case .scalar(let text, _, _): return [text]
    case .sequence(let items): return items.flatMap(leaves)
    case .mapping(let pairs): return pairs.flatMap { leaves($0.value) }
    }
  }

  @Test func duplicateKeysReportBothPositions() {
    let result = read("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n")
    let messages = result.diagnostics.map(\.description)
    #expect(
      messages == [
        "t.yaml:4:3: error: duplicate key \"c\" at line 4, column 3; first defined at line 3, column 3",
        "t.yaml:5:1: error: duplicate key \"a\" at line 5, column 1; first defined at line 1, column 1",
      ])
  }

  @Test func billionLaughsIsRefusedQuickly() {
    var text = "l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for level in 1...30 {
      text += "l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    let clock = ContinuousClock()
    var result = YAMLReadResult()
    let elapsed = clock.measure { result = read(text) }
    #expect(result.documents.isEmpty)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.message.contains("alias expansion exceeds 10000 nodes") == true)
    #expect(elapsed < .seconds(2))
  }

  @Test func aliasesWithinTheLimitAreAccepted() {
    // 1 + 10 × (1 + 10 × 1) ... stays well under 10,000 nodes.
    let text = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b]\n"
    let result = read(text)
    #expect(result.diagnostics.isEmpty)
    #expect(result.documents.count == 1)
  }

  @Test func nestingLimitIsSixtyFour() {
    let ok = read(String(repeating: "[", count: 64) + String(repeating: "]", count: 64) + "\n")
    #expect(ok.diagnostics.isEmpty)
    let deep = read(String(repeating: "[", count: 65) + String(repeating: "]", count: 65) + "\n")
    #expect(deep.diagnostics.map(\.description) == ["t.yaml:1:65: error: document nests deeper than 64 levels"])
  }

  @Test func aliasesCannotNestPastTheLimit() {
    let inner = String(repeating: "[", count: 40) + String(repeating: "]", count: 40)
    let text = "a: &a \(inner)\nb: " + String(repeating: "[", count: 30) + "*a" + String(repeating: "]", count: 30) + "\n"
    let result = read(text)
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.message.contains("nest deeper than 64 levels") == true)
  }

  @Test func syntaxErrorStopsWithLibyamlsProblem() {
    let result = read("a: [1, 2\nb: 3\n")
    #expect(result.diagnostics.count == 1)
    let d = result.diagnostics.first
    #expect(d?.message.hasPrefix("YAML syntax error: did not find expected ',' or ']'") == true)
    #expect(d?.line == 2)
  }

  @Test func documentsBeforeASyntaxErrorAreKept() {
    let result = read("a: 1\n---\nb: [\n")
    #expect(result.documents.count == 1)
    #expect(result.hasErrors)
  }

  @Test func controlCharactersGetLibyamlsReaderError() {
    let result = read("a: \u{07}\n")
    #expect(result.diagnostics.count == 1)
    #expect(result.diagnostics.first?.message.contains("control characters are not allowed") == true)
    #expect(result.diagnostics.first?.line == 1)
  }

  @Test func invalidUTF8AndBinaryDataGetACleanDiagnostic() {
    let overlong = YAMLReader.read(bytes: Array("a: ".utf8) + [0xC0, 0x80], file: "t.yaml")
    #expect(overlong.diagnostics.first?.message.hasPrefix("file is not valid UTF-8") == true)
    #expect(overlong.diagnostics.first?.column == 4)
    let nul = YAMLReader.read(bytes: Array("a: b\n".utf8) + [0, 1, 2], file: "t.yaml")
    #expect(nul.diagnostics.first?.message.contains("binary data") == true)
    #expect(nul.diagnostics.first?.line == 2)
    let truncated = YAMLReader.read(bytes: Array("a: ".utf8) + [0xE2, 0x82], file: "t.yaml")
    #expect(truncated.diagnostics.first?.message.contains("truncated") == true)
  }

  @Test func emptyInputIsANoteNotAnError() {
    for text in ["", "\n\n", "# only a comment\n"] {
      let result = read(text)
      #expect(result.documents.isEmpty)
      #expect(!result.hasErrors)
      #expect(result.diagnostics.map(\.severity) == [.note])
    }
  }

  @Test func unicodeColumnsCountCharacters() throws {
    let result = read("é: ü\n")
    guard case .mapping(let pairs)? = result.documents.first?.root.kind else {
      Issue.record("not a mapping")
      return
    }
    #expect(pairs[0].value.mark == .init(line: 1, column: 4))
  }
}
