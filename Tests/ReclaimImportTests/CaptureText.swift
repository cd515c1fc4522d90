import ReclaimCore
import ReclaimImport

/// Small capture sets written as crictl and the kubelet write them, for
/// tests that exercise one rule at a time.
enum CaptureText {
  static let emptyContainers = #"{"containers": []}"#
  static let emptySandboxes = #"{"items": []}"#
  static let emptyImages = #"{"images": []}"#
  static let summary = #"""
    {"node": {"nodeName": "worker-1", "startTime": "2026-11-01T00:00:00Z",
      "systemContainers": [{"name": "runtime", "startTime": "2026-11-01T00:00:00Z"},
                           {"name": "kubelet", "startTime": "2026-11-20T08:00:00Z"}],
      "runtime": {"imageFs": {"time": "2026-11-30T09:59:50Z", "availableBytes": 10000000000,
                              "capacityBytes": 100000000000, "usedBytes": 80000000000}}},
     "pods": []}
    """#

  /// A container as jsonpb (crictl ≤ 1.30) writes it.
  static func container(
    id: String, sandbox: String = "", name: String = "app", pod: (uid: String, namespace: String, name: String)? = nil,
    image: String = "", imageRef: String, state: String = "CONTAINER_EXITED", createdAt: String = #""1795946400000000000""#,
    attempt: Int = 0
  ) -> String {
    var labels: [String] = []
    if let pod {
      labels = [
        #""io.kubernetes.container.name": "\#(name)""#, #""io.kubernetes.pod.name": "\#(pod.name)""#,
        #""io.kubernetes.pod.namespace": "\#(pod.namespace)""#, #""io.kubernetes.pod.uid": "\#(pod.uid)""#,
      ]
    }
    return #"""
      {"id": "\#(id)", "podSandboxId": "\#(sandbox)", "metadata": {"name": "\#(name)", "attempt": \#(attempt)},
       "image": {"image": "\#(image)", "annotations": {}, "userSpecifiedImage": ""}, "imageRef": "\#(imageRef)",
       "state": "\#(state)", "createdAt": \#(createdAt), "labels": {\#(labels.joined(separator: ", "))},
       "annotations": {"io.kubernetes.container.hash": "1a2b3c"}}
      """#
  }

  static func containers(_ items: [String]) -> String { #"{"containers": [\#(items.joined(separator: ",\n"))]}"# }

  static func sandbox(
    id: String, uid: String, namespace: String = "shop", name: String = "web", state: String = "SANDBOX_READY",
    createdAt: String = #""1795940000000000000""#
  ) -> String {
    #"""
    {"id": "\#(id)", "metadata": {"name": "\#(name)", "uid": "\#(uid)", "namespace": "\#(namespace)", "attempt": 0},
     "state": "\#(state)", "createdAt": \#(createdAt), "labels": {}, "annotations": {}, "runtimeHandler": ""}
    """#
  }

  static func sandboxes(_ items: [String]) -> String { #"{"items": [\#(items.joined(separator: ",\n"))]}"# }

  /// An image as jsonpb writes it: unset messages as `null`.
  static func image(id: String, tags: [String] = [], digests: [String] = [], size: String = #""1000""#, pinned: Bool? = false) -> String {
    let list = { (values: [String]) in "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }
    let pin = pinned.map { #", "pinned": \#($0)"# } ?? ""
    return #"""
      {"id": "\#(id)", "repoTags": \#(list(tags)), "repoDigests": \#(list(digests)), "size": \#(size),
       "uid": null, "username": "", "spec": null\#(pin)}
      """#
  }

  static func images(_ items: [String]) -> String { #"{"images": [\#(items.joined(separator: ",\n"))]}"# }

  static func apiPod(uid: String, namespace: String = "shop", name: String = "web", phase: String = "Running", reason: String? = nil, deleting: Bool = false, node: String = "worker-1") -> String {
    let deletion = deleting ? #", "deletionTimestamp": "2026-11-30T09:00:00Z""# : ""
    let why = reason.map { #", "reason": "\#($0)""# } ?? ""
    return #"""
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "\#(name)", "namespace": "\#(namespace)", "uid": "\#(uid)"\#(deletion)},
       "spec": {"nodeName": "\#(node)"}, "status": {"phase": "\#(phase)"\#(why)}}
      """#
  }

  static func apiPods(_ items: [String]) -> String {
    #"{"apiVersion": "v1", "items": [\#(items.joined(separator: ",\n"))], "kind": "List", "metadata": {"resourceVersion": ""}}"#
  }

  /// Decodes a capture set given as text.
  static func decode(
    containers: String = emptyContainers, sandboxes: String = emptySandboxes, images: String = emptyImages,
    summary: String = summary, apiPods: String? = nil, podLogDirs: String? = nil
  ) -> (capture: CrictlCapture?, diagnostics: [Diagnostic]) {
    CrictlCapture.decode(
      .init(
        containers: ("containers.json", Array(containers.utf8)), sandboxes: ("sandboxes.json", Array(sandboxes.utf8)),
        images: ("images.json", Array(images.utf8)), statsSummary: ("summary.json", Array(summary.utf8)),
        apiPods: apiPods.map { ("api-pods.json", Array($0.utf8)) },
        podLogDirs: podLogDirs.map { ("pod-log-dirs.txt", Array($0.utf8)) }))
  }

  static let capturedAt = Timestamp(nanoseconds: 1_796_032_800_000_000_000)  // 2026-11-30T10:00:00Z
}
