extension JSONTokenizer {
  /// For 8 string bytes (loaded little-endian), a mask with the high bit set
  /// in the lowest byte that ends the fast path — `"`, `\`, a control
  /// character or a non-ASCII byte — and possibly in bytes above it.
  ///
  /// Subtracting 1 from `w ^ 0x22…` sets the high bit of a `"` byte (it
  /// borrows from zero), subtracting 1 from `w ^ 0x5C…` that of a `\` byte,
  /// subtracting `0x20…` from `w` that of a control character, and `w`
  /// itself has it in a non-ASCII byte. A plain byte (0x20–0x7F, neither
  /// `"` nor `\`) sets it in none of the four and lends no borrow upward,
  /// so every byte below the first one that needs attention is clear: the
  /// lowest set bit is exact, which is all the scan uses. (Borrows and
  /// non-ASCII bytes may flag bytes above it; nothing reads those.)
  @inlinable @inline(__always) package static func attentionMask(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let quote = (w ^ (ones &* 0x22)) &- ones
    let backslash = (w ^ (ones &* 0x5C)) &- ones
    let control = w &- ones &* 0x20
    return (quote | backslash | control | w) & high
  }

  /// `attentionMask` for 16 bytes at once, lane by lane in a vector
  /// register, as two words (bytes 0–7 and 8–15, little-endian). No borrow
  /// crosses a lane, so here every flagged byte is exact.
  @inlinable @inline(__always) package static func attentionMasks(
    _ v: SIMD16<UInt8>
  ) -> (low: UInt64, high: UInt64) {
    typealias Lanes = SIMD16<UInt8>
    let quote = (v ^ Lanes(repeating: 0x22)) &- Lanes(repeating: 1)
    let backslash = (v ^ Lanes(repeating: 0x5C)) &- Lanes(repeating: 1)
    let control = v &- Lanes(repeating: 0x20)
    let words = unsafeBitCast(quote | backslash | control | v, to: SIMD2<UInt64>.self)
    return (words[0] & 0x8080_8080_8080_8080, words[1] & 0x8080_8080_8080_8080)
  }

  /// Whether `c` ends the fast path of `scanString` (see `attentionMask`).
  @inlinable @inline(__always) package static func needsAttention(_ c: UInt8) -> Bool {
    c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80
  }

