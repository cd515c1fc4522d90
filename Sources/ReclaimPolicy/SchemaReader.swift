import ReclaimCore
import ReclaimYAML

/// Typed reads of YAML nodes against a schema, recording every problem as a
/// `FILE:LINE:COL` diagnostic instead of stopping at the first.
///
/// One reader for the policy kinds (`PolicyCompiler`) and for `PolicyTest`
/// documents (`PolicyTestDocument`), so that both say "expected an integer",
/// "unknown key … did you mean" and the like in the same words.
struct SchemaReader: Sendable {
  /// The file every diagnostic names.
  var file = ""
  /// What was found wrong so far, in the order found.
  var diagnostics: [Diagnostic] = []

  mutating func error(_ node: YAMLNode, _ message: String) {
    diagnostics.append(
      Diagnostic(file: file, line: node.mark.line, column: node.mark.column, message: message))
  }

  func here(_ node: YAMLNode) -> PolicySet.Origin { PolicySet.Origin(file: file, mark: node.mark) }

  static func scalarText(_ node: YAMLNode) -> String? {
    if case .scalar(let text, _, _) = node.kind { return text }
    return nil
  }

  /// A mapping's values by key; reports a non-mapping, non-string keys and
  /// unknown keys (with a suggestion). Duplicate keys were refused by the
  /// reader. `nodeWide` keys get their own message: they are known, but
  /// only in a `GCPolicy`.
  mutating func mapping(
    _ node: YAMLNode, _ path: String, allowed: [String], nodeWide: [String] = []
  ) -> [String: YAMLNode] {
    pairs(node, path, allowed: allowed, nodeWide: nodeWide).reduce(into: [:]) { $0[$1.key] = $1.value }
  }

