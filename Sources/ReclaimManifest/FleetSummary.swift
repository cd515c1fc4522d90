import ReclaimCore
import ReclaimEngine

/// The fleet roll-up of a `plan` run (`summary.json`, docs/reference/output.md).
public struct FleetSummary: Sendable, Hashable {
  public static let kind = "FleetSummary"

  /// Per-namespace counts of deleted objects.
  public struct NamespaceCounts: Sendable, Hashable {
    public var containers = 0
    public var sandboxes = 0
    public var podLogDirs = 0

    public init() {}
  }

  /// A snapshot that was rejected.
  public struct Failure: Sendable, Hashable {
    /// The file, with `:LINE` for a stream line.
    public var source: String
    public var message: String

    public init(source: String, message: String) {
      self.source = source
      self.message = message
    }

    public init(_ diagnostic: Diagnostic) {
      var source = diagnostic.file
      if let line = diagnostic.line { source += ":\(line)" }
      self.init(source: source, message: diagnostic.messageWithPath)
    }
  }

  public var policyDigest: String
  public var mode: GCMode
  /// Nodes planned (one manifest each).
  public var nodes = 0
  public var totals = ManifestSummary()
  public var byNamespace: [String: NamespaceCounts] = [:]
  public var nodesWithShortfall: [String] = []
  /// One entry per problem; a rejected snapshot may have several.
  public var failures: [Failure] = []
  /// Inputs rejected (snapshots, or paths that could not be read).
  public internal(set) var failed = 0

  public init(policyDigest: String, mode: GCMode) {
    self.policyDigest = policyDigest
    self.mode = mode
  }

  /// Counts one plan in. Objects in no namespace (containers the kubelet did
  /// not create) count in `totals` only.
  public mutating func add(_ plan: Plan) { add(PlanTally(plan)) }

  /// Counts one planned node in, from its tally.
  public mutating func add(_ tally: PlanTally) {
    nodes += 1
    totals.add(tally.summary)
    for (ns, c) in tally.byNamespace {
      byNamespace[ns, default: .init()].containers += c.containers
      byNamespace[ns, default: .init()].sandboxes += c.sandboxes
      byNamespace[ns, default: .init()].podLogDirs += c.podLogDirs
    }
    if tally.shortfall { nodesWithShortfall.append(tally.node) }
  }

  /// Takes a node counted by `add` out again (an occurrence withdrawn when
  /// its node turned out to be named twice).
  public mutating func remove(_ tally: PlanTally) {
    nodes -= 1
    totals.subtract(tally.summary)
    for (ns, c) in tally.byNamespace {
      byNamespace[ns, default: .init()].containers -= c.containers
      byNamespace[ns, default: .init()].sandboxes -= c.sandboxes
      byNamespace[ns, default: .init()].podLogDirs -= c.podLogDirs
      if byNamespace[ns] == NamespaceCounts() { byNamespace[ns] = nil }
    }
    if tally.shortfall, let i = nodesWithShortfall.lastIndex(of: tally.node) { nodesWithShortfall.remove(at: i) }
  }

  /// Counts one rejected input in, with every problem found in it.
  public mutating func addFailure(_ diagnostics: [Diagnostic]) {
    failed += 1
    failures.append(contentsOf: diagnostics.map(Failure.init))
  }

  /// Failures by file, then line (a whole file before its lines), each
  /// document's problems in the reader's order: an order that every shard
  /// of a run agrees on, so that `reclaim merge` rebuilds the unsharded
  /// summary byte for byte.
  static func ordered(_ failures: [Failure]) -> [Failure] {
    func key(_ source: String) -> (file: Substring, line: Int) {
      if let colon = source.utf8.lastIndex(of: UInt8(ascii: ":")),
        let line = Int(source[source.index(after: colon)...]), line > 0
      {
        return (source[..<colon], line)
      }
      return (source[...], 0)
    }
    let keyed = failures.enumerated().map { (key: key($0.element.source), index: $0.offset, failure: $0.element) }
    return keyed.sorted { a, b in
      if a.key.file != b.key.file { return a.key.file.utf8.lexicographicallyPrecedes(b.key.file.utf8) }
      if a.key.line != b.key.line { return a.key.line < b.key.line }
      return a.index < b.index
    }.map(\.failure)
  }

  /// The canonical text; lists are sorted so the file never depends on
  /// `--jobs`, on the order of the arguments or on sharding.
  public func bytes(_ layout: CanonicalJSONWriter.Layout) -> [UInt8] {
    var w = CanonicalJSONWriter(layout: layout)
    w.beginObject()
    w.constantKey("apiVersion"); w.string(DeletionManifest.apiVersion)
    w.constantKey("byNamespace")
    w.beginObject()
    for ns in byNamespace.keys.sorted(by: JSONValue.canonicalKeyOrder) {
      let c = byNamespace[ns, default: .init()]
      w.key(ns)
      w.beginObject()
      w.constantKey("containers"); w.int(c.containers)
      w.constantKey("podLogDirs"); w.int(c.podLogDirs)
      w.constantKey("sandboxes"); w.int(c.sandboxes)
      w.endObject()
    }
    w.endObject()
    w.constantKey("failed"); w.int(failed)
    w.constantKey("failures")
    w.beginArray()
    for f in Self.ordered(failures) {
      w.beginObject()
      w.constantKey("message"); w.string(f.message)
      w.constantKey("source"); w.string(f.source)
      w.endObject()
    }
    w.endArray()
    w.constantKey("kind"); w.string(Self.kind)
    w.constantKey("mode"); w.string(mode.rawValue)
    w.constantKey("nodes"); w.int(nodes)
    w.constantKey("nodesWithShortfall"); w.strings(nodesWithShortfall.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    w.constantKey("policyDigest"); w.string(policyDigest)
    w.constantKey("totals"); totals.write(to: &w)
    w.endObject()
    w.finish()
    return w.bytes
  }
}
