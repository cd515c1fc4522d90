import Foundation
import ReclaimBatch
import ReclaimEngine
import Testing

@testable import ReclaimInventory

/// Keeps docs/reference/ true to the code: every reason, warning and error
/// code, every snapshot field and state, every command and flag is
/// documented (as `code`); the worked example is what Reclaim writes today;
/// links resolve; and nothing points at files users do not have.
///
/// The lists come from the code (`CaseIterable` enums, the snapshot
/// reader's field enums, the built executable's `--help`), so a code, field
/// or flag added without documentation fails here.
@Suite struct ReferenceDocsTests {
  static let reference = CLI.root.appendingPathComponent("docs/reference")
  static let examples = "docs/reference/examples"

  static func text(_ page: String) throws -> String {
    try String(contentsOf: reference.appendingPathComponent(page), encoding: .utf8)
  }

  /// The names of `codes` that `page` does not show as `code`.
  static func missing(_ codes: [String], in page: String) -> [String] {
    codes.filter { !page.contains("`\($0)`") }
  }

  // MARK: - Codes

  @Test func everyReasonIsInOutputMD() throws {
    let page = try Self.text("output.md")
    let reasons =
      ContainerDeletionReason.allCases.map(\.rawValue) + ContainerKeptReason.allCases.map(\.rawValue)
      + SandboxDeletionReason.allCases.map(\.rawValue) + SandboxKeptReason.allCases.map(\.rawValue)
      + PodLogDirDeletionReason.allCases.map(\.rawValue) + ImageDeletionReason.allCases.map(\.rawValue)
      + ImageKeptReason.allCases.map(\.rawValue)
    let undocumented = Self.missing(reasons, in: page)
    #expect(undocumented.isEmpty, "reasons not documented in docs/reference/output.md: \(undocumented)")
    // Each reason has its row in the table of its kind: "| object | `reason` |".
    let rows: [(String, [String])] = [
      ("container", ContainerDeletionReason.allCases.map(\.rawValue) + ContainerKeptReason.allCases.map(\.rawValue)),
      ("sandbox", SandboxDeletionReason.allCases.map(\.rawValue) + SandboxKeptReason.allCases.map(\.rawValue)),
      ("pod log directory", PodLogDirDeletionReason.allCases.map(\.rawValue)),
      ("image", ImageDeletionReason.allCases.map(\.rawValue) + ImageKeptReason.allCases.map(\.rawValue)),
    ]
    for (object, codes) in rows {
      let absent = codes.filter { !page.contains("| \(object) | `\($0)` |") }
      #expect(absent.isEmpty, "no \(object) row in docs/reference/output.md's reason tables for \(absent)")
    }
  }

  @Test func everyWarningAndErrorCodeIsInOutputMD() throws {
    let page = try Self.text("output.md")
    let absent = PlanMessage.Code.allCases.map(\.rawValue).filter { !page.contains("| `\($0)` |") }
    #expect(absent.isEmpty, "no row in docs/reference/output.md's warning and error table for \(absent)")
  }

  // MARK: - Snapshot

  @Test func everySnapshotFieldIsInSnapshotMD() throws {
    let page = try Self.text("snapshot.md")
    func keys<F: SnapshotField>(_: F.Type) -> [String] { F.allCases.map { "\($0.key)" } }
    let fields: [(String, [String])] = [
      ("top level", keys(TopLevelField.self)), ("imageFs", keys(ImageFsField.self)), ("pods[]", keys(PodField.self)),
      ("sandboxes[]", keys(SandboxField.self)), ("containers[]", keys(ContainerField.self)),
      ("images[]", keys(ImageField.self)),
    ]
    for (object, names) in fields {
      #expect(!names.isEmpty)
      let absent = names.filter { !page.contains("| `\($0)` |") }
      #expect(absent.isEmpty, "\(object) fields without a row in docs/reference/snapshot.md: \(absent)")
    }
  }

  @Test func everyStateIsInSnapshotMD() throws {
    let page = try Self.text("snapshot.md")
    let states =
      NodeSnapshot.Pod.State.allCases.map(\.rawValue) + NodeSnapshot.Sandbox.State.allCases.map(\.rawValue)
      + NodeSnapshot.Container.State.allCases.map(\.rawValue)
    let undocumented = Self.missing(states, in: page)
    #expect(undocumented.isEmpty, "states not documented in docs/reference/snapshot.md: \(undocumented)")
    let semantics = try Self.text("semantics.md")
    let podStates = NodeSnapshot.Pod.State.allCases.map(\.rawValue).filter { !semantics.contains("| `\($0)` |") }
    #expect(podStates.isEmpty, "pod states without a row in the pod state table of docs/reference/semantics.md")
  }

