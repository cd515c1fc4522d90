import ReclaimCore
import ReclaimInventory

/// libFuzzer entry: any bytes through the snapshot reader. A decode either
/// returns a snapshot or throws diagnostics that each name the source; it
/// never crashes, and never reports more than the problem limit (+ its count).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = UnsafeBufferPointer(start: data, count: size)
  do {
    _ = try SnapshotReader.decode(bytes, source: "fuzz.json")
  } catch {
    precondition(!error.diagnostics.isEmpty, "a rejection without a reason")
    precondition(error.diagnostics.count <= SnapshotReader.problemLimit + 1, "more problems than the limit")
    precondition(error.diagnostics.allSatisfy { $0.file == "fuzz.json" }, "a diagnostic without its source")
  }
  _ = SnapshotReader.nodeName(bytes)
  return 0
}
