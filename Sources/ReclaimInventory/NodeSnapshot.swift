import ReclaimCore

/// One node's inventory at one instant (docs/reference/snapshot.md), as decoded and checked.
///
/// Defaults of the format are already applied (`allSourcesReady` false,
/// `repoTags`/`repoDigests` empty, `pinned` false); optional fields the
/// engine must tell apart from a default stay optional.
public struct NodeSnapshot: Sendable, Hashable {
  public var node: String
  public var capturedAt: Timestamp
  public var allSourcesReady: Bool
  public var kubeletStartedAt: Timestamp?
  public var imageFs: ImageFsStats
  public var pods: [Pod]
  public var sandboxes: [Sandbox]
  public var containers: [Container]
  public var images: [Image]
  public var podLogDirs: [String]

  public init(
    node: String, capturedAt: Timestamp, allSourcesReady: Bool = false,
    kubeletStartedAt: Timestamp? = nil, imageFs: ImageFsStats, pods: [Pod] = [],
    sandboxes: [Sandbox] = [], containers: [Container] = [], images: [Image] = [],
    podLogDirs: [String] = []
  ) {
    self.node = node
    self.capturedAt = capturedAt
    self.allSourcesReady = allSourcesReady
    self.kubeletStartedAt = kubeletStartedAt
    self.imageFs = imageFs
    self.pods = pods
    self.sandboxes = sandboxes
    self.containers = containers
    self.images = images
    self.podLogDirs = podLogDirs
  }

  /// Capacity and free bytes of the filesystem that holds images.
  public struct ImageFsStats: Sendable, Hashable {
    public var capacityBytes: Int64
    public var availableBytes: Int64

    public init(capacityBytes: Int64, availableBytes: Int64) {
      self.capacityBytes = capacityBytes
      self.availableBytes = availableBytes
    }
  }

  /// What the kubelet knows of a pod.
  public struct Pod: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
      case active, terminating, terminated, deleted, evicted
    }

    public var uid: String
    public var namespace: String?
    public var name: String?
    public var state: State

    public init(uid: String, namespace: String? = nil, name: String? = nil, state: State) {
      self.uid = uid
      self.namespace = namespace
      self.name = name
      self.state = state
    }
  }

  /// A pod sandbox as the runtime lists it.
  public struct Sandbox: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
      case ready, notready
    }

    public var id: String
    public var podUid: String
    public var namespace: String
    public var podName: String
    public var state: State
    public var createdAt: Timestamp

    public init(
      id: String, podUid: String, namespace: String, podName: String, state: State,
      createdAt: Timestamp
    ) {
      self.id = id
      self.podUid = podUid
      self.namespace = namespace
      self.podName = podName
      self.state = state
      self.createdAt = createdAt
    }
  }

  /// A container as the runtime lists it.
  public struct Container: Sendable, Hashable {
    public enum State: String, Sendable, Hashable, CaseIterable {
      case created, running, exited, unknown
    }

    /// The id as stored (`IDText`): the reader keeps a runtime's id in
    /// the container, as bytes. The engine and the writers read these
    /// bytes; `id` makes a `String` of them each time it is read.
    package var idText: IDText
    /// Absent for a container the kubelet did not create.
    public var podUid: String?
    public var namespace: String?
    public var podName: String?
    /// The container's name in the pod spec.
    public var name: String
    public var sandboxId: String?
    // `imageId` is declared before `state` so that the memberwise initializer
    // (imageId:state:createdAt:) differs from the public one below, which can
    // then live in an extension and delegate to it. Swift 6.3 compiles an
    // initializer that assigns this many fields one by one with a copy of the
    // whole value (a retain and a release of all seven strings, for every
    // container decoded); the memberwise initializer builds it in place.
    public var imageId: String
    public var state: State
    public var createdAt: Timestamp
  }

  /// An image with the kubelet's in-memory record of it.
  public struct Image: Sendable, Hashable {
    public var id: String
    public var repoTags: [String]
    public var repoDigests: [String]
    public var sizeBytes: Int64
    public var pinned: Bool
    /// As given; `nil` when absent (the engine applies the default of
    /// docs/reference/snapshot.md).
    public var firstDetectedAt: Timestamp?
    /// As given; `nil` when absent: never used since the kubelet started.
    public var lastUsedAt: Timestamp?
    /// Namespaces whose pods used the image, as a collector recorded them.
    public var namespaces: [String]

    public init(
      id: String, repoTags: [String] = [], repoDigests: [String] = [], sizeBytes: Int64,
      pinned: Bool = false, firstDetectedAt: Timestamp? = nil, lastUsedAt: Timestamp? = nil,
      namespaces: [String] = []
    ) {
      self.id = id
      self.repoTags = repoTags
      self.repoDigests = repoDigests
      self.sizeBytes = sizeBytes
      self.pinned = pinned
      self.firstDetectedAt = firstDetectedAt
      self.lastUsedAt = lastUsedAt
      self.namespaces = namespaces
    }
  }
}

extension NodeSnapshot.Container {
  /// A container; the fields a container the kubelet did not create lacks
  /// default to absent.
  public init(
    id: String, podUid: String? = nil, namespace: String? = nil, podName: String? = nil,
    name: String, sandboxId: String? = nil, state: State, createdAt: Timestamp, imageId: String
  ) {
    self.init(
      idText: IDText(id), podUid: podUid, namespace: namespace, podName: podName, name: name,
      sandboxId: sandboxId, imageId: imageId, state: state, createdAt: createdAt)
  }

  /// The container's id, as the runtime lists it. For a container the
  /// reader made, a new `String` each time it is read.
  public var id: String {
    get { idText.string }
    set { idText = IDText(newValue) }
  }
}