  // MARK: - Command line

  /// The subcommands listed by `reclaim PATH --help`.
  static func subcommands(of path: [String]) throws -> [String] {
    let help = try CLI.run(path + ["--help"])
    #expect(help.status == 0, "reclaim \(path.joined(separator: " ")) --help: \(help.stderr)")
    guard let section = help.stdout.range(of: "SUBCOMMANDS:\n") else { return [] }
    var names: [String] = []
    for line in help.stdout[section.upperBound...].split(separator: "\n", omittingEmptySubsequences: false) {
      if line.isEmpty { break }
      // A subcommand's line is indented by two; deeper lines continue its abstract.
      guard line.hasPrefix("  "), !line.hasPrefix("   ") else { continue }
      if let name = line.split(separator: " ").first { names.append(String(name)) }
    }
    return names
  }

  /// The long flags in the OPTIONS section of `reclaim PATH --help`.
  static func flags(of path: [String]) throws -> [String] {
    let help = try CLI.run(path + ["--help"])
    guard let section = help.stdout.range(of: "OPTIONS:\n") else { return [] }
    var end = help.stdout.endIndex
    if let sub = help.stdout.range(of: "SUBCOMMANDS:", range: section.upperBound..<end) { end = sub.lowerBound }
    var flags: [String] = []
    for line in help.stdout[section.upperBound..<end].split(separator: "\n") {
      let trimmed = line.drop { $0 == " " }
      guard trimmed.hasPrefix("-") else { continue }
      // `-o, --output <output>`, `--progress/--no-progress`; the abstract
      // follows after two spaces or more.
      let names = trimmed.range(of: "  ").map { trimmed[..<$0.lowerBound] } ?? trimmed
      for token in names.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "/" }) where token.hasPrefix("--") {
        flags.append(String(token))
      }
    }
    return flags.filter { $0 != "--help" && $0 != "--version" }
  }

  @Test func everyCommandAndFlagIsInCliMD() throws {
    let page = try Self.text("cli.md")
    var pending: [[String]] = try Self.subcommands(of: []).map { [$0] }
    #expect(pending.count >= 7, "reclaim --help lists \(pending)")
    var seen = 0
    while let path = pending.popLast() {
      seen += 1
      let command = "reclaim " + path.joined(separator: " ")
      let sub = try Self.subcommands(of: path)
      pending += sub.map { path + [$0] }
      #expect(page.contains("`\(command)`") || page.contains("`\(command) "), "\(command) is not in docs/reference/cli.md")
      // A command that only groups others has no section of its own.
      guard sub.isEmpty else { continue }
      #expect(page.contains("## `\(command)`"), "docs/reference/cli.md has no section \"## `\(command)`\"")
      let absent = try Self.flags(of: path).filter { !page.contains("`\($0)") }
      #expect(absent.isEmpty, "\(command): flags not documented in docs/reference/cli.md: \(absent)")
    }
    #expect(seen >= 8)
  }

  @Test func everyModeAndFormatIsInCliMD() throws {
    let page = try Self.text("cli.md")
    let values =
      GCMode.allCases.map(\.rawValue) + PlanFormat.allCases.map(\.rawValue)
      + DiffReportWriter.Format.allCases.map(\.rawValue)
    let undocumented = Self.missing(values, in: page)
    #expect(undocumented.isEmpty, "modes or formats not documented in docs/reference/cli.md: \(undocumented)")
  }

  // MARK: - The worked example

  static func exampleBytes(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: CLI.fixture("\(examples)/\(name)")))
  }

  @Test func theExampleManifestIsWhatPlanWrites() throws {
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let r = try CLI.run([
      "plan", "--policy", "\(Self.examples)/policy.yaml", "--explain", "--out", out.path,
      "\(Self.examples)/worker-1.json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let written = [UInt8](try Data(contentsOf: out.appendingPathComponent("worker-1.json")))
    #expect(
      written == (try Self.exampleBytes("worker-1.manifest.json")),
      "docs/reference/examples/worker-1.manifest.json is stale: regenerate it with reclaim plan --explain --out")
    // The pages show the files as they are.
    let manifest = String(decoding: written, as: UTF8.self)
    #expect(try Self.text("output.md").contains("```json\n" + manifest + "```"), "output.md's example manifest is stale")
    let snapshot = String(decoding: try Self.exampleBytes("worker-1.json"), as: UTF8.self)
    #expect(try Self.text("snapshot.md").contains("```json\n" + snapshot + "```"), "snapshot.md's example is stale")
  }

  @Test func theExampleDiffIsWhatDiffWrites() throws {
    let r = try CLI.run([
      "diff", "--base", "\(Self.examples)/policy.yaml", "--head", "\(Self.examples)/policy-tighter.yaml",
      "--format", "json", "\(Self.examples)/worker-1.json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdoutBytes == (try Self.exampleBytes("worker-1.diff.json")), "docs/reference/examples/worker-1.diff.json is stale")
    #expect(try Self.text("output.md").contains("```json\n" + r.stdout + "```"), "output.md's example diff is stale")
  }

  @Test func theExampleCompiledPolicyIsWhatCompileWrites() throws {
    let page = try Self.text("policy.md")
    let compiled = try CLI.run(["compile", "\(Self.examples)/policy.yaml"])
    #expect(compiled.status == 0, "\(compiled.stderr)")
    #expect(page.contains("```json\n" + compiled.stdout + "```"), "policy.md's compiled example is stale")
    let kubelet = try CLI.run(["compile", "--emit", "kubelet-config", "\(Self.examples)/policy.yaml"])
    #expect(kubelet.status == 0, "\(kubelet.stderr)")
    #expect(page.contains("```yaml\n" + kubelet.stdout + "```"), "policy.md's kubelet-config example is stale")
  }

  // MARK: - Links and stray references

  /// Every Markdown file of docs/ (recursively) and the README.
  static func markdownFiles() throws -> [URL] {
    var files = [CLI.root.appendingPathComponent("README.md")]
    let docs = CLI.root.appendingPathComponent("docs")
    let walker = FileManager.default.enumerator(at: docs, includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      if url.pathExtension == "md" { files.append(url) }
    }
    return files.sorted { $0.path < $1.path }
  }

  @Test func noDocumentPointsAtFilesUsersDoNotHave() throws {
    var files = [CLI.root.appendingPathComponent("README.md")]
    let walker = FileManager.default.enumerator(at: CLI.root.appendingPathComponent("docs"), includingPropertiesForKeys: nil)
    while let url = walker?.nextObject() as? URL {
      if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
    }
    #expect(files.count > 10)
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      for stray in ["../shared", "spec/"] {
        #expect(!text.contains(stray), "\(file.path) mentions \(stray)")
      }
    }
  }

  /// GitHub's anchors of a Markdown text's headings (outside code blocks).
  static func anchors(_ text: String) -> Set<String> {
    var anchors = Set<String>()
    var counts: [String: Int] = [:]
    var fenced = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { fenced.toggle() }
      guard !fenced, line.hasPrefix("#") else { continue }
      let title = line.drop { $0 == "#" }.drop { $0 == " " }
      var slug = ""
      for ch in title.lowercased() {
        if ch.isLetter || ch.isNumber || ch == "-" || ch == "_" {
          slug.append(ch)
        } else if ch == " " {
          slug.append("-")
        }
      }
      let n = counts[slug, default: 0]
      counts[slug] = n + 1
      anchors.insert(n == 0 ? slug : "\(slug)-\(n)")
    }
    return anchors
  }

  /// The targets of a Markdown text's inline links, outside code blocks
  /// and code spans.
  static func links(_ text: String) -> [String] {
    var out: [String] = []
    var fenced = false
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") { fenced.toggle() }
      if fenced { continue }
      // Code spans out: every other piece between backticks.
      let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
      var rest = prose[...]
      while let open = rest.range(of: "](") {
        let after = rest[open.upperBound...]
        guard let close = after.firstIndex(of: ")") else { break }
        out.append(String(after[..<close]))
        rest = after[after.index(after: close)...]
      }
    }
    return out
  }

  @Test func everyLinkResolves() throws {
    for file in try Self.markdownFiles() {
      let text = try String(contentsOf: file, encoding: .utf8)
      for link in Self.links(text) where !link.contains("://") && !link.hasPrefix("mailto:") {
        let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        let target = path.isEmpty ? file : file.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
        #expect(FileManager.default.fileExists(atPath: target.path), "\(file.path): link \(link) leads nowhere")
        guard parts.count == 2, target.pathExtension == "md",
          let targetText = try? String(contentsOf: target, encoding: .utf8)
        else { continue }
        #expect(Self.anchors(targetText).contains(String(parts[1])), "\(file.path): link \(link): no such heading")
      }
    }
  }
}
