import ArgumentParser
import Foundation
import ReclaimBatch
import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimPolicy

extension DiffReportWriter.Format: ExpressibleByArgument {}

/// `reclaim diff`: what a policy change would delete differently.
struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Plan the snapshots under a base and a head policy and report what the change deletes differently.",
    discussion: """
      Per node: deletions only the head plans (added, +), only the base plans (removed, -), and \
      both plan for another reason (changed, ~); then fleet and per-namespace totals. Exit codes: \
      0 success (no difference, with --detailed-exitcode), 1 bad input, 2 the policies differ in \
      effect (with --detailed-exitcode), 64 wrong usage, 74 output not writable.
      """
  )

  @Option(name: .long, help: "The policy before the change: YAML file or directory, or compiled JSON.")
  var base: String

  @Option(name: .long, help: "The policy after the change: YAML file or directory, or compiled JSON.")
  var head: String

  @Option(name: .long, help: "periodic or disk-pressure.")
  var mode: GCMode = .periodic

  @Option(name: .long, help: "text, json or markdown.")
  var format: DiffReportWriter.Format = .text

  @Flag(name: .long, help: "Exit 2 when the policies differ in effect on these snapshots, 0 when they do not.")
  var detailedExitcode = false

  @OptionGroup var batch: BatchOptions

  func run() throws {
    var problems: [Diagnostic] = []
    var policies: [LoadedPolicy] = []
    for path in [base, head] {
      do {
        let loaded = try PolicyLoader.load(paths: [path])
        Console.standardError.report(loaded.notes)
        policies.append(loaded)
      } catch {
        problems += error.diagnostics
      }
    }
    guard problems.isEmpty, policies.count == 2 else {
      Console.standardError.report(problems)
      throw ExitCode(PlanBatch.ExitStatus.badInput)
    }
    let request = DiffBatch.Request(
      base: policies[0].policy, head: policies[1].policy, snapshots: batch.snapshots, mode: mode, format: format,
      jobs: batch.workers, shard: batch.parsedShard,
      detailedExitCode: detailedExitcode, progress: batch.progress)
    throw ExitCode(DiffBatch.run(request, output: FileDescriptorSink(fd: 1, name: "stdout"), console: .standardError))
  }
}
