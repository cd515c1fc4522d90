import ReclaimCore

/// Typed values for the schema: each reader checks the JSON kind, records a
/// diagnostic at the current path when it is wrong (skipping the value so the
/// scan goes on and finds the other problems), and returns `nil` for an
/// absent, null or invalid value.
extension SnapshotDecoder {
  /// Handles a value that does not start with what the caller wants: `null`
  /// is absence (an error only when `required`), anything else a type error.
  mutating func mismatch(_ c: UInt8, expected kind: String, required: Bool) throws(JSONSyntaxError) {
    if c == UInt8(ascii: "n") {
      try tokens.literal("null")
      guard required else { return }
      if case .field(let name)? = tokens.lastPathComponent {
        report("null in required field \"\(name)\"")
      } else {
        report("expected \(kind), got null")
      }
      return
    }
    try tokens.skipValue()
    report("expected \(kind), got \(JSONTokenizer.kindName(c))")
  }

  /// True when the next value starts with `opening`; otherwise handled by `mismatch`.
  @inline(__always) mutating func expect(
    _ opening: UInt8, _ kind: String, required: Bool
  ) throws(JSONSyntaxError) -> Bool {
    let c = try tokens.nextByte()
    if c == opening { return true }
    try mismatch(c, expected: kind, required: required)
    return false
  }

  @inline(__always) mutating func readString(required: Bool) throws(JSONSyntaxError) -> String? {
    guard try expect(UInt8(ascii: "\""), "a string", required: required) else { return nil }
    return string(try tokens.scanString())
  }

  /// The value of `raw`: a short unescaped string from `short`, others made.
  @inline(__always) mutating func string(_ raw: JSONRawString) -> String {
    let n = raw.end &- raw.start
    if !raw.escaped, n <= ShortStrings.maximumCount { return shortString(raw) }
    return tokens.string(raw)
  }

  /// The string of `raw`, unescaped and of at most 15 bytes, from `short`.
  @inline(__always) mutating func shortString(_ raw: JSONRawString) -> String {
    short.string(tokens.base + raw.start, raw.end &- raw.start, wide: raw.start &+ 16 <= tokens.count)
  }

  /// A string that repeats across the snapshot (uids, ids, names), interned.
  /// With `claim`, a second claim of the same bytes reports `duplicate`.
  @inline(__always) mutating func readInterned(
    required: Bool, claim: StringTable.Claim = [], duplicate: StaticString = ""
  ) throws(JSONSyntaxError) -> String? {
    guard try expect(UInt8(ascii: "\""), "a string", required: required) else { return nil }
    return intern(try tokens.scanString(), claim: claim, duplicate: duplicate)
  }

  /// As `readInterned` without a claim, but a long string is compared
  /// first with the value the same field had in the previous element of
  /// the list: a pod's containers come one after another and repeat its
  /// uid, sandbox id, namespace and name, so most repeats need no hash and
  /// no probe. The value is the same either way (a string with the same
  /// bytes). Short strings go straight to `short`, which costs no more.
  @inline(__always) mutating func readInterned(
    required: Bool, sameAs previous: inout PreviousString
  ) throws(JSONSyntaxError) -> String? {
    guard try expect(UInt8(ascii: "\""), "a string", required: required) else { return nil }
    let raw = try tokens.scanString()
    let n = raw.end &- raw.start
    guard !raw.escaped, n > ShortStrings.maximumCount else { return intern(raw) }
    if n == previous.count, StringTable.equalBytes(tokens.base + previous.start, tokens.base + raw.start, n) {
      return strings.value(at: previous.index)
    }
    let entry = strings.intern(inputAt: raw.start, count: n, claim: [])
    previous = PreviousString(start: raw.start, count: n, index: entry.index)
    return entry.value
  }

  /// The interned string of `raw`; see `readInterned`.
  @inline(__always) mutating func intern(
    _ raw: JSONRawString, claim: StringTable.Claim = [], duplicate: StaticString = ""
  ) -> String {
    // Short strings live inline in `String`: nothing to share, but made
    // once per snapshot all the same (`ShortStrings`). Claimed ids go to the
    // table, which finds duplicates.
    if !raw.escaped, claim.isEmpty, raw.end &- raw.start <= ShortStrings.maximumCount { return shortString(raw) }
    return internInTable(raw, claim: claim, duplicate: duplicate)
  }

