import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// The human renderings of `reclaim diff`: `--format text` (per node, the
/// deletions that appear, disappear or change reason, then totals) and
/// `--format markdown` (a pull-request comment: headline, totals,
/// namespaces, per-node `<details>`).
public enum DiffReport {
  /// One line per differing deletion: `+` only the head plans it, `-` only
  /// the base, `~` both, for another reason (`base → head`).
  public static func node(_ diff: PlanDiff) -> String {
    var rows: [(String, String, String, String, String)] = []
    func add(_ sign: String, _ rows: inout [(String, String, String, String, String)], _ d: PlanDiff.Deletions) {
      for e in d.containers { rows.append((sign, "container", containerName(e.container), e.reason.rawValue, "-")) }
      for e in d.sandboxes { rows.append((sign, "sandbox", sandboxName(e.sandbox), e.reason.rawValue, "-")) }
      for e in d.podLogDirs { rows.append((sign, "log dir", e.name, e.reason.rawValue, "-")) }
      for e in d.images { rows.append((sign, "image", imageName(e.image), e.reason.rawValue, TextReport.bytes(e.image.sizeBytes))) }
    }
    add("+", &rows, diff.added)
    add("-", &rows, diff.removed)
    for c in diff.changed.containers {
      rows.append(("~", "container", containerName(c.entry.container), "\(c.baseReason.rawValue) → \(c.entry.reason.rawValue)", "-"))
    }
    for s in diff.changed.sandboxes {
      rows.append(("~", "sandbox", sandboxName(s.entry.sandbox), "\(s.baseReason.rawValue) → \(s.entry.reason.rawValue)", "-"))
    }
    for i in diff.changed.images {
      rows.append(
        ("~", "image", imageName(i.entry.image), "\(i.baseReason.rawValue) → \(i.entry.reason.rawValue)",
          TextReport.bytes(i.entry.image.sizeBytes)))
    }
    var out = "node \(diff.node): \(signs(DiffTotals(diff).all))\n"
    let w1 = rows.map(\.1.count).max() ?? 0, w2 = rows.map(\.2.count).max() ?? 0, w3 = rows.map(\.3.count).max() ?? 0
    for r in rows {
      out += "  \(r.0) " + TextReport.pad(r.1, w1) + "  " + TextReport.pad(r.2, w2) + "  " + TextReport.pad(r.3, w3) + "  " + r.4
      while out.last == " " { out.removeLast() }
      out += "\n"
    }
    return out
  }

  /// `+3 -1 ~2 objects, +1.2 GiB image bytes`-style counts of one side set.
  static func signs(_ s: DiffTotals.Sides) -> String {
    let added = s.added.containers + s.added.sandboxes + s.added.podLogDirs + s.added.images
    let removed = s.removed.containers + s.removed.sandboxes + s.removed.podLogDirs + s.removed.images
    let changed = s.changed.containers + s.changed.sandboxes + s.changed.images
    var out = "+\(added) -\(removed) ~\(changed)"
    if s.added.imageBytes != 0 || s.removed.imageBytes != 0 {
      out += " (image bytes +\(TextReport.bytes(s.added.imageBytes)) -\(TextReport.bytes(s.removed.imageBytes)))"
    }
    return out
  }

  /// The closing lines of `--format text`.
  public static func totals(_ t: DiffTotals, base: String, head: String, mode: GCMode) -> String {
    var out = "diff \(base) → \(head) (\(mode.rawValue)): "
    if t.isEmpty {
      return out + "no difference on \(t.nodes) node\(t.nodes == 1 ? "" : "s")\n"
    }
    out += "\(t.nodesChanged) of \(t.nodes) node\(t.nodes == 1 ? "" : "s") differ\n"
    out += "  added:   \(counts(t.all.added))\n"
    out += "  removed: \(counts(t.all.removed))\n"
    out += "  changed: \(counts(t.all.changed, logDirs: false))\n"
    if !t.namespaces.isEmpty {
      out += "  by namespace (containers, sandboxes, log dirs; + added, - removed, ~ changed):\n"
      let rows = t.sortedNamespaces
      let width = rows.map(\.name.count).max() ?? 0
      for (name, s) in rows {
        out += "    " + TextReport.pad(name, width) + "  " + "+\(objects(s.added)) -\(objects(s.removed)) ~\(objects(s.changed))\n"
      }
    }
    return out
  }

