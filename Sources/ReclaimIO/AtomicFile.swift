import Foundation
import Synchronization

/// Writes files so that readers see either the old content or the whole new
/// content, never half a file: a temporary file in the same directory, then
/// `rename(2)` over the target.
public enum AtomicFile {
  /// Writes `bytes` to `path` atomically (mode 0644 less the umask). On any
  /// failure nothing is left at the target or beside it.
  ///
  /// No `fsync`: the rename already guarantees that an interrupted run leaves
  /// no truncated file, and a sync per manifest would dominate a fleet run.
  public static func write(_ bytes: [UInt8], to path: String) throws(FileSystem.Failure) {
    try write(to: path) { fd throws(FileSystem.Failure) in try FileSystem.write(bytes, to: fd, name: path) }
  }

  /// Writes what `body` writes to the file descriptor it is given to `path`
  /// atomically, for content too large to hold whole (a generated fleet).
  /// A failure of `body` (whose `reason` is kept) or of the file system
  /// leaves nothing at the target or beside it.
  public static func write(
    to path: String, _ body: (Int32) throws(FileSystem.Failure) -> Void
  ) throws(FileSystem.Failure) {
    let directory: String
    let name: String
    if let slash = path.lastIndex(of: "/") {
      directory = slash == path.startIndex ? "/" : String(path[..<slash])
      name = String(path[path.index(after: slash)...])
    } else {
      directory = "."
      name = path
    }
    guard !name.isEmpty else { throw FileSystem.Failure(path: path, reason: "cannot write: is a directory") }
    var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard fd >= 0 else { throw failure(path) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let guarded = Interrupt.guardTemporary(template)
    defer { if guarded { Interrupt.release() } }
    var succeeded = false
    defer { if !succeeded { unlink(temporary) } }
    var closed = false
    defer { if !closed { close(fd) } }
    do {
      try body(fd)
    } catch {
      throw FileSystem.Failure(path: path, reason: "cannot write: \(error.reason)")
    }
    // mkstemp creates 0600; a policy or manifest file is meant to be shared.
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o644 & ~mask)
    closed = true
    guard close(fd) == 0 else { throw failure(path) }
    guard rename(temporary, path) == 0 else { throw failure(path) }
    succeeded = true
  }

  private static func failure(_ path: String) -> FileSystem.Failure {
    FileSystem.Failure(path: path, reason: "cannot write: " + String(cString: strerror(errno)))
  }
}

extension AtomicFile {
  /// Makes SIGINT, SIGTERM and SIGHUP remove the temporary file being
  /// written before the process dies of the signal, so that an interrupted
  /// run leaves no partial file behind: the targets are whole (renamed) or
  /// untouched, and no `.NAME.tmp-XXXXXX` stays beside them. The command
  /// line calls it once at start.
  public static func removeTemporaryOnInterrupt() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { received in
        Interrupt.unlinkTemporary()
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }
}

/// The one temporary file being written, where a signal handler can reach
/// it with only async-signal-safe calls: its path in a buffer allocated
/// once for the life of the process, guarded by an atomic flag. Writes of
/// atomic files happen one at a time (the batch runner's writer runs on one
/// thread); a second writer meanwhile is simply not guarded.
private enum Interrupt {
  static let capacity = 4096
  nonisolated(unsafe) static let path = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
  /// 0: free; 1: being set; 2: holds a path.
  static let state = Atomic<Int>(0)

  /// Records the NUL-terminated `template`; false when the slot is taken or
  /// the path too long.
  static func guardTemporary(_ template: [CChar]) -> Bool {
    guard template.count <= capacity, state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged
    else { return false }
    template.withUnsafeBufferPointer { b in
      if let base = b.baseAddress { path.update(from: base, count: b.count) }
    }
    state.store(2, ordering: .releasing)
    return true
  }

  static func release() { state.store(0, ordering: .releasing) }

  static func unlinkTemporary() {
    if state.load(ordering: .acquiring) == 2 { unlink(path) }
  }
}
