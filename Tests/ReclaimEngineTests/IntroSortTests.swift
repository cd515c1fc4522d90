import Testing

@testable import ReclaimEngine

/// The unstable sort under `ContainerGC.sortedByKey` against the standard
/// library's, on distinct (key, index) pairs as the engine sorts them.
@Suite struct IntroSortTests {
  /// Keys of each shape the partitioning must survive: random, sorted,
  /// reversed, organ pipe, few distinct values, all equal.
  static func keys(_ shape: Int, _ n: Int, _ rng: inout SeededGenerator) -> [Int] {
    switch shape {
    case 0: return (0..<n).map { _ in Int.random(in: -1_000...1_000, using: &rng) }
    case 1: return Array(0..<n)
    case 2: return Array((0..<n).reversed())
    case 3: return (0..<n).map { min($0, n - $0) }
    case 4: return (0..<n).map { _ in Int.random(in: 0...2, using: &rng) }
    default: return Array(repeating: 7, count: n)
    }
  }

  @Test func sortsAsTheStandardLibrary() {
    var rng = SeededGenerator(seed: 3)
    for n in Array(0...40) + [63, 64, 65, 100, 257, 1_000] {
      for shape in 0..<6 {
        for shuffled in [false, true] {
          let ordered = Array(zip(Self.keys(shape, n, &rng), 0..<n))
          let pairs = shuffled ? ordered.shuffled(using: &rng) : ordered
          let expected = pairs.sorted { $0 < $1 }.map(\.1)
          // Default depth, then heapsort from the start and after one level.
          for depth in [nil, 0, 1] as [Int?] {
            var sorted = pairs
            IntroSort.sort(&sorted, depth: depth) { $0 < $1 }
            #expect(sorted.map(\.1) == expected, "n \(n), shape \(shape), depth \(String(describing: depth))")
          }
        }
      }
    }
  }
}
