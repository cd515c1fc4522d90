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
    var warnings: [PlanMessage] = []

    // Number pod uids, sandbox ids and namespaces once; everything after
    // works on arrays indexed by these ids.
    var pods = PodStateTable(
      s.pods, allSourcesReady: s.allSourcesReady, expectedUids: s.pods.count + s.sandboxes.count + 1)
    var sandboxIds = StringIDs(expected: s.sandboxes.count)
    var sandboxKey: [Int] = []
    var sandboxPod: [Int] = []
    sandboxKey.reserveCapacity(s.sandboxes.count)
    sandboxPod.reserveCapacity(s.sandboxes.count)
    // Element access by index: copying a container or sandbox out of its
    // array would retain each of its strings.
    for i in s.sandboxes.indices {
      sandboxKey.append(sandboxIds.id(s.sandboxes[i].id))
      sandboxPod.append(pods.id(s.sandboxes[i].podUid))
    }
    let n = s.containers.count
    var containerPod: [Int] = []
    var containerNamespace: [Int] = []
    /// The key of the sandbox each container names, -1 when none is listed.
    var containerSandbox: [Int] = []
    containerPod.reserveCapacity(n)
    containerNamespace.reserveCapacity(n)
    containerSandbox.reserveCapacity(n)
    for i in s.containers.indices {
      let uid = s.containers[i].podUid
      containerPod.append(pods.id(uid ?? ""))
      // ContainerGC.namespace(of:): none without a pod uid.
      containerNamespace.append(uid?.isEmpty == false ? policies.id(s.containers[i].namespace) : -1)
      containerSandbox.append(s.containers[i].sandboxId.flatMap { sandboxIds.find($0) } ?? -1)
    }

    // Suspicious but valid references between containers and sandboxes.
    var podHasSandbox = Array(repeating: false, count: pods.count)
    for p in sandboxPod { podHasSandbox[p] = true }
    for i in s.containers.indices {
      if let uid = s.containers[i].podUid, !uid.isEmpty, !podHasSandbox[containerPod[i]] {
        warnings.append(
          PlanMessage(.containerWithoutSandbox, "container \(s.containers[i].id): pod \(uid) has no sandbox"))
      }
      if let sid = s.containers[i].sandboxId, !sid.isEmpty, containerSandbox[i] < 0 {
        warnings.append(PlanMessage(.unknownSandbox, "container \(s.containers[i].id): sandbox \(sid) is not listed"))
      }
    }

    // Container GC.
    var containerGC = ContainerGC(containers: s.containers)
    containerGC.run(
      now: now, pods: pods, podId: containerPod, namespaceId: containerNamespace,
      allSourcesReady: s.allSourcesReady, evictNonDeletedPods: evictNonDeletedPods, policies: &policies)
    warnings.append(contentsOf: containerGC.tieWarnings())
    var deletedIndices: [Int] = []
    var keptIndices: [Int] = []
    deletedIndices.reserveCapacity(n)
    if options.explain { keptIndices.reserveCapacity(n) }
    var sandboxHasContainers = Array(repeating: false, count: sandboxIds.count)
    for i in 0..<n {
      if containerGC.removed[i] != nil {
        deletedIndices.append(i)
        continue
      }
      if containerSandbox[i] >= 0 { sandboxHasContainers[containerSandbox[i]] = true }
      if options.explain { keptIndices.append(i) }
    }
    let ageRank = containerGC.ageRank
    let containerOrder = { (xs: inout [Int]) in
      s.containers.withUnsafeBufferPointer { cs in
        xs.sort { EntryOrder.containerPrecedes(cs, $0, $1, ageRank: ageRank) }
      }
    }
    containerOrder(&deletedIndices)
    let deletedContainers = deletedIndices.map { i in
      // Every index in `deletedIndices` has a reason; the default never applies.
      ContainerEntry(s.containers[i], containerGC.removed[i] ?? .podRemoved)
    }
    var keptContainers: [ContainerEntry<ContainerKeptReason>] = []
    if options.explain {
      containerOrder(&keptIndices)
      keptContainers = keptIndices.map { i in
        let c = s.containers[i]
        let reason: ContainerKeptReason =
          c.state == .running ? .running : (containerGC.evictable[i] ? .withinLimits : .youngerThanMinAge)
        return ContainerEntry(c, reason)
      }
    }

    // Sandbox GC, on the containers that remain.
    let sandboxGC = SandboxGC(
      sandboxes: s.sandboxes, podId: sandboxPod, hasContainers: sandboxKey.map { sandboxHasContainers[$0] },
      pods: pods, evictNonDeletedPods: evictNonDeletedPods)
    warnings.append(contentsOf: sandboxGC.warnings)
    var deletedSandboxIndices: [Int] = []
    var keptSandboxIndices: [Int] = []
    for i in s.sandboxes.indices {
      if sandboxGC.removed[i] != nil {
        deletedSandboxIndices.append(i)
      } else if options.explain, sandboxGC.kept[i] != nil {
        keptSandboxIndices.append(i)
      }
    }
    let sandboxOrder = { (xs: inout [Int]) in
      s.sandboxes.withUnsafeBufferPointer { sbs in xs.sort { EntryOrder.sandboxPrecedes(sbs, $0, $1) } }
    }
    sandboxOrder(&deletedSandboxIndices)
    // Both lists hold only indices with a reason; the defaults never apply.
    let deletedSandboxes = deletedSandboxIndices.map { i in
      SandboxEntry(s.sandboxes[i], sandboxGC.removed[i] ?? .podRemoved)
    }
    var keptSandboxes: [SandboxEntry<SandboxKeptReason>] = []
    if options.explain {
      sandboxOrder(&keptSandboxIndices)
      keptSandboxes = keptSandboxIndices.map { i in SandboxEntry(s.sandboxes[i], sandboxGC.kept[i] ?? .newest) }
    }

    // Pod log directories: only once all sources are ready.
    var podLogDirs: [PodLogDirEntry] = []
    if s.allSourcesReady {
      for name in s.podLogDirs {
        let removable = ByteOrder.withUTF8(name) { bytes in
          pods.contentRemovable(uid: UnsafeBufferPointer(rebasing: bytes[podUidStart(ofLogDirectory: bytes)...]))
        }
        if removable { podLogDirs.append(PodLogDirEntry(name: name, podUid: podUid(ofLogDirectory: name))) }
      }
      podLogDirs.sort { ByteOrder.less($0.name, $1.name) }
    }

    // Image GC.
    let imageGC = ImageGC(
      snapshot: s, mode: options.mode, policies: &policies, containerNamespace: containerNamespace,
      containerRemoved: containerGC.removed.map { $0 != nil })
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

  /// Where the pod uid starts in a log directory name's bytes (as
  /// `podUid(ofLogDirectory:)`), so that its pod can be looked up without
  /// making a `String`.
  static func podUidStart(ofLogDirectory name: UnsafeBufferPointer<UInt8>) -> Int {
    guard let cut = name.lastIndex(of: UInt8(ascii: "_")) else { return 0 }
    return cut + 1
  }
}
