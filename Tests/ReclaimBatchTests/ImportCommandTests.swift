import Foundation
import ReclaimCore
import ReclaimIO
import ReclaimImport
import ReclaimInventory
import ReclaimTestSupport
import Testing

/// `reclaim import crictl` as a user runs it: the bundled capture sets
/// import and plan to their golden files, history carries forward across
/// captures, and bad input gets a message naming the file and exit 1 with
/// nothing written. Regenerate goldens with `RECLAIM_UPDATE_GOLDEN=1`.
@Suite struct ImportCommandTests {
  /// A bundled capture set and what its README says to pass.
  struct CaptureSet: Sendable, CustomStringConvertible {
    var directory: String
    var extra: [String]
    var description: String { directory }

    func arguments(output: String? = nil, apiPods: Bool = true, previous: String? = nil) -> [String] {
      let d = "fixtures/crictl/\(directory)"
      var args = [
        "import", "crictl", "--containers", "\(d)/containers.json", "--pods", "\(d)/sandboxes.json",
        "--images", "\(d)/images.json", "--stats-summary", "\(d)/summary.json",
      ]
      if apiPods, FileManager.default.fileExists(atPath: CLI.fixture("\(d)/api-pods.json").path) {
        args += ["--api-pods", "\(d)/api-pods.json"]
      }
      if FileManager.default.fileExists(atPath: CLI.fixture("\(d)/pod-log-dirs.txt").path) {
        args += ["--pod-log-dirs", "\(d)/pod-log-dirs.txt"]
      }
      if let previous { args += ["--previous", previous] }
      if let output { args += ["-o", output] }
      return args + extra
    }
  }

  /// Compares `bytes` with the golden file at `path` (`Golden`).
  static func golden(_ bytes: [UInt8], _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    try Golden.check(bytes, path, sourceLocation: sourceLocation)
  }

