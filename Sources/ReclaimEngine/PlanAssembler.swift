import ReclaimCore
import ReclaimInventory

/// Puts the stages' decisions together into a `Plan`: deletions and, with
/// `--explain`, what is kept, each in the entry order of docs/reference/output.md; warnings
/// and errors sorted by code, then message.
struct PlanAssembler {
  private let index: SnapshotIndex
  private let options: PlanOptions

  init(_ index: SnapshotIndex, options: PlanOptions) {
    self.index = index
    self.options = options
  }

  /// The plan without its container and sandbox entries, and which objects
  /// those are (`PlanEntries`, which fills them in).
  func plan(
    containers: ContainerGC, sandboxes: SandboxGC, podLogDirs: [PodLogDirEntry], images: ImageGC
  ) -> (Plan, PlanEntries) {
    let s = index.snapshot
    let explain = options.explain
    var containerLists = containerIndices(containers)
    var sandboxLists = sandboxIndices(sandboxes)
    // One ranking of every listed entry's pod fields serves all four lists.
    let pods = PodOrder(
      index, containers: containerLists.deleted + containerLists.kept,
      sandboxes: sandboxLists.deleted + sandboxLists.kept)
    s.containers.withUnsafeBufferPointer { cs in
      containerLists.deleted = EntryOrder.sortedContainers(containerLists.deleted, cs, podOrder: pods)
      containerLists.kept = EntryOrder.sortedContainers(containerLists.kept, cs, podOrder: pods)
    }
    s.sandboxes.withUnsafeBufferPointer { sbs in
      sandboxLists.deleted = EntryOrder.sortedSandboxes(sandboxLists.deleted, sbs, podOrder: pods)
      sandboxLists.kept = EntryOrder.sortedSandboxes(sandboxLists.kept, sbs, podOrder: pods)
    }
    var entries = PlanEntries()
    // Every listed index has a reason; the defaults never apply.
    entries.deletedContainers = containerLists.deleted.map { ($0, containers.removed[$0] ?? .podRemoved) }
    entries.deletedSandboxes = sandboxLists.deleted.map { ($0, sandboxes.removed[$0] ?? .podRemoved) }
    let deletedImages = images.removals.map { r in imageEntry(images, r.index, reason: r.reason) }
    var kept: KeptObjects?
    if explain {
      var keptImages: [ImageEntry<ImageKeptReason>] = []
      for i in images.evictionOrder {
        guard let reason = images.kept[i] else { continue }
        keptImages.append(imageEntry(images, i, reason: reason))
      }
      entries.keptContainers = containerLists.kept.map { ($0, containers.keptReason($0)) }
      entries.keptSandboxes = sandboxLists.kept.map { ($0, sandboxes.kept[$0] ?? .newest) }
      kept = KeptObjects(images: keptImages)
    }
    var warnings = index.referenceWarnings
    warnings.append(contentsOf: containers.tieWarnings())
    warnings.append(contentsOf: sandboxes.warnings)
    warnings.append(contentsOf: images.warnings)
    let plan = Plan(
      node: s.node, capturedAt: s.capturedAt, mode: options.mode, containers: [],
      sandboxes: [], podLogDirs: podLogDirs, images: deletedImages, imageFs: images.report,
      warnings: warnings.sorted(), errors: images.errors.sorted(), kept: kept)
    return (plan, entries)
  }

  /// Deleted containers and, with explain, kept ones, in snapshot order.
  private func containerIndices(_ gc: ContainerGC) -> (deleted: [Int], kept: [Int]) {
    let n = index.snapshot.containers.count
    var deleted: [Int] = []
    var kept: [Int] = []
    deleted.reserveCapacity(n)
    if options.explain { kept.reserveCapacity(n) }
    for i in 0..<n {
      if gc.removed[i] != nil {
        deleted.append(i)
      } else if options.explain {
        kept.append(i)
      }
    }
    return (deleted, kept)
  }

  /// Deleted sandboxes and, with explain, kept ones, in snapshot order.
  private func sandboxIndices(_ gc: SandboxGC) -> (deleted: [Int], kept: [Int]) {
    var deleted: [Int] = []
    var kept: [Int] = []
    for i in index.snapshot.sandboxes.indices {
      if gc.removed[i] != nil {
        deleted.append(i)
      } else if options.explain, gc.kept[i] != nil {
        kept.append(i)
      }
    }
    return (deleted, kept)
  }

  private func imageEntry<Reason>(_ gc: ImageGC, _ i: Int, reason: Reason) -> ImageEntry<Reason> {
    ImageEntry(
      index.snapshot.images[i], lastUsed: gc.lastUsed[i].map(Timestamp.init(nanoseconds:)),
      firstDetected: Timestamp(nanoseconds: gc.firstDetected[i]), reason: reason)
  }
}
