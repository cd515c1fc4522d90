/// A shell-style pattern with `*` (any run of characters, also none) and `?`
/// (exactly one character); every other character matches itself.
public struct Glob: Sendable, Hashable {
  public let pattern: String
  private let scalars: [Unicode.Scalar]

  public init(_ pattern: String) {
    self.pattern = pattern
    self.scalars = Array(pattern.unicodeScalars)
  }

  /// Whether the pattern has a wildcard at all (an exact name otherwise).
  public var hasWildcard: Bool { scalars.contains { $0 == "*" || $0 == "?" } }

  /// The number of non-wildcard characters: the specificity of a glob.
  public var literalCount: Int { scalars.reduce(0) { $0 + (($1 == "*" || $1 == "?") ? 0 : 1) } }

  /// Whether `text` matches the whole pattern.
  public func matches(_ text: String) -> Bool {
    let t = Array(text.unicodeScalars)
    var p = 0, i = 0
    var starP = -1, starI = 0
    // Greedy matching with backtracking to the last `*`: linear in practice,
    // never exponential.
    while i < t.count {
      if p < scalars.count, scalars[p] == "?" || (scalars[p] != "*" && scalars[p] == t[i]) {
        p += 1
        i += 1
      } else if p < scalars.count, scalars[p] == "*" {
        starP = p
        starI = i
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starI += 1
        i = starI
      } else {
        return false
      }
    }
    while p < scalars.count, scalars[p] == "*" { p += 1 }
    return p == scalars.count
  }
}
