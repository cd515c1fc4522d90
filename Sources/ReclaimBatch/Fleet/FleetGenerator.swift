import ReclaimCore

/// A synthetic, realistic fleet of node snapshots (docs/reference/snapshot.md) for trials
/// and benchmarks (`reclaim generate`), deterministic for a seed.
///
/// Node `i` is drawn from a random stream of its own, derived from
/// `(seed, i)` alone: the same seed gives the same bytes on every machine
/// and with any number of workers, and the first `k` nodes of a larger
/// fleet are exactly the fleet of `k` nodes. What nodes share — the image
/// catalog (so that base and system images have the same ids fleet-wide)
/// and the clusters — comes from the seed's fleet stream.
public struct FleetGenerator: Sendable {
  /// One generated node.
  public struct Node: Sendable {
    /// The node's name (unique within the fleet).
    public var name: String
    /// What the node is for; decides its workloads, images and disks.
    public var profile: NodeProfile
    /// The snapshot's JSON: canonical (compact, no newline) or indented.
    public var json: [UInt8]
  }

  /// The most nodes one fleet can have: node names stay unique through a
  /// permutation of 20-bit numbers.
  public static let maxNodes = 1 << 20

  /// Capture instants start here (2026-11-29T12:00:00Z) whatever the seed,
  /// so that fleets of different seeds are comparable.
  static let capturedBase: Int64 = 1_795_953_600 * 1_000_000_000

  /// The fleet's seed (`--seed`).
  public let seed: UInt64
  let catalog: ImageCatalog
  let clusters: [Cluster]
  private let nameKey: UInt64

  /// The fleet of `seed`: draws what nodes share (the image catalog, the
  /// clusters) from the seed's fleet stream; nodes are built on request.
  public init(seed: UInt64) {
    self.seed = seed
    var random = FleetRandom(seed: seed, stream: 0)
    catalog = ImageCatalog(random: &random)
    var clusters: [Cluster] = []
    for index in 0..<random.int(in: 2...5) { clusters.append(Cluster(random: &random, index: index)) }
    self.clusters = clusters
    nameKey = random.next()
  }

  /// Node `index` (0-based, below `maxNodes`).
  public func node(_ index: Int, layout: CanonicalJSONWriter.Layout = .compact) -> Node {
    precondition(index >= 0 && index < Self.maxNodes, "node index \(index) outside 0..<\(Self.maxNodes)")
    let builder = NodeBuilder(catalog: catalog, clusters: clusters, seed: seed, index: index, unique: unique(index))
    var writer = CanonicalJSONWriter(layout: layout, reservingCapacity: 1 << 16)
    builder.write(to: &writer)
    return Node(name: builder.node, profile: builder.profile, json: writer.bytes)
  }

  /// Node `index`'s name and profile, without building the node.
  public func identity(ofNode index: Int) -> (name: String, profile: NodeProfile) {
    precondition(index >= 0 && index < Self.maxNodes, "node index \(index) outside 0..<\(Self.maxNodes)")
    var random = NodeBuilder.random(seed: seed, index: index)
    let (profile, cluster) = NodeBuilder.identity(&random, clusters: clusters)
    return (cluster.nodeName(unique: unique(index), pool: profile.pool), profile)
  }

  /// A bijection of `0..<maxNodes` keyed by the seed: the number a node's
  /// name is built from. Multiplying by an odd number, adding and
  /// xor-shifting right are each invertible modulo 2^20, so distinct nodes
  /// get distinct numbers, which look random rather than sequential.
  func unique(_ index: Int) -> Int {
    let mask: UInt64 = (1 << 20) - 1
    var v = UInt64(index) & mask
    for (round, multiplier) in [UInt64(0x9E3B5), 0x5BD1F, 0xC2B2B].enumerated() {
      v = (v &* multiplier &+ (nameKey >> (20 * UInt64(round)))) & mask
      v ^= v >> 10
    }
    return Int(v)
  }
}
