import ReclaimCore
import ReclaimPolicy
import ReclaimYAML
import ReclaimTestSupport
import Testing

/// Mangled input must always come back as diagnostics, never as a crash.
@Suite struct PolicyRobustnessTests {
  @Test func mutatedSpecExampleNeverCrashes() throws {
    let original = try PolicyTestSupport.readBytes(
      PolicyTestSupport.path("fixtures/policies/spec-example/policy.yaml"))
    var rng = SeededRandom(seed: 42)
    let alphabet: [UInt8] = Array(":-[]{}&*!|>'\"#,? \n\t0123456789abcxyz%@`".utf8) + [0x00, 0xC3, 0xFF, 0x80]
    var valid = 0
    for _ in 0..<400 {
      var bytes = original
      for _ in 0..<Int.random(in: 1...4, using: &rng) {
        let index = Int.random(in: 0..<bytes.count, using: &rng)
        switch Int.random(in: 0..<3, using: &rng) {
        case 0: bytes[index] = alphabet.randomElement(using: &rng) ?? 0x20
        case 1: bytes.remove(at: index)
        default: bytes.insert(alphabet.randomElement(using: &rng) ?? 0x20, at: index)
        }
      }
      let read = YAMLReader.read(bytes: bytes, file: "m.yaml")
      var compiler = PolicyCompiler()
      compiler.record(read.diagnostics)
      compiler.add(read.documents, file: "m.yaml")
      let result = compiler.finish(setName: "m.yaml")
      if result.policy != nil { valid += 1 }
      // Either a policy or at least one error, and every error has a place.
      #expect((result.policy != nil) == !result.diagnostics.contains { $0.severity == .error })
      for d in result.diagnostics where d.severity == .error {
        #expect(d.file == "m.yaml")
        #expect(d.line != nil || d.message.contains("4 MiB"))
      }
    }
    // Some mutations land in comments or values and stay valid; most must not.
    #expect(valid < 400)
  }

  @Test func mutatedCompiledJSONNeverCrashes() throws {
    let original = try PolicyTestSupport.readBytes(
      PolicyTestSupport.path("fixtures/policies/spec-example/policy.compiled.json"))
    let expected = try CompiledPolicyReader.read(bytes: original, file: "c.json").get()
    var rng = SeededRandom(seed: 7)
    let alphabet: [UInt8] = Array("{}[]\",:-0123456789.eE\\u \nabc".utf8) + [0xFF]
    var accepted = 0
    for _ in 0..<400 {
      var bytes = original
      let index = Int.random(in: 0..<bytes.count, using: &rng)
      bytes[index] = alphabet.randomElement(using: &rng) ?? 0x20
      if case .success(let policy) = CompiledPolicyReader.read(bytes: bytes, file: "c.json") {
        accepted += 1
        // Whatever survives the strict decoding and the digest check means the same policy.
        #expect(policy == expected)
      }
    }
    #expect(accepted < 400)
  }
}
