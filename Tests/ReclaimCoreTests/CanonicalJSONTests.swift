import ReclaimCore
import Testing

@Suite struct CanonicalJSONTests {
  let value: JSONValue = .object([
    "b": .array([.int(-12), .bool(true), .null]), "a": .string("x\"\\/\u{1}\n\tü"),
    "c": .object([:]), "d": .array([]),
  ])

  @Test func compactIsRFC8785() {
    #expect(
      value.canonicalString(.compact)
        == #"{"a":"x\"\\/\u0001\n\tü","b":[-12,true,null],"c":{},"d":[]}"#)
  }

  @Test func indentedMatchesPythonJsonDumps() {
    let expected = """
      {
        "a": "x\\"\\\\/\\u0001\\n\\tü",
        "b": [
          -12,
          true,
          null
        ],
        "c": {},
        "d": []
      }

      """
    #expect(value.canonicalString(.indented) == expected)
  }

  @Test func sortsKeysByUTF16() {
    // U+FB01 sorts after U+1F600 in UTF-16 (surrogates are 0xD8xx) but
    // before it by code point.
    let v: JSONValue = .object(["\u{FB01}": .int(1), "\u{1F600}": .int(2)])
    #expect(v.canonicalString(.compact) == "{\"\u{1F600}\":2,\"\u{FB01}\":1}")
  }
}

@Suite struct CanonicalJSONWriterTests {
  @Test func constantKeysAndStreamingMatchJSONValue() {
    var w = CanonicalJSONWriter(layout: .indented)
    w.beginObject()
    w.constantKey("a"); w.int(Int64.min)
    w.constantKey("b"); w.beginArray(); w.int(0); w.int(Int64.max); w.bool(false); w.null(); w.endArray()
    w.key("c\"d"); w.string("e")
    w.endObject()
    w.finish()
    let value: JSONValue = .object([
      "a": .int(Int64.min), "b": .array([.int(0), .int(Int64.max), .bool(false), .null]), "c\"d": .string("e"),
    ])
    #expect(w.string == value.canonicalString(.indented))
    #expect(value.canonicalString(.compact) == #"{"a":-9223372036854775808,"b":[0,9223372036854775807,false,null],"c\"d":"e"}"#)
  }

  @Test func compactConstantKeysMatchJSONValue() {
    var w = CanonicalJSONWriter(layout: .compact)
    w.beginObject()
    w.constantKey("a"); w.beginObject(); w.endObject()
    w.constantKey("b"); w.beginArray(); w.beginObject(); w.constantKey("c"); w.int(1); w.endObject(); w.endArray()
    w.constantKey("d"); w.beginObject(); w.constantKey("e"); w.null(); w.constantKey("f"); w.string("g"); w.endObject()
    w.endObject()
    w.finish()
    let value: JSONValue = .object([
      "a": .object([:]), "b": .array([.object(["c": .int(1)])]), "d": .object(["e": .null, "f": .string("g")]),
    ])
    #expect(w.string == value.canonicalString(.compact))
    #expect(w.string == #"{"a":{},"b":[{"c":1}],"d":{"e":null,"f":"g"}}"#)
  }

  /// Strings are checked for characters to escape eight bytes at a time:
  /// every ASCII byte at every position of words and tails is caught, or
  /// the text is copied unchanged.
  @Test func escapingIsFoundAtEveryPosition() {
    for length in 1...19 {
      for position in 0..<length {
        for byte in UInt8(0)..<0x80 {
          var text = Array(repeating: UInt8(ascii: "a"), count: length)
          text[position] = byte
          // Non-ASCII text next to it is never escaped.
          let string = String(decoding: text, as: UTF8.self) + "é"
          var w = CanonicalJSONWriter(layout: .compact)
          w.string(string)
          let escaped = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
          if escaped {
            #expect(w.bytes.contains(UInt8(ascii: "\\")), "byte \(byte) at \(position) of \(length)")
          } else {
            #expect(w.string == "\"" + string + "\"", "byte \(byte) at \(position) of \(length)")
          }
        }
      }
    }
  }
}
