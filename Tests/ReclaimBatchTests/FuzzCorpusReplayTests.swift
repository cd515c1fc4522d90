import Foundation
import ReclaimCore
import ReclaimInventory
import ReclaimPolicy
import ReclaimYAML
import Testing

/// Every committed fuzz input (Fuzz/*/corpus), replayed once without
/// mutation, with the invariants the fuzz targets check: a crash that
/// fuzzing found and that was fixed stays fixed (docs/fuzzing.md).
@Suite struct FuzzCorpusReplayTests {
  static func corpus(_ target: String) throws -> [(String, [UInt8])] {
    let dir = CLI.fixture("Fuzz/\(target)/corpus")
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasPrefix(".") }.sorted()
    return try names.map { ($0, [UInt8](try Data(contentsOf: dir.appendingPathComponent($0)))) }
  }

  @Test func snapshotReader() throws {
    let inputs = try Self.corpus("snapshot-reader")
    #expect(inputs.count >= 50)
    var decoded = 0
    for (name, bytes) in inputs {
      do {
        _ = try SnapshotReader.decode(bytes, source: "fuzz.json")
        decoded += 1
      } catch {
        #expect(!error.diagnostics.isEmpty, "\(name)")
        #expect(error.diagnostics.count <= SnapshotReader.problemLimit + 1, "\(name)")
        #expect(error.diagnostics.allSatisfy { $0.file == "fuzz.json" }, "\(name)")
      }
      _ = bytes.withUnsafeBufferPointer { SnapshotReader.nodeName($0) }
    }
    // The seeds include valid snapshots: the replay exercises both outcomes.
    #expect(decoded > 0 && decoded < inputs.count)
  }

  @Test func policyCompiler() throws {
    let inputs = try Self.corpus("policy-compiler")
    #expect(inputs.count >= 30)
    var compiled = 0
    for (name, bytes) in inputs {
      let read = YAMLReader.read(bytes: bytes, file: "fuzz.yaml")
      var compiler = PolicyCompiler()
      compiler.record(read.diagnostics)
      compiler.add(read.documents, file: "fuzz.yaml")
      let compilation = compiler.finish(setName: "fuzz.yaml")
      #expect(compilation.diagnostics.allSatisfy { $0.file == "fuzz.yaml" }, "\(name)")
      guard let policy = compilation.policy else { continue }
      compiled += 1
      let back = try CompiledPolicyReader.read(bytes: PolicyOutput.compiledJSON(policy), file: "c.json").get()
      #expect(back == policy && back.digest == policy.digest, "\(name)")
    }
    #expect(compiled > 0 && compiled < inputs.count)
  }

  @Test func compiledPolicyReader() throws {
    let inputs = try Self.corpus("compiled-policy-reader")
    #expect(inputs.count >= 3)
    for (name, bytes) in inputs {
      switch CompiledPolicyReader.read(bytes: bytes, file: "fuzz.json") {
      case .success(let policy):
        let written = PolicyOutput.compiledJSON(policy)
        let back = try CompiledPolicyReader.read(bytes: written, file: "again.json").get()
        #expect(back == policy && back.digest == policy.digest, "\(name)")
        #expect(PolicyOutput.compiledJSON(back) == written, "\(name)")
      case .failure(let error):
        #expect(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.file == "fuzz.json" }, "\(name)")
      }
    }
  }
}
