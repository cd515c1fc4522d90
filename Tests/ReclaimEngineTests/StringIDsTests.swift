import Testing

@testable import ReclaimEngine

/// The string numbering under every planning step: dense ids in insertion
/// order, whatever the table's growth.
@Suite struct StringIDsTests {
  @Test func idsStayDenseAndFoundAcrossGrowth() {
    // Sized for nothing, so the table grows (and rehashes) many times.
    var ids = StringIDs(expected: 0)
    let keys = (0..<1000).map { "key-\($0)-" + String(repeating: "x", count: $0 % 90) }
    for (i, key) in keys.enumerated() {
      #expect(ids.id(key) == i)
    }
    #expect(ids.count == keys.count)
    for (i, key) in keys.enumerated().reversed() {
      #expect(ids.id(key) == i)
      #expect(ids.find(key) == i)
      #expect(key.utf8.withContiguousStorageIfAvailable { ids.find(bytes: $0) } == i)
    }
    #expect(ids.find("absent") == nil)
    #expect(ids.count == keys.count)
  }

  @Test func keysAreComparedByteForByte() {
    var ids = StringIDs(expected: 2)
    #expect(ids.id("plain") == 0)
    // "é" precomposed and decomposed are equal Swift Strings, but different
    // bytes, as Go (and so the kubelet) compares them: two ids.
    #expect(ids.id("caf\u{E9}") == 1)
    #expect(ids.id("cafe\u{301}") == 2)
    #expect(ids.find("caf\u{E9}") == 1)
    #expect(ids.find("cafe\u{301}") == 2)
    #expect(ids.find("plain") == 0)
    #expect(ids.id("other") == 3)
  }
}