  static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
    let url = dir.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
  }

  static let sets = [
    CaptureSet(directory: "containerd", extra: ["--node", "worker-ctd-03", "--captured-at", "2026-11-30T10:00:00Z"]),
    // Its summary.json is only the imageFs object: no node name, no kubelet start.
    CaptureSet(
      directory: "cri-o",
      extra: [
        "--node", "worker-crio-01", "--captured-at", "2026-12-01T15:30:00Z", "--kubelet-started-at",
        "2026-11-27T03:14:09Z",
      ]),
  ]

  /// capture → import → plan, end to end, against golden snapshots and
  /// manifests in both modes.
  @Test(arguments: sets)
  func captureSetImportsAndPlans(_ set: CaptureSet) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let snapshot = dir.appendingPathComponent("\(set.directory).json").path
    let r = try CLI.run(set.arguments(output: snapshot))
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stderr.contains(": error"), "\(r.stderr)")
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: snapshot)))
    try Self.golden(bytes, "fixtures/crictl/expected/\(set.directory).snapshot.json")
    // The snapshot is what `reclaim plan` takes unchanged.
    for mode in ["periodic", "disk-pressure"] {
      let out = dir.appendingPathComponent("out-\(mode)")
      let plan = try CLI.run(["plan", "--policy", "policies", "--mode", mode, "--explain", "--out", out.path, snapshot])
      #expect(plan.status == 0, "\(plan.stderr)")
      let node = try #require(set.extra.firstIndex(of: "--node").map { set.extra[$0 + 1] })
      let manifest = try [UInt8](Data(contentsOf: out.appendingPathComponent("\(node).json")))
      try Self.golden(manifest, "fixtures/crictl/expected/\(set.directory).\(mode).json")
    }
  }

  /// The captures' own facts survive the import: every state, the
  /// unlabelled container, pods gone from the API, resolved image refs.
  @Test(arguments: sets)
  func captureSetMapsAsItsREADMESays(_ set: CaptureSet) throws {
    let r = try CLI.run(set.arguments())
    #expect(r.status == 0, "\(r.stderr)")
    let s = try SnapshotReader.decode(r.stdoutBytes, source: "-")
    #expect(s.allSourcesReady)
    #expect(Set(s.containers.map(\.state)) == Set(NodeSnapshot.Container.State.allCases))
    #expect(Set(s.pods.map(\.state)) == Set(NodeSnapshot.Pod.State.allCases))
    // One container without kubelet labels: no pod, name "".
    #expect(s.containers.filter { $0.podUid == nil }.map(\.name) == [""])
    let ids = Set(s.images.map(\.id))
    let unresolved = s.containers.filter { !ids.contains($0.imageId) }
    #expect(unresolved.count == (set.directory == "containerd" ? 1 : 0), "\(unresolved.map(\.id))")
    #expect(s.images.contains { $0.pinned })
    #expect(!s.podLogDirs.isEmpty)
    // No capture here was taken without -a.
    #expect(!r.stderr.contains("every container is running"))
  }

  /// `history/`: four captures an hour apart, each imported with the one
  /// before as `--previous`; the records are those its README derives from
  /// the kubelet's `detectImages`.
  @Test func historyCarriesForwardAndARestartResets() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let P = "sha256:9f460e2e515afab6f64245edbf0872e7e2116f20774bfa9e5b4c971a4f063dee"
    let A = "sha256:1d4f43b0c1ca55e061436986b77cc32d7541ae443deddf5475b7b1b71c81ca22"
    let B = "sha256:7b59421d13d503d37b7bcbdc69fa9c48772fd081a234e45ab252061af4e5f4f7"
    let R = "sha256:8cb500f6167e7e7be8575b8ee8ae1fdd79c22dd1def357cbde24826a2b4faa2b"
    let U = "sha256:8cca6f48e8484acd4325742732841be9edb23fbcf1df13dbcdd63039874d5b27"
    let N = "sha256:d035ffc459d526e1b67172a343c8df172a873a3cbdba4ed559e8ae26c7628401"
    let k = "2026-12-01T22:00:00Z"
    let expected: [(capture: String, at: String, records: [String: String])] = [
      ("1", "2026-12-02T08:00:00Z", [
        P: "- - []", A: "- 2026-12-02T08:00:00Z [kube-system]", B: "- 2026-12-02T08:00:00Z [shop]", R: "- - []",
        U: "- 2026-12-02T08:00:00Z [ci-runner-a]",
      ]),
      ("2", "2026-12-02T09:00:00Z", [
        P: "\(k) - []", A: "\(k) 2026-12-02T09:00:00Z [kube-system]", B: "\(k) 2026-12-02T08:00:00Z [shop]",
        R: "\(k) - []", U: "\(k) 2026-12-02T08:00:00Z [ci-runner-a]",
        N: "2026-12-02T09:00:00Z 2026-12-02T09:00:00Z [ci-runner-a]",
      ]),
      ("3", "2026-12-02T10:00:00Z", [
        P: "\(k) - []", A: "\(k) 2026-12-02T10:00:00Z [kube-system]", B: "\(k) 2026-12-02T08:00:00Z [shop]",
        U: "\(k) 2026-12-02T10:00:00Z [ci-runner-a ci-runner-b]",
        N: "2026-12-02T09:00:00Z 2026-12-02T10:00:00Z [ci-runner-a ci-runner-b]",
      ]),
      ("4-restart", "2026-12-02T11:00:00Z", [
        P: "- - []", A: "- 2026-12-02T11:00:00Z [kube-system]", B: "- - []", U: "- 2026-12-02T11:00:00Z [ci-runner-b]",
        N: "- 2026-12-02T11:00:00Z [ci-runner-b ci-runner-c]",
      ]),
    ]
    var previous: String?
    for step in expected {
      let set = CaptureSet(directory: "history/\(step.capture)", extra: ["--captured-at", step.at])
      let out = dir.appendingPathComponent("out-\(step.capture).json").path
      let r = try CLI.run(set.arguments(output: out, previous: previous))
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("the kubelet restarted") == (step.capture == "4-restart"), "\(r.stderr)")
      let s = try SnapshotReader.decode(try [UInt8](Data(contentsOf: URL(fileURLWithPath: out))), source: out)
      #expect(s.node == "hist-node-1")
      let records = Dictionary(
        uniqueKeysWithValues: s.images.map {
          ($0.id, "\($0.firstDetectedAt?.description ?? "-") \($0.lastUsedAt?.description ?? "-") [\($0.namespaces.joined(separator: " "))]")
        })
      #expect(records == step.records, "capture \(step.capture)")
      previous = out
    }
  }

  // MARK: - Bad input

  /// A minimal valid capture set in a scratch directory, with one file
  /// replaced by `replacing`.
  static func scratchSet(_ dir: URL, replacing: [String: String] = [:]) throws -> [String] {
    var files = [
      "containers.json": #"{"containers": [{"id": "c1", "podSandboxId": "s1", "metadata": {"name": "app", "attempt": 0}, "image": {"image": "sha256:1"}, "imageRef": "sha256:1", "state": "CONTAINER_EXITED", "createdAt": "1795946400000000000", "labels": {"io.kubernetes.pod.uid": "u1", "io.kubernetes.pod.namespace": "shop", "io.kubernetes.pod.name": "web", "io.kubernetes.container.name": "app"}}]}"#,
      "sandboxes.json": #"{"items": [{"id": "s1", "metadata": {"name": "web", "uid": "u1", "namespace": "shop", "attempt": 0}, "state": "SANDBOX_NOTREADY", "createdAt": "1795940000000000000"}]}"#,
      "images.json": #"{"images": [{"id": "sha256:1", "repoTags": ["shop/web:1"], "repoDigests": [], "size": "1000", "uid": null, "spec": null, "pinned": false}]}"#,
      "summary.json": #"{"node": {"nodeName": "worker-1", "systemContainers": [{"name": "kubelet", "startTime": "2026-11-20T08:00:00Z"}], "runtime": {"imageFs": {"availableBytes": 10, "capacityBytes": 100}}}}"#,
    ]
    for (name, text) in replacing { files[name] = text }
    var paths: [String: String] = [:]
    for (name, text) in files { paths[name] = try write(text, name, in: dir) }
    return [
      "import", "crictl", "--containers", paths["containers.json"]!, "--pods", paths["sandboxes.json"]!,
      "--images", paths["images.json"]!, "--stats-summary", paths["summary.json"]!,
      "--captured-at", "2026-11-30T10:00:00Z",
    ]
  }

  @Test func aValidScratchSetImportsAndPlans() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("snapshot.json").path
    let r = try CLI.run(try Self.scratchSet(dir) + ["-o", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    let plan = try CLI.run(["plan", "--policy", "policies", "--format", "ndjson", out])
    #expect(plan.status == 0, "\(plan.stderr)")
    #expect(plan.stdout.contains(#""node":"worker-1""#))
    // Without -o, the snapshot goes to stdout, byte-identical.
    let stdout = try CLI.run(try Self.scratchSet(dir))
    #expect(stdout.status == 0)
    #expect(stdout.stdoutBytes == (try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))))
  }

  @Test(arguments: [
    ("containers.json", #"{"images": []}"#, "containers.json: $: expected `crictl ps -a -o json` output, but this looks like `crictl images -o json` output; pass it as --images"),
    ("containers.json", #"{"status": {"id": "c1"}, "info": {}}"#, "containers.json: $: expected `crictl ps -a -o json` output, but this looks like `crictl inspect` output"),
    ("images.json", "{\"images\": [\n  {\"id\": \"sha256:1\", \"size\": \"10", "images.json:2:"),
    ("summary.json", #"{"node": {"nodeName": "worker-1", "runtime": {"imageFs": {"availableBytes": 10}}}}"#, "summary.json: $.node.runtime.imageFs.capacityBytes: missing capacityBytes"),
    ("sandboxes.json", #"{"items": [{"id": "s1", "metadata": {"uid": "u1"}, "state": "SANDBOX_READY", "createdAt": "-x"}]}"#, #"sandboxes.json: $.items[0].createdAt: expected an integer within int64, got the string "-x""#),
  ])
  func badCaptureExitsOneAndWritesNothing(file: String, text: String, message: String) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("snapshot.json")
    let args = try Self.scratchSet(dir, replacing: [file: text])
    let r = try CLI.run(args + ["-o", out.path])
    #expect(r.status == 1)
    #expect(r.stderr.contains(message), "\(r.stderr)")
    #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack"))
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(r.stdout.isEmpty)
  }

  @Test func aPreviousSnapshotOfAnotherNodeIsRefused() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = dir.appendingPathComponent("first.json").path
    #expect(try CLI.run(try Self.scratchSet(dir) + ["-o", first]).status == 0)
    let other = try String(contentsOfFile: first, encoding: .utf8).replacingOccurrences(
      of: #""node":"worker-1""#, with: #""node":"worker-2""#)
    let previous = try Self.write(other, "other.json", in: dir)
    let out = dir.appendingPathComponent("second.json").path
    let r = try CLI.run(try Self.scratchSet(dir) + ["--previous", previous, "-o", out])
    #expect(r.status == 1)
    #expect(r.stderr.contains(#"other.json: $.node: the previous snapshot is of node "worker-2", not "worker-1""#), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
    // A previous file that is not a snapshot at all is the reader's error.
    let notSnapshot = try CLI.run(try Self.scratchSet(dir) + ["--previous", dir.appendingPathComponent("images.json").path])
    #expect(notSnapshot.status == 1)
    #expect(notSnapshot.stderr.contains("images.json: $"), "\(notSnapshot.stderr)")
  }

  @Test func usageErrorsExit64() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var args = try Self.scratchSet(dir)
    let missing = try CLI.run(Array(args.prefix(6)))  // no --images, --stats-summary
    #expect(missing.status == 64)
    #expect(missing.stderr.contains("--images"), "\(missing.stderr)")
    args[args.count - 1] = "yesterday"
    let badTime = try CLI.run(args)
    #expect(badTime.status == 64)
    #expect(badTime.stderr.contains(#""yesterday" is not an RFC 3339 time"#), "\(badTime.stderr)")
    let noFile = try CLI.run(try Self.scratchSet(dir) + ["--api-pods", dir.appendingPathComponent("absent.json").path])
    #expect(noFile.status == 1)
    #expect(noFile.stderr.contains("absent.json: error: cannot read:"), "\(noFile.stderr)")
  }

  @Test func anUnwritableOutputExits74() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(try Self.scratchSet(dir) + ["-o", dir.appendingPathComponent("missing/dir/s.json").path])
    #expect(r.status == 74)
    #expect(r.stderr.contains("error:"), "\(r.stderr)")
    // In process: a standard output that fails.
    let args = try Self.scratchSet(dir)
    let request = CrictlImport.Request(
      containers: args[3], pods: args[5], images: args[7], statsSummary: args[9],
      capturedAt: try Timestamp.parse("2026-11-30T10:00:00Z"))
    let err = MemorySink()
    #expect(CrictlImport.run(request, stdout: MemorySink(failAfter: 0), console: Console(err)) == 74)
    #expect(err.text.contains("error:"))
    let ok = MemorySink()
    #expect(CrictlImport.run(request, stdout: ok, console: Console(MemorySink())) == 0)
    let snapshot = try SnapshotReader.decode(ok.bytes, source: "-")
    #expect(snapshot.node == "worker-1" && snapshot.containers.count == 1)
  }
}
