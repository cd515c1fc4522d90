/// The strings of at most 15 UTF-8 bytes of one snapshot, each made once.
///
/// `String` keeps such a string inline, without an allocation, so there is
/// nothing to share; but making one (`String(decoding:as:)`) validates the
/// bytes again and copies them one by one, while the same names
/// (namespaces, container names) come back thousands of times a snapshot.
/// A lookup here is two 8-byte loads, two multiplies and two compares.
///
/// The cache is direct-mapped: each key has one slot, and a string whose
/// slot holds another replaces it. So there are no probe sequences for
/// crafted input to lengthen: at worst every lookup misses and makes its
/// string, as without the cache. The key is the bytes themselves (zero
/// padded, the length in the top byte), so a hit is exact: no hash is
/// trusted for equality.
///
/// Owns its slots (freed when it goes); it keeps no pointer into the input.
struct ShortStrings: ~Copyable {
  /// The longest string kept; `String`'s inline capacity on 64-bit platforms.
  static let maximumCount = 15

  private struct Slot {
    /// Bytes 0–7, zero past the end.
    var low: UInt64
    /// Bytes 8–14, zero past the end, and the length in bits 56–63.
    var high: UInt64
    var value: String
  }

  private static let slotBits = 8
  private let slots: UnsafeMutablePointer<Slot>

  init() {
    slots = .allocate(capacity: 1 << Self.slotBits)
    // The empty key (length 0) with the empty string: every slot starts valid.
    slots.initialize(repeating: Slot(low: 0, high: 0, value: ""), count: 1 << Self.slotBits)
  }

  deinit {
    slots.deinitialize(count: 1 << Self.slotBits)
    slots.deallocate()
  }

  /// The key of the `n` (≤ 15) bytes at `p`: bytes 0–7 in the first word,
  /// 8–14 in the second, zero past the end, the length in the top byte of
  /// the second. With `wide`, 16 bytes can be read at `p` (the caller knows
  /// the input goes on that far); otherwise only the `n` bytes are read,
  /// one at a time.
  @inline(__always) static func key(_ p: UnsafePointer<UInt8>, _ n: Int, wide: Bool) -> (low: UInt64, high: UInt64) {
    assert(n >= 0 && n <= maximumCount)
    var low: UInt64 = 0
    var high: UInt64 = 0
    if wide {
      let raw = UnsafeRawPointer(p)
      // A mask of the first k bytes: `<<` by 64 or more gives 0 in Swift.
      let lowBytes = UInt64(truncatingIfNeeded: min(n, 8) &* 8)
      let highBytes = UInt64(truncatingIfNeeded: max(n &- 8, 0) &* 8)
      // Read little-endian on any platform, so that byte k is at bits 8k
      // as in the loop below.
      low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & ~(UInt64.max << lowBytes)
      high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & ~(UInt64.max << highBytes)
    } else {
      var k = 0
      while k < n {
        let byte = UInt64(p[k]) &<< UInt64(truncatingIfNeeded: (k & 7) &* 8)
        if k < 8 { low |= byte } else { high |= byte }
        k &+= 1
      }
    }
    return (low, high | UInt64(truncatingIfNeeded: n) &<< 56)
  }

  /// The string of the `n` (≤ 15) bytes at `p`, which are valid UTF-8 (the
  /// tokenizer checked them); `wide` as for `key`.
  @inline(__always) mutating func string(_ p: UnsafePointer<UInt8>, _ n: Int, wide: Bool) -> String {
    let key = Self.key(p, n, wide: wide)
    let mixed = (key.low ^ (key.high &* 0x9E37_79B9_7F4A_7C15)) &* 0xC2B2_AE3D_27D4_EB4F
    let slot = slots + Int(truncatingIfNeeded: mixed &>> UInt64(64 &- Self.slotBits))
    if slot.pointee.low == key.low, slot.pointee.high == key.high { return slot.pointee.value }
    return fill(slot, key, p, n)
  }

  @inline(never) private func fill(
    _ slot: UnsafeMutablePointer<Slot>, _ key: (low: UInt64, high: UInt64), _ p: UnsafePointer<UInt8>, _ n: Int
  ) -> String {
    let value = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    slot.pointee = Slot(low: key.low, high: key.high, value: value)
    return value
  }
}
