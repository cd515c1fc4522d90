import ReclaimCore

/// What the import takes from the kubelet's Summary API
/// (`/api/v1/nodes/NODE/proxy/stats/summary`): the image filesystem's
/// capacity and free bytes as the kubelet's image GC sees them, and, when
/// the whole document is given, the node's name and the kubelet's start.
public struct KubeletSummary: Sendable, Hashable {
  public var capacityBytes: Int64
  public var availableBytes: Int64
  /// `node.nodeName`; `nil` when only the `imageFs` object was given.
  public var nodeName: String?
  /// `startTime` of the `kubelet` entry of `node.systemContainers`: when the
  /// kubelet's cgroup, so the kubelet, last started.
  public var kubeletStartedAt: Timestamp?

  public init(capacityBytes: Int64, availableBytes: Int64, nodeName: String? = nil, kubeletStartedAt: Timestamp? = nil) {
    self.capacityBytes = capacityBytes
    self.availableBytes = availableBytes
    self.nodeName = nodeName
    self.kubeletStartedAt = kubeletStartedAt
  }
}

extension KubeletSummary {
  /// Decodes the whole Summary document or just its `node.runtime.imageFs`
  /// object (what `jq .node.runtime.imageFs` leaves).
  static func decode(_ root: JSONNode, _ d: inout CaptureDecoder) -> KubeletSummary? {
    guard CaptureKind.statsSummary.check(root, in: &d) else { return nil }
    var nodeName: String?
    var started: Timestamp?
    let imageFs: JSONNode
    if let node = d.object(d.member(root, "node")) {
      nodeName = d.string(node, "nodeName")
      for container in d.array(node, "systemContainers") {
        guard let entry = d.object(container), d.string(entry, "name") == "kubelet" else { continue }
        started = d.time(entry, "startTime")
      }
      guard let runtime = d.object(d.member(node, "runtime")),
        let fs = d.object(d.member(runtime, "imageFs"))
      else {
        d.error(
          d.childPath(node, "runtime") + ".imageFs",
          "the Summary API document has no node.runtime.imageFs (the kubelet could not read the image filesystem)")
        return nil
      }
      imageFs = fs
    } else if d.member(root, "node") != nil {
      return nil
    } else {
      imageFs = root
    }
    var values: [Int64] = []
    for key in ["capacityBytes", "availableBytes"] {
      guard let value = d.integer(imageFs, key) else {
        if d.member(imageFs, key) == nil {
          d.error(
            d.childPath(imageFs, key),
            "missing \(key): the image filesystem's capacity and free bytes are both needed (crictl imagefsinfo has neither)")
        }
        continue
      }
      guard value >= 0 else {
        d.error(d.childPath(imageFs, key), "expected an integer ≥ 0, got \(value)")
        continue
      }
      values.append(value)
    }
    guard values.count == 2 else { return nil }
    return KubeletSummary(
      capacityBytes: values[0], availableBytes: values[1], nodeName: nodeName, kubeletStartedAt: started)
  }
}
