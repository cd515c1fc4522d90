import ReclaimCore
import ReclaimYAML

/// Turns YAML documents into a `PolicySet` and then a `CompiledPolicy`,
/// collecting every problem on the way (docs/reference/policy.md, "Validation").
///
/// Use: `add` every file's documents in order, then `finish()` once.
public struct PolicyCompiler: Sendable {
  /// The API version every document must declare.
  public static let apiVersion = "reclaim.dev/v1"

  public private(set) var set = PolicySet()
  /// Every problem recorded or found so far, in the order found.
  public var diagnostics: [Diagnostic] { reader.diagnostics }
  private var reader = SchemaReader()

  public init() {}

  /// Records problems found outside the compiler (reading files, parsing
  /// YAML), so that the result reports them too.
  public mutating func record(_ diagnostics: [Diagnostic]) {
    reader.diagnostics += diagnostics
  }

  /// Adds every document of one file.
  public mutating func add(_ documents: [YAMLDocument], file: String) {
    for (index, document) in documents.enumerated() { add(document, file: file, index: index) }
  }

  /// Adds one document, the `index`th of its file; problems are recorded,
  /// never thrown.
  public mutating func add(_ document: YAMLDocument, file: String, index: Int = 0) {
    reader.file = file
    let root = document.root
    guard case .mapping(let pairs) = root.kind else {
      error(
        root,
        "a policy document must be a mapping with apiVersion, kind, metadata and spec; found \(describe(root))"
      )
      return
    }
    // The kind decides the schema, and PolicyTest documents belong to
    // `reclaim test`: kept aside unread, so that a set with tests compiles
    // exactly as it does without them.
    let kindNode = pairs.first { scalarText($0.key) == "kind" }?.value
    var kind: String?
    if let kindNode {
      kind = string(kindNode, "kind")
      if kind == PolicySet.TestSource.kind {
        set.tests.append(PolicySet.TestSource(file: file, index: index, document: document))
        return
      }
    }
    let fields = mapping(root, "", allowed: ["apiVersion", "kind", "metadata", "spec"])
    if let node = fields["apiVersion"] {
      if let value = string(node, "apiVersion"), value != Self.apiVersion {
        error(node, "unsupported apiVersion \"\(value)\"; expected \"\(Self.apiVersion)\"")
      }
    } else {
      error(root, "missing required key \"apiVersion\" (expected \"\(Self.apiVersion)\")")
    }
    guard let kindNode else {
      error(root, "missing required key \"kind\" (GCPolicy or NamespaceOverride)")
      return
    }
    guard let kind else { return }
    let kinds = ["GCPolicy", "NamespaceOverride", "PolicyTest"]
    guard kind == "GCPolicy" || kind == "NamespaceOverride" else {
      var message = "unknown kind \"\(kind)\"; expected GCPolicy, NamespaceOverride or PolicyTest"
      if let near = EditDistance.suggestion(for: kind, among: kinds) { message += "; did you mean \"\(near)\"?" }
      error(kindNode, message)
      return
    }
    let (name, nameOrigin) = metadataName(fields["metadata"], document: root)
    let origin = nameOrigin ?? here(kindNode)
    guard let specNode = fields["spec"] else {
      error(root, "missing required key \"spec\"")
      return
    }
    if kind == "GCPolicy" {
      addGCPolicy(specNode, name: name ?? "", origin: origin)
    } else {
      addOverride(specNode, name: name ?? "", origin: origin)
    }
  }

  // MARK: - Kinds

  private mutating func addGCPolicy(_ spec: YAMLNode, name: String, origin: PolicySet.Origin) {
    var document = PolicySet.GCPolicyDocument(
      name: name, origin: origin, containerGC: .init(), imageGC: .init(), fields: [:])
    let sections = mapping(spec, "spec", allowed: ["containerGC", "imageGC"])
    if let node = sections["containerGC"] {
      let c = containerGC(node)
      if let (d, v) = c.minAge {
        document.containerGC.minAge = d
        document.fields["containerGC.minAge"] = here(v)
      }
      if let i = c.maxPerPodContainer { document.containerGC.maxPerPodContainer = i }
      if let i = c.maxContainers { document.containerGC.maxContainers = i }
    }
    if let node = sections["imageGC"] {
      let f = mapping(
        node, "spec.imageGC",
        allowed: ["highThresholdPercent", "lowThresholdPercent", "minAge", "maxAge", "protect"])
      if let v = f["highThresholdPercent"], let i = percent(v, "spec.imageGC.highThresholdPercent") {
        document.imageGC.highThresholdPercent = i
        document.fields["imageGC.highThresholdPercent"] = here(v)
      }
      if let v = f["lowThresholdPercent"], let i = percent(v, "spec.imageGC.lowThresholdPercent") {
        document.imageGC.lowThresholdPercent = i
        document.fields["imageGC.lowThresholdPercent"] = here(v)
      }
      if let v = f["minAge"], let d = duration(v, "spec.imageGC.minAge") {
        document.imageGC.minAge = d
        document.fields["imageGC.minAge"] = here(v)
      }
      if let v = f["maxAge"], let d = duration(v, "spec.imageGC.maxAge") {
        document.imageGC.maxAge = d
        document.fields["imageGC.maxAge"] = here(v)
      }
      if let v = f["protect"] {
        var patterns: [String] = []
        for (index, item) in list(v, "spec.imageGC.protect").enumerated() {
          let path = "spec.imageGC.protect[\(index)]"
          guard let pattern = string(item, path) else { continue }
          if let problem = PolicyRules.protectPatternProblem(pattern) {
            error(item, "\(path): \(problem)")
          } else {
            patterns.append(pattern)
          }
        }
        document.imageGC.protect = PolicyRules.sortedUnique(patterns)
      }
    }
    set.gcPolicies.append(document)
  }

