import Testing

@testable import ReclaimEngine

/// The overflow-safe arithmetic under the usage and age computations.
@Suite struct SaturatingMathTests {
  @Test func subtractionSaturatesLikeGoTimeSub() {
    #expect(SaturatingMath.sub(10, 3) == 7)
    #expect(SaturatingMath.sub(.max, -1) == .max)
    #expect(SaturatingMath.sub(.min, 1) == .min)
    #expect(SaturatingMath.sub(0, .min) == .max)
  }

  @Test func additionSaturates() {
    #expect(SaturatingMath.add(.max, 1) == .max)
    #expect(SaturatingMath.add(.min, -1) == .min)
    #expect(SaturatingMath.add(-5, 3) == -2)
  }

  @Test func mulDivIsExactInWideArithmeticAndTruncates() {
    #expect(SaturatingMath.mulDiv(199, 100, 1000) == 19)
    #expect(SaturatingMath.mulDiv(.max, 100, .max) == 100)
    #expect(SaturatingMath.mulDiv(.max, 50, 100) == 4_611_686_018_427_387_903)
    #expect(SaturatingMath.mulDiv(-7, 1, 2) == -3)
    #expect(SaturatingMath.mulDiv(7, -1, 2) == -3)
    #expect(SaturatingMath.mulDiv(-7, -1, -2) == -3)
    #expect(SaturatingMath.mulDiv(.max, .max, 1) == .max)
    #expect(SaturatingMath.mulDiv(.min, 1, 1) == .min)
    #expect(SaturatingMath.mulDiv(.max, -2, 1) == .min)
  }

  @Test func byteOrderIsUTF8Bytewise() {
    // "é" precomposed (C3 A9) sorts after "z" (7A) byte-wise, and differs
    // from its decomposed form (65 CC 81) although Swift's == says equal.
    #expect(ByteOrder.less("z", "\u{E9}"))
    #expect(ByteOrder.compare("e\u{301}", "\u{E9}") == -1)
    #expect(!ByteOrder.equal("e\u{301}", "\u{E9}"))
    #expect(ByteOrder.compare("ab", "abc") == -1)
    #expect(ByteOrder.compare("abc", "abc") == 0)
  }
}
