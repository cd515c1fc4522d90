import ReclaimCore

/// A policy ready for planning, with the notes loading it produced
/// (empty files ignored, "no GCPolicy: kubelet defaults apply").
public struct LoadedPolicy: Sendable {
  public var policy: CompiledPolicy
  public var notes: [Diagnostic]

  public init(policy: CompiledPolicy, notes: [Diagnostic]) {
    self.policy = policy
    self.notes = notes
  }
}

/// Everything a check of a policy set found: what `reclaim validate` reports.
public struct PolicyCheck: Sendable {
  /// The compiled policy; `nil` when any diagnostic is an error.
  public var policy: CompiledPolicy?
  /// Errors, warnings and notes, sorted.
  public var diagnostics: [Diagnostic]
  /// How many YAML files were read (0 for a compiled JSON file), not
  /// counting files that hold only `PolicyTest` documents.
  public var files: Int
  /// How many documents of each kind were compiled.
  public var gcPolicies: Int
  public var namespaceOverrides: Int
  /// Whether the input was a compiled JSON file rather than YAML.
  public var fromCompiledJSON: Bool
  /// The `PolicyTest` documents found in the set, set aside unread for
  /// `reclaim test` (files not counted in `files` when they hold nothing else).
  public var tests: [PolicySet.TestSource] = []

  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  public var notes: [Diagnostic] { diagnostics.filter { $0.severity != .error } }
}
