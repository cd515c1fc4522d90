/// The bits of a `String` value itself, not of its text.
///
/// A `String` is 16 bytes: a small string holds its text there, a large one
/// a pointer to its storage with its length and flags. Two strings with the
/// same bits are therefore the same inline text or share one storage, and
/// have the same text; the converse does not hold (equal text in two
/// storages), so an identity match is a fast path in front of a byte
/// comparison, never a replacement for it. The reader interns every
/// repeated id of a snapshot (`StringTable`), so the pod uid, sandbox id and
/// image id a container names share the storage of the object they name.
///
/// A storage's address can be reused once it is freed, so an identity is
/// only compared while the string it came from is kept alive: `StringIDs`
/// keeps the string of each identity it remembers.
struct StringIdentity: Equatable {
  let low: UInt64
  let high: UInt64

  @inline(__always) init(_ s: String) {
    #if _pointerBitWidth(_64)
      (low, high) = unsafeBitCast(s, to: (UInt64, UInt64).self)
    #else
      // Elsewhere no string is recognised by its bits: every lookup takes
      // the byte path.
      (low, high) = (0, 0)
    #endif
  }

  /// The identity of the string stored at `field`, read in place (no
  /// copy of the string, so no retain); of a `String?` holding a string
  /// too, whose bits are those of the string. The bits of `nil` are no
  /// string's, so they never match a string's identity.
  @inline(__always) init(storedAt field: StoredString) {
    #if _pointerBitWidth(_64)
      (low, high) = field.address.loadUnaligned(as: (UInt64, UInt64).self)
    #else
      (low, high) = (0, 0)
    #endif
  }

  /// A slot among `1 << bits`: the storage pointer's or the inline text's
  /// bits mixed, the low four bits of an aligned pointer being always zero.
  @inline(__always) func slot(bits: Int) -> Int {
    let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xC2B2_AE3D_27D4_EB4F
    return Int(truncatingIfNeeded: mixed &>> UInt64(truncatingIfNeeded: 64 &- bits))
  }
}
