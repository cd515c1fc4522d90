import ReclaimCore
import ReclaimYAML

extension PolicyTestDocument {
  /// Reads a `PolicyTest` document the compiler set aside, checking its
  /// schema as the compiler checks policies: every problem found, each at
  /// its `FILE:LINE:COL`.
  ///
  /// `test` is what could be read — also when there are errors, as long as
  /// `spec.snapshot` could, so that the runner checks the rest of it too
  /// (the snapshot's existence and content, the warning codes, names unique
  /// in the set: what needs more than the document). A test may be run
  /// only when `diagnostics` holds no error; a name that could not be read
  /// is empty.
  public static func read(_ source: PolicySet.TestSource) -> (test: PolicyTestDocument?, diagnostics: [Diagnostic]) {
    var reader = SchemaReader(file: source.file)
    let test = parse(source, &reader)
    return (test, reader.diagnostics.sorted())
  }

  private static func parse(_ source: PolicySet.TestSource, _ r: inout SchemaReader) -> PolicyTestDocument? {
    let root = source.document.root
    let fields = r.mapping(root, "", allowed: ["apiVersion", "kind", "metadata", "spec"])
    if let node = fields["apiVersion"] {
      if let value = r.string(node, "apiVersion"), value != PolicyCompiler.apiVersion {
        r.error(node, "unsupported apiVersion \"\(value)\"; expected \"\(PolicyCompiler.apiVersion)\"")
      }
    } else {
      r.error(root, "missing required key \"apiVersion\" (expected \"\(PolicyCompiler.apiVersion)\")")
    }
    let (name, nameOrigin) = r.metadataName(fields["metadata"], document: root)
    guard let specNode = fields["spec"] else {
      r.error(root, "missing required key \"spec\" (with snapshot and expect)")
      return nil
    }
    let spec = r.mapping(specNode, "spec", allowed: ["snapshot", "mode", "policy", "expect"])
    let isMapping = { if case .mapping = specNode.kind { return true } else { return false } }()

    var snapshot: (String, PolicySet.Origin)?
    if let node = spec["snapshot"] {
      if let path = r.string(node, "spec.snapshot") {
        if path.isEmpty {
          r.error(node, "spec.snapshot: must name a snapshot file (*.json), relative to this file")
        } else if !path.hasSuffix(".json") {
          r.error(node, "spec.snapshot: \(quoted(path)) is not a .json snapshot file (a test plans one snapshot)")
        } else {
          snapshot = (path, r.here(node))
        }
      }
    } else if isMapping {
      r.error(specNode, "missing required key \"spec.snapshot\": the snapshot (*.json) to plan, relative to this file")
    }

    var mode = Mode.periodic
    if let node = spec["mode"], let text = r.string(node, "spec.mode") {
      if let known = Mode(rawValue: text) {
        mode = known
      } else {
        let names = Mode.allCases.map(\.rawValue)
        var message = "spec.mode: unknown mode \(quoted(text)); expected periodic or disk-pressure"
        if let near = EditDistance.suggestion(for: text, among: names) { message += "; did you mean \"\(near)\"?" }
        r.error(node, message)
      }
    }

    var policy: (String, PolicySet.Origin)?
    if let node = spec["policy"], let path = r.string(node, "spec.policy") {
      if path.isEmpty {
        r.error(node, "spec.policy: must name a policy file or directory, relative to this file")
      } else {
        policy = (path, r.here(node))
      }
    }

    var expect = Expectations()
    if let node = spec["expect"] {
      expect = expectations(node, &r)
    } else if isMapping {
      r.error(specNode, "missing required key \"spec.expect\": what the plan must (or must not) delete")
    }

    guard let snapshot else { return nil }
    let origin = nameOrigin ?? PolicySet.Origin(file: source.file, mark: root.mark)
    return PolicyTestDocument(
      name: name ?? "", file: source.file, index: source.index, origin: origin, snapshot: snapshot.0,
      snapshotOrigin: snapshot.1, mode: mode, policy: policy?.0, policyOrigin: policy?.1, deleted: expect.deleted,
      kept: expect.kept, summary: expect.summary, warnings: expect.warnings, warningsOrigin: expect.warningsOrigin,
      partial: expect.partial)
  }

