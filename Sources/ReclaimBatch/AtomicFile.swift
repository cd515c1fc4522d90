#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes files so that readers see either the old content or the whole new
/// content, never half a file: a temporary file in the same directory, then
/// `rename(2)` over the target.
public enum AtomicFile: Sendable {
  /// Why a write failed; nothing is left behind at the target or beside it.
  public struct WriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): cannot write: \(reason)" }
  }

  /// Writes `bytes` to `path` atomically (mode 0644 less the umask).
  public static func write(_ bytes: [UInt8], to path: String) throws {
    let directory: String
    let name: String
    if let slash = path.lastIndex(of: "/") {
      directory = slash == path.startIndex ? "/" : String(path[..<slash])
      name = String(path[path.index(after: slash)...])
    } else {
      directory = "."
      name = path
    }
    guard !name.isEmpty else { throw WriteError(path: path, reason: "is a directory") }
    var template = Array("\(directory)/.\(name).tmp-XXXXXX".utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard let base = buffer.baseAddress else { return -1 }
      return mkstemp(base)
    }
    guard fd >= 0 else { throw WriteError(path: path, reason: errorText()) }
    let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    var succeeded = false
    defer { if !succeeded { unlink(temporary) } }
    var closed = false
    defer { if !closed { close(fd) } }

    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return systemWrite(fd, base + offset, raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        throw WriteError(path: path, reason: errorText())
      }
      offset += written
    }
    // mkstemp creates 0600; a policy or manifest file is meant to be shared.
    let mask = umask(0)
    umask(mask)
    fchmod(fd, 0o644 & ~mask)
    guard fsync(fd) == 0 else { throw WriteError(path: path, reason: errorText()) }
    closed = true
    guard close(fd) == 0 else { throw WriteError(path: path, reason: errorText()) }
    guard rename(temporary, path) == 0 else { throw WriteError(path: path, reason: errorText()) }
    succeeded = true
  }

  private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
      Glibc.write(fd, pointer, count)
    #elseif canImport(Musl)
      Musl.write(fd, pointer, count)
    #else
      Darwin.write(fd, pointer, count)
    #endif
  }

  private static func errorText() -> String { String(cString: strerror(errno)) }
}
