import ArgumentParser
import ReclaimBatch
import ReclaimIO

extension PolicyTestFormat: ExpressibleByArgument {}

/// `reclaim test`: runs the `PolicyTest` documents of policy sets.
struct TestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "test",
    abstract: "Run the PolicyTest documents of policy sets: plan their snapshots and check what is deleted.",
    discussion: """
      Each DIR is a policy set; every PolicyTest document under it tests that set, unless its \
      spec.policy names another policy. Tests run by file path, then document order. Exit codes: \
      0 every test passed, 1 a test failed or a test document, policy or snapshot is invalid (then \
      no test is run), 64 wrong usage, 74 output not writable.
      """
  )

  @Argument(help: "Policy set directories (default: policies/).")
  var directories: [String] = []

  @Option(help: "Output format: text, junit or github.")
  var format: PolicyTestFormat = .text

  func run() throws {
    let paths = try PolicyPaths.resolve(directories)
    let status = PolicyTestRunner.run(
      directories: paths, format: format, output: FileDescriptorSink(fd: 1, name: "stdout"), console: .standardError)
    throw ExitCode(status)
  }
}
