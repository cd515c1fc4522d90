import ReclaimCore
import ReclaimPolicy
import Testing

@Suite struct PolicyDigestTests {
  @Test func defaultPolicyDigest() {
    // sha256 of {"containerGC":{"maxContainers":-1,"maxPerPodContainer":1,"minAge":"0s"},...}
    #expect(
      CompiledPolicy().digest
        == "sha256:a8223d730845ed80d1067096ba07a795ca81fada408fb83b39fc0f1d3a9bb5dd")
  }

  @Test func specExampleDigest() {
    // fixtures/spec-examples/policy.compiled.json, the format's worked example, built by hand from its values.
    let policy = CompiledPolicy(
      containerGC: .init(minAge: 60_000_000_000, maxPerPodContainer: 1, maxContainers: 50),
      imageGC: .init(
        highThresholdPercent: 80, lowThresholdPercent: 70, minAge: 300_000_000_000,
        maxAge: 259_200_000_000_000, protect: ["registry.k8s.io/pause:*"]),
      namespaceOverrides: [
        .init(
          name: "shop", namespaces: ["shop"], containerGC: .init(maxPerPodContainer: 3, maxContainers: 10),
          imageGC: .init(minAge: 3_600_000_000_000, maxAge: 0)),
        .init(
          name: "ci", namespaces: ["ci-*"], containerGC: .init(maxPerPodContainer: 0),
          imageGC: .init(maxAge: 21_600_000_000_000)),
      ])
    #expect(policy.digest == "sha256:d1db4140e389b7edf4cd67975a1264b0f0771bd7862f70422cde22930f3c0044")
  }
}
