import ArgumentParser
import Foundation
import ReclaimBatch

/// `reclaim generate`: a synthetic fleet of snapshots for trials and benchmarks.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Write a synthetic, realistic fleet of node snapshots, deterministic for a seed.",
    discussion: """
      Without -o, or with -o -, the fleet is NDJSON on standard output. -o FILE writes NDJSON to FILE \
      atomically; -o DIR (an existing directory, or a path ending in /) writes DIR/<node>.json per node. \
      The same --nodes and --seed give the same bytes on every machine and with any --jobs, and the \
      first K nodes of a larger fleet are the fleet of K nodes. Exit codes: 0 success, 64 wrong usage, \
      74 output not writable.
      """
  )

  @Option(name: .long, help: "Number of nodes (1 to \(FleetGenerator.maxNodes)).")
  var nodes: Int

  @Option(name: .long, help: "Seed of the fleet (an unsigned 64-bit integer).")
  var seed: UInt64

  @Option(name: .shortAndLong, help: "A file (NDJSON) or a directory (one file per node); default: standard output.")
  var output: String?

  @Option(name: .long, help: "Worker threads (default: the number of cores). Output never depends on it.")
  var jobs: Int?

  func validate() throws {
    guard nodes >= 1, nodes <= FleetGenerator.maxNodes else {
      throw ValidationError("--nodes must be between 1 and \(FleetGenerator.maxNodes), got \(nodes)")
    }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if output?.isEmpty == true { throw ValidationError("--output must not be empty") }
  }

  func run() throws {
    let destination = FleetDestination(output: output)
    if case .file(let path) = destination, !(path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl")) {
      // `reclaim plan` reads only these names as streams, anything else as
      // one JSON document.
      Self.standardError("note: \(path) holds NDJSON; `reclaim plan` reads a stream only from a *.ndjson or *.jsonl file")
    }
    do {
      try FleetWriter.write(
        nodes: nodes, seed: seed, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, to: destination)
    } catch {
      Self.standardError("error: \(error)")
      throw ExitCode(74)
    }
  }

  private static func standardError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
