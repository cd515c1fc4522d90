import Foundation
import ReclaimCore
import ReclaimIO

/// One snapshot document to decode: a whole `.json` file or one line of a
/// stream, as a range of bytes.
public struct SnapshotInput: Sendable {
  /// The file as the user named it (`-` for standard input).
  public var source: String
  /// 1-based line in a stream; `nil` for a whole file.
  public var line: Int?
  /// The bytes this document is cut from (internal to the package: raw
  /// memory stays behind `withBytes`).
  package var content: SharedBytes
  public var range: Range<Int>

  /// A file to read: a stream (one snapshot per line) or one JSON document.
  public struct File: Sendable, Hashable {
    public var path: String
    public var isStream: Bool

    public init(path: String, isStream: Bool) {
      self.path = path
      self.isStream = isStream
    }
  }

  /// The files under `paths` (files, directories, `-`), in input order:
  /// arguments as given, directory entries in byte-wise sorted order of their
  /// relative path (walked by `DirectoryWalker`'s rule; what it skipped is in
  /// `notes`). Paths that do not exist become problems.
  public static func files(paths: [String]) -> (files: [File], problems: [Diagnostic], notes: [Diagnostic]) {
    var files: [File] = []
    var problems: [Diagnostic] = []
    var notes: [Diagnostic] = []
    for path in paths {
      if path == "-" {
        files.append(File(path: path, isStream: true))
      } else if FileSystem.isDirectory(path) {
        switch DirectoryWalker.files(under: path, accept: isSnapshotFile) {
        case .failure(let problem):
          problems.append(problem)
        case .success(let listing):
          notes += listing.notes
          if listing.files.isEmpty {
            problems.append(Diagnostic(file: path, message: "no *.json, *.ndjson or *.jsonl files in this directory"))
          }
          for file in listing.files { files.append(File(path: file, isStream: isStream(file))) }
        }
      } else if FileSystem.exists(path) {
        files.append(File(path: path, isStream: isStream(path)))
      } else {
        problems.append(Diagnostic(file: path, message: "no such file or directory"))
      }
    }
    return (files, problems, notes)
  }

  /// The largest snapshot document Reclaim reads: a file, or one line of a
  /// stream (docs/reference/snapshot.md, "Limits").
  public static let documentLimit = 256 << 20

  static func isSnapshotFile(_ name: String) -> Bool { name.hasSuffix(".json") || isStream(name) }

  static func isStream(_ path: String) -> Bool { path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") }

  /// Reads `files` in order and hands their snapshot documents to `process`
  /// in batches, each batch in input order (`BatchReader`); a batch's bytes
  /// are only valid during its `process` call. Unreadable files become
  /// diagnostics, in order.
  public static func read(
    _ files: [File], batchBytes: Int = 8 << 20, process: ([SnapshotInput]) -> Void
  ) -> [Diagnostic] {
    let reader = BatchReader(files, batchBytes: batchBytes)
    while let batch = reader.next() { process(batch) }
    return reader.problems
  }

  /// Appends the non-blank lines of `content` (numbered from `firstLine`),
  /// cut at `newlines` (ascending, found by the reader as it filled the
  /// buffer, so the bytes are not searched twice; those past the end are
  /// ignored), and returns the number of the line after the last.
  static func lines(
    of content: SharedBytes, newlines: [Int], source: String, firstLine: Int, into result: inout [SnapshotInput]
  ) -> Int {
    content.withBytes { b in
      forEachLine(of: b, firstLine: firstLine, newlines: newlines) { line, range in
        result.append(SnapshotInput(source: source, line: line, content: content, range: range))
      }
    }
  }

  /// `range` without a final `\r`, or `nil` when only spaces and tabs remain.
  static func nonBlank(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int>? {
    var trimmed = range.upperBound
    if trimmed > range.lowerBound, b[trimmed - 1] == 13 { trimmed -= 1 }
    for i in range.lowerBound..<trimmed where b[i] != 32 && b[i] != 9 { return range.lowerBound..<trimmed }
    return nil
  }

  /// Calls `body` with the number and byte range (without `\r\n`) of every
  /// non-blank line of `b`, lines numbered from `firstLine`; returns the
  /// number of the line after the last. The lines end at `newlines` when
  /// the caller has found them (ascending; those past the end are
  /// ignored), otherwise at the newlines memchr finds.
  static func forEachLine(
    of b: UnsafeBufferPointer<UInt8>, firstLine: Int, newlines: [Int]? = nil, _ body: (Int, Range<Int>) -> Void
  ) -> Int {
    var line = firstLine
    var start = 0
    var k = 0
    while start < b.count {
      var end = b.count
      if let newlines {
        if k < newlines.count, newlines[k] < b.count {
          end = newlines[k]
          k += 1
        }
      } else if let base = b.baseAddress, let hit = memchr(base + start, 10, b.count - start) {
        // memchr: the line scan must not cost more than the decode.
        end = start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base + start))
      }
      if let range = nonBlank(b, start..<end) { body(line, range) }
      start = end + 1
      line += 1
    }
    return line
  }
}

