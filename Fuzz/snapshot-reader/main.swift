import ReclaimCore
import ReclaimInventory

/// libFuzzer entry: any bytes through the snapshot reader. A decode either
/// returns a snapshot or throws diagnostics that each name the source; it
/// never crashes, and never reports more than the problem limit (+ its count).
/// The first pass's `nodeName`, in each of its scan orders (from the end
/// first with `head: 0`, from the start only with `.max`), never crashes,
/// and on a snapshot that decodes names the decoded node.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  var node: String?
  do {
    node = try SnapshotReader.decode(bytes, source: "fuzz.json").node
  } catch {
    precondition(!error.diagnostics.isEmpty, "a rejection without a reason")
    precondition(error.diagnostics.count <= SnapshotReader.problemLimit + 1, "more problems than the limit")
    precondition(error.diagnostics.allSatisfy { $0.file == "fuzz.json" }, "a diagnostic without its source")
  }
  for head in [0, 1024, Int.max] {
    let named = SnapshotReader.nodeName(bytes, head: head)
    if let node { precondition(named == node, "the first pass names another node than the decode") }
  }
  return 0
}
