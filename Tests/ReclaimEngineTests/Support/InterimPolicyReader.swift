import ReclaimCore

/// A test-only stand-in for `PolicyLoader` while the policy branch is not
/// merged: reads the small YAML subset the fixtures use (block mappings,
/// flow lists of scalars, `---` documents, `#` comments).
enum InterimPolicyReader {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  indirect enum Node {
    case scalar(String)
    case list([String])
    case map([(String, Node)])

    subscript(_ key: String) -> Node? {
      guard case .map(let members) = self else { return nil }
      return members.first { $0.0 == key }?.1
    }

    var text: String? { if case .scalar(let s) = self { return s } else { return nil } }
    var items: [String] { if case .list(let l) = self { return l } else { return [] } }
  }

  static func read(_ yaml: String) throws -> CompiledPolicy {
    var policy = CompiledPolicy()
    var overrides: [NamespaceOverride] = []
    for doc in documents(yaml) {
      let kind = doc["kind"]?.text
      let spec = doc["spec"]
      func duration(_ n: Node?) throws -> Int64? {
        guard let t = n?.text else { return nil }
        do { return try GoDuration.parse(t) } catch { throw Failure(description: "bad duration \(t)") }
      }
      func integer(_ n: Node?) -> Int? { n?.text.flatMap { Int($0) } }
      if kind == "GCPolicy" {
        let c = spec?["containerGC"]
        let i = spec?["imageGC"]
        if let v = try duration(c?["minAge"]) { policy.containerGC.minAge = v }
        if let v = integer(c?["maxPerPodContainer"]) { policy.containerGC.maxPerPodContainer = v }
        if let v = integer(c?["maxContainers"]) { policy.containerGC.maxContainers = v }
        if let v = integer(i?["highThresholdPercent"]) { policy.imageGC.highThresholdPercent = v }
        if let v = integer(i?["lowThresholdPercent"]) { policy.imageGC.lowThresholdPercent = v }
        if let v = try duration(i?["minAge"]) { policy.imageGC.minAge = v }
        if let v = try duration(i?["maxAge"]) { policy.imageGC.maxAge = v }
        if let p = i?["protect"] { policy.imageGC.protect = Array(Set(p.items)).sorted() }
      } else if kind == "NamespaceOverride" {
        let c = spec?["containerGC"]
        let i = spec?["imageGC"]
        overrides.append(
          NamespaceOverride(
            name: doc["metadata"]?["name"]?.text ?? "", namespaces: Array(Set(spec?["namespaces"]?.items ?? [])).sorted(),
            containerGC: ContainerGCOverride(
              minAge: try duration(c?["minAge"]), maxPerPodContainer: integer(c?["maxPerPodContainer"]),
              maxContainers: integer(c?["maxContainers"])),
            imageGC: ImageGCOverride(minAge: try duration(i?["minAge"]), maxAge: try duration(i?["maxAge"]))))
      }
    }
    return CompiledPolicy(containerGC: policy.containerGC, imageGC: policy.imageGC, namespaceOverrides: overrides)
  }

  private static func documents(_ yaml: String) -> [Node] {
    var docs: [[(Int, String)]] = [[]]
    for raw in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw)
      if line.hasPrefix("---") {
        docs.append([])
        continue
      }
      let trimmed = line.drop { $0 == " " }
      if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
      docs[docs.count - 1].append((line.count - trimmed.count, String(trimmed)))
    }
    return docs.filter { !$0.isEmpty }.map { lines in
      var i = 0
      return parseMap(lines, &i, indent: lines[0].0)
    }
  }

  private static func parseMap(_ lines: [(Int, String)], _ i: inout Int, indent: Int) -> Node {
    var members: [(String, Node)] = []
    while i < lines.count, lines[i].0 == indent {
      let text = lines[i].1
      guard let colon = text.firstIndex(of: ":") else { break }
      let key = String(text[..<colon])
      var value = String(text[text.index(after: colon)...]).trimmingSpaces
      if let hash = value.range(of: " #") { value = String(value[..<hash.lowerBound]).trimmingSpaces }
      i += 1
      if value.isEmpty {
        if i < lines.count, lines[i].0 > indent {
          members.append((key, parseMap(lines, &i, indent: lines[i].0)))
        } else {
          members.append((key, .scalar("")))
        }
      } else if value.hasPrefix("[") {
        let inner = value.dropFirst().dropLast()
        let items = inner.split(separator: ",").map { String($0).trimmingSpaces.unquoted }.filter { !$0.isEmpty }
        members.append((key, .list(items)))
      } else {
        members.append((key, .scalar(value.unquoted)))
      }
    }
    return .map(members)
  }
}

extension String {
  fileprivate var trimmingSpaces: String {
    String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
  }

  fileprivate var unquoted: String {
    if count >= 2, (hasPrefix("\"") && hasSuffix("\"")) || (hasPrefix("'") && hasSuffix("'")) {
      return String(dropFirst().dropLast())
    }
    return self
  }
}
