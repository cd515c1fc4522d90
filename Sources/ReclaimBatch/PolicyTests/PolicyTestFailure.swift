import ReclaimPolicy

/// One expectation of a `PolicyTest` that the plan did not meet.
public struct PolicyTestFailure: Sendable, Hashable, CustomStringConvertible {
  /// Which expectation, as the test spells it (`expect.deleted.containers`).
  public var expectation: String
  /// What was expected and what was planned
  /// (`missing ["a" (kept: running)]; unexpected ["b" (pod-removed)]`).
  public var message: String
  /// Where the expectation is written (its key).
  public var origin: PolicySet.Origin

  public init(expectation: String, message: String, origin: PolicySet.Origin) {
    self.expectation = expectation
    self.message = message
    self.origin = origin
  }

  /// `expect.deleted.containers: missing […]`, the line under a `FAIL`.
  public var description: String { "\(expectation): \(message)" }
}
