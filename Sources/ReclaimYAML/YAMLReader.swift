import CYAML
import ReclaimCore

/// Reads YAML text into `YAMLNode` trees through libyaml's event API.
///
/// This is the only file that sees libyaml: its C types never leave it. The
/// reader enforces the limits of the policy language (docs/reference/policy.md,
/// "Validation") while it
/// builds, so a hostile file is refused before its expansion exists.
public enum YAMLReader: Sendable {
  /// Files larger than this are refused before parsing.
  public static let maximumFileSize = 4 * 1024 * 1024
  /// The most nodes a document using aliases may expand to.
  public static let maximumAliasExpansion = 10_000
  /// The deepest nesting of collections a document may have.
  public static let maximumDepth = 64

  /// Reads every document of `bytes`; `file` names the source in diagnostics.
  ///
  /// Never throws: problems come back as diagnostics, together with the
  /// complete documents read before the first fatal one.
  public static func read(bytes: [UInt8], file: String) -> YAMLReadResult {
    if bytes.count > maximumFileSize {
      return YAMLReadResult(diagnostics: [
        Diagnostic(
          file: file,
          message: "file is \(bytes.count) bytes, larger than the 4 MiB (\(maximumFileSize) bytes) limit")
      ])
    }
    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
      return YAMLReadResult(diagnostics: [
        Diagnostic(severity: .note, file: file, message: "empty file ignored")
      ])
    }
    if let problem = SourceCheck.firstProblem(in: bytes) {
      let (line, column) = SourceCheck.position(ofByte: problem.offset, in: bytes)
      return YAMLReadResult(diagnostics: [
        Diagnostic(file: file, line: line, column: column, message: problem.message)
      ])
    }
    var result = EventParser(bytes: bytes, file: file).run()
    if result.documents.isEmpty && !result.hasErrors
      && !result.diagnostics.contains(where: { $0.severity == .note })
    {
      result.diagnostics.append(
        Diagnostic(severity: .note, file: file, message: "empty file ignored (no documents)"))
    }
    return result
  }
}

/// Byte-level checks made before libyaml sees the text, so that binary data
/// and broken UTF-8 get one clear message instead of a tokenizer's guess.
enum SourceCheck {
  struct Problem {
    var offset: Int
    var message: String
  }

  static func firstProblem(in bytes: [UInt8]) -> Problem? {
    var i = 0
    let n = bytes.count
    while i < n {
      let b = bytes[i]
      if b < 0x80 {
        if b == 0 {
          return Problem(offset: i, message: "file contains binary data (a NUL byte); a policy must be UTF-8 text")
        }
        i += 1
        continue
      }
      let length: Int
      let minimum: UInt32
      var value: UInt32
      switch b {
      case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b & 0x1F)
      case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b & 0x0F)
      case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b & 0x07)
      default:
        return Problem(offset: i, message: "file is not valid UTF-8 (byte 0x\(hex(b)) cannot start a character)")
      }
      guard i + length <= n else {
        return Problem(offset: i, message: "file is not valid UTF-8 (truncated character at end of file)")
      }
      for k in 1..<length {
        let c = bytes[i + k]
        guard c & 0xC0 == 0x80 else {
          return Problem(
            offset: i, message: "file is not valid UTF-8 (byte 0x\(hex(c)) cannot continue a character)")
        }
        value = value << 6 | UInt32(c & 0x3F)
      }
      if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) {
        return Problem(offset: i, message: "file is not valid UTF-8 (invalid encoding of U+\(String(value, radix: 16, uppercase: true)))")
      }
      i += length
    }
    return nil
  }

  private static func hex(_ b: UInt8) -> String {
    let text = String(b, radix: 16, uppercase: true)
    return b < 16 ? "0" + text : text
  }

  /// The 1-based line and column (in characters, as libyaml counts) of a byte.
  static func position(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
    var line = 1, column = 1
    var i = 0
    let end = min(offset, bytes.count)
    while i < end {
      let b = bytes[i]
      if b == 0x0A {
        line += 1
        column = 1
      } else if b & 0xC0 != 0x80 {
        column += 1
      }
      i += 1
    }
    return (line, column)
  }
}

/// One run of libyaml's parser over one buffer. The parser and the buffer
/// are heap allocations that live exactly as long as `run()`.
private struct EventParser {
  let bytes: [UInt8]
  let file: String

