import ReclaimCore
import ReclaimInventory

/// Maps a decoded capture set to a `NodeSnapshot` by the rules of
/// docs/capture.md ("What the import does"), as the kubelet itself reads
/// the same runtime:
///
/// - containers are grouped by their `io.kubernetes.pod.uid` and
///   `io.kubernetes.container.name` labels (`getContainerInfoFromLabels`);
///   a container without them belongs to no pod and has the name `""`, as
///   in the kubelet's evict units;
/// - sandboxes by their `metadata` (`evictSandboxes` reads `Metadata.Uid`);
/// - a container's image is its CRI `imageId`, else its `imageRef`
///   (`toKubeContainer`), resolved to a listed image's id;
/// - pod states come from the API server's pod list when given.
///
/// Every list is sorted by id (pods by uid), byte-wise, so that the output
/// does not depend on the order crictl listed things in.
public enum CrictlImporter {
  /// What the user said about the capture beyond its files.
  public struct Options: Sendable, Hashable {
    /// `--node`; `nil`: from the Summary API's `node.nodeName`, else the
    /// API pods' `spec.nodeName`.
    public var node: String?
    /// `--captured-at`: the instant of the capture.
    public var capturedAt: Timestamp
    /// `--kubelet-started-at`; `nil`: from the Summary API.
    public var kubeletStartedAt: Timestamp?

    public init(node: String? = nil, capturedAt: Timestamp, kubeletStartedAt: Timestamp? = nil) {
      self.node = node
      self.capturedAt = capturedAt
      self.kubeletStartedAt = kubeletStartedAt
    }
  }

  /// A previous snapshot of the node (`--previous`) and its file's name.
  public struct Previous: Sendable, Hashable {
    public var file: String
    public var snapshot: NodeSnapshot

    public init(file: String, snapshot: NodeSnapshot) {
      self.file = file
      self.snapshot = snapshot
    }
  }

  /// The snapshot and the warnings and notes found on the way.
  public struct Result: Sendable {
    public var snapshot: NodeSnapshot
    public var diagnostics: [Diagnostic]
  }

  /// The namespace, pod name, uid and container name labels the kubelet
  /// puts on every container it creates (`pkg/kubelet/types/labels.go`).
  static let podUIDLabel = "io.kubernetes.pod.uid"
  static let podNamespaceLabel = "io.kubernetes.pod.namespace"
  static let podNameLabel = "io.kubernetes.pod.name"
  static let containerNameLabel = "io.kubernetes.container.name"

