import ReclaimCore
@testable import ReclaimInventory
import Testing

/// Container ids kept in place (`IDText.inline`) against ids kept as
/// strings: the same text, the same equality and hash, the same output,
/// the same duplicate check, whichever way the reader stored each.
@Suite struct IDTextTests {
  /// Ids of every length around the inline limit: hex like a runtime's,
  /// multibyte UTF-8 ending at and straddling byte 64, and short ones.
  static let ids: [String] = {
    var ids = [1, 2, 15, 16, 24, 32, 36, 63, 64, 65, 71, 80].map { n in
      String((0..<n).map { Character(UnicodeScalar(UInt8(ascii: "0") + UInt8($0 % 10))) })
    }
    ids += [String(repeating: "a", count: 62) + "é", String(repeating: "a", count: 63) + "é"]
    ids += [String(repeating: "b", count: 60) + "😀", "日本語-コンテナ", "6f1c0000-0000-0000-0000-000000000001"]
    return ids
  }()

  static func decode(_ ids: [String], escapedFirst: Bool = false) throws -> NodeSnapshot {
    let containers = ids.enumerated().map { k, id in
      // `\u0030` is "0": the same id, spelt with an escape.
      let spelt = escapedFirst && k == 0 && id.hasPrefix("0") ? #"\u0030"# + id.dropFirst() : Substring(id)
      return SnapshotReaderTests.container(id: String(spelt))
    }
    return try SnapshotReader.decode(
      SnapshotReaderTests.document(containers: "[" + containers.joined(separator: ",") + "]"), source: "t.json")
  }

  @Test func decodedIdsAreTheirTextAndInlineUpTo64Bytes() throws {
    let s = try Self.decode(Self.ids)
    #expect(s.containers.map(\.id) == Self.ids)
    for (c, id) in zip(s.containers, Self.ids) {
      let inline: Bool
      if case .inline = c.idText { inline = true } else { inline = false }
      #expect(inline == (id.utf8.count <= IDText.InlineBytes.capacity), "\(id.utf8.count) bytes")
      c.idText.withBytes { #expect(Array($0) == Array(id.utf8)) }
    }
  }

  @Test func anEscapedIdIsAString() throws {
    let s = try Self.decode([Self.ids[4]], escapedFirst: true)
    #expect(s.containers[0].id == Self.ids[4])
    guard case .string = s.containers[0].idText else {
      Issue.record("an escaped id is unescaped into a string")
      return
    }
  }

  @Test func decodedContainersEqualAndHashAsContainersMadeInCode() throws {
    let s = try Self.decode(Self.ids)
    for c in s.containers {
      let made = NodeSnapshot.Container(
        id: c.id, name: c.name, state: c.state, createdAt: c.createdAt, imageId: c.imageId)
      #expect(c == made)
      #expect(c.hashValue == made.hashValue)
      var other = made
      other.id += "x"
      #expect(c != other)
    }
    // Different ids differ, stored either way.
    #expect(Set(s.containers).count == Self.ids.count)
  }

  @Test func idsCompareByteForByte() {
    // Unicode calls these equal; as ids they are two.
    let a = NodeSnapshot.Container(id: "caf\u{E9}", name: "n", state: .exited, createdAt: .init(nanoseconds: 0), imageId: "i")
    var b = a
    b.id = "cafe\u{301}"
    #expect("caf\u{E9}" == "cafe\u{301}")
    #expect(a != b)
  }

  @Test func settingAnIdReplacesTheStoredBytes() throws {
    var s = try Self.decode(Self.ids)
    s.containers[8].id = "replaced"
    #expect(s.containers[8].id == "replaced")
    guard case .string("replaced") = s.containers[8].idText else {
      Issue.record("a set id is the string set")
      return
    }
  }

  @Test func writtenAndReadAgainTheIdsAreTheSame() throws {
    let s = try Self.decode(Self.ids)
    let again = try SnapshotReader.decode(SnapshotWriter.bytes(s, layout: .compact), source: "again.json")
    #expect(again == s)
    #expect(again.containers.map(\.id) == Self.ids)
    var w = CanonicalJSONWriter(layout: .compact)
    for c in s.containers { w.string(c.idText) }
    var expected = CanonicalJSONWriter(layout: .compact)
    for id in Self.ids { expected.string(id) }
    #expect(w.bytes == expected.bytes)
  }

  @Test func repeatedIdsAreFoundHoweverTheyAreStored() {
    for id in Self.ids {
      let list = [id, "other", id].map { SnapshotReaderTests.container(id: $0) }
      let d = SnapshotReaderTests.diagnostics(SnapshotReaderTests.document(containers: "[" + list.joined(separator: ",") + "]"))
      #expect(d.map(\.path) == ["$.containers[2].id"], "\(id.utf8.count) bytes")
      #expect(d.map(\.message) == ["duplicate container id \(quoted(id))"])
    }
    // An escaped spelling of an id kept in place is the same id.
    let id = Self.ids[8]
    let list = [SnapshotReaderTests.container(id: id), SnapshotReaderTests.container(id: #"\u0030"# + id.dropFirst())]
    let d = SnapshotReaderTests.diagnostics(SnapshotReaderTests.document(containers: "[" + list.joined(separator: ",") + "]"))
    #expect(d.map(\.message) == ["duplicate container id \(quoted(id))"])
  }
}
