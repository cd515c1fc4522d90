import Foundation

/// The little file-system access the batch runner needs, with errors that
/// name the path.
public enum FileSystem {
  /// A file-system failure, with the path and the system's reason.
  public struct Failure: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): \(reason)" }
  }

  /// The whole content of a file, or of standard input for `-`.
  public static func read(_ path: String) throws(Failure) -> [UInt8] {
    let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    defer { if fd != 0 { close(fd) } }
    var info = stat()
    var capacity = 1 << 16
    if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
      throw Failure(path: path, reason: "is a directory")
    }
    if fstat(fd, &info) == 0, info.st_size > 0 { capacity = Int(info.st_size) + 1 }
    var bytes = [UInt8](repeating: 0, count: capacity)
    var count = 0
    while true {
      if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
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

  /// Files below `directory` whose names end in one of `extensions`, as
  /// paths relative to it, in byte-wise sorted order.
  public static func files(under directory: String, extensions: [String]) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      guard extensions.contains(where: { relative.hasSuffix($0) }) else { continue }
      if !isDirectory(join(directory, relative)) { found.append(relative) }
    }
    return found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

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
