import Foundation
import ReclaimInventory
import Testing

/// `scripts/capture-node.sh` as an operator runs it on a node, with `crictl`
/// and `kubectl` stood in for by scripts that print a bundled capture set:
/// the command it prints imports, and the snapshot plans, without edits.
@Suite struct CaptureScriptTests {
  /// A bin directory with fake `crictl`, `kubectl`, and `reclaim` (the built
  /// executable), and a pod log directory like the node's.
  static func fakeNode(_ root: URL, set: String) throws -> (path: String, logs: URL) {
    let bin = root.appendingPathComponent("bin"), logs = root.appendingPathComponent("var-log-pods")
    try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
    let fixture = CLI.fixture("fixtures/crictl/\(set)").path
    let crictl = """
      #!/bin/sh
      case "$*" in
      "ps -a -o json") cat '\(fixture)/containers.json' ;;
      "pods -o json") cat '\(fixture)/sandboxes.json' ;;
      "images -o json") cat '\(fixture)/images.json' ;;
      "imagefsinfo -o json") cat '\(fixture)/imagefsinfo.json' ;;
      --version) echo 'crictl version v1.30.1' ;;
      version) echo 'RuntimeName:  containerd' ;;
      *) echo "fake crictl: unexpected $*" >&2; exit 2 ;;
      esac
      """
    let kubectl = """
      #!/bin/sh
      case "$*" in
      "get --raw /api/v1/nodes/worker-ctd-03/proxy/stats/summary") cat '\(fixture)/summary.json' ;;
      "get pods -A -o json --field-selector spec.nodeName=worker-ctd-03") cat '\(fixture)/api-pods.json' ;;
      *) echo "fake kubectl: unexpected $*" >&2; exit 2 ;;
      esac
      """
    for (name, text) in [("crictl", crictl), ("kubectl", kubectl)] {
      let url = bin.appendingPathComponent(name)
      try Data(text.utf8).write(to: url)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }
    let exe = try #require(CLI.executable)
    try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("reclaim"), withDestinationURL: exe)
    let names = try String(contentsOfFile: "\(fixture)/pod-log-dirs.txt", encoding: .utf8).split(separator: "\n")
    for name in names {
      try FileManager.default.createDirectory(at: logs.appendingPathComponent(String(name)), withIntermediateDirectories: true)
    }
    return (bin.path + ":/usr/bin:/bin", logs)
  }

  static func sh(_ script: String, env: [String: String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.environment = env
    process.currentDirectoryURL = CLI.root
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
  }

  @Test func captureImportPlan() throws {
    let root = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: root) }
    let node = try Self.fakeNode(root, set: "containerd")
    let env = ["PATH": node.path, "POD_LOG_DIR": node.logs.path, "HOME": root.path]
    let dir = root.appendingPathComponent("capture")
    let capture = try Self.sh("sh scripts/capture-node.sh -n worker-ctd-03 -o '\(dir.path)'", env: env)
    #expect(capture.status == 0, "\(capture.stderr)")
    for name in [
      "captured-at.txt", "containers.json", "sandboxes.json", "images.json", "imagefsinfo.json", "crictl-version.txt",
      "pod-log-dirs.txt", "summary.json", "api-pods.json",
    ] {
      #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent(name).path), "\(name)")
    }
    // No temporary file is left behind.
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") }
    #expect(leftovers.isEmpty)
    // The printed command, run as printed.
    let command = capture.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(command.hasPrefix("reclaim import crictl --node worker-ctd-03"))
    let imported = try Self.sh(command, env: env)
    #expect(imported.status == 0, "\(imported.stderr)")
    let snapshot = dir.appendingPathComponent("snapshot.json").path
    let s = try SnapshotReader.decode(try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot))), source: snapshot)
    #expect(s.node == "worker-ctd-03" && s.allSourcesReady)
    // `ls -1` of the fake /var/log/pods gave back every directory.
    let listed = try String(contentsOfFile: CLI.fixture("fixtures/crictl/containerd/pod-log-dirs.txt").path, encoding: .utf8)
    #expect(s.podLogDirs == listed.split(separator: "\n").map(String.init).sorted())
    let plan = try CLI.run(["plan", "--policy", "policies", "--format", "ndjson", snapshot])
    #expect(plan.status == 0, "\(plan.stderr)")
    // A second capture into the same directory is refused, not mixed in.
    let again = try Self.sh("sh scripts/capture-node.sh -n worker-ctd-03 -o '\(dir.path)'", env: env)
    #expect(again.status == 1)
    #expect(again.stderr.contains("already holds a capture"))
  }
}
