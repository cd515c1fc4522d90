/// A shell-style pattern with `*` (any run of characters, also none) and `?`
/// (exactly one character); every other character matches itself.
///
/// A character is a Unicode scalar. Matching works on the UTF-8 bytes of both
/// strings, stepping a whole scalar at a time, so it allocates nothing: the
/// engine matches every image reference against the `protect` globs, and
/// every namespace against the overrides.
public struct Glob: Sendable, Hashable {
  public let pattern: String
  /// What any text the pattern matches must have, worked out once, so that
  /// most texts are turned down by their length and a few leading and
  /// trailing bytes (`matches` runs over every image reference and every
  /// namespace of a plan).
  private let shape: Shape

  public init(_ pattern: String) {
    self.pattern = pattern
    shape = Self.withUTF8(pattern) { Shape($0) }
  }

  /// The literal bytes before the first wildcard and after the last, and
  /// the length in bytes of a match.
  private struct Shape: Sendable, Hashable {
    var prefix: Int
    var suffix: Int
    /// A `?` is one scalar (1 to 4 bytes), a `*` any number of them.
    var minBytes: Int
    var maxBytes: Int
    /// Whether nothing but `*`s lies between prefix and suffix (also
    /// nothing at all, for a pattern without wildcards): then `mayMatch` is
    /// the whole match, since `minBytes` keeps prefix and suffix apart.
    var starsOnly: Bool

    init(_ p: UnsafeBufferPointer<UInt8>) {
      let first = p.firstIndex { $0 == Glob.star || $0 == Glob.question }
      guard let first, let last = p.lastIndex(where: { $0 == Glob.star || $0 == Glob.question }) else {
        prefix = p.count
        suffix = 0
        minBytes = p.count
        maxBytes = p.count
        starsOnly = true
        return
      }
      var questions = 0, stars = 0
      for b in p {
        if b == Glob.star { stars += 1 } else if b == Glob.question { questions += 1 }
      }
      prefix = first
      suffix = p.count - last - 1
      minBytes = p.count - stars
      maxBytes = stars > 0 ? Int.max : p.count + 3 * questions
      starsOnly = questions == 0 && stars == last - first + 1
    }

    /// Whether `text` has the length, prefix and suffix of a match.
    @inline(__always)
    func mayMatch(_ p: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
      guard text.count >= minBytes, text.count <= maxBytes else { return false }
      for k in 0..<prefix where p[k] != text[k] { return false }
      let pe = p.count - suffix, te = text.count - suffix
      for k in 0..<suffix where p[pe + k] != text[te + k] { return false }
      return true
    }
  }

  /// Whether the pattern has a wildcard at all (an exact name otherwise).
  public var hasWildcard: Bool { pattern.utf8.contains { $0 == Self.star || $0 == Self.question } }

  /// The number of non-wildcard characters: the specificity of a glob.
  public var literalCount: Int {
    // A scalar starts at every byte that is not a UTF-8 continuation byte.
    pattern.utf8.reduce(0) { n, b in
      n + ((b & 0xC0) == 0x80 || b == Self.star || b == Self.question ? 0 : 1)
    }
  }

  /// Whether `text` matches the whole pattern.
  public func matches(_ text: String) -> Bool {
    Self.withUTF8(text) { matches(bytes: $0) }
  }

  /// Whether the string of UTF-8 `text` matches the whole pattern.
  func matches(bytes text: UnsafeBufferPointer<UInt8>) -> Bool {
    Self.withUTF8(pattern) { p in
      shape.mayMatch(p, text) && (shape.starsOnly || Self.matches(pattern: p, text: text))
    }
  }

  private static let star = UInt8(ascii: "*")
  private static let question = UInt8(ascii: "?")

  /// The length of the UTF-8 sequence a (valid) lead byte starts.
  @inline(__always)
  private static func scalarLength(_ lead: UInt8) -> Int {
    lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
  }

  @inline(__always)
  private static func withUTF8<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
  }

  /// Greedy matching with backtracking to the last `*`: linear in practice,
  /// never exponential. `p` and `i` always sit on scalar boundaries; two
  /// scalars are equal exactly when their UTF-8 bytes are. Both must be
  /// valid UTF-8 (the bytes of `String`s).
  static func matches(pattern: UnsafeBufferPointer<UInt8>, text: UnsafeBufferPointer<UInt8>) -> Bool {
    var p = 0, i = 0
    var starP = -1, starI = 0
    while i < text.count {
      let n = scalarLength(text[i])
      if p < pattern.count, pattern[p] != star {
        let m = pattern[p] == question ? 1 : scalarLength(pattern[p])
        if pattern[p] == question || (m == n && i + n <= text.count && p + m <= pattern.count && equal(pattern, p, text, i, n)) {
          p += m
          i += n
          continue
        }
      } else if p < pattern.count {
        starP = p
        starI = i
        p += 1
        continue
      }
      guard starP >= 0 else { return false }
      p = starP + 1
      starI += scalarLength(text[starI])
      i = starI
    }
    while p < pattern.count, pattern[p] == star { p += 1 }
    return p == pattern.count
  }

  @inline(__always)
  private static func equal(
    _ a: UnsafeBufferPointer<UInt8>, _ i: Int, _ b: UnsafeBufferPointer<UInt8>, _ j: Int, _ n: Int
  ) -> Bool {
    for k in 0..<n where a[i + k] != b[j + k] { return false }
    return true
  }
}
