/// Levenshtein distance and "did you mean" suggestions for misspelt keys.
public enum EditDistance {
  /// The Levenshtein distance between two strings, over Unicode scalars.
  public static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var previous = Array(0...y.count)
    var current = [Int](repeating: 0, count: y.count + 1)
    for i in 1...x.count {
      current[0] = i
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[y.count]
  }

  /// The closest candidate within `maximum` edits, ties broken by the
  /// candidates' order; `nil` when none is close enough.
  ///
  /// The time is bounded by the candidates, not by `word`: the distance is
  /// at least the difference in length, so a word much longer than every
  /// candidate is dismissed by its byte count (a character is at most four
  /// UTF-8 bytes) before any scalar is looked at.
  public static func suggestion(for word: String, among candidates: [String], maximum: Int = 2) -> String? {
    let longest = candidates.map { $0.unicodeScalars.count }.max() ?? 0
    guard (word.utf8.count + 3) / 4 <= longest + maximum else { return nil }
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(word, candidate)
      if d <= maximum, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
  }
}
