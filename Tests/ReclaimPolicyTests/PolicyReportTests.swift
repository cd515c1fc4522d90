import ReclaimCore
import ReclaimPolicy
import Testing

/// `reclaim validate`'s renderings, in process.
@Suite struct PolicyReportTests {
  static func diagnostic(_ i: Int, _ message: String = "bad value") -> Diagnostic {
    Diagnostic(file: "p/a,b:c.yaml", line: i, column: 3, message: message)
  }

  @Test func githubAnnotationsAreEscapedAndCapped() {
    let lines = PolicyReport.github([Self.diagnostic(1, "100% wrong\nsecond line")])
    #expect(lines == ["::error file=p/a%2Cb%3Ac.yaml,line=1,col=3::100%25 wrong%0Asecond line"])
    let many = PolicyReport.github((1...13).map { Self.diagnostic($0) })
    #expect(many.count == PolicyReport.githubLimit + 1)
    #expect(many.last == "3 more diagnostics were dropped; run reclaim validate to see all")
    let note = Diagnostic(severity: .note, file: "x.yaml", message: "empty file ignored")
    #expect(PolicyReport.github([note]) == ["::notice file=x.yaml::empty file ignored"])
  }

  /// "\r\n" is one Swift `Character`: the escape goes by scalar, so a CRLF
  /// cannot slip through and end the workflow command early.
  @Test func githubEscapesACarriageReturnLineFeed() {
    let crlf = Diagnostic(file: "a\r\nb.yaml", line: 1, message: "one\r\ntwo")
    #expect(PolicyReport.github([crlf]) == ["::error file=a%0D%0Ab.yaml,line=1::one%0D%0Atwo"])
    #expect(
      PolicyReport.githubAnnotation(.warning, file: "x.yaml", line: nil, column: nil, message: "50%")
        == "::warning file=x.yaml::50%25")
  }

  @Test func verdictAndJSONOfARealCheck() {
    let good = PolicyLoader.check(paths: [PolicyTestSupport.path("policies")])
    #expect(good.policy != nil)
    #expect(PolicyReport.verdict(good, paths: ["policies"]).hasPrefix("policies: valid ("))
    let json = String(decoding: PolicyReport.json(good).canonicalBytes(.compact), as: UTF8.self)
    #expect(json.hasPrefix(#"{"diagnostics":["#) && json.contains(#""errors":0"#) && json.contains(#""valid":true"#))
    let bad = PolicyLoader.check(paths: ["/no/such/policy"])
    #expect(PolicyReport.verdict(bad, paths: ["/no/such/policy"]) == "/no/such/policy: invalid (1 error)")
    #expect(String(decoding: PolicyReport.json(bad).canonicalBytes(.compact), as: UTF8.self).contains(#""valid":false"#))
  }
}
