import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// Image GC rules of docs/reference/semantics.md that the ported kubelet tables do not reach.
@Suite struct ImageRuleTests {
  /// 90% usage on 1000 bytes with low 80: bytesToFree = 200 - 100 = 100.
  static func busy(
    _ images: [NodeSnapshot.Image], containers: [NodeSnapshot.Container] = [], started: Timestamp? = Make.at(-864_000)
  ) -> NodeSnapshot {
    Make.snapshot(started: started, capacity: 1000, available: 100, containers: containers, images: images)
  }

  @Test func mostProtectiveMergeOfNamespaces() {
    let overrides = [
      NamespaceOverride(name: "a", namespaces: ["a"], imageGC: .init(minAge: 10 * Make.minute, maxAge: Make.hour)),
      NamespaceOverride(name: "b", namespaces: ["b"], imageGC: .init(minAge: Make.hour, maxAge: 0)),
      NamespaceOverride(name: "c", namespaces: ["c"], imageGC: .init(maxAge: 3 * Make.hour)),
    ]
    let policy = Make.policy(high: 100, low: 80, imageMaxAge: 2 * Make.hour, overrides: overrides)
    let images = [
      // a and b: b turns maxAge off.
      Make.image("ab", used: -5 * 3600, namespaces: ["a", "b"]),
      // a and c: the larger maxAge (3h) wins, so 2h30 of age is kept...
      Make.image("ac-kept", used: -9000, namespaces: ["a", "c"]),
      // ...and 3h01 is not.
      Make.image("ac-old", used: -10_860, namespaces: ["c", "a"]),
      // only a: 1h30 > 1h.
      Make.image("a-old", used: -5400, namespaces: ["a"]),
      // no namespace: the global 2h.
      Make.image("global", used: -5400),
    ]
    let plan = GCEngine.plan(Make.snapshot(images: images), policy: policy, options: .init())
    #expect(plan.images.map(\.image.id) == ["ac-old", "a-old"])
    #expect(plan.images.allSatisfy { $0.reason == .maxAge })
  }

  @Test func namespacesComeFromContainersToo() {
    let overrides = [NamespaceOverride(name: "b", namespaces: ["b"], imageGC: .init(minAge: Make.hour))]
    let policy = Make.policy(high: 50, low: 40, imageMinAge: 0, overrides: overrides)
    // The dead container in b makes the image in use anyway; its sibling
    // image is only recorded for b through `namespaces`.
    let images = [Make.image("by-field", detected: -600, namespaces: ["b"]), Make.image("free", detected: -600)]
    let plan = GCEngine.plan(Self.busy(images), policy: policy, options: .init(explain: true))
    #expect(plan.images.map(\.image.id) == ["free"])
    #expect(plan.kept?.images.map { "\($0.image.id):\($0.reason.rawValue)" } == ["by-field:younger-than-min-age"])
  }

  @Test func maxAgeStartGuard() {
    let policy = Make.policy(high: 100, imageMaxAge: Make.hour)
    let images = [Make.image("never-used", used: nil), Make.image("old", used: -7200)]
    let justInside = Make.snapshot(started: Make.at(-3600), images: images)
    #expect(GCEngine.plan(justInside, policy: policy, options: .init()).images.isEmpty)
    var past = Make.snapshot(started: Make.at(-3600), images: images)
    past.kubeletStartedAt?.nanoseconds -= 1
    let plan = GCEngine.plan(past, policy: policy, options: .init())
    // The zero time is always older than maxAge and sorts first.
    #expect(plan.images.map(\.image.id) == ["never-used", "old"])
    #expect(plan.imageFs.maxAgeBytes == 200)
    #expect(plan.imageFs.bytesFreed == 0)
    #expect(!plan.warningCodes.contains("kubelet-start-unknown"))
  }