  /// As `mapping`, with each accepted key's own node (for positions), in
  /// document order.
  mutating func pairs(
    _ node: YAMLNode, _ path: String, allowed: [String], nodeWide: [String] = []
  ) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
    guard case .mapping(let pairs) = node.kind else {
      error(node, "\(path.isEmpty ? "document" : path): expected a mapping, found \(Self.describe(node))")
      return []
    }
    var result: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
    let prefix = path.isEmpty ? "" : path + "."
    for pair in pairs {
      guard case .scalar(let key, _, _) = pair.key.kind else {
        error(pair.key, "\(path.isEmpty ? "document" : path): keys must be strings, found \(Self.describe(pair.key))")
        continue
      }
      if allowed.contains(key) {
        result.append((key, pair.key, pair.value))
      } else if nodeWide.contains(key) {
        error(
          pair.key,
          "\(prefix)\(key) is node-wide and cannot be set in a NamespaceOverride (only \(allowed.joined(separator: " and ")) can)"
        )
      } else {
        var message = "unknown key \"\(key)\"" + (path.isEmpty ? "" : " in \(path)")
        if let near = EditDistance.suggestion(for: key, among: allowed) {
          message += "; did you mean \"\(near)\"?"
        }
        error(pair.key, message)
      }
    }
    return result
  }

  mutating func list(_ node: YAMLNode, _ path: String) -> [YAMLNode] {
    guard case .sequence(let items) = node.kind else {
      error(node, "\(path): expected a list, found \(Self.describe(node))")
      return []
    }
    return items
  }

  static let stringTags: Set<String?> = [nil, "!", "tag:yaml.org,2002:str"]

  mutating func string(_ node: YAMLNode, _ path: String) -> String? {
    guard case .scalar(let text, let style, let tag) = node.kind, Self.stringTags.contains(tag),
      !(style == .plain && Self.isNull(text))
    else {
      error(node, "\(path): expected a string, found \(Self.describe(node))")
      return nil
    }
    return text
  }

  mutating func integer(_ node: YAMLNode, _ path: String) -> Int? {
    guard case .scalar(let text, let style, let tag) = node.kind, style == .plain,
      tag == nil || tag == "tag:yaml.org,2002:int", !Self.isNull(text)
    else {
      error(node, "\(path): expected an integer, found \(Self.describe(node))")
      return nil
    }
    switch PolicyRules.decimalInteger(text) {
    case .success(let value): return value
    case .failure(let problem):
      error(node, "\(path): \(problem)")
      return nil
    }
  }

  /// `true` or `false`, plain: YAML 1.1's `yes`/`on` are not booleans here,
  /// as they are not anywhere else in Reclaim (a plain `no` stays a string).
  mutating func boolean(_ node: YAMLNode, _ path: String) -> Bool? {
    if case .scalar(let text, .plain, let tag) = node.kind, tag == nil || tag == "tag:yaml.org,2002:bool" {
      if text == "true" { return true }
      if text == "false" { return false }
    }
    error(node, "\(path): expected true or false, found \(Self.describe(node))")
    return nil
  }

  mutating func percent(_ node: YAMLNode, _ path: String) -> Int? {
    guard let value = integer(node, path) else { return nil }
    guard (0...100).contains(value) else {
      error(node, "\(path): \(value) is out of range (0 to 100)")
      return nil
    }
    return value
  }

  mutating func duration(_ node: YAMLNode, _ path: String) -> Int64? {
    guard case .scalar(let text, _, let tag) = node.kind, Self.stringTags.contains(tag)
        || tag == "tag:yaml.org,2002:int", !Self.isNull(text)
    else {
      error(node, "\(path): expected a duration such as 90s or 1h30m, found \(Self.describe(node))")
      return nil
    }
    switch PolicyRules.duration(text) {
    case .success(let value): return value
    case .failure(let problem):
      error(node, "\(path): \(problem)")
      return nil
    }
  }

  /// `metadata`: a required DNS-1123 `name`, and string maps `labels` and
  /// `annotations` that are checked for shape and otherwise ignored.
  mutating func metadataName(_ node: YAMLNode?, document: YAMLNode) -> (String?, PolicySet.Origin?) {
    guard let node else {
      error(document, "missing required key \"metadata\" (with a name)")
      return (nil, nil)
    }
    let f = mapping(node, "metadata", allowed: ["name", "labels", "annotations"])
    for key in ["labels", "annotations"] {
      guard let map = f[key] else { continue }
      guard case .mapping(let pairs) = map.kind else {
        error(map, "metadata.\(key): expected a mapping of strings, found \(Self.describe(map))")
        continue
      }
      for pair in pairs {
        if case .scalar = pair.key.kind, case .scalar = pair.value.kind { continue }
        let bad = { if case .scalar = pair.key.kind { return pair.value } else { return pair.key } }()
        error(bad, "metadata.\(key): expected string keys and values, found \(Self.describe(bad))")
      }
    }
    guard let nameNode = f["name"] else {
      if case .mapping = node.kind { error(node, "missing required key \"metadata.name\"") }
      return (nil, nil)
    }
    guard let name = string(nameNode, "metadata.name") else { return (nil, nil) }
    if let problem = PolicyRules.dnsLabelProblem(name) {
      error(nameNode, "metadata.name: \"\(name)\" \(problem)")
      return (nil, nil)
    }
    return (name, here(nameNode))
  }

  static func isNull(_ text: String) -> Bool {
    text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
  }

  /// How a node reads in a type error.
  static func describe(_ node: YAMLNode) -> String {
    switch node.kind {
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .scalar(let text, let style, let tag):
      let shown = quoted(text)
      switch style {
      case .singleQuoted, .doubleQuoted: return "the quoted string \(shown)"
      case .literal, .folded: return "a block string"
      case .plain:
        if isNull(text) && (tag == nil || tag == "tag:yaml.org,2002:null") { return "null" }
        if let tag, !stringTags.contains(tag) { return "\(shown) tagged \(tag)" }
        return shown
      }
    }
  }
}
