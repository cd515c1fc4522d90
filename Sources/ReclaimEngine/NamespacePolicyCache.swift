import ReclaimCore

/// Resolves each namespace once per plan: resolution matches globs, and a
/// node has few namespaces but many objects.
struct NamespacePolicyCache {
  let policy: CompiledPolicy
  let global: NamespacePolicy
  private var cache: [String: NamespacePolicy] = [:]

  init(_ policy: CompiledPolicy) {
    self.policy = policy
    self.global = policy.global
  }

  mutating func resolve(_ namespace: String?) -> NamespacePolicy {
    guard let namespace else { return global }
    if policy.namespaceOverrides.isEmpty { return global }
    if let hit = cache[namespace] { return hit }
    let value = policy.resolve(namespace: namespace)
    cache[namespace] = value
    return value
  }
}
