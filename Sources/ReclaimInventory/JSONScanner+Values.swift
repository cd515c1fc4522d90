import ReclaimCore

/// Typed values for the schema: each reader checks the JSON kind, records a
/// diagnostic at the current path when it is wrong (skipping the value so the
/// scan goes on and finds the other problems), and returns `nil` for an
/// absent, null or invalid value.
extension JSONScanner {
  mutating func report(_ message: String, appending component: JSONPathComponent? = nil) {
    var text = renderPath()
    if let component {
      switch component {
      case .index(let i): text += "[\(i)]"
      case .field(let name): text += ".\(name)"
      case .key(let raw): text += JSONPathComponent.render(key: string(raw))
      }
    }
    let c = context
    c.pointee.diagnostics.append(Diagnostic(file: c.pointee.source, line: c.pointee.line, path: text, message: message))
  }

  /// Handles a value that does not start with what the caller wants: `null`
  /// is absence (an error only when `required`), anything else a type error.
  mutating func mismatch(_ c: UInt8, expected kind: String, required: Bool) throws(JSONSyntaxError) {
    if c == UInt8(ascii: "n") {
      try literal("null")
      guard required else { return }
      if pathCount > 0, case .field(let name) = pathBase[pathCount - 1] {
        report("null in required field \"\(name)\"")
      } else {
        report("expected \(kind), got null")
      }
      return
    }
    try skipValue()
    report("expected \(kind), got \(Self.kindName(c))")
  }

  /// True when the next value starts with `opening`; otherwise handled by `mismatch`.
  @inline(__always) mutating func expect(
    _ opening: UInt8, _ kind: String, required: Bool
  ) throws(JSONSyntaxError) -> Bool {
    let c = try nextByte()
    if c == opening { return true }
    try mismatch(c, expected: kind, required: required)
    return false
  }

  @inline(__always) mutating func readString(required: Bool) throws(JSONSyntaxError) -> String? {
    guard try expect(UInt8(ascii: "\""), "a string", required: required) else { return nil }
    return string(try scanString())
  }

  /// A string that repeats across the snapshot (uids, ids, names), interned.
  /// With `claim`, a second claim of the same string reports `duplicate`;
  /// `repeats` false says that only the claim is expected to look it up.
  @inline(__always) mutating func readInterned(
    required: Bool, claim: UInt8 = 0, duplicate: StaticString = "", repeats: Bool = true
  ) throws(JSONSyntaxError) -> String? {
    guard try expect(UInt8(ascii: "\""), "a string", required: required) else { return nil }
    return intern(try scanString(), claim: claim, duplicate: duplicate, repeats: repeats)
  }

  /// As `readInterned` without a claim, but compared first with the value
  /// the same field had in the previous element of the list: a pod's
  /// containers come one after another and repeat its uid, sandbox id,
  /// namespace and name, so most repeats need no hash and no probe. The
  /// value is the same either way (a string with the same bytes).
  @inline(__always) mutating func readInterned(
    required: Bool, sameAs previous: inout PreviousString
  ) throws(JSONSyntaxError) -> String? {
    guard try expect(UInt8(ascii: "\""), "a string", required: required) else { return nil }
    let raw = try scanString()
    let n = raw.end &- raw.start
    if !raw.escaped, n == previous.count, StringTable.equalBytes(base + previous.start, base + raw.start, n) {
      return previous.value
    }
    let value = intern(raw)
    if !raw.escaped { previous = PreviousString(start: raw.start, count: n, value: value) }
    return value
  }

  /// The interned string of `raw`; see `readInterned`.
  @inline(__always) mutating func intern(
    _ raw: JSONRawString, claim: UInt8 = 0, duplicate: StaticString = "", repeats: Bool = true
  ) -> String {
    let n = raw.end &- raw.start
    // The claimed strings are exactly the ids that must be non-empty
    // (snapshot.md, "Required fields"); an escaped string is never empty.
    if claim != 0, n == 0 {
      report("\(duplicate) must not be empty")
      return ""
    }
    if !raw.escaped, claim == 0, n <= 15 {
      // Small strings live inline in `String`: nothing to share.
      return String(decoding: UnsafeBufferPointer(start: base + raw.start, count: n), as: UTF8.self)
    }
    let entry: (value: String, isDuplicate: Bool)
    if raw.escaped {
      let bytes = unescaped(raw)
      entry = bytes.withUnsafeBufferPointer { b in
        context.pointee.strings.intern(b.baseAddress ?? base, b.count, inInput: false, claim: claim)
      }
    } else {
      entry = context.pointee.strings.intern(base + raw.start, n, claim: claim, repeats: repeats)
    }
    if entry.isDuplicate {
      report("duplicate \(duplicate) \(quoted(entry.value))")
    }
    return entry.value
  }

  /// The index of the string among `n` names (`-1`: none of them); for states.
  @inline(__always) mutating func readName(
    count n: Int, _ name: (Int) -> StaticString
  ) throws(JSONSyntaxError) -> Int? {
    guard try expect(UInt8(ascii: "\""), "a string", required: true) else { return nil }
    let raw = try scanString()
    let k = fieldIndex(raw, hint: 0, count: n, name).index
    if k >= 0 { return k }
    let names = (0..<n).map { "\(name($0))" }.joined(separator: ", ")
    report("unknown state \(quoted(string(raw))) (expected one of: \(names))")
    return nil
  }

