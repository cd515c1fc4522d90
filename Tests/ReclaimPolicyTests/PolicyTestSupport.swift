import Foundation
import ReclaimCore
import ReclaimPolicy
import ReclaimYAML
import ReclaimTestSupport
import Testing

/// Paths and helpers shared by the policy suites.
enum PolicyTestSupport {
  /// The package root.
  static var packageRoot: String { Repository.root.path }

  static func path(_ relative: String) -> String { packageRoot + "/" + relative }

  /// Compiles in-memory YAML files (name, text), in the order given.
  static func compile(_ files: [(String, String)]) -> PolicyCompilation {
    var compiler = PolicyCompiler()
    for (name, text) in files {
      let read = YAMLReader.read(bytes: Array(text.utf8), file: name)
      compiler.record(read.diagnostics)
      compiler.add(read.documents, file: name)
    }
    return compiler.finish(setName: "test")
  }

  /// Compiles one YAML text.
  static func compile(_ text: String) -> PolicyCompilation { compile([("test.yaml", text)]) }

  /// A fresh empty directory, removed by the caller.
  static func temporaryDirectory() throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "reclaim-policy-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url.path
  }

  static func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
  }

  static func write(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
  }

  /// Compares output with a golden file byte for byte (`Golden`).
  static func expectGolden(_ bytes: [UInt8], _ goldenPath: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    try Golden.check(bytes, goldenPath, sourceLocation: sourceLocation)
  }

  /// A minimal valid GCPolicy document with `spec` lines appended.
  static func gcPolicy(name: String = "fleet", spec: String) -> String {
    "apiVersion: reclaim.dev/v1\nkind: GCPolicy\nmetadata:\n  name: \(name)\nspec:\n\(spec)"
  }

  /// A minimal NamespaceOverride document.
  static func override(_ name: String, _ spec: String) -> String {
    "apiVersion: reclaim.dev/v1\nkind: NamespaceOverride\nmetadata:\n  name: \(name)\nspec:\n\(spec)"
  }
}
