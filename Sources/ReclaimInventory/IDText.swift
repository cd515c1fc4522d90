import ReclaimCore

/// A container's id as a snapshot stores it: a `String`, or — as the
/// reader stores ids of up to 64 bytes — the bytes themselves, inside the
/// container.
///
/// Nothing else in a snapshot names a container, so its id is the one long
/// string the reader cannot share by interning: as a `String` of its own
/// each id cost an allocation, a UTF-8 validation, reference counting and
/// a free, and a wide node has hundreds (docs/performance.md). Runtimes'
/// ids are 64 hex digits (containerd, CRI-O, Docker) or shorter, so the
/// reader keeps them in place: 64 bytes and a length in the container,
/// copied with it, never counted or freed.
/// Containers made in code hold their `String`.
///
/// Equal and hashed by bytes, as every identity in Reclaim is: two ids are
/// the same id exactly when their UTF-8 bytes are, however each is stored.
package enum IDText: Sendable {
  case string(String)
  case inline(InlineBytes)

  /// At most 64 bytes of valid UTF-8, stored in the value.
  package struct InlineBytes: Sendable {
    /// The most bytes an `InlineBytes` holds.
    @inlinable package static var capacity: Int { 64 }
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
      (0, 0, 0, 0, 0, 0, 0, 0)
    @usableFromInline let count: UInt8

    /// The `count` bytes at `p` (valid UTF-8), `count` at most `capacity`:
    /// the reader checks the length before it keeps an id in place.
    @inlinable package init(_ p: UnsafePointer<UInt8>, count: Int) {
      precondition(count >= 0 && count <= Self.capacity, "at most 64 bytes")
      self.count = UInt8(truncatingIfNeeded: count)
      withUnsafeMutableBytes(of: &words) { $0.baseAddress?.copyMemory(from: p, byteCount: count) }
    }

    /// Runs `body` on the bytes.
    @inlinable @inline(__always)
    package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
      withUnsafeBytes(of: words) { raw in
        body(UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt8.self), count: Int(count)))
      }
    }
  }

  @inlinable package init(_ s: String) { self = .string(s) }

  /// The id as a `String`: the stored one, or one made from the bytes.
  @inlinable package var string: String {
    switch self {
    case .string(let s): return s
    case .inline(let b): return b.withBytes { String(decoding: $0, as: UTF8.self) }
    }
  }

  /// Runs `body` on the id's UTF-8 bytes.
  @inlinable @inline(__always)
  package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    switch self {
    case .string(let s):
      if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
      var copy = s
      return copy.withUTF8(body)
    case .inline(let b):
      return b.withBytes(body)
    }
  }
}

extension IDText: Hashable {
  @inlinable package static func == (a: IDText, b: IDText) -> Bool {
    a.withBytes { x in b.withBytes { y in x.elementsEqual(y) } }
  }

  @inlinable package func hash(into hasher: inout Hasher) {
    withBytes { b in
      hasher.combine(b.count)
      hasher.combine(bytes: UnsafeRawBufferPointer(b))
    }
  }
}

extension CanonicalJSONWriter {
  /// Writes a container id as a string (see `string(utf8:)`).
  package mutating func string(_ id: IDText) {
    id.withBytes { string(utf8: $0) }
  }
}
