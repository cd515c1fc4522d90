import ReclaimPolicy

/// What one `PolicyTest` came to: passed, or the expectations it failed.
public struct PolicyTestOutcome: Sendable, Hashable {
  /// The test's `metadata.name`.
  public var name: String
  /// The test's file, as the walk named it.
  public var file: String
  /// Where `metadata.name` is written.
  public var origin: PolicySet.Origin
  /// Every expectation that did not hold, in the order they are checked
  /// (deleted, kept — each by containers, sandboxes, podLogDirs, images —
  /// then summary, then warnings).
  public var failures: [PolicyTestFailure]

  public init(name: String, file: String, origin: PolicySet.Origin, failures: [PolicyTestFailure]) {
    self.name = name
    self.file = file
    self.origin = origin
    self.failures = failures
  }

  public var passed: Bool { failures.isEmpty }
}
