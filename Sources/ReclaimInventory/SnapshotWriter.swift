import ReclaimCore

/// Writes a `NodeSnapshot` as the snapshot format's canonical JSON (RFC 8785
/// key order, times as UTC RFC 3339 with the shortest exact fraction),
/// which `SnapshotReader` reads back to the same value.
///
/// Optional fields are written only when present, so that an absent
/// `firstDetectedAt`, `lastUsedAt`, `kubeletStartedAt` or pod `namespace`
/// keeps its documented default rather than being pinned to one.
public enum SnapshotWriter {
  /// The snapshot's canonical bytes; `indented` ends with a newline.
  public static func bytes(_ s: NodeSnapshot, layout: CanonicalJSONWriter.Layout) -> [UInt8] {
    var w = CanonicalJSONWriter(layout: layout, reservingCapacity: 4096)
    write(s, to: &w)
    w.finish()
    return w.bytes
  }

  /// Writes the snapshot as one JSON object.
  public static func write(_ s: NodeSnapshot, to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("allSourcesReady")
    w.bool(s.allSourcesReady)
    w.constantKey("apiVersion")
    w.string("reclaim.dev/v1")
    w.constantKey("capturedAt")
    w.string(s.capturedAt.rfc3339)
    w.constantKey("containers")
    w.beginArray()
    for c in s.containers { write(c, to: &w) }
    w.endArray()
    w.constantKey("imageFs")
    w.beginObject()
    w.constantKey("availableBytes")
    w.int(s.imageFs.availableBytes)
    w.constantKey("capacityBytes")
    w.int(s.imageFs.capacityBytes)
    w.endObject()
    w.constantKey("images")
    w.beginArray()
    for image in s.images { write(image, to: &w) }
    w.endArray()
    w.constantKey("kind")
    w.string("NodeSnapshot")
    if let started = s.kubeletStartedAt {
      w.constantKey("kubeletStartedAt")
      w.string(started.rfc3339)
    }
    w.constantKey("node")
    w.string(s.node)
    w.constantKey("podLogDirs")
    w.strings(s.podLogDirs)
    w.constantKey("pods")
    w.beginArray()
    for pod in s.pods {
      w.beginObject()
      if let name = pod.name {
        w.constantKey("name")
        w.string(name)
      }
      if let namespace = pod.namespace {
        w.constantKey("namespace")
        w.string(namespace)
      }
      w.constantKey("state")
      w.string(pod.state.rawValue)
      w.constantKey("uid")
      w.string(pod.uid)
      w.endObject()
    }
    w.endArray()
    w.constantKey("sandboxes")
    w.beginArray()
    for sandbox in s.sandboxes {
      w.beginObject()
      w.constantKey("createdAt")
      w.string(sandbox.createdAt.rfc3339)
      w.constantKey("id")
      w.string(sandbox.id)
      w.constantKey("namespace")
      w.string(sandbox.namespace)
      w.constantKey("podName")
      w.string(sandbox.podName)
      w.constantKey("podUid")
      w.string(sandbox.podUid)
      w.constantKey("state")
      w.string(sandbox.state.rawValue)
      w.endObject()
    }
    w.endArray()
    w.endObject()
  }

  private static func write(_ c: NodeSnapshot.Container, to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("createdAt")
    w.string(c.createdAt.rfc3339)
    w.constantKey("id")
    w.string(c.idText)
    w.constantKey("imageId")
    w.string(c.imageId)
    w.constantKey("name")
    w.string(c.name)
    if let namespace = c.namespace {
      w.constantKey("namespace")
      w.string(namespace)
    }
    if let podName = c.podName {
      w.constantKey("podName")
      w.string(podName)
    }
    if let podUid = c.podUid {
      w.constantKey("podUid")
      w.string(podUid)
    }
    if let sandboxId = c.sandboxId {
      w.constantKey("sandboxId")
      w.string(sandboxId)
    }
    w.constantKey("state")
    w.string(c.state.rawValue)
    w.endObject()
  }

  private static func write(_ image: NodeSnapshot.Image, to w: inout CanonicalJSONWriter) {
    w.beginObject()
    if let first = image.firstDetectedAt {
      w.constantKey("firstDetectedAt")
      w.string(first.rfc3339)
    }
    w.constantKey("id")
    w.string(image.id)
    if let last = image.lastUsedAt {
      w.constantKey("lastUsedAt")
      w.string(last.rfc3339)
    }
    w.constantKey("namespaces")
    w.strings(image.namespaces)
    w.constantKey("pinned")
    w.bool(image.pinned)
    w.constantKey("repoDigests")
    w.strings(image.repoDigests)
    w.constantKey("repoTags")
    w.strings(image.repoTags)
    w.constantKey("sizeBytes")
    w.int(image.sizeBytes)
    w.endObject()
  }
}
