/// `--shard I/N`: the snapshots whose node falls in shard I of N, by FNV-1a 64
/// of the node name modulo N, so that Indexed Job workers split a fleet
/// without talking to each other.
public struct Shard: Sendable, Hashable {
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  /// Parses `I/N` with `0 ≤ I < N`; `nil` for anything else.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n > 0, i >= 0, i < n else { return nil }
    self.init(index: i, count: n)
  }

  /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
  public static func fnv1a64(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash &*= 0x0000_0100_0000_01b3
    }
    return hash
  }

  public func contains(node: String) -> Bool { Shard.fnv1a64(node) % UInt64(count) == UInt64(index) }
}
