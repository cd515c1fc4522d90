/// Strings: the one place where the writer looks at the bytes it writes.
///
/// Almost every string Reclaim writes (ids, names, reasons) needs no
/// escaping. `needsEscaping` finds that out many bytes at a time, and such
/// a string is then copied whole, quotes and all, in one token. A string
/// that does need escaping is escaped byte by byte (`writeEscaped`, the
/// general path); the tests check that both paths agree.
extension CanonicalJSONWriter {
  /// Writes `"value"` followed by `suffix` bytes of `": "` (0 for a value,
  /// 1 or 2 for a key).
  @inlinable @inline(__always)
  mutating func quoted(_ value: String, suffix: Int) {
    // Native strings lend their UTF-8 in place: no copy, no retain.
    let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
      quoted(utf8, suffix: suffix)
    }
    if done == nil { quotedCopy(value, suffix: suffix) }
  }

  /// `quoted` for a string that keeps no contiguous UTF-8 (a bridged one).
  @usableFromInline
  mutating func quotedCopy(_ value: String, suffix: Int) {
    var text = value
    text.withUTF8 { quoted($0, suffix: suffix) }
  }

  @inlinable @inline(__always)
  mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>, suffix: Int) {
    guard !Self.needsEscaping(utf8) else {
      quotedEscaping(utf8, suffix: suffix)
      return
    }
    let n = utf8.count
    token(upTo: n &+ 4) { p in
      p.initialize(to: UInt8(ascii: "\""))
      if let base = utf8.baseAddress { (p + 1).initialize(from: base, count: n) }
      return Self.close(at: p + (n &+ 1), suffix: suffix) &+ n &+ 1
    }
  }

  /// `quoted` through the general path.
  @usableFromInline
  mutating func quotedEscaping(_ utf8: UnsafeBufferPointer<UInt8>, suffix: Int) {
    // An escaped byte takes at most six (`\u00xx`).
    token(upTo: 6 &* utf8.count &+ 4) { p in
      p.initialize(to: UInt8(ascii: "\""))
      let n = Self.writeEscaped(utf8, at: p + 1)
      return Self.close(at: p + (n &+ 1), suffix: suffix) &+ n &+ 1
    }
  }

  /// Writes the closing quote and `suffix` bytes of `": "` at `p`.
  @inlinable @inline(__always)
  static func close(at p: UnsafeMutablePointer<UInt8>, suffix: Int) -> Int {
    p.initialize(to: UInt8(ascii: "\""))
    if suffix > 0 { p[1] = UInt8(ascii: ":") }
    if suffix > 1 { p[2] = 32 }
    return suffix &+ 1
  }

  /// Whether any byte is a control character, `"` or `\`.
  ///
  /// Tested many bytes at once with the bit tricks of "Determine if a word
  /// has a byte less than n": a word has a byte below `n` (n ≤ 128) exactly
  /// when `(w - n·0x01…01) & ~w & 0x80…80` is not zero. A byte is a control
  /// character or `"` exactly when, XORed with 0x02, it is below 0x21 (the
  /// control characters map onto themselves, `"` onto 0x20); it is `\`
  /// exactly when, XORed with 0x5C, it is below 1. Bytes of 0x80 and above
  /// never match, as the escaping needs. The formulas are exact for the
  /// whole word, not byte by byte, which is all this question needs.
  ///
  /// Sixteen bytes at a time in vector lanes (no borrow crosses a lane) for
  /// long strings, then one overlapping last block; shorter strings are
  /// read as two overlapping words, and only strings under four bytes byte
  /// by byte.
  @usableFromInline
  static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = utf8.count
    guard let base = UnsafeRawPointer(utf8.baseAddress) else { return false }
    if n >= 16 {
      typealias Lanes = SIMD16<UInt8>
      @inline(__always) func flags(_ b: Lanes) -> Lanes {
        let x = b ^ Lanes(repeating: 0x02), y = b ^ Lanes(repeating: 0x5C)
        return ((x &- Lanes(repeating: 0x21)) & ~x) | ((y &- Lanes(repeating: 0x01)) & ~y)
      }
      var found = Lanes()
      var i = 0
      while i &+ 16 <= n {
        found |= flags(base.loadUnaligned(fromByteOffset: i, as: Lanes.self))
        i &+= 16
      }
      if i < n { found |= flags(base.loadUnaligned(fromByteOffset: n &- 16, as: Lanes.self)) }
      let words = unsafeBitCast(found, to: SIMD2<UInt64>.self)
      return (words[0] | words[1]) & 0x8080_8080_8080_8080 != 0
    }
    @inline(__always) func flags(_ w: UInt64) -> UInt64 {
      let x = w ^ 0x0202_0202_0202_0202, y = w ^ 0x5C5C_5C5C_5C5C_5C5C
      return ((x &- 0x2121_2121_2121_2121) & ~x) | ((y &- 0x0101_0101_0101_0101) & ~y)
    }
    let high: UInt64 = 0x8080_8080_8080_8080
    if n >= 8 {
      let first = base.loadUnaligned(as: UInt64.self)
      let last = base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
      return (flags(first) | flags(last)) & high != 0
    }
    if n >= 4 {
      // Both halves in one word; the overlap is checked twice, harmlessly.
      let first = UInt64(base.loadUnaligned(as: UInt32.self))
      let last = UInt64(base.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
      return flags(first | last << 32) & high != 0
    }
    for i in 0..<n where needsEscaping(utf8[i]) { return true }
    return false
  }

  /// Whether one byte is a control character, `"` or `\`.
  @inline(__always)
  static func needsEscaping(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
  }

  /// Writes `utf8` escaped byte by byte at `p`, which has room for six
  /// bytes per byte, and returns the count written: the general path.
  static func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>, at p: UnsafeMutablePointer<UInt8>) -> Int {
    var n = 0
    @inline(__always) func put(_ byte: UInt8) {
      p[n] = byte
      n &+= 1
    }
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(92); put(byte)
      case 0x08: put(92); put(UInt8(ascii: "b"))
      case 0x0C: put(92); put(UInt8(ascii: "f"))
      case 0x0A: put(92); put(UInt8(ascii: "n"))
      case 0x0D: put(92); put(UInt8(ascii: "r"))
      case 0x09: put(92); put(UInt8(ascii: "t"))
      case 0..<0x20:
        put(92); put(UInt8(ascii: "u")); put(48); put(48)
        put(hexDigit(byte >> 4)); put(hexDigit(byte & 0xF))
      default: put(byte)
      }
    }
    return n
  }

  /// The general path alone over a whole string: the bytes `string` must
  /// write between the quotes, whichever path it takes (tests compare).
  static func escapedByteByByte(_ utf8: [UInt8]) -> [UInt8] {
    [UInt8](unsafeUninitializedCapacity: 6 * utf8.count) { room, count in
      guard let p = room.baseAddress else { return }
      count = utf8.withUnsafeBufferPointer { writeEscaped($0, at: p) }
    }
  }

  /// Lowercase, as RFC 8785 requires.
  @inline(__always) private static func hexDigit(_ v: UInt8) -> UInt8 {
    v < 10 ? v &+ 48 : v &+ (UInt8(ascii: "a") &- 10)
  }
}
