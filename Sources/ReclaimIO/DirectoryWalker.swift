import Foundation
import ReclaimCore

/// The one directory walk of Reclaim, for policy trees and snapshot trees
/// alike, with one rule for what a walk reads:
///
/// - hidden entries (names starting with `.`, such as `.git/` or a
///   ConfigMap volume's `..data`) are skipped, silently;
/// - a symbolic link to a directory is not followed, with a note, so a walk
///   always ends and reads each file once (`x -> .` would otherwise loop);
/// - a symbolic link to a regular file is read as that file (ConfigMap
///   volumes and GitOps checkouts are made of them);
/// - anything else that is not a regular file (a FIFO, a socket, a device)
///   is skipped with a note, since opening it could block the run forever.
///
/// Paths named on the command line are not walked: they are read whatever
/// they are (`FileSystem.read`), as their names say.
public enum DirectoryWalker {
  /// The files a walk found and what it skipped on the way.
  public struct Listing: Sendable, Hashable {
    /// Full paths (`root/relative`), byte-wise sorted by relative path.
    public var files: [String]
    /// One note per entry skipped for not being a regular file or for being
    /// a link to a directory.
    public var notes: [Diagnostic]

    public init(files: [String], notes: [Diagnostic]) {
      self.files = files
      self.notes = notes
    }
  }

  /// What `lstat`/`stat` say an entry is.
  public enum Kind: Sendable {
    case directory, regular, directoryLink, other
  }

  /// The regular files below `root` whose names pass `accept` (called with
  /// the entry's own name), sorted byte-wise by their path relative to
  /// `root`. Fails when `root` itself cannot be listed.
  public static func files(
    under root: String, accept: (String) -> Bool
  ) -> Result<Listing, Diagnostic> {
    var relative: [String] = []
    var notes: [Diagnostic] = []
    var pending = [""]
    while let directory = pending.popLast() {
      let full = directory.isEmpty ? root : FileSystem.join(root, directory)
      let entries: [String]
      switch names(in: full) {
      case .success(let found): entries = found
      case .failure(let failure):
        if directory.isEmpty { return .failure(Diagnostic(file: root, message: failure.reason)) }
        notes.append(Diagnostic(severity: .note, file: full, message: "skipped: \(failure.reason)"))
        continue
      }
      for name in entries where !name.hasPrefix(".") {
        let rel = directory.isEmpty ? name : directory + "/" + name
        let path = FileSystem.join(root, rel)
        switch kind(of: path) {
        case .directory:
          pending.append(rel)
        case .regular:
          if accept(name) { relative.append(rel) }
        case .directoryLink:
          notes.append(Diagnostic(severity: .note, file: path, message: "skipped: a link to a directory is not followed"))
        case .other:
          if accept(name) {
            notes.append(Diagnostic(severity: .note, file: path, message: "skipped: not a regular file"))
          }
        }
      }
    }
    relative.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    notes.sort { $0.file.utf8.lexicographicallyPrecedes($1.file.utf8) }
    return .success(Listing(files: relative.map { FileSystem.join(root, $0) }, notes: notes))
  }

  /// The entry names of a directory, `.` and `..` excluded, in no order.
  public static func names(in directory: String) -> Result<[String], FileSystem.Failure> {
    guard let stream = opendir(directory) else {
      return .failure(FileSystem.Failure(path: directory, reason: "cannot read directory: " + String(cString: strerror(errno))))
    }
    defer { closedir(stream) }
    var names: [String] = []
    while let entry = readdir(stream) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
        let bytes = raw.bindMemory(to: UInt8.self)
        let length = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<length]), as: UTF8.self)
      }
      if name != ".", name != ".." { names.append(name) }
    }
    return .success(names)
  }

  /// What the entry at `path` is, links to regular files counting as regular.
  public static func kind(of path: String) -> Kind {
    var info = stat()
    guard lstat(path, &info) == 0 else { return .other }
    switch info.st_mode & S_IFMT {
    case S_IFDIR: return .directory
    case S_IFREG: return .regular
    case S_IFLNK:
      var target = stat()
      // A dangling link is not a regular file: skipped with a note.
      guard stat(path, &target) == 0 else { return .other }
      switch target.st_mode & S_IFMT {
      case S_IFDIR: return .directoryLink
      case S_IFREG: return .regular
      default: return .other
      }
    default: return .other
    }
  }
}
