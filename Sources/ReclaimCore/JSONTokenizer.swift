/// The one JSON tokenizer of Reclaim: strict RFC 8259 over raw UTF-8 bytes,
/// without allocation on its fast paths.
///
/// It knows no schema. It checks the grammar as it goes: string escapes
/// including surrogate pairs (a lone surrogate is refused), UTF-8
/// well-formedness (no overlong forms, no encoded surrogates, nothing above
/// U+10FFFF), unescaped control characters, number syntax (no leading
/// zeros), and the nesting depth. Strings and numbers come back as byte
/// ranges of the input, so a key can be matched and a timestamp parsed
/// without building a `String`.
///
/// It keeps the current JSON path as a stack of components, one per open
/// object member or array element, rendered to text only for a diagnostic
/// (`$.containers[3].createdAt`). Every syntax message of Reclaim's JSON
/// readers is made here, so the snapshot decoder and `JSONTreeBuilder` say
/// the same thing about the same text.
///
/// It reads memory it does not own, so it is made inside the scope that
/// keeps the input alive and never leaves it; being `~Copyable` it cannot be
/// duplicated, and it owns and frees its path stack.
///
/// The type is public only so that its `@inlinable` members inline into the
/// snapshot decoder of another module (Swift 6.3 does not inline members of
/// a `package` type across modules); every member is `package`, so nothing
/// outside Reclaim can make or use one.
public struct JSONTokenizer: ~Copyable {
  /// Nesting deeper than this is refused: a snapshot needs four levels, a
  /// compiled policy five, and a limit keeps hostile input from exhausting
  /// the stack of a recursive reader.
  @inlinable package static var maximumDepth: Int { 128 }

  @usableFromInline package let base: UnsafePointer<UInt8>
  @usableFromInline package let count: Int
  /// The next byte to read.
  @usableFromInline package var pos = 0
  /// Objects and arrays open at `pos`.
  @usableFromInline package var depth = 0
  /// Room for `maximumDepth` components; `pathCount` of them are set.
  @usableFromInline package let pathBase: UnsafeMutablePointer<JSONPathComponent>
  @usableFromInline package var pathCount = 0

  /// A tokenizer over `bytes` (at least one byte), which must stay valid as
  /// long as the tokenizer lives: make it, and whatever owns it, inside the
  /// scope that keeps `bytes` alive, and let none of them out of it.
  package init(_ bytes: UnsafeBufferPointer<UInt8>) {
    precondition(!bytes.isEmpty, "the caller reports empty input itself")
    // Never nil for a non-empty buffer; the default only satisfies the type.
    base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
    count = bytes.count
    pathBase = .allocate(capacity: Self.maximumDepth)
  }

  deinit {
    pathBase.deallocate()
  }

  /// The input, for the span of one call.
  package var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

  // MARK: - Path

  @inlinable @inline(__always) package mutating func pushPath(_ component: JSONPathComponent) {
    assert(pathCount < Self.maximumDepth, "objectStart and arrayStart bound the depth")
    (pathBase + pathCount).initialize(to: component)
    pathCount &+= 1
  }

  @inlinable @inline(__always) package mutating func popPath() {
    assert(pathCount > 0)
    pathCount &-= 1
  }

  /// Names the innermost open member or element.
  @inlinable @inline(__always) package mutating func setPath(_ component: JSONPathComponent) {
    assert(pathCount > 0, "a path component is set only inside an object or array")
    pathBase[pathCount &- 1] = component
  }

  /// The innermost path component, if any.
  package var lastPathComponent: JSONPathComponent? {
    pathCount > 0 ? pathBase[pathCount - 1] : nil
  }

  /// The current JSON path, rendered (`$.containers[3].createdAt`),
  /// followed by `appending` when given.
  @usableFromInline package func renderPath(appending extra: JSONPathComponent? = nil) -> String {
    var text = "$"
    for k in 0..<pathCount { append(pathBase[k], to: &text) }
    if let extra { append(extra, to: &text) }
    return text
  }

  private func append(_ component: JSONPathComponent, to text: inout String) {
    switch component {
    case .index(let i): text += "[\(i)]"
    case .field(let name): text += ".\(name)"
    case .key(let raw): text += JSONPathComponent.render(key: string(raw))
    }
  }

  // MARK: - Bytes

  @inlinable @inline(__always) package static func isWhitespace(_ c: UInt8) -> Bool {
    c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
  }

  @inlinable @inline(__always) package mutating func skipWhitespace() {
    while pos < count {
      let c = base[pos]
      if c > 0x20 || !Self.isWhitespace(c) { return }
      pos &+= 1
    }
  }

