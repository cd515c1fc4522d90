import ReclaimCore
import ReclaimInventory

/// Image GC (semantics.md): the kubelet's `GarbageCollect` (periodic mode)
/// or `DeleteUnusedImages` (disk-pressure mode) on one snapshot.
struct ImageGC {
  /// Effective last use (`nil`: the zero time) and first detection.
  var lastUsed: [Int64?]
  var firstDetected: [Int64]
  /// All images in the image eviction order.
  var evictionOrder: [Int]
  /// Removals in removal order: max-age first, then free space.
  var removals: [(index: Int, reason: ImageDeletionReason)] = []
  var kept: [ImageKeptReason?]
  var report: ImageFsReport
  var warnings: [PlanMessage] = []
  var errors: [PlanMessage] = []

  /// `containerNamespace`: each container's namespace id in `policies`
  /// (that of `ContainerGC.namespace(of:)`); `containerRemoved`: whether
  /// container GC removes each container in this plan.
  init(
    snapshot s: NodeSnapshot, mode: GCMode, policies: inout NamespacePolicyCache, containerNamespace: [Int],
    containerRemoved: [Bool]
  ) {
    let now = s.capturedAt.nanoseconds
    let imagePolicy = policies.policy.imageGC
    let images = s.images
    let n = images.count

    // Images by id: `key[i]` is the id of image i's id, shared by images
    // listed twice.
    var ids = StringIDs(expected: n)
    var key: [Int] = []
    key.reserveCapacity(n)
    // Element access by index throughout: copying an `Image` out of the
    // array would retain each of its strings and arrays.
    for i in images.indices { key.append(ids.id(images[i].id)) }

    // In use: the image of every container image GC sees, whatever its
    // state: all of the snapshot's in periodic mode, those container GC
    // kept in disk-pressure mode (the eviction manager runs the two in one
    // pass). The containers with a namespace of image key k, removed or
    // not, in snapshot order, are `users[userStart[k]..<userStart[k + 1]]`
    // (one array for all keys).
    let sequential = mode == .diskPressure
    var inUse = Array(repeating: false, count: ids.count)
    var containerImage = Array(repeating: -1, count: s.containers.count)
    var userStart = Array(repeating: 0, count: ids.count + 1)
    for c in s.containers.indices {
      guard let k = ids.find(s.containers[c].imageId) else { continue }
      containerImage[c] = k
      if !(sequential && containerRemoved[c]) { inUse[k] = true }
      if containerNamespace[c] >= 0 { userStart[k + 1] += 1 }
    }
    for k in 0..<ids.count { userStart[k + 1] += userStart[k] }
    var users = Array(repeating: 0, count: userStart[ids.count])
    var fill = userStart
    for c in s.containers.indices where containerImage[c] >= 0 && containerNamespace[c] >= 0 {
      users[fill[containerImage[c]]] = c
      fill[containerImage[c]] += 1
    }

    let defaultFirstDetected = (s.kubeletStartedAt ?? s.capturedAt).nanoseconds
    lastUsed = images.indices.map { inUse[key[$0]] ? now : images[$0].lastUsedAt?.nanoseconds }
    firstDetected = images.indices.map { images[$0].firstDetectedAt?.nanoseconds ?? defaultFirstDetected }
    let lastUsed = self.lastUsed
    let firstDetected = self.firstDetected
    evictionOrder = ContainerGC.sortedByKey(
      images.indices.map { (EvictionKey(lastUsed: lastUsed[$0], firstDetected: firstDetected[$0]), $0) }
    ) { a, b in ByteOrder.less(images[a].id, images[b].id) }
    kept = Array(repeating: nil, count: n)

    // Effective minAge / maxAge per image: the most protective over the
    // namespaces of its containers and its own `namespaces`. Without
    // overrides every namespace resolves to the global values, which are the
    // defaults already. The fold is idempotent, so a namespace seen twice
    // needs no set; namespaces are resolved in the order of the sets this
    // replaces (images in order; containers' namespaces, then the image's).
    var minAge = Array(repeating: imagePolicy.minAge, count: n)
    var maxAge = Array(repeating: imagePolicy.maxAge, count: n)
    if policies.hasOverrides {
      for i in 0..<n {
        var fold = AgeFold()
        for c in users[userStart[key[i]]..<userStart[key[i] + 1]] {
          fold.add(policies.resolve(containerNamespace[c], spelling: s.containers[c].namespace))
        }
        for ns in images[i].namespaces {
          let id = policies.id(ns)
          fold.add(policies.resolve(id, spelling: ns))
        }
        guard fold.any else { continue }
        minAge[i] = fold.minAge
        maxAge[i] = fold.off ? 0 : fold.maxAge
      }
    }

    // Candidates: not in use, not pinned, not protected.
    let protect = imagePolicy.protect.map(Glob.init)
    // The lists below hold at most every image: room up front spares them
    // their growth by doubling.
    var candidates: [Int] = []
    candidates.reserveCapacity(n)
    removals.reserveCapacity(n)
    for i in evictionOrder {
      if inUse[key[i]] {
        kept[i] = .inUse
      } else if images[i].pinned {
        kept[i] = .pinned
      } else if Self.isProtected(images, i, protect) {
        kept[i] = .protected
      } else {
        candidates.append(i)
      }
    }

    // The figures as captured; the clamp only feeds the arithmetic.
    let capacity = s.imageFs.capacityBytes
    var available = s.imageFs.availableBytes
    if available > capacity {
      warnings.append(
        PlanMessage(
          .availableExceedsCapacity,
          "imageFs availableBytes \(available) exceeds capacityBytes \(capacity): using \(capacity)"))
      available = capacity
    }
    available = max(available, 0)
    let usagePercent: Int64? = capacity > 0 ? 100 - SaturatingMath.mulDiv(available, 100, capacity) : nil
    report = ImageFsReport(
      capacityBytes: s.imageFs.capacityBytes, availableBytes: s.imageFs.availableBytes,
      usagePercent: usagePercent, highThresholdPercent: imagePolicy.highThresholdPercent,
      lowThresholdPercent: imagePolicy.lowThresholdPercent,
      bytesToFree: mode == .periodic && capacity > 0 ? 0 : nil, bytesFreed: 0, maxAgeBytes: 0)

    let periodic = mode == .periodic
    if periodic && imagePolicy.highThresholdPercent >= 100 && imagePolicy.maxAge == 0 {
      // The kubelet does not start periodic image GC at all.
      keepWithoutFreeing(candidates, now: now, minAge: minAge)
      return
    }

    // Step 2: max age (periodic only).
    if periodic {
      if s.kubeletStartedAt == nil, candidates.contains(where: { maxAge[$0] > 0 }) {
        warnings.append(
          PlanMessage(
            .kubeletStartUnknown,
            "kubeletStartedAt is absent: assumed long enough ago for the maxAge guard to pass"))
      }
      var remaining: [Int] = []
      remaining.reserveCapacity(candidates.count)
      for i in candidates {
        let limit = maxAge[i]
        let guardPassed = s.kubeletStartedAt.map { SaturatingMath.sub(now, $0.nanoseconds) > limit } ?? true
        let age = lastUsed[i].map { SaturatingMath.sub(now, $0) } ?? .max
        if limit > 0, guardPassed, age > limit {
          removals.append((i, .maxAge))
          report.maxAgeBytes = SaturatingMath.add(report.maxAgeBytes, images[i].sizeBytes)
        } else {
          remaining.append(i)
        }
      }
      candidates = remaining
    }

    // Step 3: how much to free.
    var bytesToFree = Int64.max
    if periodic {
      guard capacity > 0 else {
        errors.append(
          PlanMessage(.invalidCapacity, "invalid capacity 0 on image filesystem: image GC by disk usage cannot run"))
        keepWithoutFreeing(candidates, now: now, minAge: minAge)
        return
      }
      guard let usage = usagePercent, usage >= Int64(imagePolicy.highThresholdPercent) else {
        keepWithoutFreeing(candidates, now: now, minAge: minAge)
        return
      }
      let lowFraction = Int64(min(max(100 - imagePolicy.lowThresholdPercent, 0), 100))
      bytesToFree = SaturatingMath.mulDiv(capacity, lowFraction, 100) - available
      report.bytesToFree = bytesToFree
    }

    // Step 4: free space, oldest first; the test follows each removal.
    let reason: ImageDeletionReason = periodic ? .diskUsage : .diskPressure
    var freed: Int64 = 0
    var freedImages: [Int] = []
    var freedBefore: [Int64] = []
    freedImages.reserveCapacity(candidates.count)
    freedBefore.reserveCapacity(candidates.count)
    for i in candidates {
      if let used = lastUsed[i], used >= now {
        kept[i] = .usedAtCapture
        continue
      }
      if SaturatingMath.sub(now, firstDetected[i]) < minAge[i] {
        kept[i] = .youngerThanMinAge
        continue
      }
      if freed >= bytesToFree && !freedImages.isEmpty {
        kept[i] = .enoughFreed
        continue
      }
      freedImages.append(i)
      freedBefore.append(freed)
      removals.append((i, reason))
      freed = SaturatingMath.add(freed, images[i].sizeBytes)
    }
    report.bytesFreed = freed

    if periodic {
      tieCheck(images: images, candidates: candidates, removed: freedImages, freedBefore: freedBefore, bytesToFree: bytesToFree)
      if freed < bytesToFree {
        warnings.append(
          PlanMessage(.imageGCShortfall, "wanted to free \(bytesToFree) bytes, but freed \(freed) bytes"))
      }
    }
  }

