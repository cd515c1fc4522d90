import ReclaimCore

/// Dense ids (0, 1, 2, …) for the distinct strings of one kind in one
/// snapshot: pod uids, sandbox ids, image ids, container names, namespaces.
///
/// The planner hashes each string once, here, and afterwards works on arrays
/// indexed by id. `Set<String>`/`Dictionary<String, _>` would hash with
/// seeded SipHash on every lookup, which dominated planning; this table uses
/// a wyhash-style hash instead (one multiply per 16 bytes) and open
/// addressing with linear probing.
/// As in the reader's `StringTable`, the hash is seeded per process so that
/// colliding keys cannot be prepared in advance; ids are handed out in
/// insertion order, so no output depends on the seed.
/// Keys' bytes are copied into one arena, so a lookup can also take a slice
/// of another string (a pod log directory's uid) without making a `String`.
///
/// Equality is byte equality of the UTF-8 text, as Go compares strings in
/// the kubelet: `"caf\u{E9}"` and `"cafe\u{301}"` are two keys, although
/// Swift's `String ==` (canonical equivalence) calls them equal.
struct StringIDs {
  /// Key `k` is `arena[starts[k]..<starts[k + 1]]` (byte mode only).
  private var arena: [UInt8] = []
  private var starts: [Int]
  /// Slot → the high half of its key's hash (tested before the key's bytes
  /// are compared) and the key id + 1 in the low half; 0 when empty. The
  /// count is a power of two. Keeping the hash in the slot spares a
  /// separate array of hashes, its allocation and a load per probe.
  private var slots: [UInt64]
  /// The id `id` or `find` answered last (-1: none): objects of one pod
  /// come together in a snapshot, so the next string is often the same, and
  /// comparing it with one key is cheaper than hashing it.
  private var last = -1
  /// Strings recently numbered, by identity (`StringIdentity`): slot →
  /// key id, -1 when empty; direct mapped, a slot another string maps to
  /// is replaced. The reader interns a snapshot's repeated ids, so the uid
  /// or sandbox id a container names is most often the very string
  /// already numbered, found here without hashing or comparing its bytes.
  private var remembered: [Int32]
  private let rememberedBits: Int
  /// Key `k`'s latest string, kept alive so that its identity
  /// (`keptIdentity[k]`) stays its own: a remembered slot counts only when
  /// the string looked up is that very string.
  private var kept: [String] = []
  private var keptIdentity: [StringIdentity] = []

  private static let processSeed = UInt64.random(in: 0...UInt64.max)
  private let seed = processSeed

  /// The number of distinct keys.
  private(set) var count = 0

  init(expected: Int) {
    var capacity = 16
    while capacity < expected * 2 { capacity *= 2 }
    slots = Array(repeating: 0, count: capacity)
    // As many slots as the table's, up to 1,024: beyond that the misses of
    // a direct-mapped cache matter less than its size.
    rememberedBits = min(capacity.trailingZeroBitCount, 10)
    remembered = Array(repeating: -1, count: 1 << rememberedBits)
    kept.reserveCapacity(expected)
    keptIdentity.reserveCapacity(expected)
    // Made with its room, then the 0: a literal `[0]` would be allocated
    // and then reallocated by the reservation.
    starts = []
    starts.reserveCapacity(expected + 1)
    starts.append(0)
    // Room for ids up to 80 bytes (a `sha256:` image id has 71).
    arena.reserveCapacity(expected * 80)
  }

  /// The id of `s`, added if new.
  mutating func id(_ s: String) -> Int {
    let identity = StringIdentity(s)
    let r = identity.slot(bits: rememberedBits)
    if let k = rememberedKey(r, identity) { return k }
    let k = ByteOrder.withUTF8(s) { b in
      if last >= 0, keyEquals(last, b) { return last }
      last = id(bytes: b, hash: Self.hash(b, seed: seed))
      return last
    }
    remember(s, identity, as: k, in: r)
    return k
  }

  /// `id(_:)` of the string stored at `field` (not `nil`): a string
  /// remembered here is recognised in place, and only another is copied.
  @inline(__always) mutating func id(_ field: StoredString) -> Int {
    let identity = StringIdentity(storedAt: field)
    if let k = rememberedKey(identity.slot(bits: rememberedBits), identity) { return k }
    return id(field.value)
  }

