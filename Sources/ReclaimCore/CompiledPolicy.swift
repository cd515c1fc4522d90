/// The node-wide container GC values: the kubelet's `ContainerGCPolicy`.
public struct ContainerGCPolicy: Sendable, Hashable {
  /// `--minimum-container-ttl-duration`, in nanoseconds.
  public var minAge: Int64
  /// `--maximum-dead-containers-per-container`; < 0 means no limit.
  public var maxPerPodContainer: Int
  /// `--maximum-dead-containers`; < 0 means no limit.
  public var maxContainers: Int

  public init(minAge: Int64 = 0, maxPerPodContainer: Int = 1, maxContainers: Int = -1) {
    self.minAge = minAge
    self.maxPerPodContainer = maxPerPodContainer
    self.maxContainers = maxContainers
  }
}

/// The node-wide image GC values: the kubelet's `ImageGCPolicy` plus `protect`.
public struct ImageGCPolicy: Sendable, Hashable {
  public var highThresholdPercent: Int
  public var lowThresholdPercent: Int
  /// `imageMinimumGCAge`, in nanoseconds.
  public var minAge: Int64
  /// `imageMaximumGCAge`, in nanoseconds; 0 is off.
  public var maxAge: Int64
  /// Glob patterns of image references that are never deleted (sorted, unique).
  public var protect: [String]

  public init(
    highThresholdPercent: Int = 85, lowThresholdPercent: Int = 80,
    minAge: Int64 = 120_000_000_000, maxAge: Int64 = 0, protect: [String] = []
  ) {
    self.highThresholdPercent = highThresholdPercent
    self.lowThresholdPercent = lowThresholdPercent
    self.minAge = minAge
    self.maxAge = maxAge
    self.protect = protect
  }
}

/// The container GC fields a `NamespaceOverride` sets (absent ones inherit).
public struct ContainerGCOverride: Sendable, Hashable {
  public var minAge: Int64?
  public var maxPerPodContainer: Int?
  public var maxContainers: Int?

  public init(minAge: Int64? = nil, maxPerPodContainer: Int? = nil, maxContainers: Int? = nil) {
    self.minAge = minAge
    self.maxPerPodContainer = maxPerPodContainer
    self.maxContainers = maxContainers
  }

  public var isEmpty: Bool { minAge == nil && maxPerPodContainer == nil && maxContainers == nil }
}

/// The image GC fields a `NamespaceOverride` may set.
public struct ImageGCOverride: Sendable, Hashable {
  public var minAge: Int64?
  public var maxAge: Int64?

  public init(minAge: Int64? = nil, maxAge: Int64? = nil) {
    self.minAge = minAge
    self.maxAge = maxAge
  }

  public var isEmpty: Bool { minAge == nil && maxAge == nil }
}

/// One compiled `NamespaceOverride`.
public struct NamespaceOverride: Sendable, Hashable {
  public var name: String
  /// Exact names and globs, sorted byte-wise, without duplicates.
  public var namespaces: [String] {
    didSet { shapes = namespaces.map(EntryShape.init) }
  }
  public var containerGC: ContainerGCOverride
  public var imageGC: ImageGCOverride
  /// What `specificity` needs of each entry of `namespaces`, worked out once
  /// rather than at every resolution (each namespace of each plan).
  private var shapes: [EntryShape]

  private struct EntryShape: Sendable, Hashable {
    var wildcard: Bool
    var literals: Int

    init(_ entry: String) {
      let glob = Glob(entry)
      wildcard = glob.hasWildcard
      literals = glob.literalCount
    }
  }

  public init(
    name: String, namespaces: [String], containerGC: ContainerGCOverride = .init(),
    imageGC: ImageGCOverride = .init()
  ) {
    self.name = name
    self.namespaces = namespaces
    self.containerGC = containerGC
    self.imageGC = imageGC
    shapes = namespaces.map(EntryShape.init)
  }

