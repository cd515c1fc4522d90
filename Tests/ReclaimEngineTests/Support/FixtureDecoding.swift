import Foundation
import ReclaimCore
import ReclaimInventory

/// How the fixture harnesses turn fixture text into engine inputs. The one
/// place to switch to `SnapshotReader` / `PolicyLoader` once merged.
enum FixtureDecoding {
  static func snapshot(_ object: Any, source: String) throws -> NodeSnapshot {
    try InterimSnapshotDecoder.decode(object)
  }

  static func policy(yaml: String, source: String) throws -> CompiledPolicy {
    try InterimPolicyReader.read(yaml)
  }
}