  /// Scans the string whose opening quote is at `pos`; `pos` ends after the
  /// closing quote. Checks escapes and UTF-8; decodes nothing.
  ///
  /// Sixteen bytes at a time while sixteen remain (`attentionMasks` finds
  /// the first byte that is not plain ASCII text), then eight at a time
  /// (`attentionMask`), byte by byte in the last seven; however it is found,
  /// that byte is handled once, below.
  @inlinable @inline(__always) package mutating func scanString() throws(JSONSyntaxError) -> JSONRawString {
    assert(base[pos] == UInt8(ascii: "\""), "the caller has seen the opening quote")
    let start = pos &+ 1
    var i = start
    var escaped = false
    let raw = UnsafeRawPointer(base)
    while true {
      #if _endian(little)
        if i &+ 16 <= count {
          let masks = Self.attentionMasks(raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
          if masks.low | masks.high == 0 {
            i &+= 16
            continue
          }
          i &+=
            masks.low != 0 ? masks.low.trailingZeroBitCount &>> 3 : 8 &+ masks.high.trailingZeroBitCount &>> 3
        } else if i &+ 8 <= count {
          let mask = Self.attentionMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
          if mask == 0 {
            i &+= 8
            continue
          }
          i &+= mask.trailingZeroBitCount &>> 3
        } else {
          guard i < count else { throw endOfInput(" inside a string") }
          if !Self.needsAttention(base[i]) {
            i &+= 1
            continue
          }
        }
      #else
        guard i < count else { throw endOfInput(" inside a string") }
        if !Self.needsAttention(base[i]) {
          i &+= 1
          continue
        }
      #endif
      let c = base[i]
      if c == 0x22 {
        pos = i &+ 1
        return JSONRawString(start: start, end: i, escaped: escaped)
      }
      if c == 0x5C {
        escaped = true
        i = try checkEscape(at: i)
      } else if c >= 0x80 {
        i = try checkUTF8(at: i)
      } else {
        throw JSONSyntaxError(offset: i, message: "unescaped control character \(Self.describeByte(c)) in a string")
      }
    }
  }

  @inlinable @inline(__always) package static func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: UInt32(c &- 0x30)
    case 0x41...0x46: UInt32(c &- 0x41 &+ 10)
    case 0x61...0x66: UInt32(c &- 0x61 &+ 10)
    default: nil
    }
  }

  private func hex4(at i: Int) throws(JSONSyntaxError) -> UInt32 {
    var v: UInt32 = 0
    for k in 0..<4 {
      guard i &+ k < count else { throw endOfInput(" inside a string") }
      guard let h = Self.hexValue(base[i &+ k]) else {
        throw unexpected(at: i &+ k, expecting: "a hex digit in a \\u escape")
      }
      v = v << 4 | h
    }
    return v
  }

  /// Checks the escape at `i` (a backslash); returns the offset after it.
  @usableFromInline package func checkEscape(at i: Int) throws(JSONSyntaxError) -> Int {
    guard i &+ 1 < count else { throw endOfInput(" inside a string") }
    switch base[i &+ 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return i &+ 2
    case UInt8(ascii: "u"):
      let v = try hex4(at: i &+ 2)
      if v >= 0xDC00, v <= 0xDFFF {
        throw JSONSyntaxError(offset: i, message: "unpaired low surrogate in a \\u escape")
      }
      guard v >= 0xD800, v <= 0xDBFF else { return i &+ 6 }
      // Input that ends where the low half would be is truncated; anything
      // else there leaves the high half unpaired.
      guard i &+ 6 < count else { throw endOfInput(" inside a string") }
      guard base[i &+ 6] == 0x5C else {
        throw JSONSyntaxError(offset: i, message: "unpaired high surrogate in a \\u escape")
      }
      guard i &+ 7 < count else { throw endOfInput(" inside a string") }
      guard base[i &+ 7] == UInt8(ascii: "u") else {
        throw JSONSyntaxError(offset: i, message: "unpaired high surrogate in a \\u escape")
      }
      let low = try hex4(at: i &+ 8)
      guard low >= 0xDC00, low <= 0xDFFF else {
        throw JSONSyntaxError(offset: i, message: "unpaired high surrogate in a \\u escape")
      }
      return i &+ 12
    default:
      let c = base[i &+ 1]
      // Only an ASCII byte is shown as itself: a lead byte alone is no character.
      let shown = c >= 0x20 && c < 0x7F ? "'\\\(String(UnicodeScalar(c)))'" : "\\ followed by \(Self.describeByte(c))"
      throw JSONSyntaxError(offset: i, message: "invalid escape \(shown) in a string")
    }
  }

  /// Checks the UTF-8 sequence that starts at `i` (a byte ≥ 0x80): no
  /// overlong forms, no surrogates, nothing above U+10FFFF.
  @usableFromInline package func checkUTF8(at i: Int) throws(JSONSyntaxError) -> Int {
    let c = base[i]
    var need: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch c {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; low = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: need = 2
    case 0xED: need = 2; high = 0x9F
    case 0xF0: need = 3; low = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; high = 0x8F
    default: throw invalidUTF8(at: i)
    }
    let lead = i
    var k = i &+ 1
    while need > 0 {
      guard k < count else { throw endOfInput(" inside a string") }
      let b = base[k]
      guard b >= low, b <= high else { throw invalidUTF8(at: lead) }
      low = 0x80
      high = 0xBF
      need &-= 1
      k &+= 1
    }
    return k
  }

  private func invalidUTF8(at i: Int) -> JSONSyntaxError {
    JSONSyntaxError(offset: i, message: "invalid UTF-8 sequence starting with \(Self.describeByte(base[i]))")
  }

  /// The string's value; escapes (already checked) are decoded.
  @inlinable @inline(__always) package func string(_ s: JSONRawString) -> String {
    if !s.escaped {
      return String(decoding: UnsafeBufferPointer(start: base + s.start, count: s.end &- s.start), as: UTF8.self)
    }
    return String(decoding: unescaped(s), as: UTF8.self)
  }

  /// The UTF-8 bytes of a string's value: escapes (already checked) decoded.
  @usableFromInline package func unescaped(_ s: JSONRawString) -> [UInt8] {
    Self.unescaped(s, in: base)
  }

  /// The UTF-8 bytes of the value of `s`, a string of the input at `base`
  /// that a tokenizer has scanned (so its escapes are checked).
  @usableFromInline package static func unescaped(_ s: JSONRawString, in base: UnsafePointer<UInt8>) -> [UInt8] {
    guard s.escaped else { return Array(UnsafeBufferPointer(start: base + s.start, count: s.end - s.start)) }
    var out: [UInt8] = []
    out.reserveCapacity(s.end - s.start)
    var i = s.start
    func append(scalar v: UInt32) {
      if v < 0x80 {
        out.append(UInt8(v))
      } else if v < 0x800 {
        out.append(UInt8(0xC0 | v >> 6))
        out.append(UInt8(0x80 | v & 0x3F))
      } else if v < 0x10000 {
        out.append(UInt8(0xE0 | v >> 12))
        out.append(UInt8(0x80 | v >> 6 & 0x3F))
        out.append(UInt8(0x80 | v & 0x3F))
      } else {
        out.append(UInt8(0xF0 | v >> 18))
        out.append(UInt8(0x80 | v >> 12 & 0x3F))
        out.append(UInt8(0x80 | v >> 6 & 0x3F))
        out.append(UInt8(0x80 | v & 0x3F))
      }
    }
    func hex(_ at: Int) -> UInt32 {
      var v: UInt32 = 0
      for k in 0..<4 {
        let digit = hexValue(base[at + k])
        assert(digit != nil, "scanString checked every \\u escape")
        v = v << 4 | (digit ?? 0)
      }
      return v
    }
    while i < s.end {
      let c = base[i]
      guard c == 0x5C else {
        out.append(c)
        i += 1
        continue
      }
      let e = base[i + 1]
      switch e {
      case UInt8(ascii: "b"): out.append(0x08); i += 2
      case UInt8(ascii: "f"): out.append(0x0C); i += 2
      case UInt8(ascii: "n"): out.append(0x0A); i += 2
      case UInt8(ascii: "r"): out.append(0x0D); i += 2
      case UInt8(ascii: "t"): out.append(0x09); i += 2
      case UInt8(ascii: "u"):
        let v = hex(i + 2)
        if v >= 0xD800, v <= 0xDBFF {
          let low = hex(i + 8)
          assert(low >= 0xDC00 && low <= 0xDFFF, "checkEscape refuses an unpaired surrogate")
          append(scalar: 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
          i += 12
        } else {
          append(scalar: v)
          i += 6
        }
      default: out.append(e); i += 2  // `"`, `\`, `/`
      }
    }
    return out
  }

  /// Whether the string's bytes equal `word` (a key of a schema, which has
  /// no escapes): identity is bytes, as in Go, never Unicode equivalence.
  @inlinable @inline(__always) package func matches(_ s: JSONRawString, _ word: StaticString) -> Bool {
    Self.matches(base + s.start, s.end &- s.start, word)
  }

  /// Whether the `n` bytes at `p` are those of `word`. Compared a word at a
  /// time, the last (possibly overlapping) word loaded whole, and below 8
  /// bytes as two overlapping halves or quarters: no byte loop, and no load
  /// outside either side's bytes.
  @inlinable @inline(__always) package static func matches(
    _ p: UnsafePointer<UInt8>, _ n: Int, _ word: StaticString
  ) -> Bool {
    n == word.utf8CodeUnitCount && RawBytes.equal(p, word.utf8Start, count: n)
  }
}
