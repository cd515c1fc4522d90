import Foundation
import ReclaimCore
import ReclaimPolicy
import Testing

@Suite struct PolicyGoldenTests {
  @Test func examplePolicySetMatchesGolden() throws {
    let loaded = try PolicyLoader.load(paths: [PolicyTestSupport.path("policies")])
    let bytes = PolicyOutput.compiledJSON(loaded.policy)
    try PolicyTestSupport.expectGolden(bytes, PolicyTestSupport.path("fixtures/policies/policies.compiled.json"))
    #expect(loaded.notes.isEmpty)
    #expect(loaded.policy.namespaceOverrides.count >= 3)
  }

  @Test func specExampleFixtureCompilesByteForByte() throws {
    let dir = PolicyTestSupport.path("fixtures/policies/spec-example")
    let loaded = try PolicyLoader.load(paths: [dir + "/policy.yaml"])
    let expected = try PolicyTestSupport.readBytes(dir + "/policy.compiled.json")
    #expect(PolicyOutput.compiledJSON(loaded.policy) == expected)
  }

  /// The repository's copy of the reference example (`fixtures/spec-examples/`):
  /// no test reads anything outside the repository.
  @Test func referenceExampleCompilesByteForByte() throws {
    let dir = PolicyTestSupport.path("fixtures/spec-examples")
    let loaded = try PolicyLoader.load(paths: [dir + "/policy.yaml"])
    let expected = try PolicyTestSupport.readBytes(dir + "/policy.compiled.json")
    #expect(PolicyOutput.compiledJSON(loaded.policy) == expected)
  }

  @Test func compiledJSONLoadsBackToTheSamePolicy() throws {
    let dir = PolicyTestSupport.path("fixtures/policies/spec-example")
    let fromYAML = try PolicyLoader.load(paths: [dir + "/policy.yaml"])
    let fromJSON = try PolicyLoader.load(paths: [dir + "/policy.compiled.json"])
    #expect(fromJSON.policy == fromYAML.policy)
    #expect(fromJSON.policy.resolve(namespace: "ci-7") == fromYAML.policy.resolve(namespace: "ci-7"))
  }

  @Test func kubeletConfigForTheSpecExample() throws {
    let dir = PolicyTestSupport.path("fixtures/policies/spec-example")
    let loaded = try PolicyLoader.load(paths: [dir + "/policy.yaml"])
    let config = PolicyOutput.kubeletConfig(loaded.policy)
    #expect(config.text.contains("apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\n"))
    #expect(config.text.contains("imageGCHighThresholdPercent: 80\n"))
    #expect(config.text.contains("imageGCLowThresholdPercent: 70\n"))
    #expect(config.text.contains("imageMinimumGCAge: \"5m0s\"\n"))
    #expect(config.text.contains("imageMaximumGCAge: \"72h0m0s\"\n"))
    #expect(config.text.contains("#   --minimum-container-ttl-duration=1m0s\n"))
    #expect(config.text.contains("#   --maximum-dead-containers-per-container=1\n"))
    #expect(config.text.contains("#   --maximum-dead-containers=50\n"))
    #expect(config.text.contains("# imageMaximumGCAge needs the ImageMaximumGCAge feature gate"))
    #expect(config.warnings.isEmpty)
    #expect(config.notes.count == 2)
  }

  @Test func kubeletConfigWarnsAboutTheTwoQuirks() {
    let policy = CompiledPolicy(imageGC: .init(highThresholdPercent: 100, lowThresholdPercent: 90, minAge: 0, maxAge: 0))
    let config = PolicyOutput.kubeletConfig(policy)
    #expect(config.warnings.count == 2)
    #expect(config.warnings.contains { $0.contains("imageMinimumGCAge: 0s back into") })
    #expect(config.warnings.contains { $0.contains("does not run periodic image GC") })
    #expect(config.notes.isEmpty)
    #expect(!config.text.contains("feature gate"))
  }
}
