import ReclaimCore
import ReclaimInventory

/// Puts the stages' decisions together into a `Plan`: deletions and, with
/// `--explain`, what is kept, each in manifest.md's entry order; warnings
/// and errors sorted by code, then message.
struct PlanAssembler {
  private let index: SnapshotIndex
  private let options: PlanOptions

  init(_ index: SnapshotIndex, options: PlanOptions) {
    self.index = index
    self.options = options
  }

  func plan(containers: ContainerGC, sandboxes: SandboxGC, podLogDirs: [PodLogDirEntry], images: ImageGC) -> Plan {
    let s = index.snapshot
    let explain = options.explain
    let containerLists = containerEntries(containers)
    let sandboxLists = sandboxEntries(sandboxes)
    let deletedImages = images.removals.map { r in imageEntry(images, r.index, reason: r.reason) }
    var kept: KeptObjects?
    if explain {
      var keptImages: [ImageEntry<ImageKeptReason>] = []
      for i in images.evictionOrder {
        guard let reason = images.kept[i] else { continue }
        keptImages.append(imageEntry(images, i, reason: reason))
      }
      kept = KeptObjects(containers: containerLists.kept, sandboxes: sandboxLists.kept, images: keptImages)
    }
    var warnings = index.referenceWarnings
    warnings.append(contentsOf: containers.tieWarnings())
    warnings.append(contentsOf: sandboxes.warnings)
    warnings.append(contentsOf: images.warnings)
    return Plan(
      node: s.node, capturedAt: s.capturedAt, mode: options.mode, containers: containerLists.deleted,
      sandboxes: sandboxLists.deleted, podLogDirs: podLogDirs, images: deletedImages, imageFs: images.report,
      warnings: warnings.sorted(), errors: images.errors.sorted(), kept: kept)
  }

  /// Deleted containers and, with explain, kept ones: (namespace, podName,
  /// podUid, name, age oldest first).
  private func containerEntries(
    _ gc: ContainerGC
  ) -> (deleted: [ContainerEntry<ContainerDeletionReason>], kept: [ContainerEntry<ContainerKeptReason>]) {
    let cs = index.snapshot.containers
    var deleted: [Int] = []
    var kept: [Int] = []
    deleted.reserveCapacity(cs.count)
    if options.explain { kept.reserveCapacity(cs.count) }
    for i in cs.indices {
      if gc.removed[i] != nil {
        deleted.append(i)
      } else if options.explain {
        kept.append(i)
      }
    }
    let ageRank = gc.ageRank
    let order = { (xs: inout [Int]) in
      cs.withUnsafeBufferPointer { b in xs.sort { EntryOrder.containerPrecedes(b, $0, $1, ageRank: ageRank) } }
    }
    order(&deleted)
    order(&kept)
    return (
      // Every index in `deleted` has a reason; the default never applies.
      deleted.map { ContainerEntry(cs[$0], gc.removed[$0] ?? .podRemoved) },
      kept.map { ContainerEntry(cs[$0], gc.keptReason($0)) }
    )
  }

  /// Deleted sandboxes and, with explain, kept ones: (namespace, podName,
  /// podUid, age oldest first).
  private func sandboxEntries(
    _ gc: SandboxGC
  ) -> (deleted: [SandboxEntry<SandboxDeletionReason>], kept: [SandboxEntry<SandboxKeptReason>]) {
    let sbs = index.snapshot.sandboxes
    var deleted: [Int] = []
    var kept: [Int] = []
    for i in sbs.indices {
      if gc.removed[i] != nil {
        deleted.append(i)
      } else if options.explain, gc.kept[i] != nil {
        kept.append(i)
      }
    }
    let order = { (xs: inout [Int]) in
      sbs.withUnsafeBufferPointer { b in xs.sort { EntryOrder.sandboxPrecedes(b, $0, $1) } }
    }
    order(&deleted)
    order(&kept)
    // Both lists hold only indices with a reason; the defaults never apply.
    return (
      deleted.map { SandboxEntry(sbs[$0], gc.removed[$0] ?? .podRemoved) },
      kept.map { SandboxEntry(sbs[$0], gc.kept[$0] ?? .newest) }
    )
  }

  private func imageEntry<Reason>(_ gc: ImageGC, _ i: Int, reason: Reason) -> ImageEntry<Reason> {
    ImageEntry(
      index.snapshot.images[i], lastUsed: gc.lastUsed[i].map(Timestamp.init(nanoseconds:)),
      firstDetected: Timestamp(nanoseconds: gc.firstDetected[i]), reason: reason)
  }
}
