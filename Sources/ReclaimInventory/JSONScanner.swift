import ReclaimCore

/// A strict, allocation-free JSON tokenizer over raw UTF-8 bytes.
///
/// It knows nothing of the snapshot schema (`JSONScanner+Snapshot.swift` does);
/// it validates the JSON grammar (RFC 8259) as it goes: string escapes
/// including surrogate pairs, UTF-8 well-formedness, number syntax, nesting
/// depth. Strings are returned as byte ranges into the input, so a key can be
/// matched and a timestamp parsed without building a `String`.
///
/// The current JSON path is kept as a small stack of components (one per
/// nesting level), and only rendered to text when a diagnostic is made.
struct JSONScanner {
  /// Nesting deeper than this is refused: a snapshot needs four levels, and a
  /// limit keeps hostile input from exhausting the stack.
  static let maximumDepth = 128

  // Every stored property is trivial (pointers and integers), so the
  // scanner is copied and mutated without reference counting.
  let base: UnsafePointer<UInt8>
  let count: Int
  var pos = 0
  var depth = 0
  /// One component per open object member or array element; room for
  /// `maximumDepth + 1` of them.
  let pathBase: UnsafeMutablePointer<JSONPathComponent>
  var pathCount = 0
  /// Diagnostics, source and interned strings, owned by `SnapshotReader.decode`.
  let context: UnsafeMutablePointer<ScanContext>

  init(
    base: UnsafePointer<UInt8>, count: Int, path: UnsafeMutablePointer<JSONPathComponent>,
    context: UnsafeMutablePointer<ScanContext>
  ) {
    self.base = base
    self.count = count
    self.pathBase = path
    self.context = context
  }

  @inline(__always) mutating func pushPath(_ component: JSONPathComponent) {
    (pathBase + pathCount).initialize(to: component)
    pathCount &+= 1
  }

  @inline(__always) mutating func popPath() {
    pathCount &-= 1
  }

  // MARK: - Bytes

