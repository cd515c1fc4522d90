/// A long string value by its unescaped bytes in the input and the place
/// of its kept copy in the decoder's `StringTable`, for
/// `SnapshotDecoder.readInterned(required:sameAs:)`; `count` -1 matches
/// nothing. Plain integers: remembering a string costs no retain.
struct PreviousString {
  var start = 0
  var count = -1
  var index: Int32 = -1
}
