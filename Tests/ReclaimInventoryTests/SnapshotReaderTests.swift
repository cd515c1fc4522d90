import ReclaimCore
import ReclaimInventory
import Testing

/// JSON details the corpus does not cover one file at a time: escapes,
/// Unicode, nulls and defaults, unknown fields, limits and boundaries.
@Suite struct SnapshotReaderTests {
  /// A minimal valid snapshot with `extra` spliced in as more top-level members.
  static func document(_ extra: String = "", containers: String = "[]", images: String = "[]") -> [UInt8] {
    let text = """
      {"apiVersion":"reclaim.dev/v1","kind":"NodeSnapshot","node":"worker-1",\
      "capturedAt":"2026-11-29T12:00:00Z","imageFs":{"capacityBytes":100,"availableBytes":10},\
      "containers":\(containers),"images":\(images)\(extra.isEmpty ? "" : "," + extra)}
      """
    return Array(text.utf8)
  }

  static func container(id: String = "c1", name: String = "app", state: String = "exited", extra: String = "") -> String {
    """
    {"id":"\(id)","name":"\(name)","state":"\(state)","createdAt":"2026-11-29T10:00:01Z",\
    "imageId":"sha256:aa"\(extra)}
    """
  }

  static func diagnostics(_ bytes: [UInt8], line: Int? = nil) -> [Diagnostic] {
    do {
      _ = try SnapshotReader.decode(bytes, source: "t.json", line: line)
      return []
    } catch {
      return error.diagnostics
    }
  }

  @Test func minimalSnapshotHasTheDefaults() throws {
    let s = try SnapshotReader.decode(Self.document(), source: "t.json")
    #expect(s.node == "worker-1")
    #expect(s.allSourcesReady == false)
    #expect(s.kubeletStartedAt == nil)
    #expect(s.pods.isEmpty && s.sandboxes.isEmpty && s.containers.isEmpty && s.images.isEmpty && s.podLogDirs.isEmpty)
  }

  @Test func stringEscapesAndSurrogatePairs() throws {
    let name = #"q\"b\\s\/b\bf\fn\nr\rt\t\u00e9\ud83d\ude00"#
    let s = try SnapshotReader.decode(Self.document(containers: "[\(Self.container(name: name))]"), source: "t.json")
    #expect(s.containers[0].name == "q\"b\\s/b\u{8}f\u{C}n\nr\rt\té😀")
  }

  @Test func rawMultibyteUTF8IsKept() throws {
    let s = try SnapshotReader.decode(Self.document(containers: "[\(Self.container(name: "café-😀-日本"))]"), source: "t.json")
    #expect(s.containers[0].name == "café-😀-日本")
  }

