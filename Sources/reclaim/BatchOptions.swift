import ArgumentParser
import Foundation
import ReclaimBatch

/// The options `plan` and `diff` share: how the snapshots are read and
/// split, and what is shown while they are.
struct BatchOptions: ParsableArguments {
  @Option(name: .long, help: "Worker threads (default: the number of cores). Output never depends on it.")
  var jobs: Int?

  @Option(name: .long, help: "Only the nodes in shard I of N (0-based, FNV-1a 64 of the node name modulo N).")
  var shard: String?

  @Flag(inversion: .prefixedNo, help: "A progress line on stderr (default: when stderr is a terminal and there are several snapshots).")
  var progress: Bool?

  @Argument(help: "Snapshot files, streams or directories.")
  var snapshots: [String] = []

  func validate() throws {
    if snapshots.isEmpty { throw ValidationError("Missing expected argument '<snapshots> ...'") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if let shard, Shard(parsing: shard) == nil {
      throw ValidationError("--shard must be I/N with 0 <= I < N, got '\(shard)'")
    }
  }

  /// `--jobs`, or the number of cores.
  var workers: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

  /// `--shard`, parsed (`validate` refused one that does not parse).
  var parsedShard: Shard? { shard.flatMap(Shard.init(parsing:)) }
}
