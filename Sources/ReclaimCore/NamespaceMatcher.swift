/// `CompiledPolicy.resolve`'s lookup, worked out once per policy: which
/// overrides match a namespace and how specifically, without trying every
/// entry of every override. The engine resolves each namespace of each plan,
/// so this runs once per namespace per node.
///
/// Exact entries sit in one table sorted by their bytes (identity is byte
/// equality, as Go compares strings): a namespace finds all its exact
/// matches by one binary search. Globs keep a list; `Glob` turns most texts
/// down by their length and a few leading and trailing bytes before it
/// matches in full.
///
/// Resolution then picks, per field, the override that `matchingOverrides`'
/// order applies last, from the matches met in any order: each match carries
/// a total key (its rank, then its place in that order among equal ranks).
struct NamespaceMatcher: Sendable, Hashable {
  /// An exact entry's bytes and the overrides that list it.
  private struct Exact: Sendable, Hashable {
    var bytes: [UInt8]
    /// Its scalar count: the `literals` of its rank.
    var literals: Int
    var overrides: [Int]
  }

  /// A glob entry of one override.
  private struct GlobEntry: Sendable, Hashable {
    var override: Int
    var glob: Glob
    var literals: Int
  }

  /// The fields an override sets, by override index.
  private struct Setting: Sendable, Hashable {
    var containerGC: ContainerGCOverride
    var imageGC: ImageGCOverride
  }

  /// A match's place in the order of application (greater: applied later,
  /// so its values win): rank first, then among equal ranks the smaller
  /// name, then among equal names the later override.
  private struct Key: Comparable {
    var exact: Bool
    var literals: Int
    var tie: Int

    static func < (a: Key, b: Key) -> Bool {
      if a.exact != b.exact { return !a.exact }
      if a.literals != b.literals { return a.literals < b.literals }
      return a.tie < b.tie
    }
  }

  /// Sorted by `bytes`, each bytes once.
  private var exact: [Exact] = []
  private var globs: [GlobEntry] = []
  private var settings: [Setting] = []
  /// Each override's place among all by (name descending, index ascending).
  private var tie: [Int] = []

  init(_ overrides: [NamespaceOverride]) {
    settings = overrides.map { Setting(containerGC: $0.containerGC, imageGC: $0.imageGC) }
    let byTie = overrides.indices.sorted { a, b in
      let x = overrides[a].name.utf8, y = overrides[b].name.utf8
      if x.elementsEqual(y) { return a < b }
      return y.lexicographicallyPrecedes(x)
    }
    tie = Array(repeating: 0, count: overrides.count)
    for (place, k) in byTie.enumerated() { tie[k] = place }
    var exactEntries: [(bytes: [UInt8], literals: Int, override: Int)] = []
    for (k, o) in overrides.enumerated() {
      for entry in o.namespaces {
        let glob = Glob(entry)
        if glob.hasWildcard {
          globs.append(GlobEntry(override: k, glob: glob, literals: glob.literalCount))
        } else {
          exactEntries.append((Array(entry.utf8), glob.literalCount, k))
        }
      }
    }
    exactEntries.sort { a, b in
      a.bytes == b.bytes ? a.override < b.override : a.bytes.lexicographicallyPrecedes(b.bytes)
    }
    for e in exactEntries {
      if let lastIndex = exact.indices.last, exact[lastIndex].bytes == e.bytes {
        exact[lastIndex].overrides.append(e.override)
      } else {
        exact.append(Exact(bytes: e.bytes, literals: e.literals, overrides: [e.override]))
      }
    }
  }

  /// The values for `namespace`: `global` with each field set by the
  /// matching override that wins it.
  func resolve(_ namespace: String, global: NamespacePolicy) -> NamespacePolicy {
    var picks = Picks(global)
    Self.withUTF8(namespace) { text in
      if let e = findExact(text) {
        for k in exact[e].overrides { picks.apply(settings[k], Key(exact: true, literals: exact[e].literals, tie: tie[k])) }
      }
      for g in globs.indices where globs[g].glob.matches(bytes: text) {
        let k = globs[g].override
        picks.apply(settings[k], Key(exact: false, literals: globs[g].literals, tie: tie[k]))
      }
    }
    return picks.result
  }

  /// Each field's value and the key of the match it came from.
  private struct Picks {
    var result: NamespacePolicy
    var containerMinAge, maxPerPodContainer, maxContainers, imageMinAge, imageMaxAge: Key?

    init(_ global: NamespacePolicy) { result = global }

    mutating func apply(_ s: Setting, _ key: Key) {
      if let v = s.containerGC.minAge, Self.beats(key, containerMinAge) {
        result.containerMinAge = v
        containerMinAge = key
      }
      if let v = s.containerGC.maxPerPodContainer, Self.beats(key, maxPerPodContainer) {
        result.maxPerPodContainer = v
        maxPerPodContainer = key
      }
      if let v = s.containerGC.maxContainers, Self.beats(key, maxContainers) {
        result.maxContainers = v
        result.maxContainersFromOverride = true
        maxContainers = key
      }
      if let v = s.imageGC.minAge, Self.beats(key, imageMinAge) {
        result.imageMinAge = v
        imageMinAge = key
      }
      if let v = s.imageGC.maxAge, Self.beats(key, imageMaxAge) {
        result.imageMaxAge = v
        imageMaxAge = key
      }
    }

    /// An override matching through several entries is met once per entry;
    /// its best key wins, as its best rank does in `specificity`.
    private static func beats(_ key: Key, _ current: Key?) -> Bool {
      guard let current else { return true }
      return current < key
    }
  }

  /// The index in `exact` of the entry with `text`'s bytes, by binary search.
  private func findExact(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
    var lo = 0, hi = exact.count
    while lo < hi {
      let mid = (lo + hi) / 2
      let c = exact[mid].bytes.withUnsafeBufferPointer { Self.compare($0, text) }
      if c == 0 { return mid }
      if c < 0 { lo = mid + 1 } else { hi = mid }
    }
    return nil
  }

  /// -1, 0 or 1 as `a` sorts before, equal to, or after `b` byte-wise.
  private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    let n = min(a.count, b.count)
    for i in 0..<n where a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
  }

  @inline(__always)
  private static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
  }
}
