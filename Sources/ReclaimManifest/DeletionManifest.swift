import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// A plan as the deletion manifest of docs/reference/output.md: the plan plus the digest
/// of the policy it was made under, rendered as canonical JSON.
public struct DeletionManifest: Sendable, Hashable {
  public static let apiVersion = "reclaim.dev/v1"
  public static let kind = "DeletionManifest"

  public var plan: Plan
  public var policyDigest: String

  public init(plan: Plan, policyDigest: String) {
    self.plan = plan
    self.policyDigest = policyDigest
  }

  /// The manifest's canonical text (indented ends with a newline; compact has none).
  public func bytes(_ layout: CanonicalJSONWriter.Layout) -> [UInt8] {
    var writer = CanonicalJSONWriter(layout: layout, reservingCapacity: reservation(layout))
    write(to: &writer)
    writer.finish()
    return writer.bytes
  }

  /// Room for the manifest, so that its bytes are reserved once instead of
  /// grown by doubling (each growth copies everything so far), with space
  /// left for the newline an NDJSON line adds.
  ///
  /// The estimate is a little above the size (10–20 % on the generated
  /// fleets): per-entry sizes of typical entries (ids of 64 hex digits,
  /// Kubernetes names), a third more when indented. Past 16 KiB it is
  /// rounded up to a power of two. Such buffers get whole pages of their
  /// own, of which only the written ones become resident, and with the
  /// exact estimate the allocator (jemalloc) kept more freed memory
  /// around: peak RSS on the 2,000-node compact fleet rose by 5 MB, with
  /// powers of two it did not. Smaller buffers share pages, where any
  /// slack is resident, so they get the estimate as it is.
  func reservation(_ layout: CanonicalJSONWriter.Layout) -> Int {
    let kept = plan.kept
    let containers = plan.containers.count + (kept?.containers.count ?? 0)
    let sandboxes = plan.sandboxes.count + (kept?.sandboxes.count ?? 0)
    let images = plan.images.count + (kept?.images.count ?? 0)
    let messages = plan.warnings.count + plan.errors.count
    let compact = 800 + 310 * containers + 250 * sandboxes + 165 * plan.podLogDirs.count + 280 * images + 200 * messages
    let size = layout == .indented ? compact + compact / 3 : compact
    return size < 16384 ? size : 1 << (Int.bitWidth - (size - 1).leadingZeroBitCount)
  }

  /// Writes the manifest object. Keys are written in canonical order by hand,
  /// which keeps the hot path free of dictionaries; the golden tests of
  /// fixtures/spec-examples pin that order down.
  public func write(to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("apiVersion"); w.string(Self.apiVersion)
    w.constantKey("capturedAt"); w.timestamp(plan.capturedAt)
    w.constantKey("containers"); Self.writeContainers(plan.containers, to: &w)
    w.constantKey("errors"); Self.writeMessages(plan.errors, to: &w)
    w.constantKey("imageFs"); writeImageFs(to: &w)
    w.constantKey("images"); Self.writeImages(plan.images, to: &w)
    if let kept = plan.kept {
      w.constantKey("kept")
      w.beginObject()
      w.constantKey("containers"); Self.writeContainers(kept.containers, to: &w)
      w.constantKey("images"); Self.writeImages(kept.images, to: &w)
      w.constantKey("sandboxes"); Self.writeSandboxes(kept.sandboxes, to: &w)
      w.endObject()
    }
    w.constantKey("kind"); w.string(Self.kind)
    w.constantKey("mode"); w.string(plan.mode.rawValue)
    w.constantKey("node"); w.string(plan.node)
    w.constantKey("podLogDirs")
    w.beginArray()
    for entry in plan.podLogDirs {
      w.beginObject()
      w.constantKey("name"); w.string(entry.name)
      w.constantKey("podUid"); w.string(entry.podUid)
      w.constantKey("reason"); w.string(entry.reason.rawValue)
      w.endObject()
    }
    w.endArray()
    w.constantKey("policyDigest"); w.string(policyDigest)
    w.constantKey("sandboxes"); Self.writeSandboxes(plan.sandboxes, to: &w)
    w.constantKey("summary")
    let summary = ManifestSummary(plan)
    summary.write(to: &w)
    w.constantKey("warnings"); Self.writeMessages(plan.warnings, to: &w)
    w.endObject()
  }

