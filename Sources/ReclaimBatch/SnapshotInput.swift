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

  static func isSnapshotFile(_ name: String) -> Bool { name.hasSuffix(".json") || isStream(name) }

  static func isStream(_ path: String) -> Bool { path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") }

  /// Reads `files` in order and hands their snapshot documents to `process`
  /// in batches, each batch in input order. A stream is read in chunks
  /// through one reused buffer — no copy of a whole fleet in memory, no fresh
  /// pages to fault in per chunk — so a batch's bytes are only valid during
  /// its `process` call. Unreadable files become diagnostics, in order.
  public static func read(
    _ files: [File], batchBytes: Int = 8 << 20, process: ([SnapshotInput]) -> Void
  ) -> [Diagnostic] {
    var problems: [Diagnostic] = []
    var batch: [SnapshotInput] = []
    var pending = 0
    func flush() {
      if !batch.isEmpty { process(batch) }
      batch.removeAll(keepingCapacity: true)
      pending = 0
    }
    let chunk = ChunkBuffer(capacity: batchBytes)
    for file in files {
      if file.isStream {
        let fd: Int32 = file.path == "-" ? 0 : open(file.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
          problems.append(Diagnostic(file: file.path, message: "cannot read: " + String(cString: strerror(errno))))
          continue
        }
        defer { if fd != 0 { close(fd) } }
        // Whole files read so far wait in `batch`; they go first.
        flush()
        var line = 1
        var carried = 0
        // A pipe or terminal is planned as its lines arrive, so the first
        // manifests appear before the writer closes it; a regular file is
        // read a full buffer at a time.
        var info = stat()
        let untilFull = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
        while true {
          let (filled, failure) = chunk.fill(from: fd, keeping: carried, untilFull: untilFull)
          if let failure {
            problems.append(Diagnostic(file: file.path, message: "cannot read: \(failure)"))
            break
          }
          let atEnd = filled == carried
          // Complete lines only, unless the file has ended.
          let cut = atEnd ? filled : chunk.lastNewline(before: filled).map { $0 + 1 } ?? 0
          if cut == 0 && !atEnd {
            // No whole line yet: read on, in a bigger buffer if this one is full.
            if filled == chunk.capacity { chunk.grow() }
            carried = filled
            continue
          }
          let view = SharedBytes(chunk: chunk, count: cut)
          line = lines(of: view, source: file.path, firstLine: line, into: &batch)
          flush()
          if atEnd { break }
          carried = chunk.shift(from: cut, to: filled)
        }
      } else {
        do {
          let bytes = try FileSystem.read(file.path)
          let shared = SharedBytes(bytes)
          batch.append(SnapshotInput(source: file.path, line: nil, content: shared, range: 0..<shared.count))
          pending += bytes.count
          if pending >= batchBytes { flush() }
        } catch {
          problems.append(Diagnostic(file: file.path, message: "cannot read: \(error.reason)"))
        }
      }
    }
    flush()
    return problems
  }

  /// Appends the non-blank lines of `content` (numbered from `firstLine`) and
  /// returns the number of the line after the last.
  static func lines(of content: SharedBytes, source: String, firstLine: Int, into result: inout [SnapshotInput]) -> Int {
    content.withBytes { b in
      forEachLine(of: b, firstLine: firstLine) { line, range in
        result.append(SnapshotInput(source: source, line: line, content: content, range: range))
      }
    }
  }

  /// Calls `body` with the number and byte range (without `\r\n`) of every
  /// non-blank line of `b`, lines numbered from `firstLine`; returns the
  /// number of the line after the last.
  static func forEachLine(
    of b: UnsafeBufferPointer<UInt8>, firstLine: Int, _ body: (Int, Range<Int>) -> Void
  ) -> Int {
    var line = firstLine
    var start = 0
    while start < b.count {
      // memchr: the line scan must not cost more than the decode.
      let end: Int
      if let base = b.baseAddress, let hit = memchr(base + start, 10, b.count - start) {
        end = start + (UnsafeRawPointer(hit) - UnsafeRawPointer(base + start))
      } else {
        end = b.count
      }
      var trimmed = end
      if trimmed > start, b[trimmed - 1] == 13 { trimmed -= 1 }
      var blank = true
      for i in start..<trimmed where b[i] != 32 && b[i] != 9 {
        blank = false
        break
      }
      if !blank { body(line, start..<trimmed) }
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

  /// The index of the last newline before `end`.
  func lastNewline(before end: Int) -> Int? {
    var i = end - 1
    while i >= 0 {
      if pointer[i] == 10 { return i }
      i -= 1
    }
    return nil
  }

  /// Moves `from..<to` to the front; returns its length.
  func shift(from: Int, to: Int) -> Int {
    let n = to - from
    if n > 0 { memmove(pointer, pointer + from, n) }
    return n
  }

  /// Doubles the capacity, keeping the content.
  func grow() {
    let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
    bigger.initialize(from: pointer, count: capacity)
    pointer.deallocate()
    pointer = bigger
    capacity *= 2
  }
}
