import ReclaimCore

/// One pod of `kubectl get pods -A -o json --field-selector spec.nodeName=NODE`:
/// what the API server says of it, which the kubelet's pod state provider
/// knows and no runtime capture holds.
public struct APIPod: Sendable, Hashable {
  /// The uid the kubelet knows the pod by: `metadata.uid`, or for a mirror
  /// pod its static pod's (the `kubernetes.io/config.mirror` annotation).
  public var uid: String
  public var namespace: String
  public var name: String
  /// `spec.nodeName`; `""` when unscheduled.
  public var nodeName: String
  /// Whether `metadata.deletionTimestamp` is set.
  public var deleting: Bool
  /// `status.phase` (`Pending`, `Running`, `Succeeded`, `Failed`, `Unknown`).
  public var phase: String
  /// `status.reason` (`Evicted`, …).
  public var reason: String

  public init(
    uid: String, namespace: String, name: String, nodeName: String = "", deleting: Bool = false,
    phase: String = "Running", reason: String = ""
  ) {
    self.uid = uid
    self.namespace = namespace
    self.name = name
    self.nodeName = nodeName
    self.deleting = deleting
    self.phase = phase
    self.reason = reason
  }
}

extension APIPod {
  /// The annotation of a mirror pod that holds its static pod's uid.
  static let mirrorAnnotation = "kubernetes.io/config.mirror"

  /// Decodes a `List`/`PodList` of pods.
  static func list(_ root: JSONNode, _ d: inout CaptureDecoder) -> [APIPod] {
    guard CaptureKind.apiPods.check(root, in: &d) else { return [] }
    var seen = Set<[UInt8]>()
    var out: [APIPod] = []
    for item in d.array(root, "items") {
      guard let node = d.object(item) else { continue }
      if let kind = d.string(node, "kind"), kind != "Pod" {
        d.error(d.childPath(node, "kind"), "expected a Pod, got \(quoted(kind))")
        continue
      }
      guard let metadata = d.object(d.member(node, "metadata")) else {
        d.error(d.childPath(node, "metadata"), "missing pod metadata")
        continue
      }
      guard var uid = d.requiredString(metadata, "uid", what: "pod metadata.uid") else { continue }
      // A static pod's API object is its mirror pod, with a uid of its own;
      // the kubelet, and the labels of the pod's containers, use the static
      // pod's uid, which the mirror carries in this annotation
      // (`pkg/kubelet/pod/mirror_client.go`).
      if let mirror = d.labels(metadata, "annotations")[Self.mirrorAnnotation], !mirror.isEmpty { uid = mirror }
      guard seen.insert(Array(uid.utf8)).inserted else {
        d.error(d.childPath(metadata, "uid"), "duplicate pod uid \(quoted(uid))")
        continue
      }
      let spec = d.object(d.member(node, "spec"))
      let status = d.object(d.member(node, "status"))
      out.append(
        APIPod(
          uid: uid, namespace: d.string(metadata, "namespace") ?? "", name: d.string(metadata, "name") ?? "",
          nodeName: spec.flatMap { d.string($0, "nodeName") } ?? "",
          deleting: d.time(metadata, "deletionTimestamp") != nil,
          phase: status.flatMap { d.string($0, "phase") } ?? "",
          reason: status.flatMap { d.string($0, "reason") } ?? ""))
    }
    return out
  }
}
