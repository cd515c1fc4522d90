import ReclaimCore

/// Reads the values of one capture file (a `crictl … -o json` listing, a
/// Summary API document, a `kubectl get pods -o json` list) from its JSON
/// tree, collecting every problem with the file and JSON path instead of
/// stopping at the first.
///
/// The captures come from protobuf JSON marshallers of two generations and
/// from Go's `encoding/json`, so the readers here are tolerant where those
/// differ and strict where a wrong value would change a decision:
/// - `null` and an absent member mean the same (jsonpb writes unset
///   messages as `null`, protojson leaves them out);
/// - integers are accepted as JSON numbers or as decimal strings (protobuf
///   JSON writes 64-bit integers as strings);
/// - unknown members are ignored (the CRI keeps gaining fields);
/// - a value of the wrong type is an error, never silently "absent".
struct CaptureDecoder {
  /// The file as the user named it; every diagnostic's `file`.
  let file: String
  private(set) var diagnostics: [Diagnostic] = []

  init(file: String) { self.file = file }

  mutating func error(_ path: String, _ message: String) {
    diagnostics.append(Diagnostic(file: file, path: path, message: message))
  }

  mutating func warning(_ path: String, _ message: String) {
    diagnostics.append(Diagnostic(severity: .warning, file: file, path: path, message: message))
  }

  var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// Parses the whole file; a syntax error is reported with its line and
  /// column, and the file's values are then unknown (`nil`).
  mutating func parse(_ bytes: [UInt8]) -> JSONNode? {
    do throws(JSONParseError) {
      return try JSONTreeBuilder.parse(bytes)
    } catch {
      var message = error.kind == .syntax ? "malformed JSON: \(error.message)" : error.message
      if error.kind == .syntax, let first = bytes.first(where: { !Self.isSpace($0) }),
        first != UInt8(ascii: "{"), first != UInt8(ascii: "[")
      {
        // `crictl … 2>&1 > file` or a log line in front: the commonest way a
        // capture is not JSON at all.
        message += " (the file does not start with JSON: was the command's stderr captured with it?)"
      }
      diagnostics.append(
        Diagnostic(
          file: file, line: error.location.line, column: error.location.column,
          message: "\(error.path): \(message)"))
      return nil
    }
  }

