import ReclaimCore
import ReclaimInventory
import Testing

@testable import ReclaimEngine

/// The entry sorts (a `PodOrder` rank per entry, then the fields within a
/// pod) against sorting by the comparisons that define the order.
@Suite struct EntryOrderTests {
  /// Entries whose pods disagree on namespace or pod name, absent and empty
  /// fields, non-ASCII bytes and shared prefixes.
  static func snapshot(_ rng: inout SeededGenerator) -> NodeSnapshot {
    let uids: [String?] = [nil, "", "u1", "u2", "u\u{E9}", "ue\u{301}", "u1x"]
    let namespaces: [String?] = [nil, "", "a", "ab", "b", "caf\u{E9}", "cafe\u{301}"]
    let podNames: [String?] = [nil, "", "p", "p-1", "p-10", "p\u{E9}"]
    let names = ["", "app", "app2", "side", "\u{E9}"]
    func pick<T>(_ xs: [T]) -> T { xs[Int.random(in: 0..<xs.count, using: &rng)] }
    var containers: [NodeSnapshot.Container] = []
    for i in 0..<Int.random(in: 0...60, using: &rng) {
      let uid = pick(uids)
      // Usually the namespace and pod name follow the uid, as in real pods.
      let follow = Bool.random(using: &rng) || Bool.random(using: &rng)
      let k = (uid ?? "").utf8.count
      containers.append(
        NodeSnapshot.Container(
          id: "c\(i)", podUid: uid, namespace: follow ? namespaces[k % namespaces.count] : pick(namespaces),
          podName: follow ? podNames[k % podNames.count] : pick(podNames), name: pick(names), sandboxId: nil,
          state: .exited, createdAt: Make.at(Int64.random(in: -5...0, using: &rng)), imageId: "img"))
    }
    var sandboxes: [NodeSnapshot.Sandbox] = []
    for i in 0..<Int.random(in: 0...30, using: &rng) {
      sandboxes.append(
        NodeSnapshot.Sandbox(
          id: pick(["s\(i)", "s\(i)\u{E9}", "t\(i)"]), podUid: pick(uids) ?? "",
          namespace: pick(namespaces) ?? "", podName: pick(podNames) ?? "", state: .notready,
          createdAt: Make.at(Int64.random(in: -3...0, using: &rng))))
    }
    return NodeSnapshot(
      node: "n", capturedAt: Make.now, imageFs: .init(capacityBytes: 1, availableBytes: 1),
      sandboxes: sandboxes, containers: containers)
  }

  @Test func sortsAsTheComparisons() {
    for seed in 1...400 as ClosedRange<UInt64> {
      var rng = SeededGenerator(seed: seed)
      let s = Self.snapshot(&rng)
      let index = SnapshotIndex(s, policy: CompiledPolicy())
      let ageRank = Array(s.containers.indices).shuffled(using: &rng)
      // Some entries listed, in snapshot order, as the assembler lists them.
      let listed = s.containers.indices.filter { _ in Int.random(in: 0..<4, using: &rng) > 0 }
      let listedSandboxes = s.sandboxes.indices.filter { _ in Bool.random(using: &rng) }
      let order = PodOrder(index, containers: listed, sandboxes: listedSandboxes)
      s.containers.withUnsafeBufferPointer { cs in
        let expected = listed.sorted { EntryOrder.containerPrecedes(cs, $0, $1, ageRank: ageRank) }
        let sorted = EntryOrder.sortedContainers(listed, cs, podOrder: order, ageRank: ageRank)
        #expect(sorted == expected, "seed \(seed)")
      }
      s.sandboxes.withUnsafeBufferPointer { sbs in
        let expected = listedSandboxes.sorted { EntryOrder.sandboxPrecedes(sbs, $0, $1) }
        #expect(EntryOrder.sortedSandboxes(listedSandboxes, sbs, podOrder: order) == expected, "seed \(seed)")
      }
    }
  }
}
