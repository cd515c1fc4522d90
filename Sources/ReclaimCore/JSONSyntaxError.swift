/// Input that is not JSON: where (a byte offset) and what. It ends the
/// tokenizer's work: nothing after it can be trusted.
package struct JSONSyntaxError: Error {
  package var offset: Int
  package var message: String

  @inlinable package init(offset: Int, message: String) {
    self.offset = offset
    self.message = message
  }
}
