import ReclaimBatch
import ReclaimCore
import ReclaimIO
import ReclaimPolicy
import Testing

/// `reclaim test`'s renderings, in process, from runs built by hand.
@Suite struct PolicyTestReportTests {
  static func at(_ file: String, _ line: Int, _ column: Int = 3) -> PolicySet.Origin {
    PolicySet.Origin(file: file, mark: .init(line: line, column: column))
  }

  static func outcome(_ name: String, _ file: String, line: Int, _ failures: [PolicyTestFailure] = [])
    -> PolicyTestOutcome
  {
    PolicyTestOutcome(name: name, file: file, origin: at(file, line, 9), failures: failures)
  }

  /// Two sets: one passing test, and a failing one of two expectations.
  static let run = PolicyTestRun(
    suites: [
      .init(path: "policies/", outcomes: [outcome("ci-keeps-none", "policies/tests/ci.yaml", line: 4)]),
      .init(
        path: "other",
        outcomes: [
          outcome(
            "prod-keeps-history", "other/t.yaml", line: 9,
            [
              PolicyTestFailure(
                expectation: "expect.deleted.containers", message: #"missing ["a" (kept: running)]; unexpected ["b<&>" (pod-removed)]"#,
                origin: at("other/t.yaml", 14, 7)),
              PolicyTestFailure(
                expectation: "expect.summary.images", message: "expected 2, planned 3", origin: at("other/t.yaml", 20, 15)),
            ])
        ]),
    ], diagnostics: [])

