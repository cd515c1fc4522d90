import ReclaimCore

/// The members of one object of the snapshot schema, declared once: each
/// case is a field, `key` its spelling, `required` the fields that must be
/// there. Adding a field is one case, one key and, if it must be present,
/// one element of `required`.
///
/// Cases are declared in byte-wise order of their keys, the order canonical
/// writers emit, so that the decoder's guess (the field after the previous
/// one) hits; the order is a matter of speed only.
protocol SnapshotField: RawRepresentable, CaseIterable where RawValue == Int {
  /// The member's key, as it is spelt in JSON.
  var key: StaticString { get }
  /// The fields an object must have.
  static var required: FieldSet<Self> { get }
}

extension SnapshotField {
  /// The field of the member whose key is `raw` (`nil`: none). `previous` is
  /// the previous member's field: writers emit members in a fixed order, so
  /// the field after it is tried first and almost always the answer.
  ///
  /// Static, and given the tokenizer alone, so that the decoder (a large
  /// noncopyable value) is not passed by value to it.
  @inline(__always) static func matching(
    _ raw: JSONRawString, after previous: Self?, in tokens: borrowing JSONTokenizer
  ) -> Self? {
    if raw.escaped { return matching(decoded: tokens.unescaped(raw)) }
    let hint = previous.map { $0.rawValue &+ 1 } ?? 0
    if let guess = Self(rawValue: hint), tokens.matches(raw, guess.key) { return guess }
    var k = 0
    while let field = Self(rawValue: k) {
      if k != hint, tokens.matches(raw, field.key) { return field }
      k &+= 1
    }
    return nil
  }

  /// The field whose key is `bytes` (a key with escapes, decoded).
  static func matching(decoded bytes: [UInt8]) -> Self? {
    var k = 0
    while let field = Self(rawValue: k) {
      let key = field.key
      if bytes.elementsEqual(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)) { return field }
      k &+= 1
    }
    return nil
  }
}
