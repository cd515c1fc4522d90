import ReclaimCore
import ReclaimInventory
import Testing

@Suite struct NodeSnapshotModelTests {
  @Test func stateNamesAreTheSpecs() {
    #expect(NodeSnapshot.Pod.State.allCases.map(\.rawValue) == ["active", "terminating", "terminated", "deleted", "evicted"])
    #expect(NodeSnapshot.Container.State.allCases.map(\.rawValue) == ["created", "running", "exited", "unknown"])
    #expect(NodeSnapshot.Sandbox.State.allCases.map(\.rawValue) == ["ready", "notready"])
  }
}
