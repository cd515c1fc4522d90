import ReclaimEngine

/// What the fleet summary needs of one plan: counts, per-namespace counts and
/// the shortfall flag — small enough to keep for every node of a fleet when
/// the plans themselves are not kept.
public struct PlanTally: Sendable, Hashable {
  public var node: String
  public var summary: ManifestSummary
  /// Deleted containers, sandboxes and pod log directories by namespace.
  public var byNamespace: [String: FleetSummary.NamespaceCounts]
  public var shortfall: Bool

  public init(_ plan: Plan) {
    node = plan.node
    summary = ManifestSummary(plan)
    shortfall = plan.warnings.contains { $0.code == .imageGCShortfall }
    byNamespace = Self.countByNamespace(plan)
  }

  /// Whether the plan deletes anything (`--detailed-exitcode`).
  public var deletesAnything: Bool { !summary.isEmpty }

  /// The per-namespace counts, by runs: every list of a plan is in manifest
  /// order, which groups each namespace's objects together (containers and
  /// sandboxes sort by namespace first; log directories by name, whose
  /// namespace is the text before its first `_`). So a namespace is
  /// compared with the one before, which for the decoder's shared strings
  /// is a comparison of two words, and hashed once per run rather than once
  /// per object. Any order still counts right: a namespace met again in a
  /// later run is added to what it already has.
  private static func countByNamespace(_ plan: Plan) -> [String: FleetSummary.NamespaceCounts] {
    var counts: [String: FleetSummary.NamespaceCounts] = [:]
    let objects = plan.containers.count + plan.sandboxes.count + plan.podLogDirs.count
    guard objects > 0 else { return counts }
    // Room for the namespaces up front spares the table its rehashing as
    // it grows. The generated fleets have one namespace per 3 to 22
    // deleted objects, 4 to 21 in all; too much room would stay allocated
    // with every node's tally, too little only costs a rehash.
    counts.reserveCapacity(Swift.min(objects / 4 + 1, 16))

    var current = ""
    var run = 0
    for i in plan.containers.indices {
      guard let ns = plan.containers[i].container.namespace else { continue }
      if run > 0, ns == current {
        run += 1
        continue
      }
      if run > 0 { counts[current, default: .init()].containers += run }
      current = ns
      run = 1
    }
    if run > 0 { counts[current, default: .init()].containers += run }

    run = 0
    for i in plan.sandboxes.indices {
      let ns = plan.sandboxes[i].sandbox.namespace
      if run > 0, ns == current {
        run += 1
        continue
      }
      if run > 0 { counts[current, default: .init()].sandboxes += run }
      current = ns
      run = 1
    }
    if run > 0 { counts[current, default: .init()].sandboxes += run }

    run = 0
    for i in plan.podLogDirs.indices {
      // NAMESPACE_PODNAME_PODUID: namespaces cannot contain `_`. Found and
      // compared as bytes: a `Character` search segments graphemes, and no
      // string is made for a directory of the run's namespace. (Two
      // spellings of one name in different bytes start separate runs;
      // the dictionary, whose keys compare as `String`s, merges them as
      // before.)
      let name = plan.podLogDirs[i].name
      switch Self.logNamespace(of: name, sameAs: run > 0 ? current : nil) {
      case .none:
        continue
      case .same:
        run += 1
      case .other(let ns):
        if run > 0 { counts[current, default: .init()].podLogDirs += run }
        current = ns
        run = 1
      }
    }
    if run > 0 { counts[current, default: .init()].podLogDirs += run }
    return counts
  }

  /// The namespace of a pod log directory name, as compared with a run's.
  private enum LogNamespace {
    /// No `_`: not a pod's directory, counted nowhere.
    case none
    /// The bytes of the run's namespace.
    case same
    case other(String)
  }

  /// The text of `name` before its first `_`, unless it is `current`.
  private static func logNamespace(of name: String, sameAs current: String?) -> LogNamespace {
    func find(_ b: UnsafeBufferPointer<UInt8>) -> LogNamespace {
      guard let end = b.firstIndex(of: UInt8(ascii: "_")) else { return .none }
      let prefix = UnsafeBufferPointer(rebasing: b[..<end])
      if let current, Self.equalBytes(current, prefix) { return .same }
      return .other(String(decoding: prefix, as: UTF8.self))
    }
    if let found = name.utf8.withContiguousStorageIfAvailable(find) { return found }
    var copy = name
    return copy.withUTF8(find)
  }

  /// Whether `text`'s UTF-8 is `bytes`.
  private static func equalBytes(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let utf8 = text.utf8
    guard utf8.count == bytes.count else { return false }
    let equal = utf8.withContiguousStorageIfAvailable { text in
      var i = 0
      while i < text.count, text[i] == bytes[i] { i &+= 1 }
      return i == text.count
    }
    return equal ?? utf8.elementsEqual(bytes)
  }
}
