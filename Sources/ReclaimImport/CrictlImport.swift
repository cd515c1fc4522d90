import Foundation
import ReclaimCore
import ReclaimIO
import ReclaimInventory

/// `reclaim import crictl`: reads a capture set, maps it to a snapshot and
/// writes the snapshot's canonical JSON, with the command's exit-code rules
/// (docs/capture.md). The executable only maps its flags to a `Request`.
public enum CrictlImport {
  /// The files and facts of one import.
  public struct Request: Sendable, Hashable {
    public var containers: String
    public var pods: String
    public var images: String
    public var statsSummary: String
    public var apiPods: String?
    public var podLogDirs: String?
    public var previous: String?
    /// `-o FILE`; `nil`: standard output.
    public var output: String?
    public var node: String?
    /// `nil`: the moment of the run.
    public var capturedAt: Timestamp?
    public var kubeletStartedAt: Timestamp?

    public init(
      containers: String, pods: String, images: String, statsSummary: String, apiPods: String? = nil,
      podLogDirs: String? = nil, previous: String? = nil, output: String? = nil, node: String? = nil,
      capturedAt: Timestamp? = nil, kubeletStartedAt: Timestamp? = nil
    ) {
      self.containers = containers
      self.pods = pods
      self.images = images
      self.statsSummary = statsSummary
      self.apiPods = apiPods
      self.podLogDirs = podLogDirs
      self.previous = previous
      self.output = output
      self.node = node
      self.capturedAt = capturedAt
      self.kubeletStartedAt = kubeletStartedAt
    }
  }

  /// The largest capture file read, as for one snapshot document.
  public static let fileLimit = 256 << 20

  /// Runs the import: 0 when the snapshot was written, 1 for bad input
  /// (nothing is written), 74 when the output could not be written.
  public static func run(_ request: Request, stdout: ByteSink, console: Console) -> Int32 {
    var problems: [Diagnostic] = []
    func read(_ path: String) -> (file: String, bytes: [UInt8])? {
      do throws(FileSystem.Failure) {
        return (path, try FileSystem.read(path, limit: fileLimit))
      } catch {
        problems.append(Diagnostic(file: path, message: "cannot read: \(error.reason)"))
        return nil
      }
    }
    let containers = read(request.containers)
    let sandboxes = read(request.pods)
    let images = read(request.images)
    let summary = read(request.statsSummary)
    let apiPods = request.apiPods.flatMap(read)
    let podLogDirs = request.podLogDirs.flatMap(read)
    let previousBytes = request.previous.flatMap(read)

    var previous: CrictlImporter.Previous?
    if let previousBytes {
      do throws(DiagnosticError) {
        let snapshot = try SnapshotReader.decode(previousBytes.bytes, source: previousBytes.file)
        previous = CrictlImporter.Previous(file: previousBytes.file, snapshot: snapshot)
      } catch {
        problems += error.diagnostics
      }
    }
    guard let containers, let sandboxes, let images, let summary,
      request.apiPods == nil || apiPods != nil, request.podLogDirs == nil || podLogDirs != nil
    else {
      console.report(problems)
      return 1
    }
    let decoded = CrictlCapture.decode(
      .init(
        containers: containers, sandboxes: sandboxes, images: images, statsSummary: summary, apiPods: apiPods,
        podLogDirs: podLogDirs))
    problems += decoded.diagnostics
    guard let capture = decoded.capture, !problems.contains(where: { $0.severity == .error }) else {
      console.report(problems)
      return 1
    }
    let options = CrictlImporter.Options(
      node: request.node, capturedAt: request.capturedAt ?? now(), kubeletStartedAt: request.kubeletStartedAt)
    let result: CrictlImporter.Result
    switch CrictlImporter.snapshot(from: capture, options: options, previous: previous) {
    case .success(let r): result = r
    case .failure(let error):
      console.report(problems + error.diagnostics)
      return 1
    }
    problems += result.diagnostics
    if capture.apiPods == nil {
      problems.append(
        Diagnostic(
          severity: .note, file: request.containers,
          message: "no --api-pods: every pod is taken as active and allSourcesReady is false, "
            + "so nothing is removed because its pod is gone"))
    }
    // One compact line: a file `plan` reads as `.json`, and equally a line
    // of a stream, so `import … | plan -` and `for …; do import …; done >
    // fleet.ndjson` work as they read.
    let bytes = SnapshotWriter.bytes(result.snapshot, layout: .compact) + [UInt8(ascii: "\n")]
    // The snapshot must be one `reclaim plan` accepts as written: read it
    // back, and refuse to write one it would reject.
    do throws(DiagnosticError) {
      _ = try SnapshotReader.decode(bytes, source: request.output ?? "-")
    } catch {
      console.report(problems)
      console.report(
        error.diagnostics.map {
          var d = $0
          d.message = "the imported snapshot would be rejected: \(d.message)"
          return d
        })
      return 1
    }
    console.report(problems)
    do throws(FileSystem.Failure) {
      if let output = request.output {
        try AtomicFile.write(bytes, to: output)
      } else {
        try stdout.write(bytes)
      }
    } catch {
      console.line("error: \(error)")
      return 74
    }
    return 0
  }

  /// The current time, to the nanosecond the system clock gives.
  static func now() -> Timestamp {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    return Timestamp(nanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
  }
}
