import Foundation
import ReclaimBatch
import Testing

/// Streams are read in chunks through one reused buffer: lines that straddle
/// chunks, lines longer than the buffer, CRLF, blank lines and a missing
/// final newline must all come out as a plain split would give them.
@Suite struct SnapshotInputTests {
  static func collected(_ bytes: [UInt8], batchBytes: Int) throws -> [(Int?, String)] {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("fleet.ndjson")
    try Data(bytes).write(to: file)
    var seen: [(Int?, String)] = []
    let (files, missing, _) = SnapshotInput.files(paths: [file.path])
    #expect(missing.isEmpty)
    let problems = SnapshotInput.read(files, batchBytes: batchBytes) { batch in
      for input in batch {
        let text = input.content.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[input.range]), as: UTF8.self) }
        seen.append((input.line, text))
      }
    }
    #expect(problems.isEmpty)
    return seen
  }

  @Test(arguments: [true, false])
  func chunkedLinesMatchAPlainSplit(_ finalNewline: Bool) throws {
    var rng = SystemRandomNumberGenerator()
    var lines: [String] = []
    for i in 0..<400 {
      switch i % 7 {
      case 3: lines.append("")  // blank line: skipped, still counted
      case 5: lines.append("  \t")
      default:
        // Lengths from a few bytes to well past the 64 KiB buffer.
        let length = i == 200 ? 300_000 : Int.random(in: 1...2_000, using: &rng)
        lines.append("{\"n\":\(i),\"pad\":\"" + String(repeating: "x", count: length) + "\"}" + (i % 11 == 0 ? "\r" : ""))
      }
    }
    let text = lines.joined(separator: "\n") + (finalNewline ? "\n" : "")
    let got = try Self.collected(Array(text.utf8), batchBytes: 1 << 16)
    var expected: [(Int?, String)] = []
    for (i, line) in lines.enumerated() where !line.allSatisfy({ $0 == " " || $0 == "\t" }) {
      expected.append((i + 1, line.hasSuffix("\r") ? String(line.dropLast()) : line))
    }
    #expect(got.count == expected.count)
    for (g, e) in zip(got, expected) {
      #expect(g.0 == e.0)
      #expect(g.1 == e.1)
    }
  }

  @Test func wholeFilesAndMissingPaths() throws {
    let (files, missing, _) = SnapshotInput.files(paths: ["fixtures/snapshots", "no/such/path"].map { CLI.fixture($0).path })
    #expect(files.count == 5 && files.allSatisfy { !$0.isStream })
    #expect(files.map(\.path) == files.map(\.path).sorted())
    #expect(missing.count == 1 && missing[0].message == "no such file or directory")
  }

  /// A batch stays valid while the next one is read (the runner reads
  /// ahead on one worker while the others still plan the batch before).
  @Test func aBatchSurvivesTheReadOfTheNext() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let lines = (0..<4_000).map { i in "{\"n\":\(i),\"pad\":\"" + String(repeating: "x", count: i % 97) + "\"}" }
    let file = dir.appendingPathComponent("fleet.ndjson")
    try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: file)
    let reader = BatchReader([SnapshotInput.File(path: file.path, isStream: true)], batchBytes: 1 << 16)
    #expect(!reader.mayBlock)
    var seen: [String] = []
    var previous: [SnapshotInput]? = nil
    var batches = 0
    while let batch = reader.next() {
      batches += 1
      // The previous batch's bytes are read only now, after the next read.
      for input in previous ?? [] {
        seen.append(input.content.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[input.range]), as: UTF8.self) })
      }
      previous = batch
    }
    for input in previous ?? [] {
      seen.append(input.content.withBytes { String(decoding: UnsafeBufferPointer(rebasing: $0[input.range]), as: UTF8.self) })
    }
    #expect(batches > 4)
    #expect(seen == lines)
    #expect(reader.problems.isEmpty)
  }
}
