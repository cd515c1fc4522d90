import ReclaimEngine
import Testing

@Suite struct PlanModelTests {
  @Test func reasonAndCodeNamesAreTheSpecs() {
    #expect(GCMode.allCases.map(\.rawValue) == ["periodic", "disk-pressure"])
    #expect(
      ContainerDeletionReason.allCases.map(\.rawValue)
        == ["pod-removed", "max-per-pod-container", "namespace-max-containers", "max-containers"])
    #expect(
      ImageKeptReason.allCases.map(\.rawValue)
        == ["in-use", "pinned", "protected", "younger-than-min-age", "used-at-capture", "below-threshold", "enough-freed"])
    #expect(
      PlanMessage.Code.allCases.map(\.rawValue)
        == ["available-exceeds-capacity", "image-gc-shortfall", "tie-broken", "kubelet-start-unknown",
          "container-without-sandbox", "unknown-sandbox", "invalid-capacity"])
  }
}
