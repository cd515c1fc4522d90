import Foundation
import ReclaimCore
import ReclaimIO

/// Reads snapshot files into batches of documents, one `next()` at a time,
/// in input order. A stream is read through two reused chunk buffers taken
/// in turn, so that the next batch can be read while the workers still plan
/// the current one (`PlanBatch.run` reads on one worker beside the others):
/// a batch's bytes stay valid until the batch after the next is read. Whole
/// files are read into arrays of their own, grouped until `batchBytes` are
/// pending.
///
/// `@unchecked Sendable` because one thread at a time calls `next()` (the
/// runner hands the call to one worker and waits for it); the batches it
/// returns are read-only.
package final class BatchReader: @unchecked Sendable {
  /// An open stream and where its reading stands.
  private struct Stream {
    var file: SnapshotInput.File
    var fd: Int32
    var line = 1
    /// Regular files are read a full buffer at a time; a pipe or terminal is
    /// handed on as its lines arrive.
    var untilFull: Bool
    /// The partial line after the last cut: buffer, and byte range in it.
    var carry: (buffer: Int, range: Range<Int>)?
  }

  let batchBytes: Int
  /// The largest snapshot document read (docs/reference/snapshot.md, "Limits").
  let documentLimit: Int
  private let files: [SnapshotInput.File]
  private var nextFile = 0
  private let buffers: [ChunkBuffer]
  private var turn = 0
  private var stream: Stream?
  /// Files that could not be read, in the order met.
  package private(set) var problems: [Diagnostic] = []

  package init(
    _ files: [SnapshotInput.File], batchBytes: Int = 8 << 20, documentLimit: Int = SnapshotInput.documentLimit
  ) {
    self.files = files
    self.batchBytes = batchBytes
    self.documentLimit = documentLimit
    buffers = [ChunkBuffer(capacity: batchBytes), ChunkBuffer(capacity: batchBytes)]
  }

  deinit { closeStream() }

  /// The batch size for `jobs` workers: 512 KiB for one, else 2 MiB per
  /// worker, at most 8 MiB (docs/performance.md). One worker plans each
  /// batch right after reading it, and a batch that fits beside the
  /// planner's own data in the core's 2 MiB cache is planned from there:
  /// 5–12 % faster end to end than 2 MiB, and 5 MiB smaller at peak (a
  /// longer document grows the buffer as it must). Several workers share
  /// a batch while the next is read, and need enough documents in it to
  /// share (a wide node is about 330 KB): there 512 KiB per worker was
  /// up to 12 % slower.
  package static func batchBytes(jobs: Int) -> Int { jobs <= 1 ? 512 << 10 : min(jobs, 4) * (2 << 20) }

  /// Whether the next `next()` may wait on a writer (a pipe, a terminal, a
  /// FIFO): then the runner does not read ahead, so that a batch's output
  /// never waits for the input after it.
  package var mayBlock: Bool {
    if let stream { return !stream.untilFull }
    guard nextFile < files.count else { return false }
    let path = files[nextFile].path
    if path == "-" {
      var info = stat()
      return !(fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG)
    }
    return !FileSystem.isRegularFile(path)
  }

  /// The next batch, or `nil` when every file has been read.
  package func next() -> [SnapshotInput]? {
    var batch: [SnapshotInput] = []
    var pending = 0
    while true {
      if stream != nil {
        if let lines = nextLines() { return lines }
        continue
      }
      guard nextFile < files.count else { return batch.isEmpty ? nil : batch }
      let file = files[nextFile]
      if file.isStream {
        // Whole files read so far go first.
        if !batch.isEmpty { return batch }
        nextFile += 1
        open(file)
        continue
      }
      nextFile += 1
      do {
        let bytes = try FileSystem.read(file.path, limit: documentLimit)
        let shared = SharedBytes(bytes)
        batch.append(SnapshotInput(source: file.path, line: nil, content: shared, range: 0..<shared.count))
        pending += bytes.count
        if pending >= batchBytes { return batch }
      } catch {
        problems.append(Diagnostic(file: file.path, message: "cannot read: \(error.reason)"))
      }
    }
  }

  private func open(_ file: SnapshotInput.File) {
    let fd: Int32 = file.path == "-" ? 0 : Foundation.open(file.path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else {
      problems.append(Diagnostic(file: file.path, message: "cannot read: " + String(cString: strerror(errno))))
      return
    }
    var info = stat()
    let regular = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    stream = Stream(file: file, fd: fd, untilFull: regular)
  }

  private func closeStream() {
    if let fd = stream?.fd, fd != 0 { close(fd) }
    stream = nil
  }

  /// The next lines of the open stream, or `nil` when it has ended (and is closed).
  private func nextLines() -> [SnapshotInput]? {
    while var s = stream {
      let buffer = buffers[turn]
      // The partial line left by the last cut starts this buffer.
      var carried = 0
      if let carry = s.carry {
        carried = carry.range.count
        if carried >= buffer.capacity { buffer.grow(toHold: carried + 1) }
        buffer.place(from: buffers[carry.buffer], range: carry.range)
        s.carry = nil
      }
      var filled = 0
      var cut = 0
      var atEnd = false
      // Every newline of the buffer, found once: they give both the cut
      // and the lines.
      var newlines: [Int] = []
      while true {
        let (count, failure) = buffer.fill(from: s.fd, keeping: carried, untilFull: s.untilFull)
        if let failure {
          problems.append(Diagnostic(file: s.file.path, message: "cannot read: \(failure)"))
          closeStream()
          return nil
        }
        filled = count
        atEnd = filled == carried
        // Complete lines only, unless the stream has ended.
        buffer.newlines(in: carried..<filled, into: &newlines)
        cut = atEnd ? filled : newlines.last.map { $0 + 1 } ?? 0
        if cut > 0 || atEnd { break }
        // No whole line yet: read on, in a bigger buffer if this one is
        // full, unless the line is already past the limit. Then nothing
        // after it can be found without reading it all: the stream ends.
        if filled > documentLimit {
          problems.append(
            Diagnostic(
              file: s.file.path, line: s.line,
              message: "snapshot document larger than the \(FileSystem.describe(documentLimit)) limit; "
                + "the rest of this stream is not read"))
          closeStream()
          return nil
        }
        if filled == buffer.capacity { buffer.grow(toHold: min(filled * 2, documentLimit + 1)) }
        carried = filled
      }
      var batch: [SnapshotInput] = []
      s.line = SnapshotInput.lines(
        of: SharedBytes(chunk: buffer, count: cut), newlines: newlines, source: s.file.path, firstLine: s.line,
        into: &batch)
      if let over = batch.firstIndex(where: { $0.range.count > documentLimit }) {
        // A line past the limit ends the stream; the lines before it stand.
        problems.append(
          Diagnostic(
            file: s.file.path, line: batch[over].line,
            message: "snapshot document larger than the \(FileSystem.describe(documentLimit)) limit; "
              + "the rest of this stream is not read"))
        batch.removeSubrange(over...)
        closeStream()
        return batch.isEmpty ? nil : batch
      }
      if atEnd {
        closeStream()
        if batch.isEmpty { return nil }
        return batch
      }
      s.carry = (turn, cut..<filled)
      stream = s
      // Blank lines only: nothing holds this buffer, so the rest of the
      // stream is read into it again.
      if batch.isEmpty { continue }
      turn = 1 - turn
      return batch
    }
    return nil
  }
}
