import ReclaimCore

extension NodeBuilder {
  /// Writes the node as a snapshot (docs/reference/snapshot.md), keys in canonical order,
  /// so that the compact layout is the snapshot's canonical JSON.
  func write(to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("allSourcesReady")
    w.bool(allSourcesReady)
    w.constantKey("apiVersion")
    w.string("reclaim.dev/v1")
    w.constantKey("capturedAt")
    w.string(collectorStyle.text(now))
    w.constantKey("containers")
    w.beginArray()
    for c in containers {
      w.beginObject()
      w.constantKey("createdAt")
      w.string(runtimeStyle.text(c.createdAt))
      w.constantKey("id")
      w.string(c.id)
      w.constantKey("imageId")
      w.string(c.imageId)
      w.constantKey("name")
      w.string(c.name)
      if c.pod >= 0 {
        let pod = pods[c.pod]
        w.constantKey("namespace")
        w.string(pod.namespace)
        w.constantKey("podName")
        w.string(pod.name)
        w.constantKey("podUid")
        w.string(pod.uid)
      }
      if c.sandbox >= 0 {
        w.constantKey("sandboxId")
        w.string(sandboxes[c.sandbox].id)
      }
      w.constantKey("state")
      w.string(c.state.rawValue)
      w.endObject()
    }
    w.endArray()
    w.constantKey("imageFs")
    w.beginObject()
    w.constantKey("availableBytes")
    w.int(imageFs.available)
    w.constantKey("capacityBytes")
    w.int(imageFs.capacity)
    w.endObject()
    w.constantKey("images")
    w.beginArray()
    for image in images {
      w.beginObject()
      if let first = image.firstDetectedAt {
        w.constantKey("firstDetectedAt")
        w.string(collectorStyle.text(first))
      }
      w.constantKey("id")
      w.string(image.id)
      if let last = image.lastUsedAt {
        w.constantKey("lastUsedAt")
        w.string(collectorStyle.text(last))
      }
      if recordsNamespaces {
        w.constantKey("namespaces")
        w.strings(image.namespaces)
      }
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
    w.endArray()
    w.constantKey("kind")
    w.string("NodeSnapshot")
    if let started = kubeletStartedAt {
      w.constantKey("kubeletStartedAt")
      w.string(collectorStyle.text(started))
    }
    w.constantKey("node")
    w.string(node)
    w.constantKey("podLogDirs")
    w.strings(podLogDirs)
    w.constantKey("pods")
    w.beginArray()
    for pod in pods {
      guard let state = pod.state else { continue }
      w.beginObject()
      w.constantKey("name")
      w.string(pod.name)
      w.constantKey("namespace")
      w.string(pod.namespace)
      w.constantKey("state")
      w.string(state.rawValue)
      w.constantKey("uid")
      w.string(pod.uid)
      w.endObject()
    }
    w.endArray()
    w.constantKey("sandboxes")
    w.beginArray()
    for s in sandboxes {
      let pod = pods[s.pod]
      w.beginObject()
      w.constantKey("createdAt")
      w.string(runtimeStyle.text(s.createdAt))
      w.constantKey("id")
      w.string(s.id)
      w.constantKey("namespace")
      w.string(pod.namespace)
      w.constantKey("podName")
      w.string(pod.name)
      w.constantKey("podUid")
      w.string(pod.uid)
      w.constantKey("state")
      w.string(s.ready ? "ready" : "notready")
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.finish()
  }
}
