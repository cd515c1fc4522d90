import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// Under disk pressure the eviction manager runs `DeleteAllUnusedContainers`
/// and then `DeleteUnusedImages` in one pass (`eviction_manager.go`,
/// `reclaimNodeLevelResources`), so image GC's `detectImages` lists only the
/// containers container GC left; in periodic mode the two run on separate
/// timers and image GC sees the snapshot as captured (docs/reference/semantics.md,
/// "Modes").
@Suite struct DiskPressureSequenceTests {
  /// A deleted pod's dead container is the only user of `only-user`; a
  /// running container keeps `shared` in use.
  static func snapshot() -> NodeSnapshot {
    Make.snapshot(
      pods: [NodeSnapshot.Pod(uid: "gone", namespace: "default", name: "old", state: .deleted)],
      containers: [
        Make.container("dead", pod: "gone", image: "only-user"),
        Make.container("dead-too", pod: "gone", name: "side", image: "shared"),
        Make.container("live", pod: "p1", state: .running, image: "shared"),
      ],
      images: [
        Make.image("only-user", size: 300, detected: -86_400, used: -7200),
        Make.image("shared", size: 500, detected: -86_400, used: -60),
      ])
  }

  @Test func anImageWhoseOnlyUsersWereJustRemovedGoesInTheSamePass() {
    let plan = GCEngine.plan(Self.snapshot(), policy: Make.policy(), options: .init(mode: .diskPressure, explain: true))
    #expect(plan.containerReasons == ["dead": "pod-removed", "dead-too": "pod-removed"])
    #expect(plan.images.map(\.image.id) == ["only-user"])
    #expect(plan.images.first?.reason == .diskPressure)
    // Not in use any more: its last use is the recorded one, not `now`.
    #expect(plan.images.first?.lastUsed == Make.at(-7200))
    #expect(plan.kept?.images.map { "\($0.image.id):\($0.reason.rawValue)" } == ["shared:in-use"])
  }

  @Test func periodicImageGCStillSeesTheSnapshotAsCaptured() {
    // Full disk: image GC would free everything it may.
    var snapshot = Self.snapshot()
    snapshot.imageFs = .init(capacityBytes: 1000, availableBytes: 0)
    let plan = GCEngine.plan(snapshot, policy: Make.policy(), options: .init(explain: true))
    #expect(plan.containerReasons == ["dead": "pod-removed", "dead-too": "pod-removed"])
    #expect(plan.images.isEmpty)
    #expect(plan.kept?.images.map { "\($0.image.id):\($0.reason.rawValue)" } == ["only-user:in-use", "shared:in-use"])
  }

  @Test func aKeptDeadContainerStillHoldsItsImageUnderPressure() {
    // Without allSourcesReady nothing is removed on the ground of pod
    // removal, so the dead container stays and keeps its image in use.
    var snapshot = Self.snapshot()
    snapshot.allSourcesReady = false
    snapshot.pods = [NodeSnapshot.Pod(uid: "gone", namespace: "default", name: "old", state: .active)]
    let plan = GCEngine.plan(snapshot, policy: Make.policy(), options: .init(mode: .diskPressure))
    #expect(plan.containers.isEmpty)
    #expect(plan.images.isEmpty)
  }

  @Test func anEmptyPodUidIsAbsent() {
    // A container built with `podUid: ""` plans exactly as one without.
    let policy = Make.policy(perPod: 1, overrides: [NamespaceOverride(name: "d", namespaces: ["default"])])
    var absent = Self.snapshot()
    // Not ready: unknown pods are kept, so the per-unit limit decides.
    absent.allSourcesReady = false
    absent.containers.append(Make.container("bare-1", pod: nil, created: -100))
    absent.containers.append(Make.container("bare-2", pod: nil, created: -50))
    var empty = absent
    for i in empty.containers.indices where empty.containers[i].podUid == nil {
      empty.containers[i].podUid = ""
      empty.containers[i].sandboxId = ""
    }
    for mode in GCMode.allCases {
      let a = GCEngine.plan(absent, policy: policy, options: .init(mode: mode, explain: true))
      let e = GCEngine.plan(empty, policy: policy, options: .init(mode: mode, explain: true))
      #expect(a.containerReasons == e.containerReasons)
      #expect(a.containerReasons["bare-1"] == "max-per-pod-container")
      #expect(a.warnings == e.warnings)
    }
  }
}
