import Foundation
import ReclaimCore
import ReclaimEngine
import ReclaimIO
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
  /// The largest snapshot document read (docs/reference/snapshot.md,
  /// "Limits"); smaller
  /// in tests.
  public var documentLimit = SnapshotInput.documentLimit
  /// `reclaim diff`: each node is planned under this policy too, and the
  /// writer is given the difference from this (base) plan to `policy`'s
  /// (head) plan. `nil` for `reclaim plan`.
  public var basePolicy: CompiledPolicy?

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

/// One planned node: its tally, and what the worker rendered of it for the
/// report writer (`NodeRendering`). The plan itself is dropped once rendered.
public struct PlannedNode: Sendable {
  public var tally: PlanTally
  public var rendered: [UInt8]
  /// For `reclaim diff`: the node's difference counts.
  public var diff: DiffTotals?

  public init(tally: PlanTally, rendered: [UInt8], diff: DiffTotals? = nil) {
    self.tally = tally
    self.rendered = rendered
    self.diff = diff
  }
}

/// What happened to one snapshot document.
public enum PlanOutcome: Sendable {
  case planned(PlannedNode)
  /// Every problem found in it, in the reader's order, and the node it
  /// names when it is a `NodeSnapshot` that says so (for the same-node rule).
  case rejected([Diagnostic], node: String?)
  /// Another shard's node.
  case skipped
}

/// The batch runner: decodes, plans and renders the snapshots a batch of
/// input at a time on `jobs` workers, and hands each node to the report
/// writer in input order as soon as it and every node before it are
/// planned. It keeps the fleet summary's totals, never the plans, so memory
/// stays flat however large the fleet.
public enum PlanBatch {
  /// Exit codes of the command line (README, "Commands").
  public enum ExitStatus {
    public static let success: Int32 = 0
    public static let badInput: Int32 = 1
    public static let deletions: Int32 = 2
    public static let usage: Int32 = 64
    public static let cannotWrite: Int32 = 74
  }

  /// The report writer `reclaim plan` uses for `request`'s format and
  /// `--out`, writing results to `output`.
  public static func writer(for request: PlanRequest, output: ByteSink) -> any PlanReportWriter {
    if let dir = request.outDirectory { return OutDirectoryWriter(directory: dir, output: output) }
    switch request.format {
    case .text: return TextReportWriter(output)
    case .ndjson: return NDJSONReportWriter(output)
    case .json: return JSONArrayReportWriter(output)
    case .markdown: return MarkdownReportWriter(output)
    }
  }

  /// Runs `reclaim plan` to the end: results to `output` through the
  /// format's writer, problems to `console` as they are found; returns the
  /// exit code.
  public static func run(_ request: PlanRequest, output: ByteSink, console: Console) -> Int32 {
    var writer = writer(for: request, output: output)
    return run(request, writer: &writer, console: console).status
  }

  /// Runs with the given writer; returns the exit code and the summary.
  public static func run(
    _ request: PlanRequest, writer: inout some PlanReportWriter, console: Console
  ) -> (status: Int32, summary: FleetSummary) {
    let digest = request.policy.digest
    var summary = FleetSummary(policyDigest: digest, mode: request.options.mode)
    let (files, missing, notes) = SnapshotInput.files(paths: request.snapshots)
    console.report(notes)
    // A path that cannot be read names no node: it is shard 0's to report,
    // so that every problem is counted once across the shards of a run.
    let reportsPaths = (request.shard?.index ?? 0) == 0
    for problem in missing where reportsPaths {
      console.report(problem)
      summary.addFailure([problem])
    }
    var repeats = NodeRepeats(files: files, jobs: request.jobs, documentLimit: request.documentLimit)
    let several = files.count > 1 || files.contains(where: \.isStream)
    let showProgress = request.progress ?? (isatty(2) != 0 && several)
    let progress = showProgress ? ProgressLine(totalBytes: files.reduce(0) { $0 + FileSystem.size($1.path) }) : nil
    let rendering = writer.rendering
    func withdraw(_ tally: PlanTally, at earlier: NodeRepeats.Place, repeatedAt place: NodeRepeats.Place)
      throws(FileSystem.Failure)
    {
      try writer.withdraw(node: tally.node)
      summary.remove(tally)
      let withdrawal = repeats.withdrawal(tally.node, at: earlier, repeatedAt: place)
      console.report(withdrawal)
      summary.addFailure([withdrawal])
    }

    func emit(_ outcome: PlanOutcome, at place: NodeRepeats.Place) throws(FileSystem.Failure) {
      switch outcome {
      case .skipped:
        return
      case .rejected(let diagnostics, let node):
        if let node, let (earlier, tally) = repeats.noteRejected(node, at: place) {
          try withdraw(tally, at: earlier, repeatedAt: place)
        }
        console.report(diagnostics)
        summary.addFailure(diagnostics)
      case .planned(let planned):
        if let verdict = repeats.check(planned.tally, at: place) {
          if let (earlier, tally) = verdict.withdraw { try withdraw(tally, at: earlier, repeatedAt: place) }
          console.report(verdict.rejection)
          summary.addFailure([verdict.rejection])
          return
        }
        try writer.node(planned)
        summary.add(planned.tally)
      }
    }

    var failure: FileSystem.Failure?
    let reader = BatchReader(
      files, batchBytes: BatchReader.batchBytes(jobs: request.jobs), documentLimit: request.documentLimit)
    var upcoming = reader.next()
    while let batch = upcoming, failure == nil {
      // The next batch is read on one worker while the others plan this
      // one, unless reading could wait on a writer: a pipe's batch goes out
      // before the next line is awaited.
      let ahead = Box<[SnapshotInput]?>(nil)
      let readAhead = !reader.mayBlock
      var readNext: (@Sendable () -> Void)?
      if readAhead { readNext = { @Sendable in ahead.value = reader.next() } }
      let outcomes = ParallelMap.map(count: batch.count, jobs: request.jobs, alongside: readNext) { i -> PlanOutcome in
        let input = batch[i]
        defer { progress?.step(bytes: input.range.count) }
        return planOne(input, request: request, digest: digest, rendering: rendering)
      }
      do throws(FileSystem.Failure) {
        for (input, outcome) in zip(batch, outcomes) {
          try emit(outcome, at: .init(source: input.source, line: input.line))
        }
        try writer.flushBatch()
      } catch {
        failure = error
      }
      upcoming = readAhead ? ahead.value : reader.next()
    }
    let unreadable = reader.problems
    progress?.finish()
    for problem in unreadable where reportsPaths {
      console.report(problem)
      summary.addFailure([problem])
    }
    do throws(FileSystem.Failure) {
      if let failure { throw failure }
      try writer.finish(summary)
    } catch {
      console.line("error: \(error.description)")
      return (ExitStatus.cannotWrite, summary)
    }
    return (status(of: summary, detailedExitCode: request.detailedExitCode), summary)
  }

