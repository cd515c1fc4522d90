import ReclaimCore

/// Resolves each distinct namespace once per plan: resolution matches globs,
/// and a node has few namespaces but many objects. Objects refer to their
/// namespace by id (-1: no namespace).
struct NamespacePolicyCache {
  let policy: CompiledPolicy
  let global: NamespacePolicy
  /// Without overrides every namespace resolves to `global`, and nothing
  /// needs numbering.
  let hasOverrides: Bool
  private var ids: StringIDs
  private var resolved: [NamespacePolicy?] = []

  init(_ policy: CompiledPolicy) {
    self.policy = policy
    self.global = policy.global
    self.hasOverrides = !policy.namespaceOverrides.isEmpty
    ids = StringIDs(expected: hasOverrides ? 16 : 0)
    if hasOverrides { resolved.reserveCapacity(16) }
  }

  /// The id of `namespace`; -1 for no namespace, or for every namespace
  /// when there are no overrides.
  mutating func id(_ namespace: String?) -> Int {
    guard hasOverrides, let namespace else { return -1 }
    let id = ids.id(namespace)
    if id == resolved.count { resolved.append(nil) }
    return id
  }

  /// The values in force for namespace `id`, spelt `spelling` by the object
  /// at hand.
  ///
  /// Ids follow `String` equality (canonical equivalence), but glob matching
  /// works on scalars and could tell two equivalent spellings apart; like
  /// the String-keyed cache this replaces, the first spelling resolved
  /// decides for all, so callers resolve in the order that cache did.
  mutating func resolve(_ id: Int, spelling: String?) -> NamespacePolicy {
    guard id >= 0, let spelling else { return global }
    if let hit = resolved[id] { return hit }
    let value = policy.resolve(namespace: spelling)
    resolved[id] = value
    return value
  }
}
