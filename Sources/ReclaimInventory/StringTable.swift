import ReclaimCore

/// Interns the strings of one snapshot and finds duplicate ids.
///
/// The same pod uid, sandbox id and image id appear many times in a snapshot
/// (containers name their pod, sandbox and image); interning makes each
/// repetition a retain instead of an allocation and a UTF-8 validation.
/// Each entry also remembers which id lists claimed it, so duplicate ids are
/// found with the same lookup, without a `Set<String>` and its SipHash.
///
/// The hash is wyhash-style (a 64×64→128-bit multiply per 16 bytes), seeded
/// per process so that crafted collisions cannot be prepared in advance.
///
/// Strings are equal when their UTF-8 bytes are: ids are Go strings, and two
/// spellings Unicode calls equivalent (`"caf\u{E9}"`, `"cafe\u{301}"`) are
/// two ids, as they are to the kubelet.
///
/// The table owns its index (freed when it goes); it reads the input it was
/// made for, so it lives inside the decode that keeps the input alive.
struct StringTable: ~Copyable {
  /// Which lists hold a string as their identity.
  struct Claim: OptionSet {
    let rawValue: UInt8

    static let containerId = Claim(rawValue: 1)
    static let sandboxId = Claim(rawValue: 2)
    static let imageId = Claim(rawValue: 4)
    static let podUid = Claim(rawValue: 8)
  }

  private static let seed = UInt64.random(in: 1...UInt64.max)

  /// One slot of the open-addressing index; `hash == 0` marks it empty.
  private struct Slot {
    var hash: UInt64
    /// Offset of the string's bytes in the input, or -1 when they were
    /// unescaped elsewhere (then `values[index]` is compared instead).
    var start: Int
    /// The string's length in bytes.
    var count: Int
    /// The string in `values`, or -1 while the table keeps no copy of it.
    var index: Int32
    var claims: Claim
  }

  private var mask: Int
  private let seed: UInt64
  /// Owned by the table (freed by `deinit`); indices are kept in bounds by the mask.
  private var slots: UnsafeMutablePointer<Slot>
  /// The distinct strings, densely, so that only used entries are released.
  private var values: [String] = []
  /// How many slots are used (strings without a kept copy included).
  private var used = 0
  private let input: UnsafePointer<UInt8>

  init(input: UnsafePointer<UInt8>, capacity: Int = 512) {
    self.input = input
    mask = capacity - 1
    seed = Self.seed
    slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    assert(capacity > 0 && capacity & (capacity - 1) == 0, "the mask needs a power of two")
    slots.initialize(repeating: Slot(hash: 0, start: 0, count: 0, index: 0, claims: []), count: capacity)
    values.reserveCapacity(capacity / 2)
  }

  /// A table sized for a snapshot of `count` bytes, so that it seldom grows:
  /// snapshots hold about one distinct id per 300 bytes, and a slot per 128
  /// bytes keeps the load under a half with room to spare. Never fewer than
  /// 64 slots, and the estimate stops at 65,536 (2 MiB): past that the
  /// table grows as the strings come, not for bytes that may hold none.
  init(input: UnsafePointer<UInt8>, count: Int) {
    let wanted = min(max(count / 128, 64), 1 << 16)
    self.init(input: input, capacity: 1 << (Int.bitWidth - (wanted - 1).leadingZeroBitCount))
  }

  deinit {
    slots.deallocate()
  }