  @Test func kubeletStartUnknownOnlyWhenMaxAgeMattered() {
    let images = [Make.image("x", used: -7200)]
    let on = GCEngine.plan(Make.snapshot(started: nil, images: images), policy: Make.policy(high: 100, imageMaxAge: Make.hour), options: .init())
    #expect(on.warningCodes == ["kubelet-start-unknown"])
    #expect(on.images.map(\.reason) == [.maxAge])
    let off = GCEngine.plan(Make.snapshot(started: nil, images: images), policy: Make.policy(), options: .init())
    #expect(off.warnings.isEmpty)
    let pressure = GCEngine.plan(
      Make.snapshot(started: nil, images: images), policy: Make.policy(imageMaxAge: Make.hour), options: .init(mode: .diskPressure))
    #expect(pressure.warnings.isEmpty)
    #expect(pressure.images.map(\.reason) == [.diskPressure])
    // A pinned image is no candidate, so the guard did not matter.
    let pinned = GCEngine.plan(
      Make.snapshot(started: nil, images: [Make.image("p", pinned: true, used: -7200)]),
      policy: Make.policy(high: 100, imageMaxAge: Make.hour), options: .init())
    #expect(pinned.warnings.isEmpty)
  }

  @Test func shortfallAndEnoughFreed() {
    let images = [Make.image("a", size: 60, used: -300), Make.image("b", size: 60, used: -200), Make.image("c", size: 60, used: -100)]
    let plan = GCEngine.plan(Self.busy(images), policy: Make.policy(high: 90, low: 80), options: .init(explain: true))
    #expect(plan.imageFs.bytesToFree == 100)
    #expect(plan.images.map(\.image.id) == ["a", "b"])
    #expect(plan.imageFs.bytesFreed == 120)
    #expect(plan.kept?.images.map(\.reason) == [.enoughFreed])
    #expect(plan.warnings.isEmpty)

    let small = [Make.image("a", size: 30, used: -300)]
    let short = GCEngine.plan(Self.busy(small), policy: Make.policy(high: 90, low: 80), options: .init())
    #expect(short.warnings.map(\.message) == ["wanted to free 100 bytes, but freed 30 bytes"])
  }

  @Test func atLeastOneImageWhenBytesToFreeIsNotPositive() {
    // capacity 1001, available 210: usage 100 - 20 = 80 ≥ 80 and
    // bytesToFree = 1001 * 21 / 100 - 210 = 0 by truncation.
    let snapshot = Make.snapshot(
      capacity: 1001, available: 210, images: [Make.image("a", size: 5, used: -10), Make.image("b", size: 5, used: -5)])
    let plan = GCEngine.plan(snapshot, policy: Make.policy(high: 80, low: 79), options: .init())
    #expect(plan.imageFs.usagePercent == 80)
    #expect(plan.imageFs.bytesToFree == 0)
    #expect(plan.images.map(\.image.id) == ["a"])
    #expect(plan.warnings.isEmpty)
  }

  @Test func usageArithmeticDoesNotOverflow() {
    let snapshot = Make.snapshot(
      capacity: 9_000_000_000_000_000_000, available: 900_000_000_000_000_000, images: [Make.image("a", used: -1)])
    let plan = GCEngine.plan(snapshot, policy: Make.policy(high: 85, low: 80), options: .init())
    #expect(plan.imageFs.usagePercent == 90)
    #expect(plan.imageFs.bytesToFree == 900_000_000_000_000_000)
    let full = Make.snapshot(capacity: .max, available: .max / 2)
    #expect(GCEngine.plan(full, policy: Make.policy(), options: .init()).imageFs.usagePercent == 51)
  }

  @Test func availableAboveCapacityIsClampedAndWarnedInEveryMode() {
    for mode in GCMode.allCases {
      let snapshot = Make.snapshot(capacity: 1000, available: 5000, images: [Make.image("a", used: -100)])
      let plan = GCEngine.plan(snapshot, policy: Make.policy(high: 0, low: 0), options: .init(mode: mode))
      #expect(plan.warningCodes.contains("available-exceeds-capacity"))
      #expect(plan.imageFs.availableBytes == 5000)
      #expect(plan.imageFs.usagePercent == 0)
    }
    // Off as well: high 100 and maxAge 0.
    let off = GCEngine.plan(Make.snapshot(capacity: 10, available: 11), policy: Make.policy(high: 100), options: .init())
    #expect(off.warningCodes == ["available-exceeds-capacity"])
  }