  /// A completed node with what the limits need to know about it.
  struct Built {
    var node: YAMLNode
    /// Nodes in its expansion (itself included).
    var count: Int
    /// Nesting of collections inside it: 0 for a scalar.
    var height: Int
  }

  /// An open collection.
  struct Frame {
    var isMapping: Bool
    var mark: YAMLNode.Mark
    var anchor: String?
    var tag: String?
    var items: [YAMLNode] = []
    var pairs: [(key: YAMLNode, value: YAMLNode)] = []
    var pendingKey: YAMLNode?
    /// Whether the pending key duplicated an earlier one (its value is dropped).
    var pendingDuplicate = false
    /// Keys by their bytes: two spellings Unicode calls equivalent are two
    /// keys, as they are to the compiler's byte-wise matching.
    var seenKeys: [[UInt8]: YAMLNode.Mark] = [:]
    var count = 1
    var height = 1
  }

  var documents: [YAMLDocument] = []
  var diagnostics: [Diagnostic] = []
  var stack: [Frame] = []
  var anchors: [String: Built] = [:]
  var documentStart = YAMLNode.Mark(line: 1, column: 1)
  var documentRoot: Built?
  var expanded = 0
  var usedAlias = false
  var fatal = false

  init(bytes: [UInt8], file: String) {
    self.bytes = bytes
    self.file = file
  }

  consuming func run() -> YAMLReadResult {
    let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
    let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
    let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
    defer {
      event.deallocate()
      buffer.deallocate()
      parser.deallocate()
    }
    guard yaml_parser_initialize(parser) != 0 else {
      diagnostics.append(Diagnostic(file: file, message: "could not initialise the YAML parser (out of memory)"))
      return YAMLReadResult(documents: documents, diagnostics: diagnostics)
    }
    defer { yaml_parser_delete(parser) }
    bytes.withUnsafeBufferPointer { source in
      if let base = source.baseAddress { buffer.initialize(from: base, count: source.count) }
    }
    yaml_parser_set_input_string(parser, buffer, bytes.count)
    yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)

