import ArgumentParser
import ReclaimBatch
import ReclaimCore
import ReclaimIO
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
    let paths = try PolicyPaths.resolve(self.paths)
    let check = PolicyLoader.check(paths: paths)
    let console = Console.standardError
    console.report(check.diagnostics)
    guard let policy = check.policy else { throw ExitCode(1) }
    let bytes: [UInt8]
    switch emit {
    case .compiled:
      bytes = PolicyOutput.compiledJSON(policy)
    case .kubeletConfig:
      let config = PolicyOutput.kubeletConfig(policy)
      for warning in config.warnings { console.line("warning: \(warning)") }
      for note in config.notes { console.line("note: \(note)") }
      bytes = Array(config.text.utf8)
    }
    guard let output else {
      do {
        try FileDescriptorSink(fd: 1, name: "stdout").write(bytes)
      } catch {
        console.line("error: \(error)")
        throw ExitCode(74)
      }
      return
    }
    do {
      try AtomicFile.write(bytes, to: output)
    } catch {
      console.line("error: \(error)")
      throw ExitCode(74)
    }
  }
}
