// Release builds with `--static-swift-stdlib` (the README's install) build
// every target but have no Testing module; this helper is for tests only.
#if canImport(Testing)
import Foundation
import Testing

/// Golden files under `fixtures/`, compared byte for byte and rewritten only
/// when the run is started with `RECLAIM_UPDATE_GOLDEN=1`.
public enum Golden {
  /// Whether this run rewrites golden files instead of checking them.
  public static let updating = ProcessInfo.processInfo.environment["RECLAIM_UPDATE_GOLDEN"] == "1"

  /// Checks `bytes` against the golden file at `path` (relative to the
  /// repository root, or absolute), or rewrites it when `updating`.
  public static func check(_ bytes: [UInt8], _ path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : Repository.url(path)
    if updating {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
      return
    }
    guard FileManager.default.fileExists(atPath: url.path) else {
      Issue.record("golden file \(path) is missing; run with RECLAIM_UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
      return
    }
    let expected = [UInt8](try Data(contentsOf: url))
    #expect(bytes == expected, "\(path) differs from its golden file", sourceLocation: sourceLocation)
  }
}
#endif
