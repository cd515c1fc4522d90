import ReclaimCore

/// One entry of `crictl pods -o json` (`ListPodSandboxResponse.items`).
public struct CRIPodSandbox: Sendable, Hashable {
  /// The CRI `PodSandboxState`.
  public enum State: String, Sendable, Hashable {
    case ready = "SANDBOX_READY"
    case notReady = "SANDBOX_NOTREADY"

    static let byNumber: [Int64: State] = [0: .ready, 1: .notReady]
  }

  public var id: String
  /// `metadata.uid`, `metadata.namespace`, `metadata.name`: the pod, as the
  /// kubelet's sandbox GC reads it (from the metadata, not the labels);
  /// `""` when unset.
  public var podUid: String
  public var namespace: String
  public var podName: String
  public var attempt: Int64
  public var state: State
  /// `createdAt`, nanoseconds since the epoch.
  public var createdAt: Int64

  public init(
    id: String, podUid: String, namespace: String, podName: String, attempt: Int64 = 0, state: State,
    createdAt: Int64
  ) {
    self.id = id
    self.podUid = podUid
    self.namespace = namespace
    self.podName = podName
    self.attempt = attempt
    self.state = state
    self.createdAt = createdAt
  }
}

extension CRIPodSandbox {
  /// Decodes a whole `crictl pods -o json` document.
  static func list(_ root: JSONNode, _ d: inout CaptureDecoder) -> [CRIPodSandbox] {
    guard CaptureKind.sandboxes.check(root, in: &d) else { return [] }
    var seen = Set<[UInt8]>()
    var out: [CRIPodSandbox] = []
    for item in d.array(root, "items") {
      guard let node = d.object(item) else { continue }
      let id = d.requiredString(node, "id", what: "sandbox id")
      // A sandbox made through the CRI by hand may lack a pod uid; the
      // kubelet reads it as "" (`GetMetadata().GetUid()`), and so does this.
      let metadata = d.object(d.member(node, "metadata"))
      let uid = metadata.flatMap { d.string($0, "uid") } ?? ""
      // Sandbox fallback: a sandbox state the CRI does not know is not ready,
      // as the kubelet treats every state but SANDBOX_READY.
      let state = CRIEnum.decode(node, "state", State.self, byNumber: State.byNumber, fallback: .notReady, &d)
      let createdAt = d.integer(node, "createdAt")
      if d.member(node, "createdAt") == nil { d.error(d.childPath(node, "createdAt"), "missing sandbox createdAt") }
      guard let id, let createdAt, d.first(id, of: node, what: "sandbox id", in: &seen) else { continue }
      out.append(
        CRIPodSandbox(
          id: id, podUid: uid, namespace: metadata.flatMap { d.string($0, "namespace") } ?? "",
          podName: metadata.flatMap { d.string($0, "name") } ?? "",
          attempt: metadata.flatMap { d.integer($0, "attempt") } ?? 0, state: state,
          createdAt: createdAt))
    }
    return out
  }
}
