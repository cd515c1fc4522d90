/// Random text in the shapes runtimes and the API server hand out.
extension FleetRandom {
  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
  /// The alphabet of Kubernetes' generated name suffixes
  /// (`k8s.io/apimachinery/pkg/util/rand`): no vowels, no look-alikes.
  private static let nameAlphabet: [UInt8] = Array("bcdfghjklmnpqrstvwxz2456789".utf8)
  private static let base36: [UInt8] = Array("0123456789abcdefghijklmnopqrstuvwxyz".utf8)

  /// `count` lowercase hex digits (runtime ids: 64 for containerd, CRI-O and
  /// Docker; 32 and 24 as some runtimes and collectors shorten them).
  mutating func hex(_ count: Int) -> String {
    String(unsafeUninitializedCapacity: count) { buffer in
      var i = 0
      while i < count {
        var word = next()
        // 16 digits per 64-bit word.
        for _ in 0..<min(16, count - i) {
          buffer[i] = Self.hexDigits[Int(word & 0xF)]
          word >>= 4
          i += 1
        }
      }
      return count
    }
  }

  /// A version-4 UUID, as the API server gives pods their `uid`.
  mutating func uuid() -> String {
    // Version 4 in the 13th digit, the RFC 4122 variant (8, 9, a or b) in
    // the 17th; the other 122 bits random.
    let high = next() & ~0xF000 | 0x4000
    let low = next() & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
    return String(unsafeUninitializedCapacity: 36) { buffer in
      var o = 0
      for (word, digit) in [(high, 0), (low, 16)] {
        for k in 0..<16 {
          let position = digit + k
          if position == 8 || position == 12 || position == 16 || position == 20 {
            buffer[o] = UInt8(ascii: "-")
            o += 1
          }
          buffer[o] = Self.hexDigits[Int(word >> UInt64(60 - 4 * k) & 0xF)]
          o += 1
        }
      }
      return o
    }
  }

  /// An image id: `sha256:` and 64 hex digits, as CRI `ListImages` reports it.
  mutating func imageID() -> String { "sha256:" + hex(64) }

  /// `count` characters of Kubernetes' name-suffix alphabet (`web-7d9f8-x2x9z`).
  mutating func nameSuffix(_ count: Int) -> String { text(count, from: Self.nameAlphabet) }

  /// `count` base-36 characters (lower case).
  mutating func base36(_ count: Int) -> String { text(count, from: Self.base36) }

  private mutating func text(_ count: Int, from alphabet: [UInt8]) -> String {
    String(unsafeUninitializedCapacity: count) { buffer in
      for i in 0..<count { buffer[i] = alphabet[below(alphabet.count)] }
      return count
    }
  }

  /// `value` in base 36, zero-padded to `width` characters (`value < 36^width`).
  static func base36(_ value: Int, width: Int) -> String {
    String(unsafeUninitializedCapacity: width) { buffer in
      var v = value
      for i in stride(from: width - 1, through: 0, by: -1) {
        buffer[i] = base36[v % 36]
        v /= 36
      }
      return width
    }
  }
}
