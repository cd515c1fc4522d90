import ReclaimCore
import ReclaimEngine

extension PlanDiff {
  /// The node's element of a `PolicyDiff` document's `nodes`:
  /// `{"added","changed","node","removed"}`, entries in the manifest's
  /// shapes, a changed entry with its `baseReason` beside the head's `reason`.
  public func bytes(_ layout: CanonicalJSONWriter.Layout) -> [UInt8] {
    var w = CanonicalJSONWriter(layout: layout, reservingCapacity: 1024)
    write(to: &w)
    w.finish()
    return w.bytes
  }

  public func write(to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("added")
    Self.write(added, to: &w)
    w.constantKey("changed")
    w.beginObject()
    w.constantKey("containers")
    DeletionManifest.writeContainers(
      changed.containers.map(\.entry), baseReasons: changed.containers.map(\.baseReason.rawValue), to: &w)
    w.constantKey("images")
    DeletionManifest.writeImages(changed.images.map(\.entry), baseReasons: changed.images.map(\.baseReason.rawValue), to: &w)
    w.constantKey("sandboxes")
    DeletionManifest.writeSandboxes(
      changed.sandboxes.map(\.entry), baseReasons: changed.sandboxes.map(\.baseReason.rawValue), to: &w)
    w.endObject()
    w.constantKey("node")
    w.string(node)
    w.constantKey("removed")
    Self.write(removed, to: &w)
    w.endObject()
  }

  private static func write(_ d: Deletions, to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("containers")
    DeletionManifest.writeContainers(d.containers, to: &w)
    w.constantKey("images")
    DeletionManifest.writeImages(d.images, to: &w)
    w.constantKey("podLogDirs")
    w.beginArray()
    for entry in d.podLogDirs {
      w.beginObject()
      w.constantKey("name")
      w.string(entry.name)
      w.constantKey("podUid")
      w.string(entry.podUid)
      w.constantKey("reason")
      w.string(entry.reason.rawValue)
      w.endObject()
    }
    w.endArray()
    w.constantKey("sandboxes")
    DeletionManifest.writeSandboxes(d.sandboxes, to: &w)
    w.endObject()
  }
}
