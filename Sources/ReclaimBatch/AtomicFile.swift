import Foundation

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
