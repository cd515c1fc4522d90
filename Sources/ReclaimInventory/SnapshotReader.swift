import ReclaimCore

/// Decodes node inventory snapshots (docs/reference/snapshot.md) from raw UTF-8 JSON.
///
/// The reader is schema-directed: it walks the bytes once, matching keys in
/// place and building `NodeSnapshot` directly, with no intermediate JSON tree
/// and no Foundation. It checks full JSON validity and every rule of the
/// format; all problems of a snapshot are collected and thrown together,
/// except that a syntax error ends the scan (nothing after it can be trusted).
public enum SnapshotReader {
  /// At most this many problems are reported per snapshot
  /// (docs/reference/snapshot.md, "Limits"), then one line saying how many more there were.
  public static let problemLimit = 100

  /// The line that stands for the problems past the limit.
  static func omission(_ count: Int, source: String, line: Int?) -> [Diagnostic] {
    guard count > 0 else { return [] }
    return [
      Diagnostic(
        file: source, line: line, path: "$",
        message: "\(count) more problem\(count == 1 ? "" : "s") not shown (at most \(problemLimit) are reported per snapshot)")
    ]
  }

  /// One JSON document: a whole `.json` file, or one NDJSON line (`line` = its 1-based line).
  ///
  /// - Parameters:
  ///   - bytes: the document's UTF-8 bytes (for a stream line, without its newline).
  ///   - source: the file (or `-`) as the user named it; every diagnostic's `file`.
  ///   - line: the NDJSON line number; every diagnostic's `line`.
  /// - Throws: a `DiagnosticError` whose diagnostics each carry a JSON path.
  public static func decode(
    _ bytes: UnsafeBufferPointer<UInt8>, source: String, line: Int? = nil
  ) throws(DiagnosticError) -> NodeSnapshot {
    guard !bytes.isEmpty else {
      throw DiagnosticError([
        Diagnostic(file: source, line: line, path: "$", message: "empty input (expected a JSON object)")
      ])
    }
    // The decoder and its tokenizer read `bytes`: they live in this call only.
    var decoder = SnapshotDecoder(tokens: JSONTokenizer(bytes), source: source, line: line)
    let snapshot: NodeSnapshot?
    do throws(JSONSyntaxError) {
      snapshot = try decoder.decodeDocument()
    } catch {
      decoder.reportSyntaxError(error)
      throw DiagnosticError(decoder.diagnostics + omission(decoder.omitted, source: source, line: line))
    }
    guard let snapshot, decoder.diagnostics.isEmpty else {
      var diagnostics = decoder.diagnostics + omission(decoder.omitted, source: source, line: line)
      if diagnostics.isEmpty {
        // Every path to a missing snapshot reports why; this only guards
        // against a future one that forgets, so a rejection is never silent.
        diagnostics.append(Diagnostic(file: source, line: line, path: "$", message: "invalid snapshot"))
      }
      throw DiagnosticError(diagnostics)
    }
    return snapshot
  }

