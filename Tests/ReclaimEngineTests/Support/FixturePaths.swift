import Foundation
import ReclaimTestSupport

/// Reading the repository's fixtures (`Repository` finds the root).
enum FixturePaths {
  static var root: URL { Repository.root }

  static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  static func bytes(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: url(relative))) }

  static func text(_ relative: String) throws -> String { String(decoding: try bytes(relative), as: UTF8.self) }

  static func json(_ relative: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(bytes(relative))) }
}