  /// The headline: what grows, what shrinks.
  public static func headline(_ t: DiffTotals) -> String {
    if t.isEmpty { return "The head policy plans exactly what the base plans on all \(t.nodes) node(s)." }
    let a = t.all.added, r = t.all.removed
    var parts: [String] = []
    let addedObjects = a.containers + a.sandboxes + a.podLogDirs + a.images
    let removedObjects = r.containers + r.sandboxes + r.podLogDirs + r.images
    if addedObjects > 0 { parts.append("deletes \(addedObjects) more object(s) (\(TextReport.bytes(a.imageBytes)) of images)") }
    if removedObjects > 0 { parts.append("keeps \(removedObjects) object(s) the base deletes (\(TextReport.bytes(r.imageBytes)) of images)") }
    let changed = t.all.changed.containers + t.all.changed.sandboxes + t.all.changed.images
    if changed > 0 { parts.append("gives \(changed) deletion(s) another reason") }
    return "On \(t.nodesChanged) of \(t.nodes) node(s) the head policy " + parts.joined(separator: ", ") + "."
  }

  /// A node's `<details>` block for `--format markdown`.
  public static func markdownDetails(_ diff: PlanDiff) -> String {
    var out = "<details><summary><code>\(escape(diff.node))</code>: \(escape(signs(DiffTotals(diff).all)))</summary>\n\n```diff\n"
    for line in node(diff).split(separator: "\n").dropFirst() {
      // `diff` highlighting keys on the first column.
      var text = String(line.dropFirst(2))
      if text.hasPrefix("~") { text = "!" + text.dropFirst() }
      // Kubernetes names and image references hold no backtick, so no line
      // can close the fence.
      out += text + "\n"
    }
    return out + "```\n\n</details>\n"
  }

  /// `--format markdown`: headline, totals table, namespaces table, then
  /// the given per-node blocks (largest first) and a line for the
  /// `omitted` nodes.
  public static func markdown(
    details: [String], omitted: Int, totals t: DiffTotals, base: String, head: String, mode: GCMode, failures: [FleetSummary.Failure]
  ) -> String {
    var out = "### Reclaim diff (\(mode.rawValue))\n\n"
    out += "Base `\(base)` → head `\(head)`. \(headline(t))\n\n"
    out += "| | containers | sandboxes | log dirs | images | image bytes |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
    for (label, s) in [("added", t.all.added), ("removed", t.all.removed), ("changed reason", t.all.changed)] {
      out += "| \(label) | \(s.containers) | \(s.sandboxes) | \(s.podLogDirs) | \(s.images) | \(TextReport.bytes(s.imageBytes)) |\n"
    }
    if !t.namespaces.isEmpty {
      out += "\n| namespace | added | removed | changed |\n| --- | ---: | ---: | ---: |\n"
      for (name, s) in t.sortedNamespaces {
        out += "| `\(escape(name))` | \(objects(s.added)) | \(objects(s.removed)) | \(objects(s.changed)) |\n"
      }
      out += "\nPer namespace: containers, sandboxes and log directories (images belong to no namespace).\n"
    }
    if !details.isEmpty { out += "\n" + details.joined(separator: "\n") }
    if omitted > 0 { out += "\n\(omitted) more node\(omitted == 1 ? "" : "s") differ (not shown).\n" }
    if !failures.isEmpty {
      out += "\n**Rejected snapshots**\n\n"
      for f in failures.prefix(100) { out += "- `\(escape(f.source))`: \(escape(f.message))\n" }
      if failures.count > 100 { out += "- \(failures.count - 100) more not shown\n" }
    }
    return out
  }

  static func counts(_ s: ManifestSummary, logDirs: Bool = true) -> String {
    "\(s.containers) containers, \(s.sandboxes) sandboxes, " + (logDirs ? "\(s.podLogDirs) log dirs, " : "")
      + "\(s.images) images (\(TextReport.bytes(s.imageBytes)))"
  }

  static func objects(_ s: ManifestSummary) -> Int { s.containers + s.sandboxes + s.podLogDirs + s.images }

  static func containerName(_ c: NodeSnapshot.Container) -> String {
    let owner = [c.namespace, c.podName].compactMap { $0 }.joined(separator: "/")
    return (owner.isEmpty ? "" : owner + "/") + c.name + " " + TextReport.short(c.id)
  }

  static func sandboxName(_ s: NodeSnapshot.Sandbox) -> String { "\(s.namespace)/\(s.podName) \(TextReport.short(s.id))" }

  static func imageName(_ i: NodeSnapshot.Image) -> String {
    i.repoTags.first ?? i.repoDigests.first ?? TextReport.short(i.id)
  }

  /// Markdown/HTML-safe text for table cells and summaries.
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "|": out += "\\|"
      case "`": out += "'"
      case "\n", "\r": out += " "
      default: out.append(ch)
      }
    }
    return out
  }
}

