import ReclaimCore

/// The one way Reclaim writes diagnostics: one line each, as
/// `Diagnostic.description` renders them, to standard error (or, in tests,
/// any sink). A failed write to standard error is ignored: there is nowhere
/// left to report it.
public struct Console {
  public let sink: ByteSink

  public init(_ sink: ByteSink) { self.sink = sink }

  /// Standard error.
  public static var standardError: Console { Console(FileDescriptorSink(fd: 2, name: "stderr")) }

  /// Writes each diagnostic on its own line.
  public func report(_ diagnostics: [Diagnostic]) {
    guard !diagnostics.isEmpty else { return }
    line(diagnostics.map(\.description).joined(separator: "\n"))
  }

  /// Writes one diagnostic.
  public func report(_ diagnostic: Diagnostic) { line(diagnostic.description) }

  /// Writes a line of text (a newline is added).
  public func line(_ text: String) { try? sink.write(text + "\n") }
}
