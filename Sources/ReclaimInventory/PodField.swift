/// The members of an element of `pods`.
enum PodField: Int, SnapshotField {
  case name, namespace, state, uid

  var key: StaticString {
    switch self {
    case .name: "name"
    case .namespace: "namespace"
    case .state: "state"
    case .uid: "uid"
    }
  }

  static let required: FieldSet<Self> = [.state, .uid]
}
