/// One problem found in user input, with the place it was found.
///
/// YAML problems carry a 1-based line and column (from libyaml's marks) and
/// render in the compiler format `FILE:LINE:COL: error: MESSAGE`. JSON
/// problems carry a JSON path (`$.containers[3].createdAt`) and, for NDJSON
/// streams, the line of the stream; they render as `SOURCE[:LINE]: PATH: MESSAGE`.
public struct Diagnostic: Sendable, Hashable, Error, CustomStringConvertible {
  /// How bad the problem is.
  public enum Severity: String, Sendable, Hashable, Comparable {
    case error, warning, note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var severity: Severity
  /// The file (or stream, or `-`) the problem is in, as the user named it.
  public var file: String
  /// 1-based line, when known.
  public var line: Int?
  /// 1-based column, when known.
  public var column: Int?
  /// JSON path of the offending value (`$.images[2].sizeBytes`), for JSON input.
  public var path: String?
  public var message: String

  public init(
    severity: Severity = .error, file: String, line: Int? = nil, column: Int? = nil,
    path: String? = nil, message: String
  ) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.path = path
    self.message = message
  }

  /// `FILE:LINE:COL` (or as much of it as is known).
  public var location: String {
    var text = file
    if let line {
      text += ":\(line)"
      if let column { text += ":\(column)" }
    }
    return text
  }

  /// The message with the JSON path in front, as stored in `summary.json` failures.
  public var messageWithPath: String {
    if let path { return "\(path): \(message)" }
    return message
  }

  /// The one-line rendering used on stderr: `FILE[:LINE]: PATH: MESSAGE`
  /// for an error with a JSON path, `FILE[:LINE]: warning: PATH: MESSAGE`
  /// for a warning or note with one, `FILE:LINE:COL: SEVERITY: MESSAGE`
  /// otherwise.
  public var description: String {
    if path != nil {
      // Errors keep the snapshot reader's short form; anything milder says
      // what it is, so a warning is not read as a rejection.
      if severity != .error { return "\(location): \(severity.rawValue): \(messageWithPath)" }
      return "\(location): \(messageWithPath)"
    }
    return "\(location): \(severity.rawValue): \(message)"
  }
}

extension Diagnostic: Comparable {
  /// Orders diagnostics by file, position, severity and message, so that a
  /// run reports them in a stable order.
  public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
    if lhs.file != rhs.file { return lhs.file.utf8.lexicographicallyPrecedes(rhs.file.utf8) }
    let l1 = lhs.line ?? 0, l2 = rhs.line ?? 0
    if l1 != l2 { return l1 < l2 }
    let c1 = lhs.column ?? 0, c2 = rhs.column ?? 0
    if c1 != c2 { return c1 < c2 }
    if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
    let p1 = lhs.path ?? "", p2 = rhs.path ?? ""
    if p1 != p2 { return p1.utf8.lexicographicallyPrecedes(p2.utf8) }
    return lhs.message.utf8.lexicographicallyPrecedes(rhs.message.utf8)
  }
}

/// A set of diagnostics thrown at once: "collect them all, then fail once".
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
  public var diagnostics: [Diagnostic]

  public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

  public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
