import ReclaimCore
import Testing

@Suite struct QuotedTests {
  @Test func escapesLikeAJSONStringLiteral() {
    #expect(quoted("ci-*") == "\"ci-*\"")
    #expect(quoted("a\"b\\c") == #""a\"b\\c""#)
    #expect(quoted("x\ny\rz\t") == #""x\ny\rz\t""#)
    #expect(quoted("\u{1}\u{1b}\u{7f}") == #""\u0001\u001b\u007f""#)
    #expect(quoted("ü/é") == "\"ü/é\"")
  }
}