  private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }

  /// The member `key` of `node`, `nil` when absent or `null`.
  func member(_ node: JSONNode, _ key: String) -> JSONNode? {
    guard let value = node.member(key) else { return nil }
    if case .null = value.value { return nil }
    return value
  }

  /// `node` if it is an object; otherwise an error and `nil`.
  mutating func object(_ node: JSONNode?) -> JSONNode? {
    guard let node else { return nil }
    guard case .object = node.value else {
      error(node.path, "expected an object, got \(node.kindName)")
      return nil
    }
    return node
  }

  /// The elements of the array member `key` (none when absent or `null`).
  mutating func array(_ node: JSONNode, _ key: String) -> [JSONNode] {
    guard let value = member(node, key) else { return [] }
    guard case .array(let items) = value.value else {
      error(value.path, "expected an array, got \(value.kindName)")
      return []
    }
    return items
  }

  /// The string member `key`; `nil` when absent or `null`, or (with an
  /// error) of another type.
  mutating func string(_ node: JSONNode, _ key: String) -> String? {
    guard let value = member(node, key) else { return nil }
    guard case .string(let text) = value.value else {
      error(value.path, "expected a string, got \(value.kindName)")
      return nil
    }
    return text
  }

  /// The string member `key`, required: absent, `null` or empty is an error.
  mutating func requiredString(_ node: JSONNode, _ key: String, what: String) -> String? {
    guard let text = string(node, key) else {
      if member(node, key) == nil { error(childPath(node, key), "missing \(what)") }
      return nil
    }
    guard !text.isEmpty else {
      error(childPath(node, key), "\(what) must not be empty")
      return nil
    }
    return text
  }

  /// The boolean member `key`; `nil` when absent or `null`.
  mutating func bool(_ node: JSONNode, _ key: String) -> Bool? {
    guard let value = member(node, key) else { return nil }
    guard case .bool(let flag) = value.value else {
      error(value.path, "expected a boolean, got \(value.kindName)")
      return nil
    }
    return flag
  }

  /// The integer member `key`, given as a JSON number or as a decimal string
  /// (protobuf JSON's int64 and uint64); `nil` when absent or `null`.
  mutating func integer(_ node: JSONNode, _ key: String) -> Int64? {
    guard let value = member(node, key) else { return nil }
    switch value.value {
    case .number(let number):
      if let n = number.int64 { return n }
      error(value.path, "expected an integer within int64, got \(number.text)")
    case .string(let text):
      if let n = Self.decimal(text) { return n }
      error(value.path, "expected an integer within int64, got the string \(quoted(text))")
    default:
      error(value.path, "expected an integer, got \(value.kindName)")
    }
    return nil
  }

  /// A string → string map (labels, annotations); empty when absent.
  /// Values that are not strings are errors.
  mutating func labels(_ node: JSONNode, _ key: String) -> [String: String] {
    guard let value = member(node, key) else { return [:] }
    guard case .object(let members) = value.value else {
      error(value.path, "expected an object of strings, got \(value.kindName)")
      return [:]
    }
    var labels: [String: String] = [:]
    for m in members {
      guard case .string(let text) = m.value.value else {
        if case .null = m.value.value { continue }
        error(m.value.path, "expected a string, got \(m.value.kindName)")
        continue
      }
      labels[m.key] = text
    }
    return labels
  }

  /// A list of strings; `[]` when absent or `null`.
  mutating func strings(_ node: JSONNode, _ key: String) -> [String] {
    var out: [String] = []
    for item in array(node, key) {
      guard case .string(let text) = item.value else {
        error(item.path, "expected a string, got \(item.kindName)")
        continue
      }
      out.append(text)
    }
    return out
  }

  /// An RFC 3339 time string (Go's `time.Time` in JSON); `nil` when absent.
  mutating func time(_ node: JSONNode, _ key: String) -> Timestamp? {
    guard let text = string(node, key) else { return nil }
    do throws(Timestamp.ParseError) {
      return try Timestamp.parse(text)
    } catch {
      self.error(childPath(node, key), "expected an RFC 3339 time, got \(quoted(text))")
      return nil
    }
  }

  /// Whether `id` is new to `seen` (ids compare byte for byte, as Go
  /// strings do); a repeat is an error at its `id`.
  mutating func first(_ id: String, of node: JSONNode, what: String, in seen: inout Set<[UInt8]>) -> Bool {
    guard seen.insert(Array(id.utf8)).inserted else {
      error(childPath(node, "id"), "duplicate \(what) \(quoted(id))")
      return false
    }
    return true
  }

  /// The JSON path of member `key` of `node`, whether or not it exists.
  func childPath(_ node: JSONNode, _ key: String) -> String {
    node.member(key)?.path ?? "\(node.path).\(key)"
  }

  /// A decimal integer as protobuf JSON writes one in a string: an optional
  /// `-` and digits, nothing else, within `Int64`.
  static func decimal(_ text: String) -> Int64? {
    var utf8 = Substring(text).utf8[...]
    let negative = utf8.first == UInt8(ascii: "-")
    if negative { utf8 = utf8.dropFirst() }
    guard !utf8.isEmpty, utf8.count <= 19 else { return nil }
    var value: Int64 = 0
    for byte in utf8 {
      guard byte >= 0x30, byte <= 0x39 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) =
        negative ? m.subtractingReportingOverflow(Int64(byte - 0x30)) : m.addingReportingOverflow(Int64(byte - 0x30))
      guard !o1, !o2 else { return nil }
      value = s
    }
    return value
  }
}
