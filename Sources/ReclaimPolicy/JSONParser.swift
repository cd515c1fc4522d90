import ReclaimCore

/// A strict RFC 8259 parser producing `JSONValue`.
///
/// Stricter than the RFC where Reclaim's documents need it: numbers must be
/// integers within int64 (the compiled form has no others, and a double would
/// lose precision), duplicate object keys are refused, nesting is bounded.
public struct JSONParser: Sendable {
  /// Where and why the text is not acceptable JSON.
  public struct Failure: Error, Sendable, Hashable {
    /// 1-based line and column (in characters) of the offending byte.
    public var line: Int
    public var column: Int
    public var message: String
  }

  /// The deepest nesting accepted.
  public static let maximumDepth = 256

  private let bytes: [UInt8]
  private var i = 0
  private var depth = 0

  private init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Parses one JSON value surrounded by optional whitespace.
  public static func parse(_ bytes: [UInt8]) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes)
    parser.skipWhitespace()
    let value = try parser.value()
    parser.skipWhitespace()
    if parser.i < bytes.count { throw parser.failure("unexpected text after the JSON value") }
    return value
  }

  private func failure(_ message: String, at offset: Int? = nil) -> Failure {
    let end = min(offset ?? i, bytes.count)
    var line = 1, column = 1
    for b in bytes[0..<end] {
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
    }
    return Failure(line: line, column: column, message: message)
  }

  private mutating func skipWhitespace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  private mutating func value() throws(Failure) -> JSONValue {
    guard i < bytes.count else { throw failure("unexpected end of input, expected a value") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try number())
    default: throw failure("unexpected character, expected a value")
    }
  }

  private mutating func literal(_ word: String) throws(Failure) {
    let w = Array(word.utf8)
    guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else {
      throw failure("invalid literal, expected \(word)")
    }
    i += w.count
  }

  private mutating func enter() throws(Failure) {
    depth += 1
    if depth > Self.maximumDepth { throw failure("JSON nests deeper than \(Self.maximumDepth) levels") }
  }

  private mutating func object() throws(Failure) -> JSONValue {
    try enter()
    i += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      depth -= 1
      return .object(members)
    }
    while true {
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
      let keyStart = i
      let key = try string()
      if members[key] != nil { throw failure("duplicate key \"\(key)\"", at: keyStart) }
      skipWhitespace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw failure("expected ':' after a key") }
      i += 1
      skipWhitespace()
      members[key] = try value()
      skipWhitespace()
      guard i < bytes.count else { throw failure("unexpected end of input in an object") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard bytes[i] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
      i += 1
      depth -= 1
      return .object(members)
    }
  }

  private mutating func array() throws(Failure) -> JSONValue {
    try enter()
    i += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
      i += 1
      depth -= 1
      return .array(items)
    }
    while true {
      skipWhitespace()
      items.append(try value())
      skipWhitespace()
      guard i < bytes.count else { throw failure("unexpected end of input in an array") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
        continue
      }
      guard bytes[i] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
      i += 1
      depth -= 1
      return .array(items)
    }
  }

  private mutating func number() throws(Failure) -> Int64 {
    let start = i
    var negative = false
    if bytes[i] == UInt8(ascii: "-") {
      negative = true
      i += 1
    }
    let digitsStart = i
    while i < bytes.count, (48...57).contains(bytes[i]) { i += 1 }
    let digits = bytes[digitsStart..<i]
    guard !digits.isEmpty else { throw failure("invalid number", at: start) }
    if digits.count > 1 && digits.first == 48 { throw failure("invalid number (leading zero)", at: start) }
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      throw failure("only integers are accepted here", at: start)
    }
    var value: Int64 = 0
    for d in digits {
      // Accumulate negatively so that Int64.min is representable.
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.subtractingReportingOverflow(Int64(d - 48))
      if o1 || o2 { throw failure("integer out of the int64 range", at: start) }
      value = s
    }
    if !negative {
      let (v, o) = Int64(0).subtractingReportingOverflow(value)
      if o { throw failure("integer out of the int64 range", at: start) }
      value = v
    }
    return value
  }

  private mutating func string() throws(Failure) -> String {
    i += 1
    var out: [UInt8] = []
    while true {
      guard i < bytes.count else { throw failure("unterminated string") }
      let b = bytes[i]
      switch b {
      case UInt8(ascii: "\""):
        i += 1
        let text = String(decoding: out, as: UTF8.self)
        // Decoding repairs bad UTF-8 with U+FFFD; a round trip that differs means it was bad.
        guard text.utf8.elementsEqual(out) else { throw failure("string is not valid UTF-8") }
        return text
      case UInt8(ascii: "\\"):
        i += 1
        guard i < bytes.count else { throw failure("unterminated escape") }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var code = try hex4()
          if (0xD800...0xDBFF).contains(code) {
            guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
              throw failure("unpaired surrogate in \\u escape")
            }
            i += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw failure("unpaired surrogate in \\u escape") }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(code) {
            throw failure("unpaired surrogate in \\u escape")
          }
          guard let scalar = Unicode.Scalar(code) else { throw failure("invalid \\u escape") }
          out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw failure("invalid escape", at: i - 2)
        }
      case 0..<0x20:
        throw failure("control character in a string must be escaped")
      default:
        out.append(b)
        i += 1
      }
    }
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard i + 4 <= bytes.count else { throw failure("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case 48...57: d = UInt32(c - 48)
      case 97...102: d = UInt32(c - 87)
      case 65...70: d = UInt32(c - 55)
      default: throw failure("invalid hex digit in \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }
}
