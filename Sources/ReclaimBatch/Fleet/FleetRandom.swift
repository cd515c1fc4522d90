/// The generator's pseudo-random numbers: xoshiro256** (Blackman and Vigna),
/// seeded through SplitMix64.
///
/// Written out here, not taken from the standard library, because a fleet
/// must be the same bytes for a seed on every machine and every Swift
/// release: `SystemRandomNumberGenerator` cannot be seeded, and the
/// standard library's `random(in:using:)` does not promise how it maps a
/// generator's output to a range. So this type deliberately does not conform
/// to `RandomNumberGenerator`, and every mapping below (ranges, percentages,
/// choices) is defined here in integer arithmetic.
struct FleetRandom {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator for one stream of a seed: stream 0 is the fleet (its image
  /// catalog and clusters), stream `i + 1` is node `i`. Each stream depends
  /// only on `(seed, stream)`, so node `i` is the same whatever the number of
  /// nodes generated and whichever worker generates it.
  init(seed: UInt64, stream: UInt64) {
    // Two rounds of the SplitMix64 finalizer keep nearby (seed, stream)
    // pairs from starting nearby states; SplitMix64 then fills the state,
    // as xoshiro's authors recommend (it never yields an all-zero state
    // from four consecutive outputs).
    var state = Self.mix(Self.mix(seed) ^ (stream &* 0xD6E8_FEB8_6659_FD93))
    s0 = Self.splitMix(&state)
    s1 = Self.splitMix(&state)
    s2 = Self.splitMix(&state)
    s3 = Self.splitMix(&state)
  }

  /// A generator in exactly this state (the reference vectors' form).
  init(state: (UInt64, UInt64, UInt64, UInt64)) {
    (s0, s1, s2, s3) = state
  }

  /// The SplitMix64 finalizer: a bijection of `UInt64` that scatters bits.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The next output of SplitMix64 (Vigna) whose state is `state`.
  static func splitMix(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return mix(state)
  }

  /// The next 64 random bits.
  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// A uniform integer in `0..<bound` (`bound > 0`), by Lemire's
  /// multiply-and-reject method: exact, and one multiplication in the
  /// common case.
  mutating func below(_ bound: Int) -> Int {
    let n = UInt64(bound)
    var product = next().multipliedFullWidth(by: n)
    if product.low < n {
      let threshold = (0 &- n) % n
      while product.low < threshold { product = next().multipliedFullWidth(by: n) }
    }
    return Int(product.high)
  }

  /// A uniform integer in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

  /// A uniform `Int64` in `range` (spans below 2^62: durations in nanoseconds).
  mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
    range.lowerBound + Int64(below(Int(range.upperBound - range.lowerBound) + 1))
  }

  /// True with probability `percent / 100`.
  mutating func percent(_ percent: Int) -> Bool { below(100) < percent }

  /// True with probability `permille / 1000`.
  mutating func permille(_ permille: Int) -> Bool { below(1000) < permille }

  /// A uniform element of a non-empty array.
  mutating func pick<T>(_ elements: [T]) -> T { elements[below(elements.count)] }

  /// An index into `weights` with probability proportional to its weight
  /// (weights ≥ 0, at least one > 0).
  mutating func weighted(_ weights: [Int]) -> Int {
    var total = 0
    for w in weights { total += w }
    var r = below(total)
    for (i, w) in weights.enumerated() {
      if r < w { return i }
      r -= w
    }
    return weights.count - 1
  }
}
