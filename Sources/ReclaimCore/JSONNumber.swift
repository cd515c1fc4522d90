/// A JSON number as written, with its `Int64` value when it is an integer
/// that fits (the only numbers Reclaim's formats have).
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The number's text, exactly as in the document.
  public var text: String
  /// No fraction and no exponent.
  public var isInteger: Bool
  /// The value, when `isInteger` and within `Int64`.
  public var int64: Int64?

  public init(text: String, isInteger: Bool, int64: Int64?) {
    self.text = text
    self.isInteger = isInteger
    self.int64 = int64
  }

  /// Why this number is no `Int64` (`nil` when it is one), in the words
  /// every Reclaim reader uses where an integer is required.
  public var integerProblem: String? {
    if int64 != nil { return nil }
    return Self.integerProblem(text: text, isInteger: isInteger)
  }

  package static func integerProblem(text: String, isInteger: Bool) -> String {
    isInteger
      ? "integer \(text) is outside the int64 range"
      : "expected an integer (no fraction or exponent), got \(text)"
  }

  public var description: String { text }
}
