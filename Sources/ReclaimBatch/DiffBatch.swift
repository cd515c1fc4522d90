import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimManifest

/// `reclaim diff`: the snapshots planned under a base and a head policy on
/// the plan runner (same input rules, `--jobs`, `--shard`, streaming), and
/// the difference reported per node and in total.
public enum DiffBatch {
  /// Everything `reclaim diff` was asked to do, policies already loaded.
  public struct Request: Sendable {
    public var base: CompiledPolicy
    public var head: CompiledPolicy
    public var snapshots: [String]
    public var mode: GCMode
    public var format: DiffReportWriter.Format
    public var jobs: Int
    public var shard: Shard?
    public var detailedExitCode: Bool
    public var progress: Bool?

    public init(
      base: CompiledPolicy, head: CompiledPolicy, snapshots: [String], mode: GCMode = .periodic,
      format: DiffReportWriter.Format = .text, jobs: Int = 1, shard: Shard? = nil, detailedExitCode: Bool = false,
      progress: Bool? = nil
    ) {
      self.base = base
      self.head = head
      self.snapshots = snapshots
      self.mode = mode
      self.format = format
      self.jobs = jobs
      self.shard = shard
      self.detailedExitCode = detailedExitCode
      self.progress = progress
    }
  }

  /// Runs the diff; returns the exit code: 0 no difference (or any, without
  /// `--detailed-exitcode`), 2 with `--detailed-exitcode` when the policies
  /// differ in effect, 1 when a snapshot was rejected, 74 when the output
  /// could not be written.
  public static func run(_ request: Request, output: ByteSink, console: Console) -> Int32 {
    var writer = DiffReportWriter(
      output, format: request.format, baseDigest: request.base.digest, headDigest: request.head.digest,
      mode: request.mode)
    if request.base.digest == request.head.digest {
      // The digest covers everything the compiled policy means: equal
      // digests plan equal deletions on every snapshot.
      console.line("note: base and head have the same digest \(request.base.digest): no difference; snapshots not read")
      do throws(FileSystem.Failure) {
        try writer.finish(FleetSummary(policyDigest: request.head.digest, mode: request.mode))
      } catch {
        console.line("error: \(error.description)")
        return PlanBatch.ExitStatus.cannotWrite
      }
      return PlanBatch.ExitStatus.success
    }
    var plan = PlanRequest(
      policy: request.head, snapshots: request.snapshots, options: PlanOptions(mode: request.mode),
      jobs: request.jobs, shard: request.shard, progress: request.progress)
    plan.basePolicy = request.base
    let (status, summary) = PlanBatch.run(plan, writer: &writer, console: console)
    if status == PlanBatch.ExitStatus.cannotWrite { return status }
    if summary.failed > 0 { return PlanBatch.ExitStatus.badInput }
    if request.detailedExitCode, !writer.totals.isEmpty { return PlanBatch.ExitStatus.deletions }
    return PlanBatch.ExitStatus.success
  }
}