  /// How specifically this override matches `namespace`, by its most specific
  /// matching entry; `nil` when no entry matches.
  public func specificity(for namespace: String) -> Specificity? {
    var best: Specificity?
    for e in namespaces.indices {
      let shape = shapes[e]
      let rank: Specificity
      if !shape.wildcard {
        // Byte equality, as the kubelet's Go strings compare.
        guard namespaces[e].utf8.elementsEqual(namespace.utf8) else { continue }
        rank = Specificity(exact: true, literals: shape.literals)
      } else {
        guard Glob(namespaces[e]).matches(namespace) else { continue }
        rank = Specificity(exact: false, literals: shape.literals)
      }
      if best.map({ $0 < rank }) ?? true { best = rank }
    }
    return best
  }

  /// Rank of a match: a glob ranks below an exact name; among globs, more
  /// literal characters rank higher.
  public struct Specificity: Sendable, Hashable, Comparable {
    public var exact: Bool
    public var literals: Int

    public static func < (a: Specificity, b: Specificity) -> Bool {
      if a.exact != b.exact { return !a.exact }
      return a.literals < b.literals
    }
  }
}

/// The values in force for one namespace after overrides are applied.
public struct NamespacePolicy: Sendable, Hashable {
  public var containerMinAge: Int64
  public var maxPerPodContainer: Int
  public var maxContainers: Int
  /// Whether `maxContainers` came from a `NamespaceOverride` (semantics step 4).
  public var maxContainersFromOverride: Bool
  public var imageMinAge: Int64
  public var imageMaxAge: Int64

  public init(
    containerMinAge: Int64, maxPerPodContainer: Int, maxContainers: Int,
    maxContainersFromOverride: Bool, imageMinAge: Int64, imageMaxAge: Int64
  ) {
    self.containerMinAge = containerMinAge
    self.maxPerPodContainer = maxPerPodContainer
    self.maxContainers = maxContainers
    self.maxContainersFromOverride = maxContainersFromOverride
    self.imageMinAge = imageMinAge
    self.imageMaxAge = imageMaxAge
  }
}

/// A resolved policy set: what `reclaim compile` writes and the engine reads.
public struct CompiledPolicy: Sendable, Hashable {
  public var containerGC: ContainerGCPolicy
  public var imageGC: ImageGCPolicy
  /// Sorted by `name`.
  public var namespaceOverrides: [NamespaceOverride] {
    didSet { matcher = NamespaceMatcher(namespaceOverrides) }
  }
  /// `resolve`'s lookup over `namespaceOverrides`, made whenever they change
  /// rather than at every resolution (each namespace of each plan).
  private var matcher: NamespaceMatcher

  public init(
    containerGC: ContainerGCPolicy = .init(), imageGC: ImageGCPolicy = .init(),
    namespaceOverrides: [NamespaceOverride] = []
  ) {
    self.containerGC = containerGC
    self.imageGC = imageGC
    let sorted = namespaceOverrides.sorted {
      $0.name.utf8.lexicographicallyPrecedes($1.name.utf8)
    }
    self.namespaceOverrides = sorted
    matcher = NamespaceMatcher(sorted)
  }

  /// The node-wide values, as they apply to objects in no namespace.
  public var global: NamespacePolicy {
    NamespacePolicy(
      containerMinAge: containerGC.minAge, maxPerPodContainer: containerGC.maxPerPodContainer,
      maxContainers: containerGC.maxContainers, maxContainersFromOverride: false,
      imageMinAge: imageGC.minAge, imageMaxAge: imageGC.maxAge)
  }

  /// The overrides matching `namespace`, in the order they are applied:
  /// least specific first; on equal rank the later name first, so that the
  /// byte-wise smaller name wins.
  public func matchingOverrides(for namespace: String) -> [NamespaceOverride] {
    var matches: [(NamespaceOverride, NamespaceOverride.Specificity)] = []
    for override in namespaceOverrides {
      if let rank = override.specificity(for: namespace) { matches.append((override, rank)) }
    }
    matches.sort { a, b in
      if a.1 != b.1 { return a.1 < b.1 }
      return b.0.name.utf8.lexicographicallyPrecedes(a.0.name.utf8)
    }
    return matches.map(\.0)
  }

  /// The effective values for `namespace` (`nil`: an object in no namespace).
  ///
  /// Equal to `resolveTryingEveryEntry` for every namespace (tested); it
  /// looks the namespace up in the precomputed `NamespaceMatcher` instead of
  /// trying each entry of each override.
  public func resolve(namespace: String?) -> NamespacePolicy {
    guard let namespace else { return global }
    return matcher.resolve(namespace, global: global)
  }

