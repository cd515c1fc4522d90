import ReclaimCore
@testable import ReclaimInventory
import Testing

/// The snapshot reader's fast paths against their general paths: short
/// strings from a cache against `String(decoding:as:)`, word-wise byte
/// comparison against element-wise, learnt member order against any order,
/// long strings remembered from the previous element against a fresh
/// lookup, and lists made at their size against lists grown.
@Suite struct ReaderFastPathTests {
  // MARK: - short strings

  /// Strings of every length up to 15 bytes and just past it: ASCII,
  /// multibyte UTF-8 ending at and straddling byte 8, and empty.
  static let shortTexts: [String] = {
    var texts = (0...16).map { String(repeating: "x", count: $0) }
    texts += (0...15).map { String((0..<$0).map { Character(UnicodeScalar(UInt8(0x21 + $0 * 5))) }) }
    texts += ["é", "1234567é", "123456é", "€uro", "日本語", "😀", "12345678901😀", "1234567890😀"]
    texts.append("kube-system")
    return texts
  }()

  @Test func shortStringsAreTheDecodedStrings() {
    var short = ShortStrings()
    for text in Self.shortTexts where text.utf8.count <= ShortStrings.maximumCount {
      let bytes = Array(text.utf8)
      // In a buffer with 16 readable bytes and in one of exactly its own size.
      for wide in [true, false] {
        let buffer = bytes + (wide ? [UInt8](repeating: 0xEE, count: 16) : [])
        buffer.withUnsafeBufferPointer { b in
          let p = b.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
          let cached = short.string(p, bytes.count, wide: wide)
          let again = short.string(p, bytes.count, wide: wide)
          let general = String(decoding: UnsafeBufferPointer(start: p, count: bytes.count), as: UTF8.self)
          #expect(cached == general && again == general)
          #expect(Array(cached.utf8) == bytes)
        }
      }
    }
  }

  @Test func shortStringKeysTellEveryLengthAndByteApart() {
    var keys: [String: (UInt64, UInt64)] = [:]
    for text in Self.shortTexts where text.utf8.count <= ShortStrings.maximumCount {
      let bytes = Array(text.utf8) + [UInt8](repeating: 0, count: 16)
      let (wide, narrow) = bytes.withUnsafeBufferPointer { b -> ((UInt64, UInt64), (UInt64, UInt64)) in
        let p = b.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
        let n = text.utf8.count
        return (ShortStrings.key(p, n, wide: true), ShortStrings.key(p, n, wide: false))
      }
      #expect(wide == narrow, "\(text)")
      keys[text] = wide
    }
    // "xx" and "xx\0"-like texts differ by length alone: the length is in the key.
    let distinct = Set(keys.values.map { "\($0.0),\($0.1)" })
    #expect(distinct.count == keys.count)
  }

  @Test func shortStringsSurviveEvictions() {
    // Many more distinct strings than slots, each asked for twice, in turns:
    // every answer is still the string of its bytes.
    var short = ShortStrings()
    let texts = (0..<5000).map { "n\($0 * 7919 % 100_003)" }
    for round in 0..<2 {
      for text in texts {
        let bytes = Array(text.utf8) + [UInt8](repeating: 0x2E, count: 16)
        let s = bytes.withUnsafeBufferPointer { b in
          let p = b.baseAddress ?? UnsafePointer(bitPattern: 1).unsafelyUnwrapped
          return short.string(p, text.utf8.count, wide: round == 0)
        }
        #expect(s == text)
      }
    }
  }

  // MARK: - byte comparison

