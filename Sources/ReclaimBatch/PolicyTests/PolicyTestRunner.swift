import ReclaimCore
import ReclaimEngine
import ReclaimIO
import ReclaimInventory
import ReclaimPolicy

/// `reclaim test`: runs the `PolicyTest` documents of policy sets
/// (docs/policy.md, "Policy tests").
///
/// Each DIR is a policy set, loaded as `validate` loads it (the compiler
/// sets the tests aside); every `PolicyTest` found in it tests that set,
/// or the policy its `spec.policy` names. Everything is checked first — the
/// documents, the policies, the snapshots, the warning codes — and any
/// error stops the run before a test is planned: a test that cannot be
/// trusted is not reported as passed or failed.
public enum PolicyTestRunner {
  /// Runs the tests under `directories` (in the order given) and reports in
  /// `format`: results to `output`, diagnostics to `console` (in the text
  /// and JUnit formats; GitHub annotations carry them on `output`).
  /// Returns the exit code.
  public static func run(
    directories: [String], format: PolicyTestFormat, output: ByteSink, console: Console
  ) -> Int32 {
    let run = run(directories: directories)
    let text: String
    switch format {
    case .text:
      console.report(run.diagnostics)
      text = PolicyTestReport.text(run)
    case .junit:
      console.report(run.diagnostics)
      text = PolicyTestReport.junit(run)
    case .github:
      text = PolicyTestReport.github(run)
    }
    do throws(FileSystem.Failure) {
      try output.write(text)
    } catch {
      console.line("error: \(error.description)")
      return PlanBatch.ExitStatus.cannotWrite
    }
    return run.status
  }

  /// Checks, then runs, the tests under `directories`.
  public static func run(directories: [String]) -> PolicyTestRun {
    var context = Context()
    var prepared: [(path: String, tests: [Prepared])] = []
    for directory in directories {
      prepared.append((directory, context.prepare(suite: directory)))
    }
    let diagnostics = context.diagnostics.sorted()
    guard !diagnostics.contains(where: { $0.severity == .error }) else {
      return PolicyTestRun(suites: prepared.map { .init(path: $0.path, outcomes: []) }, diagnostics: diagnostics)
    }
    let suites = prepared.map { suite in
      PolicyTestRun.Suite(path: suite.path, outcomes: suite.tests.map(execute))
    }
    return PolicyTestRun(suites: suites, diagnostics: diagnostics)
  }

  /// A test with everything it needs to run.
  struct Prepared {
    var test: PolicyTestDocument
    var policy: CompiledPolicy
    var snapshot: NodeSnapshot
  }

  static func execute(_ p: Prepared) -> PolicyTestOutcome {
    let mode: GCMode
    switch p.test.mode {
    case .periodic: mode = .periodic
    case .diskPressure: mode = .diskPressure
    }
    // With `explain`, so that a deletion that did not happen can say why.
    let plan = GCEngine.plan(p.snapshot, policy: p.policy, options: PlanOptions(mode: mode, explain: true))
    return PolicyTestOutcome(
      name: p.test.name, file: p.test.file, origin: p.test.origin,
      failures: PolicyTestCheck.failures(of: p.test, plan: plan, snapshot: p.snapshot))
  }

  /// The checks of a run, with each policy and snapshot loaded once however
  /// many tests name it (and its problems reported once).
  struct Context {
    var diagnostics: [Diagnostic] = []
    private var policies: [String: CompiledPolicy?] = [:]
    private var snapshots: [String: NodeSnapshot] = [:]
    /// Why a snapshot path read before could not be used.
    private var badSnapshots: [String: String] = [:]

