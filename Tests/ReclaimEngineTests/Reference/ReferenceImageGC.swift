import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// docs/reference/semantics.md, "Image GC" (and the explain reasons of
/// docs/reference/output.md), written from
/// the text. Times and byte counts are `Int128` so that no sum or
/// difference can overflow; reported figures are clamped back to `Int64`.
struct ReferenceImageGC {
  private(set) var removals: [ImageEntry<ImageDeletionReason>] = []
  private(set) var kept: [ImageEntry<ImageKeptReason>] = []
  private(set) var report: ImageFsReport
  private(set) var warnings: [PlanMessage] = []
  private(set) var errors: [PlanMessage] = []

  private struct Record {
    var image: NodeSnapshot.Image
    /// `nil`: the zero time.
    var lastUsed: Timestamp?
    var firstDetected: Timestamp
    var minAge: Int64
    var maxAge: Int64
  }

  /// The zero time sorts before every instant.
  private static func lastUsedBefore(_ a: Timestamp?, _ b: Timestamp?) -> Bool {
    switch (a, b) {
    case (nil, nil): return false
    case (nil, _): return true
    case (_, nil): return false
    case let (x?, y?): return x < y
    }
  }

  private static func evictedBefore(_ a: Record, _ b: Record) -> Bool {
    if a.lastUsed != b.lastUsed { return lastUsedBefore(a.lastUsed, b.lastUsed) }
    if a.firstDetected != b.firstDetected { return a.firstDetected < b.firstDetected }
    return ByteKey.less(a.image.id, b.image.id)
  }

  private static func clamp(_ x: Int128) -> Int64 { x > Int128(Int64.max) ? .max : Int64(x) }