  @inline(__always) static func isWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
  }

  @inline(__always) mutating func skipWhitespace() {
    while pos < count {
      let c = base[pos]
      if c > 0x20 || !Self.isWhitespace(c) { return }
      pos &+= 1
    }
  }

  /// The next significant byte, not consumed.
  @inline(__always) mutating func nextByte() throws(JSONSyntaxError) -> UInt8 {
    skipWhitespace()
    guard pos < count else { throw endOfInput() }
    return base[pos]
  }

  // MARK: - Errors

  func endOfInput(_ context: String = "") -> JSONSyntaxError {
    JSONSyntaxError(offset: count, message: "unexpected end of input\(context) (truncated JSON)")
  }

  func unexpected(at offset: Int, expecting: String) -> JSONSyntaxError {
    guard offset < count else { return endOfInput() }
    return JSONSyntaxError(offset: offset, message: "expected \(expecting), got \(Self.describeByte(base[offset]))")
  }

  static func describeByte(_ c: UInt8) -> String {
    if c >= 0x21, c < 0x7F { return "'\(String(UnicodeScalar(c)))'" }
    let hex = String(c, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
  }

  /// `line L, column C` for a whole document, `column C` for an NDJSON line
  /// (whose line the diagnostic's location already names). Columns count bytes.
  func position(of offset: Int) -> String {
    var lineNumber = 1
    var lineStart = 0
    var i = 0
    let end = Swift.min(offset, count)
    while i < end {
      if base[i] == 0x0A {
        lineNumber += 1
        lineStart = i + 1
      }
      i += 1
    }
    let column = end - lineStart + 1
    if context.pointee.line != nil, lineNumber == 1 { return "column \(column)" }
    return "line \(lineNumber), column \(column)"
  }

  // MARK: - Structure

  /// Consumes `{` (the caller has seen it); true when a member follows.
  @inline(__always) mutating func objectStart() throws(JSONSyntaxError) -> Bool {
    pos &+= 1
    depth &+= 1
    guard depth <= Self.maximumDepth else { throw tooDeep() }
    let c = try nextByte()
    if c == UInt8(ascii: "}") {
      pos &+= 1
      depth &-= 1
      return false
    }
    pushPath(.index(0))
    return true
  }

  /// Reads a member's key and the `:` after it; the value is next.
  @inline(__always) mutating func memberKey() throws(JSONSyntaxError) -> JSONRawString {
    let c = try nextByte()
    guard c == UInt8(ascii: "\"") else { throw unexpected(at: pos, expecting: "a string key") }
    let key = try scanString()
    // Until the caller names the field, a problem here is at this key.
    setPath(.key(key))
    let colon = try nextByte()
    guard colon == UInt8(ascii: ":") else { throw unexpected(at: pos, expecting: "':' after an object key") }
    pos &+= 1
    return key
  }

  /// After a member's value: true when another member follows.
  @inline(__always) mutating func objectNext() throws(JSONSyntaxError) -> Bool {
    let c = try nextByte()
    if c == UInt8(ascii: ",") {
      pos &+= 1
      return true
    }
    if c == UInt8(ascii: "}") {
      pos &+= 1
      depth &-= 1
      popPath()
      return false
    }
    throw unexpected(at: pos, expecting: "',' or '}' after an object member")
  }

  /// Consumes `[` (the caller has seen it); true when an element follows.
  @inline(__always) mutating func arrayStart() throws(JSONSyntaxError) -> Bool {
    pos &+= 1
    depth &+= 1
    guard depth <= Self.maximumDepth else { throw tooDeep() }
    let c = try nextByte()
    if c == UInt8(ascii: "]") {
      pos &+= 1
      depth &-= 1
      return false
    }
    pushPath(.index(0))
    return true
  }

  /// After an element: true when another element follows.
  @inline(__always) mutating func arrayNext() throws(JSONSyntaxError) -> Bool {
    let c = try nextByte()
    if c == UInt8(ascii: ",") {
      pos &+= 1
      return true
    }
    if c == UInt8(ascii: "]") {
      pos &+= 1
      depth &-= 1
      popPath()
      return false
    }
    throw unexpected(at: pos, expecting: "',' or ']' after an array element")
  }

  @inline(__always) mutating func setPath(_ component: JSONPathComponent) {
    pathBase[pathCount &- 1] = component
  }

  func tooDeep() -> JSONSyntaxError {
    JSONSyntaxError(offset: pos - 1, message: "nesting deeper than \(Self.maximumDepth) levels")
  }

  /// Skips one value of any kind, checking its syntax.
  mutating func skipValue() throws(JSONSyntaxError) {
    let c = try nextByte()
    switch c {
    case UInt8(ascii: "\""):
      _ = try scanString()
    case UInt8(ascii: "{"):
      guard try objectStart() else { return }
      repeat {
        _ = try memberKey()
        try skipValue()
      } while try objectNext()
    case UInt8(ascii: "["):
      guard try arrayStart() else { return }
      var index = 0
      repeat {
        setPath(.index(index))
        try skipValue()
        index &+= 1
      } while try arrayNext()
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      _ = try scanNumber()
    default:
      throw unexpected(at: pos, expecting: "a JSON value")
    }
  }

  /// The kind of the value that starts with `c`, for "expected X, got Y".
  static func kindName(_ c: UInt8) -> String {
    switch c {
    case UInt8(ascii: "\""): "a string"
    case UInt8(ascii: "{"): "an object"
    case UInt8(ascii: "["): "an array"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
    case UInt8(ascii: "n"): "null"
    default: "a number"
    }
  }

  // MARK: - Literals

  @inline(__always) mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
    let n = word.utf8CodeUnitCount
    let w = word.utf8Start
    var i = 0
    while i < n {
      guard pos &+ i < count else { throw endOfInput() }
      guard base[pos &+ i] == w[i] else { throw unexpected(at: pos &+ i, expecting: "'\(word)'") }
      i &+= 1
    }
    pos &+= n
  }

  // MARK: - Numbers

  /// Scans a JSON number at `pos`, checking its grammar.
  mutating func scanNumber() throws(JSONSyntaxError) -> JSONRawNumber {
    let start = pos
    var i = pos
    if base[i] == UInt8(ascii: "-") { i &+= 1 }
    guard i < count else { throw endOfInput() }
    let first = base[i]
    guard first >= 0x30, first <= 0x39 else { throw unexpected(at: i, expecting: "a digit") }
    i &+= 1
    if first != 0x30 {
      while i < count, base[i] >= 0x30, base[i] <= 0x39 { i &+= 1 }
    }
    var isInteger = true
    if i < count, base[i] == UInt8(ascii: ".") {
      isInteger = false
      i &+= 1
      guard i < count else { throw endOfInput() }
      guard base[i] >= 0x30, base[i] <= 0x39 else { throw unexpected(at: i, expecting: "a digit after '.'") }
      while i < count, base[i] >= 0x30, base[i] <= 0x39 { i &+= 1 }
    }
    if i < count, base[i] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      i &+= 1
      if i < count, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i &+= 1 }
      guard i < count else { throw endOfInput() }
      guard base[i] >= 0x30, base[i] <= 0x39 else { throw unexpected(at: i, expecting: "a digit in the exponent") }
      while i < count, base[i] >= 0x30, base[i] <= 0x39 { i &+= 1 }
    }
    pos = i
    return JSONRawNumber(start: start, end: i, isInteger: isInteger)
  }

  /// The value of an integer number, or `nil` when it is outside `Int64`.
  func int64(_ number: JSONRawNumber) -> Int64? {
    var i = number.start
    let negative = base[i] == UInt8(ascii: "-")
    if negative { i &+= 1 }
    // Accumulate negatively so that Int64.min is representable.
    var value: Int64 = 0
    while i < number.end {
      let digit = Int64(base[i] &- 0x30)
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.subtractingReportingOverflow(digit)
      if o1 || o2 { return nil }
      value = s
      i &+= 1
    }
    if negative { return value }
    let (p, o) = Int64(0).subtractingReportingOverflow(value)
    return o ? nil : p
  }

  func text(_ number: JSONRawNumber) -> String {
    String(decoding: UnsafeBufferPointer(start: base + number.start, count: number.end - number.start), as: UTF8.self)
  }

  // MARK: - Strings

  /// For 8 string bytes (loaded little-endian), a mask with the high bit set
  /// in each byte that ends the fast path: `"`, `\`, a control character or
  /// a non-ASCII byte. Borrows can flag bytes above a flagged byte, never
  /// below it, so the lowest set bit is exact.
  @inline(__always) static func attentionMask(_ w: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let q = w ^ (ones &* 0x22)
    let b = w ^ (ones &* 0x5C)
    let hasQuote = (q &- ones) & ~q
    let hasBackslash = (b &- ones) & ~b
    let hasControl = (w &- ones &* 0x20) & ~w
    return (hasQuote | hasBackslash | hasControl | w) & high
  }

  /// Scans the string whose opening quote is at `pos`; `pos` ends after the
  /// closing quote. Checks escapes and UTF-8; decodes nothing.
  @inline(__always) mutating func scanString() throws(JSONSyntaxError) -> JSONRawString {
    let start = pos &+ 1
    var i = start
    var escaped = false
    let raw = UnsafeRawPointer(base)
    while true {
      #if _endian(little)
        while i &+ 8 <= count {
          let mask = Self.attentionMask(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
          if mask != 0 {
            i &+= mask.trailingZeroBitCount &>> 3
            break
          }
          i &+= 8
        }
      #endif
      while i < count {
        let c = base[i]
        if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
        i &+= 1
      }
      guard i < count else { throw endOfInput(" inside a string") }
      let c = base[i]
      if c == 0x22 {
        pos = i &+ 1
        return JSONRawString(start: start, end: i, escaped: escaped)
      }
      if c == 0x5C {
        escaped = true
        i = try checkEscape(at: i)
      } else if c >= 0x80 {
        i = try checkUTF8(at: i)
      } else {
        throw JSONSyntaxError(offset: i, message: "unescaped control character \(Self.describeByte(c)) in a string")
      }
    }
  }

  @inline(__always) func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: UInt32(c &- 0x30)
    case 0x41...0x46: UInt32(c &- 0x41 &+ 10)
    case 0x61...0x66: UInt32(c &- 0x61 &+ 10)
    default: nil
    }
  }

  func hex4(at i: Int) throws(JSONSyntaxError) -> UInt32 {
    guard i &+ 4 <= count else { throw endOfInput(" inside a string") }
    var v: UInt32 = 0
    for k in 0..<4 {
      guard let h = hexValue(base[i &+ k]) else { throw unexpected(at: i &+ k, expecting: "a hex digit in a \\u escape") }
      v = v << 4 | h
    }
    return v
  }

  /// Checks the escape at `i` (a backslash); returns the offset after it.
  func checkEscape(at i: Int) throws(JSONSyntaxError) -> Int {
    guard i &+ 1 < count else { throw endOfInput(" inside a string") }
    switch base[i &+ 1] {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
      UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
      return i &+ 2
    case UInt8(ascii: "u"):
      let v = try hex4(at: i &+ 2)
      if v >= 0xDC00, v <= 0xDFFF {
        throw JSONSyntaxError(offset: i, message: "unpaired low surrogate in a \\u escape")
      }
      guard v >= 0xD800, v <= 0xDBFF else { return i &+ 6 }
      guard i &+ 7 < count, base[i &+ 6] == 0x5C, base[i &+ 7] == UInt8(ascii: "u") else {
        if i &+ 7 >= count { throw endOfInput(" inside a string") }
        throw JSONSyntaxError(offset: i, message: "unpaired high surrogate in a \\u escape")
      }
      let low = try hex4(at: i &+ 8)
      guard low >= 0xDC00, low <= 0xDFFF else {
        throw JSONSyntaxError(offset: i, message: "unpaired high surrogate in a \\u escape")
      }
      return i &+ 12
    default:
      throw JSONSyntaxError(offset: i, message: "invalid escape '\\\(String(UnicodeScalar(base[i &+ 1])))' in a string")
    }
  }

  /// Checks the UTF-8 sequence that starts at `i` (a byte ≥ 0x80): no
  /// overlong forms, no surrogates, nothing above U+10FFFF.
  func checkUTF8(at i: Int) throws(JSONSyntaxError) -> Int {
    let c = base[i]
    var need: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch c {
    case 0xC2...0xDF: need = 1
    case 0xE0: need = 2; low = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: need = 2
    case 0xED: need = 2; high = 0x9F
    case 0xF0: need = 3; low = 0x90
    case 0xF1...0xF3: need = 3
    case 0xF4: need = 3; high = 0x8F
    default: throw invalidUTF8(at: i)
    }
    let lead = i
    var k = i &+ 1
    while need > 0 {
      guard k < count else { throw endOfInput(" inside a string") }
      let b = base[k]
      guard b >= low, b <= high else { throw invalidUTF8(at: lead) }
      low = 0x80
      high = 0xBF
      need &-= 1
      k &+= 1
    }
    return k
  }

  func invalidUTF8(at i: Int) -> JSONSyntaxError {
    JSONSyntaxError(offset: i, message: "invalid UTF-8 sequence starting with \(Self.describeByte(base[i]))")
  }

  /// The string's value; escapes (already checked) are decoded.
  @inline(__always) func string(_ s: JSONRawString) -> String {
    if !s.escaped {
      return String(decoding: UnsafeBufferPointer(start: base + s.start, count: s.end &- s.start), as: UTF8.self)
    }
    return String(decoding: unescaped(s), as: UTF8.self)
  }

  /// The UTF-8 bytes of a string with escapes, decoded.
  func unescaped(_ s: JSONRawString) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(s.end - s.start)
    var i = s.start
    func append(scalar v: UInt32) {
      if v < 0x80 {
        out.append(UInt8(v))
      } else if v < 0x800 {
        out.append(UInt8(0xC0 | v >> 6))
        out.append(UInt8(0x80 | v & 0x3F))
      } else if v < 0x10000 {
        out.append(UInt8(0xE0 | v >> 12))
        out.append(UInt8(0x80 | v >> 6 & 0x3F))
        out.append(UInt8(0x80 | v & 0x3F))
      } else {
        out.append(UInt8(0xF0 | v >> 18))
        out.append(UInt8(0x80 | v >> 12 & 0x3F))
        out.append(UInt8(0x80 | v >> 6 & 0x3F))
        out.append(UInt8(0x80 | v & 0x3F))
      }
    }
    func hex(_ at: Int) -> UInt32 {
      var v: UInt32 = 0
      for k in 0..<4 { v = v << 4 | (hexValue(base[at + k]) ?? 0) }
      return v
    }
    while i < s.end {
      let c = base[i]
      guard c == 0x5C else {
        out.append(c)
        i += 1
        continue
      }
      let e = base[i + 1]
      switch e {
      case UInt8(ascii: "b"): out.append(0x08); i += 2
      case UInt8(ascii: "f"): out.append(0x0C); i += 2
      case UInt8(ascii: "n"): out.append(0x0A); i += 2
      case UInt8(ascii: "r"): out.append(0x0D); i += 2
      case UInt8(ascii: "t"): out.append(0x09); i += 2
      case UInt8(ascii: "u"):
        let v = hex(i + 2)
        if v >= 0xD800, v <= 0xDBFF {
          let low = hex(i + 8)
          append(scalar: 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00))
          i += 12
        } else {
          append(scalar: v)
          i += 6
        }
      default: out.append(e); i += 2  // `"`, `\`, `/`
      }
    }
    return out
  }

  /// Whether the string's decoded bytes equal `word` (a key of the schema).
  @inline(__always) func matches(_ s: JSONRawString, _ word: StaticString) -> Bool {
    let n = s.end &- s.start
    guard n == word.utf8CodeUnitCount else { return false }
    let w = word.utf8Start
    if n >= 8 {
      // Two overlapping words cover 8...16 bytes, every key of the schema.
      let a = UnsafeRawPointer(base + s.start)
      let b = UnsafeRawPointer(w)
      var i = 0
      while i &+ 8 < n {
        if a.loadUnaligned(fromByteOffset: i, as: UInt64.self) != b.loadUnaligned(fromByteOffset: i, as: UInt64.self) {
          return false
        }
        i &+= 8
      }
      return a.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == b.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
    }
    var i = 0
    while i < n {
      if base[s.start &+ i] != w[i] { return false }
      i &+= 1
    }
    return true
  }

  // MARK: - Paths

  /// The current JSON path, rendered (`$.containers[3].createdAt`).
  func renderPath(dropping: Int = 0) -> String {
    var text = "$"
    for k in 0..<Swift.max(0, pathCount - dropping) {
      let component = pathBase[k]
      switch component {
      case .index(let i): text += "[\(i)]"
      case .field(let name): text += ".\(name)"
      case .key(let raw): text += JSONPathComponent.render(key: string(raw))
      }
    }
    return text
  }
}

/// A string as a byte range of the input (without its quotes).
struct JSONRawString {
  var start: Int
  var end: Int
  /// Whether it holds a backslash escape (then its bytes are not its value).
  var escaped: Bool
}

/// A number as a byte range of the input, already checked against the grammar.
struct JSONRawNumber {
  var start: Int
  var end: Int
  var isInteger: Bool
}

/// A malformed document: where and what; ends the scan.
struct JSONSyntaxError: Error {
  var offset: Int
  var message: String
}