  mutating func readTimestamp(required: Bool) throws(JSONSyntaxError) -> Timestamp? {
    guard try expect(UInt8(ascii: "\""), "an RFC 3339 timestamp string", required: required) else { return nil }
    let raw = try scanString()
    let result: Result<Timestamp, Timestamp.ParseError>
    if raw.escaped {
      result = unescaped(raw).withUnsafeBufferPointer { buffer in
        do throws(Timestamp.ParseError) { return .success(try Timestamp.parse(buffer)) } catch { return .failure(error) }
      }
    } else {
      do throws(Timestamp.ParseError) {
        result = .success(try Timestamp.parse(UnsafeBufferPointer(start: base + raw.start, count: raw.end &- raw.start)))
      } catch {
        result = .failure(error)
      }
    }
    switch result {
    case .success(let t):
      return t
    case .failure(.invalid):
      report("invalid RFC 3339 timestamp \(quoted(string(raw)))")
    case .failure(.outOfRange):
      report("timestamp \(quoted(string(raw))) is outside the int64 nanosecond range (1677-09-21 to 2262-04-11)")
    }
    return nil
  }

  @inline(__always) mutating func readInt64(required: Bool, nonNegative: Bool) throws(JSONSyntaxError) -> Int64? {
    let c = try nextByte()
    guard c == UInt8(ascii: "-") || (c >= 0x30 && c <= 0x39) else {
      try mismatch(c, expected: "an integer", required: required)
      return nil
    }
    let number = try scanNumber()
    guard number.isInteger else {
      report("expected an integer (no fraction or exponent), got \(text(number))")
      return nil
    }
    guard let value = int64(number) else {
      report("integer \(text(number)) is outside the int64 range")
      return nil
    }
    if nonNegative, value < 0 {
      report("expected an integer ≥ 0, got \(value)")
      return nil
    }
    return value
  }

  mutating func readBool(required: Bool) throws(JSONSyntaxError) -> Bool? {
    let c = try nextByte()
    if c == UInt8(ascii: "t") {
      try literal("true")
      return true
    }
    if c == UInt8(ascii: "f") {
      try literal("false")
      return false
    }
    try mismatch(c, expected: "a boolean", required: required)
    return nil
  }

  /// An optional array of strings; `nil` when absent, null or invalid.
  mutating func readStringArray(interned: Bool = false) throws(JSONSyntaxError) -> [String]? {
    guard try expect(UInt8(ascii: "["), "an array of strings", required: false) else { return nil }
    guard try arrayStart() else { return [] }
    setPath(.index(0))
    let first = interned ? try readInterned(required: true) : try readString(required: true)
    // Most lists have one element: made at its size, in one step.
    guard try arrayNext() else { return first.map { [$0] } }
    var list: [String] = []
    var valid = true
    // Room for two from the start: the allocator's size classes make it as
    // cheap as room for one, and a second element is known to come.
    list.reserveCapacity(2)
    if let first { list.append(first) } else { valid = false }
    var index = 1
    repeat {
      setPath(.index(index))
      if let s = interned ? try readInterned(required: true) : try readString(required: true) {
        list.append(s)
      } else {
        valid = false
      }
      index &+= 1
    } while try arrayNext()
    return valid ? list : nil
  }

  /// Which of a schema's `n` field names `key` is (`index` -1: none), and
  /// that name (so that the caller need not look it up again). `hint` is
  /// tried first: writers emit members in a fixed order, so the field after
  /// the previous one is almost always the answer.
  @inline(__always) func fieldIndex(
    _ key: JSONRawString, hint: Int, count n: Int, _ name: (Int) -> StaticString
  ) -> (index: Int, name: StaticString) {
    if key.escaped {
      let bytes = unescaped(key)
      for k in 0..<n {
        let w = name(k)
        if bytes.elementsEqual(UnsafeBufferPointer(start: w.utf8Start, count: w.utf8CodeUnitCount)) { return (k, w) }
      }
      return (-1, "")
    }
    if hint < n {
      let w = name(hint)
      if matches(key, w) { return (hint, w) }
    }
    for k in 0..<n where k != hint {
      let w = name(k)
      if matches(key, w) { return (k, w) }
    }
    return (-1, "")
  }

  /// Points the path at a member (`field` and its `name` from `fieldIndex`);
  /// skips unknown and repeated members. True when the caller is to read
  /// the value.
  @inline(__always) mutating func member(
    _ field: (index: Int, name: StaticString), key: JSONRawString, seen: inout UInt32
  ) throws(JSONSyntaxError) -> Bool {
    guard field.index >= 0 else {
      try skipValue()
      return false
    }
    setPath(.field(field.name))
    let bit: UInt32 = 1 << UInt32(field.index)
    if seen & bit != 0 {
      try skipValue()
      report("duplicate key \"\(field.name)\"")
      return false
    }
    seen |= bit
    return true
  }

  /// Reports every required field (a bit in `required`) not seen in the object.
  mutating func checkRequired(seen: UInt32, required: UInt32, count n: Int, _ name: (Int) -> StaticString) {
    guard seen & required != required else { return }
    for k in 0..<n where required & (1 << UInt32(k)) != 0 && seen & (1 << UInt32(k)) == 0 {
      report("missing required field \"\(name(k))\"")
    }
  }
}

/// A string value by its unescaped bytes in the input, for
/// `readInterned(required:sameAs:)`; `count` -1 matches nothing.
struct PreviousString {
  var start = 0
  var count = -1
  var value = ""
}
