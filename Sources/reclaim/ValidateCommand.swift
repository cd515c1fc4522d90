import ArgumentParser
import ReclaimCore
import ReclaimIO
import ReclaimPolicy

/// `reclaim validate`: checks a policy set and reports every problem.
struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a policy set and print every problem.",
    discussion: "Exit status: 0 valid, 1 invalid policy, 64 usage error."
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, github
  }

  @Argument(help: "Policy files or directories (default: policies/), or one compiled JSON file.")
  var paths: [String] = []

  @Option(help: "Output format: text, json or github.")
  var format: Format = .text

  func run() throws {
    let paths = try PolicyPaths.resolve(self.paths)
    let check = PolicyLoader.check(paths: paths)
    let stdout = FileDescriptorSink(fd: 1, name: "stdout")
    switch format {
    case .text:
      Console.standardError.report(check.diagnostics)
      try? stdout.write(PolicyReport.verdict(check, paths: paths) + "\n")
    case .json:
      try? stdout.write(PolicyReport.json(check).canonicalBytes(.indented))
    case .github:
      let lines = PolicyReport.github(check.diagnostics)
      if !lines.isEmpty { try? stdout.write(lines.joined(separator: "\n") + "\n") }
    }
    if check.policy == nil { throw ExitCode(1) }
  }
}
