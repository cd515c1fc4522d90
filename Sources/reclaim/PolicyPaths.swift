import ArgumentParser
import ReclaimPolicy

/// The policy commands' one rule for the default `policies/`, as a usage
/// error of the argument parser (exit 64).
enum PolicyPaths {
  static func resolve(_ given: [String]) throws -> [String] {
    switch PolicyLoader.paths(given: given) {
    case .success(let paths): return paths
    case .failure(let problem): throw ValidationError(problem.message)
    }
  }
}
