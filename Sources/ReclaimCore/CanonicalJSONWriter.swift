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
public struct CanonicalJSONWriter: Sendable {
  /// Compact (NDJSON lines, digests) or indented (files).
  public enum Layout: Sendable, Hashable {
    case compact
    case indented
  }

  public let layout: Layout
  /// The bytes written so far.
  public private(set) var bytes: [UInt8] = []
  /// How many containers are open. Only the innermost one's emptiness is
  /// kept: a container is never empty once a nested one closes inside it
  /// (the nested one, or its key, was its member), so no stack of member
  /// counts, and no array to grow and check per object, is needed.
  private var depth = 0
  /// Whether the innermost open container has no member yet.
  private var empty = true
  private var afterKey = false

  public init(layout: Layout, reservingCapacity capacity: Int = 256) {
    self.layout = layout
    bytes.reserveCapacity(capacity)
  }

  /// Ends the document: the indented layout gets its trailing newline.
  public mutating func finish() {
    if layout == .indented { bytes.append(10) }
  }

  /// The text written so far.
  public var string: String { String(decoding: bytes, as: UTF8.self) }

  private mutating func beforeValue() {
    if afterKey {
      afterKey = false
      return
    }
    guard depth > 0 else { return }
    if !empty { bytes.append(UInt8(ascii: ",")) }
    empty = false
    if layout == .indented { newline() }
  }

  /// The indented layout's line break and indentation (callers test the
  /// layout, so that the compact layout pays no call).
  private mutating func newline() {
    bytes.append(10)
    for _ in 0..<depth { bytes.append(32); bytes.append(32) }
  }

  private mutating func open(_ bracket: UInt8) {
    beforeValue()
    bytes.append(bracket)
    depth += 1
    empty = true
  }

  public mutating func beginObject() { open(UInt8(ascii: "{")) }

  public mutating func endObject() { close(UInt8(ascii: "}")) }

  public mutating func beginArray() { open(UInt8(ascii: "[")) }

  public mutating func endArray() { close(UInt8(ascii: "]")) }

  private mutating func close(_ bracket: UInt8) {
    let hadMembers = !empty
    depth -= 1
    // The enclosing container (if any) holds at least the one just closed.
    empty = false
    if hadMembers && layout == .indented { newline() }
    bytes.append(bracket)
  }

  /// Writes an object key; the value follows with the next call.
  public mutating func key(_ key: String) {
    beforeValue()
    writeString(key)
    bytes.append(UInt8(ascii: ":"))
    if layout == .indented { bytes.append(32) }
    afterKey = true
  }

  /// Writes a constant ASCII object key that needs no escaping (the
  /// manifest's field names) without inspecting it byte by byte.
  public mutating func constantKey(_ key: StaticString) {
    if layout == .compact {
      compactConstantKey(key)
      return
    }
    beforeValue()
    bytes.append(UInt8(ascii: "\""))
    key.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(UInt8(ascii: "\""))
    bytes.append(UInt8(ascii: ":"))
    if layout == .indented { bytes.append(32) }
    afterKey = true
  }

