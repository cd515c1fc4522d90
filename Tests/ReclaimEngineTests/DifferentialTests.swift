import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// `GCEngine.plan` against `ReferencePlanner.plan`, a plain second reading
/// of docs/reference/semantics.md, on adversarial snapshots: whole plans (kept objects and
/// warnings included) must be equal.
@Suite struct DifferentialTests {
  static let seeds: ClosedRange<UInt64> = 1...420

  /// How often the generated plans reach each rule, so that agreement is
  /// not agreement on nothing.
  struct Coverage {
    var plans = 0
    var counts: [String: Int] = [:]

    mutating func note(_ what: String, _ condition: Bool) {
      if condition { counts[what, default: 0] += 1 }
    }

    subscript(_ what: String) -> Int { counts[what, default: 0] }

    mutating func record(_ plan: Plan, _ snapshot: NodeSnapshot) {
      plans += 1
      let ties = plan.warnings.filter { $0.code == .tieBroken }.map(\.message)
      note("container ties", ties.contains { !$0.hasPrefix("pod ") && !$0.hasPrefix("images ") })
      note("sandbox ties", ties.contains { $0.hasPrefix("pod ") })
      note("image ties", ties.contains { $0.hasPrefix("images ") })
      for reason in ContainerDeletionReason.allCases {
        note("containers \(reason.rawValue)", plan.containers.contains { $0.reason == reason })
      }
      for reason in SandboxDeletionReason.allCases {
        note("sandboxes \(reason.rawValue)", plan.sandboxes.contains { $0.reason == reason })
      }
      for reason in ImageDeletionReason.allCases {
        note("images \(reason.rawValue)", plan.images.contains { $0.reason == reason })
      }
      let kept = plan.kept ?? KeptObjects()
      for reason in ContainerKeptReason.allCases {
        note("kept containers \(reason.rawValue)", kept.containers.contains { $0.reason == reason })
      }
      for reason in SandboxKeptReason.allCases {
        note("kept sandboxes \(reason.rawValue)", kept.sandboxes.contains { $0.reason == reason })
      }
      for reason in ImageKeptReason.allCases {
        note("kept images \(reason.rawValue)", kept.images.contains { $0.reason == reason })
      }
      for code in PlanMessage.Code.allCases {
        note(code.rawValue, (plan.warnings + plan.errors).contains { $0.code == code })
      }
      note("pod log dirs", !plan.podLogDirs.isEmpty)
      note("stopFirst", plan.containers.contains { $0.stopFirst })
      note("containers with \"\" podUid removed", plan.containers.contains { $0.container.podUid == "" })
      note(
        "non-ASCII namespace removed",
        plan.containers.contains { ($0.container.namespace ?? "").utf8.contains { $0 >= 0x80 } })
      let usedImages = Set(snapshot.containers.map { ByteKey($0.imageId) })
      note(
        "disk-pressure image whose users were removed",
        plan.mode == .diskPressure && plan.images.contains { usedImages.contains(ByteKey($0.image.id)) })
      note(
        "step 4 with bytesToFree <= 0",
        (plan.imageFs.bytesToFree ?? 1) <= 0 && plan.images.contains { $0.reason == .diskUsage })
    }
  }

