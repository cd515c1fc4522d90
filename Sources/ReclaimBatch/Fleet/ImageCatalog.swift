/// Every image the fleet's registries serve: each version of each
/// `ImageRepo`, with an id, tags, digests and a size that are the same on
/// every node that has pulled it (shared base and system images look alike
/// across the fleet, as content-addressed images do).
///
/// Built once per fleet from the seed's fleet stream, so that a node's
/// snapshot depends only on `(seed, node index)`.
struct ImageCatalog: Sendable {
  struct Image: Sendable {
    var id: String
    var repo: ImageRepo
    var repoTags: [String]
    var repoDigests: [String]
    var sizeBytes: Int64
    /// Pinned by the runtime (the sandbox image).
    var pinned: Bool
  }

  let images: [Image]
  /// Index of each repository's oldest version in `images`.
  private let start: [Int]

  init(random: inout FleetRandom) {
    var images: [Image] = []
    var start: [Int] = []
    for repo in ImageRepo.allCases {
      start.append(images.count)
      let versions = repo.versions
      for (v, version) in versions.enumerated() {
        let newest = v == versions.count - 1
        var tags: [String] = []
        if !version.isEmpty { tags.append(repo.name + ":" + version) }
        if newest { tags += repo.floatingTags.map { repo.name + ":" + $0 } }
        var digests = [repo.name + "@sha256:" + random.hex(64)]
        // Pulled through a mirror as well: one image, two names.
        if repo.name.hasPrefix("docker.io/"), random.percent(15) {
          digests.append("mirror.gcr.io/" + repo.name.dropFirst("docker.io/".count) + "@sha256:" + random.hex(64))
        }
        // Versions of one repository differ by a few percent; the bytes
        // below a megabyte make every size look measured, not chosen.
        let base = Int64(repo.megabytes) * 1_000_000
        let size = base + base / 100 * Int64(random.int(in: -6...6)) + Int64(random.below(1_000_000))
        images.append(
          Image(
            id: random.imageID(), repo: repo, repoTags: tags, repoDigests: digests, sizeBytes: size,
            pinned: newest && repo.pinsNewest))
      }
    }
    self.images = images
    self.start = start
  }

  /// The indices of `repo`'s versions in `images`, oldest first.
  func versions(of repo: ImageRepo) -> Range<Int> {
    start[repo.rawValue]..<(start[repo.rawValue] + repo.versions.count)
  }
}
