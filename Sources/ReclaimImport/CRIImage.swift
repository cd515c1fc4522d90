import ReclaimCore

/// One entry of `crictl images -o json` (`ListImagesResponse.images`).
public struct CRIImage: Sendable, Hashable {
  public var id: String
  public var repoTags: [String]
  public var repoDigests: [String]
  /// `size`: bytes as the runtime counts them (containerd: compressed,
  /// CRI-O: uncompressed); the kubelet sums this field when freeing space.
  public var size: Int64
  /// `pinned`; absent in captures older than CRI 1.23, which means `false`.
  public var pinned: Bool

  public init(id: String, repoTags: [String] = [], repoDigests: [String] = [], size: Int64, pinned: Bool = false) {
    self.id = id
    self.repoTags = repoTags
    self.repoDigests = repoDigests
    self.size = size
    self.pinned = pinned
  }
}

extension CRIImage {
  /// Decodes a whole `crictl images -o json` document.
  static func list(_ root: JSONNode, _ d: inout CaptureDecoder) -> [CRIImage] {
    guard CaptureKind.images.check(root, in: &d) else { return [] }
    var seen = Set<[UInt8]>()
    var out: [CRIImage] = []
    for item in d.array(root, "images") {
      guard let node = d.object(item) else { continue }
      let id = d.requiredString(node, "id", what: "image id")
      let size = d.integer(node, "size")
      if d.member(node, "size") == nil { d.error(d.childPath(node, "size"), "missing image size") }
      if let size, size < 0 { d.error(d.childPath(node, "size"), "expected an integer ≥ 0, got \(size)") }
      let image = CRIImage(
        id: id ?? "", repoTags: d.strings(node, "repoTags"), repoDigests: d.strings(node, "repoDigests"),
        size: size ?? 0, pinned: d.bool(node, "pinned") ?? false)
      if let id, d.first(id, of: node, what: "image id", in: &seen), let size, size >= 0 { out.append(image) }
    }
    return out
  }
}
