import ReclaimCore
import Testing

@Suite struct JSONTreeBuilderTests {
  func parse(_ text: String) throws(JSONParseError) -> JSONNode { try JSONTreeBuilder.parse(Array(text.utf8)) }

  @Test func parsesAllValueKinds() throws {
    let v = try parse(#" {"a": [1, -2, true, false, null, "x\"\u00e9\ud83d\ude00\n"], "b": {}} "#)
    #expect(
      v.jsonValue
        == .object([
          "a": .array([.int(1), .int(-2), .bool(true), .bool(false), .null, .string("x\"é😀\n")]),
          "b": .object([:]),
        ]))
  }

  @Test func membersKeepDocumentOrder() throws {
    guard case .object(let members) = try parse(#"{"z": 1, "a": 2, "m": 3}"#).value else {
      Issue.record("not an object")
      return
    }
    #expect(members.map(\.key) == ["z", "a", "m"])
  }

  @Test func aNumberThatIsNoInt64HasNoJSONValue() throws {
    #expect(try parse("[1.5]").jsonValue == nil)
    #expect(try parse("[1]").jsonValue == .array([.int(1)]))
  }

  @Test func duplicateKeysAreRefusedByBytes() {
    #expect(throws: JSONParseError(
      kind: .duplicateKey, location: JSONLocation(offset: 10, line: 2, column: 2), path: "$.a",
      message: "duplicate key \"a\"")) {
      try parse("{\"a\": 1,\n \"a\": 2}")
    }
    // "\u0061" has the bytes of "a".
    #expect(throws: JSONParseError.self) { try parse(#"{"a": 1, "\u0061": 2}"#) }
  }

  @Test func keysEquivalentInUnicodeButDifferentInBytesAreTwoKeys() throws {
    let nfc = "caf\u{E9}"
    let nfd = "cafe\u{301}"
    #expect(nfc == nfd)  // what a String dictionary would go by
    let node = try parse(#"{"caf\u00e9": 1, "cafe\u0301": 2}"#)
    guard case .object(let members) = node.value else {
      Issue.record("not an object")
      return
    }
    #expect(members.count == 2)
    #expect(node.member(nfc)?.jsonValue == .int(1))
    #expect(node.member(nfd)?.jsonValue == .int(2))
    // Raw UTF-8 of the same two spellings, too.
    let raw = try parse("{\"caf\u{E9}\": 1, \"cafe\u{301}\": 2}")
    #expect(raw.member(nfd)?.jsonValue == .int(2))
  }

  @Test func aSyntaxErrorOutranksAnEarlierDuplicateKey() {
    #expect(throws: JSONParseError(
      kind: .syntax, location: JSONLocation(offset: 20, line: 1, column: 21), path: "$.a",
      message: "expected a JSON value, got '}'")) {
      try parse(#"{"a": 1, "a": 2,"a":}"#)
    }
  }
}
