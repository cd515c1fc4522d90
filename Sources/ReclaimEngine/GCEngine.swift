import ReclaimCore
import ReclaimInventory

/// The GC planner: one kubelet GC cycle on one node snapshot, as a pure
/// function (docs/reference/semantics.md). No I/O; the same inputs give the same plan
/// whatever the order of the snapshot's arrays.
public enum GCEngine {
  /// Plans container GC (containers, then sandboxes, then pod log
  /// directories) and image GC for `snapshot` at `now = snapshot.capturedAt`
  /// under `policy`.
  public static func plan(_ snapshot: NodeSnapshot, policy: CompiledPolicy, options: PlanOptions) -> Plan {
    var (plan, entries) = decide(snapshot, policy: policy, options: options)
    entries.fill(&plan, copying: snapshot)
    return plan
  }

  /// `plan(_:policy:options:)` for a snapshot nothing needs afterwards: the
  /// plan takes its containers and sandboxes over instead of copying them
  /// (`PlanEntries`). The same plan, for less work when the caller held the
  /// only copy of the snapshot's lists; otherwise they are copied once.
  public static func plan(taking snapshot: consuming NodeSnapshot, policy: CompiledPolicy, options: PlanOptions)
    -> Plan
  {
    var (plan, entries) = decide(snapshot, policy: policy, options: options)
    // Every stage's copy of the snapshot ended with `decide`: the lists are
    // this function's alone again when the caller's were.
    var s = consume snapshot
    entries.fill(&plan, moving: &s)
    return plan
  }

  /// Every stage's decisions: the plan, and which of the snapshot's
  /// containers and sandboxes are its entries.
  private static func decide(_ snapshot: NodeSnapshot, policy: CompiledPolicy, options: PlanOptions) -> (
    Plan, PlanEntries
  ) {
    let now = snapshot.capturedAt.nanoseconds
    // The eviction manager's `DeleteAllUnusedContainers` evicts non-deleted
    // pods too; the periodic timer does not.
    let evictNonDeletedPods = options.mode == .diskPressure
    let index = SnapshotIndex(snapshot, policy: policy)
    let containers = ContainerGC(index, now: now, evictNonDeletedPods: evictNonDeletedPods)
    let sandboxes = SandboxGC(index, containerRemoved: containers.removed, evictNonDeletedPods: evictNonDeletedPods)
    let podLogDirs = PodLogDirGC.evictPodLogsDirectories(index)
    let images = ImageGC(index, containerRemoved: containers.removed, mode: options.mode)
    return PlanAssembler(index, options: options).plan(
      containers: containers, sandboxes: sandboxes, podLogDirs: podLogDirs, images: images)
  }

  /// The pod uid of a `/var/log/pods` directory name: the text after the
  /// last `_` (`NAMESPACE_PODNAME_PODUID`), or the whole name without one.
  public static func podUid(ofLogDirectory name: String) -> String { PodLogDirGC.podUid(ofLogDirectory: name) }
}
