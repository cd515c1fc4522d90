/// A string value by its unescaped bytes in the input, for
/// `SnapshotDecoder.readInterned(required:sameAs:)`; `count` -1 matches nothing.
struct PreviousString {
  var start = 0
  var count = -1
  var value = ""
}
