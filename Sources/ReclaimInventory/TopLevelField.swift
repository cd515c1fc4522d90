/// The members of a snapshot document (docs/reference/snapshot.md, "Fields").
enum TopLevelField: Int, SnapshotField {
  case allSourcesReady, apiVersion, capturedAt, containers, imageFs, images, kind, kubeletStartedAt, node
  case podLogDirs, pods, sandboxes

  var key: StaticString {
    switch self {
    case .allSourcesReady: "allSourcesReady"
    case .apiVersion: "apiVersion"
    case .capturedAt: "capturedAt"
    case .containers: "containers"
    case .imageFs: "imageFs"
    case .images: "images"
    case .kind: "kind"
    case .kubeletStartedAt: "kubeletStartedAt"
    case .node: "node"
    case .podLogDirs: "podLogDirs"
    case .pods: "pods"
    case .sandboxes: "sandboxes"
    }
  }

  static let required: FieldSet<Self> = [.apiVersion, .capturedAt, .imageFs, .kind, .node]
}
