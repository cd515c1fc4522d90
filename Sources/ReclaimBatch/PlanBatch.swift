import Foundation
import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import ReclaimManifest
import ReclaimPolicy
import Synchronization

/// How `reclaim plan` prints its results.
public enum PlanFormat: String, Sendable, Hashable, CaseIterable {
  case text, ndjson, json, markdown
}

/// Everything `reclaim plan` was asked to do, policy already loaded.
public struct PlanRequest: Sendable {
  public var policy: CompiledPolicy
  public var snapshots: [String]
  public var options: PlanOptions
  public var format: PlanFormat
  public var jobs: Int
  public var shard: Shard?
  public var outDirectory: String?
  public var detailedExitCode: Bool
  /// `nil`: on when stderr is a terminal and there is more than one snapshot.
  public var progress: Bool?

  public init(
    policy: CompiledPolicy, snapshots: [String], options: PlanOptions = .init(), format: PlanFormat = .text,
    jobs: Int = 1, shard: Shard? = nil, outDirectory: String? = nil, detailedExitCode: Bool = false,
    progress: Bool? = nil
  ) {
    self.policy = policy
    self.snapshots = snapshots
    self.options = options
    self.format = format
    self.jobs = jobs
    self.shard = shard
    self.outDirectory = outDirectory
    self.detailedExitCode = detailedExitCode
    self.progress = progress
  }
}

/// One planned node: its tally always, the plan only when the output format
/// needs whole plans (text, json, markdown), the manifest text when the format
/// writes one per node (ndjson, `--out`).
public struct PlannedNode: Sendable {
  public var tally: PlanTally
  public var plan: Plan?
  public var rendered: [UInt8]
}

/// What happened to one snapshot document.
public enum PlanOutcome: Sendable {
  case planned(PlannedNode)
  /// Every problem found in it, in the reader's order.
  case rejected([Diagnostic])
  /// Another shard's node.
  case skipped
}

/// The batch runner: decode, plan and render every snapshot on `jobs`
/// workers, then report in input order.
public enum PlanBatch {
  /// Exit codes of cli.md.
  public enum ExitStatus {
    public static let success: Int32 = 0
    public static let badInput: Int32 = 1
    public static let deletions: Int32 = 2
    public static let usage: Int32 = 64
    public static let cannotWrite: Int32 = 74
  }

  /// Decodes, plans and renders every snapshot. Duplicate node names in the
  /// batch reject every occurrence.
  public static func plan(_ request: PlanRequest) -> (outcomes: [PlanOutcome], summary: FleetSummary) {
    let digest = request.policy.digest
    let (files, missing) = SnapshotInput.files(paths: request.snapshots)
    let layout: CanonicalJSONWriter.Layout? =
      request.outDirectory != nil ? .indented : (request.format == .ndjson ? .compact : nil)
    let several = files.count > 1 || files.contains(where: \.isStream)
    let showProgress = request.progress ?? (isatty(2) != 0 && several)
    let progress = showProgress ? ProgressLine(totalBytes: files.reduce(0) { $0 + FileSystem.size($1.path) }) : nil
    var outcomes: [PlanOutcome] = []
    var places: [(source: String, line: Int?)] = []
    let unreadable = SnapshotInput.read(files) { batch in
      outcomes += ParallelMap.map(count: batch.count, jobs: request.jobs) { i -> PlanOutcome in
        let input = batch[i]
        defer { progress?.step(bytes: input.range.count) }
        return planOne(input, request: request, digest: digest, layout: layout)
      }
      places += batch.map { ($0.source, $0.line) }
    }
    progress?.finish()
    rejectDuplicateNodes(&outcomes, places: places)
    var summary = FleetSummary(policyDigest: digest, mode: request.options.mode)
    for problem in missing + unreadable { summary.addFailure([problem]) }
    for outcome in outcomes {
      switch outcome {
      case .planned(let node): summary.add(node.tally)
      case .rejected(let diagnostics): summary.addFailure(diagnostics)
      case .skipped: break
      }
    }
    return (outcomes, summary)
  }

