/// A JSON document as a value, for the small documents Reclaim emits
/// (compiled policies, summaries) and reads back (compiled policies).
public enum JSONValue: Sendable, Hashable {
  case null
  case bool(Bool)
  case int(Int64)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// RFC 8785 key order: by UTF-16 code units.
  public static func canonicalKeyOrder(_ a: String, _ b: String) -> Bool {
    a.utf16.lexicographicallyPrecedes(b.utf16)
  }

  /// Writes this value through the canonical writer.
  public func write(to writer: inout CanonicalJSONWriter) {
    switch self {
    case .null: writer.null()
    case .bool(let b): writer.bool(b)
    case .int(let i): writer.int(i)
    case .string(let s): writer.string(s)
    case .array(let items):
      writer.beginArray()
      for item in items { item.write(to: &writer) }
      writer.endArray()
    case .object(let members):
      writer.beginObject()
      for key in members.keys.sorted(by: JSONValue.canonicalKeyOrder) {
        writer.key(key)
        members[key, default: .null].write(to: &writer)
      }
      writer.endObject()
    }
  }

  /// The canonical text in the given layout (indented ends with a newline).
  public func canonicalBytes(_ layout: CanonicalJSONWriter.Layout) -> [UInt8] {
    var writer = CanonicalJSONWriter(layout: layout)
    write(to: &writer)
    writer.finish()
    return writer.bytes
  }

  /// The canonical text as a string.
  public func canonicalString(_ layout: CanonicalJSONWriter.Layout) -> String {
    String(decoding: canonicalBytes(layout), as: UTF8.self)
  }
}
