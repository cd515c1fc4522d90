import ReclaimCore
import ReclaimPolicy
import Testing

@Suite struct PolicyDigestInvarianceTests {
  typealias S = PolicyTestSupport

  static let gc = S.gcPolicy(
    spec: """
        containerGC:
          minAge: 1m
          maxContainers: 50
        imageGC:
          highThresholdPercent: 80
          lowThresholdPercent: 70
          minAge: 2m
          protect: ["registry.k8s.io/pause:*", "a/b:*"]

      """)
  static let ci = S.override("ci", "  namespaces: [\"ci-*\", buildkite]\n  containerGC:\n    maxPerPodContainer: 0\n")
  static let shop = S.override("shop", "  namespaces: [shop]\n  imageGC:\n    maxAge: 6h\n")

  func digest(_ files: [(String, String)]) throws -> String {
    let result = S.compile(files)
    let policy = try #require(result.policy, "diagnostics: \(result.diagnostics.map(\.description))")
    return policy.digest
  }

  @Test func reorderingFilesAndDocumentsKeepsTheDigest() throws {
    let reference = try digest([("a.yaml", Self.gc), ("b.yaml", Self.ci + "---\n" + Self.shop)])
    #expect(try digest([("b.yaml", Self.shop + "---\n" + Self.ci), ("a.yaml", Self.gc)]) == reference)
    #expect(try digest([("one.yaml", Self.shop + "---\n" + Self.gc + "---\n" + Self.ci)]) == reference)
  }

  @Test func formattingCommentsSpellingAndAnchorsKeepTheDigest() throws {
    let reference = try digest([("a.yaml", Self.gc + "---\n" + Self.ci + "---\n" + Self.shop)])
    let respelt = """
      # The same policy, written differently.
      apiVersion: "reclaim.dev/v1"
      kind: 'GCPolicy'
      metadata: {name: fleet}
      spec:
        imageGC: {protect: [a/b:*, "registry.k8s.io/pause:*", a/b:*], minAge: 120s,
                  lowThresholdPercent: 70, highThresholdPercent: 80}
        containerGC:
          maxContainers: 50   # cap
          minAge: 60000ms
      ---
      apiVersion: reclaim.dev/v1
      kind: NamespaceOverride
      metadata: {name: shop}
      spec:
        imageGC: {maxAge: 360m}
        namespaces:
          - shop
          - shop
      ---
      apiVersion: reclaim.dev/v1
      kind: NamespaceOverride
      metadata:
        name: ci
      spec:
        namespaces: &ns [buildkite, "ci-*"]
        containerGC: &zero
          maxPerPodContainer: 0

      """
    #expect(try digest([("x.yaml", respelt)]) == reference)
  }

  @Test func changingAValueChangesTheDigest() throws {
    let reference = try digest([("a.yaml", Self.gc + "---\n" + Self.ci)])
    let changedGC = Self.gc.replacingOccurrences(of: "maxContainers: 50", with: "maxContainers: 51")
    #expect(try digest([("a.yaml", changedGC + "---\n" + Self.ci)]) != reference)
    let changedCI = Self.ci.replacingOccurrences(of: "buildkite", with: "jenkins")
    #expect(try digest([("a.yaml", Self.gc + "---\n" + changedCI)]) != reference)
    let explicitDefault = Self.ci + "  imageGC:\n    minAge: 2m\n"
    // Setting a field to the value it would inherit is still a different policy text:
    // the override now pins it, so a later GCPolicy change no longer reaches it.
    #expect(try digest([("a.yaml", Self.gc + "---\n" + explicitDefault)]) != reference)
  }

  @Test func defaultsSpeltOutEqualNoGCPolicy() throws {
    let explicit = S.gcPolicy(
      spec: """
          containerGC: {minAge: 0s, maxPerPodContainer: 1, maxContainers: -1}
          imageGC: {highThresholdPercent: 85, lowThresholdPercent: 80, minAge: 2m, maxAge: 0s, protect: []}

        """)
    #expect(try digest([("a.yaml", explicit)]) == CompiledPolicy().digest)
    let none = S.compile([("a.yaml", Self.shop)])
    #expect(none.diagnostics.contains { $0.severity == .note && $0.message == "no GCPolicy: kubelet defaults apply" })
  }
}

extension String {
  fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
