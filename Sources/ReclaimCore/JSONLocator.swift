/// Turns byte offsets into `JSONLocation`s by the one column rule (see
/// `JSONLocation`).
///
/// Offsets asked in increasing order (a tree builder visiting nodes) cost
/// one pass over the text in all; an earlier offset restarts from the top.
package struct JSONLocator {
  private var offset = 0
  private var line = 1
  private var column = 1

  package init() {}

  package mutating func location(of target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> JSONLocation {
    let end = Swift.min(Swift.max(target, 0), bytes.count)
    if end < offset { self = JSONLocator() }
    var i = offset
    while i < end {
      let c = bytes[i]
      if c == 0x0A {
        line += 1
        column = 1
      } else if c & 0xC0 != 0x80 {
        // A continuation byte belongs to the character its lead byte counted.
        column += 1
      }
      i += 1
    }
    offset = end
    return JSONLocation(offset: end, line: line, column: column)
  }
}
