import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// What a policy change changes on one node (`reclaim diff`): the
/// deletions only the head policy plans (`added`), only the base plans
/// (`removed`), and those both plan for different reasons (`changed`, the
/// head's entry with the base's reason beside it).
///
/// Objects are matched by kind and identity, byte for byte: containers,
/// sandboxes and images by `id`, log directories by `name`. Entries keep
/// the manifest's order (added and changed in the head plan's, removed in
/// the base plan's), so a diff is as deterministic as the plans.
public struct PlanDiff: Sendable, Hashable {
  /// One side's deletions, in the manifest's entry shapes.
  public struct Deletions: Sendable, Hashable {
    public var containers: [ContainerEntry<ContainerDeletionReason>] = []
    public var sandboxes: [SandboxEntry<SandboxDeletionReason>] = []
    public var podLogDirs: [PodLogDirEntry] = []
    public var images: [ImageEntry<ImageDeletionReason>] = []

    public init() {}

    public var isEmpty: Bool { containers.isEmpty && sandboxes.isEmpty && podLogDirs.isEmpty && images.isEmpty }
    public var count: Int { containers.count + sandboxes.count + podLogDirs.count + images.count }
    public var imageBytes: Int64 { images.reduce(0) { $0 &+ $1.image.sizeBytes } }
  }

  /// Deletions both plans make, for different reasons.
  public struct Changes: Sendable, Hashable {
    public var containers: [(entry: ContainerEntry<ContainerDeletionReason>, baseReason: ContainerDeletionReason)] = []
    public var sandboxes: [(entry: SandboxEntry<SandboxDeletionReason>, baseReason: SandboxDeletionReason)] = []
    public var images: [(entry: ImageEntry<ImageDeletionReason>, baseReason: ImageDeletionReason)] = []

    public init() {}

    public var isEmpty: Bool { containers.isEmpty && sandboxes.isEmpty && images.isEmpty }
    public var count: Int { containers.count + sandboxes.count + images.count }
    public var imageBytes: Int64 { images.reduce(0) { $0 &+ $1.entry.image.sizeBytes } }

    public static func == (a: Changes, b: Changes) -> Bool {
      a.containers.elementsEqual(b.containers) { $0.entry == $1.entry && $0.baseReason == $1.baseReason }
        && a.sandboxes.elementsEqual(b.sandboxes) { $0.entry == $1.entry && $0.baseReason == $1.baseReason }
        && a.images.elementsEqual(b.images) { $0.entry == $1.entry && $0.baseReason == $1.baseReason }
    }

    public func hash(into hasher: inout Hasher) {
      for c in containers { hasher.combine(c.entry); hasher.combine(c.baseReason) }
      for s in sandboxes { hasher.combine(s.entry); hasher.combine(s.baseReason) }
      for i in images { hasher.combine(i.entry); hasher.combine(i.baseReason) }
    }
  }

  public var node: String
  public var added = Deletions()
  public var removed = Deletions()
  public var changed = Changes()

  /// Whether the two policies plan the same deletions, for the same reasons, on this node.
  public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }

  /// The difference from the `base` plan to the `head` plan of one node.
  public init(base: Plan, head: Plan) {
    node = head.node
    (added.containers, removed.containers, changed.containers) = Self.compare(base.containers, head.containers) {
      $0.container.id
    }
    (added.sandboxes, removed.sandboxes, changed.sandboxes) = Self.compare(base.sandboxes, head.sandboxes) {
      $0.sandbox.id
    }
    (added.images, removed.images, changed.images) = Self.compare(base.images, head.images) { $0.image.id }
    // A log directory has one reason: it is added or removed, never changed.
    let baseDirs = Set(base.podLogDirs.map { Array($0.name.utf8) })
    let headDirs = Set(head.podLogDirs.map { Array($0.name.utf8) })
    added.podLogDirs = head.podLogDirs.filter { !baseDirs.contains(Array($0.name.utf8)) }
    removed.podLogDirs = base.podLogDirs.filter { !headDirs.contains(Array($0.name.utf8)) }
  }

  private static func compare<E, R: Equatable>(
    _ base: [E], _ head: [E], id: (E) -> String
  ) -> (added: [E], removed: [E], changed: [(entry: E, baseReason: R)]) where E: ReasonedEntry, E.Reason == R {
    var baseByID: [[UInt8]: R] = [:]
    for e in base { baseByID[Array(id(e).utf8)] = e.reason }
    var headIDs = Set<[UInt8]>()
    var added: [E] = [], changed: [(entry: E, baseReason: R)] = []
    for e in head {
      let key = Array(id(e).utf8)
      headIDs.insert(key)
      if let reason = baseByID[key] {
        if reason != e.reason { changed.append((e, reason)) }
      } else {
        added.append(e)
      }
    }
    let removed = base.filter { !headIDs.contains(Array(id($0).utf8)) }
    return (added, removed, changed)
  }
}

/// A manifest entry with a reason, for `PlanDiff`'s one comparison of all kinds.
protocol ReasonedEntry {
  associatedtype Reason: Equatable
  var reason: Reason { get }
}

extension ContainerEntry: ReasonedEntry where Reason: Equatable {}
extension SandboxEntry: ReasonedEntry where Reason: Equatable {}
extension ImageEntry: ReasonedEntry where Reason: Equatable {}