  @Test func equalBytesAgreesWithElementwiseComparison() {
    for n in 0...40 {
      let a = [UInt8]((0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
      var variants = [a]
      for k in 0..<n {
        var b = a
        b[k] ^= 0x01
        variants.append(b)
        b[k] ^= 0x81
        variants.append(b)
      }
      for b in variants {
        // Each in a buffer of its own size: a stray load would read outside it.
        let same = a.withUnsafeBufferPointer { x in
          b.withUnsafeBufferPointer { y in
            let base = UnsafePointer<UInt8>(bitPattern: 1).unsafelyUnwrapped
            return StringTable.equalBytes(x.baseAddress ?? base, y.baseAddress ?? base, n)
          }
        }
        #expect(same == (a == b), "length \(n)")
      }
    }
  }

  @Test func stringTableSizeFollowsTheDocument() {
    for count in [0, 1, 100, 8191, 8192, 100_000, 104_422, 330_530, 1 << 30] {
      let capacity = min(max(count / 128, 64), 1 << 16)
      let slots = 1 << (Int.bitWidth - (capacity - 1).leadingZeroBitCount)
      #expect(slots >= capacity && slots < 2 * capacity, "\(count)")
      let bytes = [UInt8](repeating: 0x61, count: 8)
      bytes.withUnsafeBufferPointer { b in
        guard let p = b.baseAddress else { return }
        var table = StringTable(input: p, count: count)
        // Two claims of the same bytes: the second is the duplicate.
        #expect(table.intern(inputAt: 0, count: 8, claim: .podUid).isDuplicate == false)
        #expect(table.intern(inputAt: 0, count: 8, claim: .podUid).isDuplicate == true)
      }
    }
  }

  @Test func claimsWithoutStringsMeetInternedStrings() {
    let bytes = Array("0123456789abcdef0123456789abcdef".utf8)
    bytes.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      var table = StringTable(input: p, count: b.count)
      // A container id claimed in place, then named by another field, then
      // claimed again: one entry, whose string is made when first asked for.
      #expect(table.claim(inputAt: 0, count: 32, claim: .containerId) == false)
      #expect(table.claim(inputAt: 0, count: 16, claim: .containerId) == false)
      let named = table.intern(inputAt: 0, count: 32, claim: [])
      #expect(named.value == "0123456789abcdef0123456789abcdef" && !named.isDuplicate)
      #expect(table.intern(inputAt: 0, count: 32, claim: []).index == named.index)
      #expect(table.claim(inputAt: 0, count: 32, claim: .containerId) == true)
      #expect(table.claim(inputAt: 16, count: 16, claim: .containerId) == true)
      // Another list's claim of the same bytes is not a repeat.
      #expect(table.intern(inputAt: 0, count: 32, claim: .sandboxId).isDuplicate == false)
      #expect(table.intern(unescaped: Array(bytes[0..<16]), claim: .containerId).isDuplicate == true)
    }
  }

  // MARK: - member order

  @Test func fieldOrderGuessesTheCanonicalOrderThenWhatItLearnt() {
    var order = FieldOrder<ContainerField>()
    var previous: ContainerField?
    for field in ContainerField.allCases {
      #expect(order.guess(after: previous) == field)
      previous = field
    }
    #expect(order.guess(after: .state) == nil)
    // Go's struct order, learnt once, is then the guess.
    let goOrder: [ContainerField] = [
      .id, .podUid, .namespace, .podName, .name, .sandboxId, .state, .createdAt, .imageId,
    ]
    previous = nil
    for field in goOrder {
      order.learn(field, after: previous)
      previous = field
    }
    previous = nil
    for field in goOrder {
      #expect(order.guess(after: previous) == field)
      previous = field
    }
  }

  /// Every schema object: keys match their fields, every field is found by
  /// `matchingAny`, and nothing else is.
  func checkKeys<F: SnapshotField>(_: F.Type) {
    for field in F.allCases {
      let key = field.key
      let text = Array("\"\(key)\"".utf8)
      text.withUnsafeBufferPointer { b in
        guard let p = b.baseAddress else { return }
        let raw = JSONRawString(start: 1, end: b.count - 1, escaped: false)
        #expect(F.matchingAny(raw, in: p)?.rawValue == field.rawValue)
      }
    }
    let other = Array(#""nope""#.utf8)
    other.withUnsafeBufferPointer { b in
      guard let p = b.baseAddress else { return }
      #expect(F.matchingAny(JSONRawString(start: 1, end: 5, escaped: false), in: p)?.rawValue == nil)
    }
  }

  @Test func everySchemaKeyIsFound() {
    checkKeys(TopLevelField.self)
    checkKeys(ImageFsField.self)
    checkKeys(PodField.self)
    checkKeys(SandboxField.self)
    checkKeys(ContainerField.self)
    checkKeys(ImageField.self)
  }

  /// One container's members, each as `"key":value`.
  static let containerMembers: [(key: String, value: String)] = [
    ("id", #""c0""#), ("podUid", #""1f197477-b5de-8693-c1e9-e3be574ac3fa""#), ("namespace", #""kube-system""#),
    ("podName", #""calico-node-28673966-a03b4""#), ("name", #""calico""#),
    ("sandboxId", #""7216b6d93ad4e5cb8cd262eeed91d103f9b458a7109f165eabf6e6e2cc706170""#), ("state", #""running""#),
    ("createdAt", #""2026-11-26T21:04:32.848324Z""#), ("imageId", #""sha256:736ebf511d95389b""#),
  ]

  static func container(_ k: Int, order: [Int], spaced: Bool = false, extra: String? = nil) -> String {
    var members = order.map { i -> String in
      let m = containerMembers[i]
      let value = m.key == "id" ? "\"c\(k)\"" : m.value
      return "\"\(m.key)\":\(spaced ? " " : "")\(value)"
    }
    if let extra { members.insert(extra, at: k % (members.count + 1)) }
    return "{" + members.joined(separator: spaced ? ", " : ",") + "}"
  }

  static func decodeContainers(_ list: [String]) throws -> [NodeSnapshot.Container] {
    let text = """
      {"apiVersion":"reclaim.dev/v1","kind":"NodeSnapshot","node":"worker-1",\
      "capturedAt":"2026-11-29T12:00:00Z","imageFs":{"capacityBytes":100,"availableBytes":10},\
      "containers":[\(list.joined(separator: ","))]}
      """
    return try SnapshotReader.decode(Array(text.utf8), source: "t.json").containers
  }

  @Test func memberOrderDoesNotChangeTheSnapshot() throws {
    let canonical = Array(0..<9).sorted { Self.containerMembers[$0].key < Self.containerMembers[$1].key }
    let expected = try Self.decodeContainers((0..<12).map { Self.container($0, order: canonical) })
    #expect(expected.count == 12 && expected[3].id == "c3" && expected[3].podName == "calico-node-28673966-a03b4")
    var generator = SystemRandomNumberGenerator()
    let orders: [(Int) -> [Int]] = [
      { _ in Array(0..<9) },  // Go's struct order throughout
      { k in k % 2 == 0 ? Array(0..<9) : canonical },  // two writers in turns
      { _ in Array(0..<9).shuffled(using: &generator) },  // any order
      { k in Array((0..<9).reversed()).rotated(by: k) },
    ]
    for order in orders {
      for spaced in [false, true] {
        for extra in [nil, #""unknownKey":{"a":[1,2]}"#, #""podUi":"x""#, #""i\u0064x":1"#] {
          let list = (0..<12).map { Self.container($0, order: order($0), spaced: spaced, extra: extra) }
          #expect(try Self.decodeContainers(list) == expected)
        }
      }
    }
    // Keys spelt with escapes are the same keys.
    let escaped = (0..<12).map {
      Self.container($0, order: Array(0..<9)).replacingFirst(#""podName""#, with: #""pod\u004eame""#)
        .replacingFirst(#""state""#, with: #""st\u0061te""#)
    }
    #expect(try Self.decodeContainers(escaped) == expected)
  }

  // MARK: - values repeated from the previous element

  @Test func valuesLikeThePreviousElementsAreTheirOwn() throws {
    // Same lengths, different bytes; the same bytes after a different one;
    // escaped spellings of the same bytes; short and long; empty.
    let uids = [
      "1f197477-b5de-8693-c1e9-e3be574ac3fa", "1f197477-b5de-8693-c1e9-e3be574ac3fb",
      "1f197477-b5de-8693-c1e9-e3be574ac3fb", #"1f197477-b5de-8693-c1e9-e3be574ac3f\u0061"#,
      "1f197477-b5de-8693-c1e9-e3be574ac3fa", "short", "short", "", "ab-cdefghijklmn", "ab-cdefghijklmno",
      "ab-cdefghijklmno", "é-long-unicode-name-é",
    ]
    let list = uids.enumerated().map { k, uid in
      #"{"id":"c\#(k)","podUid":"\#(uid)","podName":"p-\#(uid)","namespace":"\#(uid)","sandboxId":"\#(uid)","#
        + #""name":"n","state":"exited","createdAt":"2026-11-29T10:00:01Z","imageId":"sha256:aa"}"#
    }
    let containers = try Self.decodeContainers(list)
    let decoded = uids.map { $0.replacingFirst(#"\u0061"#, with: "a") }
    #expect(containers.map(\.podUid) == decoded.map { $0.isEmpty ? nil : $0 })
    #expect(containers.map(\.sandboxId) == decoded.map { $0.isEmpty ? nil : $0 })
    #expect(containers.map(\.namespace) == decoded)
    #expect(containers.map(\.podName) == decoded.map { "p-" + $0 })
  }

  // MARK: - states and string lists

  @Test func statesAreReadByTheirNamesInEverySpelling() throws {
    for state in NodeSnapshot.Container.State.allCases {
      #expect("\(state.name)" == state.rawValue)
      let spellings = [state.rawValue, state.rawValue.replacingFirst("e", with: #"\u0065"#)]
      for spelling in spellings {
        let c = #"{"id":"c","name":"n","state":"\#(spelling)","createdAt":"2026-11-29T10:00:01Z","imageId":"i"}"#
        #expect(try Self.decodeContainers([c]).first?.state == state)
      }
    }
    for state in NodeSnapshot.Pod.State.allCases { #expect("\(state.name)" == state.rawValue) }
    for state in NodeSnapshot.Sandbox.State.allCases { #expect("\(state.name)" == state.rawValue) }
    var k = 0
    while let state = NodeSnapshot.Pod.State(index: k) {
      #expect(state == NodeSnapshot.Pod.State.allCases[k])
      k += 1
    }
    #expect(k == NodeSnapshot.Pod.State.allCases.count)
  }

  static func images(_ tags: String) -> String {
    """
    {"apiVersion":"reclaim.dev/v1","kind":"NodeSnapshot","node":"worker-1",\
    "capturedAt":"2026-11-29T12:00:00Z","imageFs":{"capacityBytes":100,"availableBytes":10},\
    "images":[{"id":"sha256:aa","sizeBytes":1,"repoTags":\(tags),"namespaces":\(tags)}]}
    """
  }

  @Test func stringListsOfEveryLengthAreWhole() throws {
    for n in 0...9 {
      let tags = (0..<n).map { k in k % 3 == 0 ? "t\(k)" : "registry.example.com/team/app-\(k):v1.2.\(k)" }
      let json = "[" + tags.map { "\"\($0)\"" }.joined(separator: ",") + "]"
      let image = try SnapshotReader.decode(Array(Self.images(json).utf8), source: "t.json").images[0]
      #expect(image.repoTags == tags)
      #expect(image.namespaces == tags)
      // A bad element anywhere: every bad one reported, and no list.
      for bad in 0..<n {
        var parts = tags.map { "\"\($0)\"" }
        parts[bad] = "7"
        if bad + 2 < n { parts[bad + 2] = "null" }
        let diagnostics: [Diagnostic]
        do {
          let text = Self.images("[" + parts.joined(separator: ",") + "]")
          _ = try SnapshotReader.decode(Array(text.utf8), source: "t.json")
          diagnostics = []
        } catch {
          diagnostics = error.diagnostics
        }
        var paths = ["$.images[0].repoTags[\(bad)]", "$.images[0].namespaces[\(bad)]"]
        if bad + 2 < n {
          paths.insert("$.images[0].repoTags[\(bad + 2)]", at: 1)
          paths.append("$.images[0].namespaces[\(bad + 2)]")
        }
        #expect(diagnostics.map { $0.path ?? "" } == paths, "\(n) elements, bad at \(bad)")
      }
    }
  }
}

extension Array {
  fileprivate func rotated(by k: Int) -> [Element] {
    guard !isEmpty else { return self }
    let s = k % count
    return Array(self[s...] + self[..<s])
  }
}
