import Foundation
import Testing

/// The README's install steps: completion scripts come from the binary and
/// know every command.
@Suite struct CompletionTests {
  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScriptsNameEveryCommand(shell: String) throws {
    let r = try CLI.run(["--generate-completion-script", shell])
    #expect(r.status == 0, "\(r.stderr)")
    for command in ["validate", "compile", "plan", "diff", "merge", "generate", "import"] {
      #expect(r.stdout.contains(command), "\(shell) completions lack \(command)")
    }
  }
}
