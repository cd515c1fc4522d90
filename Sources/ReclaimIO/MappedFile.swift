import Foundation

/// A regular file mapped read-only into memory, unmapped when the value
/// goes: a first pass over a large input reads the page cache in place,
/// without copying it into a buffer.
public struct MappedFile: ~Copyable {
  private let base: UnsafeRawPointer?
  public let count: Int

  /// Maps the regular file at `path` (`-`: standard input, when it is
  /// redirected from a regular file; its read offset does not move); `nil`
  /// for anything else (a pipe, a FIFO, a device) or when it cannot be
  /// opened or mapped.
  public init?(path: String) {
    guard let (base, count) = Self.map(path) else { return nil }
    self.base = base
    self.count = count
  }

  private static func map(_ path: String) -> (UnsafeRawPointer?, Int)? {
    let fd = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
    let offset = path == "-" ? Int(lseek(fd, 0, SEEK_CUR)) : 0
    guard offset == 0 else { return nil }
    let count = Int(info.st_size)
    if count == 0 { return (nil, 0) }
    guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
    return (UnsafeRawPointer(mapped), count)
  }

  deinit {
    if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
  }

  /// Drops the mapped pages before byte `offset` from this process's
  /// resident memory (they stay in the page cache, and reading them again
  /// maps them again), so that a pass over a file larger than memory keeps
  /// a small resident size.
  public func release(upTo offset: Int) {
    guard let base else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let length = min(offset, count) / page * page
    if length > 0 { madvise(UnsafeMutableRawPointer(mutating: base), length, MADV_DONTNEED) }
  }

  /// Calls `body` with the file's bytes; they must not escape it.
  public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard let base else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count))
  }
}
