import ReclaimInventory

/// The rank of the (namespace, podName, podUid) of listed containers and
/// sandboxes in the entry order of docs/reference/output.md (absent fields as empty strings,
/// byte-wise): entries with equal triples have equal ranks, and a smaller
/// rank sorts first. The entry lists then sort by integer rank, comparing
/// the rest of an entry's fields only within one pod.
///
/// Ranking entry by entry would compare strings at every step of a sort,
/// and each `String` access costs more than the comparison itself. Instead
/// entries are grouped by pod id (`SnapshotIndex` numbers uids, so equal
/// ids are equal uids): an entry joins its pod's current group when its
/// namespace and pod name have the group's bytes (nearly always), else it
/// starts a new group. Each group's triple is copied once into one byte
/// arena and the groups are sorted there, by integer keys (`BytePrefix`es)
/// as far as those tell; groups with equal triples (a pod whose entries
/// disagree on a name) get one rank.
struct PodOrder {
  /// The rank of each listed container, by container index (0 for others).
  let containerRank: [Int]
  /// The rank of each listed sandbox, by sandbox index (0 for others).
  let sandboxRank: [Int]
  /// The number of distinct ranks: every rank is below it.
  let count: Int

  /// Ranks the containers `containerList` and the sandboxes `sandboxList`
  /// (indices into the snapshot's arrays) in one order.
  init(_ index: SnapshotIndex, containers containerList: [Int], sandboxes sandboxList: [Int]) {
    let s = index.snapshot
    var groups = Groups(podCount: index.pods.count, expected: containerList.count + sandboxList.count)
    // Fields read where they are stored (`StoredString`); `index` keeps
    // the snapshot, and so every string compared by identity, alive.
    typealias Layout = StoredString.Layout
    var containerGroup = Array(repeating: 0, count: s.containers.count)
    s.containers.withUnsafeBufferPointer { cs in
      for i in containerList {
        containerGroup[i] = groups.group(
          pod: index.containerPod[i], namespace: StoredString(cs, i, Layout.containerNamespace, optional: true),
          podName: StoredString(cs, i, Layout.containerPodName, optional: true),
          podUid: StoredString(cs, i, Layout.containerPodUid, optional: true))
      }
    }
    var sandboxGroup = Array(repeating: 0, count: s.sandboxes.count)
    s.sandboxes.withUnsafeBufferPointer { sbs in
      for i in sandboxList {
        sandboxGroup[i] = groups.group(
          pod: index.sandboxPod[i], namespace: StoredString(sbs, i, Layout.sandboxNamespace, optional: false),
          podName: StoredString(sbs, i, Layout.sandboxPodName, optional: false),
          podUid: StoredString(sbs, i, Layout.sandboxPodUid, optional: false))
      }
    }
    let (rank, count) = groups.ranks()
    self.count = count
    for i in containerList { containerGroup[i] = rank[containerGroup[i]] }
    for i in sandboxList { sandboxGroup[i] = rank[sandboxGroup[i]] }
    containerRank = containerGroup
    sandboxRank = sandboxGroup
  }

  /// The groups and their triples' bytes.
  private struct Groups {
    /// Group `g`'s field `f` (0 namespace, 1 podName, 2 podUid) is
    /// `arena[starts[3 * g + f]..<starts[3 * g + f + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// The group each pod's latest entry joined; -1 before its first.
    private var groupOfPod: [Int]
    /// Group `g`'s namespace and pod name as stored in the entry that
    /// started it (`2 * g`, `2 * g + 1`): an entry whose fields are the
    /// very same strings joins without a byte comparison.
    private var identities: [StringIdentity] = []
    private(set) var count = 0

    init(podCount: Int, expected: Int) {
      groupOfPod = Array(repeating: -1, count: podCount)
      starts.reserveCapacity(3 * expected + 1)
      arena.reserveCapacity(64 * expected)
      identities.reserveCapacity(2 * expected)
    }

