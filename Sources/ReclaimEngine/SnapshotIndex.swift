import ReclaimCore
import ReclaimInventory

/// One snapshot's strings numbered once, so that every GC stage after it
/// works on small integers: pod uids (with the pod state provider),
/// sandbox ids, and namespaces (with their resolved policy values). Also the
/// reference warnings: suspicious but valid links between containers and
/// sandboxes.
///
/// All identities are byte equality of the UTF-8 text, as in the kubelet.
struct SnapshotIndex {
  let snapshot: NodeSnapshot
  /// The pod state provider, over pod ids.
  let pods: PodStateTable
  /// The policy values of each namespace id.
  let namespaces: NamespacePolicies
  /// Each sandbox's pod id.
  let sandboxPod: [Int]
  /// Each sandbox's id number, shared by sandboxes that share an id.
  let sandboxKey: [Int]
  /// The number of distinct sandbox ids.
  let sandboxKeyCount: Int
  /// Each container's pod id (that of `""` for a container without a pod uid).
  let containerPod: [Int]
  /// Each container's namespace id: `NamespacePolicies.none` for a
  /// container without a pod uid, which counts in no namespace.
  let containerNamespace: [Int]
  /// The sandbox key each container names, -1 when it names none listed.
  let containerSandbox: [Int]
  /// `container-without-sandbox` and `unknown-sandbox`, one per container
  /// concerned.
  let referenceWarnings: [PlanMessage]

  init(_ s: NodeSnapshot, policy: CompiledPolicy) {
    snapshot = s
    var pods = PodStateTable(
      s.pods, allSourcesReady: s.allSourcesReady, expectedUids: s.pods.count + s.sandboxes.count + 1)
    var namespaces = NamespacePolicies(policy)
    var sandboxIds = StringIDs(expected: s.sandboxes.count)
    var sandboxKey: [Int] = []
    var sandboxPod: [Int] = []
    sandboxKey.reserveCapacity(s.sandboxes.count)
    sandboxPod.reserveCapacity(s.sandboxes.count)
    // Element access by index throughout: copying a container or sandbox
    // out of its array would retain each of its strings.
    for i in s.sandboxes.indices {
      sandboxKey.append(sandboxIds.id(s.sandboxes[i].id))
      sandboxPod.append(pods.id(s.sandboxes[i].podUid))
    }
    let n = s.containers.count
    var containerPod: [Int] = []
    var containerNamespace: [Int] = []
    var containerSandbox: [Int] = []
    containerPod.reserveCapacity(n)
    containerNamespace.reserveCapacity(n)
    containerSandbox.reserveCapacity(n)
    for i in s.containers.indices {
      let uid = Self.podUid(s.containers[i])
      containerPod.append(pods.id(uid ?? ""))
      containerNamespace.append(uid == nil ? NamespacePolicies.none : namespaces.id(s.containers[i].namespace))
      containerSandbox.append(Self.sandboxId(s.containers[i]).flatMap { sandboxIds.find($0) } ?? -1)
    }

    var podHasSandbox = Array(repeating: false, count: pods.count)
    for p in sandboxPod { podHasSandbox[p] = true }
    var warnings: [PlanMessage] = []
    for i in s.containers.indices {
      if let uid = Self.podUid(s.containers[i]), !podHasSandbox[containerPod[i]] {
        warnings.append(
          PlanMessage(.containerWithoutSandbox, "container \(s.containers[i].id): pod \(uid) has no sandbox"))
      }
      if let sid = Self.sandboxId(s.containers[i]), containerSandbox[i] < 0 {
        warnings.append(PlanMessage(.unknownSandbox, "container \(s.containers[i].id): sandbox \(sid) is not listed"))
      }
    }

    self.pods = pods
    self.namespaces = namespaces
    self.sandboxPod = sandboxPod
    self.sandboxKey = sandboxKey
    sandboxKeyCount = sandboxIds.count
    self.containerPod = containerPod
    self.containerNamespace = containerNamespace
    self.containerSandbox = containerSandbox
    referenceWarnings = warnings
  }

  /// A container's pod uid; `""` is absent (docs/reference/snapshot.md).
  static func podUid(_ c: NodeSnapshot.Container) -> String? {
    guard let uid = c.podUid, !uid.isEmpty else { return nil }
    return uid
  }

  /// A container's sandbox id; `""` is absent (docs/reference/snapshot.md).
  static func sandboxId(_ c: NodeSnapshot.Container) -> String? {
    guard let id = c.sandboxId, !id.isEmpty else { return nil }
    return id
  }
}