  @Test func escapedKeysAndValuesMatchTheirMeaning() throws {
    var bytes = Self.document(containers: "[\(Self.container())]")
    let text = String(decoding: bytes, as: UTF8.self)
    // "node" spelt with an escape, and a timestamp whose Z is escaped.
    bytes = Array(
      text.replacingFirst(#""node""#, with: #""n\u006fde""#)
        .replacingFirst(#""2026-11-29T10:00:01Z""#, with: #""2026-11-29T10:00:01\u005a""#).utf8)
    let s = try SnapshotReader.decode(bytes, source: "t.json")
    #expect(s.node == "worker-1")
    #expect(s.containers[0].createdAt.rfc3339 == "2026-11-29T10:00:01Z")
  }

  @Test func escapedDuplicateIdIsStillADuplicate() {
    let list = "[\(Self.container(id: "c1")),\(Self.container(id: #"c\u0031"#))]"
    let d = Self.diagnostics(Self.document(containers: list))
    #expect(d.map(\.path) == ["$.containers[1].id"])
    #expect(d.map(\.message) == [#"duplicate container id "c1""#])
  }

  @Test func nullInOptionalFieldsMeansAbsent() throws {
    let extra = #""kubeletStartedAt":null,"allSourcesReady":null,"pods":null,"sandboxes":null,"podLogDirs":null"#
    let container = Self.container(extra: #","podUid":null,"namespace":null,"podName":null,"sandboxId":null"#)
    let image = #"{"id":"sha256:aa","sizeBytes":1,"pinned":null,"repoTags":null,"repoDigests":null,"firstDetectedAt":null,"lastUsedAt":null,"namespaces":null}"#
    let s = try SnapshotReader.decode(Self.document(extra, containers: "[\(container)]", images: "[\(image)]"), source: "t.json")
    #expect(s.kubeletStartedAt == nil && s.allSourcesReady == false && s.pods.isEmpty)
    #expect(s.containers[0].podUid == nil && s.containers[0].sandboxId == nil)
    #expect(s.images[0] == NodeSnapshot.Image(id: "sha256:aa", sizeBytes: 1))
  }

  @Test func emptyPodUidAndSandboxIdMeanAbsent() throws {
    // Twice in a row: the second container takes the previous element's
    // spelling shortcut, which must not bring the empty string back.
    let extra = #","podUid":"","namespace":"shop","sandboxId":"""#
    let list = "[\(Self.container(id: "c1", extra: extra)),\(Self.container(id: "c2", extra: extra))]"
    let s = try SnapshotReader.decode(Self.document(containers: list), source: "t.json")
    #expect(s.containers.map(\.podUid) == [nil, nil])
    #expect(s.containers.map(\.sandboxId) == [nil, nil])
    #expect(s.containers.map(\.namespace) == ["shop", "shop"])
  }

  @Test func everyEmptyIdIsRejectedWithItsPath() {
    let list = "[\(Self.container(id: "")),\(Self.container(id: ""))]"
    let image = #"[{"id":"","sizeBytes":1}]"#
    let d = Self.diagnostics(Self.document(containers: list, images: image))
    // Two empty ids are two problems, not one empty id and a duplicate.
    #expect(d.map(\.path) == ["$.containers[0].id", "$.containers[1].id", "$.images[0].id"])
    #expect(
      d.map(\.message) == ["container id must not be empty", "container id must not be empty", "image id must not be empty"])
  }

  @Test func unknownFieldsAreIgnoredAtEveryLevel() throws {
    let extra = #""labels":{"a":[1,{"b":null}],"c":"d"},"x-collector":{"version":"1.2"}"#
    let container = Self.container(extra: #","restartCount":3,"annotations":{"k":[true,false,-1.5e-3]}"#)
    let s = try SnapshotReader.decode(Self.document(extra, containers: "[\(container)]"), source: "t.json")
    #expect(s.containers.count == 1)
    #expect(s.containers[0].id == "c1")
  }

  @Test func misspellingIsOnlyATopLevelError() {
    // At the top level "nodes" is one edit from "node"; inside a container it is just unknown.
    let d = Self.diagnostics(Self.document(#""nodes":1"#, containers: "[\(Self.container(extra: #","imageIdd":"x""#))]"))
    #expect(d.map(\.path) == ["$.nodes"])
    #expect(d.map(\.message) == [#"unknown field "nodes"; did you mean "node"?"#])
  }

  @Test func whitespaceAndByteOrderMarkAreAccepted() throws {
    let spaced = Array(" \t\r\n".utf8) + Self.document() + Array("\r\n\n ".utf8)
    #expect(try SnapshotReader.decode(spaced, source: "t.json").node == "worker-1")
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF] + Self.document()
    #expect(try SnapshotReader.decode(bom, source: "t.json").node == "worker-1")
  }

  @Test func int64Boundaries() throws {
    let images = #"[{"id":"a","sizeBytes":9223372036854775807},{"id":"b","sizeBytes":-0}]"#
    let s = try SnapshotReader.decode(Self.document(images: images), source: "t.json")
    #expect(s.images.map(\.sizeBytes) == [Int64.max, 0])
    let d = Self.diagnostics(Self.document(images: #"[{"id":"a","sizeBytes":-9223372036854775809}]"#))
    #expect(d.map(\.message) == ["integer -9223372036854775809 is outside the int64 range"])
  }

  @Test func timestampBoundariesOfInt64() throws {
    // The earliest whole second in range. (Int64.min itself, 00:12:43.145224192Z,
    // is refused by `Timestamp.parse`, which scales the seconds before adding the
    // fraction; a ReclaimCore edge noted in docs/snapshot.md.)
    let min = Self.document(#""kubeletStartedAt":"1677-09-21T00:12:44Z""#)
    #expect(try SnapshotReader.decode(min, source: "t.json").kubeletStartedAt?.nanoseconds == -9_223_372_036_000_000_000)
    let max = Self.document(#""kubeletStartedAt":"2262-04-11T23:47:16.854775807Z""#)
    #expect(try SnapshotReader.decode(max, source: "t.json").kubeletStartedAt?.nanoseconds == Int64.max)
    let over = Self.diagnostics(Self.document(#""kubeletStartedAt":"2262-04-11T23:47:16.854775808Z""#))
    #expect(over.map(\.path) == ["$.kubeletStartedAt"])
    #expect(over.first?.message.hasPrefix("timestamp \"2262-04-11T23:47:16.854775808Z\" is outside") == true)
  }

  @Test func nestingLimit() throws {
    // Root object (1) + 127 arrays = 128 levels: accepted.
    let ok = Self.document(#""deep":"# + String(repeating: "[", count: 127) + String(repeating: "]", count: 127))
    #expect(try SnapshotReader.decode(ok, source: "t.json").node == "worker-1")
    let deep = Self.document(#""deep":"# + String(repeating: "[", count: 128) + String(repeating: "]", count: 128))
    let d = Self.diagnostics(deep)
    // The 128th "[" (0-based 127 after the first) is one level too many.
    let firstBracket = String(decoding: deep, as: UTF8.self).utf8.count - 2 * 128 - 1
    let column = firstBracket + 127 + 1
    #expect(d.map(\.path) == ["$.deep" + String(repeating: "[0]", count: 127)])
    #expect(d.map(\.message) == ["malformed JSON: nesting deeper than 128 levels at line 1, column \(column)"])
  }

  @Test func syntaxErrorInsideAnUnknownValueNamesItsPath() {
    let d = Self.diagnostics(Self.document(#""my key":{"list":[1,2,tru]}"#))
    #expect(d.map(\.path) == [#"$["my key"].list[2]"#])
    #expect(d.first?.message.hasPrefix("malformed JSON: expected 'true', got ']'") == true)
  }

  @Test func positionsInMultiLineDocuments() {
    let text = "{\n  \"apiVersion\": \"reclaim.dev/v1\",\n  \"kind\": @\n}"
    let d = Self.diagnostics(Array(text.utf8))
    #expect(d.map(\.path) == ["$.kind"])
    #expect(d.map(\.message) == ["malformed JSON: expected a JSON value, got '@' at line 3, column 11"])
  }

  @Test func errorsBeforeASyntaxErrorAreKept() {
    let text = #"{"node":"UPPER","capturedAt":"bad","#
    let d = Self.diagnostics(Array(text.utf8))
    #expect(d.map(\.path) == ["$.node", "$.capturedAt", "$.capturedAt"])
    #expect(d.last?.message.hasPrefix("malformed JSON: unexpected end of input") == true)
  }

  @Test(arguments: NodeSnapshot.Container.State.allCases)
  func everyContainerStateDecodes(_ state: NodeSnapshot.Container.State) throws {
    let s = try SnapshotReader.decode(Self.document(containers: "[\(Self.container(state: state.rawValue))]"), source: "t.json")
    #expect(s.containers[0].state == state)
  }

  @Test(arguments: NodeSnapshot.Pod.State.allCases)
  func everyPodStateDecodes(_ state: NodeSnapshot.Pod.State) throws {
    let pods = #""pods":[{"uid":"p","state":"\#(state.rawValue)"}]"#
    #expect(try SnapshotReader.decode(Self.document(pods), source: "t.json").pods[0].state == state)
  }

  @Test(arguments: NodeSnapshot.Sandbox.State.allCases)
  func everySandboxStateDecodes(_ state: NodeSnapshot.Sandbox.State) throws {
    let sandboxes = #""sandboxes":[{"id":"s","podUid":"p","namespace":"n","podName":"w","state":"\#(state.rawValue)","createdAt":"2026-11-29T10:00:00Z"}]"#
    #expect(try SnapshotReader.decode(Self.document(sandboxes), source: "t.json").sandboxes[0].state == state)
  }

  @Test(arguments: ["a", "worker-1", "a.b-c.d", String(repeating: "a", count: 253), "0", "ip-10-0-0-1.ec2.internal"])
  func validNodeNames(_ name: String) throws {
    let text = String(decoding: Self.document(), as: UTF8.self).replacingFirst(#""worker-1""#, with: "\"\(name)\"")
    #expect(try SnapshotReader.decode(Array(text.utf8), source: "t.json").node == name)
  }

  @Test(arguments: ["", "-a", "a-", ".a", "a.", "a..b", "a.-b", "a-.b", "a_b", "A", "a b", "é", String(repeating: "a", count: 254)])
  func invalidNodeNames(_ name: String) {
    let text = String(decoding: Self.document(), as: UTF8.self).replacingFirst(#""worker-1""#, with: "\"\(name)\"")
    let d = Self.diagnostics(Array(text.utf8))
    #expect(d.map(\.path) == ["$.node"])
    #expect(d.first?.message.hasPrefix("invalid node name") == true)
  }

  /// Many distinct ids (past the string table's first size) still decode, and
  /// a duplicate at the very end is still found.
  @Test func manyContainers() throws {
    let many = (0..<3000).map { Self.container(id: "container-\($0)-\(String(repeating: "x", count: $0 % 40))") }
    let s = try SnapshotReader.decode(Self.document(containers: "[" + many.joined(separator: ",") + "]"), source: "t.json")
    #expect(s.containers.count == 3000)
    #expect(s.containers[2999].id == "container-2999-" + String(repeating: "x", count: 2999 % 40))
    let withDuplicate = many + [Self.container(id: "container-1234-" + String(repeating: "x", count: 1234 % 40))]
    let d = Self.diagnostics(Self.document(containers: "[" + withDuplicate.joined(separator: ",") + "]"))
    #expect(d.map(\.path) == ["$.containers[3000].id"])
  }

  /// The string table keeps no copy of a container id (only its duplicate
  /// check looks it up); the same text in another field still decodes, and
  /// the id repeated after that is still a duplicate.
  @Test func containerIdNamedByAnotherField() throws {
    let id = "0123456789abcdef0123456789abcdef"
    let list = [Self.container(id: id), Self.container(id: "c2", extra: #","podUid":"\#(id)","sandboxId":"\#(id)""#)]
    let s = try SnapshotReader.decode(Self.document(containers: "[" + list.joined(separator: ",") + "]"), source: "t.json")
    #expect(s.containers.map(\.id) == [id, "c2"])
    #expect(s.containers[1].podUid == id)
    #expect(s.containers[1].sandboxId == id)
    let d = Self.diagnostics(Self.document(containers: "[" + (list + [Self.container(id: id)]).joined(separator: ",") + "]"))
    #expect(d.map(\.path) == ["$.containers[2].id"])
    #expect(d.map(\.message) == [#"duplicate container id "\#(id)""#])
  }

  @Test func sharedStringsAreEqualValues() throws {
    let list = (0..<5).map { Self.container(id: "c\($0)", extra: #","podUid":"6f1c0000-0000-0000-0000-000000000001""#) }
    let image = #"{"id":"sha256:aa","sizeBytes":1}"#
    let s = try SnapshotReader.decode(Self.document(containers: "[" + list.joined(separator: ",") + "]", images: "[\(image)]"), source: "t.json")
    #expect(Set(s.containers.map(\.podUid)) == ["6f1c0000-0000-0000-0000-000000000001"])
    #expect(s.images[0].id == s.containers[0].imageId)
  }

  /// A container's pod fields are compared with the previous container's
  /// raw bytes first; every spelling (escaped, absent, a prefix, a longer
  /// string, a repeat after a change) still decodes to its own value.
  @Test func podFieldsOfConsecutiveContainers() throws {
    let uid = "6f1c0000-0000-0000-0000-000000000001"
    let sandbox = "0123456789abcdef0123456789abcdef0123456789abcdef"
    let spellings: [(podUid: String?, sandboxId: String?, namespace: String?)] = [
      (uid, sandbox, "default"),
      (uid, sandbox, "default"),
      (#"6f1c0000-0000-0000-0000-00000000000\u0031"#, sandbox, #"defaul\u0074"#),
      (uid, String(sandbox.dropLast()), "default"),
      (String(uid.dropLast()) + "2", sandbox + "f", "defaultx"),
      (nil, nil, nil),
      (uid, sandbox, "default"),
      (String(uid.dropLast()), sandbox, "defaul"),
    ]
    let list = spellings.enumerated().map { k, f in
      var extra = ""
      if let u = f.podUid { extra += #","podUid":"\#(u)""# }
      if let b = f.sandboxId { extra += #","sandboxId":"\#(b)""# }
      if let n = f.namespace { extra += #","namespace":"\#(n)","podName":"\#(n)""# }
      return Self.container(id: "c\(k)", extra: extra)
    }
    let s = try SnapshotReader.decode(Self.document(containers: "[" + list.joined(separator: ",") + "]"), source: "t.json")
    let unescape = { (t: String?) in
      t?.replacingFirst(#"\u0031"#, with: "1").replacingFirst(#"\u0074"#, with: "t")
    }
    #expect(s.containers.map(\.podUid) == spellings.map { unescape($0.podUid) })
    #expect(s.containers.map(\.sandboxId) == spellings.map { unescape($0.sandboxId) })
    #expect(s.containers.map(\.namespace) == spellings.map { unescape($0.namespace) })
    #expect(s.containers.map(\.podName) == spellings.map { unescape($0.namespace) })
  }

  /// String lists of every length, with and without an invalid element.
  @Test func stringListsOfEveryLength() throws {
    for (list, expected) in [
      ("[]", []), (#"["a"]"#, ["a"]), (#"["a","b"]"#, ["a", "b"]), (#"["a","b","c"]"#, ["a", "b", "c"]),
      (#"["registry.example/app:1.2.3"]"#, ["registry.example/app:1.2.3"]),
    ] as [(String, [String])] {
      let image = #"{"id":"sha256:aa","sizeBytes":1,"repoTags":\#(list),"namespaces":\#(list)}"#
      let s = try SnapshotReader.decode(Self.document(images: "[\(image)]"), source: "t.json")
      #expect(s.images[0].repoTags == expected)
      #expect(s.images[0].namespaces == expected)
    }
    for (list, path) in [(#"[1]"#, "[0]"), (#"[null]"#, "[0]"), (#"["a",1]"#, "[1]"), (#"[1,"a"]"#, "[0]")] {
      let image = #"{"id":"sha256:aa","sizeBytes":1,"repoTags":\#(list)}"#
      let d = Self.diagnostics(Self.document(images: "[\(image)]"))
      #expect(d.map(\.path) == ["$.images[0].repoTags" + path])
    }
  }
}
