/// A JSON value as `JSONTreeBuilder` reads it: the value, where it starts,
/// and its JSON path, for diagnostics that point at it.
///
/// Object members keep document order and compare their keys byte for byte
/// (`member(_:)`): two keys that differ in bytes are two keys even when
/// Unicode calls them equivalent (`"caf\u00e9"` and `"cafe\u0301"`), as in
/// Go and in the snapshot reader. `jsonValue` drops positions for code that
/// wants a plain `JSONValue`.
public struct JSONNode: Sendable, Hashable {
  /// The kinds of JSON value.
  public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])
  }

  public var value: Value
  /// Where the value's first byte is.
  public var location: JSONLocation
  /// The value's JSON path (`$.policy.imageGC.minAge`).
  public var path: String

  public init(value: Value, location: JSONLocation, path: String) {
    self.value = value
    self.location = location
    self.path = path
  }

  /// The value of the member whose key has exactly the bytes of `key`, if
  /// this is an object that has one (keys are unique: the builder refuses
  /// duplicates).
  public func member(_ key: String) -> JSONNode? {
    guard case .object(let members) = value else { return nil }
    return members.first { $0.key.utf8.elementsEqual(key.utf8) }?.value
  }

  /// What kind of value this is, as messages name it ("a string", "an object").
  public var kindName: String {
    switch value {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
  }

  /// The value without positions; `nil` when it holds a number that is not
  /// an `Int64` (which `JSONValue` cannot hold). Object keys become
  /// `String` dictionary keys, which compare by Unicode equivalence:
  /// of two keys equivalent but different in bytes only the first is kept,
  /// so code that cares about identity reads `members` instead.
  public var jsonValue: JSONValue? {
    switch value {
    case .null: return .null
    case .bool(let b): return .bool(b)
    case .number(let n): return n.int64.map(JSONValue.int)
    case .string(let s): return .string(s)
    case .array(let items):
      var values: [JSONValue] = []
      values.reserveCapacity(items.count)
      for item in items {
        guard let v = item.jsonValue else { return nil }
        values.append(v)
      }
      return .array(values)
    case .object(let members):
      var values: [String: JSONValue] = [:]
      for m in members {
        guard let v = m.value.jsonValue else { return nil }
        if values[m.key] == nil { values[m.key] = v }
      }
      return .object(values)
    }
  }
}
