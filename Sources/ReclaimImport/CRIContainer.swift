import ReclaimCore

/// One entry of `crictl ps -a -o json` (`ListContainersResponse.containers`),
/// as much of the CRI `Container` message as GC needs.
public struct CRIContainer: Sendable, Hashable {
  /// The CRI `ContainerState`, by its enum name (or number).
  public enum State: String, Sendable, Hashable {
    case created = "CONTAINER_CREATED"
    case running = "CONTAINER_RUNNING"
    case exited = "CONTAINER_EXITED"
    case unknown = "CONTAINER_UNKNOWN"

    /// The enum's proto numbers, which a JSON marshaller may write instead of names.
    static let byNumber: [Int64: State] = [0: .created, 1: .running, 2: .exited, 3: .unknown]
  }

  public var id: String
  /// The sandbox the container runs in; `""` when unset.
  public var podSandboxId: String
  /// `metadata.name`: the name the runtime was given.
  public var metadataName: String
  /// `metadata.attempt`: the restart count the kubelet gave it.
  public var attempt: Int64
  /// `image.image`: the image as the kubelet named it to the runtime.
  public var image: String
  /// `imageRef`: the runtime's reference to the image (an id or a digested name).
  public var imageRef: String
  /// `imageId` (CRI 1.30 and later): the image's id; `""` when unset.
  public var imageId: String
  public var state: State
  /// `createdAt`, nanoseconds since the epoch.
  public var createdAt: Int64
  public var labels: [String: String]

  public init(
    id: String, podSandboxId: String = "", metadataName: String = "", attempt: Int64 = 0, image: String = "",
    imageRef: String = "", imageId: String = "", state: State, createdAt: Int64, labels: [String: String] = [:]
  ) {
    self.id = id
    self.podSandboxId = podSandboxId
    self.metadataName = metadataName
    self.attempt = attempt
    self.image = image
    self.imageRef = imageRef
    self.imageId = imageId
    self.state = state
    self.createdAt = createdAt
    self.labels = labels
  }
}

extension CRIContainer {
  /// Decodes a whole `crictl ps -a -o json` document.
  static func list(_ root: JSONNode, _ d: inout CaptureDecoder) -> [CRIContainer] {
    guard CaptureKind.containers.check(root, in: &d) else { return [] }
    var seen = Set<[UInt8]>()
    var out: [CRIContainer] = []
    for item in d.array(root, "containers") {
      guard let node = d.object(item) else { continue }
      let id = d.requiredString(node, "id", what: "container id")
      let metadata = d.object(d.member(node, "metadata"))
      let image = d.object(d.member(node, "image"))
      let state = CRIEnum.decode(node, "state", State.self, byNumber: State.byNumber, fallback: .unknown, &d)
      let createdAt = d.integer(node, "createdAt")
      if d.member(node, "createdAt") == nil { d.error(d.childPath(node, "createdAt"), "missing container createdAt") }
      let container = CRIContainer(
        id: id ?? "",
        podSandboxId: d.string(node, "podSandboxId") ?? "",
        metadataName: metadata.flatMap { d.string($0, "name") } ?? "",
        attempt: metadata.flatMap { d.integer($0, "attempt") } ?? 0,
        image: image.flatMap { d.string($0, "image") } ?? "",
        imageRef: d.string(node, "imageRef") ?? "",
        imageId: d.string(node, "imageId") ?? "",
        state: state,
        createdAt: createdAt ?? 0,
        labels: d.labels(node, "labels"))
      if let id, d.first(id, of: node, what: "container id", in: &seen), createdAt != nil { out.append(container) }
    }
    return out
  }
}
