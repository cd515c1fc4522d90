import ReclaimCore
import ReclaimTestSupport
import Testing

/// The unchecked skips of the batch runner's first pass —
/// `skipValueUnchecked` (forward) and `member(endingBefore:)` (backward),
/// both looking for quotes sixteen bytes at a time — against where a value
/// and a member really are: the generator writes valid JSON and records
/// the offsets as it goes. Strings hold brackets, quotes after runs of
/// backslashes, `\u` escapes and UTF-8, at every position of blocks of
/// sixteen.
@Suite struct JSONSkippingTests {
  @Test func skipValueUncheckedEndsWhereTheValueEnds() throws {
    for seed in 0..<3000 {
      var w = RandomJSON(seed: UInt64(seed))
      w.space()
      w.value(depth: 0)
      let end = w.text.count
      w.text += Array(", \"after\"".utf8)
      let text = w.text
      let pos = try text.withUnsafeBufferPointer { b in
        var tokens = JSONTokenizer(b)
        try tokens.skipValueUnchecked()
        return tokens.pos
      }
      #expect(pos == end, "seed \(seed): \(String(decoding: text, as: UTF8.self))")
    }
  }

  @Test func memberEndingBeforeFindsEveryMemberFromTheEnd() {
    for seed in 0..<3000 {
      var w = RandomJSON(seed: UInt64(seed) &+ 1_000_000)
      w.space()
      w.text.append(UInt8(ascii: "{"))
      var expected: [JSONTokenizer.MemberBounds] = []
      let n = Int.random(in: 1..<6, using: &w.random)
      for i in 0..<n {
        if i > 0 { w.text.append(UInt8(ascii: ",")) }
        let separator = w.text.count - 1
        w.space()
        let keyQuote = w.text.count
        w.string(prefix: "\(i)-")
        w.space()
        w.text.append(UInt8(ascii: ":"))
        w.space()
        let value = w.text.count
        w.value(depth: 1)
        w.space()
        expected.append(JSONTokenizer.MemberBounds(keyQuote: keyQuote, value: value, separator: separator))
      }
      w.text.append(UInt8(ascii: "}"))
      w.space()
      let text = w.text
      let found: [JSONTokenizer.MemberBounds] = text.withUnsafeBufferPointer { b in
        let tokens = JSONTokenizer(b)
        var found: [JSONTokenizer.MemberBounds] = []
        var end = tokens.lastSignificant(before: b.count)
        while let member = tokens.member(endingBefore: end) {
          found.append(member)
          if b[member.separator] == UInt8(ascii: "{") { break }
          end = member.separator
        }
        return found
      }
      #expect(found == expected.reversed(), "seed \(seed): \(String(decoding: text, as: UTF8.self))")
    }
  }

  /// A quote after `k` backslashes at every offset of two blocks: escaped
  /// when `k` is odd, closing when even, whichever block the run starts in.
  @Test func backslashRunsAcrossBlocks() throws {
    for k in 0..<5 {
      for lead in 0..<34 {
        let inner = String(repeating: "y", count: lead) + String(repeating: #"\"#, count: k) + #"""#
        // An odd run escapes the quote; the string then needs another end.
        let content = k % 2 == 1 ? inner + "z" : String(repeating: "y", count: lead) + String(repeating: #"\\"#, count: k / 2)
        let value = "\"" + content + "\""
        let text = Array(("{\"k\":" + value + "}").utf8)
        let pos = try text.withUnsafeBufferPointer { b in
          var tokens = JSONTokenizer(b)
          tokens.pos = 5
          try tokens.skipValueUnchecked()
          return tokens.pos
        }
        #expect(pos == text.count - 1, "k \(k), lead \(lead)")
        let member = text.withUnsafeBufferPointer { JSONTokenizer($0).member(endingBefore: text.count - 1) }
        #expect(member == JSONTokenizer.MemberBounds(keyQuote: 1, value: 5, separator: 0), "k \(k), lead \(lead)")
      }
    }
  }

  @Test func malformedTailsHaveNoMember() {
    for text in [#"{"k":}"#, #"{"k" 1}"#, #"{k":1}"#, #"{"k":1,}"#, #"x"k":1}"#, #"{"k":"a}"#, "}"] {
      let bytes = Array(text.utf8)
      let member = bytes.withUnsafeBufferPointer { JSONTokenizer($0).member(endingBefore: bytes.count - 1) }
      #expect(member == nil, "\(text)")
    }
  }
}