  /// Explain reasons when step 4 does not run: the skip rules still name
  /// what would have kept an image, else the threshold did.
  private mutating func keepWithoutFreeing(_ candidates: [Int], now: Int64, minAge: [Int64]) {
    for i in candidates {
      if let used = lastUsed[i], used >= now {
        kept[i] = .usedAtCapture
      } else if SaturatingMath.sub(now, firstDetected[i]) < minAge[i] {
        kept[i] = .youngerThanMinAge
      } else {
        kept[i] = .belowThreshold
      }
    }
  }

  /// The image eviction order before the id: least recently used first
  /// (never used before all), then first detected first.
  struct EvictionKey: Comparable {
    var lastUsed: Int64?
    var firstDetected: Int64

    static func < (a: EvictionKey, b: EvictionKey) -> Bool {
      if a.lastUsed != b.lastUsed {
        guard let x = a.lastUsed else { return true }
        guard let y = b.lastUsed else { return false }
        return x < y
      }
      return a.firstDetected < b.firstDetected
    }
  }

  /// The most protective image ages over a set of namespace policies.
  private struct AgeFold {
    var any = false
    var minAge = Int64.min
    var maxAge = Int64.min
    /// A namespace with maxAge 0 turns max age off for the image.
    var off = false

    mutating func add(_ p: NamespacePolicy) {
      any = true
      minAge = max(minAge, p.imageMinAge)
      if p.imageMaxAge == 0 { off = true } else { maxAge = max(maxAge, p.imageMaxAge) }
    }
  }

