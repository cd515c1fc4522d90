import ReclaimCore

/// One document of a YAML stream, as the reader built it.
public struct YAMLDocument: Sendable, Hashable {
  /// The document's content; aliases already expanded.
  public var root: YAMLNode
  /// Where the document starts (its `---`, or its first node when implicit).
  public var start: YAMLNode.Mark

  public init(root: YAMLNode, start: YAMLNode.Mark) {
    self.root = root
    self.start = start
  }

  /// Whether the document holds nothing (an empty or null root scalar).
  public var isEmpty: Bool {
    guard case .scalar(let text, let style, let tag) = root.kind, style == .plain else { return false }
    guard tag == nil || tag == "tag:yaml.org,2002:null" else { return false }
    return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }
}

/// What reading one YAML file produced: the complete documents read before
/// any error, and every problem or note found.
public struct YAMLReadResult: Sendable {
  public var documents: [YAMLDocument]
  public var diagnostics: [Diagnostic]

  public init(documents: [YAMLDocument] = [], diagnostics: [Diagnostic] = []) {
    self.documents = documents
    self.diagnostics = diagnostics
  }

  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
