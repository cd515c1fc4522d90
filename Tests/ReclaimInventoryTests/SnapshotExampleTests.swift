import ReclaimCore
import ReclaimInventory
import Testing

/// The worked examples of the snapshot format (fixtures/spec-examples) decode,
/// with exact values: offsets normalised to UTC, nanoseconds kept, defaults applied.
@Suite struct SnapshotExampleTests {
  static func decode(_ name: String) throws -> NodeSnapshot {
    let bytes = try TestFiles.bytes("fixtures/spec-examples/\(name).snapshot.json")
    return try SnapshotReader.decode(bytes, source: "\(name).snapshot.json")
  }

  @Test func periodic() throws {
    let s = try Self.decode("node-periodic")
    #expect(s.node == "node-periodic")
    // "2026-11-29T14:00:00+02:00"
    #expect(s.capturedAt == Timestamp(nanoseconds: 1_795_953_600_000_000_000))
    #expect(s.kubeletStartedAt?.rfc3339 == "2026-11-22T12:00:00Z")
    #expect(s.allSourcesReady)
    #expect(s.imageFs == .init(capacityBytes: 43_966_792_096, availableBytes: 8_793_358_419))
    #expect([s.pods.count, s.sandboxes.count, s.containers.count, s.images.count, s.podLogDirs.count] == [4, 7, 40, 8, 4])
    let c = s.containers[1]
    #expect(c.id == "b35aaad6819a735be6078e2a60157f2e")
    #expect(c.createdAt == Timestamp(nanoseconds: 1_795_952_940_000_000_000))
    #expect(c.state == .exited)
    #expect(c.podUid == "31195ddc-d490-d7e6" && c.sandboxId == "9cf86e9a9e153e0843e12046")
    #expect(s.containers.filter { $0.podUid == nil }.count == 3)
    let i = s.images[0]
    // "2026-11-29T05:59:59-05:00"
    #expect(i.lastUsedAt?.rfc3339 == "2026-11-29T10:59:59Z")
    #expect(i.namespaces == ["kube-system", "ci-runner-22", "buildkite"])
    #expect(i.sizeBytes == 104_857_600)
    #expect(i.pinned == false)
    #expect(s.images.filter { $0.firstDetectedAt == nil }.count == 3)
    let sb = s.sandboxes[0]
    #expect(sb.state == .ready && sb.createdAt.nanoseconds == 1_795_953_270_000_000_000)
  }

  @Test func explainKeepsNanoseconds() throws {
    let s = try Self.decode("node-explain")
    #expect(s.capturedAt.nanoseconds == 1_795_953_600_148_259_552)
    #expect(s.kubeletStartedAt == nil)
    #expect(s.imageFs == .init(capacityBytes: 912_261_660, availableBytes: 616))
    let c = s.containers[1]
    // "2026-11-29T17:25:00.148259552+05:30": a half-hour offset, nanoseconds kept.
    #expect(c.createdAt.nanoseconds == 1_795_953_300_148_259_552)
    #expect(c.podUid == nil && c.namespace == nil && c.podName == nil && c.sandboxId == nil)
    #expect(c.state == .unknown)
    #expect(s.images[0].repoDigests == [])  // absent: the default
    #expect(s.images[0].firstDetectedAt?.rfc3339 == "2026-11-29T11:52:00.148259552Z")
    #expect(s.images.filter(\.pinned).map { String($0.id.prefix(15)) } == ["sha256:88b13a2e"])
    #expect(s.images.filter { $0.lastUsedAt == nil }.count == 1)
    #expect(s.sandboxes[0].state == .notready)
    #expect(s.sandboxes[0].createdAt.nanoseconds == 1_795_953_060_148_259_552)
  }

  @Test func diskPressure() throws {
    let s = try Self.decode("node-disk-pressure")
    #expect(s.capturedAt.rfc3339 == "2026-11-29T12:00:00Z")
    // "2026-11-28T07:00:00-05:00"
    #expect(s.kubeletStartedAt?.rfc3339 == "2026-11-28T12:00:00Z")
    #expect(s.imageFs.availableBytes == 22_649_313)
    #expect(s.containers[1].state == .created)
    #expect(s.containers[1].createdAt.nanoseconds == 1_795_953_592_000_000_000)
    #expect(s.images[0].sizeBytes == 0)
    #expect([s.pods.count, s.sandboxes.count, s.containers.count, s.images.count, s.podLogDirs.count] == [4, 6, 24, 6, 3])
  }

  /// The same document as one NDJSON line decodes to the same snapshot.
  @Test func compactLineDecodesAlike() throws {
    let bytes = try TestFiles.bytes("fixtures/spec-examples/node-explain.snapshot.json")
    let oneLine = bytes.filter { $0 != 0x0A }
    let a = try SnapshotReader.decode(bytes, source: "a.json")
    let b = try SnapshotReader.decode(oneLine, source: "fleet.ndjson", line: 3)
    #expect(a == b)
  }

  @Test func bufferAndArrayOverloadsAgree() throws {
    let bytes = try TestFiles.bytes("fixtures/spec-examples/node-periodic.snapshot.json")
    let a = try SnapshotReader.decode(bytes, source: "x")
    let b = try bytes.withUnsafeBufferPointer { buffer in
      try SnapshotReader.decode(buffer, source: "x")
    }
    #expect(a == b)
  }
}
