extension JSONTokenizer {
  /// Skips one value without checking its syntax, for a first pass that
  /// only looks for a member after it (the batch runner's `node` scan): a
  /// string up to its closing quote, a scalar up to the next delimiter, an
  /// object or array by bracket depth, counting brackets outside strings
  /// only. Nothing inside a string is looked at but quotes and the
  /// backslashes before them. The decode that follows checks everything;
  /// this one only must not be fooled by brackets or escaped quotes inside
  /// strings, and must end.
  package mutating func skipValueUnchecked() throws(JSONSyntaxError) {
    let c = try nextByte()
    if c == UInt8(ascii: "\"") {
      pos = try afterClosingQuote(from: pos &+ 1)
      return
    }
    guard c == UInt8(ascii: "{") || c == UInt8(ascii: "[") else {
      while pos < count {
        let b = base[pos]
        if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || Self.isWhitespace(b) { return }
        pos &+= 1
      }
      return
    }
    var level = 0
    var i = pos
    while i < count {
      switch base[i] {
      case UInt8(ascii: "\""):
        i = try afterClosingQuote(from: i &+ 1)
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        level &+= 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        level &-= 1
        if level == 0 {
          pos = i &+ 1
          return
        }
      default:
        break
      }
      i &+= 1
    }
    pos = count
    throw endOfInput()
  }

  /// The offset after the closing quote of the string whose content starts
  /// at `start`: the first `"` not escaped, that is, not preceded by an odd
  /// run of backslashes.
  ///
  /// Quotes are looked for sixteen bytes at a time, and only a quote found
  /// looks back at the backslashes before it: cheaper than following every
  /// escape, since the scan never needs to know what the string says. The
  /// run stops at the opening quote at the latest, so each backslash is
  /// counted once.
  @inlinable @inline(__always) package func afterClosingQuote(from start: Int) throws(JSONSyntaxError) -> Int {
    assert(start > 0 && base[start &- 1] == UInt8(ascii: "\""), "the caller has seen the opening quote")
    var i = start
    let raw = UnsafeRawPointer(base)
    while true {
      #if _endian(little)
        while i &+ 16 <= count {
          let quotes = Self.quoteMasks(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
          if quotes.low | quotes.high != 0 {
            i &+=
              quotes.low != 0 ? quotes.low.trailingZeroBitCount &>> 3 : 8 &+ quotes.high.trailingZeroBitCount &>> 3
            break
          }
          i &+= 16
        }
      #endif
      while i < count, base[i] != UInt8(ascii: "\"") { i &+= 1 }
      guard i < count else {
        throw endOfInput(" inside a string")
      }
      var backslashes = 0
      while base[i &- 1 &- backslashes] == UInt8(ascii: "\\") { backslashes &+= 1 }
      if backslashes & 1 == 0 { return i &+ 1 }
      i &+= 1
    }
  }

  /// For 16 bytes, the high bit of every `"` byte, as two words (bytes 0–7
  /// and 8–15, little-endian): `x - 1` borrows into the high bit only where
  /// `x` (the byte xor `"`) is zero or at least 0x81, and `& ~x` keeps the
  /// first. Lane-wise arithmetic, which compiles to vector instructions;
  /// Swift's lane comparisons (`.==`) do not, here.
  @inlinable @inline(__always) package static func quoteMasks(_ v: SIMD16<UInt8>) -> (low: UInt64, high: UInt64) {
    typealias Lanes = SIMD16<UInt8>
    let x = v ^ Lanes(repeating: UInt8(ascii: "\""))
    let words = unsafeBitCast((x &- Lanes(repeating: 1)) & ~x, to: SIMD2<UInt64>.self)
    return (words[0] & 0x8080_8080_8080_8080, words[1] & 0x8080_8080_8080_8080)
  }
}
