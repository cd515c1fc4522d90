/// Why `JSONTreeBuilder` refused a text: where, at which JSON path, and what.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What was wrong.
  public enum Kind: Sendable, Hashable {
    /// The text is not JSON (RFC 8259), is empty, or nests too deep.
    case syntax
    /// An object has two members with the same key (byte for byte); valid
    /// RFC 8259, but no reader of Reclaim's formats can say which one counts.
    case duplicateKey
  }

  public var kind: Kind
  public var location: JSONLocation
  /// The JSON path of the innermost value open at the error (`$.policy.imageGC`).
  public var path: String
  /// The problem, in the words the snapshot reader uses too
  /// (`unexpected end of input (truncated JSON)`, `duplicate key "a"`).
  public var message: String

  public init(kind: Kind, location: JSONLocation, path: String, message: String) {
    self.kind = kind
    self.location = location
    self.path = path
    self.message = message
  }

  /// `PATH: MESSAGE at line L, column C`.
  public var description: String { "\(path): \(message) at \(location)" }
}
