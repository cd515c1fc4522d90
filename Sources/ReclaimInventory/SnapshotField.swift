import ReclaimCore

/// The members of one object of the snapshot schema, declared once: each
/// case is a field, `key` its spelling, `required` the fields that must be
/// there. Adding a field is one case, one key and, if it must be present,
/// one element of `required`.
///
/// Cases are declared in byte-wise order of their keys, the order canonical
/// writers emit, which is the decoder's first guess (`FieldOrder`); the
/// order is a matter of speed only.
protocol SnapshotField: RawRepresentable, CaseIterable where RawValue == Int {
  /// The member's key, as it is spelt in JSON.
  var key: StaticString { get }
  /// The fields an object must have.
  static var required: FieldSet<Self> { get }
}

extension SnapshotField {
  /// The field of the member whose key is `raw` (`nil`: none), among the
  /// bytes at `input`. `previous` is the previous member's field: a writer
  /// emits the members of one kind of object in one order, which `order`
  /// learns, so its guess for the field after `previous` is tried first and
  /// is almost always the answer (one comparison of a length and a few
  /// words). Otherwise every key is tried, and the answer learnt.
  ///
  /// Static, and given the input's address alone, so that neither the
  /// decoder nor its tokenizer (large noncopyable values) is passed to it.
  @inline(__always) static func matching(
    _ raw: JSONRawString, after previous: Self?, order: inout FieldOrder<Self>, in input: UnsafePointer<UInt8>
  ) -> Self? {
    // An escaped key's bytes are not its value: never the guess's spelling.
    if !raw.escaped, let guess = order.guess(after: previous),
      JSONTokenizer.matches(input + raw.start, raw.end &- raw.start, guess.key)
    {
      return guess
    }
    guard let field = matchingAny(raw, in: input) else { return nil }
    order.learn(field, after: previous)
    return field
  }

  /// The field whose key is `raw` by trying every key, in declaration order.
  @inline(never) static func matchingAny(_ raw: JSONRawString, in input: UnsafePointer<UInt8>) -> Self? {
    if raw.escaped {
      let bytes = JSONTokenizer.unescaped(raw, in: input)
      return matching(decoded: bytes)
    }
    var k = 0
    while let field = Self(rawValue: k) {
      if JSONTokenizer.matches(input + raw.start, raw.end &- raw.start, field.key) { return field }
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

/// The order in which the input's writer puts the members of one kind of
/// object, learnt while reading a list of them: for each field, the field
/// whose member followed it last time (and the field of the first member).
/// Go's `encoding/json` writes struct order, canonical writers byte-wise
/// key order; either way the guess is right from the second element on.
///
/// Before anything is learnt the guess is the next case, which is the
/// canonical order. A wrong guess costs one failed comparison, never a
/// wrong answer: every guess is checked against the input's bytes.
struct FieldOrder<Field: SnapshotField> {
  /// `next[0]` is the field expected first, `next[k + 1]` the one expected
  /// after the field of raw value k (`nil`: none, at the end of the cases).
  /// An array of fields rather than of raw values, so that a guess needs no
  /// conversion back from an integer.
  private var next: [Field?]

  init() {
    next = (0...Field.allCases.count).map { Field(rawValue: $0) }
  }

  @inline(__always) private static func slot(after previous: Field?) -> Int {
    previous.map { $0.rawValue &+ 1 } ?? 0
  }

  /// The field expected after `previous` (`nil`: at the start of an object).
  @inline(__always) func guess(after previous: Field?) -> Field? {
    next[Self.slot(after: previous)]
  }

  /// Records that `field` followed `previous`.
  @inline(__always) mutating func learn(_ field: Field, after previous: Field?) {
    next[Self.slot(after: previous)] = field
  }
}
