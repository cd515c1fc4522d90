import ReclaimCore
import ReclaimInventory
import ReclaimTestSupport
import Testing

/// `SnapshotReader.nodeName`, the batch runner's first pass: the node of a
/// `NodeSnapshot` document, found by skipping the other members, from the
/// start within `head` bytes, else from the end, else from the start to
/// the end. `head: 0` forces the scan from the end, `head: .max` the one
/// from the start; on valid JSON all three must agree with the document's
/// tree.
@Suite struct NodeNameTests {
  static func name(_ text: String, head: Int = 1024) -> String? {
    name(Array(text.utf8), head: head)
  }

  static func name(_ bytes: [UInt8], head: Int = 1024) -> String? {
    bytes.withUnsafeBufferPointer { SnapshotReader.nodeName($0, head: head) }
  }

  /// What the document's tree says: the top-level string `node` of a
  /// top-level `kind` `NodeSnapshot`.
  static func reference(_ bytes: [UInt8]) -> String? {
    let tree: JSONNode
    do {
      tree = try JSONTreeBuilder.parse(bytes)
    } catch {
      Issue.record("the generator wrote invalid JSON: \(error)")
      return nil
    }
    guard case .string("NodeSnapshot")? = tree.member("kind")?.value,
      case .string(let node)? = tree.member("node")?.value
    else { return nil }
    return node
  }

  static let heads = [0, 1, 9, 64, 1024, .max]

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

  @Test func everyWayFindsWhatTheTreeSays() {
    let keys = [#""node""#, #""kind""#, #""n\u006fde""#, #""\u006bind""#, #""nodes""#, #""Kind""#]
    let kinds = [#""NodeSnapshot""#, #""DeletionManifest""#, #""Node\u0053napshot""#, "7", "null"]
    var found = 0
    for seed in 0..<3000 {
      var w = RandomJSON(seed: UInt64(seed))
      w.space()
      w.raw("{")
      let n = Int.random(in: 0..<9, using: &w.random)
      var used = Set<String>()
      var members = 0
      for _ in 0..<n {
        // Each key at most once: the tree builder refuses duplicates, and
        // so does the decoder.
        let pick = Int.random(in: 0..<(keys.count + 3), using: &w.random)
        let key = pick < keys.count ? keys[pick] : nil
        let name = key.map { $0.replacingOccurrences(of: #"\u006f"#, with: "o").replacingOccurrences(of: #"\u006b"#, with: "k") }
        if let name, used.contains(name) { continue }
        if let name { used.insert(name) }
        if members > 0 { w.raw(",") }
        members += 1
        w.space()
        if let key { w.raw(key) } else { w.string(prefix: "\(members)-") }
        w.space()
        w.raw(":")
        w.space()
        switch name {
        case #""node""#: w.chance(5) ? w.value(depth: 1) : w.string()
        case #""kind""#: w.raw(kinds[Int.random(in: 0..<kinds.count, using: &w.random)])
        default: w.value(depth: 1)
        }
        w.space()
      }
      w.raw("}")
      w.space()
      let text = w.text
      let expected = Self.reference(text)
      if expected != nil { found += 1 }
      for head in Self.heads {
        #expect(Self.name(text, head: head) == expected, "seed \(seed), head \(head): \(String(decoding: text, as: UTF8.self))")
      }
      // Cut short, read from the start, it names its own node or none.
      let cut = Array(text[..<Int.random(in: 0..<text.count, using: &w.random)])
      let named = Self.name(cut, head: .max)
      #expect(named == nil || named == expected, "seed \(seed) cut: \(String(decoding: cut, as: UTF8.self))")
      for head in Self.heads { _ = Self.name(cut, head: head) }
    }
    // The generator must make documents that name a node, or the test says little.
    #expect(found > 300)
  }

  @Test func fromTheEndAfterSandboxesAsReclaimWritesThem() {
    let filler = String(repeating: #"{"id":"\#(String(repeating: "a", count: 64))","labels":{"x":"]}\""}},"#, count: 40)
    let text = #"{"containers":[\#(filler){}],"kind":"NodeSnapshot","node":"w1","pods":[\#(filler){}],"sandboxes":[]}"#
    for head in Self.heads { #expect(Self.name(text, head: head) == "w1", "head \(head)") }
    // Another kind stops the scan from the end as it stops the one from the start.
    let manifest = text.replacingOccurrences(of: "NodeSnapshot", with: "DeletionManifest")
    for head in Self.heads { #expect(Self.name(manifest, head: head) == nil, "head \(head)") }
    // A malformed tail sends the scan back to the start.
    #expect(Self.name(String(text.dropLast()) + "]", head: 0) == "w1")
    #expect(Self.name(text + " x", head: 0) == "w1")
  }
}
