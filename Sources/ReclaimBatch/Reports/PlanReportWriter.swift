import ReclaimIO
import ReclaimManifest

/// One output format of `reclaim plan`, fed as the run goes: every planned
/// node in input order as soon as it and every node before it are planned,
/// then the fleet summary once. A writer keeps only what its format still
/// has to print (the Markdown report: its capped rows), never whole plans.
public protocol PlanReportWriter {
  /// What each worker renders for this writer, so that rendering runs in
  /// parallel and a node's plan can be dropped as soon as it is rendered.
  var rendering: NodeRendering { get }

  /// One planned node, in input order.
  mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure)

  /// The end of a batch of input: what the writer holds goes out, so that
  /// a stream read from a pipe shows its manifests as they are planned.
  mutating func flushBatch() throws(FileSystem.Failure)

  /// Tells the writer that an earlier node turned out to be named again
  /// later in a stream that could not be read ahead (standard input, a
  /// FIFO): a writer that can still withdraw its output does (`--out`
  /// removes the file); the others have already written it.
  mutating func withdraw(node: String) throws(FileSystem.Failure)

  /// The end of the run.
  mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure)
}

extension PlanReportWriter {
  public mutating func flushBatch() throws(FileSystem.Failure) {}

  public mutating func withdraw(node: String) throws(FileSystem.Failure) {}
}

/// What a worker makes of a plan for the writer.
public enum NodeRendering: Sendable, Hashable {
  /// The canonical manifest on one line, with its newline (`--format ndjson`).
  case compactManifest
  /// The canonical indented manifest, with its final newline (`--format
  /// json`, `--out`).
  case indentedManifest
  /// The node's table (`--format text`).
  case text
  /// The node's row of the Markdown table (`--format markdown`), one
  /// line, followed by its `<details>` block when it deletes anything.
  case markdownRow
  /// `reclaim diff --format json`: the node's indented `nodes` element,
  /// nothing when the policies agree on it.
  case diffJSON
  /// `reclaim diff --format text`: the node's lines.
  case diffText
  /// `reclaim diff --format markdown`: the node's `<details>` block.
  case diffMarkdown
}
