import ReclaimIO
import ReclaimManifest

/// `--format json`: one JSON array of the indented manifests, written
/// element by element. Each element is the manifest's own indented text
/// shifted one level in (JSON strings hold no raw newline, so every line
/// break is the layout's), which is byte for byte what writing the whole
/// array at once gives (tested).
public struct JSONArrayReportWriter: PlanReportWriter {
  private let output: BufferedSink
  private var count = 0

  public init(_ output: ByteSink) { self.output = BufferedSink(output) }

  public var rendering: NodeRendering { .indentedManifest }

  public mutating func node(_ planned: PlannedNode) throws(FileSystem.Failure) {
    var element: [UInt8] = count == 0 ? [UInt8(ascii: "[")] : [UInt8(ascii: ",")]
    element.reserveCapacity(planned.rendered.count + planned.rendered.count / 8 + 4)
    element.append(contentsOf: [10, 32, 32])
    // The manifest's final newline is the array's business.
    let body = planned.rendered.last == 10 ? planned.rendered.dropLast() : planned.rendered[...]
    for byte in body {
      element.append(byte)
      if byte == 10 { element.append(contentsOf: [32, 32]) }
    }
    count += 1
    try output.write(element)
  }

  public mutating func flushBatch() throws(FileSystem.Failure) { try output.flush() }

  public mutating func finish(_ summary: FleetSummary) throws(FileSystem.Failure) {
    try output.write(count == 0 ? Array("[]\n".utf8) : Array("\n]\n".utf8))
    try output.flush()
  }
}
