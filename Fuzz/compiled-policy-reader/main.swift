import ReclaimCore
import ReclaimPolicy

/// libFuzzer entry: any bytes as a compiled policy (`reclaim compile`'s
/// JSON). Either a policy or diagnostics that each name the file; never a
/// crash. A policy that reads is written again and must read back as
/// itself, with the same digest and the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func test(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  switch CompiledPolicyReader.read(bytes: bytes, file: "fuzz.json") {
  case .success(let policy):
    let written = PolicyOutput.compiledJSON(policy)
    switch CompiledPolicyReader.read(bytes: written, file: "again.json") {
    case .success(let back):
      precondition(back == policy && back.digest == policy.digest, "the policy does not read back as itself")
      precondition(PolicyOutput.compiledJSON(back) == written, "the policy is not written the same way twice")
    case .failure(let error):
      preconditionFailure("a written policy does not read back: \(error.diagnostics)")
    }
  case .failure(let error):
    precondition(!error.diagnostics.isEmpty, "a rejection without a reason")
    precondition(error.diagnostics.allSatisfy { $0.file == "fuzz.json" }, "a diagnostic without its file")
  }
  return 0
}
