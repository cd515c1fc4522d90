import ReclaimCore
import Testing

/// The allocation-free `Glob` (UTF-8, a scalar at a time), the one-pass
/// general resolution and `CompiledPolicy.resolve`'s precomputed lookup
/// against the definitions they replaced.
@Suite struct GlobAndResolutionEquivalenceTests {
  /// The former matcher: greedy with backtracking over scalar arrays.
  static func referenceMatch(_ pattern: String, _ text: String) -> Bool {
    let s = Array(pattern.unicodeScalars), t = Array(text.unicodeScalars)
    var p = 0, i = 0, starP = -1, starI = 0
    while i < t.count {
      if p < s.count, s[p] == "?" || (s[p] != "*" && s[p] == t[i]) {
        p += 1
        i += 1
      } else if p < s.count, s[p] == "*" {
        starP = p
        starI = i
        p += 1
      } else if starP >= 0 {
        p = starP + 1
        starI += 1
        i = starI
      } else {
        return false
      }
    }
    while p < s.count, s[p] == "*" { p += 1 }
    return p == s.count
  }

  /// The former resolution: apply `matchingOverrides` in order.
  static func referenceResolve(_ policy: CompiledPolicy, _ namespace: String) -> NamespacePolicy {
    var result = policy.global
    for o in policy.matchingOverrides(for: namespace) {
      if let v = o.containerGC.minAge { result.containerMinAge = v }
      if let v = o.containerGC.maxPerPodContainer { result.maxPerPodContainer = v }
      if let v = o.containerGC.maxContainers {
        result.maxContainers = v
        result.maxContainersFromOverride = true
      }
      if let v = o.imageGC.minAge { result.imageMinAge = v }
      if let v = o.imageGC.maxAge { result.imageMaxAge = v }
    }
    return result
  }

  @Test func nonASCIIMatchesScalarWise() {
    #expect(Glob("caf?").matches("caf\u{E9}"))
    #expect(!Glob("caf?").matches("cafe\u{301}"))  // two scalars
    #expect(Glob("cafe?").matches("cafe\u{301}"))
    #expect(Glob("*\u{E9}*").matches("x\u{E9}y"))
    #expect(!Glob("*\u{E9}*").matches("xe\u{301}y"))
    #expect(Glob("?\u{1F600}?").matches("a\u{1F600}\u{E9}"))
    #expect(Glob("\u{E9}?*").literalCount == 1)
    #expect(Glob("a\u{1F600}b").literalCount == 3)
    #expect(!Glob("\u{E9}").hasWildcard)
  }

  @Test func matchesAsTheScalarMatcherOnRandomInput() {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [String] = ["a", "b", "-", "\u{E9}", "e\u{301}", "\u{1F600}", "\u{301}"]
    func random(_ extra: [String], _ maxLength: Int) -> String {
      (0..<Int.random(in: 0...maxLength, using: &rng)).map { _ in (alphabet + extra).randomElement(using: &rng) ?? "" }
        .joined()
    }
    for _ in 0..<20_000 {
      let pattern = random(["*", "?", "*"], 6)
      let text = random([], 8)
      #expect(Glob(pattern).matches(text) == Self.referenceMatch(pattern, text), "\(pattern) / \(text)")
    }
  }

  @Test func resolvesAsAppliedOverridesOnRandomPolicies() {
    var rng = SystemRandomNumberGenerator()
    let entries = ["a*", "ab*", "*b", "a?", "ab", "?b", "*", "abc", "a*c", "b?", "ab?"]
    let names = ["alpha", "beta", "gamma", "beta"]  // a duplicate name on purpose
    func maybe<T>(_ v: T) -> T? { Bool.random(using: &rng) ? v : nil }
    for _ in 0..<2_000 {
      var overrides: [NamespaceOverride] = []
      for k in 0..<Int.random(in: 0...5, using: &rng) {
        let name = names.randomElement(using: &rng) ?? "x"
        let count = Int.random(in: 1...3, using: &rng)
        let namespaces = Array(entries.shuffled(using: &rng).prefix(count))
        let containerGC = ContainerGCOverride(
          minAge: maybe(Int64(k)), maxPerPodContainer: maybe(k), maxContainers: maybe(10 + k))
        let imageGC = ImageGCOverride(minAge: maybe(Int64(20 + k)), maxAge: maybe(Int64(30 + k)))
        overrides.append(NamespaceOverride(name: name, namespaces: namespaces, containerGC: containerGC, imageGC: imageGC))
      }
      let policy = CompiledPolicy(namespaceOverrides: overrides)
      for ns in ["ab", "abc", "b", "a", "ac", "bb", "zz"] {
        #expect(policy.resolve(namespace: ns) == Self.referenceResolve(policy, ns))
      }
    }
  }

