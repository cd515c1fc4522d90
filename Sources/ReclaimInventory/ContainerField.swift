/// The members of an element of `containers`.
enum ContainerField: Int, SnapshotField {
  case createdAt, id, imageId, name, namespace, podName, podUid, sandboxId, state

  var key: StaticString {
    switch self {
    case .createdAt: "createdAt"
    case .id: "id"
    case .imageId: "imageId"
    case .name: "name"
    case .namespace: "namespace"
    case .podName: "podName"
    case .podUid: "podUid"
    case .sandboxId: "sandboxId"
    case .state: "state"
    }
  }

  static let required: FieldSet<Self> = [.createdAt, .id, .imageId, .name, .state]
}