/// Bytes shared, read-only, by every snapshot cut from them: a whole file
/// read into an array, or a view of the stream chunk buffer.
///
/// `@unchecked Sendable` because every stored property is immutable after
/// `init` and `owner` keeps the memory behind `base` alive for as long as
/// the value lives; the pointer itself never leaves `withBytes`. Package
/// access only: nothing outside Reclaim sees raw memory.
package final class SharedBytes: @unchecked Sendable {
  private let base: UnsafePointer<UInt8>?
  package let count: Int
  private let owner: AnyObject?
  private let storage: [UInt8]

  package init(_ bytes: [UInt8]) {
    storage = bytes
    count = bytes.count
    base = nil
    owner = nil
  }

  init(chunk: ChunkBuffer, count: Int) {
    base = UnsafePointer(chunk.pointer)
    self.count = count
    owner = chunk
    storage = []
  }

  /// Calls `body` with the bytes; the buffer must not escape it.
  package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if let base { return try body(UnsafeBufferPointer(start: base, count: count)) }
    return try storage.withUnsafeBufferPointer(body)
  }
}

/// The reused read buffer of stream input; grows only for a line longer
/// than itself.
final class ChunkBuffer: @unchecked Sendable {
  private(set) var pointer: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int

  init(capacity: Int) {
    self.capacity = max(capacity, 1 << 16)
    pointer = .allocate(capacity: self.capacity)
  }

  deinit { pointer.deallocate() }

  /// Reads after the first `kept` bytes until the buffer is full or the
  /// input ends (without `untilFull`: until one read brings bytes); returns
  /// the bytes now held, or the system's reason.
  func fill(from fd: Int32, keeping kept: Int, untilFull: Bool = true) -> (Int, String?) {
    assert(kept < capacity, "the caller grows a full buffer before filling it")
    var count = kept
    while count < capacity {
      let n = Foundation.read(fd, pointer + count, capacity - count)
      if n < 0 {
        if errno == EINTR { continue }
        return (count, String(cString: strerror(errno)))
      }
      if n == 0 { break }
      count += n
      if !untilFull { break }
    }
    return (count, nil)
  }

  /// Appends the index of every newline in `range`, found with memchr
  /// (vectorised: a stream without newlines must not cost a byte loop per
  /// read).
  func newlines(in range: Range<Int>, into result: inout [Int]) {
    var i = range.lowerBound
    while i < range.upperBound, let hit = memchr(pointer + i, 10, range.upperBound - i) {
      let k = UnsafeRawPointer(hit) - UnsafeRawPointer(pointer)
      result.append(k)
      i = k + 1
    }
  }

  /// Copies `range` of `other` (or of this buffer) to the front.
  func place(from other: ChunkBuffer, range: Range<Int>) {
    assert(range.count <= capacity, "the caller grows the buffer first")
    if range.isEmpty { return }
    memmove(pointer, other.pointer + range.lowerBound, range.count)
  }

  /// Grows to `wanted` bytes, keeping the content. Only while no batch
  /// holds a view of this buffer.
  func grow(toHold wanted: Int) {
    let bigger = wanted
    guard bigger > capacity else { return }
    let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
    fresh.initialize(from: pointer, count: capacity)
    pointer.deallocate()
    pointer = fresh
    capacity = bigger
  }
}

