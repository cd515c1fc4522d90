import ReclaimCore
import ReclaimInventory
import Testing

@testable import ReclaimEngine

/// String fields read where they are stored: the offsets name the fields
/// they say, and every answer is the one the strings' bytes give, whether
/// the strings share a storage, have equal text in separate storages, are
/// short (inline) or absent.
@Suite struct StoredStringTests {
  typealias Layout = StoredString.Layout

  /// Long enough not to be stored inline.
  static func long(_ s: String) -> String { s + "-" + String(repeating: "0123456789abcdef", count: 2) }

  /// Equal text in a storage of its own.
  static func fresh(_ s: String) -> String { String(decoding: Array(s.utf8), as: UTF8.self) }

  static func container(
    id: String = "c", podUid: String? = nil, namespace: String? = nil, podName: String? = nil, name: String = "n",
    sandboxId: String? = nil, imageId: String = "i"
  ) -> NodeSnapshot.Container {
    NodeSnapshot.Container(
      id: id, podUid: podUid, namespace: namespace, podName: podName, name: name, sandboxId: sandboxId,
      state: .exited, createdAt: Timestamp(nanoseconds: 0), imageId: imageId)
  }

  @Test func layoutOffsetsNameTheirFields() {
    let cs = [
      Self.container(
        id: Self.long("id"), podUid: Self.long("uid"), namespace: "ns", podName: Self.long("pod"), name: "name",
        sandboxId: Self.long("sandbox"), imageId: Self.long("image")),
      Self.container(),
    ]
    cs.withUnsafeBufferPointer { b in
      let fields: [(Int, Bool, (NodeSnapshot.Container) -> String?)] = [
        (Layout.containerPodUid, true, \.podUid), (Layout.containerNamespace, true, \.namespace),
        (Layout.containerPodName, true, \.podName), (Layout.containerSandboxId, true, \.sandboxId),
        (Layout.containerName, false, \.name), (Layout.containerImageId, false, \.imageId),
      ]
      for i in b.indices {
        for (offset, optional, path) in fields {
          let field = StoredString(b, i, offset, optional: optional)
          #expect(field.value == path(cs[i]) ?? "")
          #expect(field.isNil == (path(cs[i]) == nil))
          #expect(field.isAbsent == (path(cs[i])?.isEmpty ?? true))
        }
      }
    }
    let sandboxes = [
      NodeSnapshot.Sandbox(
        id: Self.long("sid"), podUid: Self.long("suid"), namespace: "sns", podName: "spod", state: .ready,
        createdAt: Timestamp(nanoseconds: 1))
    ]
    sandboxes.withUnsafeBufferPointer { b in
      #expect(StoredString(b, 0, Layout.sandboxId, optional: false).value == sandboxes[0].id)
      #expect(StoredString(b, 0, Layout.sandboxPodUid, optional: false).value == sandboxes[0].podUid)
      #expect(StoredString(b, 0, Layout.sandboxNamespace, optional: false).value == sandboxes[0].namespace)
      #expect(StoredString(b, 0, Layout.sandboxPodName, optional: false).value == sandboxes[0].podName)
    }
  }

  /// A `String?` holding a string has that string's bits (no tag of its
  /// own), which is what reading an optional field's identity in place
  /// relies on; `nil` has bits no string has.
  @Test func anOptionalFieldHasItsStringsIdentity() {
    #expect(MemoryLayout<String?>.size == MemoryLayout<String>.size)
    let strings = ["", "a", "fifteen-bytes..", Self.long("uid"), Self.fresh(Self.long("uid"))]
    let cs = strings.map { Self.container(podUid: $0) } + [Self.container(podUid: nil)]
    cs.withUnsafeBufferPointer { b in
      for (i, s) in strings.enumerated() {
        #expect(StringIdentity(storedAt: StoredString(b, i, Layout.containerPodUid, optional: true)) == StringIdentity(s))
      }
      let none = StringIdentity(storedAt: StoredString(b, strings.count, Layout.containerPodUid, optional: true))
      for s in strings { #expect(none != StringIdentity(s)) }
    }
  }

  @Test func equalAndCompareAgreeWithTheBytes() {
    var random = SystemRandomNumberGenerator()
    let shared = (0..<6).map { Self.long("team-\($0)") } + ["a", "b", "ab", ""]
    for _ in 0..<300 {
      // Namespaces of every kind: shared, equal text apart, absent.
      let cs = (0..<12).map { _ -> NodeSnapshot.Container in
        let s = shared[Int.random(in: 0..<shared.count, using: &random)]
        switch Int.random(in: 0..<3, using: &random) {
        case 0: return Self.container(namespace: s)
        case 1: return Self.container(namespace: Self.fresh(s))
        default: return Self.container(namespace: nil)
        }
      }
      cs.withUnsafeBufferPointer { b in
        for x in b.indices {
          for y in b.indices {
            let fx = StoredString(b, x, Layout.containerNamespace, optional: true)
            let fy = StoredString(b, y, Layout.containerNamespace, optional: true)
            let ax = Array((cs[x].namespace ?? "").utf8), ay = Array((cs[y].namespace ?? "").utf8)
            #expect(StoredString.equal(fx, fy) == (ax == ay))
            #expect(StoredString.compare(fx, fy) == ByteOrder.compare(cs[x].namespace ?? "", cs[y].namespace ?? ""))
          }
        }
      }
    }
  }

  /// `StringIDs` looked up through stored fields and through strings, mixed,
  /// against a dictionary: shared uids (as the reader interns them), equal
  /// text in fresh storages, and containers freed after the lookup, whose
  /// storage the next one may reuse.
  @Test func storedLookupsAgreeWithStringLookups() {
    var random = SystemRandomNumberGenerator()
    var ids = StringIDs(expected: 8)
    var reference: [[UInt8]: Int] = [:]
    let shared = (0..<40).map { Self.long("uid-\($0)") }
    for round in 0..<4000 {
      let uid: String
      switch round % 3 {
      case 0: uid = shared[Int.random(in: 0..<shared.count, using: &random)]
      case 1: uid = Self.fresh(shared[round % shared.count])
      default: uid = Self.long("temporary-\(Int.random(in: 0..<300, using: &random))")
      }
      let expected = reference[Array(uid.utf8)]
      let cs = [Self.container(podUid: uid)]
      cs.withUnsafeBufferPointer { b in
        let field = StoredString(b, 0, Layout.containerPodUid, optional: true)
        switch round % 5 {
        case 0: #expect(ids.find(field) == expected, "find \(uid)")
        case 1: #expect(ids.find(uid) == expected, "find \(uid)")
        default:
          let id = round % 2 == 0 ? ids.id(field) : ids.id(uid)
          #expect(id == expected ?? reference.count, "id \(uid)")
          if expected == nil { reference[Array(uid.utf8)] = id }
        }
      }
    }
    #expect(ids.count == reference.count)
  }
}