    /// The group of an entry of pod id `pod` with these fields (`nil` as `""`).
    mutating func group(pod: Int, namespace: StoredString, podName: StoredString, podUid: StoredString) -> Int {
      let g = groupOfPod[pod]
      // The uid needs no comparison: equal pod ids are equal uids.
      if g >= 0, fieldEquals(g, 0, namespace), fieldEquals(g, 1, podName) { return g }
      append(namespace)
      append(podName)
      append(podUid)
      identities.append(StringIdentity(storedAt: namespace))
      identities.append(StringIdentity(storedAt: podName))
      groupOfPod[pod] = count
      count += 1
      return count - 1
    }

    private mutating func append(_ field: StoredString) {
      ByteOrder.withUTF8(field.value) { arena.append(contentsOf: $0) }
      starts.append(arena.count)
    }

    /// Each group's rank, and the number of distinct ranks.
    func ranks() -> (rank: [Int], count: Int) {
      arena.withUnsafeBufferPointer { a in
        let keys = (0..<count).map { key(a, $0) }
        let order = ContainerGC.sortedByKey(Array(zip(keys, 0..<count))) { compare(a, $0, $1) < 0 }
        var rank = Array(repeating: 0, count: count)
        var r = 0
        for k in order.indices {
          if k > 0, keys[order[k - 1]] != keys[order[k]] || compare(a, order[k - 1], order[k]) != 0 { r += 1 }
          rank[order[k]] = r
        }
        return (rank, count == 0 ? 0 : r + 1)
      }
    }

    /// A group's sort key: its namespace's 16-byte prefix and length and,
    /// when the namespace fits the prefix whole, its pod name's. Groups with
    /// different keys have different triples, in the keys' order; groups
    /// with equal keys need their whole fields compared.
    private struct Key: Comparable {
      var namespace: BytePrefix
      /// Lengths above 16 count as 17: beyond the prefix only the whole
      /// field can tell, so the key stops there.
      var namespaceLength: Int
      var podName: BytePrefix
      var podNameLength: Int

      static func < (a: Key, b: Key) -> Bool {
        if a.namespace != b.namespace { return a.namespace < b.namespace }
        if a.namespaceLength != b.namespaceLength { return a.namespaceLength < b.namespaceLength }
        if a.podName != b.podName { return a.podName < b.podName }
        return a.podNameLength < b.podNameLength
      }
    }

    /// Group `g`'s key. Equal prefixes with different lengths up to 16
    /// bytes are a field and a longer one it begins (the padding is zeros),
    /// so the shorter sorts first, as the key's length says.
    private func key(_ a: UnsafeBufferPointer<UInt8>, _ g: Int) -> Key {
      let ns = field(a, 3 * g), pn = field(a, 3 * g + 1)
      let whole = ns.count <= 16
      return Key(
        namespace: BytePrefix(ns), namespaceLength: min(ns.count, 17),
        podName: whole ? BytePrefix(pn) : BytePrefix(UnsafeBufferPointer(start: nil, count: 0)),
        podNameLength: whole ? min(pn.count, 17) : 0)
    }

    /// Groups `x` and `y` by (namespace, podName, podUid): -1, 0 or 1.
    private func compare(_ a: UnsafeBufferPointer<UInt8>, _ x: Int, _ y: Int) -> Int {
      for f in 0..<3 {
        let c = ByteOrder.compare(field(a, 3 * x + f), field(a, 3 * y + f))
        if c != 0 { return c }
      }
      return 0
    }

    @inline(__always)
    private func field(_ a: UnsafeBufferPointer<UInt8>, _ k: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: a[starts[k]..<starts[k + 1]])
    }

    /// Whether field `f` (0 namespace, 1 podName) of group `g` has the
    /// bytes of `field`.
    private func fieldEquals(_ g: Int, _ f: Int, _ field: StoredString) -> Bool {
      if identities[2 * g + f] == StringIdentity(storedAt: field) { return true }
      let k = 3 * g + f
      let start = starts[k], count = starts[k + 1] - start
      return ByteOrder.withUTF8(field.value) { b in
        b.count == count
          && arena.withUnsafeBufferPointer { a in
            ByteOrder.equalPrefix(UnsafeBufferPointer(rebasing: a[start...]), b, count: count)
          }
      }
    }
  }
}
