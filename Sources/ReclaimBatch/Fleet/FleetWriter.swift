import ReclaimIO
import ReclaimCore

/// Where `reclaim generate` writes a fleet.
public enum FleetDestination: Sendable, Hashable {
  /// NDJSON on standard output.
  case standardOutput
  /// NDJSON in one file, written atomically.
  case file(String)
  /// One indented `<node>.json` per node in a directory, created if missing.
  case directory(String)

  /// What `-o PATH` means: nothing or `-` is standard output; an existing
  /// directory, or a path ending in `/`, is a directory; anything else a file.
  public init(output: String?) {
    guard let output, output != "-" else {
      self = .standardOutput
      return
    }
    self = output.hasSuffix("/") || FileSystem.isDirectory(output) ? .directory(output) : .file(output)
  }
}

/// Generates a fleet on `jobs` workers and writes it in node order.
public enum FleetWriter {
  /// Nodes generated per worker and batch: enough to keep the workers busy
  /// between writes, few enough that a batch's bytes stay small (tens of MB).
  static let nodesPerWorker = 32

  /// Writes nodes `0..<nodes` of the fleet of `seed` to `destination`. The
  /// bytes do not depend on `jobs`.
  ///
  /// - Throws: the first write that failed, naming its path (for standard
  ///   output, `standard output`). An NDJSON file is then left as it was;
  ///   in a directory, the files already renamed into place are complete.
  public static func write(
    nodes: Int, seed: UInt64, jobs: Int, to destination: FleetDestination
  ) throws(FileSystem.Failure) {
    let generator = FleetGenerator(seed: seed)
    switch destination {
    case .standardOutput:
      try stream(generator, nodes: nodes, jobs: jobs, to: 1, name: "standard output")
    case .file(let path):
      try AtomicFile.write(to: path) { fd throws(FileSystem.Failure) in
        try stream(generator, nodes: nodes, jobs: jobs, to: fd, name: path)
      }
    case .directory(let path):
      try FileSystem.makeDirectory(path)
      try batches(generator, nodes: nodes, jobs: jobs, layout: .indented) { node throws(FileSystem.Failure) in
        try AtomicFile.write(node.json, to: FileSystem.join(path, node.name + ".json"))
      }
    }
  }

  /// NDJSON: one compact snapshot a line.
  private static func stream(
    _ generator: FleetGenerator, nodes: Int, jobs: Int, to fd: Int32, name: String
  ) throws(FileSystem.Failure) {
    // Lines are gathered into writes of a few MB: one system call per
    // node would cost more than generating a small one.
    var pending: [UInt8] = []
    pending.reserveCapacity(flushBytes + (1 << 20))
    try batches(generator, nodes: nodes, jobs: jobs, layout: .compact) { node throws(FileSystem.Failure) in
      pending.append(contentsOf: node.json)
      pending.append(UInt8(ascii: "\n"))
      if pending.count >= flushBytes {
        try FileSystem.write(pending, to: fd, name: name)
        pending.removeAll(keepingCapacity: true)
      }
    }
    try FileSystem.write(pending, to: fd, name: name)
  }

  private static let flushBytes = 4 << 20

  /// Generates the nodes batch by batch on the workers and hands each to
  /// `body` in node order.
  private static func batches(
    _ generator: FleetGenerator, nodes: Int, jobs: Int, layout: CanonicalJSONWriter.Layout,
    _ body: (FleetGenerator.Node) throws(FileSystem.Failure) -> Void
  ) throws(FileSystem.Failure) {
    let workers = max(1, jobs)
    let size = workers * nodesPerWorker
    var first = 0
    while first < nodes {
      let count = min(size, nodes - first)
      let start = first
      let batch = ParallelMap.map(count: count, jobs: workers) { generator.node(start + $0, layout: layout) }
      for node in batch { try body(node) }
      first += count
    }
  }
}