  /// `constantKey` in the compact layout: `beforeValue`'s comma and
  /// `"key":` assembled on the stack and appended at once, because every
  /// append to `bytes` checks its uniqueness and capacity, and manifests are
  /// mostly keys.
  private mutating func compactConstantKey(_ key: StaticString) {
    // As `beforeValue`.
    var comma = false
    if afterKey {
      afterKey = false
    } else if depth > 0 {
      comma = !empty
      empty = false
    }
    key.withUTF8Buffer { name in
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count + 4) { token in
        var n = 0
        if comma {
          token[n] = UInt8(ascii: ",")
          n += 1
        }
        token[n] = UInt8(ascii: "\"")
        n += 1
        for byte in name {
          token[n] = byte
          n += 1
        }
        token[n] = UInt8(ascii: "\"")
        token[n + 1] = UInt8(ascii: ":")
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: token[..<(n + 2)]))
      }
    }
    afterKey = true
  }

  /// Writes a timestamp as an RFC 3339 string (UTC, shortest exact fraction).
  public mutating func timestamp(_ value: Timestamp) {
    beforeValue()
    bytes.append(UInt8(ascii: "\""))
    value.appendRFC3339(to: &bytes)
    bytes.append(UInt8(ascii: "\""))
  }

  public mutating func string(_ value: String) {
    beforeValue()
    writeString(value)
  }

  public mutating func int(_ value: Int64) {
    beforeValue()
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    // At most 20 digits; written backwards into a fixed-size scratch tuple so
    // that no array is allocated per number.
    var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &scratch) { raw in
      var i = raw.count
      repeat {
        i -= 1
        raw[i] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
        magnitude /= 10
      } while magnitude > 0
      bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
    }
  }

  public mutating func int(_ value: Int) { int(Int64(value)) }

  public mutating func bool(_ value: Bool) {
    beforeValue()
    bytes.append(contentsOf: value ? Self.trueText : Self.falseText)
  }

  public mutating func null() {
    beforeValue()
    bytes.append(contentsOf: Self.nullText)
  }

  /// Writes an array of strings in the order given.
  public mutating func strings(_ values: [String]) {
    beginArray()
    for value in values { string(value) }
    endArray()
  }

  private static let hex: [UInt8] = Array("0123456789abcdef".utf8)
  private static let trueText: [UInt8] = Array("true".utf8)
  private static let falseText: [UInt8] = Array("false".utf8)
  private static let nullText: [UInt8] = Array("null".utf8)

  private mutating func writeString(_ value: String) {
    bytes.append(UInt8(ascii: "\""))
    var text = value
    // Almost every string Reclaim writes (ids, names, timestamps) needs no
    // escaping: append it whole, and escape byte by byte only when needed.
    text.withUTF8 { utf8 in
      if !Self.needsEscaping(utf8) {
        bytes.append(contentsOf: utf8)
      } else {
        for byte in utf8 { appendEscaped(byte) }
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Whether any byte is a control character, `"` or `\`. Tested eight
  /// bytes at a time: a word has a zero byte exactly when
  /// `(w - 0x01…01) & ~w & 0x80…80` is not zero, and a byte below 0x20
  /// exactly when `(w - 0x20…20) & ~w & 0x80…80` is not zero (bytes of
  /// 0x80 and above never match, as the escaping needs).
  static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hit(_ w: UInt64) -> Bool {
      let control = (w &- ones &* 0x20) & ~w
      let x = w ^ (ones &* UInt64(UInt8(ascii: "\""))), y = w ^ (ones &* UInt64(UInt8(ascii: "\\")))
      let quote = (x &- ones) & ~x, backslash = (y &- ones) & ~y
      return (control | quote | backslash) & highs != 0
    }
    let raw = UnsafeRawBufferPointer(utf8)
    var i = 0
    while i + 8 <= raw.count {
      if hit(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) { return true }
      i += 8
    }
    while i < raw.count {
      let b = raw[i]
      if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return true }
      i += 1
    }
    return false
  }

  private mutating func appendEscaped(_ byte: UInt8) {
    switch byte {
    case UInt8(ascii: "\""): bytes.append(92); bytes.append(byte)
    case UInt8(ascii: "\\"): bytes.append(92); bytes.append(byte)
    case 0x08: bytes.append(92); bytes.append(UInt8(ascii: "b"))
    case 0x0C: bytes.append(92); bytes.append(UInt8(ascii: "f"))
    case 0x0A: bytes.append(92); bytes.append(UInt8(ascii: "n"))
    case 0x0D: bytes.append(92); bytes.append(UInt8(ascii: "r"))
    case 0x09: bytes.append(92); bytes.append(UInt8(ascii: "t"))
    case 0..<0x20:
      bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48])
      bytes.append(Self.hex[Int(byte >> 4)])
      bytes.append(Self.hex[Int(byte & 0xF)])
    default: bytes.append(byte)
    }
  }
}
