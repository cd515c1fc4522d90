import ReclaimCore

/// Reads the `reclaim compile` output back into a `CompiledPolicy`.
///
/// Strict on purpose: every key must be known and present where the format
/// requires it, the `policy` object must be exactly what Reclaim would write
/// for the values it holds, and `digest` must match it, so a hand-edited or
/// truncated file is refused rather than half-trusted.
public enum CompiledPolicyReader: Sendable {
  /// The `kind` of a compiled policy document.
  public static let kind = "CompiledPolicy"

  /// Decodes compiled JSON text; `file` names it in diagnostics.
  public static func read(bytes: [UInt8], file: String) -> Result<CompiledPolicy, DiagnosticError> {
    let value: JSONNode
    do throws(JSONParseError) {
      value = try JSONTreeBuilder.parse(bytes)
    } catch {
      // The snapshot reader's words: "malformed JSON: …" for text that is
      // not JSON, the bare problem for a duplicate key.
      let message = error.kind == .syntax ? "malformed JSON: \(error.message)" : error.message
      return .failure(
        DiagnosticError([
          Diagnostic(file: file, line: error.location.line, column: error.location.column, message: message)
        ]))
    }
    var decoder = Decoder(file: file)
    let policy = decoder.document(value)
    if let policy, decoder.diagnostics.isEmpty { return .success(policy) }
    return .failure(DiagnosticError(decoder.diagnostics.sorted()))
  }

  private struct Decoder {
    let file: String
    var diagnostics: [Diagnostic] = []

    mutating func fail(_ path: String, _ message: String) {
      diagnostics.append(Diagnostic(file: file, path: path, message: message))
    }

    /// An object's members, looked up by key bytes (`JSONNode.member`):
    /// a key canonically equivalent to a known one but spelt otherwise is
    /// an unknown key, not that one.
    struct Members {
      var node: JSONNode
      subscript(key: String) -> JSONNode? { node.member(key) }
    }

    mutating func object(
      _ value: JSONNode?, _ path: String, required: [String], optional: [String] = []
    ) -> Members? {
      guard let value, case .object(let members) = value.value else {
        fail(path, "expected an object")
        return nil
      }
      let known = required + optional
      for member in members where !known.contains(where: { $0.utf8.elementsEqual(member.key.utf8) }) {
        fail(member.value.path, "unknown key")
      }
      let found = Members(node: value)
      for key in required where found[key] == nil {
        fail(path, "missing required key \"\(key)\"")
      }
      return found
    }

    mutating func string(_ value: JSONNode?, _ path: String) -> String? {
      // A missing key was already reported by `object`.
      guard let value else { return nil }
      guard case .string(let s) = value.value else {
        fail(path, "expected a string")
        return nil
      }
      return s
    }

    mutating func int(_ value: JSONNode?, _ path: String) -> Int? {
      // A missing key was already reported by `object`.
      guard let value else { return nil }
      guard case .number(let number) = value.value else {
        fail(path, "expected an integer")
        return nil
      }
      guard let i = number.int64 else {
        fail(path, number.integerProblem ?? "expected an integer")
        return nil
      }
      guard let value = Int(exactly: i) else {
        fail(path, "integer out of range")
        return nil
      }
      return value
    }

    mutating func duration(_ value: JSONNode?, _ path: String) -> Int64? {
      guard let text = string(value, path) else { return nil }
      switch PolicyRules.duration(text) {
      case .success(let d): return d
      case .failure(let problem):
        fail(path, problem.description)
        return nil
      }
    }

    mutating func strings(_ value: JSONNode?, _ path: String) -> [String]? {
      // A missing key was already reported by `object`.
      guard let value else { return nil }
      guard case .array(let items) = value.value else {
        fail(path, "expected an array of strings")
        return nil
      }
      var result: [String] = []
      for (index, item) in items.enumerated() {
        if let s = string(item, "\(path)[\(index)]") { result.append(s) }
      }
      return result
    }

    mutating func document(_ value: JSONNode) -> CompiledPolicy? {
      guard let top = object(value, "$", required: ["apiVersion", "kind", "digest", "policy"]) else { return nil }
      if let v = string(top["apiVersion"], "$.apiVersion"), v != PolicyCompiler.apiVersion {
        fail("$.apiVersion", "unsupported apiVersion \"\(v)\"; expected \"\(PolicyCompiler.apiVersion)\"")
      }
      if let v = string(top["kind"], "$.kind"), v != CompiledPolicyReader.kind {
        fail("$.kind", "expected kind \"\(CompiledPolicyReader.kind)\", found \"\(v)\"")
      }
      let digest = string(top["digest"], "$.digest")
      guard let policyValue = top["policy"], let policy = self.policy(policyValue) else { return nil }
      guard diagnostics.isEmpty else { return nil }
      // Every key is known by now and every number an Int64, so the plain
      // value keeps all of the document's `policy`.
      if policy.policyJSON != policyValue.jsonValue {
        fail(
          "$.policy",
          "not in canonical form (lists sorted and unique, durations as Go Duration.String(), sections without fields omitted)"
        )
        return nil
      }
      if let digest, digest != policy.digest {
        fail("$.digest", "digest \(digest) does not match the policy (its digest is \(policy.digest))")
        return nil
      }
      return policy
    }

