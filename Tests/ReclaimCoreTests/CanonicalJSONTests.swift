@testable import ReclaimCore
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

  /// Strings are checked for characters to escape many bytes at a time
  /// (vector blocks of 16, two overlapping words below that, bytes under
  /// 4): every ASCII byte at every position of every block, word and tail
  /// is caught, and the output is exactly the general path's.
  @Test func escapingIsFoundAtEveryPosition() {
    for length in 1...40 {
      for position in 0..<length {
        for byte in UInt8(0)..<0x80 {
          var text = Array(repeating: UInt8(ascii: "a"), count: length)
          text[position] = byte
          let escaped = byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
          let found = text.withUnsafeBufferPointer { CanonicalJSONWriter.needsEscaping($0) }
          #expect(found == escaped, "byte \(byte) at \(position) of \(length)")
          // Non-ASCII text next to it is never escaped.
          let string = String(decoding: text, as: UTF8.self) + "é"
          var w = CanonicalJSONWriter(layout: .compact)
          w.string(string)
          #expect(w.bytes == CanonicalJSONWriterPaths.general(string), "byte \(byte) at \(position) of \(length)")
          if !escaped { #expect(w.string == "\"" + string + "\"") }
        }
      }
    }
  }
}

/// The writer's fast paths against its general ones: a string that needs
/// no escaping is copied whole, any other goes byte by byte through
/// `writeEscaped`; a constant key is copied without being looked at, any
/// other key is a string. Each fast path must write exactly what the
/// general path writes.
@Suite struct CanonicalJSONWriterPaths {
  /// The general path alone: `value` escaped byte by byte, quoted.
  static func general(_ value: String) -> [UInt8] {
    [UInt8(ascii: "\"")] + CanonicalJSONWriter.escapedByteByByte(Array(value.utf8)) + [UInt8(ascii: "\"")]
  }

  /// Strings of every kind the fast paths split on: empty, under 4 bytes,
  /// 4–7, 8–15, 16 and more (blocks and an overlapping last block), clean
  /// or with escapes at the start, middle and end, non-ASCII of every
  /// UTF-8 length, DEL (never escaped), and long text.
  static let samples: [String] = {
    var s = [
      "", "a", "ab", "abc", "abcd", "abcdefg", "abcdefgh", "abcdefghijklmno", "abcdefghijklmnop",
      "abcdefghijklmnopq", "\"", "\\", "\u{0}", "\u{1F}", "\u{7F}", "/", "\n", "\t\r\u{8}\u{C}",
      "é", "ü", "日本語", "😀", "a😀b", "\u{FB01}", "\u{1F600}\u{FB01}\"x", "x\"\\/\u{1}\n\tü",
      "kube-system", "ip-10-0-0-1.eu-west-1.compute.internal", "pod-removed",
      "3f0c2d5e8a9b4c1d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
      "0b9f3e2a-4c5d-4e6f-8a7b-9c0d1e2f3a4b", "default_web-7d9f_0b9f3e2a-4c5d-4e6f-8a7b-9c0d1e2f3a4b",
      "message with a \"quoted\" part and a trailing newline\n", "\u{1}\u{2}\u{3}\u{4}\u{5}\u{6}\u{7}\u{8}\u{9}\u{A}",
      "éééééééééééééééééééé", "abcdefghijklmnopqrstuvwxyz0123456789\u{7F}\u{80}",
    ]
    s.append(String(repeating: "0123456789abcdef", count: 64))
    s.append(String(repeating: "0123456789abcdef", count: 64) + "\\")
    s.append("\u{1B}" + String(repeating: "z", count: 1000))
    s.append(String(repeating: "ü", count: 500) + "\"" + String(repeating: "ü", count: 500))
    return s
  }()

  @Test(arguments: samples)
  func stringsMatchTheGeneralPath(_ value: String) {
    var w = CanonicalJSONWriter(layout: .compact)
    w.string(value)
    #expect(w.bytes == Self.general(value))
    let bytes = Array(value.utf8)
    let found = bytes.withUnsafeBufferPointer { CanonicalJSONWriter.needsEscaping($0) }
    #expect(found == bytes.contains { CanonicalJSONWriter.needsEscaping($0) })
  }

  /// Every byte whose escape RFC 8785 fixes, through the general path.
  @Test func generalPathEscapesAsRFC8785() {
    for byte in UInt8(0)..<0x80 {
      let expected: String
      switch byte {
      case 0x08: expected = #"\b"#
      case 0x09: expected = #"\t"#
      case 0x0A: expected = #"\n"#
      case 0x0C: expected = #"\f"#
      case 0x0D: expected = #"\r"#
      case 0x22: expected = #"\""#
      case 0x5C: expected = #"\\"#
      case 0..<0x20:
        let hex = String(byte, radix: 16)
        expected = #"\u00"# + (hex.count == 1 ? "0" + hex : hex)
      default: expected = String(UnicodeScalar(byte))
      }
      #expect(CanonicalJSONWriter.escapedByteByByte([byte]) == Array(expected.utf8), "byte \(byte)")
    }
    // Lowercase hex, as RFC 8785 requires.
    #expect(CanonicalJSONWriter.escapedByteByByte([0x1F]) == Array(#"\u001f"#.utf8))
  }

