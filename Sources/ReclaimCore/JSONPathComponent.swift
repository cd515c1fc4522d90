/// One step of a JSON path, cheap to keep while tokenizing: text is made
/// only when a diagnostic needs it.
/// Public, with `package` members, for the same reason as `JSONTokenizer`.
public enum JSONPathComponent {
  /// An array element.
  case index(Int)
  /// A member a schema knows, named by a literal.
  case field(StaticString)
  /// Any other member, as its key's bytes in the input.
  case key(JSONRawString)

  /// `.name` for keys that read as identifiers, `["…"]` (JSON-escaped) for
  /// anything else, so that every path is unambiguous.
  package static func render(key: String) -> String {
    // A long key is shown quoted, and cut, as `quoted` cuts values.
    var plain = !key.isEmpty && key.utf8.count <= quotedLimit
    for (i, c) in key.utf8.enumerated() {
      let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == 0x24
      let digit = c >= 0x30 && c <= 0x39
      if !(letter || (digit && i > 0)) {
        plain = false
        break
      }
    }
    if plain { return "." + key }
    return "[" + quoted(key) + "]"
  }
}