  /// One JSON document: a whole `.json` file, or one NDJSON line (`line` = its 1-based line).
  public static func decode(_ bytes: [UInt8], source: String, line: Int? = nil) throws(DiagnosticError) -> NodeSnapshot {
    let result: Result<NodeSnapshot, DiagnosticError> = bytes.withUnsafeBufferPointer { buffer in
      do throws(DiagnosticError) {
        return .success(try decode(buffer, source: source, line: line))
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }
}

extension SnapshotReader {
  /// The top-level `node` of a document whose top-level `kind` is
  /// `NodeSnapshot`, found without decoding the rest. `nil` when the
  /// document is not an object, is of another kind, has no string `node`,
  /// or is too malformed for the scan to find both.
  ///
  /// The batch runner uses it to find the nodes that two snapshot documents
  /// name — a manifest or a policy lying beside the snapshots names a node
  /// too, but is no claim to be its state (docs/batch.md).
  ///
  /// The scan reads members from the start for the first `head` bytes
  /// (where documents written by hand or by `json.dumps` keep `kind` and
  /// `node`); when both are not there, from the end (where Reclaim's own
  /// canonical documents have them, before `podLogDirs`, `pods` and
  /// `sandboxes`, a quarter of the bytes); and when that fails too, from
  /// the start to the end. Other members are skipped by bracket depth and
  /// quotes, their syntax unchecked, and the scan stops once both are seen.
  /// On valid JSON with distinct keys every way finds the same; on a
  /// malformed document the answer is the first that finds both.
  public static func nodeName(_ bytes: UnsafeBufferPointer<UInt8>, head: Int = 1024) -> String? {
    guard !bytes.isEmpty else { return nil }
    if bytes.count > head {
      switch forwardNodeName(UnsafeBufferPointer(rebasing: bytes[..<max(head, 1)])) {
      case .found(let node): return node
      case .none: return nil
      case .unknown: break
      }
      switch backwardNodeName(bytes) {
      case .found(let node): return node
      case .none: return nil
      case .unknown: break
      }
    }
    if case .found(let node) = forwardNodeName(bytes) { return node }
    return nil
  }

  /// What one way of scanning found: the node, that there is none (not an
  /// object, or of another kind), or nothing certain (the bytes ended, or
  /// were not what the scan could read).
  private enum NodeScan {
    case found(String)
    case none
    case unknown
  }

  /// Whether a key is `node` or `kind`; an escaped key is compared by its
  /// unescaped bytes, as the decoder does.
  private static func keyName(_ key: JSONRawString, in tokens: borrowing JSONTokenizer) -> (isNode: Bool, isKind: Bool) {
    if key.escaped {
      let name = String(decoding: tokens.unescaped(key), as: UTF8.self)
      return (name == "node", name == "kind")
    }
    return (tokens.matches(key, "node"), tokens.matches(key, "kind"))
  }

  /// Members from the start, until both are seen.
  private static func forwardNodeName(_ bytes: UnsafeBufferPointer<UInt8>) -> NodeScan {
    var tokens = JSONTokenizer(bytes)
    var node: String?
    var isSnapshot = false
    do throws(JSONSyntaxError) {
      tokens.skipByteOrderMark()
      guard try tokens.nextByte() == UInt8(ascii: "{") else { return .none }
      guard try tokens.objectStart() else { return .none }
      repeat {
        let key = try tokens.memberKey()
        let (isNode, isKind) = keyName(key, in: tokens)
        if isNode || isKind, try tokens.nextByte() == UInt8(ascii: "\"") {
          let value = tokens.string(try tokens.scanString())
          if isNode {
            node = value
          } else {
            guard value == SnapshotDecoder.kind else { return .none }
            isSnapshot = true
          }
          if isSnapshot, let node { return .found(node) }
        } else {
          // Unchecked: the decode checks it; this pass must be cheap beside it.
          try tokens.skipValueUnchecked()
        }
      } while try tokens.objectNext()
    } catch {
      return .unknown
    }
    return .unknown
  }

  /// Members from the end (`JSONTokenizer.member(endingBefore:)`), until
  /// both are seen; each key and value is read forward from its start.
  private static func backwardNodeName(_ bytes: UnsafeBufferPointer<UInt8>) -> NodeScan {
    var tokens = JSONTokenizer(bytes)
    var end = tokens.lastSignificant(before: bytes.count)
    guard end > 0, bytes[end] == UInt8(ascii: "}") else { return .unknown }
    var node: String?
    var isSnapshot = false
    do throws(JSONSyntaxError) {
      while let member = tokens.member(endingBefore: end) {
        tokens.pos = member.keyQuote
        let (isNode, isKind) = keyName(try tokens.scanString(), in: tokens)
        if isNode || isKind, bytes[member.value] == UInt8(ascii: "\"") {
          tokens.pos = member.value
          let value = tokens.string(try tokens.scanString())
          if isNode {
            node = node ?? value
          } else {
            guard value == SnapshotDecoder.kind else { return .none }
            isSnapshot = true
          }
          if isSnapshot, let node { return .found(node) }
        }
        if bytes[member.separator] == UInt8(ascii: "{") { return .unknown }
        end = member.separator
      }
    } catch {
      return .unknown
    }
    return .unknown
  }
}

extension SnapshotReader {
  /// Why `name` cannot be a snapshot's `node` (it must be a DNS-1123
  /// subdomain, since it becomes a file name under `--out`), or `nil`.
  public static func nodeNameProblem(_ name: String) -> String? {
    SnapshotDecoder.nodeNameProblem(name)
  }
}
