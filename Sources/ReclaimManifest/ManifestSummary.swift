import ReclaimCore
import ReclaimEngine

/// Counts of what one plan (or a fleet of plans) deletes: the manifest's
/// `summary` and the fleet summary's `totals`.
public struct ManifestSummary: Sendable, Hashable {
  public var containers: Int
  public var sandboxes: Int
  public var podLogDirs: Int
  public var images: Int
  /// Bytes of every deleted image (`max-age` and free-space removals).
  public var imageBytes: Int64

  public init(containers: Int = 0, sandboxes: Int = 0, podLogDirs: Int = 0, images: Int = 0, imageBytes: Int64 = 0) {
    self.containers = containers
    self.sandboxes = sandboxes
    self.podLogDirs = podLogDirs
    self.images = images
    self.imageBytes = imageBytes
  }

  public init(_ plan: Plan) {
    self.init(
      containers: plan.containers.count, sandboxes: plan.sandboxes.count, podLogDirs: plan.podLogDirs.count,
      images: plan.images.count, imageBytes: plan.imageBytes)
  }

  /// Adds another summary's counts to this one.
  public mutating func add(_ other: ManifestSummary) {
    containers += other.containers
    sandboxes += other.sandboxes
    podLogDirs += other.podLogDirs
    images += other.images
    imageBytes &+= other.imageBytes
  }

  /// Takes another summary's counts out of this one.
  public mutating func subtract(_ other: ManifestSummary) {
    containers -= other.containers
    sandboxes -= other.sandboxes
    podLogDirs -= other.podLogDirs
    images -= other.images
    imageBytes &-= other.imageBytes
  }

  public var isEmpty: Bool { containers == 0 && sandboxes == 0 && podLogDirs == 0 && images == 0 }

  public func write(to w: inout CanonicalJSONWriter) {
    w.beginObject()
    w.constantKey("containers"); w.int(containers)
    w.constantKey("imageBytes"); w.int(imageBytes)
    w.constantKey("images"); w.int(images)
    w.constantKey("podLogDirs"); w.int(podLogDirs)
    w.constantKey("sandboxes"); w.int(sandboxes)
    w.endObject()
  }
}
