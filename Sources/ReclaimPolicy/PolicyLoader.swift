import Foundation
import ReclaimCore
import ReclaimIO
import ReclaimYAML

/// Reads a policy set from disk: YAML files and directories, or one
/// compiled JSON file (the `reclaim compile` output).
public enum PolicyLoader: Sendable {
  /// Where a command looks for the policy set when it is given none.
  public static let defaultPath = "policies/"

  /// The policy paths a command uses: `given`, or `policies/` in the
  /// working directory when none is given. The one rule for `validate`,
  /// `compile` and `plan`: no path and no `policies/` is a usage error
  /// (exit 64), since the user has not said which policy they mean.
  public static func paths(given: [String]) -> Result<[String], Diagnostic> {
    if !given.isEmpty { return .success(given) }
    guard FileSystem.isDirectory(defaultPath) else {
      return .failure(
        Diagnostic(file: defaultPath, message: "no policy given, and no policies/ directory in the working directory"))
    }
    return .success([defaultPath])
  }

  /// YAML files/directories, or a single compiled JSON file (`*.json`, the
  /// `reclaim compile` output; its apiVersion/kind are checked, it is decoded
  /// strictly, and it is refused if its `digest` does not match the policy).
  public static func load(paths: [String]) throws(DiagnosticError) -> LoadedPolicy {
    let check = check(paths: paths)
    guard let policy = check.policy else { throw DiagnosticError(check.errors) }
    return LoadedPolicy(policy: policy, notes: check.notes)
  }

  /// Checks a policy set and compiles it when it is valid, reporting every
  /// problem at once. Never throws.
  public static func check(paths: [String]) -> PolicyCheck {
    var result = PolicyCheck(
      policy: nil, diagnostics: [], files: 0, gcPolicies: 0, namespaceOverrides: 0, fromCompiledJSON: false)
    guard !paths.isEmpty else {
      result.diagnostics = [Diagnostic(file: "-", message: "no policy path given")]
      return result
    }
    if paths.contains(where: isJSON) {
      guard paths.count == 1, let path = paths.first else {
        result.diagnostics = paths.filter(isJSON).map {
          Diagnostic(file: $0, message: "a compiled JSON policy must be the only policy path given")
        }
        return result
      }
      result.fromCompiledJSON = true
      switch readFile(path) {
      case .failure(let diagnostic):
        result.diagnostics = [diagnostic]
      case .success(let bytes):
        switch CompiledPolicyReader.read(bytes: bytes, file: path) {
        case .success(let policy):
          result.policy = policy
          result.gcPolicies = 1
          result.namespaceOverrides = policy.namespaceOverrides.count
        case .failure(let error):
          result.diagnostics = error.diagnostics
        }
      }
      return result
    }

    var compiler = PolicyCompiler()
    for root in paths {
      switch files(under: root) {
      case .failure(let diagnostic):
        compiler.record([diagnostic])
      case .success(let listing):
        compiler.record(listing.notes)
        let files = listing.files
        if files.isEmpty {
          compiler.record([Diagnostic(severity: .note, file: root, message: "no *.yaml or *.yml files found")])
        }
        for file in files {
          switch readFile(file) {
          case .failure(let diagnostic):
            result.files += 1
            compiler.record([diagnostic])
          case .success(let bytes):
            let read = YAMLReader.read(bytes: bytes, file: file)
            compiler.record(read.diagnostics)
            let testsBefore = compiler.set.tests.count
            compiler.add(read.documents, file: file)
            // A file of nothing but PolicyTest documents is no policy file:
            // `validate` counts the set as it would without the tests.
            let onlyTests = !read.documents.isEmpty && compiler.set.tests.count - testsBefore == read.documents.count
            if !onlyTests { result.files += 1 }
          }
        }
      }
    }
    let compilation = compiler.finish(setName: paths.joined(separator: " "))
    result.diagnostics = compilation.diagnostics
    result.gcPolicies = compilation.set.gcPolicies.count
    result.namespaceOverrides = compilation.set.overrides.count
    result.tests = compilation.set.tests
    if !result.diagnostics.contains(where: { $0.severity == .error }) { result.policy = compilation.policy }
    return result
  }

  private static func isJSON(_ path: String) -> Bool { path.hasSuffix(".json") }

  private static func isPolicyFile(_ name: String) -> Bool { name.hasSuffix(".yaml") || name.hasSuffix(".yml") }

  /// The policy files a path names: itself, or the `*.yaml`/`*.yml` files
  /// below a directory by `DirectoryWalker`'s rule, sorted byte-wise by their
  /// path relative to it, with the walk's notes.
  static func files(under root: String) -> Result<DirectoryWalker.Listing, Diagnostic> {
    guard FileSystem.exists(root) else {
      return .failure(Diagnostic(file: root, message: "no such file or directory"))
    }
    guard FileSystem.isDirectory(root) else { return .success(DirectoryWalker.Listing(files: [root], notes: [])) }
    return DirectoryWalker.files(under: root, accept: isPolicyFile)
  }

  /// A file's bytes, refusing files over the size limit before reading them.
  static func readFile(_ path: String) -> Result<[UInt8], Diagnostic> {
    let manager = FileManager.default
    if let attributes = try? manager.attributesOfItem(atPath: path),
      let size = (attributes[.size] as? NSNumber)?.intValue, size > YAMLReader.maximumFileSize
    {
      return .failure(
        Diagnostic(
          file: path,
          message: "file is \(size) bytes, larger than the 4 MiB (\(YAMLReader.maximumFileSize) bytes) limit"))
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      return .failure(Diagnostic(file: path, message: "cannot read file (missing or permission denied)"))
    }
    defer { try? handle.close() }
    do {
      // One byte past the limit is enough to know a file grew past it.
      let data = try handle.read(upToCount: YAMLReader.maximumFileSize + 1) ?? Data()
      return .success([UInt8](data))
    } catch {
      return .failure(Diagnostic(file: path, message: "cannot read file: \(error.localizedDescription)"))
    }
  }
}
