import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// Terse constructors for hand-written snapshots. Times are seconds
/// relative to `Make.now`.
enum Make {
  static let nowNanos: Int64 = 1_795_953_600_000_000_000  // 2026-11-29T12:00:00Z
  static var now: Timestamp { Timestamp(nanoseconds: nowNanos) }

  static func at(_ seconds: Int64) -> Timestamp { Timestamp(nanoseconds: nowNanos + seconds * 1_000_000_000) }

  static func container(
    _ id: String, pod: String? = "p1", ns: String? = "default", name: String = "app",
    state: NodeSnapshot.Container.State = .exited, created: Int64 = -3600, image: String = "img",
    sandbox: String? = nil
  ) -> NodeSnapshot.Container {
    NodeSnapshot.Container(
      id: id, podUid: pod, namespace: pod == nil ? nil : ns, podName: pod.map { "pod-\($0)" }, name: name,
      sandboxId: sandbox, state: state, createdAt: at(created), imageId: image)
  }

  static func sandbox(
    _ id: String, pod: String = "p1", ns: String = "default", state: NodeSnapshot.Sandbox.State = .notready,
    created: Int64 = -3600
  ) -> NodeSnapshot.Sandbox {
    NodeSnapshot.Sandbox(id: id, podUid: pod, namespace: ns, podName: "pod-\(pod)", state: state, createdAt: at(created))
  }

  static func image(
    _ id: String, size: Int64 = 100, tags: [String] = [], pinned: Bool = false, detected: Int64? = -86400,
    used: Int64? = nil, namespaces: [String] = []
  ) -> NodeSnapshot.Image {
    NodeSnapshot.Image(
      id: id, repoTags: tags, sizeBytes: size, pinned: pinned, firstDetectedAt: detected.map(at),
      lastUsedAt: used.map(at), namespaces: namespaces)
  }

  static func snapshot(
    ready: Bool = true, started: Timestamp? = at(-864_000), capacity: Int64 = 1000, available: Int64 = 1000,
    pods: [NodeSnapshot.Pod] = [], sandboxes: [NodeSnapshot.Sandbox] = [],
    containers: [NodeSnapshot.Container] = [], images: [NodeSnapshot.Image] = [], podLogDirs: [String] = []
  ) -> NodeSnapshot {
    NodeSnapshot(
      node: "unit", capturedAt: now, allSourcesReady: ready, kubeletStartedAt: started,
      imageFs: .init(capacityBytes: capacity, availableBytes: available), pods: pods, sandboxes: sandboxes,
      containers: containers, images: images, podLogDirs: podLogDirs)
  }

  static func policy(
    minAge: Int64 = 0, perPod: Int = -1, max: Int = -1, high: Int = 85, low: Int = 80, imageMinAge: Int64 = 0,
    imageMaxAge: Int64 = 0, protect: [String] = [], overrides: [NamespaceOverride] = []
  ) -> CompiledPolicy {
    CompiledPolicy(
      containerGC: .init(minAge: minAge, maxPerPodContainer: perPod, maxContainers: max),
      imageGC: .init(
        highThresholdPercent: high, lowThresholdPercent: low, minAge: imageMinAge, maxAge: imageMaxAge,
        protect: protect),
      namespaceOverrides: overrides)
  }

  static let second: Int64 = 1_000_000_000
  static let minute: Int64 = 60 * second
  static let hour: Int64 = 60 * minute
}

extension Plan {
  var containerReasons: [String: String] {
    Dictionary(uniqueKeysWithValues: containers.map { ($0.container.id, $0.reason.rawValue) })
  }
  var warningCodes: [String] { warnings.map(\.code.rawValue) }
}
