import ReclaimInventory

/// A string field of one of a snapshot's objects, read where it is stored.
///
/// Passing `containers[i].podUid` to a function copies the string out of
/// the array: a retain before the call and a release after, two atomic
/// operations, because the compiler cannot tell that the call leaves the
/// array alone. On a wide node the engine made thousands of such copies
/// per plan. A `StoredString` points at the field instead: `StringIDs`
/// recognises a string it already numbered by the bits in place
/// (`StringIdentity(storedAt:)`), and only another string is copied out
/// to have its bytes read.
///
/// Valid while the object it points into is alive and unchanged: the
/// engine makes them from a snapshot that a `SnapshotIndex` holds, inside
/// `withUnsafeBufferPointer` over its array, for the length of one call.
struct StoredString {
  /// The field's address, of a `String` or, when `optional`, a `String?`.
  let address: UnsafeRawPointer
  let optional: Bool

  /// Field `offset` (a `Layout` value) of `object`: of a `String?` when
  /// `optional`, else of a `String`.
  @inline(__always) private init(_ object: UnsafeRawPointer, _ offset: Int, optional: Bool) {
    address = object + offset
    self.optional = optional
  }

  /// Field `offset` of element `i` of `objects`.
  @inline(__always) init<Object>(_ objects: UnsafeBufferPointer<Object>, _ i: Int, _ offset: Int, optional: Bool) {
    assert(objects.indices.contains(i), "an index into the snapshot's own array")
    self.init(UnsafeRawPointer(objects.baseAddress.unsafelyUnwrapped + i), offset, optional: optional)
  }

  /// Whether `a` and `b` have the same bytes (`nil` as `""`): the same
  /// string in place (one storage, or the same inline text) needs no copy.
  @inline(__always) static func equal(_ a: StoredString, _ b: StoredString) -> Bool {
    StringIdentity(storedAt: a) == StringIdentity(storedAt: b) || ByteOrder.equal(a.value, b.value)
  }

  /// `ByteOrder.compare` of `a` and `b` (`nil` as `""`), as `equal`.
  @inline(__always) static func compare(_ a: StoredString, _ b: StoredString) -> Int {
    StringIdentity(storedAt: a) == StringIdentity(storedAt: b) ? 0 : ByteOrder.compare(a.value, b.value)
  }

  /// Whether the field is absent: `nil`, or `""`, which the snapshot format
  /// reads as absent for a container's `podUid` and `sandboxId`.
  @inline(__always) var isAbsent: Bool {
    optional
      ? address.assumingMemoryBound(to: String?.self).pointee?.isEmpty ?? true
      : address.assumingMemoryBound(to: String.self).pointee.isEmpty
  }

  /// Whether the field is `nil` (never for a non-optional field).
  @inline(__always) var isNil: Bool {
    optional && address.assumingMemoryBound(to: String?.self).pointee == nil
  }

  /// A copy of the string (`""` for `nil`).
  var value: String {
    optional
      ? address.assumingMemoryBound(to: String?.self).pointee ?? ""
      : address.assumingMemoryBound(to: String.self).pointee
  }

  /// Where the engine's fields lie in their objects: `MemoryLayout`
  /// offsets of stored properties, which the compiler folds into
  /// constants (as `static let`s each read cost a `swift_once`).
  enum Layout {
    static var containerPodUid: Int { offset(\NodeSnapshot.Container.podUid) }
    static var containerNamespace: Int { offset(\NodeSnapshot.Container.namespace) }
    static var containerSandboxId: Int { offset(\NodeSnapshot.Container.sandboxId) }
    static var containerPodName: Int { offset(\NodeSnapshot.Container.podName) }
    static var containerName: Int { offset(\NodeSnapshot.Container.name) }
    static var containerImageId: Int { offset(\NodeSnapshot.Container.imageId) }
    static var sandboxId: Int { offset(\NodeSnapshot.Sandbox.id) }
    static var sandboxNamespace: Int { offset(\NodeSnapshot.Sandbox.namespace) }
    static var sandboxPodName: Int { offset(\NodeSnapshot.Sandbox.podName) }
    static var sandboxPodUid: Int { offset(\NodeSnapshot.Sandbox.podUid) }

    @inline(__always) private static func offset<T>(_ path: PartialKeyPath<T>) -> Int {
      // Every path named above is a stored property of a struct without
      // library evolution, so it has an offset.
      guard let offset = MemoryLayout<T>.offset(of: path) else {
        preconditionFailure("\(path) is a stored property")
      }
      return offset
    }
  }
}
