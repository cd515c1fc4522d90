import ReclaimIO
import ReclaimManifest

/// `--format ndjson`: one canonical manifest per line, in input order.
public struct NDJSONReportWriter: PlanReportWriter {
  private let output: BufferedSink

  public init(_ output: ByteSink) { self.output = BufferedSink(output) }

  public var rendering: NodeRendering { .compactManifest }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) {
    try output.write(planned.rendered)
  }

  public mutating func flushBatch() throws(FileSystem.Failure) { try output.flush() }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) { try output.flush() }
}
