/// The members of an element of `sandboxes`.
enum SandboxField: Int, SnapshotField {
  case createdAt, id, namespace, podName, podUid, state

  var key: StaticString {
    switch self {
    case .createdAt: "createdAt"
    case .id: "id"
    case .namespace: "namespace"
    case .podName: "podName"
    case .podUid: "podUid"
    case .state: "state"
    }
  }

  static let required: FieldSet<Self> = [.createdAt, .id, .namespace, .podName, .podUid, .state]
}