  /// Builds the snapshot, or says why it cannot (every problem at once).
  public static func snapshot(
    from capture: CrictlCapture, options: Options, previous: Previous? = nil
  ) -> Swift.Result<Result, DiagnosticError> {
    var problems: [Diagnostic] = []
    var notes: [Diagnostic] = []
    let node = nodeName(capture, options, &problems)
    let kubeletStartedAt = options.kubeletStartedAt ?? capture.summary.kubeletStartedAt
    let now = options.capturedAt

    // Images, and what each container's reference resolves to.
    let criImages = capture.images.sorted { ByteOrder.less($0.id, $1.id) }
    let references = ImageReferences(criImages)
    var used: [[UInt8]: [String]] = [:]
    var containers: [NodeSnapshot.Container] = []
    var unmatched: [String] = []
    for c in capture.containers {
      let podUid = c.labels[podUIDLabel].flatMap { $0.isEmpty ? nil : $0 }
      let (imageId, matched) = references.imageID(of: c)
      let namespace = podUid.flatMap { _ in c.labels[podNamespaceLabel] }
      if matched {
        used[Array(imageId.utf8), default: []].append(contentsOf: namespace.map { [$0] } ?? [])
      } else {
        unmatched.append(c.id)
      }
      containers.append(
        NodeSnapshot.Container(
          id: c.id, podUid: podUid,
          namespace: namespace,
          podName: podUid.flatMap { _ in c.labels[podNameLabel] },
          name: c.labels[containerNameLabel] ?? "",
          sandboxId: c.podSandboxId.isEmpty ? nil : c.podSandboxId,
          state: state(c.state), createdAt: Timestamp(nanoseconds: c.createdAt), imageId: imageId))
    }
    containers.sort { ByteOrder.less($0.id, $1.id) }
    if !unmatched.isEmpty {
      let shown = unmatched.sorted(by: ByteOrder.less).prefix(5).map(quoted).joined(separator: ", ")
      notes.append(
        Diagnostic(
          severity: .warning, file: capture.file(.containers),
          message: "\(unmatched.count) container\(unmatched.count == 1 ? "'s image matches" : "s' images match") "
            + "no image of \(capture.file(.images)) (by id, repo digest or repo tag): \(shown)"
            + (unmatched.count > 5 ? ", …" : "") + "; their image ids are kept as the runtime gave them"))
    }
    if !capture.containers.isEmpty, capture.containers.allSatisfy({ $0.state == .running }) {
      notes.append(
        Diagnostic(
          severity: .warning, file: capture.file(.containers),
          message: "every container is running: was this captured with `crictl ps -a`? "
            + "Without -a, exited containers are missing and container GC has nothing to plan"))
    }

    let sandboxes = capture.sandboxes.map { s in
      NodeSnapshot.Sandbox(
        id: s.id, podUid: s.podUid, namespace: s.namespace, podName: s.podName,
        state: s.state == .ready ? .ready : .notready, createdAt: Timestamp(nanoseconds: s.createdAt))
    }.sorted { ByteOrder.less($0.id, $1.id) }

    let pods = podList(capture, sandboxes: sandboxes, containers: containers)
    if kubeletStartedAt == nil, previous == nil, !capture.images.isEmpty {
      notes.append(
        Diagnostic(
          severity: .warning, file: capture.file(.statsSummary),
          message: "no kubelet start time (the whole Summary API document has it, or pass --kubelet-started-at): "
            + "without it or --previous, every image counts as first detected at the capture instant, "
            + "so image GC's minAge keeps them all"))
    }

    // Image records: carried forward from the previous capture unless the
    // kubelet restarted since.
    var history = ImageHistory()
    if let previous {
      let p = previous.snapshot
      if let node, !p.node.utf8.elementsEqual(node.utf8) {
        problems.append(
          Diagnostic(
            file: previous.file, path: "$.node",
            message: "the previous snapshot is of node \(quoted(p.node)), not \(quoted(node))"))
      } else if p.capturedAt > now {
        problems.append(
          Diagnostic(
            file: previous.file, path: "$.capturedAt",
            message: "the previous snapshot was captured at \(p.capturedAt), after this capture (\(now))"))
      } else if let started = kubeletStartedAt, started > p.capturedAt {
        notes.append(
          Diagnostic(
            severity: .note, file: previous.file,
            message: "the kubelet restarted at \(started), after this snapshot was captured (\(p.capturedAt)): "
              + "its image records were lost, so image history starts afresh, as the kubelet's does"))
      } else {
        history = ImageHistory(previous: p)
      }
    }
    let images = history.update(
      criImages.map {
        NodeSnapshot.Image(
          id: $0.id, repoTags: $0.repoTags, repoDigests: $0.repoDigests, sizeBytes: $0.size, pinned: $0.pinned)
      }, used: used, now: now)

    guard let node, problems.isEmpty else {
      return .failure(DiagnosticError(problems))
    }
    let snapshot = NodeSnapshot(
      node: node, capturedAt: now, allSourcesReady: capture.apiPods != nil, kubeletStartedAt: kubeletStartedAt,
      imageFs: .init(capacityBytes: capture.summary.capacityBytes, availableBytes: capture.summary.availableBytes),
      pods: pods, sandboxes: sandboxes, containers: containers, images: images,
      podLogDirs: capture.podLogDirs ?? [])
    return .success(Result(snapshot: snapshot, diagnostics: notes))
  }

