/// A string token as a byte range of the input (without its quotes).
package struct JSONRawString {
  package var start: Int
  package var end: Int
  /// Whether it holds a backslash escape (then its bytes are not its value).
  package var escaped: Bool

  @inlinable package init(start: Int, end: Int, escaped: Bool) {
    self.start = start
    self.end = end
    self.escaped = escaped
  }
}
