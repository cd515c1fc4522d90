import ReclaimCore
import ReclaimInventory

/// Image GC (docs/reference/semantics.md, "Image GC"): the kubelet's `GarbageCollect`
/// (periodic mode) or `DeleteUnusedImages` (disk-pressure mode) of
/// `image_gc_manager.go`, on one snapshot.
struct ImageGC {
  private let images: [NodeSnapshot.Image]
  private let now: Int64
  private let mode: GCMode
  private let policy: ImageGCPolicy
  private let kubeletStartedAt: Int64?
  /// Whether a container image GC sees uses each image.
  private var inUse: [Bool] = []
  /// Effective last use (`nil`: the zero time) and first detection.
  private(set) var lastUsed: [Int64?] = []
  private(set) var firstDetected: [Int64] = []
  /// The most protective `minAge` and `maxAge` over each image's namespaces.
  private var minAge: [Int64] = []
  private var maxAge: [Int64] = []
  /// All images in the image eviction order.
  private(set) var evictionOrder: [Int] = []
  /// Removals in removal order: max-age first, then free space.
  private(set) var removals: [(index: Int, reason: ImageDeletionReason)] = []
  /// The kept reason of each image not removed.
  private(set) var kept: [ImageKeptReason?]
  private(set) var report: ImageFsReport
  private(set) var warnings: [PlanMessage] = []
  private(set) var errors: [PlanMessage] = []

  /// Runs image GC in `mode`; `containerRemoved`: container GC's removals,
  /// which image GC does not see in disk-pressure mode.
  init(_ index: SnapshotIndex, containerRemoved: [ContainerDeletionReason?], mode: GCMode) {
    let s = index.snapshot
    images = s.images
    now = s.capturedAt.nanoseconds
    self.mode = mode
    policy = index.namespaces.policy.imageGC
    kubeletStartedAt = s.kubeletStartedAt?.nanoseconds
    kept = Array(repeating: nil, count: s.images.count)
    report = ImageFsReport(
      capacityBytes: s.imageFs.capacityBytes, availableBytes: s.imageFs.availableBytes, usagePercent: nil,
      highThresholdPercent: policy.highThresholdPercent, lowThresholdPercent: policy.lowThresholdPercent,
      bytesToFree: nil, bytesFreed: 0, maxAgeBytes: 0)
    detectImages(index, containerRemoved: containerRemoved)
    switch mode {
    case .periodic: garbageCollect(s.imageFs)
    case .diskPressure: deleteUnusedImages(s.imageFs)
    }
  }

  // MARK: - Image records