  /// The string hash (`RawBytes.hash`, seeded per process); never 0,
  /// which marks an empty slot.
  @inline(__always) func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
    RawBytes.hash(p, count: n, seed: seed) | 1
  }

  @inline(__always) static func equalBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    RawBytes.equal(a, b, count: n)
  }

  @inline(__always) private func equal(_ slot: Slot, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    guard slot.count == n else { return false }
    if slot.start >= 0 { return Self.equalBytes(input + slot.start, p, n) }
    let same = values[Int(slot.index)].utf8.withContiguousStorageIfAvailable { v -> Bool in
      guard let vp = v.baseAddress else { return n == 0 }
      return Self.equalBytes(vp, p, n)
    }
    return same ?? false
  }

  /// One interned string: the value, where the table keeps it (`index`
  /// for `value(at:)`, -1 when it keeps no copy) and whether its claim was
  /// already made.
  struct Entry {
    var value: String
    var index: Int32
    var isDuplicate: Bool
  }

  /// The kept string at `index` (from an `Entry`).
  @inline(__always) func value(at index: Int32) -> String { values[Int(index)] }

  /// The string of the `n` input bytes at `start` (already validated);
  /// see `intern(_:_:inInput:claim:)`.
  @inline(__always) mutating func intern(inputAt start: Int, count n: Int, claim: Claim) -> Entry {
    intern(input + start, n, claim: claim)
  }

  /// The string of unescaped bytes (already validated), which are not in
  /// the input; see `intern(_:_:inInput:claim:)`.
  mutating func intern(unescaped bytes: [UInt8], claim: Claim) -> Entry {
    bytes.withUnsafeBufferPointer { b in
      // An escaped string has at least one byte, so the buffer has an address.
      guard let p = b.baseAddress else { return Entry(value: "", index: -1, isDuplicate: false) }
      return intern(p, b.count, inInput: false, claim: claim)
    }
  }

  /// The string with these UTF-8 bytes (already validated), made once per
  /// snapshot; `p` points into the input, or elsewhere when `inInput` is
  /// false (unescaped bytes). With `claim`, `isDuplicate` is true when the
  /// same claim was already made for a string of the same bytes. Bytes
  /// `claim(inputAt:count:claim:)` recorded without a string get their
  /// string the first time one is asked for.
  @inline(__always) private mutating func intern(
    _ p: UnsafePointer<UInt8>, _ n: Int, inInput: Bool = true, claim: Claim
  ) -> Entry {
    let h = hash(p, n)
    let k = slot(of: p, n, hash: h)
    let slot = slots[k]
    let found = slot.hash != 0
    var isDuplicate = false
    if found {
      slots[k].claims = slot.claims.union(claim)
      isDuplicate = !slot.claims.isDisjoint(with: claim)
      if slot.index >= 0 { return Entry(value: values[Int(slot.index)], index: slot.index, isDuplicate: isDuplicate) }
    }
    // New bytes, or bytes only claimed so far: their string is made now.
    let value = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    let index = Int32(truncatingIfNeeded: values.count)
    if found {
      slots[k].index = index
    } else {
      add(Slot(hash: h, start: inInput ? p - input : -1, count: n, index: index, claims: claim), at: k)
    }
    values.append(value)
    return Entry(value: value, index: index, isDuplicate: isDuplicate)
  }

  /// Records `claim` of the `n` input bytes at `start` (already validated)
  /// without making their string: for an id nothing else names, whose
  /// bytes the caller keeps itself (a container id, `IDText`). True when
  /// the same claim was already made for the same bytes. Should the string
  /// be asked for later, `intern` makes it then.
  mutating func claim(inputAt start: Int, count n: Int, claim: Claim) -> Bool {
    let p = input + start
    let h = hash(p, n)
    let k = slot(of: p, n, hash: h)
    let slot = slots[k]
    if slot.hash != 0 {
      slots[k].claims = slot.claims.union(claim)
      return !slot.claims.isDisjoint(with: claim)
    }
    add(Slot(hash: h, start: start, count: n, index: -1, claims: claim), at: k)
    return false
  }

  /// The slot of the string of bytes `p ..< p + n` with hash `h`, or the
  /// empty slot where it goes.
  @inline(__always) private func slot(of p: UnsafePointer<UInt8>, _ n: Int, hash h: UInt64) -> Int {
    var k = Int(truncatingIfNeeded: h) & mask
    while true {
      let slot = slots[k]
      if slot.hash == 0 || (slot.hash == h && equal(slot, p, n)) { return k }
      k = (k &+ 1) & mask
    }
  }

  /// Fills the empty slot `k` (from `slot(of:_:hash:)`), growing the table past half full.
  @inline(__always) private mutating func add(_ slot: Slot, at k: Int) {
    assert(slots[k].hash == 0, "an empty slot")
    slots[k] = slot
    used &+= 1
    if used &* 2 > mask { grow() }
  }

  private mutating func grow() {
    let old = slots
    let oldCapacity = mask + 1
    let capacity = oldCapacity * 2
    mask = capacity - 1
    slots = UnsafeMutablePointer<Slot>.allocate(capacity: capacity)
    slots.initialize(repeating: Slot(hash: 0, start: 0, count: 0, index: 0, claims: []), count: capacity)
    for j in 0..<oldCapacity where old[j].hash != 0 {
      var k = Int(truncatingIfNeeded: old[j].hash) & mask
      while slots[k].hash != 0 { k = (k &+ 1) & mask }
      slots[k] = old[j]
    }
    old.deallocate()
  }
}