  /// The exit code of a finished run (README, "Commands"; docs/batch.md, "Output").
  public static func status(of summary: FleetSummary, detailedExitCode: Bool) -> Int32 {
    if summary.failed > 0 { return ExitStatus.badInput }
    if detailedExitCode, !summary.totals.isEmpty { return ExitStatus.deletions }
    return ExitStatus.success
  }

  /// Decode, shard filter, plan and render of one document.
  static func planOne(
    _ input: SnapshotInput, request: PlanRequest, digest: String, rendering: NodeRendering
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
      let node = input.content.withBytes { b in SnapshotReader.nodeName(UnsafeBufferPointer(rebasing: b[input.range])) }
      // A rejected snapshot belongs to its node's shard, or to shard 0 when
      // its node cannot be told (docs/batch.md, "Shards").
      if let shard = request.shard, node.map({ !shard.contains(node: $0) }) ?? (shard.index != 0) { return .skipped }
      return .rejected(
        error.diagnostics.isEmpty
          ? [Diagnostic(file: input.source, line: input.line, message: "invalid snapshot")] : error.diagnostics,
        node: node)
    }
    if let shard = request.shard, !shard.contains(node: snapshot.node) { return .skipped }
    if request.outDirectory != nil, snapshot.node == "summary" {
      // DIR/summary.json is the fleet summary's.
      return .rejected(
        [
          Diagnostic(
            file: input.source, line: input.line, path: "$.node",
            message: "node \"summary\" cannot be written under --out: DIR/summary.json is the fleet summary")
        ], node: nil)
    }
    if let base = request.basePolicy {
      let plan = GCEngine.plan(snapshot, policy: request.policy, options: request.options)
      let diff = PlanDiff(base: GCEngine.plan(taking: consume snapshot, policy: base, options: request.options), head: plan)
      return .planned(PlannedNode(tally: PlanTally(plan), rendered: render(diff, rendering), diff: DiffTotals(diff)))
    }
    // The snapshot's last use: the plan takes its objects over.
    let plan = GCEngine.plan(taking: consume snapshot, policy: request.policy, options: request.options)
    let rendered: [UInt8]
    switch rendering {
    case .compactManifest:
      var bytes = DeletionManifest(plan: plan, policyDigest: digest).bytes(.compact)
      bytes.append(10)
      rendered = bytes
    case .indentedManifest:
      rendered = DeletionManifest(plan: plan, policyDigest: digest).bytes(.indented)
    case .text:
      rendered = Array((TextReport.node(plan) + "\n").utf8)
    case .markdownRow:
      // The row's line, then (for a node that deletes anything) its
      // details block: the writer splits them at the first newline.
      var text = TextReport.markdownRow(plan)
      if !ManifestSummary(plan).isEmpty { text += TextReport.markdownDetails(plan) }
      rendered = Array(text.utf8)
    case .diffJSON, .diffText, .diffMarkdown:
      // A diff writer's rendering without a base policy: nothing to compare.
      rendered = []
    }
    return .planned(PlannedNode(tally: PlanTally(plan), rendered: rendered))
  }
}

extension PlanBatch {
  /// What a worker makes of one node's diff for the diff writers.
  static func render(_ diff: PlanDiff, _ rendering: NodeRendering) -> [UInt8] {
    switch rendering {
    case .diffJSON:
      return diff.isEmpty ? [] : diff.bytes(.indented)
    case .diffText:
      return diff.isEmpty ? [] : Array(DiffReport.node(diff).utf8)
    case .diffMarkdown:
      return diff.isEmpty ? [] : Array(DiffReport.markdownDetails(diff).utf8)
    case .compactManifest, .indentedManifest, .text, .markdownRow:
      return []
    }
  }
}

/// A value one worker sets and the caller reads after the workers have
/// finished (`concurrentPerform` returns only then).
private final class Box<T>: @unchecked Sendable {
  var value: T
  init(_ value: T) { self.value = value }
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