  /// Compares every plan; the failures name seed, policy index and mode.
  static func compare(seeds: ClosedRange<UInt64>, spelling: (UInt64) -> AdversarialGenerator.Spelling) -> (
    failures: [String], coverage: Coverage
  ) {
    var failures: [String] = []
    var coverage = Coverage()
    for seed in seeds {
      var gen = AdversarialGenerator(seed: seed, spelling: spelling(seed))
      let snapshot = gen.snapshot()
      // The same snapshot written and read back: the reader interns its
      // repeated strings, so the engine's fast paths by identity
      // (`StringIdentity`, `StoredString`) meet shared storage there. (It
      // reads a container's `podUid` of `""` as absent, so it is compared
      // with the reference's plan of what was read.)
      let read: NodeSnapshot?
      do {
        read = try SnapshotReader.decode(SnapshotWriter.bytes(snapshot, layout: .compact), source: "seed \(seed)")
      } catch {
        failures.append("seed \(seed): written snapshot does not read back: \(error.diagnostics.first?.message ?? "")")
        read = nil
      }
      for (index, policy) in gen.policies().enumerated() {
        for mode in GCMode.allCases {
          let options = PlanOptions(mode: mode, explain: true)
          let engine = GCEngine.plan(snapshot, policy: policy, options: options)
          let reference = ReferencePlanner.plan(snapshot, policy: policy, options: options)
          if let difference = PlanDifference.first(engine, reference) {
            failures.append("seed \(seed), policy \(index), mode \(mode.rawValue): \(difference)")
          }
          if let read,
            let difference = PlanDifference.first(
              GCEngine.plan(read, policy: policy, options: options),
              ReferencePlanner.plan(read, policy: policy, options: options))
          {
            failures.append("seed \(seed), policy \(index), mode \(mode.rawValue), read back: \(difference)")
          }
          // The consuming entry point moves objects out of a snapshot held
          // once (a fresh one), and copies first from one that is shared
          // (the test's, which must stay as it was): the same plan both ways.
          var again = AdversarialGenerator(seed: seed, spelling: spelling(seed))
          if GCEngine.plan(taking: again.snapshot(), policy: policy, options: options) != engine {
            failures.append("seed \(seed), policy \(index), mode \(mode.rawValue): plan(taking:) of a fresh snapshot differs")
          }
          let before = snapshot
          if GCEngine.plan(taking: snapshot, policy: policy, options: options) != engine || snapshot != before {
            failures.append("seed \(seed), policy \(index), mode \(mode.rawValue): plan(taking:) of a shared snapshot differs or changed it")
          }
          coverage.record(reference, snapshot)
        }
      }
    }
    return (failures, coverage)
  }

  @Test func engineAgreesWithTheReferenceOnAdversarialSnapshots() {
    // One spelling of "café" per snapshot: non-ASCII, but no two distinct
    // strings that Swift would call equal (see the test below for those).
    let (failures, coverage) = Self.compare(seeds: Self.seeds) { $0 % 2 == 0 ? .precomposed : .decomposed }
    // A count, not the list: `#expect` would print every failure in full.
    let differing = failures.count
    #expect(differing == 0, "of \(coverage.plans) plans; first: \(failures.prefix(3).joined(separator: " | "))")
    #expect(coverage.plans >= 400 * 6 * 2)
    // Each rule is reached by a fair share of the plans (observed counts are
    // several times these).
    var minimums: [String: Int] = [
      "container ties": 300, "sandbox ties": 150, "image ties": 20,
      "disk-pressure image whose users were removed": 400, "step 4 with bytesToFree <= 0": 15,
      "containers with \"\" podUid removed": 300, "non-ASCII namespace removed": 500, "pod log dirs": 500,
      "stopFirst": 500,
    ]
    for reason in ContainerDeletionReason.allCases { minimums["containers \(reason.rawValue)"] = 300 }
    for reason in SandboxDeletionReason.allCases { minimums["sandboxes \(reason.rawValue)"] = 200 }
    for reason in ImageDeletionReason.allCases { minimums["images \(reason.rawValue)"] = 60 }
    for reason in ContainerKeptReason.allCases { minimums["kept containers \(reason.rawValue)"] = 500 }
    for reason in SandboxKeptReason.allCases { minimums["kept sandboxes \(reason.rawValue)"] = 300 }
    for reason in ImageKeptReason.allCases { minimums["kept images \(reason.rawValue)"] = 20 }
    for code in PlanMessage.Code.allCases { minimums[code.rawValue] = 30 }
    for (what, minimum) in minimums {
      #expect(coverage[what] >= minimum, "\(what): \(coverage[what]) plans, want ≥ \(minimum)")
    }
  }

  /// "café" precomposed and "cafe\u{301}" decomposed side by side, as
  /// namespaces, pod uids, container names, sandbox and image ids. Go (the
  /// kubelet) compares strings byte for byte, so they are distinct objects;
  /// the reference follows that.
  @Test func canonicallyEquivalentSpellingsAreDistinctObjects() {
    let (failures, coverage) = Self.compare(seeds: 1...150) { _ in .both }
    #expect(coverage.plans == 150 * 6 * 2)
    #expect(failures.isEmpty, "of \(coverage.plans) plans; first: \(failures.prefix(2).joined(separator: " | "))")
  }
}
