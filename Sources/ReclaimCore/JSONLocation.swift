/// A place in a JSON text: its byte offset, and the 1-based line and column
/// a person looks for.
///
/// Columns count characters (Unicode scalars), not bytes: that is what an
/// editor shows for the text of a snapshot or a compiled policy, and the
/// rule libyaml follows for policy YAML, so a `FILE:LINE:COL` from any
/// reader points the same way. Every reader of JSON in Reclaim uses this one
/// rule (`JSONLocator`). Whatever lies before an offset the tokenizer
/// reports has been validated as UTF-8, so the count is exact.
public struct JSONLocation: Sendable, Hashable, CustomStringConvertible {
  /// Offset of the first byte, from the start of the document.
  public var offset: Int
  /// 1-based line (lines end with `\n`).
  public var line: Int
  /// 1-based column, in characters.
  public var column: Int

  public init(offset: Int, line: Int, column: Int) {
    self.offset = offset
    self.line = line
    self.column = column
  }

  /// `line L, column C`.
  public var description: String { "line \(line), column \(column)" }
}
