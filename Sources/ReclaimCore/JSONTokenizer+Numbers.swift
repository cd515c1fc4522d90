extension JSONTokenizer {
  /// Scans the JSON number at `pos` (whose first byte is `-` or a digit),
  /// checking its grammar: a leading zero is a whole integer part, so `01`
  /// ends after the `0` and the `1` is the caller's unexpected byte.
  @inlinable package mutating func scanNumber() throws(JSONSyntaxError) -> JSONRawNumber {
    let start = pos
    var i = pos
    if base[i] == UInt8(ascii: "-") { i &+= 1 }
    guard i < count else { throw endOfInput() }
    let first = base[i]
    guard first >= 0x30, first <= 0x39 else { throw unexpected(at: i, expecting: "a digit") }
    i &+= 1
    if first != 0x30 {
      while i < count, base[i] >= 0x30, base[i] <= 0x39 { i &+= 1 }
    }
    var isInteger = true
    if i < count, base[i] == UInt8(ascii: ".") {
      isInteger = false
      i &+= 1
      guard i < count else { throw endOfInput() }
      guard base[i] >= 0x30, base[i] <= 0x39 else { throw unexpected(at: i, expecting: "a digit after '.'") }
      while i < count, base[i] >= 0x30, base[i] <= 0x39 { i &+= 1 }
    }
    if i < count, base[i] | 0x20 == UInt8(ascii: "e") {
      isInteger = false
      i &+= 1
      if i < count, base[i] == UInt8(ascii: "+") || base[i] == UInt8(ascii: "-") { i &+= 1 }
      guard i < count else { throw endOfInput() }
      guard base[i] >= 0x30, base[i] <= 0x39 else { throw unexpected(at: i, expecting: "a digit in the exponent") }
      while i < count, base[i] >= 0x30, base[i] <= 0x39 { i &+= 1 }
    }
    pos = i
    return JSONRawNumber(start: start, end: i, isInteger: isInteger)
  }

  /// The value of an integer number, or `nil` when it has a fraction or an
  /// exponent or is outside `Int64`.
  @inlinable package func int64(_ number: JSONRawNumber) -> Int64? {
    guard number.isInteger else { return nil }
    var i = number.start
    let negative = base[i] == UInt8(ascii: "-")
    if negative { i &+= 1 }
    // Accumulate negatively so that Int64.min is representable.
    var value: Int64 = 0
    while i < number.end {
      let digit = Int64(base[i] &- 0x30)
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.subtractingReportingOverflow(digit)
      if o1 || o2 { return nil }
      value = s
      i &+= 1
    }
    if negative { return value }
    let (p, o) = Int64(0).subtractingReportingOverflow(value)
    return o ? nil : p
  }

  /// The number as written.
  @usableFromInline package func text(_ number: JSONRawNumber) -> String {
    String(decoding: UnsafeBufferPointer(start: base + number.start, count: number.end - number.start), as: UTF8.self)
  }
}