  @Test func generalResolutionAppliesOverridesInOrder() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<500 {
      let policy = Self.randomPolicy(&rng)
      for ns in Self.namespaces {
        #expect(policy.resolveTryingEveryEntry(namespace: ns) == Self.referenceResolve(policy, ns))
      }
    }
  }

  /// The lookup (exact table, globs behind a prefix, suffix and length
  /// check) gives the general resolution's values for every namespace.
  @Test func lookupResolvesAsTryingEveryEntry() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<3_000 {
      let policy = Self.randomPolicy(&rng)
      var namespaces = Self.namespaces
      // Namespaces made from the policy's own entries, wildcards filled in,
      // so that globs and exact names match often.
      for o in policy.namespaceOverrides {
        for e in o.namespaces {
          namespaces.append(e)
          namespaces.append(Self.fill(e, &rng))
          namespaces.append(Self.fill(e, &rng) + "x")
          namespaces.append("x" + Self.fill(e, &rng))
        }
      }
      for ns in namespaces {
        #expect(
          policy.resolve(namespace: ns) == policy.resolveTryingEveryEntry(namespace: ns), "\(policy) / \(ns)")
      }
      #expect(policy.resolve(namespace: nil) == policy.global)
    }
  }

  /// Mutating the overrides after construction remakes the lookup.
  @Test func lookupFollowsChangedOverrides() {
    var policy = CompiledPolicy(
      namespaceOverrides: [.init(name: "a", namespaces: ["ci-*"], containerGC: .init(maxContainers: 3))])
    #expect(policy.resolve(namespace: "ci-1").maxContainers == 3)
    policy.namespaceOverrides[0].containerGC.maxContainers = 4
    #expect(policy.resolve(namespace: "ci-1").maxContainers == 4)
    policy.namespaceOverrides[0].namespaces = ["prod"]
    #expect(policy.resolve(namespace: "ci-1") == policy.global)
    #expect(policy.resolve(namespace: "prod").maxContainers == 4)
    policy.namespaceOverrides.append(.init(name: "b", namespaces: ["p*"], containerGC: .init(minAge: 9)))
    #expect(policy.resolve(namespace: "prod").containerMinAge == 9)
  }

  static let namespaces = [
    "", "a", "ab", "abc", "b", "ac", "bb", "zz", "ci-", "ci-1", "ci-\u{E9}", "ci-e\u{301}", "caf\u{E9}",
    "cafe\u{301}", "\u{1F600}", "a\u{1F600}b", "team-x-prod", "team--prod", "team-prod", "kube-system",
  ]

  /// Entries over a small alphabet (non-ASCII and combining marks
  /// included), with duplicate override names on purpose.
  static func randomPolicy(_ rng: inout SystemRandomNumberGenerator) -> CompiledPolicy {
    let pieces = [
      "a", "b", "c", "-", "ci-", "team-", "-prod", "\u{E9}", "e\u{301}", "\u{1F600}", "*", "?", "*", "?",
    ]
    let names = ["alpha", "beta", "gamma", "beta", "\u{E9}", "e\u{301}"]
    func maybe<T>(_ v: T) -> T? { Bool.random(using: &rng) ? v : nil }
    var overrides: [NamespaceOverride] = []
    for k in 0..<Int.random(in: 0...6, using: &rng) {
      var entries: [String] = []
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        entries.append((0..<Int.random(in: 0...4, using: &rng)).map { _ in pieces.randomElement(using: &rng) ?? "" }.joined())
      }
      let containerGC = ContainerGCOverride(
        minAge: maybe(Int64(k)), maxPerPodContainer: maybe(k), maxContainers: maybe(10 + k))
      let imageGC = ImageGCOverride(minAge: maybe(Int64(20 + k)), maxAge: maybe(Int64(30 + k)))
      overrides.append(
        NamespaceOverride(
          name: names.randomElement(using: &rng) ?? "x", namespaces: entries, containerGC: containerGC,
          imageGC: imageGC))
    }
    return CompiledPolicy(
      containerGC: .init(minAge: 100, maxPerPodContainer: 100, maxContainers: 100),
      imageGC: .init(minAge: 100, maxAge: 100), namespaceOverrides: overrides)
  }

  /// `entry` with each `*` replaced by 0–2 characters and each `?` by one.
  static func fill(_ entry: String, _ rng: inout SystemRandomNumberGenerator) -> String {
    let any: [String] = ["a", "-", "\u{E9}", "\u{1F600}", "\u{301}"]
    var out = ""
    for ch in entry.unicodeScalars {
      switch ch {
      case "*": for _ in 0..<Int.random(in: 0...2, using: &rng) { out += any.randomElement(using: &rng) ?? "" }
      case "?": out += any.randomElement(using: &rng) ?? ""
      default: out.unicodeScalars.append(ch)
      }
    }
    return out
  }
}
