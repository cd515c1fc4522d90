import Foundation
import ReclaimCore
import ReclaimImport
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
      var node: String?
      do {
        node = try SnapshotReader.decode(bytes, source: "fuzz.json").node
        decoded += 1
      } catch {
        #expect(!error.diagnostics.isEmpty, "\(name)")
        #expect(error.diagnostics.count <= SnapshotReader.problemLimit + 1, "\(name)")
        #expect(error.diagnostics.allSatisfy { $0.file == "fuzz.json" }, "\(name)")
      }
      // Every scan order of the first pass; on a snapshot that decodes, the decoded node.
      for head in [0, 1024, Int.max] {
        let named = bytes.withUnsafeBufferPointer { SnapshotReader.nodeName($0, head: head) }
        if let node { #expect(named == node, "\(name), head \(head)") }
      }
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

  @Test func captureDecoders() throws {
    let inputs = try Self.corpus("capture-decoders")
    #expect(inputs.count >= 30)
    // As Fuzz/capture-decoders/main.swift: the capture files one after
    // another, each ended by a NUL byte, the last one the rest of the input.
    let files = ["containers.json", "sandboxes.json", "images.json", "summary.json", "api-pods.json", "pod-log-dirs.txt"]
    var decoded = 0
    for (name, bytes) in inputs {
      let split = bytes.split(separator: 0, maxSplits: files.count - 1, omittingEmptySubsequences: false).map(Array.init)
      func part(_ i: Int) -> (file: String, bytes: [UInt8]) { (files[i], i < split.count ? split[i] : []) }
      let given = Set(files.prefix(max(4, split.count)))
      let result = CrictlCapture.decode(
        .init(
          containers: part(0), sandboxes: part(1), images: part(2), statsSummary: part(3),
          apiPods: split.count > 4 ? part(4) : nil, podLogDirs: split.count > 5 ? part(5) : nil))
      #expect(result.diagnostics.allSatisfy { given.contains($0.file) }, "\(name)")
      guard let capture = result.capture else {
        #expect(result.diagnostics.contains { $0.severity == .error }, "\(name)")
        continue
      }
      decoded += 1
      #expect(!result.diagnostics.contains { $0.severity == .error }, "\(name)")
      let options = CrictlImporter.Options(node: "worker-1", capturedAt: Timestamp(nanoseconds: 1_796_032_800_000_000_000))
      switch CrictlImporter.snapshot(from: capture, options: options) {
      case .success(let imported):
        #expect(imported.diagnostics.allSatisfy { given.contains($0.file) }, "\(name)")
        let written = SnapshotWriter.bytes(imported.snapshot, layout: .compact)
        do throws(DiagnosticError) {
          let back = try SnapshotReader.decode(written, source: "imported.json")
          #expect(SnapshotWriter.bytes(back, layout: .compact) == written, "\(name)")
        } catch {
          // `reclaim import crictl` refuses to write such a snapshot.
          #expect(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.file == "imported.json" }, "\(name)")
        }
      case .failure(let error):
        #expect(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { given.contains($0.file) }, "\(name)")
      }
    }
    // The seeds include whole capture sets: the replay exercises both outcomes.
    #expect(decoded > 0 && decoded < inputs.count)
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
