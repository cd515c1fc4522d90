import ArgumentParser
import Foundation
import ReclaimBatch
import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimPolicy

extension GCMode: ExpressibleByArgument {}
extension PlanFormat: ExpressibleByArgument {}

/// `reclaim plan`: what kubelet GC would delete on every node, and why.
struct PlanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "plan",
    abstract: "Plan kubelet garbage collection for node snapshots and write deletion manifests.",
    discussion: """
      SNAPSHOT is a snapshot file (*.json), a stream (*.ndjson, *.jsonl, or - for standard \
      input, one snapshot per line), or a directory of them (read recursively). Exit codes: 0 \
      success, 1 bad input (other snapshots are still planned), 2 deletions planned (with \
      --detailed-exitcode), 64 wrong usage, 74 output not writable.
      """
  )

  @Option(name: .long, help: "Policy: a YAML file, a directory of YAML files, or a compiled JSON file (default: policies/ if present).")
  var policy: String?

  @Option(name: .long, help: "periodic or disk-pressure.")
  var mode: GCMode = .periodic

  @Option(name: .long, help: "text, ndjson, json or markdown.")
  var format: PlanFormat = .text

  @Option(name: .long, help: "Write DIR/<node>.json per node and DIR/summary.json; stdout gets the totals only.")
  var out: String?

  @Flag(name: .long, help: "Add `kept` (what is not deleted, and why) to manifests.")
  var explain = false

  @Flag(name: .long, help: "Exit 2 when anything would be deleted, 0 when nothing would.")
  var detailedExitcode = false

  @OptionGroup var batch: BatchOptions

  func run() throws {
    let paths = try PolicyPaths.resolve(policy.map { [$0] } ?? [])
    let loaded: LoadedPolicy
    do {
      loaded = try PolicyLoader.load(paths: paths)
    } catch {
      Console.standardError.report(error.diagnostics)
      throw ExitCode(PlanBatch.ExitStatus.badInput)
    }
    Console.standardError.report(loaded.notes)
    let request = PlanRequest(
      policy: loaded.policy, snapshots: batch.snapshots, options: PlanOptions(mode: mode, explain: explain),
      format: format, jobs: batch.workers,
      shard: batch.parsedShard, outDirectory: out, detailedExitCode: detailedExitcode,
      progress: batch.progress)
    let status = PlanBatch.run(request, output: FileDescriptorSink(fd: 1, name: "stdout"), console: .standardError)
    throw ExitCode(status)
  }
}
