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
      let bytes: [UInt8]
      do {
        bytes = try FileSystem.read(path)
      } catch {
        problems.append(Diagnostic(file: path, message: "cannot read: \(error.reason)"))
        return
      }
      let shared = SharedBytes(bytes)
      if stream {
        inputs.append(contentsOf: lines(of: shared, source: path))
      } else {
        inputs.append(SnapshotInput(source: path, line: nil, content: shared, range: 0..<bytes.count))
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
    content.bytes.withUnsafeBufferPointer { b in
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

/// File content shared, read-only, by every snapshot cut from it.
public final class SharedBytes: Sendable {
  public let bytes: [UInt8]

  public init(_ bytes: [UInt8]) { self.bytes = bytes }
}
