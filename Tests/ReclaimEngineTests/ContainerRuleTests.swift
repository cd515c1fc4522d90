import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// Container and sandbox rules of docs/reference/semantics.md that the ported kubelet
/// tables do not reach.
@Suite struct ContainerRuleTests {
  @Test func perNamespaceCapAppliesOnlyToOverriddenNamespaces() {
    // Three units in ci and three in shop, two dead containers each.
    var containers: [NodeSnapshot.Container] = []
    for ns in ["ci", "shop"] {
      for u in 1...3 {
        for k in 0..<2 {
          containers.append(
            Make.container("\(ns)-\(u)-\(k)", pod: "\(ns)\(u)", ns: ns, created: -Int64(1000 * u + 10 * k)))
        }
      }
    }
    let pods = ["ci1", "ci2", "ci3", "shop1", "shop2", "shop3"].map { NodeSnapshot.Pod(uid: $0, state: .active) }
    let policy = Make.policy(
      perPod: -1, max: -1,
      overrides: [NamespaceOverride(name: "ci", namespaces: ["ci"], containerGC: .init(maxContainers: 2))])
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: policy, options: .init())
    // share = max(2 / 3, 1) = 1 per unit (the older of each goes), then the
    // oldest survivor overall (unit 3's newer) goes too.
    #expect(
      plan.containerReasons == [
        "ci-1-1": "namespace-max-containers", "ci-2-1": "namespace-max-containers",
        "ci-3-1": "namespace-max-containers", "ci-3-0": "namespace-max-containers",
      ])
  }

  @Test func overrideCapBelowZeroOrInheritedDoesNotApply() {
    let containers = (0..<4).map { Make.container("c\($0)", pod: "p\($0)", ns: "ci", created: -100 - Int64($0)) }
    let pods = (0..<4).map { NodeSnapshot.Pod(uid: "p\($0)", state: .active) }
    let unlimited = Make.policy(
      overrides: [NamespaceOverride(name: "ci", namespaces: ["ci"], containerGC: .init(maxContainers: -1))])
    #expect(GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: unlimited, options: .init()).containers.isEmpty)
    // An override that sets only maxPerPodContainer leaves the node cap to step 5.
    let nodeCap = Make.policy(
      max: 3, overrides: [NamespaceOverride(name: "ci", namespaces: ["ci"], containerGC: .init(maxPerPodContainer: 5))])
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: nodeCap, options: .init())
    #expect(plan.containerReasons == ["c3": "max-containers"])
  }

  @Test func minAgeIsResolvedPerNamespace() {
    let containers = [
      Make.container("young-ci", pod: "a", ns: "ci", created: -30),
      Make.container("young-shop", pod: "b", ns: "shop", created: -30),
    ]
    let policy = Make.policy(
      minAge: Make.minute, perPod: 0,
      overrides: [NamespaceOverride(name: "ci", namespaces: ["ci"], containerGC: .init(minAge: 10 * Make.second))])
    let pods = [NodeSnapshot.Pod(uid: "a", state: .active), NodeSnapshot.Pod(uid: "b", state: .active)]
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: policy, options: .init(explain: true))
    #expect(plan.containerReasons == ["young-ci": "max-per-pod-container"])
    #expect(plan.kept?.containers.map { "\($0.container.id):\($0.reason.rawValue)" } == ["young-shop:younger-than-min-age"])
  }

  @Test func minAgeBoundaryIsInclusive() {
    // createdAt + minAge == now is evictable; one nanosecond later is not.
    let policy = Make.policy(minAge: Make.minute, perPod: 0)
    var exact = Make.container("exact", created: -60)
    var late = Make.container("late", pod: "p2", created: -60)
    late.createdAt.nanoseconds += 1
    exact.createdAt.nanoseconds += 0
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .active), NodeSnapshot.Pod(uid: "p2", state: .active)]
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: [exact, late]), policy: policy, options: .init())
    #expect(plan.containerReasons == ["exact": "max-per-pod-container"])
  }

  @Test func containerWithoutPodUidIsAnUnknownPod() {
    let stray = Make.container("stray", pod: nil, state: .unknown)
    let notReady = GCEngine.plan(Make.snapshot(ready: false, containers: [stray]), policy: Make.policy(), options: .init())
    #expect(notReady.containers.isEmpty)
    let ready = GCEngine.plan(Make.snapshot(ready: true, containers: [stray]), policy: Make.policy(), options: .init())
    #expect(ready.containerReasons == ["stray": "pod-removed"])
    #expect(ready.containers.first?.stopFirst == true)
  }

  @Test func removedPodsNeedAllSourcesReadyAndDiskPressureEvictsTerminated() {
    let containers = [
      Make.container("evicted", pod: "e"), Make.container("terminated", pod: "t"),
      Make.container("terminating", pod: "g"),
    ]
    let pods = [
      NodeSnapshot.Pod(uid: "e", state: .evicted), NodeSnapshot.Pod(uid: "t", state: .terminated),
      NodeSnapshot.Pod(uid: "g", state: .terminating),
    ]
    let policy = Make.policy()
    let periodic = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: policy, options: .init())
    #expect(periodic.containerReasons == ["evicted": "pod-removed"])
    let pressure = GCEngine.plan(
      Make.snapshot(pods: pods, containers: containers), policy: policy, options: .init(mode: .diskPressure))
    #expect(pressure.containerReasons == ["evicted": "pod-removed", "terminated": "pod-removed"])
    let notReady = GCEngine.plan(
      Make.snapshot(ready: false, pods: pods, containers: containers), policy: policy, options: .init(mode: .diskPressure))
    #expect(notReady.containers.isEmpty)
  }

  @Test func nodeCapShareCountsEmptyUnits() {
    // Unit a: 4 dead; unit b: 1; unit e (namespace ci, per-pod limit 0 by
    // override) is emptied by step 3 but still counts: share = 4 / 3 = 1, so
    // a keeps one. Without the empty unit the share would be 2.
    let containers = [
      Make.container("a1", pod: "a", created: -40), Make.container("a2", pod: "a", created: -30),
      Make.container("a3", pod: "a", created: -20), Make.container("a4", pod: "a", created: -10),
      Make.container("b1", pod: "b", created: -50), Make.container("e1", pod: "e", ns: "ci", created: -60),
    ]
    let pods = ["a", "b", "e"].map { NodeSnapshot.Pod(uid: $0, state: .active) }
    let policy = Make.policy(
      max: 4, overrides: [NamespaceOverride(name: "ci", namespaces: ["ci"], containerGC: .init(maxPerPodContainer: 0))])
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: policy, options: .init())
    #expect(
      plan.containerReasons == [
        "e1": "max-per-pod-container", "a1": "max-containers", "a2": "max-containers", "a3": "max-containers",
      ])
  }

  @Test func tieSplitByACutIsWarnedOnce() {
    let containers = ["x", "y", "z"].map { Make.container($0, created: -100) }
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .active)]
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: Make.policy(perPod: 1), options: .init())
    #expect(plan.containerReasons == ["x": "max-per-pod-container", "y": "max-per-pod-container"])
    #expect(plan.warnings.filter { $0.code == .tieBroken }.count == 1)
  }

  @Test func tieWhoseSurvivorsGoLaterIsNotWarned() {
    let containers = ["x", "y", "z"].map { Make.container($0, created: -100) }
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .active)]
    let plan = GCEngine.plan(
      Make.snapshot(pods: pods, containers: containers), policy: Make.policy(perPod: 1, max: 0), options: .init())
    #expect(plan.containers.count == 3)
    #expect(!plan.warningCodes.contains("tie-broken"))
  }

  @Test func cutBetweenDistinctTimesIsNotATie() {
    let containers = [Make.container("x", created: -100), Make.container("y", created: -99)]
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .active)]
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: Make.policy(perPod: 1), options: .init())
    #expect(plan.containerReasons == ["x": "max-per-pod-container"])
    #expect(!plan.warningCodes.contains("tie-broken"))
  }

  @Test func sandboxesAfterContainers() {
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .active), NodeSnapshot.Pod(uid: "gone", state: .deleted)]
    let sandboxes = [
      Make.sandbox("old", created: -300), Make.sandbox("mid", created: -200), Make.sandbox("new", created: -100),
      Make.sandbox("ready-old", state: .ready, created: -400),
      Make.sandbox("gone-1", pod: "gone", created: -100), Make.sandbox("gone-ready", pod: "gone", state: .ready),
    ]
    // "mid" keeps a container that survives; "old"'s container is removed by the per-pod limit.
    let containers = [
      Make.container("c-old", created: -290, sandbox: "old"), Make.container("c-mid", created: -190, sandbox: "mid"),
    ]
    let plan = GCEngine.plan(
      Make.snapshot(ready: false, pods: pods, sandboxes: sandboxes, containers: containers),
      policy: Make.policy(perPod: 1), options: .init(explain: true))
    #expect(plan.containerReasons == ["c-old": "max-per-pod-container"])
    #expect(
      plan.sandboxes.map { "\($0.sandbox.id):\($0.reason.rawValue)" }.sorted() == [
        "gone-1:pod-removed", "old:superseded",
      ])
    #expect(
      plan.kept?.sandboxes.map { "\($0.sandbox.id):\($0.reason.rawValue)" }.sorted() == [
        "gone-ready:ready", "mid:has-containers", "new:newest", "ready-old:ready",
      ])
  }

  @Test func sandboxTieForNewestIsWarnedOnlyWithAnInactiveMember() {
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .active)]
    let tied = [Make.sandbox("s1", created: -100), Make.sandbox("s2", created: -100)]
    let plan = GCEngine.plan(Make.snapshot(pods: pods, sandboxes: tied), policy: Make.policy(), options: .init())
    #expect(plan.sandboxes.map(\.sandbox.id) == ["s1"])
    #expect(plan.warningCodes == ["tie-broken"])

    let busy = [
      Make.container("c1", state: .running, created: -50, sandbox: "s1"),
      Make.container("c2", name: "b", state: .running, created: -50, sandbox: "s2"),
    ]
    let active = GCEngine.plan(Make.snapshot(pods: pods, sandboxes: tied, containers: busy), policy: Make.policy(), options: .init())
    #expect(active.sandboxes.isEmpty)
    #expect(!active.warningCodes.contains("tie-broken"))
  }

  @Test func sandboxReferenceWarningsOncePerContainer() {
    let containers = [
      Make.container("orphan", pod: "nosandbox", state: .running, sandbox: "missing"),
      Make.container("fine", pod: "p1", state: .running, sandbox: "s1"),
      Make.container("dangling", pod: "p1", name: "b", state: .running, sandbox: "missing2"),
    ]
    let plan = GCEngine.plan(
      Make.snapshot(sandboxes: [Make.sandbox("s1", state: .ready)], containers: containers), policy: Make.policy(),
      options: .init())
    #expect(
      plan.warnings.map { "\($0.code.rawValue) \($0.message)" } == [
        "container-without-sandbox container orphan: pod nosandbox has no sandbox",
        "unknown-sandbox container dangling: sandbox missing2 is not listed",
        "unknown-sandbox container orphan: sandbox missing is not listed",
      ])
  }

  @Test func podLogDirectories() {
    #expect(GCEngine.podUid(ofLogDirectory: "ns_pod_uid-1") == "uid-1")
    #expect(GCEngine.podUid(ofLogDirectory: "a_b_c_d") == "d")
    #expect(GCEngine.podUid(ofLogDirectory: "plain") == "plain")
    #expect(GCEngine.podUid(ofLogDirectory: "ns_pod_") == "")
    // The last `_` at every distance from the end (the search reads eight
    // bytes at a time), among bytes that share its low seven bits.
    var rng = SeededGenerator(seed: 11)
    let pieces = ["a", "_", "\u{DF}", "\u{5DF}", "\u{7F}", "-", "\u{1F600}"]
    for _ in 0..<5_000 {
      let name = (0..<Int.random(in: 0...30, using: &rng)).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &rng)] }
        .joined()
      let bytes = Array(name.utf8)
      let expected = bytes.lastIndex(of: UInt8(ascii: "_")).map { String(decoding: bytes[($0 + 1)...], as: UTF8.self) } ?? name
      #expect(GCEngine.podUid(ofLogDirectory: name) == expected, "\(name)")
    }
    let pods = [
      NodeSnapshot.Pod(uid: "t", state: .terminated), NodeSnapshot.Pod(uid: "d", state: .deleted),
      NodeSnapshot.Pod(uid: "a", state: .active),
    ]
    let dirs = ["z_p_t", "z_p_d", "z_p_a", "y_p_unknown"]
    let ready = GCEngine.plan(Make.snapshot(pods: pods, podLogDirs: dirs), policy: Make.policy(), options: .init(mode: .diskPressure))
    // Content removability only: terminated pods keep their logs even under disk pressure.
    #expect(ready.podLogDirs.map(\.name) == ["y_p_unknown", "z_p_d"])
    #expect(ready.podLogDirs.map(\.podUid) == ["unknown", "d"])
    let notReady = GCEngine.plan(Make.snapshot(ready: false, pods: pods, podLogDirs: dirs), policy: Make.policy(), options: .init())
    #expect(notReady.podLogDirs.isEmpty)
  }

  @Test func entryOrderIsNamespacePodNameUidNameAge() {
    let containers = [
      Make.container("b2", pod: "pb", ns: "b", created: -10), Make.container("b1", pod: "pb", ns: "b", created: -20),
      Make.container("a1", pod: "pa", ns: "a", created: -5), Make.container("none", pod: nil, created: -1),
    ]
    let pods = [NodeSnapshot.Pod(uid: "pa", state: .deleted), NodeSnapshot.Pod(uid: "pb", state: .deleted)]
    let plan = GCEngine.plan(Make.snapshot(pods: pods, containers: containers), policy: Make.policy(), options: .init())
    #expect(plan.containers.map(\.container.id) == ["none", "a1", "b1", "b2"])
  }
}
