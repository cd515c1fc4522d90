import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// A second, deliberately plain implementation of docs/reference/semantics.md (dictionaries,
/// sorts and sets keyed by bytes, no precomputed ids), for differential
/// testing against `GCEngine.plan`. It builds the same public `Plan` value,
/// lists already in the entry order of docs/reference/output.md.
enum ReferencePlanner {
  static func plan(_ snapshot: NodeSnapshot, policy compiled: CompiledPolicy, options: PlanOptions) -> Plan {
    let policy = ReferencePolicy(compiled)
    let pods = ReferencePodStates(snapshot, evictNonDeletedPods: options.mode == .diskPressure)
    var warnings = referenceWarnings(snapshot)

    let containerGC = ReferenceContainerGC(snapshot, policy: policy, pods: pods)
    warnings += containerGC.warnings
    var deletedContainers: [ContainerEntry<ContainerDeletionReason>] = []
    var keptContainers: [ContainerEntry<ContainerKeptReason>] = []
    var remaining: [NodeSnapshot.Container] = []
    for (i, c) in snapshot.containers.enumerated() {
      if let reason = containerGC.removed[i] {
        deletedContainers.append(ContainerEntry(c, reason))
      } else {
        remaining.append(c)
        let reason: ContainerKeptReason =
          c.state == .running ? .running : (containerGC.evictable.contains(i) ? .withinLimits : .youngerThanMinAge)
        keptContainers.append(ContainerEntry(c, reason))
      }
    }
    deletedContainers.sort { containerPrecedes($0.container, $1.container) }
    keptContainers.sort { containerPrecedes($0.container, $1.container) }

    let sandboxGC = ReferenceSandboxGC(snapshot.sandboxes, remaining: remaining, pods: pods)
    warnings += sandboxGC.warnings
    var deletedSandboxes: [SandboxEntry<SandboxDeletionReason>] = []
    var keptSandboxes: [SandboxEntry<SandboxKeptReason>] = []
    for (i, s) in snapshot.sandboxes.enumerated() {
      if let reason = sandboxGC.removed[i] { deletedSandboxes.append(SandboxEntry(s, reason)) }
      if let reason = sandboxGC.kept[i] { keptSandboxes.append(SandboxEntry(s, reason)) }
    }
    deletedSandboxes.sort { sandboxPrecedes($0.sandbox, $1.sandbox) }
    keptSandboxes.sort { sandboxPrecedes($0.sandbox, $1.sandbox) }

    var podLogDirs: [PodLogDirEntry] = []
    if snapshot.allSourcesReady {
      for name in snapshot.podLogDirs {
        let uid = podUid(ofLogDirectory: name)
        if pods.contentRemovable(uid) { podLogDirs.append(PodLogDirEntry(name: name, podUid: uid)) }
      }
      podLogDirs.sort { ByteKey.less($0.name, $1.name) }
    }

    let imageGC = ReferenceImageGC(
      snapshot, seen: options.mode == .periodic ? snapshot.containers : remaining, mode: options.mode, policy: policy)
    warnings += imageGC.warnings

    return Plan(
      node: snapshot.node, capturedAt: snapshot.capturedAt, mode: options.mode, containers: deletedContainers,
      sandboxes: deletedSandboxes, podLogDirs: podLogDirs, images: imageGC.removals, imageFs: imageGC.report,
      warnings: warnings.sorted(by: messagePrecedes), errors: imageGC.errors.sorted(by: messagePrecedes),
      kept: options.explain
        ? KeptObjects(containers: keptContainers, sandboxes: keptSandboxes, images: imageGC.kept) : nil)
  }

  /// The suspicious-but-valid references of docs/reference/snapshot.md ("What is
  /// warned"), once per container.
  /// Texts copied from the engine (GCEngine) so that whole plans compare equal.
  static func referenceWarnings(_ snapshot: NodeSnapshot) -> [PlanMessage] {
    let podsWithSandbox = Set(snapshot.sandboxes.map { ByteKey($0.podUid) })
    let sandboxIds = Set(snapshot.sandboxes.map { ByteKey($0.id) })
    var out: [PlanMessage] = []
    for c in snapshot.containers {
      if let uid = ReferenceContainerGC.present(c.podUid), !podsWithSandbox.contains(ByteKey(uid)) {
        out.append(PlanMessage(.containerWithoutSandbox, "container \(c.id): pod \(uid) has no sandbox"))
      }
      if let sid = ReferenceContainerGC.present(c.sandboxId), !sandboxIds.contains(ByteKey(sid)) {
        out.append(PlanMessage(.unknownSandbox, "container \(c.id): sandbox \(sid) is not listed"))
      }
    }
    return out
  }

  /// The text after the last `_`, or the whole name.
  static func podUid(ofLogDirectory name: String) -> String {
    let bytes = Array(name.utf8)
    guard let cut = bytes.lastIndex(of: UInt8(ascii: "_")) else { return name }
    return String(decoding: bytes[(cut + 1)...], as: UTF8.self)
  }

  /// Warnings and errors: by code, then message, byte-wise.
  static func messagePrecedes(_ a: PlanMessage, _ b: PlanMessage) -> Bool {
    let c = ByteKey.compare(a.code.rawValue, b.code.rawValue)
    if c != 0 { return c < 0 }
    return ByteKey.less(a.message, b.message)
  }

  /// (namespace, podName, podUid, name, age oldest first); absent sorts as "".
  static func containerPrecedes(_ a: NodeSnapshot.Container, _ b: NodeSnapshot.Container) -> Bool {
    for (x, y) in [(a.namespace, b.namespace), (a.podName, b.podName), (a.podUid, b.podUid), (a.name, b.name)] {
      let c = ByteKey.compare(x ?? "", y ?? "")
      if c != 0 { return c < 0 }
    }
    return ReferenceContainerGC.older(a, b)
  }

  /// (namespace, podName, podUid, age oldest first).
  static func sandboxPrecedes(_ a: NodeSnapshot.Sandbox, _ b: NodeSnapshot.Sandbox) -> Bool {
    for (x, y) in [(a.namespace, b.namespace), (a.podName, b.podName), (a.podUid, b.podUid)] {
      let c = ByteKey.compare(x, y)
      if c != 0 { return c < 0 }
    }
    return ReferenceSandboxGC.older(a, b)
  }
}
