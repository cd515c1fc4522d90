/// The one JSON writer for everything Reclaim emits.
///
/// It writes RFC 8785 (JSON Canonicalization Scheme) tokens: no insignificant
/// whitespace in the compact layout, minimal string escaping (`\"`, `\\`,
/// `\b \f \n \r \t`, other control characters as lowercase `\u00xx`; `/` and
/// non-ASCII are left alone) and integers in plain decimal. The indented
/// layout is the same tokens with two-space indentation and `": "` after keys,
/// as Python's `json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)`.
///
/// The streaming calls expect object keys in canonical order; `JSONValue`
/// sorts them before it writes. Keys are compared by UTF-16 code units as
/// RFC 8785 requires (`JSONValue.canonicalKeyOrder`).
///
/// The calls a manifest makes per entry are `@inlinable`: inlined into the
/// manifest's code, a constant key becomes a few stores of known bytes and
/// each token one capacity check, which is most of what rendering costs.
public struct CanonicalJSONWriter: Sendable {
  /// Compact (NDJSON lines, digests) or indented (files).
  public enum Layout: Sendable, Hashable {
    case compact
    case indented
  }

  public let layout: Layout
  @usableFromInline var buffer: [UInt8] = []
  /// How many containers are open. Only the innermost one's emptiness is
  /// kept: a container is never empty once a nested one closes inside it
  /// (the nested one, or its key, was its member), so no stack of member
  /// counts, and no array to grow and check per object, is needed.
  @usableFromInline var depth = 0
  /// Whether the innermost open container has no member yet.
  @usableFromInline var empty = true
  @usableFromInline var afterKey = false

  public init(layout: Layout, reservingCapacity capacity: Int = 256) {
    self.layout = layout
    buffer.reserveCapacity(capacity)
  }

  /// The bytes written so far.
  public var bytes: [UInt8] { buffer }

  /// Ends the document: the indented layout gets its trailing newline.
  public mutating func finish() {
    if layout == .indented { buffer.append(10) }
  }

  /// The text written so far.
  public var string: String { String(decoding: buffer, as: UTF8.self) }

  // MARK: - Where the bytes go
  //
  // Every token is written by one `token` (or `raw`) call: the separator
  // that goes before it and the token itself share one reservation of
  // `buffer` and are stored through a pointer. Each append to an array
  // checks its uniqueness and capacity, and a manifest is mostly short
  // tokens, so one check per token instead of one per byte matters.

  /// Writes what goes before a value or key (`,`, and in the indented
  /// layout a line break and indentation), then `body`'s bytes. `body` gets
  /// room for `count` bytes and returns how many it wrote.
  @inlinable @inline(__always)
  mutating func token(upTo count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
    var comma = false
    // The indentation's width, or -1 for no line break.
    var indent = -1
    if afterKey {
      afterKey = false
    } else if depth > 0 {
      comma = !empty
      empty = false
      if layout == .indented { indent = 2 &* depth }
    }
    let room = count &+ (comma ? 1 : 0) &+ (indent &+ 1)
    raw(upTo: room) { start in
      var p = start
      if comma {
        p.initialize(to: UInt8(ascii: ","))
        p += 1
      }
      if indent >= 0 {
        p.initialize(to: 10)
        (p + 1).initialize(repeating: 32, count: indent)
        p += indent &+ 1
      }
      return p - start &+ body(p)
    }
  }

  /// Appends `body`'s bytes (at most `count`) to `buffer` in place.
  @inlinable @inline(__always)
  mutating func raw(upTo count: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
    buffer.append(addingCapacity: count) { span in
      span.withUnsafeMutableBufferPointer { room, initialized in
        guard let p = room.baseAddress else { return }
        initialized = body(p)
      }
    }
  }

  // MARK: - Containers

  @inlinable public mutating func beginObject() { open(UInt8(ascii: "{")) }

  @inlinable public mutating func endObject() { close(UInt8(ascii: "}")) }

  @inlinable public mutating func beginArray() { open(UInt8(ascii: "[")) }

  @inlinable public mutating func endArray() { close(UInt8(ascii: "]")) }

  @inlinable @inline(__always)
  mutating func open(_ bracket: UInt8) {
    token(upTo: 1) { p in
      p.initialize(to: bracket)
      return 1
    }
    depth &+= 1
    empty = true
  }

