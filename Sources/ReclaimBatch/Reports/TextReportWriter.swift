import ReclaimIO
import ReclaimManifest

/// `--format text`: a table per node, then the fleet totals.
public struct TextReportWriter: PlanReportWriter {
  private let output: BufferedSink

  public init(_ output: ByteSink) { self.output = BufferedSink(output) }

  public var rendering: NodeRendering { .text }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) { try output.write(planned.rendered) }

  public mutating func flushBatch() throws(FileSystem.Failure) { try output.flush() }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) {
    try output.write(TextReport.totals(summary))
    try output.flush()
  }
}
