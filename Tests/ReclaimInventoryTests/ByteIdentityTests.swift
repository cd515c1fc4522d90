import ReclaimCore
import ReclaimInventory
import Testing

/// Ids, uids, namespaces and keys are compared byte for byte, as Go
/// strings are: "caf\u00e9" (NFC) and "cafe\u0301" (NFD) are different ids
/// and keys although Swift's `String` calls them equal.
@Suite struct ByteIdentityTests {
  static let nfc = "caf\u{E9}"
  static let nfd = "cafe\u{301}"

  func decode(_ text: String) throws -> NodeSnapshot {
    try SnapshotReader.decode(Array(text.utf8), source: "t.json")
  }

  func messages(_ text: String) -> [String] {
    do throws(DiagnosticError) {
      _ = try SnapshotReader.decode(Array(text.utf8), source: "t.json")
      return []
    } catch {
      return error.diagnostics.map(\.messageWithPath)
    }
  }

  func document(_ members: String) -> String {
    """
    {"apiVersion":"reclaim.dev/v1","kind":"NodeSnapshot","node":"worker-1",\
    "capturedAt":"2026-11-29T12:00:00Z","imageFs":{"capacityBytes":100,"availableBytes":10},\(members)}
    """
  }

  func container(_ id: String) -> String {
    #"{"id":"\#(id)","name":"app","state":"exited","createdAt":"2026-11-29T10:00:01Z","imageId":"sha256:aa"}"#
  }

  @Test func theTwoSpellingsAreEqualStrings() {
    // The premise: `==` would merge them.
    #expect(Self.nfc == Self.nfd)
    #expect(!Self.nfc.utf8.elementsEqual(Self.nfd.utf8))
  }

  @Test(arguments: [(#"caf\u00e9"#, #"cafe\u0301"#), ("caf\u{E9}", "cafe\u{301}"), (#"caf\u00e9"#, "cafe\u{301}")])
  func containerIdsDifferentInBytesAreTwoIds(_ a: String, _ b: String) throws {
    let s = try decode(document(#""containers":[\#(container(a)),\#(container(b))]"#))
    #expect(s.containers.count == 2)
    #expect(s.containers[0].id.utf8.elementsEqual(Self.nfc.utf8))
    #expect(s.containers[1].id.utf8.elementsEqual(Self.nfd.utf8))
  }

  @Test func anEscapedIdWithTheSameBytesIsADuplicate() {
    let text = document(#""containers":[\#(container("caf\u{E9}")),\#(container(#"caf\u00e9"#))]"#)
    #expect(messages(text) == [#"$.containers[1].id: duplicate container id "café""#])
  }

  @Test func imageAndSandboxIdsAndPodUidsToo() throws {
    let images = #""images":[{"id":"caf\u00e9","sizeBytes":1},{"id":"cafe\u0301","sizeBytes":2}]"#
    #expect(try decode(document(images)).images.count == 2)
    let pods = #""pods":[{"uid":"caf\u00e9","state":"active"},{"uid":"cafe\u0301","state":"active"}]"#
    #expect(try decode(document(pods)).pods.count == 2)
    let sandbox = { (id: String) in
      #"{"id":"\#(id)","podUid":"p","namespace":"n","podName":"x","state":"ready","createdAt":"2026-11-29T10:00:00Z"}"#
    }
    let sandboxes = #""sandboxes":[\#(sandbox(#"caf\u00e9"#)),\#(sandbox(#"cafe\u0301"#))]"#
    #expect(try decode(document(sandboxes)).sandboxes.count == 2)
    let duplicatePods = #""pods":[{"uid":"caf\u00e9","state":"active"},{"uid":"café","state":"active"}]"#
    #expect(messages(document(duplicatePods)) == [#"$.pods[1].uid: duplicate pod uid "café""#])
  }

  @Test func namespacesKeepTheirBytes() throws {
    let a = #"{"id":"a","name":"x","state":"exited","createdAt":"2026-11-29T10:00:01Z","imageId":"i","namespace":"caf\u00e9"}"#
    let b = #"{"id":"b","name":"x","state":"exited","createdAt":"2026-11-29T10:00:01Z","imageId":"i","namespace":"cafe\u0301"}"#
    let s = try decode(document(#""containers":[\#(a),\#(b)]"#))
    #expect(s.containers.map { Array($0.namespace?.utf8 ?? "".utf8) } == [Array(Self.nfc.utf8), Array(Self.nfd.utf8)])
  }

  @Test func aKnownKeySpeltWithAnEscapeIsADuplicateKey() {
    // "nod\u0065" has the bytes of "node".
    #expect(messages(document(#""nod\u0065":"worker-2""#)) == [#"$.node: duplicate key "node""#])
  }

  @Test func unknownKeysDifferentInBytesAreNoDuplicates() throws {
    let extra = #"{"id":"c1","name":"app","state":"exited","createdAt":"2026-11-29T10:00:01Z","imageId":"i","caf\u00e9":1,"cafe\u0301":2}"#
    #expect(try decode(document(#""containers":[\#(extra)]"#)).containers.count == 1)
    // The tree builder, which does check every key, agrees.
    #expect(throws: Never.self) { try JSONTreeBuilder.parse(Array(extra.utf8)) }
    let same = #"{"caf\u00e9":1,"café":2}"#
    #expect(throws: JSONParseError.self) { try JSONTreeBuilder.parse(Array(same.utf8)) }
  }
}
