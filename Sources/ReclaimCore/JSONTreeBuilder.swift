/// Reads a JSON text into a tree of `JSONNode`s, for small documents that
/// are easier to check as a whole (compiled policies, crictl captures,
/// tests) than with a schema-directed decoder.
///
/// It runs on the same `JSONTokenizer` as the snapshot reader, so the
/// grammar, the depth limit (`maximumDepth`), the column rule
/// (`JSONLocation`) and the messages are the snapshot reader's. Beyond
/// RFC 8259 it refuses duplicate keys (compared byte for byte).
public enum JSONTreeBuilder {
  /// The deepest nesting of objects and arrays accepted.
  public static var maximumDepth: Int { JSONTokenizer.maximumDepth }

  /// Parses one JSON value with optional whitespace around it (and an
  /// optional UTF-8 byte order mark before it).
  public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONNode {
    let result: Result<JSONNode, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(JSONParseError) {
        return .success(try parse(buffer))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Parses one JSON value from `bytes`, which need only stay valid for the call.
  public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONNode {
    guard !bytes.isEmpty else {
      throw JSONParseError(
        kind: .syntax, location: JSONLocation(offset: 0, line: 1, column: 1), path: "$",
        message: "empty input (expected a JSON value)")
    }
    var tokens = JSONTokenizer(bytes)
    var builder = Builder()
    let node: JSONNode
    do throws(JSONSyntaxError) {
      tokens.skipByteOrderMark()
      tokens.skipWhitespace()
      guard tokens.pos < tokens.count else {
        throw JSONSyntaxError(offset: tokens.pos, message: "empty input (expected a JSON value)")
      }
      node = try builder.value(&tokens)
      try tokens.finishDocument()
    } catch {
      throw JSONParseError(
        kind: .syntax, location: builder.locator.location(of: error.offset, in: bytes),
        path: tokens.renderPath(), message: error.message)
    }
    // A syntax error anywhere outranks a duplicate key, as in the snapshot
    // reader (which reports it alone).
    if let duplicate = builder.duplicate { throw duplicate }
    return node
  }

  private struct Builder {
    var locator = JSONLocator()
    /// The first duplicate key, thrown once the whole text is known to be JSON.
    var duplicate: JSONParseError?

    mutating func value(_ tokens: inout JSONTokenizer) throws(JSONSyntaxError) -> JSONNode {
      let c = try tokens.nextByte()
      let start = tokens.pos
      let location = locator.location(of: start, in: tokens.bytes)
      let path = tokens.renderPath()
      let value: JSONNode.Value
      switch c {
      case UInt8(ascii: "{"):
        var members: [JSONMember] = []
        var keys: Set<[UInt8]> = []
        if try tokens.objectStart() {
          repeat {
            _ = try tokens.nextByte()
            let keyOffset = tokens.pos
            let raw = try tokens.memberKey()
            let keyLocation = locator.location(of: keyOffset, in: tokens.bytes)
            // A `Set<String>` would call "caf\u00e9" and "cafe\u0301" one key.
            let keyBytes = tokens.unescaped(raw)
            let key = String(decoding: keyBytes, as: UTF8.self)
            let isNew = keys.insert(keyBytes).inserted
            if !isNew, duplicate == nil {
              duplicate = JSONParseError(
                kind: .duplicateKey, location: keyLocation, path: tokens.renderPath(),
                message: "duplicate key \(quoted(key))")
            }
            let member = try self.value(&tokens)
            if isNew { members.append(JSONMember(key: key, keyLocation: keyLocation, value: member)) }
          } while try tokens.objectNext()
        }
        value = .object(members)
      case UInt8(ascii: "["):
        var items: [JSONNode] = []
        if try tokens.arrayStart() {
          var index = 0
          repeat {
            tokens.setPath(.index(index))
            items.append(try self.value(&tokens))
            index += 1
          } while try tokens.arrayNext()
        }
        value = .array(items)
      case UInt8(ascii: "\""):
        value = .string(tokens.string(try tokens.scanString()))
      case UInt8(ascii: "t"):
        try tokens.literal("true")
        value = .bool(true)
      case UInt8(ascii: "f"):
        try tokens.literal("false")
        value = .bool(false)
      case UInt8(ascii: "n"):
        try tokens.literal("null")
        value = .null
      case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
        let raw = try tokens.scanNumber()
        value = .number(JSONNumber(text: tokens.text(raw), isInteger: raw.isInteger, int64: tokens.int64(raw)))
      default:
        throw tokens.unexpected(at: start, expecting: "a JSON value")
      }
      return JSONNode(value: value, location: location, path: path)
    }
  }
}
