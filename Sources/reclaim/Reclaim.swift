import ArgumentParser
import Foundation
import ReclaimBatch
import ReclaimIO

/// The `reclaim` command: maps flags to library calls and renders results.
@main
struct Reclaim: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reclaim",
    abstract: "Kubernetes node garbage collection as policy-as-data.",
    version: ReclaimVersion.current,
    subcommands: [
      ValidateCommand.self, CompileCommand.self, PlanCommand.self, MergeCommand.self, GenerateCommand.self,
      ImportCommand.self, DiffCommand.self, TestCommand.self,
    ]
  )

  static func main() {
    // A closed stdout pipe is a failed write (exit 74 with a message), not a
    // silent death by SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    AtomicFile.removeTemporaryOnInterrupt()
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      exit(withError: error)
    }
  }
}
