/// Random valid JSON text, written a piece at a time so that a test can
/// note the offsets it needs as it goes. Strings hold what skipping them
/// must get right: brackets, quotes after runs of backslashes, `\u`
/// escapes and UTF-8, after runs of plain bytes of every length.
public struct RandomJSON {
  public var random: SeededRandom
  public var text: [UInt8] = []

  public init(seed: UInt64) { random = SeededRandom(seed: seed) }

  /// True once in `n`.
  public mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &random) == 0 }

  /// Appends `s` as it is.
  public mutating func raw(_ s: String) { text += Array(s.utf8) }

  /// Nothing, or some whitespace.
  public mutating func space() {
    let spaces: [[UInt8]] = [[], [], [], [0x20], [0x20, 0x20], [0x0A], [0x0D, 0x0A, 0x09]]
    text += spaces[Int.random(in: 0..<spaces.count, using: &random)]
  }

  /// A string: runs of plain bytes between the bytes a skip must get
  /// right, after `prefix` (which keeps an object's keys distinct).
  public mutating func string(prefix: String = "") {
    text.append(0x22)
    text += Array(prefix.utf8)
    let pieces: [String] = [
      "a", "0123456789abcdef", "{", "}", "[", "]", ",", ":", #"\""#, #"\\"#, #"\\\""#, #"\\\\"#, #"\u0022"#,
      #"\u005C"#, "é", "€", "\u{1F600}", #"\/"#, #"\n"#, " ",
    ]
    let plain = Int.random(in: 0..<40, using: &random)
    for _ in 0..<Int.random(in: 0..<6, using: &random) {
      text += [UInt8](repeating: UInt8(ascii: "x"), count: Int.random(in: 0..<plain + 1, using: &random))
      text += Array(pieces[Int.random(in: 0..<pieces.count, using: &random)].utf8)
    }
    text.append(0x22)
  }

  /// A value nested at most about five deep below `depth`.
  public mutating func value(depth: Int) {
    switch Int.random(in: 0..<(depth > 4 ? 3 : 6), using: &random) {
    case 0, 2: string()
    case 1:
      let scalars = ["0", "-12", "3.5e-7", "true", "false", "null", "123456789012345678"]
      text += Array(scalars[Int.random(in: 0..<scalars.count, using: &random)].utf8)
    case 3, 4:
      text.append(UInt8(ascii: "{"))
      let n = Int.random(in: 0..<5, using: &random)
      for i in 0..<n {
        if i > 0 { text.append(UInt8(ascii: ",")) }
        space()
        string(prefix: "\(i)-")
        space()
        text.append(UInt8(ascii: ":"))
        space()
        value(depth: depth + 1)
        space()
      }
      text.append(UInt8(ascii: "}"))
    default:
      text.append(UInt8(ascii: "["))
      let n = Int.random(in: 0..<5, using: &random)
      for i in 0..<n {
        if i > 0 { text.append(UInt8(ascii: ",")) }
        space()
        value(depth: depth + 1)
        space()
      }
      text.append(UInt8(ascii: "]"))
    }
  }
}
