import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// The reference on hand-made cases, so that a differential disagreement
/// can be blamed on the right side.
@Suite struct ReferencePlannerTests {
  static let precomposed = "caf\u{E9}"
  static let decomposed = "cafe\u{301}"

  @Test func canonicallyEquivalentContainerNamesAreTwoUnits() {
    // Go map keys (the kubelet's evictUnit) compare bytes: one dead
    // container per unit, so maxPerPodContainer 1 removes neither.
    let snapshot = Make.snapshot(
      pods: [NodeSnapshot.Pod(uid: "p1", namespace: "default", name: "pod-p1", state: .active)],
      sandboxes: [Make.sandbox("s1", state: .ready)],
      containers: [
        Make.container("c1", name: Self.precomposed, created: -200, sandbox: "s1"),
        Make.container("c2", name: Self.decomposed, created: -100, sandbox: "s1"),
      ])
    let plan = ReferencePlanner.plan(snapshot, policy: Make.policy(perPod: 1), options: .init(explain: true))
    #expect(plan.containers.isEmpty)
    #expect(plan.kept?.containers.map(\.reason) == [.withinLimits, .withinLimits])
  }

  @Test func anExactOverrideMatchesItsOwnSpellingOnly() {
    let override = NamespaceOverride(name: "cafe", namespaces: [Self.precomposed], containerGC: .init(maxPerPodContainer: 0))
    let snapshot = Make.snapshot(
      pods: [
        NodeSnapshot.Pod(uid: "p1", namespace: Self.precomposed, state: .active),
        NodeSnapshot.Pod(uid: "p2", namespace: Self.decomposed, state: .active),
      ],
      sandboxes: [Make.sandbox("s1", ns: Self.precomposed), Make.sandbox("s2", pod: "p2", ns: Self.decomposed)],
      containers: [
        Make.container("c1", ns: Self.precomposed, sandbox: "s1"),
        Make.container("c2", pod: "p2", ns: Self.decomposed, sandbox: "s2"),
      ])
    let plan = ReferencePlanner.plan(snapshot, policy: Make.policy(perPod: -1, overrides: [override]), options: .init())
    #expect(plan.containerReasons == ["c1": "max-per-pod-container"])
  }

  @Test func diskPressureImageGCSeesOnlyTheKeptContainers() {
    let snapshot = Make.snapshot(
      capacity: 1000, available: 0,
      pods: [NodeSnapshot.Pod(uid: "gone", namespace: "default", state: .deleted)],
      sandboxes: [Make.sandbox("s1", pod: "gone")],
      containers: [Make.container("dead", pod: "gone", image: "only", sandbox: "s1")],
      images: [Make.image("only", size: 10, used: -7200)])
    let pressure = ReferencePlanner.plan(snapshot, policy: Make.policy(), options: .init(mode: .diskPressure))
    #expect(pressure.images.map(\.image.id) == ["only"])
    #expect(pressure.images.first?.lastUsed == Make.at(-7200))
    let periodic = ReferencePlanner.plan(snapshot, policy: Make.policy(), options: .init(explain: true))
    #expect(periodic.images.isEmpty)
    #expect(periodic.kept?.images.map(\.reason) == [.inUse])
  }

  @Test func anEmptyPodUidOrSandboxIdIsAbsent() {
    var absent = Make.snapshot(
      ready: false, containers: [Make.container("bare-1", pod: nil, created: -100), Make.container("bare-2", pod: nil, created: -50)])
    var empty = absent
    for i in empty.containers.indices {
      empty.containers[i].podUid = ""
      empty.containers[i].sandboxId = ""
    }
    absent.containers[0].namespace = "default"
    let policy = Make.policy(perPod: 1)
    let a = ReferencePlanner.plan(absent, policy: policy, options: .init())
    let e = ReferencePlanner.plan(empty, policy: policy, options: .init())
    #expect(a.containerReasons == ["bare-1": "max-per-pod-container"])
    #expect(e.containerReasons == a.containerReasons)
    // Neither a missing sandbox nor an unlisted one: both fields are absent.
    #expect(e.warnings.isEmpty)
  }
}
