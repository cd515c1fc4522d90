import Foundation
import ReclaimCore
import ReclaimInventory

/// A test-only stand-in for `SnapshotReader` while the inventory branch is
/// not merged: trusts its input (the fixtures), checks nothing.
enum InterimSnapshotDecoder {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func decode(_ object: Any) throws -> NodeSnapshot {
    guard let o = object as? [String: Any] else { throw Failure(description: "snapshot is not an object") }
    func ts(_ v: Any?) throws -> Timestamp? {
      guard let text = v as? String else { return nil }
      do { return try Timestamp.parse(text) } catch { throw Failure(description: "bad timestamp \(text)") }
    }
    func int(_ v: Any?) -> Int64 { (v as? NSNumber)?.int64Value ?? 0 }
    func str(_ v: Any?) -> String? { v as? String }
    func strs(_ v: Any?) -> [String] { (v as? [String]) ?? [] }
    func objs(_ v: Any?) -> [[String: Any]] { (v as? [[String: Any]]) ?? [] }
    guard let capturedAt = try ts(o["capturedAt"]) else { throw Failure(description: "capturedAt missing") }
    let fs = o["imageFs"] as? [String: Any] ?? [:]
    return NodeSnapshot(
      node: str(o["node"]) ?? "", capturedAt: capturedAt,
      allSourcesReady: (o["allSourcesReady"] as? Bool) ?? false,
      kubeletStartedAt: try ts(o["kubeletStartedAt"]),
      imageFs: .init(capacityBytes: int(fs["capacityBytes"]), availableBytes: int(fs["availableBytes"])),
      pods: try objs(o["pods"]).map { p in
        guard let state = NodeSnapshot.Pod.State(rawValue: str(p["state"]) ?? "") else {
          throw Failure(description: "bad pod state")
        }
        return .init(uid: str(p["uid"]) ?? "", namespace: str(p["namespace"]), name: str(p["name"]), state: state)
      },
      sandboxes: try objs(o["sandboxes"]).map { b in
        guard let state = NodeSnapshot.Sandbox.State(rawValue: str(b["state"]) ?? ""),
          let created = try ts(b["createdAt"])
        else { throw Failure(description: "bad sandbox") }
        return .init(
          id: str(b["id"]) ?? "", podUid: str(b["podUid"]) ?? "", namespace: str(b["namespace"]) ?? "",
          podName: str(b["podName"]) ?? "", state: state, createdAt: created)
      },
      containers: try objs(o["containers"]).map { c in
        guard let state = NodeSnapshot.Container.State(rawValue: str(c["state"]) ?? ""),
          let created = try ts(c["createdAt"])
        else { throw Failure(description: "bad container") }
        return .init(
          id: str(c["id"]) ?? "", podUid: str(c["podUid"]), namespace: str(c["namespace"]),
          podName: str(c["podName"]), name: str(c["name"]) ?? "", sandboxId: str(c["sandboxId"]), state: state,
          createdAt: created, imageId: str(c["imageId"]) ?? "")
      },
      images: try objs(o["images"]).map { i in
        .init(
          id: str(i["id"]) ?? "", repoTags: strs(i["repoTags"]), repoDigests: strs(i["repoDigests"]),
          sizeBytes: int(i["sizeBytes"]), pinned: (i["pinned"] as? Bool) ?? false,
          firstDetectedAt: try ts(i["firstDetectedAt"]), lastUsedAt: try ts(i["lastUsedAt"]),
          namespaces: strs(i["namespaces"]))
      },
      podLogDirs: strs(o["podLogDirs"]))
  }
}
