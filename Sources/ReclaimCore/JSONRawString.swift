/// A string token as a byte range of the input (without its quotes).
/// Public, with `package` members, for the same reason as `JSONTokenizer`.
public struct JSONRawString {
  @usableFromInline package var start: Int
  @usableFromInline package var end: Int
  /// Whether it holds a backslash escape (then its bytes are not its value).
  @usableFromInline package var escaped: Bool

  @inlinable package init(start: Int, end: Int, escaped: Bool) {
    self.start = start
    self.end = end
    self.escaped = escaped
  }
}
