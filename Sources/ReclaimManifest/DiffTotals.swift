import ReclaimCore
import ReclaimEngine

/// The counts of a diff, for one node (`init(_:)`) or summed over a fleet
/// (`add`): objects and image bytes added, removed and changed, in all and
/// per namespace. Images belong to no namespace (a node's images serve all
/// of its pods), so the per-namespace counts hold containers, sandboxes and
/// log directories only.
public struct DiffTotals: Sendable, Hashable {
  /// The three sides of a difference.
  public struct Sides: Sendable, Hashable {
    public var added = ManifestSummary()
    public var removed = ManifestSummary()
    public var changed = ManifestSummary()

    public init() {}

    public var isEmpty: Bool { added == ManifestSummary() && removed == ManifestSummary() && changed == ManifestSummary() }

    mutating func add(_ other: Sides) {
      added.add(other.added)
      removed.add(other.removed)
      changed.add(other.changed)
    }
  }

  /// Nodes compared (planned under both policies).
  public var nodes = 0
  /// Nodes where the policies differ in effect.
  public var nodesChanged = 0
  public var all = Sides()
  /// By namespace; a namespace appears only where something differs.
  public var namespaces: [String: Sides] = [:]

  public init() {}

  /// One node's counts.
  public init(_ diff: PlanDiff) {
    nodes = 1
    nodesChanged = diff.isEmpty ? 0 : 1
    all.added = Self.summary(diff.added)
    all.removed = Self.summary(diff.removed)
    all.changed = ManifestSummary(
      containers: diff.changed.containers.count, sandboxes: diff.changed.sandboxes.count,
      images: diff.changed.images.count, imageBytes: diff.changed.imageBytes)
    func count(_ namespace: String?, _ side: WritableKeyPath<Sides, ManifestSummary>, _ kind: WritableKeyPath<ManifestSummary, Int>) {
      guard let namespace else { return }
      namespaces[namespace, default: Sides()][keyPath: side][keyPath: kind] += 1
    }
    for (deletions, side) in [(diff.added, \Sides.added), (diff.removed, \Sides.removed)] {
      for e in deletions.containers { count(e.container.namespace, side, \.containers) }
      for e in deletions.sandboxes { count(e.sandbox.namespace, side, \.sandboxes) }
      for e in deletions.podLogDirs { count(Self.namespace(ofLogDir: e.name), side, \.podLogDirs) }
    }
    for c in diff.changed.containers { count(c.entry.container.namespace, \.changed, \.containers) }
    for s in diff.changed.sandboxes { count(s.entry.sandbox.namespace, \.changed, \.sandboxes) }
  }

  /// Adds another node's or shard's counts.
  public mutating func add(_ other: DiffTotals) {
    nodes += other.nodes
    nodesChanged += other.nodesChanged
    all.add(other.all)
    for (namespace, sides) in other.namespaces { namespaces[namespace, default: Sides()].add(sides) }
  }

  /// Whether the policies differ in effect anywhere.
  public var isEmpty: Bool { all.isEmpty }

  /// The namespaces in byte-wise order.
  public var sortedNamespaces: [(name: String, sides: Sides)] {
    namespaces.map { ($0.key, $0.value) }.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
  }

  /// `NAMESPACE_PODNAME_PODUID`: a namespace holds no `_`, so it is
  /// everything before the first one.
  static func namespace(ofLogDir name: String) -> String? {
    guard let end = name.firstIndex(of: "_") else { return nil }
    return String(name[..<end])
  }

  static func summary(_ d: PlanDiff.Deletions) -> ManifestSummary {
    ManifestSummary(
      containers: d.containers.count, sandboxes: d.sandboxes.count, podLogDirs: d.podLogDirs.count,
      images: d.images.count, imageBytes: d.imageBytes)
  }

  /// The `totals` object of a `PolicyDiff` document.
  public func write(to w: inout CanonicalJSONWriter) {
    w.beginObject()
    Self.write(all, to: &w)
    w.constantKey("namespaces")
    w.beginObject()
    for (name, sides) in sortedNamespaces {
      w.key(name)
      w.beginObject()
      Self.write(sides, to: &w)
      w.constantKey("removed")
      sides.removed.write(to: &w)
      w.endObject()
    }
    w.endObject()
    w.constantKey("nodes")
    w.int(Int64(nodes))
    w.constantKey("nodesChanged")
    w.int(Int64(nodesChanged))
    w.constantKey("removed")
    all.removed.write(to: &w)
    w.endObject()
  }

  /// `added` and `changed` (which sort before `namespaces`); `removed` is
  /// written by the caller where the key order puts it.
  private static func write(_ s: Sides, to w: inout CanonicalJSONWriter) {
    w.constantKey("added")
    s.added.write(to: &w)
    w.constantKey("changed")
    s.changed.write(to: &w)
  }
}
