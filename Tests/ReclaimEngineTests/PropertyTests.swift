import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// Properties over generated snapshots (seeded, so failures replay).
@Suite struct PropertyTests {
  static let seeds: [UInt64] = Array(1...400)

  /// Plans compared with the echoed arrays inside images put in one order:
  /// the engine's decisions, not the echo, are what permutation must not change.
  static func normalised(_ plan: Plan) -> Plan {
    var p = plan
    func fix(_ image: inout NodeSnapshot.Image) {
      image.repoTags.sort()
      image.repoDigests.sort()
      image.namespaces.sort()
    }
    for i in p.images.indices { fix(&p.images[i].image) }
    if var kept = p.kept {
      for i in kept.images.indices { fix(&kept.images[i].image) }
      p.kept = kept
    }
    return p
  }

  @Test func permutingTheInputNeverChangesThePlan() {
    var failures: [UInt64] = []
    var deleting = 0
    var tied = 0
    for seed in Self.seeds {
      var gen = SnapshotGenerator(seed: seed)
      let snapshot = gen.snapshot()
      let policy = gen.policy(overrides: seed % 2 == 0)
      for mode in GCMode.allCases {
        let options = PlanOptions(mode: mode, explain: true)
        let base = Self.normalised(GCEngine.plan(snapshot, policy: policy, options: options))
        if base.deletesAnything { deleting += 1 }
        if base.warnings.contains(where: { $0.code == .tieBroken }) { tied += 1 }
        for _ in 0..<3 {
          let shuffled = gen.permuted(snapshot)
          if Self.normalised(GCEngine.plan(shuffled, policy: policy, options: options)) != base { failures.append(seed) }
        }
      }
    }
    #expect(failures.isEmpty, "seeds: \(Set(failures).sorted())")
    // The generator must actually exercise decisions and ties.
    #expect(deleting > Self.seeds.count / 2)
    #expect(tied > 10)
  }

  @Test func protectedThingsAreNeverDeleted() {
    for seed in Self.seeds {
      var gen = SnapshotGenerator(seed: seed)
      let snapshot = gen.snapshot()
      let policy = gen.policy(overrides: seed % 3 == 0)
      let globs = policy.imageGC.protect.map(Glob.init)
      for mode in GCMode.allCases {
        let plan = GCEngine.plan(snapshot, policy: policy, options: PlanOptions(mode: mode))
        // In use: every container's image in periodic mode; in disk-pressure
        // mode only those of the containers container GC keeps.
        let removed = Set(plan.containers.map(\.container.id))
        let seen = mode == .periodic ? snapshot.containers : snapshot.containers.filter { !removed.contains($0.id) }
        let inUse = Set(seen.map(\.imageId))
        for entry in plan.containers {
          #expect(entry.container.state != .running, "seed \(seed): running container \(entry.container.id) deleted")
        }
        for entry in plan.images {
          let image = entry.image
          #expect(!inUse.contains(image.id), "seed \(seed): in-use image \(image.id) deleted")
          #expect(!image.pinned, "seed \(seed): pinned image \(image.id) deleted")
          let references = [image.id] + image.repoTags + image.repoDigests
          #expect(
            !globs.contains { g in references.contains { g.matches($0) } },
            "seed \(seed): protected image \(image.id) deleted")
        }
        // Every deleted object exists in the snapshot exactly once.
        #expect(Set(plan.containers.map(\.container.id)).count == plan.containers.count)
        #expect(Set(plan.images.map(\.image.id)).count == plan.images.count)
      }
    }
  }

  @Test func unitsHoldAtMostMaxPerPodContainerWithoutOverrides() {
    var checked = 0
    for seed in Self.seeds {
      var gen = SnapshotGenerator(seed: seed)
      let snapshot = gen.snapshot()
      let policy = gen.policy(overrides: false)
      let limit = policy.containerGC.maxPerPodContainer
      guard limit >= 0 else { continue }
      for mode in GCMode.allCases {
        let plan = GCEngine.plan(snapshot, policy: policy, options: PlanOptions(mode: mode))
        let deleted = Set(plan.containers.map(\.container.id))
        var perUnit: [String: Int] = [:]
        for c in snapshot.containers where !deleted.contains(c.id) && c.state != .running {
          guard c.createdAt.nanoseconds + policy.containerGC.minAge <= snapshot.capturedAt.nanoseconds else { continue }
          perUnit["\(c.podUid ?? "")/\(c.name)", default: 0] += 1
        }
        for (unit, n) in perUnit { #expect(n <= limit, "seed \(seed) \(mode): unit \(unit) keeps \(n) > \(limit)") }
        checked += 1
      }
    }
    #expect(checked > 100)
  }

  @Test func explainAccountsForEveryObjectOnce() {
    for seed in Self.seeds.prefix(150) {
      var gen = SnapshotGenerator(seed: seed)
      let snapshot = gen.snapshot()
      let policy = gen.policy(overrides: true)
      let plan = GCEngine.plan(snapshot, policy: policy, options: PlanOptions(explain: true))
      guard let kept = plan.kept else {
        Issue.record("no kept objects")
        return
      }
      #expect(
        (plan.containers.map(\.container.id) + kept.containers.map(\.container.id)).sorted()
          == snapshot.containers.map(\.id).sorted(), "seed \(seed)")
      #expect(
        (plan.sandboxes.map(\.sandbox.id) + kept.sandboxes.map(\.sandbox.id)).sorted()
          == snapshot.sandboxes.map(\.id).sorted(), "seed \(seed)")
      #expect(
        (plan.images.map(\.image.id) + kept.images.map(\.image.id)).sorted() == snapshot.images.map(\.id).sorted(),
        "seed \(seed)")
    }
  }
}
