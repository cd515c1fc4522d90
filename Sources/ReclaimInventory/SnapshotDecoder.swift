import ReclaimCore

/// The schema-directed front end of `JSONTokenizer`: reads one snapshot
/// document (docs/reference/snapshot.md) straight from the tokens into
/// `NodeSnapshot`, with no tree in between.
///
/// It owns what one decode accumulates besides the snapshot: the
/// diagnostics (with the source and line they name) and the interned
/// strings, long (`strings`) and short (`short`). Made and dropped inside
/// `SnapshotReader.decode`, the scope that keeps the input alive.
struct SnapshotDecoder: ~Copyable {
  var tokens: JSONTokenizer
  var diagnostics: [Diagnostic] = []
  /// Problems past `problemLimit`, counted and not kept: a snapshot of a
  /// million bad elements costs a count, not a million messages.
  var omitted = 0
  let source: String
  let line: Int?
  var strings: StringTable
  var short = ShortStrings()

  init(tokens: consuming JSONTokenizer, source: String, line: Int?) {
    strings = StringTable(input: tokens.base, count: tokens.count)
    self.tokens = tokens
    self.source = source
    self.line = line
  }

  /// Records a problem at the current path (and `component` under it).
  mutating func report(_ message: String, appending component: JSONPathComponent? = nil, always: Bool = false) {
    guard always || diagnostics.count < SnapshotReader.problemLimit else {
      omitted += 1
      return
    }
    diagnostics.append(
      Diagnostic(file: source, line: line, path: tokens.renderPath(appending: component), message: message))
  }

  /// The diagnostic of a syntax error: `line L, column C` for a whole
  /// document, `column C` for an NDJSON line (whose line the diagnostic's
  /// location already names). Columns follow `JSONLocation`'s rule.
  mutating func reportSyntaxError(_ error: JSONSyntaxError) {
    let at = tokens.location(of: error.offset)
    let position = line != nil && at.line == 1 ? "column \(at.column)" : "\(at)"
    // The syntax error ends the scan and says the most: past the limit it
    // takes the last place, and the problem it displaces is counted.
    if diagnostics.count >= SnapshotReader.problemLimit {
      diagnostics.removeLast()
      omitted += 1
    }
    report("malformed JSON: \(error.message) at \(position)", always: true)
  }
}
