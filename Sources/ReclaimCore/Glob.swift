/// A shell-style pattern with `*` (any run of characters, also none) and `?`
/// (exactly one character); every other character matches itself.
///
/// A character is a Unicode scalar. Matching works on the UTF-8 bytes of both
/// strings, stepping a whole scalar at a time, so it allocates nothing: the
/// engine matches every image reference against the `protect` globs, and
/// every namespace against the overrides.
public struct Glob: Sendable, Hashable {
  public let pattern: String

  public init(_ pattern: String) {
    self.pattern = pattern
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
    Self.withUTF8(pattern) { p in Self.withUTF8(text) { t in Self.matches(pattern: p, text: t) } }
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
