import ReclaimBatch
import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import ReclaimPolicy
import ReclaimYAML
import Testing

/// A `PolicyTest`'s expectations against a plan, in process: exact and
/// partial sets, kept objects, summary subsets and warning codes.
@Suite struct PolicyTestCheckTests {
  /// A node: pod `p` deleted (its container `gone` and sandbox `sb-p` go),
  /// pod `q` active with a running `q-run` and dead `q-old`, `q-new`
  /// (one is kept per container); image `used` in use, `stale` unused for
  /// long, `pause` protected; a log directory of each pod.
  static let json = """
      {"apiVersion": "reclaim.dev/v1", "kind": "NodeSnapshot", "node": "n1",
       "capturedAt": "2026-11-29T12:00:00Z", "allSourcesReady": true, "kubeletStartedAt": "2026-10-01T00:00:00Z",
       "imageFs": {"capacityBytes": 1000, "availableBytes": 100},
       "pods": [{"uid": "p", "namespace": "ns", "name": "p", "state": "deleted"},
                {"uid": "q", "namespace": "ns", "name": "q", "state": "active"}],
       "sandboxes": [{"id": "sb-p", "podUid": "p", "namespace": "ns", "podName": "p", "state": "notready", "createdAt": "2026-11-29T00:00:00Z"},
                     {"id": "sb-q", "podUid": "q", "namespace": "ns", "podName": "q", "state": "ready", "createdAt": "2026-11-29T00:00:00Z"}],
       "containers": [
         {"id": "gone", "podUid": "p", "namespace": "ns", "podName": "p", "name": "c", "sandboxId": "sb-p", "state": "exited", "createdAt": "2026-11-29T01:00:00Z", "imageId": "used"},
         {"id": "q-old", "podUid": "q", "namespace": "ns", "podName": "q", "name": "c", "sandboxId": "sb-q", "state": "exited", "createdAt": "2026-11-29T02:00:00Z", "imageId": "used"},
         {"id": "q-new", "podUid": "q", "namespace": "ns", "podName": "q", "name": "c", "sandboxId": "sb-q", "state": "exited", "createdAt": "2026-11-29T03:00:00Z", "imageId": "used"},
         {"id": "q-run", "podUid": "q", "namespace": "ns", "podName": "q", "name": "c", "sandboxId": "sb-q", "state": "running", "createdAt": "2026-11-29T04:00:00Z", "imageId": "used"}],
       "images": [{"id": "used", "sizeBytes": 10}, {"id": "stale", "sizeBytes": 20, "lastUsedAt": "2026-10-02T00:00:00Z"},
                  {"id": "pause", "repoTags": ["registry.k8s.io/pause:3.10"], "sizeBytes": 1, "lastUsedAt": "2026-10-02T00:00:00Z"}],
       "podLogDirs": ["ns_p_p", "ns_q_q"]}
      """

  static func snapshot() throws -> NodeSnapshot { try SnapshotReader.decode(Array(json.utf8), source: "n1.json") }

  static let policy = CompiledPolicy(
    containerGC: ContainerGCPolicy(minAge: 0, maxPerPodContainer: 1, maxContainers: -1),
    imageGC: ImageGCPolicy(highThresholdPercent: 85, lowThresholdPercent: 80, minAge: 0, maxAge: 30 * 24 * 3_600_000_000_000, protect: ["registry.k8s.io/pause:*"]))

  static func plan(_ mode: GCMode = .periodic) throws -> Plan {
    GCEngine.plan(try snapshot(), policy: policy, options: PlanOptions(mode: mode, explain: true))
  }

  /// The test `expect` (YAML flow text) states, read as `reclaim test` reads it.
  static func test(_ expect: String, mode: String = "periodic") throws -> PolicyTestDocument {
    let text = "apiVersion: reclaim.dev/v1\nkind: PolicyTest\nmetadata: {name: t}\nspec:\n  snapshot: n1.json\n  mode: \(mode)\n  expect: \(expect)\n"
    var compiler = PolicyCompiler()
    compiler.add(YAMLReader.read(bytes: Array(text.utf8), file: "t.yaml").documents, file: "t.yaml")
    let source = try #require(compiler.set.tests.first)
    let read = PolicyTestDocument.read(source)
    #expect(read.diagnostics == [])
    return try #require(read.test)
  }

  static func failures(_ expect: String, mode: GCMode = .periodic) throws -> [String] {
    let test = try test(expect, mode: mode.rawValue)
    return PolicyTestCheck.failures(of: test, plan: try plan(mode), snapshot: try snapshot()).map(\.description)
  }

  /// The document's names are the engine's and the manifest's.
  @Test func namesAgreeWithTheEngine() {
    #expect(PolicyTestDocument.Mode.allCases.map(\.rawValue) == GCMode.allCases.map(\.rawValue))
    #expect(PolicyTestDocument.ObjectKind.allCases.map(\.rawValue) == ["containers", "sandboxes", "podLogDirs", "images"])
  }

  @Test func theFixturePlansAsDescribed() throws {
    let plan = try Self.plan()
    #expect(plan.containers.map(\.container.id) == ["gone", "q-old"])
    #expect(plan.sandboxes.map(\.sandbox.id) == ["sb-p"])
    #expect(plan.podLogDirs.map(\.name) == ["ns_p_p"])
    #expect(plan.images.map(\.image.id) == ["stale"])
  }