    /// The tests of one set, sorted by file (byte-wise) then document
    /// index, each with its policy and snapshot; problems go to
    /// `diagnostics`.
    mutating func prepare(suite directory: String) -> [Prepared] {
      let check = PolicyLoader.check(paths: [directory])
      diagnostics += check.diagnostics
      if check.tests.isEmpty, !check.diagnostics.contains(where: { $0.severity == .error }) {
        // A run of no tests would pass, and a mistyped DIR would pass CI.
        diagnostics.append(
          Diagnostic(file: directory, message: "no PolicyTest documents found (a policy set's tests are *.yaml or *.yml files under it)"))
      }
      var tests: [PolicyTestDocument] = []
      for source in check.tests {
        let read = PolicyTestDocument.read(source)
        diagnostics += read.diagnostics
        if let test = read.test { tests.append(test) }
      }
      tests.sort {
        $0.file == $1.file ? $0.index < $1.index : $0.file.utf8.lexicographicallyPrecedes($1.file.utf8)
      }
      var names: [String: PolicySet.Origin] = [:]
      var prepared: [Prepared] = []
      for test in tests {
        // A name that could not be read is reported already.
        if !test.name.isEmpty {
          if let first = names[test.name] {
            diagnostics.append(
              test.origin.error("duplicate PolicyTest name \"\(test.name)\"; first defined at \(first)"))
          } else {
            names[test.name] = test.origin
          }
        }
        checkCodes(test)
        let policy = test.policyPath.map { loadPolicy(at: $0, for: test) } ?? check.policy
        let snapshot = loadSnapshot(for: test)
        if let policy, let snapshot { prepared.append(Prepared(test: test, policy: policy, snapshot: snapshot)) }
      }
      return prepared
    }

    private mutating func checkCodes(_ test: PolicyTestDocument) {
      let known = PlanMessage.Code.allCases.map(\.rawValue)
      for code in test.warnings ?? [] where !known.contains(code.code) {
        var message = "spec.expect.warnings: unknown code \(quoted(code.code)) (the manifest's codes are \(known.joined(separator: ", ")))"
        if let near = EditDistance.suggestion(for: code.code, among: known) { message += "; did you mean \"\(near)\"?" }
        diagnostics.append(code.origin.error(message))
      }
    }

    /// The policy `spec.policy` names, loaded once.
    private mutating func loadPolicy(at path: String, for test: PolicyTestDocument) -> CompiledPolicy? {
      let origin = test.policyOrigin ?? test.origin
      guard FileSystem.exists(path) else {
        diagnostics.append(origin.error("spec.policy: no such file or directory \(quoted(path))"))
        return nil
      }
      if let known = policies[path] {
        if known == nil { diagnostics.append(origin.error("spec.policy: the policy \(quoted(path)) is invalid")) }
        return known
      }
      let check = PolicyLoader.check(paths: [path])
      diagnostics += check.diagnostics
      policies[path] = .some(check.policy)
      if check.policy == nil {
        diagnostics.append(origin.error("spec.policy: the policy \(quoted(path)) is invalid"))
      }
      return check.policy
    }

    /// The snapshot `spec.snapshot` names, read and decoded once.
    private mutating func loadSnapshot(for test: PolicyTestDocument) -> NodeSnapshot? {
      let path = test.snapshotPath
      let origin = test.snapshotOrigin
      if let known = snapshots[path] { return known }
      if let problem = badSnapshots[path] {
        diagnostics.append(origin.error(problem))
        return nil
      }
      guard FileSystem.exists(path) else {
        diagnostics.append(origin.error("spec.snapshot: no such file \(quoted(path))"))
        return nil
      }
      let problem: String
      do throws(FileSystem.Failure) {
        let bytes = try FileSystem.read(path, limit: SnapshotInput.documentLimit)
        do throws(DiagnosticError) {
          let snapshot = try SnapshotReader.decode(bytes, source: path)
          snapshots[path] = snapshot
          return snapshot
        } catch {
          // The reader's own diagnostics say what is wrong, at their JSON
          // paths, once; each test naming the file points at it.
          diagnostics += error.diagnostics
          problem = "spec.snapshot: \(quoted(path)) is not a valid snapshot"
        }
      } catch {
        problem = "spec.snapshot: cannot read \(quoted(path)): \(error.reason)"
      }
      badSnapshots[path] = problem
      diagnostics.append(origin.error(problem))
      return nil
    }
  }
}

extension PolicySet.Origin {
  /// An error at this place.
  fileprivate func error(_ message: String) -> Diagnostic {
    Diagnostic(file: file, line: mark.line, column: mark.column, message: message)
  }
}