  /// Decode, shard filter, plan and render of one document.
  static func planOne(
    _ input: SnapshotInput, request: PlanRequest, digest: String, layout: CanonicalJSONWriter.Layout?
  ) -> PlanOutcome {
    let decoded = input.content.withBytes { b -> Result<NodeSnapshot, DiagnosticError> in
      do throws(DiagnosticError) {
        return .success(
          try SnapshotReader.decode(UnsafeBufferPointer(rebasing: b[input.range]), source: input.source, line: input.line))
      } catch {
        return .failure(error)
      }
    }
    let snapshot: NodeSnapshot
    switch decoded {
    case .success(let s): snapshot = s
    case .failure(let error):
      return .rejected(
        error.diagnostics.isEmpty
          ? [Diagnostic(file: input.source, line: input.line, message: "invalid snapshot")] : error.diagnostics)
    }
    if let shard = request.shard, !shard.contains(node: snapshot.node) { return .skipped }
    let plan = GCEngine.plan(snapshot, policy: request.policy, options: request.options)
    var rendered: [UInt8] = []
    if let layout {
      rendered = DeletionManifest(plan: plan, policyDigest: digest).bytes(layout)
      if layout == .compact { rendered.append(10) }
    }
    // Plans are dropped here when nothing later reads them, so that a fleet
    // run holds only tallies and manifest text.
    let keepPlan = request.outDirectory == nil && request.format != .ndjson
    return .planned(PlannedNode(tally: PlanTally(plan), plan: keepPlan ? plan : nil, rendered: rendered))
  }

  /// The same node twice in one batch is an error for both: neither manifest
  /// could be trusted to be the node's state.
  static func rejectDuplicateNodes(_ outcomes: inout [PlanOutcome], places: [(source: String, line: Int?)]) {
    var seen: [String: [Int]] = [:]
    for (i, outcome) in outcomes.enumerated() {
      if case .planned(let planned) = outcome { seen[planned.tally.node, default: []].append(i) }
    }
    func text(_ i: Int) -> String { places[i].source + (places[i].line.map { ":\($0)" } ?? "") }
    for (node, indices) in seen where indices.count > 1 {
      for i in indices {
        let others = indices.filter { $0 != i }.map(text)
        outcomes[i] = .rejected([
          Diagnostic(
            file: places[i].source, line: places[i].line, path: "$.node",
            message: "node \"\(node)\" appears more than once in this batch (also at \(others.joined(separator: ", ")))"
          )
        ])
      }
    }
  }

  /// A finished run: its exit code, and its results for as long as the
  /// caller holds them. The command line exits while still holding them:
  /// freeing a whole fleet's plans piece by piece costs more than the
  /// process's exit does.
  public final class Finished: Sendable {
    public let status: Int32
    let outcomes: [PlanOutcome]

    init(status: Int32, outcomes: [PlanOutcome]) {
      self.status = status
      self.outcomes = outcomes
    }
  }

  /// Runs `reclaim plan` to the end: plans, prints results to stdout and
  /// problems to stderr, writes `--out` files, and returns the exit code.
  public static func run(_ request: PlanRequest, stdout: Int32 = 1, stderr: Int32 = 2) -> Int32 {
    execute(request, stdout: stdout, stderr: stderr).status
  }

  /// `run`, returning the results with the exit code.
  public static func execute(_ request: PlanRequest, stdout: Int32 = 1, stderr: Int32 = 2) -> Finished {
    let (outcomes, summary) = plan(request)
    return Finished(status: report(outcomes, summary, request: request, stdout: stdout, stderr: stderr), outcomes: outcomes)
  }

