/// The byte primitives the hot paths share — the tokenizer's key matching,
/// the reader's string table, the engine's id numbering and orders — so
/// that there is one equality of byte runs and one seeded hash.
@usableFromInline package enum RawBytes {
  /// Whether the `n` bytes at `a` and `b` are the same: a word at a time,
  /// the last (possibly overlapping) word loaded whole, below 8 bytes as two
  /// overlapping halves or quarters; no byte loop, and no load outside
  /// either side's bytes.
  @inlinable @inline(__always) package static func equal(
    _ a: UnsafeRawPointer, _ b: UnsafeRawPointer, count n: Int
  ) -> Bool {
    if n >= 8 {
      var i = 0
      while i &+ 8 < n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
          return false
        }
        i &+= 8
      }
      return a.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        == b.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
    }
    if n >= 4 {
      return a.loadUnaligned(as: UInt32.self) == b.loadUnaligned(as: UInt32.self)
        && a.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
          == b.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
    }
    if n >= 2 {
      return a.loadUnaligned(as: UInt16.self) == b.loadUnaligned(as: UInt16.self)
        && a.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self)
          == b.loadUnaligned(fromByteOffset: n &- 2, as: UInt16.self)
    }
    return n == 0 || a.load(as: UInt8.self) == b.load(as: UInt8.self)
  }

  /// The high and low halves of the 128-bit product, folded (wyhash's
  /// "mum"): one multiply mixes 16 bytes.
  @inlinable @inline(__always) package static func fold(_ a: UInt64, _ b: UInt64) -> UInt64 {
    let (high, low) = a.multipliedFullWidth(by: b)
    return high ^ low
  }

  /// A wyhash-style hash of the `n` bytes at `p`: 16 bytes per multiply,
  /// the last (possibly overlapping) 16 bytes read as two words, so no byte
  /// loop. Every operand carries the seed, so a chosen input cannot zero a
  /// product without knowing it; the final fold makes the low bits (a
  /// slot) and the high half (a tag) depend on every byte.
  @inlinable @inline(__always) package static func hash(
    _ p: UnsafeRawPointer?, count n: Int, seed: UInt64
  ) -> UInt64 {
    var h = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
    var a: UInt64 = 0
    var b: UInt64 = 0
    if let p, n > 0 {
      if n >= 8 {
        var i = 0
        while n &- i > 16 {
          h = fold(
            p.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ seed ^ 0xA076_1D64_78BD_642F,
            p.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self) ^ h)
          i &+= 16
        }
        a = p.loadUnaligned(fromByteOffset: n > 16 ? n &- 16 : 0, as: UInt64.self)
        b = p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
      } else if n >= 4 {
        a = UInt64(p.loadUnaligned(as: UInt32.self))
        b = UInt64(p.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self))
      } else {
        let bytes = p.assumingMemoryBound(to: UInt8.self)
        a = UInt64(bytes[0]) << 16 | UInt64(bytes[n &>> 1]) << 8 | UInt64(bytes[n &- 1])
      }
    }
    h = fold(a ^ seed ^ 0xE703_7ED1_A0B4_28DB, b ^ h)
    return fold(h ^ 0x8EBC_6AF0_9C88_C6E3, seed ^ 0x5899_65CC_7537_4CC3)
  }
}
