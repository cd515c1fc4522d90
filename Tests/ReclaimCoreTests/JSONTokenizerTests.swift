import ReclaimCore
import Testing

/// The grammar of the one JSON tokenizer, seen through `JSONTreeBuilder`
/// (the snapshot reader sees the same; `SnapshotDecoderAgreementTests`
/// checks that).
@Suite struct JSONTokenizerTests {
  func parse(_ text: String) throws(JSONParseError) -> JSONNode { try JSONTreeBuilder.parse(Array(text.utf8)) }

  func parse(bytes: [UInt8]) throws(JSONParseError) -> JSONNode { try JSONTreeBuilder.parse(bytes) }

  func string(_ json: String) throws -> String? {
    if case .string(let s) = try parse(json).value { return s }
    return nil
  }

  /// The error for `text`, or nil when it parses.
  func error(_ text: String) -> JSONParseError? { error(bytes: Array(text.utf8)) }

  func error(bytes: [UInt8]) -> JSONParseError? {
    do throws(JSONParseError) {
      _ = try parse(bytes: bytes)
      return nil
    } catch {
      return error
    }
  }

  // MARK: - escapes

  @Test(arguments: [
    (#""\"""#, "\""), (#""\\""#, "\\"), (#""\/""#, "/"), (#""\b""#, "\u{08}"), (#""\f""#, "\u{0C}"),
    (#""\n""#, "\n"), (#""\r""#, "\r"), (#""\t""#, "\t"), (#""\u0041""#, "A"), (#""\u00e9""#, "é"),
    (#""\u00E9""#, "é"), (#""\u20ac""#, "€"), (#""\u0000""#, "\u{0}"), (#""\ud83d\ude00""#, "😀"),
    (#""\uD83D\uDE00""#, "😀"), (#""\udbff\udfff""#, "\u{10FFFF}"), (#""a\u0062c""#, "abc"),
  ])
  func everyEscapeDecodes(_ json: String, _ value: String) throws {
    #expect(try string(json) == value)
  }

  @Test func rawUTF8OfEveryLengthIsKept() throws {
    #expect(try string("\"é€😀\u{7F}\"") == "é€😀\u{7F}")
  }

  @Test(arguments: [
    (#""\ud800""#, "unpaired high surrogate in a \\u escape", 2),
    (#""\ud800x""#, "unpaired high surrogate in a \\u escape", 2),
    (#""\ud800\u0041""#, "unpaired high surrogate in a \\u escape", 2),
    (#""\udc00""#, "unpaired low surrogate in a \\u escape", 2),
    (#""\ude00\ud83d""#, "unpaired low surrogate in a \\u escape", 2),
    (#""ab\q""#, "invalid escape '\\q' in a string", 4),
    (#""\u12G4""#, "expected a hex digit in a \\u escape, got 'G'", 6),
    (#""\u12"#, "unexpected end of input inside a string (truncated JSON)", 6),
    (#""\ud800"#, "unexpected end of input inside a string (truncated JSON)", 8),
    (#""\ud800\"#, "unexpected end of input inside a string (truncated JSON)", 9),
    (#""\"#, "unexpected end of input inside a string (truncated JSON)", 3),
  ])
  func badEscapesAreRefusedWhereTheyStart(_ json: String, _ message: String, _ column: Int) {
    let e = error(json)
    #expect(e?.kind == .syntax)
    #expect(e?.message == message)
    #expect(e?.location.column == column)
  }

  @Test func controlCharactersMustBeEscaped() {
    for c in [0x00, 0x09, 0x0A, 0x1F] as [UInt8] {
      let e = error(bytes: [0x22, 0x61, c, 0x22])
      let hex = String(c, radix: 16, uppercase: true)
      #expect(e?.message == "unescaped control character byte 0x\(hex.count == 1 ? "0" + hex : hex) in a string")
      #expect(e?.location.offset == 2)
    }
  }

  // MARK: - UTF-8

  @Test(arguments: [
    ([0xFF], "0xFF"), ([0xC0, 0x80], "0xC0"), ([0xC1, 0xBF], "0xC1"), ([0xE0, 0x80, 0x80], "0xE0"),
    ([0xED, 0xA0, 0x80], "0xED"), ([0xF0, 0x80, 0x80, 0x80], "0xF0"), ([0xF4, 0x90, 0x80, 0x80], "0xF4"),
    ([0xF5, 0x80, 0x80, 0x80], "0xF5"), ([0x80], "0x80"), ([0xC3, 0x28], "0xC3"),
  ] as [([UInt8], String)])
  func malformedUTF8IsRefusedAtItsLeadByte(_ sequence: [UInt8], _ lead: String) {
    // `[`, newline, `"é` then the bad sequence: line 2, column 3 (é is one character).
    let bytes: [UInt8] = [0x5B, 0x0A, 0x22, 0xC3, 0xA9] + sequence + [0x22, 0x5D]
    let e = error(bytes: bytes)
    #expect(e?.message == "invalid UTF-8 sequence starting with byte \(lead)")
    #expect(e?.location == JSONLocation(offset: 5, line: 2, column: 3))
    #expect(e?.path == "$[0]")
  }

  @Test func truncatedUTF8IsTruncatedInput() {
    #expect(error(bytes: [0x22, 0xE2, 0x82])?.message == "unexpected end of input inside a string (truncated JSON)")
  }

  @Test func nonASCIIOutsideStringsIsNoValue() {
    let e = error(bytes: [0x5B, 0xC3, 0xA9, 0x5D])
    #expect(e?.message == "expected a JSON value, got byte 0xC3")
    #expect(e?.location.column == 2)
  }

  // MARK: - numbers

  func number(_ text: String) throws -> JSONNumber? {
    if case .number(let n) = try parse(text).value { return n }
    return nil
  }

  @Test func int64IsExactAtBothEnds() throws {
    #expect(try number("9223372036854775807")?.int64 == Int64.max)
    #expect(try number("-9223372036854775808")?.int64 == Int64.min)
    #expect(try number("0")?.int64 == 0)
    #expect(try number("-0")?.int64 == 0)
  }

  @Test func outOfRangeAndNonIntegersKeepTheirText() throws {
    let over = try number("9223372036854775808")
    #expect(over?.int64 == nil)
    #expect(over?.integerProblem == "integer 9223372036854775808 is outside the int64 range")
    #expect(try number("-9223372036854775809")?.integerProblem == "integer -9223372036854775809 is outside the int64 range")
    for text in ["1.5", "1e3", "1E+3", "-0.0", "2e-1"] {
      let n = try number(text)
      #expect(n?.text == text)
      #expect(n?.isInteger == false)
      #expect(n?.integerProblem == "expected an integer (no fraction or exponent), got \(text)")
    }
  }

  @Test(arguments: [
    ("01", "unexpected '1' after the JSON document", 2),
    ("-", "unexpected end of input (truncated JSON)", 2),
    ("-a", "expected a digit, got 'a'", 2),
    ("1.", "unexpected end of input (truncated JSON)", 3),
    ("1.e3", "expected a digit after '.', got 'e'", 3),
    ("1e", "unexpected end of input (truncated JSON)", 3),
    ("1e+x", "expected a digit in the exponent, got 'x'", 4),
    ("+1", "expected a JSON value, got '+'", 1),
    (".5", "expected a JSON value, got '.'", 1),
    ("[00]", "expected ',' or ']' after an array element, got '0'", 3),
  ])
  func malformedNumbers(_ text: String, _ message: String, _ column: Int) {
    let e = error(text)
    #expect(e?.message == message)
    #expect(e?.location.column == column)
  }

  // MARK: - structure, depth, positions, paths

  @Test(arguments: [
    ("", "empty input (expected a JSON value)"), (" \n\t", "empty input (expected a JSON value)"),
    ("tru", "unexpected end of input (truncated JSON)"), ("nul!", "expected 'null', got '!'"),
    ("[1,]", "expected a JSON value, got ']'"), ("{\"a\" 1}", "expected ':' after an object key, got '1'"),
    ("{1:2}", "expected a string key, got '1'"), ("{\"a\":1,}", "expected a string key, got '}'"),
    ("[1 2]", "expected ',' or ']' after an array element, got '2'"),
    ("{\"a\":1 \"b\":2}", "expected ',' or '}' after an object member, got '\"'"),
    ("[] []", "unexpected '[' after the JSON document"), ("[", "unexpected end of input (truncated JSON)"),
  ])
  func structuralErrors(_ text: String, _ message: String) {
    let e = error(text)
    #expect(e?.kind == .syntax)
    #expect(e?.message == message)
  }

  @Test func depthLimitIsExact() throws {
    let limit = JSONTreeBuilder.maximumDepth
    #expect(limit == 128)
    let deepest = String(repeating: "[", count: limit) + String(repeating: "]", count: limit)
    #expect(throws: Never.self) { try parse(deepest) }
    let tooDeep = String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)
    let e = error(tooDeep)
    #expect(e?.message == "nesting deeper than 128 levels")
    #expect(e?.location.column == limit + 1)
    #expect(e?.path == "$" + String(repeating: "[0]", count: limit))
    let objects = String(repeating: "{\"a\":", count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)
    #expect(error(objects)?.message == "nesting deeper than 128 levels")
  }

  @Test func linesAndColumnsCountCharacters() {
    let e = error("[\n{\"ké😀\": tru }]")
    #expect(e?.location == JSONLocation(offset: 17, line: 2, column: 12))
    #expect(e?.description == "$[0][\"ké😀\"]: expected 'true', got byte 0x20 at line 2, column 12")
  }

  @Test func pathsNameMembersAndElements() throws {
    let e = error(#"{"containers": [{}, {"createdAt": [1, 2, x]}]}"#)
    #expect(e?.path == "$.containers[1].createdAt[2]")
    #expect(error(#"{"a b": {"é": [tru]}}"#)?.path == #"$["a b"]["é"][0]"#)
    let node = try parse(#"{"a": [0, {"b-c": null}]}"#)
    guard case .array(let items)? = node.member("a")?.value, case .object(let members) = items[1].value else {
      Issue.record("unexpected shape")
      return
    }
    #expect(members.first?.value.path == #"$.a[1]["b-c"]"#)
    #expect(members.first?.value.location == JSONLocation(offset: 18, line: 1, column: 19))
    #expect(members.first?.keyLocation.column == 12)
  }

  @Test func aByteOrderMarkAndWhitespaceAreSkipped() throws {
    let node = try parse(bytes: [0xEF, 0xBB, 0xBF, 0x20, 0x0A, 0x31, 0x0D, 0x0A, 0x09])
    #expect(node.jsonValue == .int(1))
  }
}
