import ReclaimCore
import ReclaimPolicy

/// How `reclaim test` prints its results.
public enum PolicyTestFormat: String, Sendable, Hashable, CaseIterable {
  case text, junit, github
}

/// The renderings of a `reclaim test` run: text, JUnit XML and GitHub
/// workflow annotations. Each is a function of the run alone (no clock, no
/// durations), so the same tests give the same bytes.
public enum PolicyTestReport {
  /// `PASS name (file)` or `FAIL name (file)` per test, each failed
  /// expectation indented under its test, and a count line; for a run that
  /// could not start, one line saying so (the diagnostics go to stderr).
  public static func text(_ run: PolicyTestRun) -> String {
    guard run.isValid else { return notRun(run) + "\n" }
    var lines: [String] = []
    for outcome in run.outcomes {
      lines.append("\(outcome.passed ? "PASS" : "FAIL") \(outcome.name) (\(outcome.file))")
      for failure in outcome.failures { lines.append("  \(failure)") }
    }
    lines.append(count(run))
    return lines.joined(separator: "\n") + "\n"
  }

  /// `4 tests: 3 passed, 1 failed`.
  public static func count(_ run: PolicyTestRun) -> String {
    let total = run.outcomes.count
    return "\(total) test\(total == 1 ? "" : "s"): \(run.passed) passed, \(run.failed) failed"
  }

  /// `no tests run (2 errors)`.
  static func notRun(_ run: PolicyTestRun) -> String {
    let errors = run.errors.count
    return "no tests run (\(errors) error\(errors == 1 ? "" : "s"))"
  }

  /// A JUnit XML document: `<testsuites>`, a `<testsuite>` per policy set
  /// and a `<testcase>` per test (`classname` and `file` its file, `line`
  /// the line of its name), a failed test holding one `<failure>` whose
  /// text lists every failed expectation. No timestamps or durations.
  ///
  /// A run that could not start is still a JUnit document, so that a CI
  /// step reading it reports why: one `invalid` suite with an `<error>`
  /// test case per error.
  public static func junit(_ run: PolicyTestRun) -> String {
    var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    guard run.isValid else {
      let errors = run.errors
      x += "<testsuites name=\"reclaim test\" tests=\"\(errors.count)\" failures=\"0\" errors=\"\(errors.count)\">\n"
      x += "  <testsuite name=\"invalid\" tests=\"\(errors.count)\" failures=\"0\" errors=\"\(errors.count)\" skipped=\"0\">\n"
      for d in errors {
        x += "    <testcase name=\"\(XMLText.attribute(d.location))\" classname=\"\(XMLText.attribute(d.file))\""
        x += " file=\"\(XMLText.attribute(d.file))\"" + (d.line.map { " line=\"\($0)\"" } ?? "") + ">\n"
        x += "      <error message=\"\(XMLText.attribute(d.messageWithPath))\" type=\"invalid\">"
        x += XMLText.content(d.description) + "</error>\n"
        x += "    </testcase>\n"
      }
      x += "  </testsuite>\n</testsuites>\n"
      return x
    }
    let total = run.outcomes.count
    x += "<testsuites name=\"reclaim test\" tests=\"\(total)\" failures=\"\(run.failed)\" errors=\"0\">\n"
    for suite in run.suites {
      let failed = suite.outcomes.count { !$0.passed }
      x += "  <testsuite name=\"\(XMLText.attribute(suite.path))\" tests=\"\(suite.outcomes.count)\""
      x += " failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
      for outcome in suite.outcomes {
        let file = XMLText.attribute(outcome.file)
        x += "    <testcase name=\"\(XMLText.attribute(outcome.name))\" classname=\"\(file)\" file=\"\(file)\""
        x += " line=\"\(outcome.origin.mark.line)\""
        if outcome.passed {
          x += "/>\n"
          continue
        }
        let n = outcome.failures.count
        x += ">\n      <failure message=\"\(n) expectation\(n == 1 ? "" : "s") failed\" type=\"expectation\">"
        x += XMLText.content(outcome.failures.map(\.description).joined(separator: "\n")) + "</failure>\n"
        x += "    </testcase>\n"
      }
      x += "  </testsuite>\n"
    }
    x += "</testsuites>\n"
    return x
  }

  /// GitHub workflow annotations — the run's diagnostics, then an
  /// `::error` at each failed expectation's line — at most
  /// `PolicyReport.githubLimit` of them and a line saying how many were
  /// dropped, as `validate --format github`; then the text report for the
  /// log.
  public static func github(_ run: PolicyTestRun) -> String {
    var annotations = run.diagnostics.map {
      PolicyReport.githubAnnotation(
        $0.severity, file: $0.file, line: $0.line, column: $0.column, message: $0.messageWithPath)
    }
    if run.isValid {
      for outcome in run.outcomes {
        for f in outcome.failures {
          annotations.append(
            PolicyReport.githubAnnotation(
              .error, file: f.origin.file, line: f.origin.mark.line, column: f.origin.mark.column,
              message: "FAIL \(outcome.name): \(f)"))
        }
      }
    }
    var lines = Array(annotations.prefix(PolicyReport.githubLimit))
    if annotations.count > PolicyReport.githubLimit {
      let more = annotations.count - PolicyReport.githubLimit
      lines.append("\(more) more annotation\(more == 1 ? " was" : "s were") dropped; run reclaim test to see all")
    }
    return (lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n") + text(run)
  }
}
