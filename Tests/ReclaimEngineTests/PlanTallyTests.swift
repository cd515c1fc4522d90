import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import ReclaimManifest
import Testing

/// `PlanTally` counts by runs of equal namespaces; these check it against
/// the object-by-object count it replaced, on engine plans and on plans
/// whose lists are in no particular order.
@Suite struct PlanTallyTests {
  /// The former count, kept as the reference: one dictionary update per
  /// object, in list order.
  static func referenceCounts(_ plan: Plan) -> [String: FleetSummary.NamespaceCounts] {
    var counts: [String: FleetSummary.NamespaceCounts] = [:]
    for entry in plan.containers {
      if let ns = entry.container.namespace { counts[ns, default: .init()].containers += 1 }
    }
    for entry in plan.sandboxes { counts[entry.sandbox.namespace, default: .init()].sandboxes += 1 }
    for entry in plan.podLogDirs {
      if let end = entry.name.utf8.firstIndex(of: UInt8(ascii: "_")) {
        counts[String(entry.name[..<end]), default: .init()].podLogDirs += 1
      }
    }
    return counts
  }

  /// The keys as bytes: of two canonically equivalent spellings, the one
  /// met first must stay the key, as before.
  static func keyBytes(_ counts: [String: FleetSummary.NamespaceCounts]) -> Set<[UInt8]> {
    Set(counts.keys.map { Array($0.utf8) })
  }

  @Test func enginePlansCountAsBefore() {
    for seed in UInt64(1)...200 {
      var gen = SnapshotGenerator(seed: seed)
      let snapshot = gen.snapshot()
      let policy = gen.policy(overrides: seed % 2 == 0)
      for mode in GCMode.allCases {
        let plan = GCEngine.plan(snapshot, policy: policy, options: PlanOptions(mode: mode))
        let tally = PlanTally(plan)
        #expect(tally.byNamespace == Self.referenceCounts(plan), "seed \(seed)")
        #expect(tally.summary == ManifestSummary(plan))
      }
    }
  }

  @Test func unorderedListsCountAsBefore() {
    let namespaces: [String?] = ["b", "a", "b", nil, "b", "kube-system", "a", "é", "e\u{301}", nil, "a"]
    let containers = namespaces.enumerated().map { i, ns in
      ContainerEntry(Make.container("c\(i)", pod: ns == nil ? nil : "p\(i)", ns: ns ?? ""), ContainerDeletionReason.podRemoved)
    }
    let sandboxes = namespaces.compactMap { $0 }.enumerated().map { i, ns in
      SandboxEntry(Make.sandbox("s\(i)", pod: "p\(i)", ns: ns), SandboxDeletionReason.podRemoved)
    }
    let logNames = [
      "b_web_u1", "a_web_u2", "a_db_u3", "no-underscore", "b_x_u4", "e\u{301}_x_u5", "é_y_u6", "_leading_u7",
      "a_db_u8", "kube-system_dns_u9", "a-b_c_u10", "a_c_u11",
    ]
    let logs = logNames.map { PodLogDirEntry(name: $0, podUid: String($0.split(separator: "_").last ?? "")) }
    let plan = Plan(
      node: "unit", capturedAt: Make.now, mode: .periodic, containers: containers, sandboxes: sandboxes,
      podLogDirs: logs, images: [],
      imageFs: ImageFsReport(
        capacityBytes: 1000, availableBytes: 1000, usagePercent: 0, highThresholdPercent: 85,
        lowThresholdPercent: 80, bytesToFree: 0, bytesFreed: 0, maxAgeBytes: 0),
      warnings: [], errors: [], kept: nil)
    let tally = PlanTally(plan)
    let reference = Self.referenceCounts(plan)
    #expect(tally.byNamespace == reference)
    #expect(Self.keyBytes(tally.byNamespace) == Self.keyBytes(reference))
    // The empty namespace before a leading `_` is a namespace like any other.
    #expect(tally.byNamespace[""]?.podLogDirs == 1)
    #expect(tally.byNamespace["a"].map { [$0.containers, $0.sandboxes, $0.podLogDirs] } == [3, 3, 4])
  }

  @Test func emptyPlanHasNoNamespaces() {
    let plan = Plan(
      node: "unit", capturedAt: Make.now, mode: .periodic, containers: [], sandboxes: [], podLogDirs: [],
      images: [],
      imageFs: ImageFsReport(
        capacityBytes: 0, availableBytes: 0, usagePercent: nil, highThresholdPercent: 85, lowThresholdPercent: 80,
        bytesToFree: nil, bytesFreed: 0, maxAgeBytes: 0),
      warnings: [], errors: [], kept: nil)
    #expect(PlanTally(plan).byNamespace.isEmpty)
    #expect(!PlanTally(plan).deletesAnything)
  }
}
