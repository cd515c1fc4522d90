import ReclaimCore
import ReclaimImport
import ReclaimInventory

/// The six capture files, in the order of the input's parts.
let files = ["containers.json", "sandboxes.json", "images.json", "summary.json", "api-pods.json", "pod-log-dirs.txt"]

/// The input is the capture files one after another, each ended by a NUL
/// byte: containers, sandboxes, images, stats summary, API pods, pod log
/// dirs. A separator byte, not a length prefix, because the mutator's byte
/// insertions, erasures and crossovers then change one file at a time
/// instead of reframing all of them. NUL, because no capture holds one:
/// JSON allows no raw control character (and 0x01 takes the same path in
/// the parser), and a pod log dir name holding one is an error; the last
/// part is the rest of the input, NULs and all, so even that error is
/// reached. A missing required part is an empty file; a missing optional
/// part (API pods, pod log dirs) is a flag not given.
func parts(_ bytes: [UInt8]) -> [[UInt8]] {
  Array(bytes.split(separator: 0, maxSplits: files.count - 1, omittingEmptySubsequences: false).map(Array.init))
}

/// libFuzzer entry: any bytes as a capture set, through the decoders and the
/// importer to a written snapshot. A set either decodes or has an error;
/// every diagnostic names one of its files; a snapshot the importer maps
/// either reads back and is written the same way again, or is refused by
/// the reader with a reason (as `reclaim import crictl` refuses to write it).
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let split = parts(Array(UnsafeBufferPointer(start: data, count: size)))
  func part(_ i: Int) -> (file: String, bytes: [UInt8]) { (files[i], i < split.count ? split[i] : []) }
  let given = Set(files.prefix(max(4, split.count)))
  let decoded = CrictlCapture.decode(
    .init(
      containers: part(0), sandboxes: part(1), images: part(2), statsSummary: part(3),
      apiPods: split.count > 4 ? part(4) : nil, podLogDirs: split.count > 5 ? part(5) : nil))
  precondition(decoded.diagnostics.allSatisfy { given.contains($0.file) }, "a diagnostic without its file")
  guard let capture = decoded.capture else {
    precondition(decoded.diagnostics.contains { $0.severity == .error }, "a failed decode without an error")
    return 0
  }
  precondition(!decoded.diagnostics.contains { $0.severity == .error }, "a decoded capture with an error")
  let options = CrictlImporter.Options(node: "worker-1", capturedAt: Timestamp(nanoseconds: 1_796_032_800_000_000_000))
  switch CrictlImporter.snapshot(from: capture, options: options) {
  case .success(let result):
    precondition(result.diagnostics.allSatisfy { given.contains($0.file) }, "an import note without its file")
    let written = SnapshotWriter.bytes(result.snapshot, layout: .compact)
    do throws(DiagnosticError) {
      let back = try SnapshotReader.decode(written, source: "imported.json")
      precondition(SnapshotWriter.bytes(back, layout: .compact) == written, "the snapshot is not written the same way twice")
    } catch {
      precondition(!error.diagnostics.isEmpty, "a rejection without a reason")
      precondition(error.diagnostics.allSatisfy { $0.file == "imported.json" }, "a diagnostic without its source")
    }
  case .failure(let error):
    precondition(!error.diagnostics.isEmpty, "an import failure without a reason")
    precondition(error.diagnostics.allSatisfy { given.contains($0.file) }, "an import problem without its file")
  }
  return 0
}
