import ReclaimEngine

/// What the fleet summary needs of one plan: counts, per-namespace counts and
/// the shortfall flag — small enough to keep for every node of a fleet when
/// the plans themselves are not kept.
public struct PlanTally: Sendable, Hashable {
  public var node: String
  public var summary: ManifestSummary
  /// Deleted containers, sandboxes and pod log directories by namespace.
  public var byNamespace: [String: FleetSummary.NamespaceCounts]
  public var shortfall: Bool

  public init(_ plan: Plan) {
    node = plan.node
    summary = ManifestSummary(plan)
    shortfall = plan.warnings.contains { $0.code == .imageGCShortfall }
    var counts: [String: FleetSummary.NamespaceCounts] = [:]
    for entry in plan.containers {
      if let ns = entry.container.namespace { counts[ns, default: .init()].containers += 1 }
    }
    for entry in plan.sandboxes { counts[entry.sandbox.namespace, default: .init()].sandboxes += 1 }
    for entry in plan.podLogDirs {
      // NAMESPACE_PODNAME_PODUID: namespaces cannot contain `_`.
      // Searched as bytes: a `Character` search segments graphemes.
      if let end = entry.name.utf8.firstIndex(of: UInt8(ascii: "_")) {
        counts[String(entry.name[..<end]), default: .init()].podLogDirs += 1
      }
    }
    byNamespace = counts
  }

  /// Whether the plan deletes anything (`--detailed-exitcode`).
  public var deletesAnything: Bool { !summary.isEmpty }
}
