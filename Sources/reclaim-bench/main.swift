// reclaim-bench: measures one stage of `reclaim plan` alone.
//
//   reclaim-bench parse FILE.ndjson [--iterations N]
//   reclaim-bench plan FILE.ndjson --policy PATH [--iterations N] [--mode M] [--explain] [--manifest]
//
// `parse` reads the whole file first (I/O is not what is measured), then
// decodes every non-blank line with `SnapshotReader.decode` and prints bytes,
// seconds, MB/s (10^6 bytes per second, best of N passes) and the number of
// snapshots.
//
// `plan` decodes every line first (untimed), then times `GCEngine.plan` over
// all snapshots, best of N passes, and prints nodes/s and µs per node. With
// `--manifest` each plan is also rendered as its compact manifest and added
// to a fleet summary, as `reclaim plan --format ndjson` does.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import ReclaimManifest
import ReclaimPolicy

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

func seconds(_ d: Duration) -> Double {
  let c = d.components
  return Double(c.seconds) + Double(c.attoseconds) / 1e18
}

/// `reclaim-bench plan`: the engine alone, on snapshots decoded beforehand.
func benchPlan(path: String, policyPath: String, iterations: Int, options: PlanOptions, manifest: Bool) {
  let policy: CompiledPolicy
  do throws(DiagnosticError) {
    policy = try PolicyLoader.load(paths: [policyPath]).policy
  } catch {
    fail("policy \(policyPath): \(error.description)")
  }
  let bytes = readFile(path)
  var snapshots: [NodeSnapshot] = []
  var rejected = 0
  bytes.withUnsafeBufferPointer { buffer in
    for r in lines(of: bytes) {
      let slice = UnsafeBufferPointer(rebasing: buffer[r.start..<r.end])
      do throws(DiagnosticError) {
        snapshots.append(try SnapshotReader.decode(slice, source: path, line: r.line))
      } catch {
        rejected += 1
      }
    }
  }
  guard !snapshots.isEmpty else { fail("no valid snapshot in \(path)") }
  let clock = ContinuousClock()
  var best = Duration.seconds(1_000_000)
  var checksum = 0
  for _ in 0..<iterations {
    var summary = FleetSummary(policyDigest: "bench", mode: options.mode)
    let started = clock.now
    for s in snapshots {
      let plan = GCEngine.plan(s, policy: policy, options: options)
      // Keeps the optimiser from discarding the work.
      checksum &+= plan.containers.count &+ plan.sandboxes.count &+ plan.images.count &+ plan.warnings.count
      if manifest {
        checksum &+= DeletionManifest(plan: plan, policyDigest: "bench").bytes(.compact).count
        summary.add(plan)
      }
    }
    let elapsed = clock.now - started
    if elapsed < best { best = elapsed }
    checksum &+= summary.byNamespace.count
  }
  let s = seconds(best)
  let perNode = s / Double(snapshots.count) * 1e6
  print("nodes: \(snapshots.count)")
  print("rejected: \(rejected)")
  print("seconds: \(s)")
  print("nodes/s: \((Double(snapshots.count) / s).rounded())")
  print("us/node: \((perNode * 100).rounded() / 100)")
  print("checksum: \(checksum)")
}

var arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
  usage: reclaim-bench parse FILE.ndjson [--iterations N]
         reclaim-bench plan FILE.ndjson --policy PATH [--iterations N] [--mode periodic|disk-pressure] [--explain]
           [--manifest]
  """
guard let command = arguments.first, command == "parse" || command == "plan", arguments.count >= 2 else {
  fail(usage)
}
let path = arguments[1]
var iterations = 1
var policyPath: String?
var options = PlanOptions()
var manifest = false
var rest = arguments[2...].makeIterator()
while let flag = rest.next() {
  switch flag {
  case "--iterations":
    guard let n = rest.next().flatMap({ Int($0) }), n > 0 else { fail(usage) }
    iterations = n
  case "--policy" where command == "plan":
    guard let p = rest.next() else { fail(usage) }
    policyPath = p
  case "--mode" where command == "plan":
    guard let m = rest.next().flatMap(GCMode.init(rawValue:)) else { fail(usage) }
    options.mode = m
  case "--explain" where command == "plan":
    options.explain = true
  case "--manifest" where command == "plan":
    manifest = true
  default:
    fail(usage)
  }
}

if command == "plan" {
  guard let policyPath else { fail(usage) }
  benchPlan(path: path, policyPath: policyPath, iterations: iterations, options: options, manifest: manifest)
  exit(0)
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
let elapsed = seconds(best)
let mbps = elapsed > 0 ? Double(bytes.count) / elapsed / 1e6 : 0
print("bytes: \(bytes.count)")
print("seconds: \(elapsed)")
print("MB/s: \((mbps * 10).rounded() / 10)")
print("count: \(count)")
print("rejected: \(rejected)")
print("checksum: \(checksum)")
if let firstError { printError("first rejection: \(firstError)") }
