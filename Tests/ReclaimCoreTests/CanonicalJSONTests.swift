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
}
