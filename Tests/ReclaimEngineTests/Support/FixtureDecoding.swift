import Foundation
import ReclaimCore
import ReclaimInventory
import ReclaimPolicy

/// How the fixture harnesses turn fixture text into engine inputs: through
/// the product's own readers, `SnapshotReader` and `PolicyLoader`.
enum FixtureDecoding {
  /// A snapshot given as raw JSON bytes.
  static func snapshot(bytes: [UInt8], source: String) throws -> NodeSnapshot {
    try SnapshotReader.decode(bytes, source: source)
  }

  /// A snapshot embedded in a fixture (already parsed): re-encoded, then read.
  static func snapshot(_ object: Any, source: String) throws -> NodeSnapshot {
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return try SnapshotReader.decode(Array(data), source: source)
  }

  /// A policy file on disk.
  static func policy(path: String) throws -> CompiledPolicy {
    try PolicyLoader.load(paths: [path]).policy
  }

  /// Policy YAML text embedded in a fixture: written to a private temporary
  /// directory, since the loader reads policy sets from paths.
  static func policy(yaml: String, source: String) throws -> CompiledPolicy {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("reclaim-engine-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("policy.yaml")
    try Data(yaml.utf8).write(to: file)
    return try PolicyLoader.load(paths: [file.path]).policy
  }
}