  /// Whether a `protect` glob matches image `i`'s id, a tag or a digest.
  static func isProtected(_ images: [NodeSnapshot.Image], _ i: Int, _ globs: [Glob]) -> Bool {
    guard !globs.isEmpty else { return false }
    for g in globs {
      if g.matches(images[i].id) { return true }
      for t in images[i].repoTags where g.matches(t) { return true }
      for d in images[i].repoDigests where g.matches(d) { return true }
    }
    return false
  }

  /// semantics.md: the group of eligible candidates sharing the last removed
  /// image's (lastUsed, firstDetected) has ≥ 2 members and another order
  /// within it could stop elsewhere.
  private mutating func tieCheck(
    images: [NodeSnapshot.Image], candidates: [Int], removed: [Int], freedBefore: [Int64], bytesToFree: Int64
  ) {
    guard let last = removed.last else { return }
    let key = (lastUsed[last], firstDetected[last])
    // Every eligible candidate of the group (removed or kept as enough-freed).
    let group = candidates.filter { i in
      lastUsed[i] == key.0 && firstDetected[i] == key.1 && (kept[i] == nil || kept[i] == .enoughFreed)
    }
    guard group.count >= 2 else { return }
    let members = Set(group)
    guard let firstRemovedOfGroup = removed.firstIndex(where: { members.contains($0) }) else { return }
    let before = freedBefore[firstRemovedOfGroup]
    var sum: Int64 = 0
    var smallest = Int64.max
    for i in group {
      sum = SaturatingMath.add(sum, images[i].sizeBytes)
      smallest = min(smallest, images[i].sizeBytes)
    }
    guard SaturatingMath.sub(SaturatingMath.add(before, sum), smallest) >= bytesToFree else { return }
    let gone = group.filter { kept[$0] == nil }.map { images[$0].id }.sorted(by: ByteOrder.less)
    let stay = group.filter { kept[$0] != nil }.map { images[$0].id }.sorted(by: ByteOrder.less)
    warnings.append(
      PlanMessage(
        .tieBroken,
        "images \((gone + stay).sorted(by: ByteOrder.less).joined(separator: ", ")) tie on lastUsed and firstDetected; removed \(gone.joined(separator: ", ")), kept \(stay.isEmpty ? "none" : stay.joined(separator: ", ")); another kubelet order could stop elsewhere"
      ))
  }
}
