// reclaim-bench: measures the snapshot reader alone.
//
//   reclaim-bench parse FILE.ndjson [--iterations N]
//
// Reads the whole file first (I/O is not what is measured), then decodes every
// non-blank line with `SnapshotReader.decode` and prints bytes, seconds, MB/s
// (10^6 bytes per second, best of N passes) and the number of snapshots.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ReclaimCore
import ReclaimInventory

func printError(_ message: String) {
  var text = message + "\n"
  text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

func fail(_ message: String) -> Never {
  printError("reclaim-bench: \(message)")
  exit(2)
}

func readFile(_ path: String) -> [UInt8] {
  guard let file = fopen(path, "rb") else { fail("cannot open \(path)") }
  defer { fclose(file) }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 20)
  while true {
    let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
    if n <= 0 { break }
    bytes.append(contentsOf: chunk[0..<n])
  }
  return bytes
}

/// Byte ranges of the non-blank lines, with their 1-based line numbers
/// (a trailing `\r` is not part of the line).
func lines(of bytes: [UInt8]) -> [(start: Int, end: Int, line: Int)] {
  var result: [(start: Int, end: Int, line: Int)] = []
  bytes.withUnsafeBufferPointer { buffer in
    guard let base = buffer.baseAddress else { return }
    var start = 0
    var line = 1
    while start <= buffer.count {
      let rest = buffer.count - start
      let newline = memchr(base + start, 0x0A, rest).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) }
      let stop = newline ?? buffer.count
      var end = stop
      if end > start, base[end - 1] == 0x0D { end -= 1 }
      if buffer[start..<end].contains(where: { $0 != 0x20 && $0 != 0x09 }) {
        result.append((start, end, line))
      }
      start = stop + 1
      line += 1
    }
  }
  return result
}

var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.first == "parse", arguments.count >= 2 else {
  fail("usage: reclaim-bench parse FILE.ndjson [--iterations N]")
}
let path = arguments[1]
var iterations = 1
if arguments.count >= 4, arguments[2] == "--iterations", let n = Int(arguments[3]), n > 0 {
  iterations = n
}

let bytes = readFile(path)
let ranges = lines(of: bytes)
var best = Duration.seconds(1_000_000)
var count = 0
var rejected = 0
var checksum = 0
var firstError: String?
let clock = ContinuousClock()
bytes.withUnsafeBufferPointer { buffer in
  for _ in 0..<iterations {
    count = 0
    rejected = 0
    let started = clock.now
    for r in ranges {
      let slice = UnsafeBufferPointer(rebasing: buffer[r.start..<r.end])
      do throws(DiagnosticError) {
        let snapshot = try SnapshotReader.decode(slice, source: path, line: r.line)
        // Keeps the optimiser from discarding the work.
        checksum &+= snapshot.containers.count &+ snapshot.images.count &+ snapshot.node.utf8.count
        count += 1
      } catch {
        rejected += 1
        if firstError == nil { firstError = error.description }
      }
    }
    let elapsed = clock.now - started
    if elapsed < best { best = elapsed }
  }
}
let c = best.components
let seconds = Double(c.seconds) + Double(c.attoseconds) / 1e18
let mbps = seconds > 0 ? Double(bytes.count) / seconds / 1e6 : 0
print("bytes: \(bytes.count)")
print("seconds: \(seconds)")
print("MB/s: \((mbps * 10).rounded() / 10)")
print("count: \(count)")
print("rejected: \(rejected)")
print("checksum: \(checksum)")
if let firstError { printError("first rejection: \(firstError)") }
