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

  /// One slot of the open-addressing index; `hash == 0` marks it empty.
  private struct Slot {
    var hash: UInt64
    /// Offset of the string's bytes in the input, or -1 when they were
    /// unescaped elsewhere (then `values[index]` is compared instead).
    var start: Int
    var index: Int32
    var claims: UInt8
  }

  private var mask: Int
  private let seed: UInt64
  /// Unsafe storage: the table is owned by one decode (which calls
  /// `release()`), and bounds are kept by the mask.
  private var slots: UnsafeMutablePointer<Slot>
  /// The distinct strings, densely, so that only used entries are released.
  private var values: [String] = []
  private let input: UnsafePointer<UInt8>

  init(input: UnsafePointer<UInt8>, capacity: Int = 512) {
    self.input = input
    mask = capacity - 1
    seed = Self.seed
    slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    slots.initialize(repeating: Slot(hash: 0, start: 0, index: 0, claims: 0), count: capacity)
    values.reserveCapacity(capacity / 2)
  }

  /// Frees the index; the table must not be used afterwards.
  func release() {
    slots.deallocate()
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

  @inline(__always) static func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let x = UnsafeRawPointer(a)
    let y = UnsafeRawPointer(b)
    var i = 0
    while i &+ 8 <= n {
      if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
        return false
      }
      i &+= 8
    }
    while i < n {
      if a[i] != b[i] { return false }
      i &+= 1
    }
    return true
  }

  @inline(__always) private func equal(_ slot: Slot, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let value = values[Int(slot.index)]
    if slot.start >= 0 {
      return value.utf8.count == n && Self.equalBytes(input + slot.start, p, n)
    }
    let same = value.utf8.withContiguousStorageIfAvailable { v -> Bool in
      guard v.count == n, let vp = v.baseAddress else { return v.count == n }
      return Self.equalBytes(vp, p, n)
    }
    return same ?? false
  }

  /// The string with these UTF-8 bytes (already validated), made once per
  /// snapshot; `p` points into the input, or elsewhere when `inInput` is
  /// false (unescaped bytes). With `claim`, `isDuplicate` is true when the
  /// same claim was already made for an equal string.
  @inline(__always) mutating func intern(
    _ p: UnsafePointer<UInt8>, _ n: Int, inInput: Bool = true, claim: UInt8 = 0
  ) -> (value: String, isDuplicate: Bool) {
    let h = hash(p, n)
    var k = Int(truncatingIfNeeded: h) & mask
    while true {
      let slot = slots[k]
      if slot.hash == 0 { break }
      if slot.hash == h, equal(slot, p, n) {
        slots[k].claims = slot.claims | claim
        return (values[Int(slot.index)], slot.claims & claim != 0)
      }
      k = (k &+ 1) & mask
    }
    let value = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    slots[k] = Slot(hash: h, start: inInput ? p - input : -1, index: Int32(truncatingIfNeeded: values.count), claims: claim)
    values.append(value)
    if values.count &* 2 > mask { grow() }
    return (value, false)
  }

  private mutating func grow() {
    let old = slots
    let oldCapacity = mask + 1
    let capacity = oldCapacity * 2
    mask = capacity - 1
    slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    slots.initialize(repeating: Slot(hash: 0, start: 0, index: 0, claims: 0), count: capacity)
    for j in 0..<oldCapacity where old[j].hash != 0 {
      var k = Int(truncatingIfNeeded: old[j].hash) & mask
      while slots[k].hash != 0 { k = (k &+ 1) & mask }
      slots[k] = old[j]
    }
    old.deallocate()
  }
}