  /// `detectImages`: which images are in use, their effective `lastUsed`
  /// and `firstDetected`, their ages from the namespaces that used them,
  /// and the eviction order.
  private mutating func detectImages(_ index: SnapshotIndex, containerRemoved: [ContainerDeletionReason?]) {
    let s = index.snapshot
    let n = images.count
    // Images by id: `key[i]` is the number of image i's id.
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
    // not, in snapshot order, are `users[userStart[k]..<userStart[k + 1]]`.
    let sequential = mode == .diskPressure
    var keyInUse = Array(repeating: false, count: ids.count)
    var containerImage = Array(repeating: -1, count: s.containers.count)
    var userStart = Array(repeating: 0, count: ids.count + 1)
    // Each image id read where it is stored (`StoredString`).
    s.containers.withUnsafeBufferPointer { cs in
      for c in cs.indices {
        guard let k = ids.find(StoredString(cs, c, StoredString.Layout.containerImageId, optional: false)) else {
          continue
        }
        containerImage[c] = k
        if !(sequential && containerRemoved[c] != nil) { keyInUse[k] = true }
        if index.containerNamespace[c] != NamespacePolicies.none { userStart[k + 1] += 1 }
      }
    }
    inUse = key.map { keyInUse[$0] }

    let images = self.images
    let inUse = self.inUse
    let now = self.now
    let defaultFirstDetected = (s.kubeletStartedAt ?? s.capturedAt).nanoseconds
    let lastUsed = images.indices.map { inUse[$0] ? now : images[$0].lastUsedAt?.nanoseconds }
    let firstDetected = images.indices.map { images[$0].firstDetectedAt?.nanoseconds ?? defaultFirstDetected }
    self.lastUsed = lastUsed
    self.firstDetected = firstDetected
    evictionOrder = ContainerGC.sortedByKey(
      images.indices.map { (EvictionKey(lastUsed: lastUsed[$0], firstDetected: firstDetected[$0]), $0) }
    ) { a, b in ByteOrder.less(images[a].id, images[b].id) }

    minAge = Array(repeating: policy.minAge, count: n)
    maxAge = Array(repeating: policy.maxAge, count: n)
    // Without overrides every namespace resolves to the global values,
    // which are the defaults already.
    guard index.namespaces.hasOverrides else { return }
    for k in 0..<ids.count { userStart[k + 1] += userStart[k] }
    var users = Array(repeating: 0, count: userStart[ids.count])
    var fill = userStart
    for c in s.containers.indices where containerImage[c] >= 0 && index.containerNamespace[c] != NamespacePolicies.none {
      users[fill[containerImage[c]]] = c
      fill[containerImage[c]] += 1
    }
    // A copy: an image's `namespaces` may name namespaces no container has,
    // which are numbered and resolved here.
    var namespaces = index.namespaces
    // Only a candidate's ages are ever read (step 1 keeps an image in use
    // or pinned before any age matters), so those two keep the defaults.
    for i in 0..<n where !inUse[i] && !images[i].pinned {
      // The fold is idempotent, so a namespace seen twice needs no set.
      var fold = AgeFold()
      for c in users[userStart[key[i]]..<userStart[key[i] + 1]] {
        fold.add(namespaces[index.containerNamespace[c]])
      }
      for ns in images[i].namespaces {
        let id = namespaces.id(ns)
        fold.add(namespaces[id])
      }
      guard fold.any else { continue }
      minAge[i] = fold.minAge
      maxAge[i] = fold.off ? 0 : fold.maxAge
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

  // MARK: - The two entry points

  /// `GarbageCollect` (periodic mode): max age, then free space by the
  /// disk-usage thresholds.
  private mutating func garbageCollect(_ fs: NodeSnapshot.ImageFsStats) {
    let available = clampedAvailable(fs)
    let capacity = fs.capacityBytes
    if capacity > 0 {
      report.usagePercent = 100 - SaturatingMath.mulDiv(available, 100, capacity)
      report.bytesToFree = 0
    }
    var candidates = candidates()
    // The kubelet does not start periodic image GC at all.
    guard policy.highThresholdPercent < 100 || policy.maxAge != 0 else {
      keepWithoutFreeing(candidates)
      return
    }
    if kubeletStartedAt == nil, candidates.contains(where: { maxAge[$0] > 0 }) {
      warnings.append(
        PlanMessage(.kubeletStartUnknown, "kubeletStartedAt is absent: assumed long enough ago for the maxAge guard to pass"))
    }
    candidates = freeOldImages(candidates)
    guard let bytesToFree = bytesToFree(capacity: capacity, available: available) else {
      keepWithoutFreeing(candidates)
      return
    }
    report.bytesToFree = bytesToFree
    let freed = freeSpace(bytesToFree, candidates, reason: .diskUsage)
    if freed.bytes < bytesToFree {
      warnings.append(
        PlanMessage(.imageGCShortfall, "wanted to free \(bytesToFree) bytes, but freed \(freed.bytes) bytes"))
    }
    checkTie(candidates, freed: freed, bytesToFree: bytesToFree)
  }

  /// `DeleteUnusedImages` (disk-pressure mode): free space without limit;
  /// no max-age pass, no threshold.
  private mutating func deleteUnusedImages(_ fs: NodeSnapshot.ImageFsStats) {
    let available = clampedAvailable(fs)
    if fs.capacityBytes > 0 { report.usagePercent = 100 - SaturatingMath.mulDiv(available, 100, fs.capacityBytes) }
    _ = freeSpace(.max, candidates(), reason: .diskPressure)
  }

  // MARK: - Steps

  /// Step 1: images not in use, not pinned, not protected, in the image
  /// eviction order; the others are kept with their reason.
  private mutating func candidates() -> [Int] {
    let protect = policy.protect.map(Glob.init)
    var out: [Int] = []
    out.reserveCapacity(images.count)
    removals.reserveCapacity(images.count)
    // A local copy of the array, so that an image is read in place rather
    // than copied out of `self` (with a retain of each of its strings).
    let images = self.images
    for i in evictionOrder {
      if inUse[i] {
        kept[i] = .inUse
      } else if images[i].pinned {
        kept[i] = .pinned
      } else if Self.isProtected(images, i, protect) {
        kept[i] = .protected
      } else {
        out.append(i)
      }
    }
    return out
  }

  /// Step 2, `freeOldImages`: removes each candidate unused for longer
  /// than its `maxAge` once the kubelet has run that long; returns the
  /// candidates left.
  private mutating func freeOldImages(_ candidates: [Int]) -> [Int] {
    var remaining: [Int] = []
    remaining.reserveCapacity(candidates.count)
    for i in candidates {
      let limit = maxAge[i]
      let guardPassed = kubeletStartedAt.map { SaturatingMath.sub(now, $0) > limit } ?? true
      // The zero time (never used) is older than any maxAge.
      let age = lastUsed[i].map { SaturatingMath.sub(now, $0) } ?? .max
      if limit > 0, guardPassed, age > limit {
        removals.append((i, .maxAge))
        report.maxAgeBytes = SaturatingMath.add(report.maxAgeBytes, images[i].sizeBytes)
      } else {
        remaining.append(i)
      }
    }
    return remaining
  }

  /// Step 3: how much to free from the captured figures, or `nil` when
  /// free space does not run (capacity 0, with error `invalid-capacity`, or
  /// usage under the high threshold).
  private mutating func bytesToFree(capacity: Int64, available: Int64) -> Int64? {
    guard capacity > 0 else {
      errors.append(
        PlanMessage(.invalidCapacity, "invalid capacity 0 on image filesystem: image GC by disk usage cannot run"))
      return nil
    }
    guard let usage = report.usagePercent, usage >= Int64(policy.highThresholdPercent) else { return nil }
    let lowFraction = Int64(min(max(100 - policy.lowThresholdPercent, 0), 100))
    return SaturatingMath.mulDiv(capacity, lowFraction, 100) - available
  }

  /// What step 4 removed: the images in order, the bytes freed before
  /// each, and the total.
  private struct Freed {
    var images: [Int] = []
    var before: [Int64] = []
    var bytes: Int64 = 0
  }

  /// Step 4, `freeSpace`: walks the candidates oldest first, skipping those
  /// used at capture or younger than their `minAge`, and stops once
  /// `bytesToFree` is reached; the test follows each removal.
  private mutating func freeSpace(_ bytesToFree: Int64, _ candidates: [Int], reason: ImageDeletionReason) -> Freed {
    var freed = Freed()
    freed.images.reserveCapacity(candidates.count)
    freed.before.reserveCapacity(candidates.count)
    for i in candidates {
      if let skip = skipReason(i) {
        kept[i] = skip
      } else if freed.bytes >= bytesToFree && !freed.images.isEmpty {
        kept[i] = .enoughFreed
      } else {
        freed.images.append(i)
        freed.before.append(freed.bytes)
        removals.append((i, reason))
        freed.bytes = SaturatingMath.add(freed.bytes, images[i].sizeBytes)
      }
    }
    report.bytesFreed = freed.bytes
    return freed
  }

  /// Why `freeSpace` would skip candidate `i`: used at the capture instant,
  /// or younger than its `minAge`.
  private func skipReason(_ i: Int) -> ImageKeptReason? {
    if let used = lastUsed[i], used >= now { return .usedAtCapture }
    if SaturatingMath.sub(now, firstDetected[i]) < minAge[i] { return .youngerThanMinAge }
    return nil
  }

  /// Explain reasons when step 4 does not run: the skip rules still name
  /// what would have kept an image, else the threshold did.
  private mutating func keepWithoutFreeing(_ candidates: [Int]) {
    for i in candidates { kept[i] = skipReason(i) ?? .belowThreshold }
  }

  /// The available bytes for the arithmetic: at most the capacity (with a
  /// warning) and at least 0; the report keeps the captured figures.
  private mutating func clampedAvailable(_ fs: NodeSnapshot.ImageFsStats) -> Int64 {
    var available = fs.availableBytes
    if available > fs.capacityBytes {
      warnings.append(
        PlanMessage(
          .availableExceedsCapacity,
          "imageFs availableBytes \(available) exceeds capacityBytes \(fs.capacityBytes): using \(fs.capacityBytes)"))
      available = fs.capacityBytes
    }
    return max(available, 0)
  }

  /// Whether a `protect` glob matches image `i`'s id, a tag or a digest.
  static func isProtected(_ images: [NodeSnapshot.Image], _ i: Int, _ globs: [Glob]) -> Bool {
    for g in globs {
      if g.matches(images[i].id) { return true }
      for t in images[i].repoTags where g.matches(t) { return true }
      for d in images[i].repoDigests where g.matches(d) { return true }
    }
    return false
  }

  /// docs/reference/semantics.md, "Total orders and `tie-broken`": the group of eligible candidates sharing
  /// the last removed image's (lastUsed, firstDetected) has ≥ 2 members and
  /// another order within it could stop elsewhere.
  private mutating func checkTie(_ candidates: [Int], freed: Freed, bytesToFree: Int64) {
    guard let last = freed.images.last else { return }
    let key = (lastUsed[last], firstDetected[last])
    // Every eligible candidate of the group (removed or kept as enough-freed).
    let group = candidates.filter { i in
      lastUsed[i] == key.0 && firstDetected[i] == key.1 && (kept[i] == nil || kept[i] == .enoughFreed)
    }
    guard group.count >= 2 else { return }
    let members = Set(group)
    guard let firstOfGroup = freed.images.firstIndex(where: { members.contains($0) }) else { return }
    var sum: Int64 = 0
    var smallest = Int64.max
    for i in group {
      sum = SaturatingMath.add(sum, images[i].sizeBytes)
      smallest = min(smallest, images[i].sizeBytes)
    }
    guard SaturatingMath.sub(SaturatingMath.add(freed.before[firstOfGroup], sum), smallest) >= bytesToFree else {
      return
    }
    let gone = group.filter { kept[$0] == nil }.map { images[$0].id }.sorted(by: ByteOrder.less)
    let stay = group.filter { kept[$0] != nil }.map { images[$0].id }.sorted(by: ByteOrder.less)
    warnings.append(
      PlanMessage(
        .tieBroken,
        "images \((gone + stay).sorted(by: ByteOrder.less).joined(separator: ", ")) tie on lastUsed and firstDetected; removed \(gone.joined(separator: ", ")), kept \(stay.isEmpty ? "none" : stay.joined(separator: ", ")); another kubelet order could stop elsewhere"
      ))
  }
}
