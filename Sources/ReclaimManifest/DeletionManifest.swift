import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// A plan as the deletion manifest of manifest.md: the plan plus the digest
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
    var writer = CanonicalJSONWriter(layout: layout, reservingCapacity: 4096)
    write(to: &writer)
    writer.finish()
    return writer.bytes
  }

  /// Writes the manifest object. Keys are written in canonical order by hand,
  /// which keeps the hot path free of dictionaries; the spec-example golden
  /// tests pin that order down.
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

  static func writeContainers<R: RawRepresentable<String>>(_ entries: [ContainerEntry<R>], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for entry in entries {
      let c = entry.container
      w.beginObject()
      w.constantKey("createdAt"); w.timestamp(c.createdAt)
      w.constantKey("id"); w.string(c.id)
      w.constantKey("name"); w.string(c.name)
      if let v = c.namespace { w.constantKey("namespace"); w.string(v) }
      if let v = c.podName { w.constantKey("podName"); w.string(v) }
      if let v = c.podUid { w.constantKey("podUid"); w.string(v) }
      w.constantKey("reason"); w.string(entry.reason.rawValue)
      w.constantKey("state"); w.string(c.state.rawValue)
      w.constantKey("stopFirst"); w.bool(entry.stopFirst)
      w.endObject()
    }
    w.endArray()
  }

  static func writeSandboxes<R: RawRepresentable<String>>(_ entries: [SandboxEntry<R>], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for entry in entries {
      let s = entry.sandbox
      w.beginObject()
      w.constantKey("createdAt"); w.timestamp(s.createdAt)
      w.constantKey("id"); w.string(s.id)
      w.constantKey("namespace"); w.string(s.namespace)
      w.constantKey("podName"); w.string(s.podName)
      w.constantKey("podUid"); w.string(s.podUid)
      w.constantKey("reason"); w.string(entry.reason.rawValue)
      w.endObject()
    }
    w.endArray()
  }

  static func writeImages<R: RawRepresentable<String>>(_ entries: [ImageEntry<R>], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for entry in entries {
      w.beginObject()
      w.constantKey("firstDetectedAt"); w.timestamp(entry.firstDetected)
      w.constantKey("id"); w.string(entry.image.id)
      // The zero time (never used) is omitted rather than written.
      if let lastUsed = entry.lastUsed { w.constantKey("lastUsedAt"); w.timestamp(lastUsed) }
      w.constantKey("reason"); w.string(entry.reason.rawValue)
      w.constantKey("repoTags"); w.strings(entry.image.repoTags)
      w.constantKey("sizeBytes"); w.int(entry.image.sizeBytes)
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
