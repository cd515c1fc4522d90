/// The members of `imageFs`.
enum ImageFsField: Int, SnapshotField {
  case availableBytes, capacityBytes

  var key: StaticString {
    switch self {
    case .availableBytes: "availableBytes"
    case .capacityBytes: "capacityBytes"
    }
  }

  static let required: FieldSet<Self> = [.availableBytes, .capacityBytes]
}
