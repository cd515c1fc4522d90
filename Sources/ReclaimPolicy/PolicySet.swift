import ReclaimCore
import ReclaimYAML

/// The documents of a policy set after schema checks, before resolution:
/// values with the places they were written, so later checks can point at them.
public struct PolicySet: Sendable {
  /// Where something was written.
  public struct Origin: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var mark: YAMLNode.Mark

    public init(file: String, mark: YAMLNode.Mark) {
      self.file = file
      self.mark = mark
    }

    public var description: String { "\(file):\(mark.line):\(mark.column)" }

    func diagnostic(_ message: String, _ severity: Diagnostic.Severity = .error) -> Diagnostic {
      Diagnostic(severity: severity, file: file, line: mark.line, column: mark.column, message: message)
    }
  }

  /// A `GCPolicy` document.
  public struct GCPolicyDocument: Sendable {
    public var name: String
    /// The document's `kind` value.
    public var origin: Origin
    public var containerGC: ContainerGCPolicy
    public var imageGC: ImageGCPolicy
    /// Where each field given explicitly was written, by `section.field`.
    public var fields: [String: Origin]
  }

  /// A `NamespaceOverride` document.
  public struct OverrideDocument: Sendable {
    public var name: String
    public var origin: Origin
    /// Entries in the order written, each with its place.
    public var namespaces: [(entry: String, origin: Origin)]
    public var containerGC: ContainerGCOverride
    public var imageGC: ImageGCOverride
    public var fields: [String: Origin]
  }

  public var gcPolicies: [GCPolicyDocument] = []
  public var overrides: [OverrideDocument] = []
  /// A `PolicyTest` document the compiler set aside for `reclaim test`
  /// (`PolicyTestDocument` reads it).
  public struct TestSource: Sendable, Hashable {
    /// The kind the compiler sets aside.
    public static let kind = "PolicyTest"

    /// The file, as diagnostics name it.
    public var file: String
    /// The document's place among the file's (non-empty) documents, from 0.
    public var index: Int
    public var document: YAMLDocument

    public init(file: String, index: Int, document: YAMLDocument) {
      self.file = file
      self.index = index
      self.document = document
    }
  }

  /// `PolicyTest` documents seen (and skipped), in the order read.
  public var tests: [TestSource] = []
  /// How many `PolicyTest` documents were skipped.
  public var skippedTests: Int { tests.count }

  public init() {}
}
