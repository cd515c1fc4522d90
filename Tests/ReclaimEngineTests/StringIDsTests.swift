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

  /// Lookups by identity (`StringIdentity`) agree with the bytes whatever
  /// the strings' storage: one string shared (as the reader interns), equal
  /// text in separate storages, and short-lived strings whose storage is
  /// freed and reused by the next one, checked against a dictionary.
  @Test func identityLookupsAgreeWithTheBytes() {
    var random = SystemRandomNumberGenerator()
    var ids = StringIDs(expected: 8)
    var reference: [[UInt8]: Int] = [:]
    let shared = (0..<40).map { "shared-uid-\($0)-" + String(repeating: "0123456789abcdef", count: 2) }
    for round in 0..<4000 {
      let key: String
      switch round % 3 {
      case 0: key = shared[Int.random(in: 0..<shared.count, using: &random)]
      case 1:
        // Equal text, a fresh storage each time, freed after the lookup.
        key = String(decoding: Array(shared[round % shared.count].utf8), as: UTF8.self)
      default:
        key = "temporary-\(Int.random(in: 0..<300, using: &random))-" + String(repeating: "z", count: 20)
      }
      let expected = reference[Array(key.utf8)]
      if round % 7 == 0 {
        #expect(ids.find(key) == expected, "find \(key)")
      } else {
        let id = ids.id(key)
        #expect(id == expected ?? reference.count, "id \(key)")
        if expected == nil { reference[Array(key.utf8)] = id }
      }
    }
    #expect(ids.count == reference.count)
  }
}
