import ReclaimCore

/// The value rules of docs/reference/policy.md, shared by the YAML compiler and the
/// compiled-JSON reader so both refuse the same policies.
public enum PolicyRules: Sendable {
  /// Why `name` is not a DNS-1123 label, or `nil` when it is one.
  public static func dnsLabelProblem(_ name: String) -> String? {
    let bytes = Array(name.utf8)
    if bytes.isEmpty { return "is empty; a name must be a DNS-1123 label" }
    if bytes.count > 63 { return "is longer than 63 characters; a name must be a DNS-1123 label" }
    let ok = bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    guard ok, let first = bytes.first, let last = bytes.last, isLowerAlphanumeric(first), isLowerAlphanumeric(last)
    else {
      return
        "is not a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit)"
    }
    return nil
  }

  private static func isLowerAlphanumeric(_ b: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
  }

  /// Why a `namespaces` entry is invalid: an exact entry must be a valid
  /// namespace name (a DNS-1123 label); a glob may use only the characters
  /// of namespace names plus `*` and `?`, at most 63 of them.
  public static func namespacePatternProblem(_ entry: String) -> String? {
    let glob = Glob(entry)
    if !glob.hasWildcard {
      if let problem = dnsLabelProblem(entry) { return "namespace \(quoted(entry)) \(problem)" }
      return nil
    }
    let bytes = Array(entry.utf8)
    if bytes.count > 63 { return "glob \(quoted(entry)) is longer than 63 characters and can match no namespace" }
    let ok = bytes.allSatisfy {
      isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?")
    }
    if !ok {
      return
        "invalid glob \(quoted(entry)): only lowercase letters, digits, '-' and the wildcards '*' and '?' can match a namespace name"
    }
    return nil
  }

  /// Why a `protect` pattern is invalid: it must be non-empty and hold no
  /// whitespace or control characters, which no image reference contains.
  public static func protectPatternProblem(_ pattern: String) -> String? {
    if pattern.isEmpty { return "invalid glob \"\": a protect pattern must not be empty" }
    for scalar in pattern.unicodeScalars where scalar.value <= 0x20 || scalar.value == 0x7F {
      return "invalid glob \(quoted(pattern)): whitespace and control characters never occur in image references"
    }
    return nil
  }

  /// The kubelet's threshold check: both in 0…100 and low strictly below high.
  public static func thresholdProblem(high: Int, low: Int) -> String? {
    if low >= high {
      return
        "imageGC.lowThresholdPercent (\(low)) must be less than imageGC.highThresholdPercent (\(high))"
    }
    return nil
  }

  /// The kubelet's age check: a maximum age, when set, exceeds the minimum.
  public static func ageProblem(minAge: Int64, maxAge: Int64) -> String? {
    if maxAge > 0 && maxAge <= minAge {
      return
        "imageGC.maxAge (\(GoDuration.format(maxAge))) must be greater than imageGC.minAge (\(GoDuration.format(minAge))) when set"
    }
    return nil
  }

  /// A plain decimal integer: an optional `-`, digits, no leading zeros
  /// (`010` is octal in YAML 1.1, so it is refused rather than guessed).
  public static func decimalInteger(_ text: String) -> Result<Int, Problem> {
    var digits = Substring(text)
    if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
    guard !digits.isEmpty, digits.utf8.allSatisfy({ (48...57).contains($0) }) else {
      return .failure(Problem("expected an integer, found \(quoted(text))"))
    }
    if digits.count > 1 && digits.first == "0" {
      return .failure(Problem("integer \(quoted(text)) has a leading zero (octal in YAML 1.1); write it in plain decimal"))
    }
    guard let value = Int(text) else {
      return .failure(Problem("integer \(text) is out of range"))
    }
    return .success(value)
  }

  /// A Go duration, never negative, within int64 nanoseconds.
  public static func duration(_ text: String) -> Result<Int64, Problem> {
    do {
      return .success(try GoDuration.parse(text))
    } catch {
      return problem(error, text)
    }
  }

  private static func problem(_ error: GoDuration.ParseError, _ text: String) -> Result<Int64, Problem> {
    switch error {
    case .signed:
      return .failure(Problem("duration \(quoted(text)) must not have a sign (durations are never negative)"))
    case .overflow:
      return .failure(Problem("duration \(quoted(text)) is too large (more than 2562047h47m16.854775807s)"))
    case .invalid:
      if !text.isEmpty && text.utf8.allSatisfy({ (48...57).contains($0) || $0 == UInt8(ascii: ".") }) {
        return .failure(Problem("invalid duration \(quoted(text)): a unit is required (such as \(text)s or \(text)m)"))
      }
      return .failure(
        Problem("invalid duration \(quoted(text)) (Go syntax such as 90s, 1h30m or 500ms; units ns, us, ms, s, m, h)"))
    }
  }

  /// Sorted byte-wise, duplicates removed.
  public static func sortedUnique(_ values: [String]) -> [String] {
    var result: [String] = []
    // Equal means equal bytes, as matching compares them: `caf\u{E9}/*` and
    // `cafe\u{301}/*` are two patterns, though Swift's `==` calls them one.
    for value in values.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    where !(result.last.map { $0.utf8.elementsEqual(value.utf8) } ?? false) {
      result.append(value)
    }
    return result
  }

  /// A rule's complaint, as a `Result` failure.
  public struct Problem: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
  }
}
