import ReclaimCore

/// Everything a `reclaim test` run found: the problems that stopped it, or
/// the outcome of every test, by policy set.
public struct PolicyTestRun: Sendable, Hashable {
  /// One policy set (a DIR given) and its tests, by file path (byte-wise)
  /// then document index.
  public struct Suite: Sendable, Hashable {
    /// The DIR as given.
    public var path: String
    public var outcomes: [PolicyTestOutcome]

    public init(path: String, outcomes: [PolicyTestOutcome]) {
      self.path = path
      self.outcomes = outcomes
    }
  }

  /// The sets in the order given. Without outcomes when the run is invalid.
  public var suites: [Suite]
  /// Errors, warnings and notes of the test documents and the policies
  /// they test, sorted. Any error means no test was run.
  public var diagnostics: [Diagnostic]

  public init(suites: [Suite], diagnostics: [Diagnostic]) {
    self.suites = suites
    self.diagnostics = diagnostics
  }

  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

  /// Whether the tests could be run (no document or policy is invalid).
  public var isValid: Bool { !diagnostics.contains { $0.severity == .error } }

  /// Every outcome, suite by suite.
  public var outcomes: [PolicyTestOutcome] { suites.flatMap(\.outcomes) }

  public var passed: Int { outcomes.count { $0.passed } }
  public var failed: Int { outcomes.count { !$0.passed } }

  /// The exit code (docs/policy.md, "Policy tests"): 0 when every test
  /// passed, 1 when one failed or the run was invalid.
  public var status: Int32 { isValid && failed == 0 ? PlanBatch.ExitStatus.success : PlanBatch.ExitStatus.badInput }
}