  /// The next significant byte, not consumed.
  @inlinable @inline(__always) package mutating func nextByte() throws(JSONSyntaxError) -> UInt8 {
    skipWhitespace()
    guard pos < count else { throw endOfInput() }
    return base[pos]
  }

  /// Skips a UTF-8 byte order mark: it carries no meaning, and some Windows
  /// tools write one.
  package mutating func skipByteOrderMark() {
    if pos == 0, count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3 }
  }

  /// After the document's one value: only whitespace may follow.
  package mutating func finishDocument() throws(JSONSyntaxError) {
    skipWhitespace()
    if pos < count {
      throw JSONSyntaxError(offset: pos, message: "unexpected \(Self.describeByte(base[pos])) after the JSON document")
    }
  }

  /// Where `offset` is, by the one column rule (`JSONLocation`).
  @usableFromInline package func location(of offset: Int) -> JSONLocation {
    var locator = JSONLocator()
    return locator.location(of: offset, in: bytes)
  }

  // MARK: - Errors

  @usableFromInline package func endOfInput(_ context: String = "") -> JSONSyntaxError {
    JSONSyntaxError(offset: count, message: "unexpected end of input\(context) (truncated JSON)")
  }

  @usableFromInline package func unexpected(at offset: Int, expecting: String) -> JSONSyntaxError {
    guard offset < count else { return endOfInput() }
    return JSONSyntaxError(offset: offset, message: "expected \(expecting), got \(Self.describeByte(base[offset]))")
  }

  @usableFromInline package func tooDeep() -> JSONSyntaxError {
    JSONSyntaxError(offset: pos - 1, message: "nesting deeper than \(Self.maximumDepth) levels")
  }

  @usableFromInline package static func describeByte(_ c: UInt8) -> String {
    if c >= 0x21, c < 0x7F { return "'\(String(UnicodeScalar(c)))'" }
    let hex = String(c, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
  }

  /// The kind of the value that starts with `c`, for "expected X, got Y".
  @usableFromInline package static func kindName(_ c: UInt8) -> String {
    switch c {
    case UInt8(ascii: "\""): "a string"
    case UInt8(ascii: "{"): "an object"
    case UInt8(ascii: "["): "an array"
    case UInt8(ascii: "t"), UInt8(ascii: "f"): "a boolean"
    case UInt8(ascii: "n"): "null"
    default: "a number"
    }
  }

  // MARK: - Structure

  /// Consumes `{` (the caller has seen it); true when a member follows.
  @inlinable @inline(__always) package mutating func objectStart() throws(JSONSyntaxError) -> Bool {
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
  @inlinable @inline(__always) package mutating func memberKey() throws(JSONSyntaxError) -> JSONRawString {
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

  /// Reads the member key `word` and the `:` after it when they are what
  /// comes next, and returns true; otherwise consumes nothing but
  /// whitespace and returns false, and the caller reads the key with
  /// `memberKey` (which reports any syntax error). `word` is plain ASCII
  /// without `"` or `\` (a schema's key), so input that holds it between
  /// quotes is exactly a key `scanString` would return unescaped with these
  /// bytes: the key is matched without being scanned.
  ///
  /// The path is left as it was: the caller names the member's field.
  @inlinable @inline(__always) package mutating func memberKey(is word: StaticString) -> Bool {
    skipWhitespace()
    let n = word.utf8CodeUnitCount
    let close = pos &+ 1 &+ n
    guard close < count, base[pos] == UInt8(ascii: "\""), base[close] == UInt8(ascii: "\""),
      Self.matches(base + (pos &+ 1), n, word)
    else { return false }
    var i = close &+ 1
    while i < count, Self.isWhitespace(base[i]) { i &+= 1 }
    guard i < count, base[i] == UInt8(ascii: ":") else { return false }
    pos = i &+ 1
    return true
  }

  /// After a member's value: true when another member follows.
  @inlinable @inline(__always) package mutating func objectNext() throws(JSONSyntaxError) -> Bool {
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
  @inlinable @inline(__always) package mutating func arrayStart() throws(JSONSyntaxError) -> Bool {
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
  @inlinable @inline(__always) package mutating func arrayNext() throws(JSONSyntaxError) -> Bool {
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

  /// Skips one value of any kind, checking its syntax.
  package mutating func skipValue() throws(JSONSyntaxError) {
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

  // MARK: - Literals

  @inlinable @inline(__always) package mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
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
}
