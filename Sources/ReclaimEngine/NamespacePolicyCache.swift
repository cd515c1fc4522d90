import ReclaimCore

/// Resolves each distinct namespace once per plan: resolution matches globs,
/// and a node has few namespaces but many objects. Objects refer to their
/// namespace's policy by id afterwards (-1: the global values).
struct NamespacePolicyCache {
  let policy: CompiledPolicy
  let global: NamespacePolicy
  /// Without overrides every namespace resolves to `global`, and nothing
  /// needs numbering.
  let hasOverrides: Bool
  private var ids: StringIDs
  /// Name and resolved values of each id.
  private(set) var names: [String] = []
  private var resolved: [NamespacePolicy] = []

  init(_ policy: CompiledPolicy) {
    self.policy = policy
    self.global = policy.global
    self.hasOverrides = !policy.namespaceOverrides.isEmpty
    ids = StringIDs(expected: hasOverrides ? 16 : 0)
  }

  /// The id of `namespace`, resolving it on first sight; -1 for no
  /// namespace, or for every namespace when there are no overrides.
  mutating func id(_ namespace: String?) -> Int {
    guard hasOverrides, let namespace else { return -1 }
    let id = ids.id(namespace)
    if id == resolved.count {
      names.append(namespace)
      resolved.append(policy.resolve(namespace: namespace))
    }
    return id
  }

  /// The values in force for namespace `id`.
  @inline(__always)
  func resolve(_ id: Int) -> NamespacePolicy { id < 0 ? global : resolved[id] }
}
