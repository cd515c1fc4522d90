/// The members of an element of `images`.
enum ImageField: Int, SnapshotField {
  case firstDetectedAt, id, lastUsedAt, namespaces, pinned, repoDigests, repoTags, sizeBytes

  var key: StaticString {
    switch self {
    case .firstDetectedAt: "firstDetectedAt"
    case .id: "id"
    case .lastUsedAt: "lastUsedAt"
    case .namespaces: "namespaces"
    case .pinned: "pinned"
    case .repoDigests: "repoDigests"
    case .repoTags: "repoTags"
    case .sizeBytes: "sizeBytes"
    }
  }

  static let required: FieldSet<Self> = [.id, .sizeBytes]
}
