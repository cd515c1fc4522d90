import ReclaimCore
import ReclaimIO
import ReclaimManifest

/// `reclaim merge --out DIR SHARD_DIR…`: the `--out` directories of the
/// shards of one sharded run, merged into one that is byte-identical to the
/// unsharded run's `--out` (manifests and `summary.json`).
///
/// Everything is read and checked before anything is written: shards of
/// different policy digests or modes, a node present in two shards, or a
/// shard without a readable `summary.json` are refused (exit 1) with nothing
/// written. Manifests are copied byte for byte (a node's manifest does not
/// depend on sharding); the summaries are added up (`FleetSummary.merge`),
/// and their lists are ordered as the unsharded run orders them.
public enum FleetMerge {
  /// One shard's directory, read.
  struct Shard {
    var path: String
    var summary: FleetSummary
    /// Manifest file names (`<node>.json`), byte-wise sorted.
    var manifests: [String]
  }

  /// Merges `shards` into `out`; returns the exit code (0, 1 refused, 74
  /// not writable). Problems go to `console`.
  public static func run(shards paths: [String], out: String, console: Console) -> Int32 {
    var problems: [Diagnostic] = []
    var shards: [Shard] = []
    for path in paths {
      switch read(shard: path) {
      case .success(let shard): shards.append(shard)
      case .failure(let error): problems += error.diagnostics
      }
    }
    if let first = shards.first {
      for shard in shards.dropFirst() {
        if shard.summary.policyDigest != first.summary.policyDigest {
          problems.append(
            Diagnostic(
              file: FileSystem.join(shard.path, "summary.json"), path: "$.policyDigest",
              message: "policy digest \(shard.summary.policyDigest) differs from \(first.summary.policyDigest) "
                + "in \(first.path): not shards of one run"))
        }
        if shard.summary.mode != first.summary.mode {
          problems.append(
            Diagnostic(
              file: FileSystem.join(shard.path, "summary.json"), path: "$.mode",
              message: "mode \(shard.summary.mode.rawValue) differs from \(first.summary.mode.rawValue) "
                + "in \(first.path): not shards of one run"))
        }
      }
    }
    var owner: [String: String] = [:]
    for shard in shards {
      for name in shard.manifests {
        if let other = owner[name] {
          problems.append(
            Diagnostic(
              file: FileSystem.join(shard.path, name),
              message: "node \"\(name.dropLast(5))\" is in two shards (also \(FileSystem.join(other, name)))"))
        } else {
          owner[name] = shard.path
        }
      }
    }
    guard problems.isEmpty, let first = shards.first else {
      if shards.isEmpty && problems.isEmpty {
        problems.append(Diagnostic(file: "-", message: "no shard directories given"))
      }
      console.report(problems)
      console.line("merge refused: nothing written")
      return PlanBatch.ExitStatus.badInput
    }
    var summary = FleetSummary(policyDigest: first.summary.policyDigest, mode: first.summary.mode)
    for shard in shards { summary.merge(shard.summary) }
    do throws(FileSystem.Failure) {
      try FileSystem.makeDirectory(out)
      for shard in shards {
        for name in shard.manifests {
          try AtomicFile.write(try FileSystem.read(FileSystem.join(shard.path, name)), to: FileSystem.join(out, name))
        }
      }
      try AtomicFile.write(summary.bytes(.indented), to: FileSystem.join(out, "summary.json"))
    } catch {
      console.line("error: \(error.description)")
      return PlanBatch.ExitStatus.cannotWrite
    }
    return PlanBatch.ExitStatus.success
  }

  /// A shard directory's summary and manifest names.
  static func read(shard path: String) -> Result<Shard, DiagnosticError> {
    let summaryPath = FileSystem.join(path, "summary.json")
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.read(summaryPath)
    } catch {
      return .failure(DiagnosticError([Diagnostic(file: summaryPath, message: "cannot read: \(error.reason) (not a plan --out directory?)")]))
    }
    let summary: FleetSummary
    do {
      summary = try FleetSummary(reading: bytes, file: summaryPath)
    } catch {
      return .failure(error)
    }
    let names: [String]
    switch DirectoryWalker.names(in: path) {
    case .success(let found): names = found
    case .failure(let failure): return .failure(DiagnosticError([Diagnostic(file: path, message: failure.reason)]))
    }
    let manifests = names.filter { name in
      name.hasSuffix(".json") && name != "summary.json" && !name.hasPrefix(".")
        && DirectoryWalker.kind(of: FileSystem.join(path, name)) == .regular
    }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    if manifests.count != summary.nodes {
      return .failure(
        DiagnosticError([
          Diagnostic(
            file: path,
            message: "holds \(manifests.count) manifest(s) but its summary.json counts \(summary.nodes) node(s)")
        ]))
    }
    return .success(Shard(path: path, summary: summary, manifests: manifests))
  }
}
