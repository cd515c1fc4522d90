import ReclaimIO
import ReclaimManifest

/// `--format markdown`: a summary fit for a pull-request comment. It keeps
/// only the rows it will print: the `limit` nodes that delete the most
/// (objects, then image bytes, then input order), largest first, and says
/// how many more nodes there were.
public struct MarkdownReportWriter: PlanReportWriter {
  /// A kept row and what orders it.
  struct Row {
    var objects: Int
    var imageBytes: Int64
    var index: Int
    var text: String

    static func precedes(_ a: Row, _ b: Row) -> Bool {
      if a.objects != b.objects { return a.objects > b.objects }
      if a.imageBytes != b.imageBytes { return a.imageBytes > b.imageBytes }
      return a.index < b.index
    }
  }

  /// The default cap: a comment with 100 rows stays far below GitHub's
  /// 1 MiB limit, and a reviewer reads no more.
  public static let defaultLimit = 100

  private let output: ByteSink
  private let limit: Int
  private var rows: [Row] = []
  private var seen = 0

  public init(_ output: ByteSink, limit: Int = MarkdownReportWriter.defaultLimit) {
    self.output = output
    self.limit = max(0, limit)
  }

  public var rendering: NodeRendering { .markdownRow }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) {
    let s = planned.tally.summary
    rows.append(
      Row(
        objects: s.containers + s.sandboxes + s.podLogDirs + s.images, imageBytes: s.imageBytes, index: seen,
        text: String(decoding: planned.rendered, as: UTF8.self)))
    seen += 1
    // Trimmed in bulk: memory stays at twice the cap, sorting stays rare.
    if rows.count >= 2 * limit + 64 { trim() }
  }

  private mutating func trim() {
    rows.sort(by: Row.precedes)
    if rows.count > limit { rows.removeSubrange(limit...) }
  }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) {
    trim()
    try output.write(TextReport.markdown(rows: rows.map(\.text), omitted: seen - rows.count, summary: summary))
  }
}
