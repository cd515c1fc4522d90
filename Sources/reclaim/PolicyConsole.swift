#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Unbuffered stdout/stderr writes for the policy commands (kept apart from any other console helper).
enum PolicyConsole {
  static func out(_ line: String, skipEmpty: Bool = false) {
    if skipEmpty && line.isEmpty { return }
    outBytes(Array((line + "\n").utf8))
  }

  /// Whether every byte was written (false: stdout is closed or full).
  @discardableResult
  static func outBytes(_ bytes: [UInt8]) -> Bool { write(1, bytes) }

  static func error(_ line: String) { write(2, Array((line + "\n").utf8)) }

  @discardableResult
  private static func write(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        #if canImport(Glibc)
          return Glibc.write(fd, base + offset, raw.count - offset)
        #else
          return Darwin.write(fd, base + offset, raw.count - offset)
        #endif
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { return false }
      offset += n
    }
    return true
  }
}
