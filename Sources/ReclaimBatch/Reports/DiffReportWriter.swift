import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimManifest

/// The output formats of `reclaim diff`, fed like the plan writers (nodes in
/// input order, then the end); each keeps the fleet's `DiffTotals` and only
/// what its format still has to print.
public struct DiffReportWriter: PlanReportWriter {
  /// How `reclaim diff` prints its results.
  public enum Format: String, Sendable, Hashable, CaseIterable {
    case text, json, markdown
  }

  /// The cap on `<details>` blocks in the Markdown report, and the size it
  /// stays under: GitHub refuses comments and step summaries over 1 MiB.
  public static let markdownLimit = 50
  public static let markdownByteLimit = 900 * 1024

  public let format: Format
  public let baseDigest: String
  public let headDigest: String
  public let mode: GCMode
  public private(set) var totals = DiffTotals()
  private let output: BufferedSink
  private var written = 0
  /// Markdown: the kept blocks, with what orders them (most objects first, then input order).
  private var blocks: [(objects: Int, index: Int, text: String)] = []
  private var differing = 0

  public init(_ output: ByteSink, format: Format, baseDigest: String, headDigest: String, mode: GCMode) {
    self.output = BufferedSink(output)
    self.format = format
    self.baseDigest = baseDigest
    self.headDigest = headDigest
    self.mode = mode
  }

  public var rendering: NodeRendering {
    switch format {
    case .text: .diffText
    case .json: .diffJSON
    case .markdown: .diffMarkdown
    }
  }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) {
    let node = planned.diff ?? DiffTotals()
    totals.add(node)
    guard !planned.rendered.isEmpty else { return }
    switch format {
    case .text:
      try output.write(planned.rendered)
    case .json:
      var element = written == 0 ? header() + Array("  \"nodes\": [\n    ".utf8) : Array(",\n    ".utf8)
      let body = planned.rendered.last == 10 ? planned.rendered.dropLast() : planned.rendered[...]
      for byte in body {
        element.append(byte)
        if byte == 10 { element.append(contentsOf: [32, 32, 32, 32]) }
      }
      try output.write(element)
    case .markdown:
      let s = node.all
      let objects =
        s.added.containers + s.added.sandboxes + s.added.podLogDirs + s.added.images + s.removed.containers
        + s.removed.sandboxes + s.removed.podLogDirs + s.removed.images + s.changed.containers + s.changed.sandboxes
        + s.changed.images
      blocks.append((objects, differing, String(decoding: planned.rendered, as: UTF8.self)))
      differing += 1
      if blocks.count >= 2 * Self.markdownLimit + 64 { trim() }
    }
    written += 1
  }

  private mutating func trim() {
    blocks.sort { $0.objects != $1.objects ? $0.objects > $1.objects : $0.index < $1.index }
    if blocks.count > Self.markdownLimit { blocks.removeSubrange(Self.markdownLimit...) }
  }

  public mutating func flushBatch() throws(FileSystem.Failure) { try output.flush() }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) {
    switch format {
    case .text:
      try output.write(DiffReport.totals(totals, base: baseDigest, head: headDigest, mode: mode))
      if summary.failed > 0 { try output.write("\(summary.failed) snapshot(s) rejected\n") }
    case .json:
      var tail = written == 0 ? header() + Array("  \"nodes\": [],\n".utf8) : Array("\n  ],\n".utf8)
      var w = CanonicalJSONWriter(layout: .indented)
      totals.write(to: &w)
      w.finish()
      tail += Array("  \"totals\": ".utf8)
      let body = w.bytes.last == 10 ? w.bytes.dropLast() : w.bytes[...]
      for byte in body {
        tail.append(byte)
        if byte == 10 { tail.append(contentsOf: [32, 32]) }
      }
      tail += Array("\n}\n".utf8)
      try output.write(tail)
    case .markdown:
      trim()
      var shown = blocks.map(\.text)
      var text = DiffReport.markdown(
        details: shown, omitted: differing - shown.count, totals: totals, base: baseDigest, head: headDigest, mode: mode,
        failures: summary.failures)
      while text.utf8.count > Self.markdownByteLimit, !shown.isEmpty {
        shown.removeLast()
        text = DiffReport.markdown(
          details: shown, omitted: differing - shown.count, totals: totals, base: baseDigest, head: headDigest,
          mode: mode, failures: summary.failures)
      }
      try output.write(text)
    }
    try output.flush()
  }

  /// The `PolicyDiff` document's members before `nodes`, in canonical order.
  private func header() -> [UInt8] {
    func string(_ s: String) -> String { JSONValue.string(s).canonicalString(.compact) }
    return Array(
      """
      {
        "apiVersion": "reclaim.dev/v1",
        "baseDigest": \(string(baseDigest)),
        "headDigest": \(string(headDigest)),
        "kind": "PolicyDiff",
        "mode": \(string(mode.rawValue)),

      """.utf8)
  }
}
