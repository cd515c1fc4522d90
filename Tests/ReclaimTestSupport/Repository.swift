import Foundation

/// The repository the tests run in, found once from this file's place in
/// `Tests/ReclaimTestSupport/`, so that tests read fixtures and run the
/// built executable from any working directory and never change it.
public enum Repository {
  /// The package root.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // ReclaimTestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// A path of the repository, relative to its root.
  public static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// The bytes of a repository file.
  public static func bytes(_ relative: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(relative))) }

  /// The names in a repository directory, sorted, hidden ones left out.
  public static func names(in relative: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: url(relative).path).filter { !$0.hasPrefix(".") }.sorted()
  }
}
