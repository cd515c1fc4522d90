import Foundation

/// The little file-system access Reclaim needs, with errors that name the
/// path.
public enum FileSystem {
  /// A file-system failure, with the path and the system's reason.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
      self.path = path
      self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
  }

  /// The whole content of a file, or of standard input for `-`, refused
  /// when it is larger than `limit` bytes: a regular file by its size,
  /// before reading; anything else (a FIFO, `/dev/zero`) by reading one byte
  /// past the limit and stopping there.
  public static func read(_ path: String, limit: Int? = nil) throws(Failure) -> [UInt8] {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    var capacity = 1 << 16
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      throw Failure(path: path, reason: "is a directory")
    }
    if fstat(fd, &info) == 0, info.st_size > 0 {
      if let limit, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > limit {
        throw Failure(path: path, reason: "\(info.st_size) bytes, larger than the \(describe(limit)) limit")
      }
      capacity = Int(info.st_size) + 1
    }
    if let limit { capacity = min(capacity, limit + 1) }
    var bytes = [UInt8](repeating: 0, count: capacity)
    var count = 0
    while true {
      if let limit, count > limit {
        throw Failure(path: path, reason: "larger than the \(describe(limit)) limit (reading stopped there)")
      }
      if count == bytes.count {
        let more = limit.map { min(bytes.count, $0 + 1 - bytes.count) } ?? bytes.count
        // A whole array, not `repeatElement`: one memset, fast in any build.
        bytes.append(contentsOf: [UInt8](repeating: 0, count: max(more, 1)))
      }
      let n = bytes.withUnsafeMutableBytes { raw in
        Foundation.read(fd, raw.baseAddress.map { $0 + count }, raw.count - count)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(path: path, reason: String(cString: strerror(errno)))
      }
      if n == 0 { break }
      count += n
    }
    bytes.removeSubrange(count...)
    return bytes
  }

  /// A byte count as limits are stated: `256 MiB`, `4 KiB`, `100 bytes`.
  public static func describe(_ bytes: Int) -> String {
    if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
    if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
    return "\(bytes) bytes"
  }

  /// Whether `path` is a directory.
  public static func isDirectory(_ path: String) -> Bool {
    var isDir: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
  }

  /// The size of a regular file, 0 for anything else (a pipe, `-`).
  public static func size(_ path: String) -> Int {
    var info = stat()
    guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return 0 }
    return Int(info.st_size)
  }

  /// Whether anything exists at `path`.
  public static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

  /// `directory/name` without a doubled slash.
  public static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// Creates `path` and its parents if missing.
  ///
  /// With `mkdir(2)` one level at a time rather than `FileManager`, whose
  /// error on Linux reads "The operation could not be completed", so that
  /// the message gives the system's reason ("Not a directory").
  public static func makeDirectory(_ path: String) throws(Failure) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in path.split(separator: "/") {
      prefix += component
      if mkdir(prefix, 0o777) != 0 {
        // Something that is not a directory in the way: say so, not "File exists".
        let code = errno == EEXIST ? (isDirectory(prefix) ? 0 : ENOTDIR) : errno
        if code != 0 { throw Failure(path: path, reason: "cannot create directory: " + String(cString: strerror(code))) }
      }
      prefix += "/"
    }
  }

  /// Writes all of `bytes` to a file descriptor (1 for stdout).
  public static func write(_ bytes: [UInt8], to fd: Int32, name: String) throws(Failure) {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw in Foundation.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
      if n < 0 {
        if errno == EINTR { continue }
        throw Failure(path: name, reason: String(cString: strerror(errno)))
      }
      offset += n
    }
  }
}

extension FileSystem {
  /// Removes a file; a file already gone is not an error.
  public static func remove(_ path: String) throws(Failure) {
    if unlink(path) != 0, errno != ENOENT {
      throw Failure(path: path, reason: "cannot remove: " + String(cString: strerror(errno)))
    }
  }
}

extension FileSystem {
  /// Whether `path` is a regular file (after links): what can be read twice.
  public static func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return path != "-" && stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
  }
}
