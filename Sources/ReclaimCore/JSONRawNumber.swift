/// A number token as a byte range of the input, already checked against the grammar.
/// Public, with `package` members, for the same reason as `JSONTokenizer`.
public struct JSONRawNumber {
  @usableFromInline package var start: Int
  @usableFromInline package var end: Int
  /// No fraction and no exponent (whether it fits in `Int64` is `JSONTokenizer.int64`'s answer).
  @usableFromInline package var isInteger: Bool

  @inlinable package init(start: Int, end: Int, isInteger: Bool) {
    self.start = start
    self.end = end
    self.isInteger = isInteger
  }
}
