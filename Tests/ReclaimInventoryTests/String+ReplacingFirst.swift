extension String {
  /// The text with the first occurrence of `old` replaced (test helper).
  func replacingFirst(_ old: String, with new: String) -> String {
    guard let range = firstRange(of: old) else { return self }
    var copy = self
    copy.replaceSubrange(range, with: new)
    return copy
  }
}