  @Test func invalidCapacityStopsImageGCOnly() {
    let pods = [NodeSnapshot.Pod(uid: "p1", state: .deleted)]
    var snapshot = Make.snapshot(
      capacity: 0, available: 0, pods: pods, containers: [Make.container("dead")],
      images: [Make.image("old", used: -7200), Make.image("fresh", used: -10)])
    snapshot.kubeletStartedAt = Make.at(-86400)
    let plan = GCEngine.plan(snapshot, policy: Make.policy(imageMaxAge: Make.hour), options: .init(explain: true))
    #expect(plan.errors.map(\.code) == [.invalidCapacity])
    #expect(plan.containerReasons == ["dead": "pod-removed"])
    // The max-age pass runs before the stats are read.
    #expect(plan.images.map(\.image.id) == ["old"])
    #expect(plan.imageFs.usagePercent == nil)
    #expect(plan.imageFs.bytesToFree == nil)
    #expect(plan.kept?.images.map { "\($0.image.id):\($0.reason.rawValue)" } == ["fresh:below-threshold"])
    let pressure = GCEngine.plan(snapshot, policy: Make.policy(), options: .init(mode: .diskPressure))
    #expect(pressure.errors.isEmpty)
    #expect(pressure.images.count == 2)
  }

  @Test func periodicImageGCIsOffAtHigh100AndMaxAge0() {
    let snapshot = Make.snapshot(capacity: 1000, available: 0, images: [Make.image("a", used: -100)])
    let off = GCEngine.plan(snapshot, policy: Make.policy(high: 100, low: 80), options: .init(explain: true))
    #expect(off.images.isEmpty)
    #expect(off.imageFs.usagePercent == 100)
    #expect(off.imageFs.bytesToFree == 0)
    #expect(off.kept?.images.map(\.reason) == [.belowThreshold])
    // maxAge > 0 starts image GC: at 100% usage ≥ 100 the usage pass runs too.
    let on = GCEngine.plan(snapshot, policy: Make.policy(high: 100, low: 80, imageMaxAge: Make.hour), options: .init())
    #expect(on.images.map(\.reason) == [.diskUsage])
    let pressure = GCEngine.plan(snapshot, policy: Make.policy(high: 100, low: 80), options: .init(mode: .diskPressure))
    #expect(pressure.images.map(\.reason) == [.diskPressure])
    #expect(pressure.imageFs.bytesToFree == nil)
  }

  @Test func imageTieIsWarnedOnlyWhenAnotherOrderCouldStopElsewhere() {
    // a and b tie on (lastUsed, firstDetected); a goes first by id.
    let tied = [Make.image("a", size: 100, used: -100), Make.image("b", size: 300, used: -100)]
    let plan = GCEngine.plan(Self.busy(tied), policy: Make.policy(high: 90, low: 80), options: .init())
    #expect(plan.images.map(\.image.id) == ["a"])
    #expect(plan.warningCodes == ["tie-broken"])
    // Needing 500 bytes: both go whatever the order, and fall short.
    let needMore = Make.snapshot(capacity: 1000, available: 0, images: tied)
    let all = GCEngine.plan(needMore, policy: Make.policy(high: 90, low: 50), options: .init())
    #expect(all.images.map(\.image.id) == ["a", "b"])
    #expect(all.warningCodes == ["image-gc-shortfall"])
    // Different firstDetected: no tie at all.
    let untied = [Make.image("a", size: 100, detected: -500, used: -100), Make.image("b", size: 300, detected: -400, used: -100)]
    #expect(GCEngine.plan(Self.busy(untied), policy: Make.policy(high: 90, low: 80), options: .init()).warnings.isEmpty)
  }

