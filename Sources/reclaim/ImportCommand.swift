import ArgumentParser
import ReclaimCore
import ReclaimIO
import ReclaimImport

/// `reclaim import`: snapshots from real captures.
struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Build a node snapshot from real captures.",
    subcommands: [CrictlImportCommand.self]
  )
}

/// `reclaim import crictl`: a snapshot from `crictl` and kubelet captures.
struct CrictlImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "crictl",
    abstract: "Build a node snapshot from crictl, Summary API and kubectl captures (docs/capture.md).",
    discussion: """
      scripts/capture-node.sh takes the captures on a node. The snapshot is canonical JSON that \
      `reclaim plan` reads unchanged. Exit codes: 0 written, 1 bad input (nothing written), \
      64 wrong usage, 74 output not writable.
      """
  )

  @Option(help: "`crictl ps -a -o json` output.")
  var containers: String

  @Option(help: "`crictl pods -o json` output.")
  var pods: String

  @Option(help: "`crictl images -o json` output.")
  var images: String

  @Option(help: "The kubelet's /stats/summary document, or its node.runtime.imageFs object.")
  var statsSummary: String

  @Option(help: "`kubectl get pods -A -o json --field-selector spec.nodeName=NODE` output: pod states; sets allSourcesReady.")
  var apiPods: String?

  @Option(help: "`ls -1 /var/log/pods` output: the pod log directories.")
  var podLogDirs: String?

  @Option(help: "The previous snapshot of this node: carries image history forward.")
  var previous: String?

  @Option(help: "Node name (default: the Summary API's node.nodeName).")
  var node: String?

  @Option(help: "The capture instant, RFC 3339 (default: now).", transform: CrictlImportCommand.timestamp)
  var capturedAt: Timestamp?

  @Option(help: "When the kubelet started, RFC 3339 (default: from the Summary API).", transform: CrictlImportCommand.timestamp)
  var kubeletStartedAt: Timestamp?

  @Option(name: .shortAndLong, help: "Write the snapshot to FILE (atomically) instead of stdout.")
  var output: String?

  static func timestamp(_ text: String) throws -> Timestamp {
    do throws(Timestamp.ParseError) {
      return try Timestamp.parse(text)
    } catch {
      throw ValidationError("\(quoted(text)) is not an RFC 3339 time (e.g. 2026-11-30T10:00:00Z)")
    }
  }

  func run() throws {
    let request = CrictlImport.Request(
      containers: containers, pods: pods, images: images, statsSummary: statsSummary, apiPods: apiPods,
      podLogDirs: podLogDirs, previous: previous, output: output, node: node, capturedAt: capturedAt,
      kubeletStartedAt: kubeletStartedAt)
    let code = CrictlImport.run(request, stdout: FileDescriptorSink(fd: 1, name: "stdout"), console: .standardError)
    if code != 0 { throw ExitCode(code) }
  }
}
