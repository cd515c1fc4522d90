import ReclaimCore
import ReclaimPolicy
import ReclaimYAML

/// libFuzzer entry: any bytes as one YAML policy file through the reader and
/// the compiler. Either a compiled policy or diagnostics that each name the
/// file; never a crash. A compiled policy survives its own round trip: its
/// canonical JSON reads back to the same policy and digest.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let read = YAMLReader.read(bytes: bytes, file: "fuzz.yaml")
  var compiler = PolicyCompiler()
  compiler.record(read.diagnostics)
  compiler.add(read.documents, file: "fuzz.yaml")
  let compilation = compiler.finish(setName: "fuzz.yaml")
  precondition(compilation.diagnostics.allSatisfy { $0.file == "fuzz.yaml" }, "a diagnostic without its file")
  if let policy = compilation.policy {
    let json = PolicyOutput.compiledJSON(policy)
    switch CompiledPolicyReader.read(bytes: json, file: "compiled.json") {
    case .success(let back):
      precondition(back == policy, "the compiled policy does not read back as itself")
      precondition(back.digest == policy.digest, "the digest changed on the round trip")
    case .failure(let error):
      preconditionFailure("the compiled policy does not read back: \(error.diagnostics)")
    }
  }
  return 0
}
