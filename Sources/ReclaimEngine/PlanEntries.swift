import ReclaimCore
import ReclaimInventory

/// Which of the snapshot's containers and sandboxes become the plan's
/// entries, and why, in entry order: the one part of a plan that is the
/// snapshot's own objects.
///
/// `fill(_:copying:)` copies them out of a snapshot that stays; each copy
/// retains every string of its object, and the plan releases them again.
/// `fill(_:moving:)` moves them out of a snapshot the plan consumes, leaving
/// an empty placeholder in each place, so that no string is retained and
/// released twice: on this machine a retain and release of a shared string
/// costs about 9 ns, and a wide node's plan has thousands (docs/performance.md).
struct PlanEntries {
  var deletedContainers: [(index: Int, reason: ContainerDeletionReason)] = []
  var deletedSandboxes: [(index: Int, reason: SandboxDeletionReason)] = []
  /// With `--explain`.
  var keptContainers: [(index: Int, reason: ContainerKeptReason)] = []
  var keptSandboxes: [(index: Int, reason: SandboxKeptReason)] = []

  /// Sets `plan`'s container and sandbox entries (and, when it has `kept`,
  /// the kept ones) to copies of the snapshot's objects.
  func fill(_ plan: inout Plan, copying s: NodeSnapshot) {
    plan.containers = deletedContainers.map { ContainerEntry(s.containers[$0.index], $0.reason) }
    plan.sandboxes = deletedSandboxes.map { SandboxEntry(s.sandboxes[$0.index], $0.reason) }
    guard plan.kept != nil else { return }
    plan.kept?.containers = keptContainers.map { ContainerEntry(s.containers[$0.index], $0.reason) }
    plan.kept?.sandboxes = keptSandboxes.map { SandboxEntry(s.sandboxes[$0.index], $0.reason) }
  }

  /// `fill(_:copying:)` with the objects moved out of `s`, which is left
  /// with placeholders where they were: only for a snapshot nothing reads
  /// afterwards.
  func fill(_ plan: inout Plan, moving s: inout NodeSnapshot) {
    let container = NodeSnapshot.Container(
      id: "", podUid: nil, namespace: nil, podName: nil, name: "", sandboxId: nil, state: .exited,
      createdAt: Timestamp(nanoseconds: 0), imageId: "")
    let sandbox = NodeSnapshot.Sandbox(
      id: "", podUid: "", namespace: "", podName: "", state: .notready, createdAt: Timestamp(nanoseconds: 0))
    plan.containers = Self.move(deletedContainers, from: &s.containers, leaving: container) { ContainerEntry($0, $1) }
    plan.sandboxes = Self.move(deletedSandboxes, from: &s.sandboxes, leaving: sandbox) { SandboxEntry($0, $1) }
    guard plan.kept != nil else { return }
    plan.kept?.containers = Self.move(keptContainers, from: &s.containers, leaving: container) {
      ContainerEntry($0, $1)
    }
    plan.kept?.sandboxes = Self.move(keptSandboxes, from: &s.sandboxes, leaving: sandbox) { SandboxEntry($0, $1) }
  }

  /// The entries of `list` (distinct indices into `objects`), each made of
  /// its object moved out and replaced by `placeholder`.
  private static func move<Object, Reason, Entry>(
    _ list: [(index: Int, reason: Reason)], from objects: inout [Object], leaving placeholder: Object,
    _ entry: (consuming Object, Reason) -> Entry
  ) -> [Entry] {
    var entries: [Entry] = []
    entries.reserveCapacity(list.count)
    objects.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      for (i, reason) in list {
        // The indices are the assembler's own, never input; checked even
        // in release builds because a wrong one would move memory that is
        // no element.
        precondition(i >= 0 && i < buffer.count, "an entry's index is one of the snapshot's objects")
        entries.append(entry((base + i).move(), reason))
        (base + i).initialize(to: placeholder)
      }
    }
    return entries
  }
}
