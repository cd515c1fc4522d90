import ReclaimCore
import ReclaimEngine

/// The fleet roll-up of a `plan` run (`summary.json`, manifest.md).
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
  public private(set) var failed = 0

  public init(policyDigest: String, mode: GCMode) {
    self.policyDigest = policyDigest
    self.mode = mode
  }

  /// Counts one plan in. Objects in no namespace (containers the kubelet did
  /// not create) count in `totals` only.
  public mutating func add(_ plan: Plan) {
    nodes += 1
    totals.add(ManifestSummary(plan))
    // A plan's lists are in manifest order, namespace first, so objects of
    // one namespace are adjacent: count each run of equal namespaces with
    // one dictionary update (a SipHash of the key) instead of one per
    // object. The counts are the same in any order; runs only save lookups.
    addRuns(plan.containers.count, { plan.containers[$0].container.namespace }) { $0.containers += $1 }
    addRuns(plan.sandboxes.count, { plan.sandboxes[$0].sandbox.namespace }) { $0.sandboxes += $1 }
    addRuns(plan.podLogDirs.count, { Self.namespace(ofLogDirectory: plan.podLogDirs[$0].name) }) { $0.podLogDirs += $1 }
    if plan.warnings.contains(where: { $0.code == .imageGCShortfall }) { nodesWithShortfall.append(plan.node) }
  }

  /// Adds `count` objects, object `i` in namespace `namespace(i)` (none:
  /// not counted), to `byNamespace` with `bump(counts, objects)` per run of
  /// adjacent objects in equal namespaces (`String` equality, as the keys).
  private mutating func addRuns<Namespace: StringProtocol>(
    _ count: Int, _ namespace: (Int) -> Namespace?, _ bump: (inout NamespaceCounts, Int) -> Void
  ) {
    var i = 0
    while i < count {
      guard let ns = namespace(i) else {
        i += 1
        continue
      }
      var end = i + 1
      while end < count, let next = namespace(end), next == ns { end += 1 }
      bump(&byNamespace[String(ns), default: .init()], end - i)
      i = end
    }
  }

  /// The namespace of a `/var/log/pods` directory name
  /// (NAMESPACE_PODNAME_PODUID; namespaces cannot contain `_`): the text
  /// before the first `_` character, or `nil` without one.
  static func namespace(ofLogDirectory name: String) -> Substring? {
    // In ASCII text every byte is a character of its own (no ASCII byte
    // combines with a `_`), so the first `_` byte is the first `_`
    // character, found without grapheme breaking.
    if name.utf8.allSatisfy({ $0 < 0x80 }) {
      guard let end = name.utf8.firstIndex(of: UInt8(ascii: "_")) else { return nil }
      return name[..<end]
    }
    guard let end = name.firstIndex(of: "_") else { return nil }
    return name[..<end]
  }

  /// Counts one rejected input in, with every problem found in it.
  public mutating func addFailure(_ diagnostics: [Diagnostic]) {
    failed += 1
    failures.append(contentsOf: diagnostics.map(Failure.init))
  }

  /// The canonical text; lists are sorted so the file never depends on `--jobs`.
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
    // Failures stay in input order, which the batch runner fixes.
    for f in failures {
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
