import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import ReclaimManifest
import ReclaimPolicy

/// The expectations of a `PolicyTest` held against a plan of its snapshot:
/// a pure function, so every rule is tested without files.
public enum PolicyTestCheck {
  /// Every expectation of `test` that `plan` (of `snapshot`, planned with
  /// `explain` so that a missing deletion can say why the object was kept)
  /// does not meet. Ids compare by bytes; lists show ids quoted, in the
  /// test's order for what it names and in the manifest's for what was
  /// planned.
  public static func failures(
    of test: PolicyTestDocument, plan: Plan, snapshot: NodeSnapshot
  ) -> [PolicyTestFailure] {
    let objects = Objects(plan: plan, snapshot: snapshot)
    var failures: [PolicyTestFailure] = []
    for kind in PolicyTestDocument.ObjectKind.allCases {
      guard let list = test.deleted[kind] else { continue }
      let planned = objects.deleted(kind)
      let missing = list.ids.filter { id in !planned.contains { $0.id.utf8.elementsEqual(id.utf8) } }
      let unexpected =
        test.partial ? [] : planned.filter { p in !list.ids.contains { $0.utf8.elementsEqual(p.id.utf8) } }
      var parts: [String] = []
      if !missing.isEmpty { parts.append("missing " + show(missing.map { ($0, objects.whyNotDeleted(kind, $0)) })) }
      if !unexpected.isEmpty { parts.append("unexpected " + show(unexpected.map { ($0.id, $0.reason) })) }
      if !parts.isEmpty {
        failures.append(
          PolicyTestFailure(
            expectation: "expect.deleted.\(kind.rawValue)", message: parts.joined(separator: "; "), origin: list.origin))
      }
    }
    for kind in PolicyTestDocument.ObjectKind.allCases {
      guard let list = test.kept[kind] else { continue }
      let planned = objects.deleted(kind)
      var deleted: [(String, String?)] = []
      var absent: [(String, String?)] = []
      for id in list.ids {
        if let entry = planned.first(where: { $0.id.utf8.elementsEqual(id.utf8) }) {
          deleted.append((id, entry.reason))
        } else if !objects.exists(kind, id) {
          absent.append((id, nil))
        }
      }
      var parts: [String] = []
      if !deleted.isEmpty { parts.append("deleted " + show(deleted)) }
      if !absent.isEmpty { parts.append("not in the snapshot " + show(absent)) }
      if !parts.isEmpty {
        failures.append(
          PolicyTestFailure(
            expectation: "expect.kept.\(kind.rawValue)", message: parts.joined(separator: "; "), origin: list.origin))
      }
    }
    let summary = ManifestSummary(plan)
    for count in PolicyTestDocument.SummaryCount.allCases {
      guard let expected = test.summary[count] else { continue }
      let planned: Int64
      switch count {
      case .containers: planned = Int64(summary.containers)
      case .sandboxes: planned = Int64(summary.sandboxes)
      case .podLogDirs: planned = Int64(summary.podLogDirs)
      case .images: planned = Int64(summary.images)
      case .imageBytes: planned = summary.imageBytes
      }
      if planned != expected.value {
        failures.append(
          PolicyTestFailure(
            expectation: "expect.summary.\(count.rawValue)", message: "expected \(expected.value), planned \(planned)",
            origin: expected.origin))
      }
    }
    if let codes = test.warnings, let origin = test.warningsOrigin {
      // The manifest's errors carry codes too (`invalid-capacity`): a code
      // is met wherever the manifest lists it.
      var planned: [String] = []
      for message in plan.warnings + plan.errors where !planned.contains(message.code.rawValue) {
        planned.append(message.code.rawValue)
      }
      let missing = codes.map(\.code).filter { !planned.contains($0) }
      if !missing.isEmpty {
        let shown = planned.isEmpty ? "none" : show(planned.map { ($0, nil) })
        failures.append(
          PolicyTestFailure(
            expectation: "expect.warnings", message: "missing \(show(missing.map { ($0, nil) })); planned \(shown)",
            origin: origin))
      }
    }
    return failures
  }

  /// `["a" (why), "b"]`.
  static func show(_ items: [(String, String?)]) -> String {
    "[" + items.map { id, note in quoted(id) + (note.map { " (\($0))" } ?? "") }.joined(separator: ", ") + "]"
  }

  /// The plan's deletions and what the snapshot holds, by kind and id.
  struct Objects {
    let plan: Plan
    let snapshot: NodeSnapshot

    /// The ids deleted of `kind`, in manifest order, with their reasons.
    func deleted(_ kind: PolicyTestDocument.ObjectKind) -> [(id: String, reason: String)] {
      switch kind {
      case .containers: plan.containers.map { ($0.container.id, $0.reason.rawValue) }
      case .sandboxes: plan.sandboxes.map { ($0.sandbox.id, $0.reason.rawValue) }
      case .podLogDirs: plan.podLogDirs.map { ($0.name, $0.reason.rawValue) }
      case .images: plan.images.map { ($0.image.id, $0.reason.rawValue) }
      }
    }

    func exists(_ kind: PolicyTestDocument.ObjectKind, _ id: String) -> Bool {
      switch kind {
      case .containers: snapshot.containers.contains { $0.id.utf8.elementsEqual(id.utf8) }
      case .sandboxes: snapshot.sandboxes.contains { $0.id.utf8.elementsEqual(id.utf8) }
      case .podLogDirs: snapshot.podLogDirs.contains { $0.utf8.elementsEqual(id.utf8) }
      case .images: snapshot.images.contains { $0.id.utf8.elementsEqual(id.utf8) }
      }
    }

    /// Why an object the test wants deleted was not: not in the snapshot,
    /// or kept and (with `--explain`'s reasons) why.
    func whyNotDeleted(_ kind: PolicyTestDocument.ObjectKind, _ id: String) -> String {
      guard exists(kind, id) else { return "not in the snapshot" }
      let reason: String?
      switch kind {
      case .containers:
        reason = plan.kept?.containers.first { $0.container.id.utf8.elementsEqual(id.utf8) }?.reason.rawValue
      case .sandboxes:
        reason = plan.kept?.sandboxes.first { $0.sandbox.id.utf8.elementsEqual(id.utf8) }?.reason.rawValue
      case .images:
        reason = plan.kept?.images.first { $0.image.id.utf8.elementsEqual(id.utf8) }?.reason.rawValue
      case .podLogDirs:
        reason = nil
      }
      return reason.map { "kept: \($0)" } ?? "kept"
    }
  }
}