  /// The general resolution: every entry of every override is tried. The
  /// definition `resolve`'s lookup is tested against.
  package func resolveTryingEveryEntry(namespace: String?) -> NamespacePolicy {
    var result = global
    guard let namespace else { return result }
    // Applying `matchingOverrides` in order leaves, per field, the value of
    // the last override applied that sets it: the most specific; on equal
    // rank the byte-wise smallest name; on equal names the later one here
    // (the sort is stable). Picking that override per field directly, in one
    // pass, gives the same values without building and sorting an array.
    var containerMinAge, maxPerPodContainer, maxContainers, imageMinAge, imageMaxAge: Pick?
    for override in namespaceOverrides {
      guard let rank = override.specificity(for: namespace) else { continue }
      let pick = Pick(rank: rank, name: override.name)
      if let v = override.containerGC.minAge, pick.beats(containerMinAge) {
        result.containerMinAge = v
        containerMinAge = pick
      }
      if let v = override.containerGC.maxPerPodContainer, pick.beats(maxPerPodContainer) {
        result.maxPerPodContainer = v
        maxPerPodContainer = pick
      }
      if let v = override.containerGC.maxContainers, pick.beats(maxContainers) {
        result.maxContainers = v
        result.maxContainersFromOverride = true
        maxContainers = pick
      }
      if let v = override.imageGC.minAge, pick.beats(imageMinAge) {
        result.imageMinAge = v
        imageMinAge = pick
      }
      if let v = override.imageGC.maxAge, pick.beats(imageMaxAge) {
        result.imageMaxAge = v
        imageMaxAge = pick
      }
    }
    return result
  }

  /// The override whose value a field currently has, in `resolve`.
  private struct Pick {
    var rank: NamespaceOverride.Specificity
    var name: String

    /// Whether this override, later in `namespaceOverrides`, would be
    /// applied after `current` by `matchingOverrides`' order.
    func beats(_ current: Pick?) -> Bool {
      guard let current else { return true }
      if rank != current.rank { return current.rank < rank }
      return !current.name.utf8.lexicographicallyPrecedes(name.utf8)
    }
  }

  /// The `policy` object of the compiled form (docs/reference/policy.md), whose compact
  /// canonical text the digest is taken over.
  public var policyJSON: JSONValue {
    var overrides: [JSONValue] = []
    for o in namespaceOverrides {
      var members: [String: JSONValue] = [
        "name": .string(o.name), "namespaces": .array(o.namespaces.map(JSONValue.string)),
      ]
      var container: [String: JSONValue] = [:]
      if let v = o.containerGC.minAge { container["minAge"] = .string(GoDuration.format(v)) }
      if let v = o.containerGC.maxPerPodContainer { container["maxPerPodContainer"] = .int(Int64(v)) }
      if let v = o.containerGC.maxContainers { container["maxContainers"] = .int(Int64(v)) }
      if !container.isEmpty { members["containerGC"] = .object(container) }
      var image: [String: JSONValue] = [:]
      if let v = o.imageGC.minAge { image["minAge"] = .string(GoDuration.format(v)) }
      if let v = o.imageGC.maxAge { image["maxAge"] = .string(GoDuration.format(v)) }
      if !image.isEmpty { members["imageGC"] = .object(image) }
      overrides.append(.object(members))
    }
    return .object([
      "containerGC": .object([
        "minAge": .string(GoDuration.format(containerGC.minAge)),
        "maxPerPodContainer": .int(Int64(containerGC.maxPerPodContainer)),
        "maxContainers": .int(Int64(containerGC.maxContainers)),
      ]),
      "imageGC": .object([
        "highThresholdPercent": .int(Int64(imageGC.highThresholdPercent)),
        "lowThresholdPercent": .int(Int64(imageGC.lowThresholdPercent)),
        "minAge": .string(GoDuration.format(imageGC.minAge)),
        "maxAge": .string(GoDuration.format(imageGC.maxAge)),
        "protect": .array(imageGC.protect.map(JSONValue.string)),
      ]),
      "namespaceOverrides": .array(overrides),
    ])
  }
}
