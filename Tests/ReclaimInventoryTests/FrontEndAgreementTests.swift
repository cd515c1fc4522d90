import ReclaimCore
import ReclaimInventory
import Testing

/// The two front ends of the one tokenizer, the snapshot decoder and
/// `JSONTreeBuilder`, agree on which texts are JSON, and on the message,
/// place and path of every syntax error.
@Suite struct FrontEndAgreementTests {
  /// What the snapshot decoder says about the syntax of `bytes`: nil when
  /// the text is JSON (it may still be an invalid snapshot), else the
  /// message ("malformed JSON: … at line L, column C") and path.
  static func decoderSyntax(_ bytes: [UInt8]) -> (message: String, path: String)? {
    do {
      _ = try SnapshotReader.decode(bytes, source: "t.json")
      return nil
    } catch {
      for d in error.diagnostics where d.message.hasPrefix("malformed JSON: ") || d.message.hasPrefix("empty input") {
        return (d.message, d.path ?? "")
      }
      return nil
    }
  }

  /// The same from the tree builder, in the decoder's words.
  static func builderSyntax(_ bytes: [UInt8]) -> (message: String, path: String)? {
    do throws(JSONParseError) {
      _ = try JSONTreeBuilder.parse(bytes)
      return nil
    } catch {
      guard error.kind == .syntax else { return nil }
      if error.message.hasPrefix("empty input") { return ("empty input (expected a JSON object)", "$") }
      return ("malformed JSON: \(error.message) at \(error.location)", error.path)
    }
  }

  static func expectAgreement(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
    let decoder = decoderSyntax(bytes)
    let builder = builderSyntax(bytes)
    #expect(decoder?.message == builder?.message, sourceLocation: sourceLocation)
    #expect(decoder?.path == builder?.path, sourceLocation: sourceLocation)
  }

  @Test(arguments: try TestFiles.names(in: "fixtures/invalid-snapshots").filter { $0.hasSuffix(".json") })
  func invalidSnapshotCorpus(_ name: String) throws {
    Self.expectAgreement(try TestFiles.bytes("fixtures/invalid-snapshots/\(name)"))
  }

  @Test func theCorpusHasSyntaxErrorsAndValidJSON() throws {
    // Guards the test above against agreeing only on "all valid".
    let names = try TestFiles.names(in: "fixtures/invalid-snapshots").filter { $0.hasSuffix(".json") }
    let broken = try names.filter { Self.builderSyntax(try TestFiles.bytes("fixtures/invalid-snapshots/\($0)")) != nil }
    #expect(broken.count >= 12)
    #expect(broken.count < names.count - 20)
  }

  @Test func mutatedValidDocuments() throws {
    var random = SnapshotFuzzTests.Random(state: 0x5EED_0001)
    var syntaxErrors = 0
    var total = 0
    for seed in try SnapshotFuzzTests.seeds() {
      for _ in 0..<400 {
        var bytes = seed
        for _ in 0...random.below(3) {
          let at = random.below(bytes.count)
          switch random.below(4) {
          case 0: bytes.remove(at: at)
          case 1: bytes.insert(SnapshotFuzzTests.interesting[random.below(SnapshotFuzzTests.interesting.count)], at: at)
          case 2: bytes[at] = SnapshotFuzzTests.interesting[random.below(SnapshotFuzzTests.interesting.count)]
          default: bytes.removeSubrange(at..<bytes.count)
          }
          if bytes.isEmpty { bytes = [0x20] }
        }
        if Self.builderSyntax(bytes) != nil { syntaxErrors += 1 }
        total += 1
        Self.expectAgreement(bytes)
      }
    }
    // Most mutations break the syntax, some do not: both sides are exercised.
    #expect(syntaxErrors > total / 2)
    #expect(syntaxErrors < total)
  }

  @Test func depthLimitIsTheSameInBothFrontEnds() {
    let limit = JSONTreeBuilder.maximumDepth
    let tooDeep = Array(("{\"pods\":" + String(repeating: "[", count: limit) + String(repeating: "]", count: limit) + "}").utf8)
    Self.expectAgreement(tooDeep)
    #expect(Self.decoderSyntax(tooDeep)?.message.hasPrefix("malformed JSON: nesting deeper than \(limit) levels") == true)
    let deepest = Array(("{\"x\":" + String(repeating: "[", count: limit - 1) + String(repeating: "]", count: limit - 1) + "}").utf8)
    #expect(Self.decoderSyntax(deepest) == nil)
    #expect(Self.builderSyntax(deepest) == nil)
  }
}