  /// `intern` for a claimed, long or escaped string: through `strings`.
  mutating func internInTable(
    _ raw: JSONRawString, claim: StringTable.Claim, duplicate: StaticString
  ) -> String {
    let n = raw.end &- raw.start
    // The claimed strings are exactly the ids that must be non-empty
    // (docs/reference/snapshot.md, "Fields"); an escaped string is never empty.
    if !claim.isEmpty, n == 0 {
      report("\(duplicate) must not be empty")
      return ""
    }
    let entry: StringTable.Entry
    if raw.escaped {
      entry = strings.intern(unescaped: tokens.unescaped(raw), claim: claim)
    } else {
      entry = strings.intern(inputAt: raw.start, count: n, claim: claim)
    }
    if entry.isDuplicate { reportDuplicate(duplicate, entry.value) }
    return entry.value
  }

  /// Reports a second claim of the id `value` (`duplicate` names its kind).
  mutating func reportDuplicate(_ duplicate: StaticString, _ value: String) {
    report("duplicate \(duplicate) \(quoted(value))")
  }

  /// A state, by its name; `nil` (reported) for any other string.
  @inline(__always) mutating func readState<S: SnapshotState>(_: S.Type) throws(JSONSyntaxError) -> S? {
    guard try expect(UInt8(ascii: "\""), "a string", required: true) else { return nil }
    let raw = try tokens.scanString()
    if !raw.escaped {
      let p = tokens.base + raw.start
      let n = raw.end &- raw.start
      var k = 0
      while let state = S(index: k) {
        if JSONTokenizer.matches(p, n, state.name) { return state }
        k &+= 1
      }
    }
    return readEscapedState(raw)
  }

  /// `readState` for an escaped name, and the diagnostic for an unknown one.
  mutating func readEscapedState<S: SnapshotState>(_ raw: JSONRawString) -> S? {
    var k = 0
    if raw.escaped {
      let bytes = tokens.unescaped(raw)
      while let state = S(index: k) {
        let w = state.name
        if bytes.elementsEqual(UnsafeBufferPointer(start: w.utf8Start, count: w.utf8CodeUnitCount)) { return state }
        k &+= 1
      }
      k = 0
    }
    var names: [String] = []
    while let state = S(index: k) {
      names.append("\(state.name)")
      k &+= 1
    }
    report("unknown state \(quoted(tokens.string(raw))) (expected one of: \(names.joined(separator: ", ")))")
    return nil
  }

  @inline(__always) mutating func readTimestamp(required: Bool) throws(JSONSyntaxError) -> Timestamp? {
    guard try expect(UInt8(ascii: "\""), "an RFC 3339 timestamp string", required: required) else { return nil }
    let raw = try tokens.scanString()
    guard !raw.escaped else { return readEscapedTimestamp(raw) }
    do throws(Timestamp.ParseError) {
      return try Timestamp.parse(UnsafeBufferPointer(start: tokens.base + raw.start, count: raw.end &- raw.start))
    } catch {
      reportTimestamp(error, raw)
      return nil
    }
  }

