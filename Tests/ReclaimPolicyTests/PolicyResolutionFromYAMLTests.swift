import ReclaimCore
import ReclaimPolicy
import Testing

/// Resolution of compiled YAML: the layering rules of docs/reference/policy.md
/// ("Resolution"), end to end.
@Suite struct PolicyResolutionFromYAMLTests {
  typealias S = PolicyTestSupport

  func policy(_ docs: [String]) throws -> CompiledPolicy {
    let result = S.compile(docs.joined(separator: "---\n"))
    return try #require(result.policy, "diagnostics: \(result.diagnostics.map(\.description))")
  }

  static let gc = S.gcPolicy(spec: "  containerGC:\n    minAge: 1m\n    maxPerPodContainer: 1\n  imageGC:\n    minAge: 5m\n")

  @Test func severalMatchingOverridesLayerFieldByField() throws {
    let p = try policy([
      Self.gc,
      S.override("all", "  namespaces: [\"*\"]\n  containerGC:\n    minAge: 10m\n    maxPerPodContainer: 5\n"),
      S.override("team", "  namespaces: [\"team-*\"]\n  containerGC:\n    maxPerPodContainer: 2\n"),
      S.override("exact", "  namespaces: [team-a]\n  imageGC:\n    maxAge: 1h\n"),
    ])
    let a = p.resolve(namespace: "team-a")
    #expect(a.containerMinAge == 600_000_000_000)  // from "all"
    #expect(a.maxPerPodContainer == 2)  // "team" beats "all"
    #expect(a.imageMaxAge == 3_600_000_000_000)  // from "exact"
    #expect(a.imageMinAge == 300_000_000_000)  // from the GCPolicy
    #expect(p.resolve(namespace: "other").maxPerPodContainer == 5)
    #expect(p.resolve(namespace: nil).maxPerPodContainer == 1)
  }

  @Test func exactBeatsGlobEvenWhenTheGlobIsLonger() throws {
    let p = try policy([
      Self.gc,
      S.override("glob", "  namespaces: [\"shop-frontend-*\"]\n  containerGC:\n    maxPerPodContainer: 7\n"),
      S.override("exact", "  namespaces: [shop-frontend-1]\n  containerGC:\n    maxPerPodContainer: 3\n"),
    ])
    #expect(p.resolve(namespace: "shop-frontend-1").maxPerPodContainer == 3)
    #expect(p.resolve(namespace: "shop-frontend-2").maxPerPodContainer == 7)
  }

  @Test func longerLiteralGlobBeatsShorter() throws {
    let p = try policy([
      Self.gc,
      S.override("short", "  namespaces: [\"s*\"]\n  containerGC:\n    maxPerPodContainer: 4\n"),
      S.override("long", "  namespaces: [\"shop-?\"]\n  containerGC:\n    maxPerPodContainer: 9\n"),
    ])
    #expect(p.resolve(namespace: "shop-1").maxPerPodContainer == 9)
    #expect(p.resolve(namespace: "shop-12").maxPerPodContainer == 4)
  }

  @Test func equalRankTieGoesToTheSmallerName() throws {
    let p = try policy([
      Self.gc,
      S.override("zeta", "  namespaces: [\"ab*\"]\n  containerGC:\n    maxPerPodContainer: 26\n"),
      S.override("alpha", "  namespaces: [\"*ab\"]\n  containerGC:\n    maxPerPodContainer: 1\n    maxContainers: 8\n"),
    ])
    let r = p.resolve(namespace: "abab")
    #expect(r.maxPerPodContainer == 1)
    #expect(r.maxContainers == 8 && r.maxContainersFromOverride)
    #expect(p.matchingOverrides(for: "abab").map(\.name) == ["zeta", "alpha"])
  }

  @Test func anOverrideRanksByItsMostSpecificMatchingEntry() throws {
    let p = try policy([
      Self.gc,
      S.override("broad", "  namespaces: [\"*\", payments]\n  containerGC:\n    maxPerPodContainer: 2\n"),
      S.override("mid", "  namespaces: [\"pay*\"]\n  containerGC:\n    maxPerPodContainer: 6\n"),
    ])
    #expect(p.resolve(namespace: "payments").maxPerPodContainer == 2)
    #expect(p.resolve(namespace: "payroll").maxPerPodContainer == 6)
  }

  @Test func conflictsAreRejected() {
    let sameExact = S.compile(
      [Self.gc, S.override("a", "  namespaces: [shop]\n"), S.override("b", "  namespaces: [shop, web]\n")]
        .joined(separator: "---\n"))
    #expect(sameExact.policy == nil)
    #expect(sameExact.diagnostics.filter { $0.severity == .error }.count == 1)
    #expect(sameExact.diagnostics.contains { $0.message.hasPrefix("namespace \"shop\" is listed by NamespaceOverride \"b\" and by \"a\"") })
    let sameGlob = S.compile(
      [S.override("a", "  namespaces: [\"ci-*\"]\n"), S.override("b", "  namespaces: [\"ci-*\"]\n")]
        .joined(separator: "---\n"))
    #expect(sameGlob.policy == nil)
    // Listing an entry twice in one override is not a conflict: it is deduplicated.
    let twice = S.compile(S.override("a", "  namespaces: [shop, shop]\n"))
    #expect(twice.policy?.namespaceOverrides.first?.namespaces == ["shop"])
  }

  @Test func effectiveValuesAreCheckedAgainstTheGCPolicy() {
    let okBecauseBothSet = S.compile(
      [Self.gc, S.override("a", "  namespaces: [a]\n  imageGC:\n    minAge: 1m\n    maxAge: 2m\n")].joined(separator: "---\n"))
    #expect(okBecauseBothSet.policy != nil)
    let minAboveInheritedMax = S.compile(
      [
        S.gcPolicy(spec: "  imageGC:\n    maxAge: 1h\n"),
        S.override("a", "  namespaces: [a]\n  imageGC:\n    minAge: 2h\n"),
      ].joined(separator: "---\n"))
    #expect(minAboveInheritedMax.policy == nil)
    #expect(minAboveInheritedMax.diagnostics.contains {
      $0.message == "NamespaceOverride \"a\": effective imageGC.maxAge (1h0m0s) must be greater than imageGC.minAge (2h0m0s) when set (maxAge from the GCPolicy)"
    })
    // maxAge 0s in an override turns age-based removal off, whatever minAge is.
    let off = S.compile(
      [S.gcPolicy(spec: "  imageGC:\n    minAge: 3h\n    maxAge: 4h\n"), S.override("a", "  namespaces: [a]\n  imageGC:\n    maxAge: 0s\n")]
        .joined(separator: "---\n"))
    #expect(off.policy?.resolve(namespace: "a").imageMaxAge == 0)
  }
}
