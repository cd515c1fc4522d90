import ReclaimCore
import ReclaimInventory

/// One snapshot's strings numbered once, so that every GC stage after it
/// works on small integers: pod uids (with the pod state provider),
/// sandbox ids, and namespaces (with their resolved policy values). Also the
/// reference warnings: suspicious but valid links between containers and
/// sandboxes.
///
/// All identities are byte equality of the UTF-8 text, as in the kubelet.
///
/// A class, immutable once built: every stage keeps the index it was given,
/// and sharing one reference costs one retain where copying the struct
/// retained each of its arrays and strings, once per stage and node.
final class SnapshotIndex: Sendable {
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
    // Each field read where it is stored (`StoredString`).
    typealias Layout = StoredString.Layout
    s.sandboxes.withUnsafeBufferPointer { ss in
      for i in ss.indices {
        sandboxKey.append(sandboxIds.id(StoredString(ss, i, Layout.sandboxId, optional: false)))
        sandboxPod.append(pods.id(StoredString(ss, i, Layout.sandboxPodUid, optional: false)))
      }
    }
    let n = s.containers.count
    var containerPod: [Int] = []
    var containerNamespace: [Int] = []
    var containerSandbox: [Int] = []
    containerPod.reserveCapacity(n)
    containerNamespace.reserveCapacity(n)
    containerSandbox.reserveCapacity(n)
    var warnings: [PlanMessage] = []
    // A `podUid` or `sandboxId` of `""` is absent (docs/reference/snapshot.md);
    // a container without a pod uid is the pod `""`'s and in no namespace.
    s.containers.withUnsafeBufferPointer { cs in
      for i in cs.indices {
        let uid = StoredString(cs, i, Layout.containerPodUid, optional: true)
        if !uid.isAbsent {
          containerPod.append(pods.id(uid))
          containerNamespace.append(namespaces.id(StoredString(cs, i, Layout.containerNamespace, optional: true)))
        } else {
          containerPod.append(pods.id(""))
          containerNamespace.append(NamespacePolicies.none)
        }
        let sid = StoredString(cs, i, Layout.containerSandboxId, optional: true)
        containerSandbox.append(sid.isAbsent ? -1 : sandboxIds.find(sid) ?? -1)
      }

      var podHasSandbox = Array(repeating: false, count: pods.count)
      for p in sandboxPod { podHasSandbox[p] = true }
      // The numbers first: a string bound here is a copy (see `StoredString`).
      for i in cs.indices {
        if !podHasSandbox[containerPod[i]], let uid = cs[i].podUid, !uid.isEmpty {
          warnings.append(
            PlanMessage(.containerWithoutSandbox, "container \(cs[i].id): pod \(uid) has no sandbox"))
        }
        if containerSandbox[i] < 0, let sid = cs[i].sandboxId, !sid.isEmpty {
          warnings.append(PlanMessage(.unknownSandbox, "container \(cs[i].id): sandbox \(sid) is not listed"))
        }
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
}
