import ReclaimCore
import ReclaimEngine

/// The human renderings of plans: `--format text` (a table per node, then
/// totals) and `--format markdown` (a summary for a pull-request comment).
public enum TextReport {
  /// One node's table: what, why, bytes.
  public static func node(_ plan: Plan) -> String {
    var rows: [(String, String, String, String)] = []
    for e in plan.containers {
      let c = e.container
      let owner = [c.namespace, c.podName].compactMap { $0 }.joined(separator: "/")
      let what = (owner.isEmpty ? "" : owner + "/") + c.name + " " + short(c.id) + (e.stopFirst ? " (stop first)" : "")
      rows.append(("container", what, e.reason.rawValue, "-"))
    }
    for e in plan.sandboxes {
      let s = e.sandbox
      rows.append(("sandbox", "\(s.namespace)/\(s.podName) \(short(s.id))", e.reason.rawValue, "-"))
    }
    for e in plan.podLogDirs { rows.append(("log dir", e.name, e.reason.rawValue, "-")) }
    for e in plan.images {
      let name = e.image.repoTags.first ?? e.image.repoDigests.first ?? short(e.image.id)
      rows.append(("image", name, e.reason.rawValue, bytes(e.image.sizeBytes)))
    }
    var out = "node \(plan.node) (\(plan.mode.rawValue), captured \(plan.capturedAt.rfc3339))\n"
    if rows.isEmpty {
      out += "  nothing to delete\n"
    } else {
      let header = ("WHAT", "NAME", "WHY", "BYTES")
      let all = [header] + rows
      let w0 = all.map(\.0.count).max() ?? 0
      let w1 = all.map(\.1.count).max() ?? 0
      let w2 = all.map(\.2.count).max() ?? 0
      for r in all {
        out += "  " + pad(r.0, w0) + "  " + pad(r.1, w1) + "  " + pad(r.2, w2) + "  " + r.3 + "\n"
      }
    }
    let fs = plan.imageFs
    if let usage = fs.usagePercent {
      var line = "  image fs: \(usage)% used (high \(fs.highThresholdPercent)%, low \(fs.lowThresholdPercent)%)"
      if let toFree = fs.bytesToFree, toFree > 0 || fs.bytesFreed > 0 {
        line += ", to free \(bytes(toFree)), freed \(bytes(fs.bytesFreed))"
      }
      if fs.maxAgeBytes > 0 { line += ", max-age \(bytes(fs.maxAgeBytes))" }
      out += line + "\n"
    }
    for m in plan.errors { out += "  error: \(m.code.rawValue): \(m.message)\n" }
    for m in plan.warnings { out += "  warning: \(m.code.rawValue): \(m.message)\n" }
    return out
  }

  /// The closing totals line(s) of a run.
  public static func totals(_ summary: FleetSummary) -> String {
    let t = summary.totals
    var out =
      "total: \(summary.nodes) node\(summary.nodes == 1 ? "" : "s") planned (\(summary.mode.rawValue)): "
      + "\(t.containers) containers, \(t.sandboxes) sandboxes, \(t.podLogDirs) log dirs, "
      + "\(t.images) images (\(bytes(t.imageBytes)))\n"
    if !summary.nodesWithShortfall.isEmpty {
      out += "image GC shortfall on \(summary.nodesWithShortfall.count) node(s)\n"
    }
    if summary.failed > 0 { out += "\(summary.failed) snapshot(s) rejected\n" }
    return out
  }

  /// A node's row of the Markdown table, with its newline.
  public static func markdownRow(_ plan: Plan) -> String {
    let s = ManifestSummary(plan)
    let codes = Set(plan.warnings.map(\.code.rawValue) + plan.errors.map(\.code.rawValue)).sorted()
    return "| `\(plan.node)` | \(s.containers) | \(s.sandboxes) | \(s.podLogDirs) | \(s.images) | "
      + "\(bytes(s.imageBytes)) | \(codes.joined(separator: ", ")) |\n"
  }

  /// A node's `<details>` block for the Markdown report: its counts in the
  /// summary line, its table (`node`) inside.
  public static func markdownDetails(_ plan: Plan) -> String {
    let s = ManifestSummary(plan)
    var out = "<details><summary><code>\(DiffReport.escape(plan.node))</code>: \(s.containers) containers, "
    out += "\(s.sandboxes) sandboxes, \(s.podLogDirs) log dirs, \(s.images) images (\(bytes(s.imageBytes)))</summary>\n\n```text\n"
    // Kubernetes names and image references hold no backtick, so no line
    // can close the fence.
    out += node(plan)
    return out + "```\n\n</details>\n"
  }