  private func writeImageFs(to w: inout CanonicalJSONWriter) {
    let fs = plan.imageFs
    w.beginObject()
    w.constantKey("availableBytes"); w.int(fs.availableBytes)
    w.constantKey("bytesFreed"); w.int(fs.bytesFreed)
    if let toFree = fs.bytesToFree {
      w.constantKey("bytesToFree"); w.int(toFree)
    }
    w.constantKey("capacityBytes"); w.int(fs.capacityBytes)
    w.constantKey("highThresholdPercent"); w.int(fs.highThresholdPercent)
    w.constantKey("lowThresholdPercent"); w.int(fs.lowThresholdPercent)
    w.constantKey("maxAgeBytes"); w.int(fs.maxAgeBytes)
    if let usage = fs.usagePercent {
      w.constantKey("usagePercent"); w.int(usage)
    }
    w.endObject()
  }

  /// `baseReasons`, when given, holds one reason per entry, written as the
  /// entry's `baseReason` (a diff's `changed` entries).
  static func writeContainers<R: RawRepresentable<String>>(
    _ entries: [ContainerEntry<R>], baseReasons: [String]? = nil, to w: inout CanonicalJSONWriter
  ) {
    w.beginArray()
    // Each field read in place: a copy of an entry (`for entry in
    // entries`, `let c = entry.container`) retains and releases every
    // string in it. Through the buffer, because `entries[i].stopFirst`, a
    // computed property, still copied the whole entry out of the array.
    entries.withUnsafeBufferPointer { es in
      for i in es.indices {
        w.beginObject()
        if let baseReasons { w.constantKey("baseReason"); w.string(baseReasons[i]) }
        w.constantKey("createdAt"); w.timestamp(es[i].container.createdAt)
        w.constantKey("id"); w.string(es[i].container.idText)
        w.constantKey("name"); w.string(es[i].container.name)
        if let v = es[i].container.namespace { w.constantKey("namespace"); w.string(v) }
        if let v = es[i].container.podName { w.constantKey("podName"); w.string(v) }
        if let v = es[i].container.podUid { w.constantKey("podUid"); w.string(v) }
        w.constantKey("reason"); w.string(es[i].reason.rawValue)
        w.constantKey("state"); w.string(es[i].container.state.rawValue)
        w.constantKey("stopFirst"); w.bool(es[i].stopFirst)
        w.endObject()
      }
    }
    w.endArray()
  }

  static func writeSandboxes<R: RawRepresentable<String>>(
    _ entries: [SandboxEntry<R>], baseReasons: [String]? = nil, to w: inout CanonicalJSONWriter
  ) {
    w.beginArray()
    // By index, each field read in place (see `writeContainers`).
    for i in entries.indices {
      w.beginObject()
      if let baseReasons { w.constantKey("baseReason"); w.string(baseReasons[i]) }
      w.constantKey("createdAt"); w.timestamp(entries[i].sandbox.createdAt)
      w.constantKey("id"); w.string(entries[i].sandbox.id)
      w.constantKey("namespace"); w.string(entries[i].sandbox.namespace)
      w.constantKey("podName"); w.string(entries[i].sandbox.podName)
      w.constantKey("podUid"); w.string(entries[i].sandbox.podUid)
      w.constantKey("reason"); w.string(entries[i].reason.rawValue)
      w.endObject()
    }
    w.endArray()
  }

  static func writeImages<R: RawRepresentable<String>>(
    _ entries: [ImageEntry<R>], baseReasons: [String]? = nil, to w: inout CanonicalJSONWriter
  ) {
    w.beginArray()
    // By index, each field read in place (see `writeContainers`).
    for i in entries.indices {
      w.beginObject()
      if let baseReasons { w.constantKey("baseReason"); w.string(baseReasons[i]) }
      w.constantKey("firstDetectedAt"); w.timestamp(entries[i].firstDetected)
      w.constantKey("id"); w.string(entries[i].image.id)
      // The zero time (never used) is omitted rather than written.
      if let lastUsed = entries[i].lastUsed { w.constantKey("lastUsedAt"); w.timestamp(lastUsed) }
      w.constantKey("reason"); w.string(entries[i].reason.rawValue)
      w.constantKey("repoTags"); w.strings(entries[i].image.repoTags)
      w.constantKey("sizeBytes"); w.int(entries[i].image.sizeBytes)
      w.endObject()
    }
    w.endArray()
  }

  static func writeMessages(_ messages: [PlanMessage], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for m in messages {
      w.beginObject()
      w.constantKey("code"); w.string(m.code.rawValue)
      w.constantKey("message"); w.string(m.message)
      w.endObject()
    }
    w.endArray()
  }
}