  /// `spec.expect`, read.
  private struct Expectations {
    var deleted: [ObjectKind: IDList] = [:]
    var kept: [ObjectKind: IDList] = [:]
    var summary: [SummaryCount: Count] = [:]
    var warnings: [Code]?
    var warningsOrigin: PolicySet.Origin?
    var partial = false
  }

  private static func expectations(_ node: YAMLNode, _ r: inout SchemaReader) -> Expectations {
    var e = Expectations()
    let f = r.pairs(node, "spec.expect", allowed: ["deleted", "kept", "summary", "warnings", "partial"])
    guard case .mapping(let written) = node.kind else { return e }
    for (key, keyNode, value) in f {
      switch key {
      case "deleted":
        e.deleted = idLists(value, "spec.expect.deleted", &r)
      case "kept":
        e.kept = idLists(value, "spec.expect.kept", &r)
      case "summary":
        for (name, countKey, count) in r.pairs(
          value, "spec.expect.summary", allowed: SummaryCount.allCases.map(\.rawValue))
        {
          let path = "spec.expect.summary.\(name)"
          guard let kind = SummaryCount(rawValue: name), let n = r.integer(count, path) else { continue }
          guard n >= 0 else {
            r.error(count, "\(path): a count is at least 0, got \(n)")
            continue
          }
          e.summary[kind] = Count(value: Int64(n), origin: r.here(countKey))
        }
      case "warnings":
        var codes: [Code] = []
        for (i, item) in r.list(value, "spec.expect.warnings").enumerated() {
          guard let code = r.string(item, "spec.expect.warnings[\(i)]") else { continue }
          if !codes.contains(where: { $0.code.utf8.elementsEqual(code.utf8) }) {
            codes.append(Code(code: code, origin: r.here(item)))
          }
        }
        e.warnings = codes
        e.warningsOrigin = r.here(keyNode)
      default:  // "partial"
        e.partial = r.boolean(value, "spec.expect.partial") ?? false
      }
    }
    // A misspelt expectation is reported as unknown already.
    if !written.contains(where: { SchemaReader.scalarText($0.key) != "partial" }) {
      r.error(node, "spec.expect: expects nothing; give at least one of deleted, kept, summary or warnings")
    }
    for kind in ObjectKind.allCases {
      guard let kept = e.kept[kind], let deleted = e.deleted[kind] else { continue }
      for id in kept.ids where deleted.ids.contains(where: { $0.utf8.elementsEqual(id.utf8) }) {
        r.diagnostics.append(
          kept.origin.diagnostic(
            "spec.expect.kept.\(kind.rawValue): \(quoted(id)) is also in spec.expect.deleted.\(kind.rawValue); an object cannot be both"
          ))
      }
    }
    return e
  }

  /// `deleted` or `kept`: lists of ids (of names, for `podLogDirs`) by kind.
  private static func idLists(_ node: YAMLNode, _ path: String, _ r: inout SchemaReader) -> [ObjectKind: IDList] {
    var lists: [ObjectKind: IDList] = [:]
    for (name, keyNode, value) in r.pairs(node, path, allowed: ObjectKind.allCases.map(\.rawValue)) {
      guard let kind = ObjectKind(rawValue: name) else { continue }
      var ids: [String] = []
      for (i, item) in r.list(value, "\(path).\(name)").enumerated() {
        guard let id = r.string(item, "\(path).\(name)[\(i)]") else { continue }
        if id.isEmpty {
          r.error(item, "\(path).\(name)[\(i)]: an \(kind == .podLogDirs ? "directory name" : "id") must not be empty")
        } else if !ids.contains(where: { $0.utf8.elementsEqual(id.utf8) }) {
          // Identity is bytes, as everywhere in Reclaim.
          ids.append(id)
        }
      }
      lists[kind] = IDList(ids: ids, origin: r.here(keyNode))
    }
    return lists
  }
}