  /// `readTimestamp` for a string with escapes: parsed once unescaped.
  mutating func readEscapedTimestamp(_ raw: JSONRawString) -> Timestamp? {
    let bytes = tokens.unescaped(raw)
    let result: Result<Timestamp, Timestamp.ParseError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(Timestamp.ParseError) { return .success(try Timestamp.parse(buffer)) } catch { return .failure(error) }
    }
    switch result {
    case .success(let t): return t
    case .failure(let error):
      reportTimestamp(error, raw)
      return nil
    }
  }

  mutating func reportTimestamp(_ error: Timestamp.ParseError, _ raw: JSONRawString) {
    switch error {
    case .invalid:
      report("invalid RFC 3339 timestamp \(quoted(tokens.string(raw)))")
    case .outOfRange:
      report(
        "timestamp \(quoted(tokens.string(raw))) is outside the int64 nanosecond range (1677-09-21 to 2262-04-11)")
    }
  }

  @inline(__always) mutating func readInt64(required: Bool, nonNegative: Bool) throws(JSONSyntaxError) -> Int64? {
    let c = try tokens.nextByte()
    guard c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else {
      try mismatch(c, expected: "an integer", required: required)
      return nil
    }
    let number = try tokens.scanNumber()
    guard let value = tokens.int64(number) else {
      report(JSONNumber.integerProblem(text: tokens.text(number), isInteger: number.isInteger))
      return nil
    }
    if nonNegative, value < 0 {
      report("expected an integer ≥ 0, got \(value)")
      return nil
    }
    return value
  }

  mutating func readBool(required: Bool) throws(JSONSyntaxError) -> Bool? {
    let c = try tokens.nextByte()
    if c == UInt8(ascii: "t") {
      try tokens.literal("true")
      return true
    }
    if c == UInt8(ascii: "f") {
      try tokens.literal("false")
      return false
    }
    try mismatch(c, expected: "a boolean", required: required)
    return nil
  }

  /// An optional array of strings; `nil` when absent, null or invalid.
  mutating func readStringArray(interned: Bool = false) throws(JSONSyntaxError) -> [String]? {
    guard try expect(UInt8(ascii: "["), "an array of strings", required: false) else { return nil }
    guard try tokens.arrayStart() else { return [] }
    tokens.setPath(.index(0))
    let first = interned ? try readInterned(required: true) : try readString(required: true)
    // Most lists have one or two elements: made at their size, in one
    // allocation each (an array literal), not grown.
    guard try tokens.arrayNext() else { return first.map { [$0] } }
    tokens.setPath(.index(1))
    let second = interned ? try readInterned(required: true) : try readString(required: true)
    guard try tokens.arrayNext() else {
      guard let first, let second else { return nil }
      return [first, second]
    }
    var valid = first != nil && second != nil
    var list: [String] = []
    list.reserveCapacity(8)
    if let first, let second {
      list.append(first)
      list.append(second)
    }
    var index = 2
    repeat {
      tokens.setPath(.index(index))
      if let s = interned ? try readInterned(required: true) : try readString(required: true) {
        list.append(s)
      } else {
        valid = false
      }
      index &+= 1
    } while try tokens.arrayNext()
    return valid ? list : nil
  }

  /// The field of the next member (`nil`: a key that is none of `F`'s)
  /// when it is not the one `order` expects after `previous`, with its key
  /// and `:` read: the key is scanned and matched, and the order learnt.
  ///
  /// Each object reader first compares the expected key with the input in
  /// place (`order.guess(after:)`, then `JSONTokenizer.memberKey(is:)`),
  /// written out in its loop: as a generic helper that fast path is not
  /// inlined, and the call costs as much as the comparison.
  @inline(never) mutating func unexpectedField<F: SnapshotField>(
    after previous: F?, order: inout FieldOrder<F>
  ) throws(JSONSyntaxError) -> F? {
    let key = try tokens.memberKey()
    guard let field = F.matchingAny(key, in: tokens.base) else { return nil }
    order.learn(field, after: previous)
    return field
  }

  /// Points the path at a member (`field` from the expected key,
  /// `unexpectedField` or `SnapshotField.matching`); skips
  /// unknown and repeated members. True when the caller is to read the value.
  @inline(__always) mutating func member<F: SnapshotField>(
    _ field: F?, seen: inout FieldSet<F>
  ) throws(JSONSyntaxError) -> Bool {
    guard let field else {
      try tokens.skipValue()
      return false
    }
    tokens.setPath(.field(field.key))
    guard seen.insert(field) else {
      try tokens.skipValue()
      report("duplicate key \"\(field.key)\"")
      return false
    }
    return true
  }

  /// Reports every required field of `F` not seen in the object.
  @inline(__always) mutating func checkRequired<F: SnapshotField>(seen: FieldSet<F>) {
    guard !seen.isSuperset(of: F.required) else { return }
    reportMissing(seen: seen)
  }

  mutating func reportMissing<F: SnapshotField>(seen: FieldSet<F>) {
    var k = 0
    while let field = F(rawValue: k) {
      if F.required.contains(field), !seen.contains(field) { report("missing required field \"\(field.key)\"") }
      k &+= 1
    }
  }

  /// Room to reserve for a list of objects of which a snapshot holds one
  /// per `bytesEach` of its bytes or fewer (`atLeast` for a small document):
  /// one allocation of about the right size instead of a series of
  /// doublings. A document with fewer such objects leaves the rest unused,
  /// a fraction of its own size.
  func expectedCount(bytesEach: Int, atLeast: Int) -> Int {
    max(atLeast, tokens.count / bytesEach)
  }
}
