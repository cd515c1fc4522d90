import ReclaimIO
import ReclaimManifest

/// `--out DIR`: `DIR/<node>.json` per node, written atomically as soon as
/// the node is planned, then `DIR/summary.json`; standard output gets the
/// text totals only.
public struct OutDirectoryWriter: PlanReportWriter {
  private let directory: String
  private let output: ByteSink
  private var created = false

  public init(directory: String, output: ByteSink) {
    self.directory = directory
    self.output = output
  }

  public var rendering: NodeRendering { .indentedManifest }

  /// The manifest file of a node.
  public func path(of node: String) -> String { FileSystem.join(directory, node + ".json") }

  private mutating func create() throws(FileSystem.Failure) {
    if !created { try FileSystem.makeDirectory(directory) }
    created = true
  }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) {
    try create()
    try AtomicFile.write(planned.rendered, to: path(of: planned.tally.node))
  }

  public mutating func withdraw(node: String) throws(FileSystem.Failure) {
    try FileSystem.remove(path(of: node))
  }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) {
    try create()
    try AtomicFile.write(summary.bytes(.indented), to: FileSystem.join(directory, "summary.json"))
    try output.write(TextReport.totals(summary))
  }
}
