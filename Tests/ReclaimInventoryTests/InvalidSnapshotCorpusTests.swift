import ReclaimCore
import ReclaimInventory
import Testing

/// The bad-input corpus in fixtures/invalid-snapshots: each file is rejected
/// with exactly the diagnostics listed for it in expectations.tsv.
@Suite struct InvalidSnapshotCorpusTests {
  struct Expectation: Sendable, CustomTestStringConvertible {
    var file: String
    var diagnostics: [(path: String, message: String)]
    var testDescription: String { file }
  }

  static let directory = "fixtures/invalid-snapshots"

  static func expectations() throws -> [Expectation] {
    let text = String(decoding: try TestFiles.bytes("\(directory)/expectations.tsv"), as: UTF8.self)
    var result: [Expectation] = []
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 3 else { continue }
      if result.last?.file != fields[0] { result.append(Expectation(file: fields[0], diagnostics: [])) }
      result[result.count - 1].diagnostics.append((fields[1], fields[2]))
    }
    return result
  }

  @Test(arguments: try expectations())
  func rejectedExactly(_ expectation: Expectation) throws {
    let bytes = try TestFiles.bytes("\(Self.directory)/\(expectation.file)")
    let error = #expect(throws: DiagnosticError.self) {
      try SnapshotReader.decode(bytes, source: expectation.file)
    }
    let got = error?.diagnostics ?? []
    #expect(got.map(\.path) == expectation.diagnostics.map(\.path))
    #expect(got.map(\.message) == expectation.diagnostics.map(\.message))
    #expect(got.allSatisfy { $0.file == expectation.file && $0.line == nil && $0.severity == .error })
  }

  /// As an NDJSON line the same input names the line, and syntax errors give
  /// only the column (the line is already in the location).
  @Test(arguments: try expectations())
  func rejectedAsStreamLine(_ expectation: Expectation) throws {
    let bytes = try TestFiles.bytes("\(Self.directory)/\(expectation.file)")
    guard !bytes.contains(0x0A) else { return }
    let error = #expect(throws: DiagnosticError.self) {
      try SnapshotReader.decode(bytes, source: "fleet.ndjson", line: 42)
    }
    let got = error?.diagnostics ?? []
    let expected = expectation.diagnostics.map { $0.message.replacingFirst("at line 1, column", with: "at column") }
    #expect(got.map(\.message) == expected)
    #expect(got.allSatisfy { $0.file == "fleet.ndjson" && $0.line == 42 })
  }

  /// Every file of the corpus has expectations, so none is silently skipped.
  @Test func everyCorpusFileIsListed() throws {
    let listed = Set(try Self.expectations().map(\.file))
    let files = try TestFiles.names(in: Self.directory).filter { $0.hasSuffix(".json") }
    #expect(Set(files) == listed)
    #expect(files.count >= 40)
  }

  @Test func renderedDescription() throws {
    let bytes = try TestFiles.bytes("\(Self.directory)/timestamp-month-13.json")
    let error = #expect(throws: DiagnosticError.self) {
      try SnapshotReader.decode(bytes, source: "worker-3.json")
    }
    #expect(error?.description == "worker-3.json: $.containers[0].createdAt: invalid RFC 3339 timestamp \"2026-13-01T00:00:00Z\"")
    let streamed = #expect(throws: DiagnosticError.self) {
      try SnapshotReader.decode(bytes, source: "fleet.ndjson", line: 7)
    }
    #expect(streamed?.description == "fleet.ndjson:7: $.containers[0].createdAt: invalid RFC 3339 timestamp \"2026-13-01T00:00:00Z\"")
  }
}
