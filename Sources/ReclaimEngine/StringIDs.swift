/// Dense ids (0, 1, 2, …) for the distinct strings of one kind in one
/// snapshot: pod uids, sandbox ids, image ids, namespaces.
///
/// The planner hashes each string once, here, and afterwards works on arrays
/// indexed by id. `Set<String>`/`Dictionary<String, _>` would hash with
/// seeded SipHash on every lookup, which dominated planning; this table uses
/// a cheap word-at-a-time hash instead (ids are random hex and uuids, so the
/// hash needs speed, not strength) and open addressing with linear probing.
/// Keys' bytes are copied into one arena, so a lookup can also take a slice
/// of another string (a pod log directory's uid) without making a `String`.
struct StringIDs {
  /// Key `k` is `arena[starts[k]..<starts[k + 1]]`.
  private var arena: [UInt8] = []
  private var starts: [Int] = [0]
  private var hashes: [UInt64] = []
  /// Slot → key id, or -1 when empty; the count is a power of two.
  private var slots: [Int32]

  /// The number of distinct keys.
  var count: Int { hashes.count }

  init(expected: Int) {
    var capacity = 16
    while capacity < expected * 2 { capacity *= 2 }
    slots = Array(repeating: -1, count: capacity)
    hashes.reserveCapacity(expected)
    starts.reserveCapacity(expected + 1)
    arena.reserveCapacity(expected * 40)
  }

  /// The id of `s`, added if new.
  @inline(__always)
  mutating func id(_ s: String) -> Int {
    ByteOrder.withUTF8(s) { id(bytes: $0) }
  }

  /// The id of `s`, or `nil` when it was never added.
  @inline(__always)
  func find(_ s: String) -> Int? {
    ByteOrder.withUTF8(s) { find(bytes: $0) }
  }

  /// The id of the key equal to `bytes`, or `nil`.
  func find(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let h = Self.hash(bytes)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let k = Int(slots[slot])
      if k < 0 { return nil }
      if hashes[k] == h && keyEquals(k, bytes) { return k }
      slot = (slot + 1) & mask
    }
  }

  mutating func id(bytes: UnsafeBufferPointer<UInt8>) -> Int {
    let h = Self.hash(bytes)
    var mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let k = Int(slots[slot])
      if k < 0 { break }
      if hashes[k] == h && keyEquals(k, bytes) { return k }
      slot = (slot + 1) & mask
    }
    let k = hashes.count
    hashes.append(h)
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    // At most half full keeps probe runs short.
    if hashes.count * 2 > slots.count {
      grow()
    } else {
      slots[slot] = Int32(truncatingIfNeeded: k)
      return k
    }
    mask = slots.count - 1
    slot = Int(truncatingIfNeeded: h) & mask
    while slots[slot] >= 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(truncatingIfNeeded: k)
    return k
  }

  /// Doubles the slots and re-places the keys other than the newest.
  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for k in 0..<(hashes.count - 1) {
      var slot = Int(truncatingIfNeeded: hashes[k]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(truncatingIfNeeded: k)
    }
  }

  private func keyEquals(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[k]
    guard starts[k + 1] - start == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { a in
      for i in 0..<bytes.count where a[start + i] != bytes[i] { return false }
      return true
    }
  }

  /// A multiply-xorshift hash over 8-byte words, finished with MurmurHash3's
  /// 64-bit mixer so that the low bits (the slot) depend on every byte.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = UInt64(truncatingIfNeeded: bytes.count) &* k
    let raw = UnsafeRawBufferPointer(bytes)
    var i = 0
    while i + 8 <= raw.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
      h ^= h >> 32
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < raw.count {
      tail |= UInt64(raw[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* k
    h ^= h >> 33
    h &*= 0xFF51_AFD7_ED55_8CCD
    h ^= h >> 33
    h &*= 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }
}
