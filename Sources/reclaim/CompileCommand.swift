import ArgumentParser
import ReclaimBatch
import ReclaimCore
import ReclaimPolicy

/// `reclaim compile`: writes the compiled policy, or a kubelet configuration.
struct CompileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compile",
    abstract: "Write the compiled policy (canonical JSON) or a KubeletConfiguration fragment.",
    discussion: "Exit status: 0 ok, 1 invalid policy, 64 usage error, 74 output not writable."
  )

  enum Emit: String, ExpressibleByArgument, CaseIterable {
    case compiled
    case kubeletConfig = "kubelet-config"
  }

  @Argument(help: "Policy files or directories (default: policies/), or one compiled JSON file.")
  var paths: [String] = []

  @Option(name: .shortAndLong, help: "Write to FILE (atomically) instead of stdout.")
  var output: String?

  @Option(help: "What to write: compiled or kubelet-config.")
  var emit: Emit = .compiled

  func run() throws {
    let paths = self.paths.isEmpty ? ["policies/"] : self.paths
    let check = PolicyLoader.check(paths: paths)
    for diagnostic in check.diagnostics { PolicyConsole.error(diagnostic.description) }
    guard let policy = check.policy else { throw ExitCode(1) }
    let bytes: [UInt8]
    switch emit {
    case .compiled:
      bytes = PolicyOutput.compiledJSON(policy)
    case .kubeletConfig:
      let config = PolicyOutput.kubeletConfig(policy)
      for warning in config.warnings { PolicyConsole.error("warning: \(warning)") }
      for note in config.notes { PolicyConsole.error("note: \(note)") }
      bytes = Array(config.text.utf8)
    }
    guard let output else {
      if !PolicyConsole.outBytes(bytes) {
        PolicyConsole.error("error: cannot write to standard output")
        throw ExitCode(74)
      }
      return
    }
    do {
      try AtomicFile.write(bytes, to: output)
    } catch {
      PolicyConsole.error("error: \(error)")
      throw ExitCode(74)
    }
  }
}
