import ReclaimInventory

/// manifest.md's entry order for deletion and kept lists; absent fields sort
/// as empty strings, all comparisons byte-wise.
///
/// Each list is sorted by integer keys: the byte-wise ranks of its string
/// fields (`ByteRanks`) packed two to a word, then age.
enum EntryOrder {
  /// Sorts container indices by (namespace, podName, podUid, name, age
  /// oldest first); `ageRank` is each container's position in the age order.
  static func sortContainers(_ list: inout [Int], _ cs: [NodeSnapshot.Container], ageRank: [Int]) {
    guard list.count > 1 else { return }
    let l = list
    let namespace = ByteRanks.ranks(count: l.count) { cs[l[$0]].namespace ?? "" }
    let podName = ByteRanks.ranks(count: l.count) { cs[l[$0]].podName ?? "" }
    let podUid = ByteRanks.ranks(count: l.count) { cs[l[$0]].podUid ?? "" }
    let name = ByteRanks.ranks(count: l.count) { cs[l[$0]].name }
    var keyed = l.indices.map { k in
      (Self.pack(namespace[k], podName[k]), Self.pack(podUid[k], name[k]), ageRank[l[k]], l[k])
    }
    // Age ranks are distinct, so keys are too: no tie is left to the sort.
    keyed.sort { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    list = keyed.map(\.3)
  }

  /// Sorts sandbox indices by (namespace, podName, podUid, age oldest first:
  /// `createdAt`, then id).
  static func sortSandboxes(_ list: inout [Int], _ sbs: [NodeSnapshot.Sandbox]) {
    guard list.count > 1 else { return }
    let l = list
    let namespace = ByteRanks.ranks(count: l.count) { sbs[l[$0]].namespace }
    let podName = ByteRanks.ranks(count: l.count) { sbs[l[$0]].podName }
    let podUid = ByteRanks.ranks(count: l.count) { sbs[l[$0]].podUid }
    let id = ByteRanks.ranks(count: l.count) { sbs[l[$0]].id }
    var keyed = l.indices.map { k in
      (Self.pack(namespace[k], podName[k]), podUid[k], sbs[l[k]].createdAt.nanoseconds, id[k], l[k])
    }
    keyed.sort { ($0.0, $0.1, $0.2, $0.3, $0.4) < ($1.0, $1.1, $1.2, $1.3, $1.4) }
    list = keyed.map(\.4)
  }

  @inline(__always)
  private static func pack(_ high: UInt32, _ low: UInt32) -> UInt64 { UInt64(high) << 32 | UInt64(low) }
}
