import Foundation
import ReclaimCore

/// One snapshot document to decode: a whole `.json` file or one line of a
/// stream, as a range of a file's bytes.
public struct SnapshotInput: Sendable {
  /// The file as the user named it (`-` for standard input).
  public var source: String
  /// 1-based line in a stream; `nil` for a whole file.
  public var line: Int?
  public var content: SharedBytes
  public var range: Range<Int>

  /// Every snapshot document under `paths` (files, directories, `-`), in
  /// input order: arguments as given, directory entries in byte-wise sorted
  /// order of their relative path. Paths that cannot be read become
  /// diagnostics; the rest are still returned.
  public static func collect(paths: [String]) -> (inputs: [SnapshotInput], problems: [Diagnostic]) {
    var inputs: [SnapshotInput] = []
    var problems: [Diagnostic] = []
    func add(file path: String, stream: Bool) {
      let shared: SharedBytes
      do {
        shared = try SharedBytes.load(path)
      } catch {
        problems.append(Diagnostic(file: path, message: "cannot read: \(error.reason)"))
        return
      }
      if stream {
        inputs.append(contentsOf: lines(of: shared, source: path))
      } else {
        inputs.append(SnapshotInput(source: path, line: nil, content: shared, range: 0..<shared.count))
      }
    }
    for path in paths {
      if path == "-" {
        add(file: path, stream: true)
      } else if FileSystem.isDirectory(path) {
        let found = FileSystem.files(under: path, extensions: [".json", ".ndjson", ".jsonl"])
        if found.isEmpty {
          problems.append(Diagnostic(file: path, message: "no *.json, *.ndjson or *.jsonl files in this directory"))
        }
        for relative in found { add(file: FileSystem.join(path, relative), stream: isStream(relative)) }
      } else if FileSystem.exists(path) {
        add(file: path, stream: isStream(path))
      } else {
        problems.append(Diagnostic(file: path, message: "no such file or directory"))
      }
    }
    return (inputs, problems)
  }

  static func isStream(_ path: String) -> Bool { path.hasSuffix(".ndjson") || path.hasSuffix(".jsonl") }

  /// The non-blank lines of a stream, numbered from 1.
  static func lines(of content: SharedBytes, source: String) -> [SnapshotInput] {
    var result: [SnapshotInput] = []
    content.withBytes { b in
      var start = 0
      var line = 1
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
        if !blank { result.append(SnapshotInput(source: source, line: line, content: content, range: start..<trimmed)) }
        start = end + 1
        line += 1
      }
    }
    return result
  }
}

/// File content shared, read-only, by every snapshot cut from it: a
/// private read-only mapping of a regular file (no copy, no zero-fill), or
/// the bytes read from a pipe or standard input.
public final class SharedBytes: @unchecked Sendable {
  // Immutable after init; the mapping lives exactly as long as this object.
  private let base: UnsafeRawPointer?
  public let count: Int
  private let mapped: Bool
  private let storage: [UInt8]

  public init(_ bytes: [UInt8]) {
    storage = bytes
    count = bytes.count
    base = nil
    mapped = false
  }

  /// Maps `path` when it is a non-empty regular file, else reads it whole.
  public static func load(_ path: String) throws(FileSystem.Failure) -> SharedBytes {
    if path != "-" {
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      if fd >= 0 {
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 {
          let size = Int(info.st_size)
          let region = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
          if let region, region != MAP_FAILED {
            return SharedBytes(mapping: UnsafeRawPointer(region), count: size)
          }
        }
      }
    }
    return SharedBytes(try FileSystem.read(path))
  }

  private init(mapping: UnsafeRawPointer, count: Int) {
    base = mapping
    self.count = count
    mapped = true
    storage = []
  }

  /// Calls `body` with the bytes; the buffer must not escape it.
  public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    if mapped, let base {
      return try body(UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count))
    }
    return try storage.withUnsafeBufferPointer(body)
  }

  deinit {
    if mapped, let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
  }
}
