import Foundation
import ReclaimTestSupport

/// Files of the repository the tests read (fixtures); `Repository` finds
/// the root, so that tests run from any directory.
enum TestFiles {
  static var repositoryRoot: URL { Repository.root }

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
