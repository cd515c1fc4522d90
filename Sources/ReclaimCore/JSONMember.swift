/// One member of a JSON object, in document order.
public struct JSONMember: Sendable, Hashable {
  /// The key's value (escapes decoded).
  public var key: String
  /// Where the key's opening quote is.
  public var keyLocation: JSONLocation
  public var value: JSONNode

  public init(key: String, keyLocation: JSONLocation, value: JSONNode) {
    self.key = key
    self.keyLocation = keyLocation
    self.value = value
  }
}