    mutating func policy(_ value: JSONNode) -> CompiledPolicy? {
      guard
        let p = object(value, "$.policy", required: ["containerGC", "imageGC", "namespaceOverrides"])
      else { return nil }
      var container = ContainerGCPolicy()
      if let c = object(
        p["containerGC"], "$.policy.containerGC", required: ["minAge", "maxPerPodContainer", "maxContainers"])
      {
        if let v = duration(c["minAge"], "$.policy.containerGC.minAge") { container.minAge = v }
        if let v = int(c["maxPerPodContainer"], "$.policy.containerGC.maxPerPodContainer") {
          container.maxPerPodContainer = v
        }
        if let v = int(c["maxContainers"], "$.policy.containerGC.maxContainers") { container.maxContainers = v }
      }
      var image = ImageGCPolicy()
      if let m = object(
        p["imageGC"], "$.policy.imageGC",
        required: ["highThresholdPercent", "lowThresholdPercent", "minAge", "maxAge", "protect"])
      {
        for key in ["highThresholdPercent", "lowThresholdPercent"] {
          let path = "$.policy.imageGC.\(key)"
          guard let v = int(m[key], path) else { continue }
          if !(0...100).contains(v) { fail(path, "\(v) is out of range (0 to 100)") }
          if key == "highThresholdPercent" { image.highThresholdPercent = v } else { image.lowThresholdPercent = v }
        }
        if let v = duration(m["minAge"], "$.policy.imageGC.minAge") { image.minAge = v }
        if let v = duration(m["maxAge"], "$.policy.imageGC.maxAge") { image.maxAge = v }
        if let list = strings(m["protect"], "$.policy.imageGC.protect") {
          for (index, pattern) in list.enumerated() {
            if let problem = PolicyRules.protectPatternProblem(pattern) {
              fail("$.policy.imageGC.protect[\(index)]", problem)
            }
          }
          image.protect = list
        }
        if let problem = PolicyRules.thresholdProblem(
          high: image.highThresholdPercent, low: image.lowThresholdPercent)
        {
          fail("$.policy.imageGC.lowThresholdPercent", problem)
        }
        if let problem = PolicyRules.ageProblem(minAge: image.minAge, maxAge: image.maxAge) {
          fail("$.policy.imageGC.maxAge", problem)
        }
      }
      var overrides: [NamespaceOverride] = []
      guard case .array(let items)? = p["namespaceOverrides"]?.value else {
        if p["namespaceOverrides"] != nil { fail("$.policy.namespaceOverrides", "expected an array") }
        return nil
      }
      // By bytes: a `String` key would make canonically equivalent names one.
      var owners: [[UInt8]: String] = [:]
      var names: Set<[UInt8]> = []
      for (index, item) in items.enumerated() {
        let path = "$.policy.namespaceOverrides[\(index)]"
        guard
          let o = object(item, path, required: ["name", "namespaces"], optional: ["containerGC", "imageGC"]),
          let name = string(o["name"], "\(path).name")
        else { continue }
        if let problem = PolicyRules.dnsLabelProblem(name) { fail("\(path).name", "\"\(name)\" \(problem)") }
        if !names.insert(Array(name.utf8)).inserted { fail("\(path).name", "duplicate NamespaceOverride name \"\(name)\"") }
        var override = NamespaceOverride(name: name, namespaces: [])
        if let entries = strings(o["namespaces"], "\(path).namespaces") {
          if entries.isEmpty { fail("\(path).namespaces", "an override must list at least one namespace or glob") }
          for (k, entry) in entries.enumerated() {
            if let problem = PolicyRules.namespacePatternProblem(entry) {
              fail("\(path).namespaces[\(k)]", problem)
            }
            if let owner = owners[Array(entry.utf8)], !owner.utf8.elementsEqual(name.utf8) {
              fail("\(path).namespaces[\(k)]", "\"\(entry)\" is also listed by NamespaceOverride \"\(owner)\"")
            }
            owners[Array(entry.utf8)] = name
          }
          override.namespaces = entries
        }
        if o["containerGC"] != nil,
          let c = object(
            o["containerGC"], "\(path).containerGC", required: [],
            optional: ["minAge", "maxPerPodContainer", "maxContainers"])
        {
          if c["minAge"] != nil { override.containerGC.minAge = duration(c["minAge"], "\(path).containerGC.minAge") }
          if c["maxPerPodContainer"] != nil {
            override.containerGC.maxPerPodContainer = int(
              c["maxPerPodContainer"], "\(path).containerGC.maxPerPodContainer")
          }
          if c["maxContainers"] != nil {
            override.containerGC.maxContainers = int(c["maxContainers"], "\(path).containerGC.maxContainers")
          }
        }
        if o["imageGC"] != nil,
          let m = object(o["imageGC"], "\(path).imageGC", required: [], optional: ["minAge", "maxAge"])
        {
          if m["minAge"] != nil { override.imageGC.minAge = duration(m["minAge"], "\(path).imageGC.minAge") }
          if m["maxAge"] != nil { override.imageGC.maxAge = duration(m["maxAge"], "\(path).imageGC.maxAge") }
          if let problem = PolicyRules.ageProblem(
            minAge: override.imageGC.minAge ?? image.minAge, maxAge: override.imageGC.maxAge ?? image.maxAge)
          {
            fail("\(path).imageGC", "effective \(problem)")
          }
        }
        overrides.append(override)
      }
      guard diagnostics.isEmpty else { return nil }
      let policy = CompiledPolicy(containerGC: container, imageGC: image, namespaceOverrides: overrides)
      // The initializer sorts overrides by name; a file not already sorted is not canonical.
      if policy.namespaceOverrides.map(\.name) != overrides.map(\.name) {
        fail("$.policy.namespaceOverrides", "not sorted by name")
        return nil
      }
      return policy
    }
  }
}
