import ReclaimCore
import Testing

@Suite struct PolicyResolutionTests {
  let policy = CompiledPolicy(
    containerGC: .init(minAge: 0, maxPerPodContainer: 1, maxContainers: 100),
    namespaceOverrides: [
      .init(name: "ci-broad", namespaces: ["ci-*"], containerGC: .init(minAge: 5, maxPerPodContainer: 0)),
      .init(name: "ci-runner", namespaces: ["ci-run*"], containerGC: .init(maxPerPodContainer: 2)),
      .init(name: "ci-exact", namespaces: ["ci-runner-1"], containerGC: .init(maxContainers: 3)),
      .init(name: "a-tie", namespaces: ["ci-r?nner-*"], imageGC: .init(maxAge: 7)),
      .init(name: "b-tie", namespaces: ["ci-ru?ner-*"], imageGC: .init(minAge: 1, maxAge: 9)),
    ])

  @Test func layersLeastSpecificFirst() {
    let r = policy.resolve(namespace: "ci-runner-1")
    #expect(r.containerMinAge == 5)  // only ci-broad sets it
    #expect(r.maxPerPodContainer == 2)  // ci-runner beats ci-broad
    #expect(r.maxContainers == 3)
    #expect(r.maxContainersFromOverride)
    #expect(r.imageMaxAge == 7)  // a-tie and b-tie rank equal: the smaller name wins
    #expect(r.imageMinAge == 1)
  }

  @Test func unmatchedAndNoNamespaceGetGlobal() {
    #expect(policy.resolve(namespace: "shop") == policy.global)
    #expect(policy.resolve(namespace: String?.none) == policy.global)
    #expect(!policy.resolve(namespace: "ci-x").maxContainersFromOverride)
  }

  @Test func globMatching() {
    #expect(Glob("ci-*").matches("ci-"))
    #expect(Glob("ci-*").matches("ci-abc"))
    #expect(!Glob("ci-*").matches("xci-abc"))
    #expect(Glob("a?c").matches("abc"))
    #expect(!Glob("a?c").matches("ac"))
    #expect(Glob("*a*b*").matches("xxaxxbxx"))
    #expect(Glob("registry.k8s.io/pause:*").matches("registry.k8s.io/pause:3.9"))
    #expect(Glob("*").literalCount == 0)
  }
}
