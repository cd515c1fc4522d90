import ReclaimInventory
import Testing

/// `SnapshotReader.nodeName`, the batch runner's first pass: the node of a
/// `NodeSnapshot` document, found by skipping the other members.
@Suite struct NodeNameTests {
  static func name(_ text: String) -> String? {
    Array(text.utf8).withUnsafeBufferPointer { SnapshotReader.nodeName($0) }
  }

  @Test func foundWhereverItIs() {
    #expect(Self.name(#"{"kind":"NodeSnapshot","node":"w1"}"#) == "w1")
    #expect(Self.name(#"{"node":"w1","kind":"NodeSnapshot"}"#) == "w1")
    // After nested values whose strings hold brackets, quotes and escapes.
    let late = #"""
      {"containers":[{"id":"a]}\"[{","x":[1,2,{"y":"}}}"}]}],"imageFs":{"a":-1.5e3,"b":true,"c":null},
       "kind":"NodeSnapshot", "pods" : [ ] , "node" : "w-\u0032"}
      """#
    #expect(Self.name(late) == "w-2")
    // An escaped key counts by its unescaped bytes.
    #expect(Self.name(#"{"kind":"NodeSnapshot","n\u006fde":"w3"}"#) == "w3")
  }

  @Test func onlySnapshotsNameANode() {
    #expect(Self.name(#"{"kind":"DeletionManifest","node":"w1"}"#) == nil)
    #expect(Self.name(#"{"node":"w1"}"#) == nil)
    #expect(Self.name(#"{"kind":"NodeSnapshot","node":7}"#) == nil)
    #expect(Self.name(#"[{"kind":"NodeSnapshot","node":"w1"}]"#) == nil)
    #expect(Self.name("") == nil)
    // Unterminated: ends, without a name.
    #expect(Self.name(#"{"kind":"NodeSnapshot","pods":[{"a":"]"#) == nil)
    #expect(Self.name(#"{"kind":"NodeSnapshot","pods":[[[[[[[[["#) == nil)
  }
}