  @Test func exactSetsMustMatchBothWays() throws {
    #expect(try Self.failures("{deleted: {containers: [q-old, gone], images: [stale]}}") == [])
    #expect(
      try Self.failures("{deleted: {containers: [q-new, gone, nobody], sandboxes: []}}") == [
        #"expect.deleted.containers: missing ["q-new" (kept: within-limits), "nobody" (not in the snapshot)]; unexpected ["q-old" (max-per-pod-container)]"#,
        #"expect.deleted.sandboxes: unexpected ["sb-p" (pod-removed)]"#,
      ])
    // A kind not listed is not checked: `gone` and `stale` may go.
    #expect(try Self.failures("{deleted: {podLogDirs: [ns_p_p]}}") == [])
    #expect(
      try Self.failures("{deleted: {images: [], podLogDirs: []}}") == [
        #"expect.deleted.podLogDirs: unexpected ["ns_p_p" (pod-removed)]"#,
        #"expect.deleted.images: unexpected ["stale" (max-age)]"#,
      ])
  }

  @Test func partialSetsNeedOnlyWhatTheyList() throws {
    #expect(try Self.failures("{partial: true, deleted: {containers: [gone], sandboxes: [], images: []}}") == [])
    #expect(
      try Self.failures("{partial: true, deleted: {containers: [gone, q-run], images: [pause]}}") == [
        #"expect.deleted.containers: missing ["q-run" (kept: running)]"#,
        #"expect.deleted.images: missing ["pause" (kept: protected)]"#,
      ])
  }

  @Test func keptIdsMustExistAndSurvive() throws {
    #expect(try Self.failures("{kept: {containers: [q-new, q-run], images: [used, pause], podLogDirs: [ns_q_q]}}") == [])
    #expect(
      try Self.failures("{kept: {containers: [q-new, ghost, gone], sandboxes: [sb-p], images: [stale]}}") == [
        #"expect.kept.containers: deleted ["gone" (pod-removed)]; not in the snapshot ["ghost"]"#,
        #"expect.kept.sandboxes: deleted ["sb-p" (pod-removed)]"#,
        #"expect.kept.images: deleted ["stale" (max-age)]"#,
      ])
    // A log directory is known by its name.
    #expect(
      try Self.failures("{kept: {podLogDirs: [ns_p_p, ns_x_x]}}") == [
        #"expect.kept.podLogDirs: deleted ["ns_p_p" (pod-removed)]; not in the snapshot ["ns_x_x"]"#
      ])
  }

  @Test func summaryIsAnySubsetOfTheManifestsCounts() throws {
    #expect(try Self.failures("{summary: {containers: 2}}") == [])
    #expect(try Self.failures("{summary: {sandboxes: 1, podLogDirs: 1, images: 1, imageBytes: 20}}") == [])
    #expect(
      try Self.failures("{summary: {imageBytes: 21, containers: 3, images: 1}}") == [
        "expect.summary.containers: expected 3, planned 2", "expect.summary.imageBytes: expected 21, planned 20",
      ])
  }

  @Test func warningCodesMustAppearOthersMayToo() throws {
    // 90 % used, nothing more to free: a shortfall.
    #expect(try Self.failures("{warnings: [image-gc-shortfall]}") == [])
    #expect(try Self.failures("{warnings: []}") == [])
    #expect(
      try Self.failures("{warnings: [tie-broken, image-gc-shortfall]}") == [
        #"expect.warnings: missing ["tie-broken"]; planned ["image-gc-shortfall"]"#
      ])
    // Disk-pressure mode reports no shortfall: bytesToFree is unlimited.
    #expect(
      try Self.failures("{warnings: [image-gc-shortfall]}", mode: .diskPressure) == [
        #"expect.warnings: missing ["image-gc-shortfall"]; planned none"#
      ])
  }

  @Test func theModeChangesThePlan() throws {
    // The eviction manager frees images without the max-age pass.
    #expect(
      try Self.failures("{deleted: {images: []}}", mode: .diskPressure) == [
        #"expect.deleted.images: unexpected ["stale" (disk-pressure)]"#
      ])
  }

  @Test func eachFailureIsAtItsExpectationsKey() throws {
    let test = try Self.test("{deleted: {containers: []}, summary: {images: 0}}")
    let failures = PolicyTestCheck.failures(of: test, plan: try Self.plan(), snapshot: try Self.snapshot())
    #expect(failures.map(\.origin.description) == ["t.yaml:7:22", "t.yaml:7:49"])
    #expect(failures.map(\.expectation) == ["expect.deleted.containers", "expect.summary.images"])
  }

  @Test func idsInMessagesAreQuoted() throws {
    let test = try Self.test(#"{deleted: {containers: ["a\"b\u0001"]}, partial: true}"#)
    let failures = PolicyTestCheck.failures(of: test, plan: try Self.plan(), snapshot: try Self.snapshot())
    #expect(failures.map(\.message) == [#"missing ["a\"b\u0001" (not in the snapshot)]"#])
  }
}