  private mutating func addOverride(_ spec: YAMLNode, name: String, origin: PolicySet.Origin) {
    var document = PolicySet.OverrideDocument(
      name: name, origin: origin, namespaces: [], containerGC: .init(), imageGC: .init(), fields: [:])
    let sections = mapping(spec, "spec", allowed: ["namespaces", "containerGC", "imageGC"])
    if let node = sections["namespaces"] {
      let items = list(node, "spec.namespaces")
      if case .sequence = node.kind, items.isEmpty {
        error(node, "spec.namespaces: a NamespaceOverride must list at least one namespace or glob")
      }
      for (index, item) in items.enumerated() {
        let path = "spec.namespaces[\(index)]"
        guard let entry = string(item, path) else { continue }
        if let problem = PolicyRules.namespacePatternProblem(entry) {
          error(item, "\(path): \(problem)")
        } else {
          document.namespaces.append((entry, here(item)))
        }
      }
    } else if case .mapping = spec.kind {
      error(spec, "missing required key \"spec.namespaces\": a NamespaceOverride must say which namespaces it applies to")
    }
    if let node = sections["containerGC"] {
      let c = containerGC(node)
      if let (d, v) = c.minAge {
        document.containerGC.minAge = d
        document.fields["containerGC.minAge"] = here(v)
      }
      if let i = c.maxPerPodContainer { document.containerGC.maxPerPodContainer = i }
      if let i = c.maxContainers { document.containerGC.maxContainers = i }
    }
    if let node = sections["imageGC"] {
      let nodeWide = ["highThresholdPercent", "lowThresholdPercent", "protect"]
      let f = mapping(node, "spec.imageGC", allowed: ["minAge", "maxAge"], nodeWide: nodeWide)
      if let v = f["minAge"], let d = duration(v, "spec.imageGC.minAge") {
        document.imageGC.minAge = d
        document.fields["imageGC.minAge"] = here(v)
      }
      if let v = f["maxAge"], let d = duration(v, "spec.imageGC.maxAge") {
        document.imageGC.maxAge = d
        document.fields["imageGC.maxAge"] = here(v)
      }
    }
    set.overrides.append(document)
  }

  // MARK: - Set-wide checks

  /// Runs the checks that need the whole set and builds the compiled policy.
  ///
  /// `setName` names the policy set (the path the user gave) for notes that
  /// belong to no single file.
  public func finish(setName: String) -> PolicyCompilation {
    var diagnostics = reader.diagnostics
    let set = self.set
    // Without a complete read, "no GCPolicy" may only mean it was in the broken part.
    if set.gcPolicies.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
      diagnostics.append(
        Diagnostic(severity: .note, file: setName, message: "no GCPolicy: kubelet defaults apply"))
    }
    if let first = set.gcPolicies.first {
      for other in set.gcPolicies.dropFirst() {
        diagnostics.append(
          other.origin.diagnostic(
            "more than one GCPolicy: \"\(other.name)\" here and \"\(first.name)\" at \(first.origin); a policy set has at most one"
          ))
      }
    }
    // Two GCPolicies are already an error; a shared name would only repeat it.
    checkNames(set.overrides.map { ($0.name, $0.origin) }, kind: "NamespaceOverride", into: &diagnostics)

    let base = set.gcPolicies.first
    let container = base?.containerGC ?? ContainerGCPolicy()
    let image = base?.imageGC ?? ImageGCPolicy()
    if let base {
      if let problem = PolicyRules.thresholdProblem(high: image.highThresholdPercent, low: image.lowThresholdPercent) {
        let at = base.fields["imageGC.lowThresholdPercent"] ?? base.fields["imageGC.highThresholdPercent"] ?? base.origin
        diagnostics.append(at.diagnostic(problem))
      }
      if let problem = PolicyRules.ageProblem(minAge: image.minAge, maxAge: image.maxAge) {
        let at = base.fields["imageGC.maxAge"] ?? base.fields["imageGC.minAge"] ?? base.origin
        diagnostics.append(at.diagnostic(problem))
      }
    }

