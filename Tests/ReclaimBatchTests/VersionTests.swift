import ReclaimBatch
import Testing

@Suite struct VersionTests {
  @Test func versionIsSemantic() {
    let parts = ReclaimVersion.current.split(separator: ".")
    #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil })
  }
}