  static func state(_ s: CRIContainer.State) -> NodeSnapshot.Container.State {
    switch s {
    case .created: .created
    case .running: .running
    case .exited: .exited
    case .unknown: .unknown
    }
  }

  /// `--node`, else what the captures say; every source that names a node
  /// must name the same one.
  static func nodeName(_ capture: CrictlCapture, _ options: Options, _ problems: inout [Diagnostic]) -> String? {
    // Who says which node this is: the file a disagreement is reported
    // against, and how the message names the source.
    var claims: [(name: String, file: String, source: String)] = []
    if let node = options.node { claims.append((node, "--node", "--node")) }
    let summary = capture.file(.statsSummary)
    if let name = capture.summary.nodeName, !name.isEmpty { claims.append((name, summary, "node.nodeName")) }
    let apiPods = capture.file(.apiPods)
    for pod in capture.apiPods ?? [] where !pod.nodeName.isEmpty {
      guard !claims.contains(where: { $0.file == apiPods && $0.name.utf8.elementsEqual(pod.nodeName.utf8) })
      else { continue }
      claims.append((pod.nodeName, apiPods, "pod \(pod.namespace)/\(pod.name)'s spec.nodeName"))
    }
    guard let first = claims.first else {
      problems.append(
        Diagnostic(
          file: summary, message: "no node name: pass --node NAME (only the whole Summary API document names its node)"))
      return nil
    }
    for other in claims.dropFirst() where !other.name.utf8.elementsEqual(first.name.utf8) {
      problems.append(
        Diagnostic(
          file: other.file,
          message: "\(other.source) is \(quoted(other.name)), but \(first.source) is \(quoted(first.name)): "
            + "the captures are not all of one node"))
    }
    if let problem = SnapshotReader.nodeNameProblem(first.name) {
      problems.append(Diagnostic(file: first.file, message: problem))
    }
    return first.name
  }

  /// The pods the kubelet knows: those of the API list, in their API state,
  /// and those the runtime still has but the API server no longer lists,
  /// as `deleted`. Without the API list, every pod the runtime has is
  /// `active` (and `allSourcesReady` is `false`), so none is removable.
  static func podList(
    _ capture: CrictlCapture, sandboxes: [NodeSnapshot.Sandbox], containers: [NodeSnapshot.Container]
  ) -> [NodeSnapshot.Pod] {
    var pods: [[UInt8]: NodeSnapshot.Pod] = [:]
    func add(_ uid: String, _ namespace: String?, _ name: String?) {
      let key = Array(uid.utf8)
      // A sandbox without a pod uid belongs to no pod the kubelet knows.
      guard !uid.isEmpty, pods[key] == nil else { return }
      let state: NodeSnapshot.Pod.State = capture.apiPods == nil ? .active : .deleted
      pods[key] = NodeSnapshot.Pod(uid: uid, namespace: namespace, name: name, state: state)
    }
    for pod in capture.apiPods ?? [] {
      pods[Array(pod.uid.utf8)] = NodeSnapshot.Pod(
        uid: pod.uid, namespace: pod.namespace, name: pod.name, state: apiState(pod))
    }
    for s in sandboxes { add(s.podUid, s.namespace, s.podName) }
    for c in containers { if let uid = c.podUid { add(uid, c.namespace, c.podName) } }
    return pods.values.sorted { ByteOrder.less($0.uid, $1.uid) }
  }

  /// A pod's state from the API server's view of it: deleted (a deletion
  /// timestamp) but still there is `terminating`; `Succeeded` or `Failed`
  /// is `terminated`, or `evicted` when the eviction manager failed it.
  static func apiState(_ pod: APIPod) -> NodeSnapshot.Pod.State {
    if pod.deleting { return .terminating }
    if pod.phase == "Succeeded" || pod.phase == "Failed" { return pod.reason == "Evicted" ? .evicted : .terminated }
    return .active
  }
}
