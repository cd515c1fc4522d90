/// The globs of docs/reference/policy.md, straight from the definition: `*` is any run of
/// characters (also none), `?` exactly one character, anything else matches
/// itself. A character is a Unicode scalar, compared by value (which is
/// byte equality of its UTF-8 encoding).
enum ReferenceGlob {
  static func hasWildcard(_ pattern: String) -> Bool {
    pattern.unicodeScalars.contains { $0 == "*" || $0 == "?" }
  }

  static func literalCount(_ pattern: String) -> Int {
    pattern.unicodeScalars.filter { $0 != "*" && $0 != "?" }.count
  }

  static func matches(_ pattern: String, _ text: String) -> Bool {
    let p = Array(pattern.unicodeScalars)
    let t = Array(text.unicodeScalars)
    // match[i][j]: p[i...] matches t[j...]; filled from the end.
    var match = Array(repeating: Array(repeating: false, count: t.count + 1), count: p.count + 1)
    match[p.count][t.count] = true
    for i in stride(from: p.count - 1, through: 0, by: -1) {
      for j in stride(from: t.count, through: 0, by: -1) {
        if p[i] == "*" {
          match[i][j] = match[i + 1][j] || (j < t.count && match[i][j + 1])
        } else if j < t.count && (p[i] == "?" || p[i] == t[j]) {
          match[i][j] = match[i + 1][j + 1]
        }
      }
    }
    return match[0][0]
  }
}
