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
    w.key("apiVersion"); w.string(Self.apiVersion)
    w.key("capturedAt"); w.string(plan.capturedAt.rfc3339)
    w.key("containers"); Self.writeContainers(plan.containers, to: &w)
    w.key("errors"); Self.writeMessages(plan.errors, to: &w)
    w.key("imageFs"); writeImageFs(to: &w)
    w.key("images"); Self.writeImages(plan.images, to: &w)
    if let kept = plan.kept {
      w.key("kept")
      w.beginObject()
      w.key("containers"); Self.writeContainers(kept.containers, to: &w)
      w.key("images"); Self.writeImages(kept.images, to: &w)
      w.key("sandboxes"); Self.writeSandboxes(kept.sandboxes, to: &w)
      w.endObject()
    }
    w.key("kind"); w.string(Self.kind)
    w.key("mode"); w.string(plan.mode.rawValue)
    w.key("node"); w.string(plan.node)
    w.key("podLogDirs")
    w.beginArray()
    for entry in plan.podLogDirs {
      w.beginObject()
      w.key("name"); w.string(entry.name)
      w.key("podUid"); w.string(entry.podUid)
      w.key("reason"); w.string(entry.reason.rawValue)
      w.endObject()
    }
    w.endArray()
    w.key("policyDigest"); w.string(policyDigest)
    w.key("sandboxes"); Self.writeSandboxes(plan.sandboxes, to: &w)
    w.key("summary")
    let summary = ManifestSummary(plan)
    summary.write(to: &w)
    w.key("warnings"); Self.writeMessages(plan.warnings, to: &w)
    w.endObject()
  }

  private func writeImageFs(to w: inout CanonicalJSONWriter) {
    let fs = plan.imageFs
    w.beginObject()
    w.key("availableBytes"); w.int(fs.availableBytes)
    w.key("bytesFreed"); w.int(fs.bytesFreed)
    if let toFree = fs.bytesToFree {
      w.key("bytesToFree"); w.int(toFree)
    }
    w.key("capacityBytes"); w.int(fs.capacityBytes)
    w.key("highThresholdPercent"); w.int(fs.highThresholdPercent)
    w.key("lowThresholdPercent"); w.int(fs.lowThresholdPercent)
    w.key("maxAgeBytes"); w.int(fs.maxAgeBytes)
    if let usage = fs.usagePercent {
      w.key("usagePercent"); w.int(usage)
    }
    w.endObject()
  }

  static func writeContainers<R: RawRepresentable<String>>(_ entries: [ContainerEntry<R>], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for entry in entries {
      let c = entry.container
      w.beginObject()
      w.key("createdAt"); w.string(c.createdAt.rfc3339)
      w.key("id"); w.string(c.id)
      w.key("name"); w.string(c.name)
      if let v = c.namespace { w.key("namespace"); w.string(v) }
      if let v = c.podName { w.key("podName"); w.string(v) }
      if let v = c.podUid { w.key("podUid"); w.string(v) }
      w.key("reason"); w.string(entry.reason.rawValue)
      w.key("state"); w.string(c.state.rawValue)
      w.key("stopFirst"); w.bool(entry.stopFirst)
      w.endObject()
    }
    w.endArray()
  }

  static func writeSandboxes<R: RawRepresentable<String>>(_ entries: [SandboxEntry<R>], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for entry in entries {
      let s = entry.sandbox
      w.beginObject()
      w.key("createdAt"); w.string(s.createdAt.rfc3339)
      w.key("id"); w.string(s.id)
      w.key("namespace"); w.string(s.namespace)
      w.key("podName"); w.string(s.podName)
      w.key("podUid"); w.string(s.podUid)
      w.key("reason"); w.string(entry.reason.rawValue)
      w.endObject()
    }
    w.endArray()
  }

  static func writeImages<R: RawRepresentable<String>>(_ entries: [ImageEntry<R>], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for entry in entries {
      w.beginObject()
      w.key("firstDetectedAt"); w.string(entry.firstDetected.rfc3339)
      w.key("id"); w.string(entry.image.id)
      // The zero time (never used) is omitted rather than written.
      if let lastUsed = entry.lastUsed { w.key("lastUsedAt"); w.string(lastUsed.rfc3339) }
      w.key("reason"); w.string(entry.reason.rawValue)
      w.key("repoTags"); w.strings(entry.image.repoTags)
      w.key("sizeBytes"); w.int(entry.image.sizeBytes)
      w.endObject()
    }
    w.endArray()
  }

  static func writeMessages(_ messages: [PlanMessage], to w: inout CanonicalJSONWriter) {
    w.beginArray()
    for m in messages {
      w.beginObject()
      w.key("code"); w.string(m.code.rawValue)
      w.key("message"); w.string(m.message)
      w.endObject()
    }
    w.endArray()
  }
}
