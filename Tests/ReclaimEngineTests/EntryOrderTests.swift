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
    // Around the 16 bytes `BytePrefix` keeps: equal prefixes of different
    // lengths, trailing NULs, long fields differing late.
    let namespaces: [String?] = [
      nil, "", "a", "ab", "ab\u{0}", "b", "caf\u{E9}", "cafe\u{301}", "abcdefghijklmnop", "abcdefghijklmnop\u{0}",
      "abcdefghijklmnopq", "abcdefghijklmnopr", "a-long-namespace-1", "a-long-namespace-12",
    ]
    let podNames: [String?] = [
      nil, "", "p", "p-1", "p-10", "p\u{E9}", "worker-72abbfcc2-a517d", "worker-72abbfcc2-a517", "worker-72abbfcc2",
      "worker-72abbfcc2\u{0}",
    ]
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
          state: .exited, createdAt: Make.at(Int64.random(in: -2...0, using: &rng)), imageId: "img"))
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
      // Some entries listed, in snapshot order, as the assembler lists them.
      let listed = s.containers.indices.filter { _ in Int.random(in: 0..<4, using: &rng) > 0 }
      let listedSandboxes = s.sandboxes.indices.filter { _ in Bool.random(using: &rng) }
      let order = PodOrder(index, containers: listed, sandboxes: listedSandboxes)
      s.containers.withUnsafeBufferPointer { cs in
        let expected = listed.sorted { EntryOrder.containerPrecedes(cs, $0, $1) }
        let sorted = EntryOrder.sortedContainers(listed, cs, podOrder: order)
        #expect(sorted == expected, "seed \(seed)")
      }
      s.sandboxes.withUnsafeBufferPointer { sbs in
        let expected = listedSandboxes.sorted { EntryOrder.sandboxPrecedes(sbs, $0, $1) }
        #expect(EntryOrder.sortedSandboxes(listedSandboxes, sbs, podOrder: order) == expected, "seed \(seed)")
      }
    }
  }

  /// A prefix order is the strings' order wherever the prefixes differ.
  @Test func bytePrefixKeepsTheOrder() {
    var rng = SeededGenerator(seed: 7)
    let alphabet: [UInt8] = [0, 1, 0x61, 0x62, 0x7F, 0x80, 0xC3, 0xFF]
    for _ in 0..<20_000 {
      let a = (0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet[Int.random(in: 0..<8, using: &rng)] }
      var b = a
      if Bool.random(using: &rng), !b.isEmpty { b.removeLast(Int.random(in: 0...b.count, using: &rng)) }
      for _ in 0..<Int.random(in: 0...3, using: &rng) {
        b.append(alphabet[Int.random(in: 0..<8, using: &rng)])
      }
      let pa = a.withUnsafeBufferPointer { BytePrefix($0) }, pb = b.withUnsafeBufferPointer { BytePrefix($0) }
      let less = a.lexicographicallyPrecedes(b)
      if pa < pb { #expect(less, "\(a) \(b)") }
      if pb < pa { #expect(!less && a != b, "\(a) \(b)") }
      if a == b { #expect(pa == pb) }
    }
  }
}