  static func report(
    _ outcomes: [PlanOutcome], _ summary: FleetSummary, request: PlanRequest, stdout: Int32, stderr: Int32
  ) -> Int32 {
    var diagnostics = ""
    for failure in summary.failures { diagnostics += "\(failure.source): \(failure.message)\n" }
    try? FileSystem.write(Array(diagnostics.utf8), to: stderr, name: "stderr")
    let plans = outcomes.compactMap { outcome -> Plan? in
      if case .planned(let planned) = outcome { return planned.plan }
      return nil
    }
    do throws(FileSystem.Failure) {
      if let dir = request.outDirectory {
        try FileSystem.makeDirectory(dir)
        for outcome in outcomes {
          guard case .planned(let planned) = outcome else { continue }
          try AtomicFile.write(planned.rendered, to: FileSystem.join(dir, planned.tally.node + ".json"))
        }
        try AtomicFile.write(summary.bytes(.indented), to: FileSystem.join(dir, "summary.json"))
        try FileSystem.write(Array(TextReport.totals(summary).utf8), to: stdout, name: "stdout")
      } else {
        switch request.format {
        case .text:
          for plan in plans { try FileSystem.write(Array((TextReport.node(plan) + "\n").utf8), to: stdout, name: "stdout") }
          try FileSystem.write(Array(TextReport.totals(summary).utf8), to: stdout, name: "stdout")
        case .ndjson:
          // Lines are gathered into large writes: one syscall per manifest
          // would cost more than writing them.
          var buffer: [UInt8] = []
          buffer.reserveCapacity(1 << 20)
          for outcome in outcomes {
            guard case .planned(let planned) = outcome else { continue }
            buffer.append(contentsOf: planned.rendered)
            if buffer.count >= 1 << 20 {
              try FileSystem.write(buffer, to: stdout, name: "stdout")
              buffer.removeAll(keepingCapacity: true)
            }
          }
          try FileSystem.write(buffer, to: stdout, name: "stdout")
        case .json:
          var w = CanonicalJSONWriter(layout: .indented, reservingCapacity: 1 << 16)
          w.beginArray()
          for plan in plans { DeletionManifest(plan: plan, policyDigest: summary.policyDigest).write(to: &w) }
          w.endArray()
          w.finish()
          try FileSystem.write(w.bytes, to: stdout, name: "stdout")
        case .markdown:
          try FileSystem.write(Array(TextReport.markdown(plans, summary: summary).utf8), to: stdout, name: "stdout")
        }
      }
    } catch {
      try? FileSystem.write(Array("error: \(error.description)\n".utf8), to: stderr, name: "stderr")
      return ExitStatus.cannotWrite
    }
    if summary.failed > 0 { return ExitStatus.badInput }
    if request.detailedExitCode, !summary.totals.isEmpty { return ExitStatus.deletions }
    return ExitStatus.success
  }
}

/// `--progress`: nodes done, rate and time left (by bytes read), on one
/// stderr line.
final class ProgressLine: Sendable {
  private let totalBytes: Int
  private let done = Atomic<Int>(0)
  private let bytes = Atomic<Int>(0)
  private let start = ContinuousClock.now

  init(totalBytes: Int) { self.totalBytes = totalBytes }

  func step(bytes count: Int) {
    let n = done.wrappingAdd(1, ordering: .relaxed).newValue
    let read = bytes.wrappingAdd(count, ordering: .relaxed).newValue
    guard n % 64 == 0 || read >= totalBytes else { return }
    let elapsed = ContinuousClock.now - start
    let ms = max(1, elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
    let rate = Int64(n) * 1000 / ms
    var line = "\rplanned \(n) nodes, \(rate)/s"
    if totalBytes > 0, read > 0, read < totalBytes {
      line += ", ~\(Int64(totalBytes - read) * ms / Int64(read) / 1000)s left"
    }
    try? FileSystem.write(Array((line + "   ").utf8), to: 2, name: "stderr")
  }

  func finish() {
    try? FileSystem.write(Array("\n".utf8), to: 2, name: "stderr")
  }
}
