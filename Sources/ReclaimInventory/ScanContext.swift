import ReclaimCore

/// What one decode accumulates besides the snapshot: diagnostics (with the
/// source and line they name) and the interned strings.
struct ScanContext {
  var diagnostics: [Diagnostic] = []
  let source: String
  let line: Int?
  var strings: StringTable

  init(source: String, line: Int?, input: UnsafePointer<UInt8>) {
    self.source = source
    self.line = line
    strings = StringTable(input: input)
  }
}
