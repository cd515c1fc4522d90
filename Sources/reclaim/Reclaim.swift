import ArgumentParser
import ReclaimBatch

/// The `reclaim` command: maps flags to library calls and renders results.
@main
struct Reclaim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reclaim",
    abstract: "Kubernetes node garbage collection as policy-as-data.",
    version: ReclaimVersion.current,
    subcommands: [ValidateCommand.self, CompileCommand.self, PlanCommand.self, GenerateCommand.self]
  )
}