  @Test func protectGlobsMatchIdTagsAndDigests() {
    var digestOnly = Make.image("d", used: -100)
    digestOnly.repoDigests = ["registry.k8s.io/pause@sha256:abc"]
    let images = [
      Make.image("sha256:keep-me", used: -100), Make.image("t", tags: ["docker.io/x:1", "registry.k8s.io/pause:3.9"], used: -100),
      digestOnly, Make.image("gone", tags: ["docker.io/y:1"], used: -100),
    ]
    let policy = Make.policy(high: 0, low: 0, protect: ["registry.k8s.io/pause*", "sha256:keep-*"])
    let plan = GCEngine.plan(Make.snapshot(images: images), policy: policy, options: .init(mode: .diskPressure, explain: true))
    #expect(plan.images.map(\.image.id) == ["gone"])
    #expect(plan.kept?.images.map(\.reason) == [.protected, .protected, .protected])
  }

  @Test func explainImageReasonsInPrecedenceOrder() {
    let images = [
      Make.image("in-use-and-protected", tags: ["keep:1"], used: -100),
      Make.image("pinned", pinned: true, used: -100),
      Make.image("future", used: 10),
      Make.image("young", detected: -10, used: -100),
      Make.image("old", used: -100),
    ]
    let containers = [Make.container("c", state: .running, image: "in-use-and-protected")]
    let snapshot = Make.snapshot(capacity: 1000, available: 1000, containers: containers, images: images)
    let plan = GCEngine.plan(snapshot, policy: Make.policy(imageMinAge: Make.minute, protect: ["keep:*"]), options: .init(explain: true))
    let reasons = Dictionary(uniqueKeysWithValues: (plan.kept?.images ?? []).map { ($0.image.id, $0.reason) })
    #expect(
      reasons == [
        "in-use-and-protected": .inUse, "pinned": .pinned, "future": .usedAtCapture, "young": .youngerThanMinAge,
        "old": .belowThreshold,
      ])
    // Kept images come in eviction order: lastUsed, then firstDetected, then id.
    #expect(plan.kept?.images.map(\.image.id) == ["old", "pinned", "young", "in-use-and-protected", "future"])
    #expect(plan.kept?.images.first { $0.image.id == "in-use-and-protected" }?.lastUsed == Make.now)
  }

  @Test func firstDetectedDefaults() {
    let image = Make.image("a", detected: nil, used: -100)
    let withStart = GCEngine.plan(Make.snapshot(started: Make.at(-50), images: [image]), policy: Make.policy(), options: .init(explain: true))
    #expect(withStart.kept?.images.first?.firstDetected == Make.at(-50))
    let without = GCEngine.plan(Make.snapshot(started: nil, images: [image]), policy: Make.policy(), options: .init(explain: true))
    #expect(without.kept?.images.first?.firstDetected == Make.now)
  }

  @Test func extremeTimesSaturate() {
    var snapshot = Make.snapshot(started: Timestamp(nanoseconds: .min), images: [Make.image("a", detected: nil, used: nil)])
    snapshot.capturedAt = Timestamp(nanoseconds: .max)
    let plan = GCEngine.plan(snapshot, policy: Make.policy(high: 100, imageMaxAge: Make.hour), options: .init())
    #expect(plan.images.map(\.reason) == [.maxAge])
    var early = Make.snapshot(started: Timestamp(nanoseconds: .max), images: [Make.image("a", detected: nil, used: nil)])
    early.capturedAt = Timestamp(nanoseconds: .min)
    early.containers = [Make.container("c", pod: nil, created: 0)]
    let none = GCEngine.plan(early, policy: Make.policy(minAge: .max, high: 100, imageMaxAge: Make.hour), options: .init())
    #expect(none.images.isEmpty)
    #expect(none.containers.isEmpty)
  }
}