  /// `find(_:)` of the string stored at `field` (not `nil`), as `id(_:)`.
  @inline(__always) mutating func find(_ field: StoredString) -> Int? {
    let identity = StringIdentity(storedAt: field)
    if let k = rememberedKey(identity.slot(bits: rememberedBits), identity) { return k }
    return find(field.value)
  }

  /// The id of `s`, or `nil` when it was never added.
  mutating func find(_ s: String) -> Int? {
    let identity = StringIdentity(s)
    let r = identity.slot(bits: rememberedBits)
    if let k = rememberedKey(r, identity) { return k }
    let k = ByteOrder.withUTF8(s) { b -> Int? in
      if last >= 0, keyEquals(last, b) { return last }
      let k = find(bytes: b)
      if let k { last = k }
      return k
    }
    if let k { remember(s, identity, as: k, in: r) }
    return k
  }

  /// The key remembered in slot `r` when it was remembered for the string
  /// of `identity` and that string is still the key's kept one.
  @inline(__always) private func rememberedKey(_ r: Int, _ identity: StringIdentity) -> Int? {
    let k = Int(remembered[r])
    guard k >= 0, keptIdentity[k] == identity else { return nil }
    return k
  }

  /// Makes `s` key `k`'s kept string (`k` has its bytes) and remembers it in slot `r`.
  @inline(__always) private mutating func remember(_ s: String, _ identity: StringIdentity, as k: Int, in r: Int) {
    assert(k <= kept.count, "every key is added by `id(_:)`, which keeps its string")
    if k == kept.count {
      kept.append(s)
      keptIdentity.append(identity)
    } else if keptIdentity[k] != identity {
      // Another string with the key's bytes: the latest is kept, as the
      // next lookups are likelier to be of it.
      kept[k] = s
      keptIdentity[k] = identity
    }
    remembered[r] = Int32(truncatingIfNeeded: k)
  }

  /// The id of the key equal to the string of UTF-8 `bytes`, or `nil`.
  func find(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    let h = Self.hash(bytes, seed: seed)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { return nil }
      if let k = Self.key(entry, matching: h), keyEquals(k, bytes) { return k }
      slot = (slot + 1) & mask
    }
  }

  /// The slot entry of key `k` with hash `h`.
  @inline(__always)
  private static func entry(_ k: Int, hash h: UInt64) -> UInt64 {
    (h & 0xFFFF_FFFF_0000_0000) | UInt64(truncatingIfNeeded: k + 1)
  }

  /// The key of a non-empty slot `entry` when its hash half is that of `h`.
  @inline(__always)
  private static func key(_ entry: UInt64, matching h: UInt64) -> Int? {
    guard (entry ^ h) & 0xFFFF_FFFF_0000_0000 == 0 else { return nil }
    return Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) - 1
  }

  private mutating func id(bytes: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> Int {
    var mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: h) & mask
    while true {
      let entry = slots[slot]
      if entry == 0 { break }
      if let k = Self.key(entry, matching: h), keyEquals(k, bytes) { return k }
      slot = (slot + 1) & mask
    }
    let k = count
    count += 1
    arena.append(contentsOf: bytes)
    starts.append(arena.count)
    // At most half full keeps probe runs short.
    if count * 2 <= slots.count {
      slots[slot] = Self.entry(k, hash: h)
      return k
    }
    // Growing (rare: tables are sized for the snapshot) hashes every key
    // again from its bytes.
    slots = Array(repeating: 0, count: slots.count * 2)
    mask = slots.count - 1
    arena.withUnsafeBufferPointer { a in
      for key in 0..<count {
        let kh = Self.hash(UnsafeBufferPointer(rebasing: a[starts[key]..<starts[key + 1]]), seed: seed)
        slot = Int(truncatingIfNeeded: kh) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Self.entry(key, hash: kh)
      }
    }
    return k
  }

  private func keyEquals(_ k: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let start = starts[k]
    guard starts[k + 1] - start == bytes.count else { return false }
    return arena.withUnsafeBufferPointer { a in
      ByteOrder.equalPrefix(UnsafeBufferPointer(rebasing: a[start...]), bytes, count: bytes.count)
    }
  }

  /// The id hash: `RawBytes.hash`, the reader's string table's too.
  @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
    RawBytes.hash(bytes.baseAddress, count: bytes.count, seed: seed)
  }
}
