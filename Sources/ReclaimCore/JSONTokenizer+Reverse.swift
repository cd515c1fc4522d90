extension JSONTokenizer {
  /// Where one member of an object is, found from the member's end: the
  /// offset of its key's opening quote, of its value's first byte, and of
  /// the `,` or `{` before its key.
  package struct MemberBounds: Equatable, Sendable {
    package var keyQuote: Int
    package var value: Int
    package var separator: Int

    package init(keyQuote: Int, value: Int, separator: Int) {
      self.keyQuote = keyQuote
      self.value = value
      self.separator = separator
    }
  }

  /// The offset of the last byte before `end` that is not whitespace, or -1.
  package func lastSignificant(before end: Int) -> Int {
    var i = end &- 1
    while i >= 0, Self.isWhitespace(base[i]) { i &-= 1 }
    return i
  }

  /// The member of an object whose value ends just before `end` (the
  /// offset of the `,` or `}` after it), or `nil` when the bytes before
  /// `end` are not `"key" : value` after a `,` or `{`.
  ///
  /// For a first pass that reads an object from its end (the batch
  /// runner's `node` scan, when the member it looks for is nearer the end
  /// than the start), as `skipValueUnchecked` reads one from its start:
  /// values are passed over by bracket depth and quotes, their syntax
  /// unchecked, and only quotes and the backslashes before them are looked
  /// at inside strings. In valid JSON the bounds are exact: a quote met
  /// outside a string closes one, and the quote that opens it is the first
  /// one before it not preceded by an odd run of backslashes. The key and
  /// value themselves are read forward, by the tokenizer, from the
  /// offsets returned.
  package func member(endingBefore end: Int) -> MemberBounds? {
    let last = lastSignificant(before: end)
    guard last >= 0, let value = valueStart(endingAt: last) else { return nil }
    let colon = lastSignificant(before: value)
    guard colon >= 0, base[colon] == UInt8(ascii: ":") else { return nil }
    let keyEnd = lastSignificant(before: colon)
    guard keyEnd >= 0, base[keyEnd] == UInt8(ascii: "\""), let keyQuote = openingQuote(ofStringClosingAt: keyEnd)
    else { return nil }
    let separator = lastSignificant(before: keyQuote)
    guard separator >= 0, base[separator] == UInt8(ascii: ",") || base[separator] == UInt8(ascii: "{") else {
      return nil
    }
    return MemberBounds(keyQuote: keyQuote, value: value, separator: separator)
  }

  /// The offset of the first byte of the value whose last byte is at `last`.
  func valueStart(endingAt last: Int) -> Int? {
    switch base[last] {
    case UInt8(ascii: "\""):
      return openingQuote(ofStringClosingAt: last)
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      var level = 1
      var i = last &- 1
      while i >= 0 {
        switch base[i] {
        case UInt8(ascii: "\""):
          guard let open = openingQuote(ofStringClosingAt: i) else { return nil }
          i = open &- 1
          continue
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          level &+= 1
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          level &-= 1
          if level == 0 { return i }
        default:
          break
        }
        i &-= 1
      }
      return nil
    case UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "{"), UInt8(ascii: "["):
      return nil
    default:
      // A number, `true`, `false` or `null`: back to the delimiter.
      var i = last
      while i > 0 {
        let c = base[i &- 1]
        // Any structural byte ends it, so that `"a` is no scalar.
        if c == UInt8(ascii: ",") || c == UInt8(ascii: ":") || c == UInt8(ascii: "[") || c == UInt8(ascii: "{")
          || c == UInt8(ascii: "]") || c == UInt8(ascii: "}") || c == UInt8(ascii: "\"") || Self.isWhitespace(c)
        {
          break
        }
        i &-= 1
      }
      return i
    }
  }

  /// The offset of the quote that opens the string whose closing quote is
  /// at `close`: the nearest quote before it not preceded by an odd run of
  /// backslashes (an escaped quote is part of the string), or `nil`.
  ///
  /// Quotes are looked for sixteen bytes at a time (`quoteMasks`), from
  /// the end of each block, as `afterClosingQuote` does forward.
  func openingQuote(ofStringClosingAt close: Int) -> Int? {
    assert(base[close] == UInt8(ascii: "\""), "the caller has seen the closing quote")
    // `i` is one past the last byte still to look at.
    var i = close
    let raw = UnsafeRawPointer(base)
    while true {
      #if _endian(little)
        while i >= 16 {
          let quotes = Self.quoteMasks(raw.loadUnaligned(fromByteOffset: i &- 16, as: SIMD16<UInt8>.self))
          if quotes.low | quotes.high != 0 {
            let lane =
              quotes.high != 0 ? 15 &- quotes.high.leadingZeroBitCount &>> 3 : 7 &- quotes.low.leadingZeroBitCount &>> 3
            i = i &- 16 &+ lane &+ 1
            break
          }
          i &-= 16
        }
      #endif
      while i > 0, base[i &- 1] != UInt8(ascii: "\"") { i &-= 1 }
      guard i > 0 else { return nil }
      let quote = i &- 1
      var backslashes = 0
      while quote &- 1 &- backslashes >= 0, base[quote &- 1 &- backslashes] == UInt8(ascii: "\\") {
        backslashes &+= 1
      }
      if backslashes & 1 == 0 { return quote }
      i = quote
    }
  }
}
