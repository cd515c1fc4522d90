import ReclaimCore
import ReclaimEngine

extension FleetSummary {
  /// Reads a `summary.json` that `reclaim plan --out` wrote, for `reclaim
  /// merge`. Strict: every field of the format, of the right type; each
  /// problem is a diagnostic with its JSON path.
  public init(reading bytes: [UInt8], file: String) throws(DiagnosticError) {
    let root: JSONNode
    do {
      root = try JSONTreeBuilder.parse(bytes)
    } catch {
      throw DiagnosticError([Diagnostic(file: file, line: error.location.line, column: error.location.column, message: error.message)])
    }
    var problems: [Diagnostic] = []
    func fail(_ node: JSONNode?, _ path: String, _ message: String) {
      problems.append(Diagnostic(file: file, path: node?.path ?? path, message: message))
    }
    func string(_ node: JSONNode, _ key: String) -> String? {
      guard let value = node.member(key) else {
        fail(nil, node.path, "missing required field \"\(key)\"")
        return nil
      }
      guard case .string(let s) = value.value else {
        fail(value, "", "expected a string, got \(value.kindName)")
        return nil
      }
      return s
    }
    func int(_ node: JSONNode, _ key: String) -> Int64? {
      guard let value = node.member(key) else {
        fail(nil, node.path, "missing required field \"\(key)\"")
        return nil
      }
      guard case .number(let n) = value.value, let v = n.int64, v >= 0 else {
        fail(value, "", "expected a non-negative integer, got \(value.kindName)")
        return nil
      }
      return v
    }
    func array(_ node: JSONNode, _ key: String) -> [JSONNode] {
      guard let value = node.member(key) else {
        fail(nil, node.path, "missing required field \"\(key)\"")
        return []
      }
      guard case .array(let items) = value.value else {
        fail(value, "", "expected an array, got \(value.kindName)")
        return []
      }
      return items
    }
    if let kind = string(root, "kind"), kind != Self.kind { fail(root.member("kind"), "", "not a FleetSummary (kind \"\(kind)\")") }
    if let v = string(root, "apiVersion"), v != DeletionManifest.apiVersion {
      fail(root.member("apiVersion"), "", "unsupported apiVersion \"\(v)\"")
    }
    let digest = string(root, "policyDigest") ?? ""
    let modeName = string(root, "mode") ?? ""
    let mode = GCMode(rawValue: modeName)
    if mode == nil, root.member("mode") != nil { fail(root.member("mode"), "", "unknown mode \"\(modeName)\"") }
    self.init(policyDigest: digest, mode: mode ?? .periodic)
    nodes = Int(int(root, "nodes") ?? 0)
    failed = Int(int(root, "failed") ?? 0)
    if let totals = root.member("totals") {
      self.totals = ManifestSummary(
        containers: Int(int(totals, "containers") ?? 0), sandboxes: Int(int(totals, "sandboxes") ?? 0),
        podLogDirs: Int(int(totals, "podLogDirs") ?? 0), images: Int(int(totals, "images") ?? 0),
        imageBytes: int(totals, "imageBytes") ?? 0)
    } else {
      fail(nil, "$", "missing required field \"totals\"")
    }
    if let namespaces = root.member("byNamespace") {
      if case .object(let members) = namespaces.value {
        for member in members {
          var counts = NamespaceCounts()
          counts.containers = Int(int(member.value, "containers") ?? 0)
          counts.sandboxes = Int(int(member.value, "sandboxes") ?? 0)
          counts.podLogDirs = Int(int(member.value, "podLogDirs") ?? 0)
          byNamespace[member.key] = counts
        }
      } else {
        fail(namespaces, "", "expected an object, got \(namespaces.kindName)")
      }
    } else {
      fail(nil, "$", "missing required field \"byNamespace\"")
    }
    for item in array(root, "nodesWithShortfall") {
      if case .string(let s) = item.value { nodesWithShortfall.append(s) } else { fail(item, "", "expected a string") }
    }
    for item in array(root, "failures") {
      if let source = string(item, "source"), let message = string(item, "message") {
        failures.append(Failure(source: source, message: message))
      }
    }
    if !problems.isEmpty { throw DiagnosticError(problems) }
  }

  /// Adds another shard's summary of the same run to this one; the caller
  /// has checked that digests and modes agree.
  public mutating func merge(_ other: FleetSummary) {
    nodes += other.nodes
    totals.add(other.totals)
    for (ns, c) in other.byNamespace {
      byNamespace[ns, default: .init()].containers += c.containers
      byNamespace[ns, default: .init()].sandboxes += c.sandboxes
      byNamespace[ns, default: .init()].podLogDirs += c.podLogDirs
    }
    nodesWithShortfall += other.nodesWithShortfall
    failures += other.failures
    failed += other.failed
  }
}
