import ReclaimCore
import ReclaimYAML

/// A `PolicyTest` document (docs/policy.md, "Policy tests"): a snapshot, the
/// policy to plan it under, and what the plan must and must not delete.
///
/// Read from the YAML the policy compiler set aside (`read`), with every
/// value's place kept so that a failed expectation can point at the line
/// that states it. Planning and checking are `reclaim test`'s runner's
/// (ReclaimBatch): this type knows YAML, not snapshots.
public struct PolicyTestDocument: Sendable, Hashable {
  /// The GC the test plans (the engine's `GCMode`, by name).
  public enum Mode: String, Sendable, Hashable, CaseIterable {
    case periodic
    case diskPressure = "disk-pressure"
  }

  /// The kinds of object a manifest deletes, by their manifest key.
  public enum ObjectKind: String, Sendable, Hashable, CaseIterable {
    case containers, sandboxes, podLogDirs, images
  }

  /// The counts of a manifest's `summary`, by their key.
  public enum SummaryCount: String, Sendable, Hashable, CaseIterable {
    case containers, sandboxes, podLogDirs, images, imageBytes
  }

  /// A list of ids as written (duplicates dropped, order kept), with the
  /// place of its key.
  public struct IDList: Sendable, Hashable {
    public var ids: [String]
    public var origin: PolicySet.Origin

    public init(ids: [String], origin: PolicySet.Origin) {
      self.ids = ids
      self.origin = origin
    }
  }

  /// An expected summary count, with the place of its key.
  public struct Count: Sendable, Hashable {
    public var value: Int64
    public var origin: PolicySet.Origin

    public init(value: Int64, origin: PolicySet.Origin) {
      self.value = value
      self.origin = origin
    }
  }

  /// A warning code that must appear, with its place (the runner checks it
  /// against the engine's codes).
  public struct Code: Sendable, Hashable {
    public var code: String
    public var origin: PolicySet.Origin

    public init(code: String, origin: PolicySet.Origin) {
      self.code = code
      self.origin = origin
    }
  }

  /// `metadata.name`.
  public var name: String
  /// The file, as the walk named it.
  public var file: String
  /// The document's place in its file, from 0 (tests run by file, then this).
  public var index: Int
  /// Where `metadata.name` is written: the test's own place.
  public var origin: PolicySet.Origin
  /// `spec.snapshot` as written, and its place.
  public var snapshot: String
  public var snapshotOrigin: PolicySet.Origin
  /// `spec.mode`, `periodic` when not given.
  public var mode: Mode
  /// `spec.policy` as written and its place; `nil`: the set the test is in.
  public var policy: String?
  public var policyOrigin: PolicySet.Origin?
  /// `spec.expect.deleted`: the kinds listed, each an exact set unless `partial`.
  public var deleted: [ObjectKind: IDList]
  /// `spec.expect.kept`: ids that must be in the snapshot and not deleted.
  public var kept: [ObjectKind: IDList]
  /// `spec.expect.summary`: the counts given.
  public var summary: [SummaryCount: Count]
  /// `spec.expect.warnings`: codes that must appear; `nil` when not given.
  public var warnings: [Code]?
  /// Where `spec.expect.warnings` is written.
  public var warningsOrigin: PolicySet.Origin?
  /// `spec.expect.partial`: listed deletions must happen, others may too.
  public var partial: Bool

  public init(
    name: String, file: String, index: Int, origin: PolicySet.Origin, snapshot: String,
    snapshotOrigin: PolicySet.Origin, mode: Mode = .periodic, policy: String? = nil,
    policyOrigin: PolicySet.Origin? = nil, deleted: [ObjectKind: IDList] = [:], kept: [ObjectKind: IDList] = [:],
    summary: [SummaryCount: Count] = [:], warnings: [Code]? = nil, warningsOrigin: PolicySet.Origin? = nil,
    partial: Bool = false
  ) {
    self.name = name
    self.file = file
    self.index = index
    self.origin = origin
    self.snapshot = snapshot
    self.snapshotOrigin = snapshotOrigin
    self.mode = mode
    self.policy = policy
    self.policyOrigin = policyOrigin
    self.deleted = deleted
    self.kept = kept
    self.summary = summary
    self.warnings = warnings
    self.warningsOrigin = warningsOrigin
    self.partial = partial
  }

  /// The snapshot's path: `spec.snapshot` relative to the test file.
  public var snapshotPath: String { resolve(snapshot) }

  /// The policy's path: `spec.policy` relative to the test file.
  public var policyPath: String? { policy.map(resolve) }

  /// `relative` read from the directory of the test file (an absolute path
  /// as it is), cleaned lexically as Go's `filepath.Clean` does —
  /// `policies/tests/../x` is `policies/x` — so that messages name the file
  /// plainly and two spellings of one file are read once. A trailing `/`
  /// is kept (it says "a directory").
  public func resolve(_ relative: String) -> String {
    var joined = relative
    if !relative.hasPrefix("/"), let slash = file.lastIndex(of: "/") { joined = String(file[...slash]) + relative }
    return Self.clean(joined)
  }

  static func clean(_ path: String) -> String {
    let absolute = path.hasPrefix("/")
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..":
        if let last = parts.last, last != ".." {
          parts.removeLast()
        } else if !absolute {
          parts.append(part)
        }
      default: parts.append(part)
      }
    }
    var cleaned = (absolute ? "/" : "") + parts.joined(separator: "/")
    if cleaned.isEmpty { cleaned = "." }
    if path.hasSuffix("/"), !cleaned.hasSuffix("/") { cleaned += "/" }
    return cleaned
  }
}