    var owners: [String: (name: String, origin: PolicySet.Origin)] = [:]
    var overrides: [NamespaceOverride] = []
    for o in set.overrides {
      var entries: [String] = []
      for (entry, origin) in o.namespaces {
        if let owner = owners[entry] {
          if owner.name != o.name {
            diagnostics.append(
              origin.diagnostic(
                "namespace \"\(entry)\" is listed by NamespaceOverride \"\(o.name)\" and by \"\(owner.name)\" at \(owner.origin); each name or glob may belong to one override only"
              ))
          }
        } else {
          owners[entry] = (o.name, origin)
        }
        entries.append(entry)
      }
      if o.containerGC.isEmpty && o.imageGC.isEmpty && !o.namespaces.isEmpty {
        diagnostics.append(
          o.origin.diagnostic(
            "NamespaceOverride \"\(o.name)\" sets no containerGC or imageGC field and changes nothing", .warning))
      }
      let effectiveMin = o.imageGC.minAge ?? image.minAge
      let effectiveMax = o.imageGC.maxAge ?? image.maxAge
      if o.imageGC.minAge != nil || o.imageGC.maxAge != nil,
        let problem = PolicyRules.ageProblem(minAge: effectiveMin, maxAge: effectiveMax)
      {
        let at = o.fields["imageGC.maxAge"] ?? o.fields["imageGC.minAge"] ?? o.origin
        let from = (o.imageGC.minAge == nil ? " (minAge from the GCPolicy)" : "")
          + (o.imageGC.maxAge == nil ? " (maxAge from the GCPolicy)" : "")
        diagnostics.append(
          at.diagnostic("NamespaceOverride \"\(o.name)\": effective \(problem)\(from)"))
      }
      overrides.append(
        NamespaceOverride(
          name: o.name, namespaces: PolicyRules.sortedUnique(entries), containerGC: o.containerGC,
          imageGC: o.imageGC))
    }

    let failed = diagnostics.contains { $0.severity == .error }
    let policy = CompiledPolicy(containerGC: container, imageGC: image, namespaceOverrides: overrides)
    return PolicyCompilation(
      policy: failed ? nil : policy, set: set, diagnostics: diagnostics.sorted())
  }

  private func checkNames(
    _ names: [(String, PolicySet.Origin)], kind: String, into diagnostics: inout [Diagnostic]
  ) {
    var seen: [String: PolicySet.Origin] = [:]
    for (name, origin) in names where !name.isEmpty {
      if let first = seen[name] {
        diagnostics.append(
          origin.diagnostic("duplicate \(kind) name \"\(name)\"; first defined at \(first)"))
      } else {
        seen[name] = origin
      }
    }
  }

  // MARK: - Typed reads

  /// The `containerGC` section, the same for a GCPolicy and an override:
  /// each field that is present and valid (`minAge` with its node, for its
  /// position).
  private mutating func containerGC(
    _ node: YAMLNode
  ) -> (minAge: (Int64, YAMLNode)?, maxPerPodContainer: Int?, maxContainers: Int?) {
    let f = mapping(node, "spec.containerGC", allowed: ["minAge", "maxPerPodContainer", "maxContainers"])
    var minAge: (Int64, YAMLNode)?
    if let v = f["minAge"], let d = duration(v, "spec.containerGC.minAge") { minAge = (d, v) }
    let perPod = f["maxPerPodContainer"].flatMap { integer($0, "spec.containerGC.maxPerPodContainer") }
    let total = f["maxContainers"].flatMap { integer($0, "spec.containerGC.maxContainers") }
    return (minAge, perPod, total)
  }

  // The schema reads are `SchemaReader`'s, shared with `PolicyTestDocument`.
  private mutating func error(_ node: YAMLNode, _ message: String) { reader.error(node, message) }
  private func here(_ node: YAMLNode) -> PolicySet.Origin { reader.here(node) }
  private func scalarText(_ node: YAMLNode) -> String? { SchemaReader.scalarText(node) }
  private func describe(_ node: YAMLNode) -> String { SchemaReader.describe(node) }
  private mutating func mapping(
    _ node: YAMLNode, _ path: String, allowed: [String], nodeWide: [String] = []
  ) -> [String: YAMLNode] {
    reader.mapping(node, path, allowed: allowed, nodeWide: nodeWide)
  }
  private mutating func list(_ node: YAMLNode, _ path: String) -> [YAMLNode] { reader.list(node, path) }
  private mutating func string(_ node: YAMLNode, _ path: String) -> String? { reader.string(node, path) }
  private mutating func integer(_ node: YAMLNode, _ path: String) -> Int? { reader.integer(node, path) }
  private mutating func percent(_ node: YAMLNode, _ path: String) -> Int? { reader.percent(node, path) }
  private mutating func duration(_ node: YAMLNode, _ path: String) -> Int64? { reader.duration(node, path) }
  private mutating func metadataName(_ node: YAMLNode?, document: YAMLNode) -> (String?, PolicySet.Origin?) {
    reader.metadataName(node, document: document)
  }
}

/// The outcome of compiling a policy set.
public struct PolicyCompilation: Sendable {
  /// The compiled policy; `nil` when any diagnostic is an error.
  public var policy: CompiledPolicy?
  /// The checked documents (also when there were errors).
  public var set: PolicySet
  /// Errors and notes, sorted.
  public var diagnostics: [Diagnostic]
}
