import ReclaimCore

/// The resolution of `NamespaceOverride`s (docs/reference/policy.md, "Resolution"), written from the text:
/// collect the overrides matching the namespace, sort them least specific
/// first (glob below exact, fewer literals lower, later name first), and
/// apply their fields in that order. Names match byte for byte.
struct ReferencePolicy {
  let policy: CompiledPolicy

  init(_ policy: CompiledPolicy) { self.policy = policy }

  var hasOverrides: Bool { !policy.namespaceOverrides.isEmpty }

  /// The values for `namespace`; `nil` (no namespace) gets the node-wide ones.
  func values(for namespace: String?) -> NamespacePolicy {
    var v = NamespacePolicy(
      containerMinAge: policy.containerGC.minAge, maxPerPodContainer: policy.containerGC.maxPerPodContainer,
      maxContainers: policy.containerGC.maxContainers, maxContainersFromOverride: false,
      imageMinAge: policy.imageGC.minAge, imageMaxAge: policy.imageGC.maxAge)
    guard let namespace else { return v }
    var matching: [(override: NamespaceOverride, exact: Bool, literals: Int)] = []
    for o in policy.namespaceOverrides {
      var best: (exact: Bool, literals: Int)?
      for entry in o.namespaces {
        let rank: (exact: Bool, literals: Int)
        if ReferenceGlob.hasWildcard(entry) {
          guard ReferenceGlob.matches(entry, namespace) else { continue }
          rank = (false, ReferenceGlob.literalCount(entry))
        } else {
          guard ByteKey.same(entry, namespace) else { continue }
          rank = (true, ReferenceGlob.literalCount(entry))
        }
        if let b = best, !Self.ranksBelow(b, rank) { continue }
        best = rank
      }
      if let best { matching.append((o, best.exact, best.literals)) }
    }
    matching.sort { a, b in
      if (a.exact, a.literals) != (b.exact, b.literals) {
        return Self.ranksBelow((a.exact, a.literals), (b.exact, b.literals))
      }
      return ByteKey.less(b.override.name, a.override.name)
    }
    for m in matching {
      let c = m.override.containerGC
      let i = m.override.imageGC
      if let x = c.minAge { v.containerMinAge = x }
      if let x = c.maxPerPodContainer { v.maxPerPodContainer = x }
      if let x = c.maxContainers {
        v.maxContainers = x
        v.maxContainersFromOverride = true
      }
      if let x = i.minAge { v.imageMinAge = x }
      if let x = i.maxAge { v.imageMaxAge = x }
    }
    return v
  }

  private static func ranksBelow(_ a: (exact: Bool, literals: Int), _ b: (exact: Bool, literals: Int)) -> Bool {
    if a.exact != b.exact { return !a.exact }
    return a.literals < b.literals
  }
}
