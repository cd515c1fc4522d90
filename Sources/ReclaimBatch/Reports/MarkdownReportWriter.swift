import ReclaimIO
import ReclaimManifest

/// `--format markdown`: a summary fit for a pull-request comment or
/// `$GITHUB_STEP_SUMMARY`. It keeps only what it will print: the rows of
/// the `limit` nodes that delete the most (objects, then image bytes, then
/// input order), largest first, the `<details>` blocks of the first
/// `detailsLimit` of them, and says how many more nodes there were; the
/// whole report stays under `byteLimit` (GitHub refuses more than 1 MiB).
public struct MarkdownReportWriter: PlanReportWriter {
  /// A kept row and what orders it.
  struct Row {
    var objects: Int
    var imageBytes: Int64
    var index: Int
    var text: String
    var details: String

    static func precedes(_ a: Row, _ b: Row) -> Bool {
      if a.objects != b.objects { return a.objects > b.objects }
      if a.imageBytes != b.imageBytes { return a.imageBytes > b.imageBytes }
      return a.index < b.index
    }
  }

  /// The default cap: a comment with 100 rows stays far below GitHub's
  /// 1 MiB limit, and a reviewer reads no more.
  public static let defaultLimit = 100
  /// Details blocks are a node's whole table: fewer of them.
  public static let detailsLimit = 20
  public static let byteLimit = 900 * 1024

  private let output: ByteSink
  private let limit: Int
  private var rows: [Row] = []
  private var seen = 0
  private var deleting = 0

  public init(_ output: ByteSink, limit: Int = MarkdownReportWriter.defaultLimit) {
    self.output = output
    self.limit = max(0, limit)
  }

  public var rendering: NodeRendering { .markdownRow }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) {
    let s = planned.tally.summary
    let rendered = String(decoding: planned.rendered, as: UTF8.self)
    let split = rendered.firstIndex(of: "\n").map { rendered.index(after: $0) } ?? rendered.endIndex
    rows.append(
      Row(
        objects: s.containers + s.sandboxes + s.podLogDirs + s.images, imageBytes: s.imageBytes, index: seen,
        text: String(rendered[..<split]), details: String(rendered[split...])))
    seen += 1
    if !s.isEmpty { deleting += 1 }
    // Trimmed in bulk: memory stays at twice the cap, sorting stays rare.
    if rows.count >= 2 * limit + 64 { trim() }
  }

  private mutating func trim() {
    rows.sort(by: Row.precedes)
    if rows.count > limit { rows.removeSubrange(limit...) }
  }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) {
    trim()
    var details = rows.prefix(Self.detailsLimit).map(\.details).filter { !$0.isEmpty }
    func report() -> String {
      TextReport.markdown(
        rows: rows.map(\.text), omitted: seen - rows.count, summary: summary, nodesDeleting: deleting,
        details: details, detailsOmitted: deleting - details.count)
    }
    var text = report()
    while text.utf8.count > Self.byteLimit, !details.isEmpty {
      details.removeLast()
      text = report()
    }
    try output.write(text)
  }
}