  /// Keys: escaped strings with `:` (and a space when indented); a
  /// constant key writes the same as the same text through `key`.
  @Test(arguments: samples)
  func keysMatchTheGeneralPath(_ name: String) {
    for layout in [CanonicalJSONWriter.Layout.compact, .indented] {
      var w = CanonicalJSONWriter(layout: layout)
      w.beginObject()
      w.key(name)
      w.int(1)
      w.endObject()
      let separator: [UInt8] = layout == .indented ? Array("\n  ".utf8) : []
      let colon: [UInt8] = layout == .indented ? Array(": ".utf8) : Array(":".utf8)
      let close: [UInt8] = layout == .indented ? Array("\n}".utf8) : Array("}".utf8)
      #expect(w.bytes == [UInt8(ascii: "{")] + separator + Self.general(name) + colon + [UInt8(ascii: "1")] + close)
      #expect(w.bytes == Array(JSONValue.object([name: .int(1)]).canonicalBytes(layout).dropLast(layout == .indented ? 1 : 0)))
    }
  }

  @Test func constantKeysMatchKeys() {
    for layout in [CanonicalJSONWriter.Layout.compact, .indented] {
      func document(constant: Bool) -> [UInt8] {
        var w = CanonicalJSONWriter(layout: layout, reservingCapacity: 0)
        w.beginArray()
        for _ in 0..<3 {
          w.beginObject()
          if constant { w.constantKey("a") } else { w.key("a") }
          w.beginObject()
          if constant { w.constantKey("firstDetectedAt") } else { w.key("firstDetectedAt") }
          w.timestamp(Timestamp(nanoseconds: 1_795_953_600_148_259_552))
          if constant { w.constantKey("highThresholdPercent") } else { w.key("highThresholdPercent") }
          w.int(-85)
          w.endObject()
          if constant { w.constantKey("stopFirst") } else { w.key("stopFirst") }
          w.bool(true)
          w.endObject()
        }
        w.endArray()
        w.finish()
        return w.bytes
      }
      #expect(document(constant: true) == document(constant: false))
    }
  }

  /// Every token through a writer that starts with no room and grows, in
  /// both layouts, against `JSONValue` (which sorts and writes by key).
  @Test func streamedDocumentMatchesJSONValue() {
    let numbers: [Int64] = [
      0, 1, -1, 9, 10, -10, 99, 100, 1_000_000_007, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1,
    ]
    let value: JSONValue = .object([
      "containers": .array(Self.samples.map { .object(["id": .string($0), "stopFirst": .bool($0.isEmpty)]) }),
      "empty": .object(["array": .array([]), "object": .object([:])]),
      "numbers": .array(numbers.map { .int($0) }),
      "nothing": .null,
    ])
    for layout in [CanonicalJSONWriter.Layout.compact, .indented] {
      var w = CanonicalJSONWriter(layout: layout, reservingCapacity: 0)
      w.beginObject()
      w.constantKey("containers")
      w.beginArray()
      for sample in Self.samples {
        w.beginObject()
        w.constantKey("id"); w.string(sample)
        w.constantKey("stopFirst"); w.bool(sample.isEmpty)
        w.endObject()
      }
      w.endArray()
      w.constantKey("empty")
      w.beginObject()
      w.constantKey("array"); w.beginArray(); w.endArray()
      w.constantKey("object"); w.beginObject(); w.endObject()
      w.endObject()
      w.constantKey("nothing"); w.null()
      w.constantKey("numbers")
      w.beginArray()
      for n in numbers { w.int(n) }
      w.endArray()
      w.endObject()
      w.finish()
      #expect(w.string == value.canonicalString(layout))
    }
  }

  @Test func integersAreWrittenInPlainDecimal() {
    var values: [Int64] = [0, Int64.max, Int64.min]
    var p: Int64 = 1
    for _ in 0..<18 {
      p *= 10
      values += [p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]
    }
    for v in values {
      var w = CanonicalJSONWriter(layout: .compact)
      w.int(v)
      #expect(w.string == String(v))
    }
  }

  @Test func timestampsAreTokensLikeStrings() {
    let t = Timestamp(nanoseconds: 1_795_953_600_100_000_000)
    for layout in [CanonicalJSONWriter.Layout.compact, .indented] {
      var w = CanonicalJSONWriter(layout: layout)
      w.beginArray(); w.timestamp(t); w.timestamp(t); w.endArray()
      w.finish()
      #expect(w.bytes == JSONValue.array([.string(t.rfc3339), .string(t.rfc3339)]).canonicalBytes(layout))
    }
  }
}
