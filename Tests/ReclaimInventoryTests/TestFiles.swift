import Foundation

/// Files of the repository the tests read (fixtures), found from this
/// source file's location so that tests run from any directory.
enum TestFiles {
  static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ReclaimInventoryTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  static func url(_ relativePath: String) -> URL {
    repositoryRoot.appendingPathComponent(relativePath)
  }

  static func bytes(_ relativePath: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: url(relativePath)))
  }

  static func names(in relativeDirectory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url(relativeDirectory).path).sorted()
  }
}
