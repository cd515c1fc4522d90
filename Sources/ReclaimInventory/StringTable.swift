/// Interns the strings of one snapshot and finds duplicate ids.
///
/// The same pod uid, sandbox id and image id appear many times in a snapshot
/// (containers name their pod, sandbox and image); interning makes each
/// repetition a retain instead of an allocation and a UTF-8 validation.
/// Each entry also remembers which id lists claimed it, so duplicate ids are
/// found with the same lookup, without a `Set<String>` and its SipHash.
///
/// The hash is a fast multiply-xorshift over 8-byte words, seeded per process
/// so that crafted collisions cannot be prepared in advance.
struct StringTable {
  /// Claim bits: which list holds the string as its identity.
  static let containerId: UInt8 = 1
  static let sandboxId: UInt8 = 2
  static let imageId: UInt8 = 4
  static let podUid: UInt8 = 8

  private static let seed = UInt64.random(in: 1...UInt64.max)

  private var mask: Int
  private var used = 0
  private let seed: UInt64
  /// 0 marks an empty slot; stored hashes are never 0.
  private var hashes: [UInt64]
  private var values: [String]
  private var claims: [UInt8]

  init(capacity: Int = 512) {
    mask = capacity - 1
    seed = Self.seed
    hashes = [UInt64](repeating: 0, count: capacity)
    values = [String](repeating: "", count: capacity)
    claims = [UInt8](repeating: 0, count: capacity)
  }

  @inline(__always) func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    var h = seed ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
    let raw = UnsafeRawPointer(p)
    var i = 0
    while i &+ 8 <= n {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
      h ^= h >> 31
      i &+= 8
    }
    if i < n {
      var w: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        w |= UInt64(p[i]) << shift
        shift &+= 8
        i &+= 1
      }
      h = (h ^ w) &* 0x94D0_49BB_1331_11EB
      h ^= h >> 29
    }
    return h | 1
  }

  @inline(__always) static func equal(_ value: String, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let same = value.utf8.withContiguousStorageIfAvailable { v -> Bool in
      guard v.count == n, let vp = v.baseAddress else { return v.count == n }
      let a = UnsafeRawPointer(vp)
      let b = UnsafeRawPointer(p)
      var i = 0
      while i &+ 8 <= n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
          return false
        }
        i &+= 8
      }
      while i < n {
        if vp[i] != p[i] { return false }
        i &+= 1
      }
      return true
    }
    return same ?? false
  }

  /// The string with these UTF-8 bytes (already validated), made once per
  /// snapshot. With `claim`, `isDuplicate` is true when the same claim was
  /// already made for an equal string.
  @inline(__always) mutating func intern(
    _ p: UnsafePointer<UInt8>, _ n: Int, claim: UInt8 = 0
  ) -> (value: String, isDuplicate: Bool) {
    let h = hash(p, n)
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let stored = hashes[slot]
      if stored == 0 { break }
      if stored == h, Self.equal(values[slot], p, n) {
        let previous = claims[slot]
        claims[slot] = previous | claim
        return (values[slot], previous & claim != 0)
      }
      slot = (slot &+ 1) & mask
    }
    let value = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    hashes[slot] = h
    values[slot] = value
    claims[slot] = claim
    used &+= 1
    if used &* 2 > mask { grow() }
    return (value, false)
  }

  private mutating func grow() {
    let oldHashes = hashes
    let oldValues = values
    let oldClaims = claims
    let capacity = (mask + 1) * 2
    mask = capacity - 1
    hashes = [UInt64](repeating: 0, count: capacity)
    values = [String](repeating: "", count: capacity)
    claims = [UInt8](repeating: 0, count: capacity)
    for k in 0..<oldHashes.count where oldHashes[k] != 0 {
      var slot = Int(truncatingIfNeeded: oldHashes[k]) & mask
      while hashes[slot] != 0 { slot = (slot &+ 1) & mask }
      hashes[slot] = oldHashes[k]
      values[slot] = oldValues[k]
      claims[slot] = oldClaims[k]
    }
  }
}
