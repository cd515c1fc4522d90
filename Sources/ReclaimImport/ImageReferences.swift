import ReclaimCore

/// Finds the image a container's reference names, the way `crictl images`
/// lists it: by id, then by repo digest, then by repo tag.
///
/// Runtimes differ in what they put in a container's `imageRef`:
/// containerd usually the image id (`sha256:…`), CRI-O often a digested
/// name (`registry/repo@sha256:…`), and an id may be written with or
/// without its `sha256:` prefix. The engine matches ids exactly, so the
/// import turns every reference into the listed image's `id`.
struct ImageReferences {
  private var byID: [[UInt8]: String] = [:]
  private var byDigest: [[UInt8]: String] = [:]
  private var byTag: [[UInt8]: String] = [:]

  /// `images` in the order of precedence when two share a digest or tag
  /// (the first wins, so the caller passes them sorted by id).
  init(_ images: [CRIImage]) {
    for image in images {
      let id = Array(image.id.utf8)
      byID[id] = byID[id] ?? image.id
      let bare = Self.withoutAlgorithm(id)
      byID[bare] = byID[bare] ?? image.id
      for digest in image.repoDigests { byDigest[Array(digest.utf8)] = byDigest[Array(digest.utf8)] ?? image.id }
      for tag in image.repoTags { byTag[Array(tag.utf8)] = byTag[Array(tag.utf8)] ?? image.id }
    }
  }

  /// The listed image's id for `reference`, or `nil` when none matches.
  func resolve(_ reference: String) -> String? {
    guard !reference.isEmpty else { return nil }
    let bytes = Array(reference.utf8)
    if let id = byID[bytes] ?? byID[Self.withoutAlgorithm(bytes)] { return id }
    if let id = byDigest[bytes] { return id }
    return byTag[bytes]
  }

  /// The id a container uses: its CRI `imageId` when set, else its
  /// `imageRef` (the kubelet's own rule, `toKubeContainer`), else the image
  /// it was created from; each resolved to a listed image when one matches.
  /// `matched` is `false` when none of them names a listed image; the id is
  /// then the first non-empty reference, as given.
  func imageID(of c: CRIContainer) -> (id: String, matched: Bool) {
    let candidates = [c.imageId, c.imageRef, c.image]
    for candidate in candidates {
      if let id = resolve(candidate) { return (id, true) }
    }
    return (candidates.first { !$0.isEmpty } ?? "", false)
  }

  /// `sha256:abc…` → `abc…`; any other text unchanged.
  private static func withoutAlgorithm(_ bytes: [UInt8]) -> [UInt8] {
    let prefix = Array("sha256:".utf8)
    return bytes.starts(with: prefix) ? Array(bytes.dropFirst(prefix.count)) : bytes
  }
}
