/// Input that is not JSON: where (a byte offset) and what. It ends the
/// tokenizer's work: nothing after it can be trusted.
/// Public, with `package` members, for the same reason as `JSONTokenizer`.
public struct JSONSyntaxError: Error {
  @usableFromInline package var offset: Int
  @usableFromInline package var message: String

  @inlinable package init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }
}