  /// A Markdown summary fit for a pull-request comment or a step summary:
  /// a headline, the given rows (`markdownRow`, largest first) with a line
  /// for the `omitted` nodes not shown and the totals, the per-namespace
  /// totals, the given `details` blocks, and the rejected snapshots.
  public static func markdown(
    rows: [String], omitted: Int, summary: FleetSummary, nodesDeleting: Int? = nil, details: [String] = [],
    detailsOmitted: Int = 0
  ) -> String {
    let t = summary.totals
    var out = "### Reclaim plan (\(summary.mode.rawValue))\n\n"
    out += "Policy `\(summary.policyDigest)`: \(summary.nodes) node(s) planned"
    out += summary.failed > 0 ? ", \(summary.failed) rejected." : "."
    let deleting = nodesDeleting ?? summary.nodes
    if t.isEmpty {
      out += " GC would delete nothing.\n\n"
    } else {
      out += " On \(deleting) of them GC would delete \(t.containers) containers, \(t.sandboxes) sandboxes, "
      out += "\(t.podLogDirs) log dirs and \(t.images) images (\(bytes(t.imageBytes)))"
      out += summary.nodesWithShortfall.isEmpty ? ".\n\n" : "; \(summary.nodesWithShortfall.count) node(s) cannot free enough image space.\n\n"
    }
    out += "| node | containers | sandboxes | log dirs | images | image bytes | warnings |\n"
    out += "| --- | ---: | ---: | ---: | ---: | ---: | --- |\n"
    for row in rows { out += row }
    if omitted > 0 { out += "| \(omitted) more node\(omitted == 1 ? "" : "s") | | | | | | |\n" }
    out += "| **total** | \(t.containers) | \(t.sandboxes) | \(t.podLogDirs) | \(t.images) | \(bytes(t.imageBytes)) | |\n"
    let namespaces = summary.byNamespace.filter { $0.value != FleetSummary.NamespaceCounts() }
      .sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
    if !namespaces.isEmpty {
      out += "\n| namespace | containers | sandboxes | log dirs |\n| --- | ---: | ---: | ---: |\n"
      for (name, c) in namespaces.prefix(100) {
        out += "| `\(DiffReport.escape(name))` | \(c.containers) | \(c.sandboxes) | \(c.podLogDirs) |\n"
      }
      if namespaces.count > 100 { out += "| \(namespaces.count - 100) more namespaces | | | |\n" }
    }
    if !details.isEmpty { out += "\n" + details.joined(separator: "\n") }
    if detailsOmitted > 0 {
      out += "\n\(detailsOmitted) more node\(detailsOmitted == 1 ? "" : "s") with deletions (details not shown).\n"
    }
    if !summary.failures.isEmpty {
      out += "\n**Rejected snapshots**\n\n"
      for f in summary.failures.prefix(100) { out += "- `\(DiffReport.escape(f.source))`: \(DiffReport.escape(f.message))\n" }
      if summary.failures.count > 100 { out += "- \(summary.failures.count - 100) more not shown\n" }
    }
    return out
  }

  /// Exact byte counts with a binary-unit reading: `183500800 (175.0 MiB)`.
  /// Integer arithmetic only, one decimal, truncated.
  public static func bytes(_ n: Int64) -> String {
    let units = ["KiB", "MiB", "GiB", "TiB", "PiB"]
    guard n >= 1024 else { return "\(n) B" }
    var unit = -1
    var scale: Int64 = 1
    while unit + 1 < units.count, n / scale >= 1024 {
      scale *= 1024
      unit += 1
    }
    let tenths = (n % scale) * 10 / scale
    return "\(n) (\(n / scale).\(tenths) \(units[unit]))"
  }

  /// An id as the reports show it: 12 characters, without `sha256:`.
  static func short(_ id: String) -> String {
    let bare = id.hasPrefix("sha256:") ? String(id.dropFirst(7)) : id
    return String(bare.prefix(12))
  }

  static func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : s + String(repeating: " ", count: width - s.count)
  }
}
