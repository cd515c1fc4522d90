import ReclaimCore

/// Reads a protobuf enum written by a JSON marshaller: by name (what crictl
/// writes) or by number (what protobuf JSON also accepts). A value that is
/// neither known name nor known number is a newer runtime's state, read
/// as the fallback with a warning rather than refused.
enum CRIEnum {
  static func decode<E: RawRepresentable & Sendable>(
    _ node: JSONNode, _ key: String, _: E.Type, byNumber: [Int64: E], fallback: E, _ d: inout CaptureDecoder
  ) -> E where E.RawValue == String {
    guard let value = d.member(node, key) else {
      d.error(d.childPath(node, key), "missing \(key)")
      return fallback
    }
    switch value.value {
    case .string(let name):
      if let known = E(rawValue: name) { return known }
      d.warning(value.path, "unknown \(key) \(quoted(name)), read as \(fallback.rawValue)")
    case .number(let number):
      if let n = number.int64, let known = byNumber[n] { return known }
      d.warning(value.path, "unknown \(key) \(number.text), read as \(fallback.rawValue)")
    default:
      d.error(value.path, "expected an enum name, got \(value.kindName)")
    }
    return fallback
  }
}
