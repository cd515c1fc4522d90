import ReclaimCore

/// The policy values in force for each namespace of one snapshot.
///
/// Each distinct namespace (by its bytes) is numbered and resolved once, when
/// first seen: resolution matches globs, and a node has few namespaces but
/// many objects. Resolution is a function of the namespace's bytes alone, so
/// no result depends on the order in which namespaces are met. Objects refer
/// to their namespace by id; `none` (-1) is no namespace, and without
/// overrides every namespace is `none`, since all resolve to the global
/// values and nothing needs numbering.
struct NamespacePolicies {
  static let none = -1

  let policy: CompiledPolicy
  let global: NamespacePolicy
  let hasOverrides: Bool
  private var ids: StringIDs
  /// The resolved values of each namespace id.
  private var resolved: [NamespacePolicy] = []

  init(_ policy: CompiledPolicy) {
    self.policy = policy
    global = policy.global
    hasOverrides = !policy.namespaceOverrides.isEmpty
    ids = StringIDs(expected: hasOverrides ? 16 : 0)
    if hasOverrides { resolved.reserveCapacity(16) }
  }

  /// The id of `namespace`, resolving it when new.
  mutating func id(_ namespace: String?) -> Int {
    guard hasOverrides, let namespace else { return Self.none }
    return resolving(ids.id(namespace), namespace)
  }

  /// `id(_:)` of the namespace stored at `field`, `nil` or not.
  @inline(__always) mutating func id(_ field: StoredString) -> Int {
    guard hasOverrides, !field.isNil else { return Self.none }
    return resolving(ids.id(field), field.value)
  }

  /// `id`, the number `ids` gave `namespace`, with its values resolved
  /// when it is new.
  @inline(__always)
  private mutating func resolving(_ id: Int, _ namespace: @autoclosure () -> String) -> Int {
    if id == resolved.count { resolved.append(policy.resolve(namespace: namespace())) }
    assert(id < resolved.count, "ids are dense and each is resolved when handed out")
    return id
  }

  /// The number of namespace ids handed out: every id is below it.
  var count: Int { resolved.count }

  /// The values in force for namespace `id`.
  subscript(_ id: Int) -> NamespacePolicy {
    id == Self.none ? global : resolved[id]
  }
}
