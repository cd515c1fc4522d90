import ReclaimCore
import ReclaimInventory

/// The GC planner: one kubelet GC cycle on one node snapshot, as a pure
/// function (semantics.md). No I/O; the same inputs give the same plan
/// whatever the order of the snapshot's arrays.
public enum GCEngine {
  /// Plans container GC (containers, sandboxes, pod log directories) and
  /// image GC for `snapshot` at `now = snapshot.capturedAt` under `policy`.
  public static func plan(_ snapshot: NodeSnapshot, policy: CompiledPolicy, options: PlanOptions) -> Plan {
    let s = snapshot
    let now = s.capturedAt.nanoseconds
    let evictNonDeletedPods = options.mode == .diskPressure
    var policies = NamespacePolicyCache(policy)
    let pods = PodStateTable(s.pods, allSourcesReady: s.allSourcesReady)
    var warnings: [PlanMessage] = []

    // Suspicious but valid references between containers and sandboxes.
    var sandboxIds = Set<String>()
    var podsWithSandbox = Set<String>()
    sandboxIds.reserveCapacity(s.sandboxes.count)
    for sb in s.sandboxes {
      sandboxIds.insert(sb.id)
      podsWithSandbox.insert(sb.podUid)
    }
    for c in s.containers {
      if let uid = c.podUid, !uid.isEmpty, !podsWithSandbox.contains(uid) {
        warnings.append(PlanMessage(.containerWithoutSandbox, "container \(c.id): pod \(uid) has no sandbox"))
      }
      if let sid = c.sandboxId, !sid.isEmpty, !sandboxIds.contains(sid) {
        warnings.append(PlanMessage(.unknownSandbox, "container \(c.id): sandbox \(sid) is not listed"))
      }
    }

    // Container GC.
    var containerGC = ContainerGC(containers: s.containers)
    containerGC.run(
      now: now, pods: pods, allSourcesReady: s.allSourcesReady, evictNonDeletedPods: evictNonDeletedPods,
      policies: &policies)
    warnings.append(contentsOf: containerGC.tieWarnings())
    var deletedContainers: [ContainerEntry<ContainerDeletionReason>] = []
    var keptContainers: [ContainerEntry<ContainerKeptReason>] = []
    var remainingSandboxIds = Set<String>()
    for (i, c) in s.containers.enumerated() {
      if let reason = containerGC.removed[i] {
        deletedContainers.append(ContainerEntry(c, reason))
        continue
      }
      if let sid = c.sandboxId { remainingSandboxIds.insert(sid) }
      if options.explain {
        let reason: ContainerKeptReason =
          c.state == .running ? .running : (containerGC.evictable[i] ? .withinLimits : .youngerThanMinAge)
        keptContainers.append(ContainerEntry(c, reason))
      }
    }
    deletedContainers.sort { EntryOrder.containerPrecedes($0.container, $1.container) }
    keptContainers.sort { EntryOrder.containerPrecedes($0.container, $1.container) }

    // Sandbox GC, on the containers that remain.
    let sandboxGC = SandboxGC(
      sandboxes: s.sandboxes, remainingSandboxIds: remainingSandboxIds, pods: pods,
      evictNonDeletedPods: evictNonDeletedPods)
    warnings.append(contentsOf: sandboxGC.warnings)
    var deletedSandboxes: [SandboxEntry<SandboxDeletionReason>] = []
    var keptSandboxes: [SandboxEntry<SandboxKeptReason>] = []
    for (i, sb) in s.sandboxes.enumerated() {
      if let reason = sandboxGC.removed[i] {
        deletedSandboxes.append(SandboxEntry(sb, reason))
      } else if options.explain, let reason = sandboxGC.kept[i] {
        keptSandboxes.append(SandboxEntry(sb, reason))
      }
    }
    deletedSandboxes.sort { EntryOrder.sandboxPrecedes($0.sandbox, $1.sandbox) }
    keptSandboxes.sort { EntryOrder.sandboxPrecedes($0.sandbox, $1.sandbox) }

    // Pod log directories: only once all sources are ready.
    var podLogDirs: [PodLogDirEntry] = []
    if s.allSourcesReady {
      for name in s.podLogDirs {
        let uid = podUid(ofLogDirectory: name)
        if pods.contentRemovable(uid) { podLogDirs.append(PodLogDirEntry(name: name, podUid: uid)) }
      }
      podLogDirs.sort { ByteOrder.less($0.name, $1.name) }
    }

    // Image GC.
    let imageGC = ImageGC(snapshot: s, mode: options.mode, policies: &policies)
    warnings.append(contentsOf: imageGC.warnings)
    let deletedImages = imageGC.removals.map { r in
      ImageEntry(
        s.images[r.index], lastUsed: imageGC.lastUsed[r.index].map(Timestamp.init(nanoseconds:)),
        firstDetected: Timestamp(nanoseconds: imageGC.firstDetected[r.index]), reason: r.reason)
    }
    var kept: KeptObjects?
    if options.explain {
      var keptImages: [ImageEntry<ImageKeptReason>] = []
      for i in imageGC.evictionOrder {
        guard let reason = imageGC.kept[i] else { continue }
        keptImages.append(
          ImageEntry(
            s.images[i], lastUsed: imageGC.lastUsed[i].map(Timestamp.init(nanoseconds:)),
            firstDetected: Timestamp(nanoseconds: imageGC.firstDetected[i]), reason: reason))
      }
      kept = KeptObjects(containers: keptContainers, sandboxes: keptSandboxes, images: keptImages)
    }

    return Plan(
      node: s.node, capturedAt: s.capturedAt, mode: options.mode, containers: deletedContainers,
      sandboxes: deletedSandboxes, podLogDirs: podLogDirs, images: deletedImages, imageFs: imageGC.report,
      warnings: warnings.sorted(), errors: imageGC.errors.sorted(), kept: kept)
  }

  /// The pod uid of a `/var/log/pods` directory name: the text after the
  /// last `_` (`NAMESPACE_PODNAME_PODUID`), or the whole name without one.
  public static func podUid(ofLogDirectory name: String) -> String {
    guard let cut = name.utf8.lastIndex(of: UInt8(ascii: "_")) else { return name }
    return String(name[name.utf8.index(after: cut)...])
  }
}