  /// `seen`: the containers image GC looks at (all in periodic mode, the
  /// kept ones in disk-pressure mode).
  init(
    _ snapshot: NodeSnapshot, seen: [NodeSnapshot.Container], mode: GCMode, policy: ReferencePolicy
  ) {
    let now = snapshot.capturedAt
    let periodic = mode == .periodic
    let imagePolicy = policy.policy.imageGC

    let capacity = snapshot.imageFs.capacityBytes
    var available = snapshot.imageFs.availableBytes
    if available > capacity {
      // Message texts in this type are copied from the engine (ImageGC) so
      // that whole plans compare equal; messages are free text.
      warnings.append(
        PlanMessage(
          .availableExceedsCapacity,
          "imageFs availableBytes \(available) exceeds capacityBytes \(capacity): using \(capacity)"))
      available = capacity
    }
    let usagePercent: Int64? = capacity > 0 ? Int64(100 - Int128(available) * 100 / Int128(capacity)) : nil
    report = ImageFsReport(
      capacityBytes: capacity, availableBytes: snapshot.imageFs.availableBytes, usagePercent: usagePercent,
      highThresholdPercent: imagePolicy.highThresholdPercent, lowThresholdPercent: imagePolicy.lowThresholdPercent,
      bytesToFree: periodic && capacity > 0 ? 0 : nil, bytesFreed: 0, maxAgeBytes: 0)

    let inUse = Set(seen.map { ByteKey($0.imageId) })
    var namespacesOf: [ByteKey: [String]] = [:]
    for c in snapshot.containers {
      if let ns = ReferenceContainerGC.namespace(of: c) { namespacesOf[ByteKey(c.imageId), default: []].append(ns) }
    }

    var records: [Record] = []
    for image in snapshot.images {
      let key = ByteKey(image.id)
      var namespaces: [ByteKey: String] = [:]
      for ns in namespacesOf[key, default: []] + image.namespaces { namespaces[ByteKey(ns)] = ns }
      var minAge = imagePolicy.minAge
      var maxAge = imagePolicy.maxAge
      if !namespaces.isEmpty {
        let values = namespaces.values.map { policy.values(for: $0) }
        minAge = values.map(\.imageMinAge).max() ?? minAge
        maxAge = values.contains { $0.imageMaxAge == 0 } ? 0 : (values.map(\.imageMaxAge).max() ?? maxAge)
      }
      records.append(
        Record(
          image: image, lastUsed: inUse.contains(key) ? now : image.lastUsedAt,
          firstDetected: image.firstDetectedAt ?? snapshot.kubeletStartedAt ?? now, minAge: minAge, maxAge: maxAge))
    }
    records.sort(by: Self.evictedBefore)

    func keep(_ r: Record, _ reason: ImageKeptReason) {
      kept.append(ImageEntry(r.image, lastUsed: r.lastUsed, firstDetected: r.firstDetected, reason: reason))
    }
    func remove(_ r: Record, _ reason: ImageDeletionReason) {
      removals.append(ImageEntry(r.image, lastUsed: r.lastUsed, firstDetected: r.firstDetected, reason: reason))
    }
    func usedAtCapture(_ r: Record) -> Bool { r.lastUsed.map { $0 >= now } ?? false }
    func tooYoung(_ r: Record) -> Bool {
      Int128(now.nanoseconds) - Int128(r.firstDetected.nanoseconds) < Int128(r.minAge)
    }

    // Step 1.
    var candidates: [Record] = []
    for r in records {
      if inUse.contains(ByteKey(r.image.id)) {
        keep(r, .inUse)
      } else if r.image.pinned {
        keep(r, .pinned)
      } else if imagePolicy.protect.contains(where: { g in
        ([r.image.id] + r.image.repoTags + r.image.repoDigests).contains { ReferenceGlob.matches(g, $0) }
      }) {
        keep(r, .protected)
      } else {
        candidates.append(r)
      }
    }

    // Explain when step 4 does not run.
    func keepAllUnfreed(_ rs: [Record]) {
      for r in rs {
        if usedAtCapture(r) {
          keep(r, .usedAtCapture)
        } else if tooYoung(r) {
          keep(r, .youngerThanMinAge)
        } else {
          keep(r, .belowThreshold)
        }
      }
    }

    if periodic && imagePolicy.highThresholdPercent == 100 && imagePolicy.maxAge == 0 {
      keepAllUnfreed(candidates)
      kept.sort { Self.evictedBefore(Self.record(of: $0), Self.record(of: $1)) }
      return
    }

    // Step 2.
    if periodic {
      if snapshot.kubeletStartedAt == nil, candidates.contains(where: { $0.maxAge > 0 }) {
        warnings.append(
          PlanMessage(
            .kubeletStartUnknown, "kubeletStartedAt is absent: assumed long enough ago for the maxAge guard to pass"))
      }
      var left: [Record] = []
      var maxAgeBytes: Int128 = 0
      for r in candidates {
        let guardPasses = snapshot.kubeletStartedAt.map {
          Int128(now.nanoseconds) - Int128($0.nanoseconds) > Int128(r.maxAge)
        } ?? true
        let old = r.lastUsed.map { Int128(now.nanoseconds) - Int128($0.nanoseconds) > Int128(r.maxAge) } ?? true
        if r.maxAge > 0, guardPasses, old {
          remove(r, .maxAge)
          maxAgeBytes += Int128(r.image.sizeBytes)
        } else {
          left.append(r)
        }
      }
      report.maxAgeBytes = Self.clamp(maxAgeBytes)
      candidates = left
    }

    // Step 3. `nil`: unlimited.
    var bytesToFree: Int128?
    if periodic {
      if capacity == 0 {
        errors.append(
          PlanMessage(.invalidCapacity, "invalid capacity 0 on image filesystem: image GC by disk usage cannot run"))
        keepAllUnfreed(candidates)
        kept.sort { Self.evictedBefore(Self.record(of: $0), Self.record(of: $1)) }
        return
      }
      guard let usage = usagePercent, usage >= Int64(imagePolicy.highThresholdPercent) else {
        keepAllUnfreed(candidates)
        kept.sort { Self.evictedBefore(Self.record(of: $0), Self.record(of: $1)) }
        return
      }
      let target = Int128(capacity) * Int128(100 - imagePolicy.lowThresholdPercent) / 100 - Int128(available)
      bytesToFree = target
      report.bytesToFree = Int64(target)
    }

    // Step 4.
    let reason: ImageDeletionReason = periodic ? .diskUsage : .diskPressure
    var freed: Int128 = 0
    var stopped = false
    var eligible: [Record] = []
    var removedHere: [(record: Record, freedBefore: Int128)] = []
    for r in candidates {
      if usedAtCapture(r) {
        keep(r, .usedAtCapture)
      } else if tooYoung(r) {
        keep(r, .youngerThanMinAge)
      } else if stopped {
        eligible.append(r)
        keep(r, .enoughFreed)
      } else {
        eligible.append(r)
        remove(r, reason)
        removedHere.append((r, freed))
        freed += Int128(r.image.sizeBytes)
        if let target = bytesToFree, freed >= target { stopped = true }
      }
    }
    report.bytesFreed = Self.clamp(freed)

    // docs/reference/semantics.md, total orders: images.
    if let target = bytesToFree, let last = removedHere.last?.record {
      let group = eligible.filter { $0.lastUsed == last.lastUsed && $0.firstDetected == last.firstDetected }
      let groupIds = Set(group.map { ByteKey($0.image.id) })
      if group.count >= 2, let first = removedHere.first(where: { groupIds.contains(ByteKey($0.record.image.id)) }) {
        let sizes = group.map { Int128($0.image.sizeBytes) }
        if first.freedBefore + sizes.reduce(0, +) - (sizes.min() ?? 0) >= target {
          let removedIds = Set(removedHere.map { ByteKey($0.record.image.id) })
          let gone = group.filter { removedIds.contains(ByteKey($0.image.id)) }.map(\.image.id).sorted(by: ByteKey.less)
          let stay = group.filter { !removedIds.contains(ByteKey($0.image.id)) }.map(\.image.id).sorted(by: ByteKey.less)
          warnings.append(
            PlanMessage(
              .tieBroken,
              "images \((gone + stay).sorted(by: ByteKey.less).joined(separator: ", ")) tie on lastUsed and firstDetected; removed \(gone.joined(separator: ", ")), kept \(stay.isEmpty ? "none" : stay.joined(separator: ", ")); another kubelet order could stop elsewhere"
            ))
        }
      }
    }

    // Step 5.
    if let target = bytesToFree, freed < target {
      warnings.append(
        PlanMessage(.imageGCShortfall, "wanted to free \(Int64(target)) bytes, but freed \(Self.clamp(freed)) bytes"))
    }
    kept.sort { Self.evictedBefore(Self.record(of: $0), Self.record(of: $1)) }
  }

  /// The sort key of an explain entry (kept images are listed in eviction order).
  private static func record(of e: ImageEntry<ImageKeptReason>) -> Record {
    Record(image: e.image, lastUsed: e.lastUsed, firstDetected: e.firstDetected, minAge: 0, maxAge: 0)
  }
}
