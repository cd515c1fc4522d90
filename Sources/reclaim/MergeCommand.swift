import ArgumentParser
import ReclaimBatch
import ReclaimIO

/// `reclaim merge`: the `--out` directories of a sharded run, merged.
struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the --out directories of the shards of one sharded plan run into one.",
    discussion: """
      The result is byte-identical to the unsharded run's --out (manifests and summary.json). Shards \
      of different policy digests or modes, or a node in two shards, are refused and nothing is \
      written. Exit codes: 0 merged, 1 refused, 64 wrong usage, 74 output not writable.
      """
  )

  @Option(name: .long, help: "The merged directory (created if missing).")
  var out: String

  @Argument(help: "The shards' --out directories.")
  var shards: [String] = []

  func validate() throws {
    if shards.isEmpty { throw ValidationError("Missing expected argument '<shards> ...'") }
  }

  func run() throws {
    throw ExitCode(FleetMerge.run(shards: shards, out: out, console: .standardError))
  }
}
