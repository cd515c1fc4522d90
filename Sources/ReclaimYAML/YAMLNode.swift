/// A YAML node with the 1-based position libyaml reported for it.
///
/// Aliases are already expanded: the tree is what the document means, not
/// how it was spelt. Scalars keep their style so that the policy compiler can
/// tell `85` (plain) from `"85"` (quoted).
public struct YAMLNode: Sendable, Hashable {
  /// A position in the source text, 1-based.
  public struct Mark: Sendable, Hashable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
      self.line = line
      self.column = column
    }
  }

  /// How a scalar was written.
  public enum ScalarStyle: Sendable, Hashable {
    case plain, singleQuoted, doubleQuoted, literal, folded
  }

  public indirect enum Kind: Sendable, Hashable {
    case scalar(String, ScalarStyle, tag: String?)
    /// Pairs in document order; duplicate keys are rejected by the reader.
    case mapping([(key: YAMLNode, value: YAMLNode)])
    case sequence([YAMLNode])

    public static func == (a: Kind, b: Kind) -> Bool {
      switch (a, b) {
      case let (.scalar(x, s, t), .scalar(y, u, v)): return x == y && s == u && t == v
      case let (.sequence(x), .sequence(y)): return x == y
      case let (.mapping(x), .mapping(y)):
        return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
      default: return false
      }
    }

    public func hash(into hasher: inout Hasher) {
      switch self {
      case let .scalar(text, style, tag):
        hasher.combine(0)
        hasher.combine(text)
        hasher.combine(style)
        hasher.combine(tag)
      case let .sequence(items):
        hasher.combine(1)
        hasher.combine(items)
      case let .mapping(pairs):
        hasher.combine(2)
        for pair in pairs {
          hasher.combine(pair.key)
          hasher.combine(pair.value)
        }
      }
    }
  }

  public var kind: Kind
  public var mark: Mark

  public init(_ kind: Kind, at mark: Mark) {
    self.kind = kind
    self.mark = mark
  }
}