  @inlinable @inline(__always)
  mutating func close(_ bracket: UInt8) {
    let hadMembers = !empty
    depth &-= 1
    // The enclosing container (if any) holds at least the one just closed.
    empty = false
    // In the indented layout the closing bracket of a container with
    // members goes on its own line, at the enclosing indentation.
    let indent = hadMembers && layout == .indented ? 2 &* depth : -1
    raw(upTo: indent &+ 2) { start in
      var p = start
      if indent >= 0 {
        p.initialize(to: 10)
        (p + 1).initialize(repeating: 32, count: indent)
        p += indent &+ 1
      }
      p.initialize(to: bracket)
      return p + 1 - start
    }
  }

  // MARK: - Keys

  /// Writes an object key; the value follows with the next call.
  public mutating func key(_ key: String) {
    quoted(key, suffix: layout == .indented ? 2 : 1)
    afterKey = true
  }

  /// Writes a constant ASCII object key that needs no escaping (the
  /// manifest's field names) without inspecting it byte by byte.
  @inlinable @inline(__always)
  public mutating func constantKey(_ key: StaticString) {
    // A string literal always has its UTF-8 in place; read without a
    // closure, its start and length are constants where this is inlined,
    // and the copy becomes a few stores.
    guard key.hasPointerRepresentation else {
      self.key(key.description)
      return
    }
    let name = key.utf8Start
    let n = key.utf8CodeUnitCount
    let spaced = layout == .indented
    token(upTo: n &+ 4) { p in
      p.initialize(to: UInt8(ascii: "\""))
      (p + 1).initialize(from: name, count: n)
      p[n &+ 1] = UInt8(ascii: "\"")
      p[n &+ 2] = UInt8(ascii: ":")
      guard spaced else { return n &+ 3 }
      p[n &+ 3] = 32
      return n &+ 4
    }
    afterKey = true
  }

  // MARK: - Scalars

  /// Writes a timestamp as an RFC 3339 string (UTC, shortest exact fraction).
  @inlinable
  public mutating func timestamp(_ value: Timestamp) {
    token(upTo: Timestamp.maxRFC3339Count &+ 2) { p in
      p.initialize(to: UInt8(ascii: "\""))
      let n = value.writeRFC3339(at: p + 1)
      p[n &+ 1] = UInt8(ascii: "\"")
      return n &+ 2
    }
  }

  /// Writes a string value, escaped as RFC 8785 requires.
  @inlinable
  public mutating func string(_ value: String) {
    quoted(value, suffix: 0)
  }

  /// `string(_:)` of the string whose UTF-8 is `bytes` (valid UTF-8): for
  /// text kept as bytes, written without making a `String` of it.
  @inlinable
  public mutating func string(utf8 bytes: UnsafeBufferPointer<UInt8>) {
    quoted(bytes, suffix: 0)
  }

  public mutating func int(_ value: Int64) {
    // At most 20 digits and a sign.
    token(upTo: 21) { p in
      var digits = 1
      var rest = value.magnitude / 10
      while rest > 0 {
        digits &+= 1
        rest /= 10
      }
      let sign = value < 0 ? 1 : 0
      if sign == 1 { p.initialize(to: UInt8(ascii: "-")) }
      var magnitude = value.magnitude
      var i = sign &+ digits
      repeat {
        i &-= 1
        p[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
        magnitude /= 10
      } while i > sign
      return sign &+ digits
    }
  }

  public mutating func int(_ value: Int) { int(Int64(value)) }

  @inlinable
  public mutating func bool(_ value: Bool) {
    if value {
      literal("true")
    } else {
      literal("false")
    }
  }

  public mutating func null() {
    literal("null")
  }

  @inlinable @inline(__always)
  mutating func literal(_ text: StaticString) {
    text.withUTF8Buffer { t in
      token(upTo: t.count) { p in
        if let base = t.baseAddress { p.initialize(from: base, count: t.count) }
        return t.count
      }
    }
  }

  /// Writes an array of strings in the order given.
  public mutating func strings(_ values: [String]) {
    beginArray()
    for value in values { string(value) }
    endArray()
  }
}
