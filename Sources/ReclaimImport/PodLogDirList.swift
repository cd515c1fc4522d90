import ReclaimCore

/// Reads `ls -1 /var/log/pods`: one directory name per line.
enum PodLogDirList {
  /// The names, sorted byte-wise and without repeats; blank lines skipped,
  /// a trailing `\r` dropped. A name holding `/` or a NUL, or text that is
  /// not UTF-8, is an error at its line.
  static func parse(_ bytes: [UInt8], file: String) -> Result<[String], DiagnosticError> {
    var names: [String] = []
    var problems: [Diagnostic] = []
    var lineNumber = 0
    for var line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
      if line.isEmpty { continue }
      guard let name = String(validating: line, as: UTF8.self) else {
        problems.append(Diagnostic(file: file, line: lineNumber, message: "not UTF-8 text"))
        continue
      }
      guard !name.utf8.contains(UInt8(ascii: "/")), !name.utf8.contains(0) else {
        problems.append(
          Diagnostic(file: file, line: lineNumber, message: "\(quoted(name)) is not a directory name (expected `ls -1 /var/log/pods` output)"))
        continue
      }
      names.append(name)
    }
    guard problems.isEmpty else { return .failure(DiagnosticError(problems)) }
    return .success(ByteOrder.sortedUnique(names))
  }
}