    while !fatal {
      guard yaml_parser_parse(parser, event) != 0 else {
        // After an error libyaml only returns empty events: stop here.
        reportParserError(parser.pointee)
        break
      }
      let type = event.pointee.type
      handle(event.pointee)
      yaml_event_delete(event)
      if type == YAML_STREAM_END_EVENT { break }
    }
    return YAMLReadResult(documents: documents, diagnostics: diagnostics)
  }

  static func mark(_ m: yaml_mark_t) -> YAMLNode.Mark {
    YAMLNode.Mark(line: Int(m.line) + 1, column: Int(m.column) + 1)
  }

  static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
  }

  static func cText(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(cString: pointer)
  }

  mutating func reportParserError(_ parser: yaml_parser_t) {
    let problem = Self.cText(parser.problem) ?? "unknown error"
    var message = "YAML syntax error: \(problem)"
    let line: Int, column: Int
    if parser.error == YAML_READER_ERROR {
      (line, column) = SourceCheck.position(ofByte: Int(parser.problem_offset), in: bytes)
      if parser.problem_value >= 0 {
        message += " (character 0x\(String(parser.problem_value, radix: 16, uppercase: true)))"
      }
    } else {
      let m = Self.mark(parser.problem_mark)
      (line, column) = (m.line, m.column)
      if let context = Self.cText(parser.context) {
        let c = Self.mark(parser.context_mark)
        message += " (\(context) at line \(c.line), column \(c.column))"
      }
    }
    diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
  }

  mutating func fail(_ mark: YAMLNode.Mark, _ message: String) {
    diagnostics.append(Diagnostic(file: file, line: mark.line, column: mark.column, message: message))
    fatal = true
  }

  mutating func handle(_ event: yaml_event_t) {
    let start = Self.mark(event.start_mark)
    switch event.type {
    case YAML_DOCUMENT_START_EVENT:
      documentStart = start
      documentRoot = nil
      anchors = [:]
      expanded = 0
      usedAlias = false
    case YAML_DOCUMENT_END_EVENT:
      if let root = documentRoot {
        let document = YAMLDocument(root: root.node, start: documentStart)
        if document.isEmpty {
          diagnostics.append(
            Diagnostic(
              severity: .note, file: file, line: documentStart.line, column: documentStart.column,
              message: "empty document ignored"))
        } else {
          documents.append(document)
        }
      }
      documentRoot = nil
    case YAML_SCALAR_EVENT:
      let s = event.data.scalar
      let value: String
      if let pointer = s.value {
        value = String(decoding: UnsafeBufferPointer(start: pointer, count: s.length), as: UTF8.self)
      } else {
        value = ""
      }
      let style: YAMLNode.ScalarStyle
      switch s.style {
      case YAML_SINGLE_QUOTED_SCALAR_STYLE: style = .singleQuoted
      case YAML_DOUBLE_QUOTED_SCALAR_STYLE: style = .doubleQuoted
      case YAML_LITERAL_SCALAR_STYLE: style = .literal
      case YAML_FOLDED_SCALAR_STYLE: style = .folded
      default: style = .plain
      }
      expanded += 1
      let built = Built(node: YAMLNode(.scalar(value, style, tag: Self.text(s.tag)), at: start), count: 1, height: 0)
      if let anchor = Self.text(s.anchor) { anchors[anchor] = built }
      add(built)
    case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
      let isMapping = event.type == YAML_MAPPING_START_EVENT
      if stack.count + 1 > YAMLReader.maximumDepth {
        fail(start, "document nests deeper than \(YAMLReader.maximumDepth) levels")
        return
      }
      expanded += 1
      let anchor = Self.text(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
      let tag = Self.text(isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag)
      stack.append(Frame(isMapping: isMapping, mark: start, anchor: anchor, tag: tag))
    case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
      guard let frame = stack.popLast() else { return }
      let kind: YAMLNode.Kind = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
      let built = Built(node: YAMLNode(kind, at: frame.mark), count: frame.count, height: frame.height)
      if let anchor = frame.anchor { anchors[anchor] = built }
      add(built)
    case YAML_ALIAS_EVENT:
      let name = Self.text(event.data.alias.anchor) ?? ""
      guard let target = anchors[name] else {
        fail(start, "unknown alias \"*\(name)\" (no anchor \"&\(name)\" before it in this document)")
        return
      }
      usedAlias = true
      expanded += target.count
      if expanded > YAMLReader.maximumAliasExpansion {
        fail(start, "alias expansion exceeds \(YAMLReader.maximumAliasExpansion) nodes (\"billion laughs\"?)")
        return
      }
      if stack.count + target.height > YAMLReader.maximumDepth {
        fail(start, "alias \"*\(name)\" makes the document nest deeper than \(YAMLReader.maximumDepth) levels")
        return
      }
      var copy = target
      copy.node.mark = start
      add(copy)
    default:
      break
    }
    if usedAlias && expanded > YAMLReader.maximumAliasExpansion && !fatal {
      fail(start, "alias expansion exceeds \(YAMLReader.maximumAliasExpansion) nodes (\"billion laughs\"?)")
    }
  }

  /// Attaches a completed node to the open collection, or makes it the root.
  mutating func add(_ built: Built) {
    guard !stack.isEmpty else {
      documentRoot = built
      return
    }
    let top = stack.count - 1
    stack[top].count += built.count
    stack[top].height = max(stack[top].height, built.height + 1)
    if !stack[top].isMapping {
      stack[top].items.append(built.node)
      return
    }
    guard let key = stack[top].pendingKey else {
      // A key: check it against the keys seen so far in this mapping.
      var duplicate = false
      if case .scalar(let text, _, _) = built.node.kind {
        if let first = stack[top].seenKeys[Array(text.utf8)] {
          duplicate = true
          diagnostics.append(
            Diagnostic(
              file: file, line: built.node.mark.line, column: built.node.mark.column,
              message:
                "duplicate key \"\(text)\" at line \(built.node.mark.line), column \(built.node.mark.column); first defined at line \(first.line), column \(first.column)"
            ))
        } else {
          stack[top].seenKeys[Array(text.utf8)] = built.node.mark
        }
      }
      stack[top].pendingKey = built.node
      stack[top].pendingDuplicate = duplicate
      return
    }
    if !stack[top].pendingDuplicate { stack[top].pairs.append((key: key, value: built.node)) }
    stack[top].pendingKey = nil
    stack[top].pendingDuplicate = false
  }
}