  @Test func textIsALinePerTestAndPerFailedExpectation() {
    #expect(
      PolicyTestReport.text(Self.run) == """
        PASS ci-keeps-none (policies/tests/ci.yaml)
        FAIL prod-keeps-history (other/t.yaml)
          expect.deleted.containers: missing ["a" (kept: running)]; unexpected ["b<&>" (pod-removed)]
          expect.summary.images: expected 2, planned 3
        2 tests: 1 passed, 1 failed

        """)
    #expect(Self.run.status == 1 && Self.run.passed == 1 && Self.run.failed == 1)
    let one = PolicyTestRun(suites: [.init(path: "p", outcomes: [Self.outcome("t", "p/t.yaml", line: 1)])], diagnostics: [])
    #expect(PolicyTestReport.text(one) == "PASS t (p/t.yaml)\n1 test: 1 passed, 0 failed\n")
    #expect(one.status == 0)
  }

  @Test func anInvalidRunSaysNoTestRan() {
    let invalid = PolicyTestRun(
      suites: [.init(path: "p", outcomes: [])],
      diagnostics: [
        Diagnostic(file: "p/t.yaml", line: 3, column: 5, message: "unknown key \"expct\" in spec; did you mean \"expect\"?"),
        Diagnostic(severity: .note, file: "p", message: "no GCPolicy: kubelet defaults apply"),
      ])
    #expect(!invalid.isValid && invalid.status == 1)
    #expect(PolicyTestReport.text(invalid) == "no tests run (1 error)\n")
  }

  @Test func junitIsWellFormedAndCarriesEveryTestAndFailure() throws {
    let xml = PolicyTestReport.junit(Self.run)
    #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "))
    // Deterministic: no clock in it.
    #expect(!xml.contains("time") && !xml.contains("timestamp"))
    let tree = try XMLTree(xml)
    #expect(tree.root.name == "testsuites")
    #expect(tree.root["tests"] == "2" && tree.root["failures"] == "1" && tree.root["errors"] == "0")
    let suites = tree.root.elements("testsuite")
    #expect(suites.map { $0["name"] } == ["policies/", "other"])
    #expect(suites.map { $0["tests"] } == ["1", "1"])
    #expect(suites.map { $0["failures"] } == ["0", "1"])
    let passing = try #require(suites.first?.elements("testcase").first)
    #expect(passing["name"] == "ci-keeps-none")
    #expect(passing["classname"] == "policies/tests/ci.yaml" && passing["file"] == "policies/tests/ci.yaml")
    #expect(passing["line"] == "4")
    #expect(passing.children.isEmpty)
    let failing = try #require(suites.last?.elements("testcase").first)
    let failure = try #require(failing.elements("failure").first)
    #expect(failure["message"] == "2 expectations failed" && failure["type"] == "expectation")
    #expect(
      failure.text == """
        expect.deleted.containers: missing ["a" (kept: running)]; unexpected ["b<&>" (pod-removed)]
        expect.summary.images: expected 2, planned 3
        """)
  }

  @Test func junitOfAnInvalidRunHasAnErrorPerProblem() throws {
    let invalid = PolicyTestRun(
      suites: [.init(path: "p", outcomes: [])],
      diagnostics: [
        Diagnostic(file: "p/t.yaml", line: 3, column: 5, message: "spec.mode: unknown mode \"a\"b\""),
        Diagnostic(file: "p/s.json", path: "$.node", message: "missing required field \"node\""),
        Diagnostic(severity: .note, file: "p", message: "a note is no error"),
      ])
    let tree = try XMLTree(PolicyTestReport.junit(invalid))
    #expect(tree.root["tests"] == "2" && tree.root["errors"] == "2" && tree.root["failures"] == "0")
    let cases = tree.root.elements("testsuite").flatMap { $0.elements("testcase") }
    #expect(cases.map { $0["name"] } == ["p/t.yaml:3:5", "p/s.json"])
    #expect(cases.map { $0["line"] } == ["3", nil])
    let errors = cases.flatMap { $0.elements("error") }
    #expect(errors.map { $0["message"] } == ["spec.mode: unknown mode \"a\"b\"", "$.node: missing required field \"node\""])
    #expect(errors.first?.text == "p/t.yaml:3:5: error: spec.mode: unknown mode \"a\"b\"")
  }

  /// Whatever a name or message holds, the report stays one well-formed
  /// document and says it back (control characters XML cannot hold become
  /// U+FFFD).
  @Test(arguments: ["&<>\"'", "tab\there", "new\nline", "cr\rlf", "bell\u{7}", "end\u{FFFF}", "é ✓ 🚀"])
  func junitEscapesAnything(_ text: String) throws {
    let run = PolicyTestRun(
      suites: [
        .init(
          path: "set \(text)",
          outcomes: [
            PolicyTestOutcome(
              name: "n \(text)", file: "f \(text).yaml", origin: Self.at("f.yaml", 1),
              failures: [PolicyTestFailure(expectation: "expect.warnings", message: "m \(text)", origin: Self.at("f.yaml", 2))])
          ])
      ], diagnostics: [])
    let tree = try XMLTree(PolicyTestReport.junit(run))
    let expected = String(
      String.UnicodeScalarView(
        text.unicodeScalars.map { s in s.value == 7 || s.value == 0xFFFF ? "\u{FFFD}" : s }))
    let suite = try #require(tree.root.elements("testsuite").first)
    let testcase = try #require(suite.elements("testcase").first)
    #expect(suite["name"] == "set \(expected)")
    #expect(testcase["name"] == "n \(expected)")
    #expect(testcase["file"] == "f \(expected).yaml")
    #expect(testcase.elements("failure").first?.text == "expect.warnings: m \(expected)")
  }

  @Test func githubAnnotatesEachFailedExpectationAtItsLineThenPrintsTheText() {
    let lines = PolicyTestReport.github(Self.run).split(separator: "\n", omittingEmptySubsequences: false)
    #expect(
      Array(lines.prefix(2)) == [
        #"::error file=other/t.yaml,line=14,col=7::FAIL prod-keeps-history: expect.deleted.containers: missing ["a" (kept: running)]; unexpected ["b<&>" (pod-removed)]"#,
        "::error file=other/t.yaml,line=20,col=15::FAIL prod-keeps-history: expect.summary.images: expected 2, planned 3",
      ])
    #expect(lines.dropFirst(2).joined(separator: "\n") == PolicyTestReport.text(Self.run))
  }

  @Test func githubIsCappedAsValidateCapsIt() {
    let failures = (1...12).map {
      PolicyTestFailure(expectation: "expect.summary.images", message: "expected \($0), planned 0", origin: Self.at("t.yaml", $0))
    }
    let run = PolicyTestRun(
      suites: [.init(path: "p", outcomes: [Self.outcome("many", "t.yaml", line: 1, failures)])], diagnostics: [])
    let lines = PolicyTestReport.github(run).split(separator: "\n").map(String.init)
    #expect(lines.prefix(PolicyReport.githubLimit).allSatisfy { $0.hasPrefix("::error file=t.yaml,line=") })
    #expect(lines[PolicyReport.githubLimit] == "2 more annotations were dropped; run reclaim test to see all")
    #expect(lines[PolicyReport.githubLimit + 1] == "FAIL many (t.yaml)")
    #expect(lines.last == "1 test: 0 passed, 1 failed")
  }

  @Test func githubOfAnInvalidRunAnnotatesTheDiagnostics() {
    let invalid = PolicyTestRun(
      suites: [],
      diagnostics: [
        Diagnostic(file: "p/t,1.yaml", line: 3, column: 5, message: "100% wrong"),
        Diagnostic(severity: .note, file: "p", message: "no GCPolicy: kubelet defaults apply"),
      ])
    #expect(
      PolicyTestReport.github(invalid) == """
        ::error file=p/t%2C1.yaml,line=3,col=5::100%25 wrong
        ::notice file=p::no GCPolicy: kubelet defaults apply
        no tests run (1 error)

        """)
  }
}
