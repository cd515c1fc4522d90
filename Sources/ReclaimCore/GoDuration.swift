/// Durations in Go's `time.ParseDuration` syntax, stored as integer nanoseconds.
public enum GoDuration {
  /// Why a duration text was refused.
  public enum ParseError: Error, Sendable, Equatable {
    case invalid
    case signed
    case overflow
  }

  private static let units: [(String, Int64)] = [
    ("ns", 1), ("us", 1_000), ("\u{00B5}s", 1_000), ("\u{03BC}s", 1_000), ("ms", 1_000_000),
    ("s", 1_000_000_000), ("m", 60_000_000_000), ("h", 3_600_000_000_000),
  ]

  /// Parses `90s`, `1h30m`, `1.5h`, `500ms` or a bare `0` into nanoseconds.
  /// A sign is refused (policy values are never negative); so is a value past
  /// `Int64.max` nanoseconds. Fractions are exact (truncated), not floating.
  public static func parse(_ text: String) throws(ParseError) -> Int64 {
    let s = Array(text.unicodeScalars)
    if s.isEmpty { throw .invalid }
    if s[0] == "+" || s[0] == "-" { throw .signed }
    if s.count == 1 && s[0] == "0" { return 0 }
    var i = 0
    var total: Int64 = 0
    while i < s.count {
      var whole: Int64 = 0
      var wholeOverflow = false
      var sawDigits = false
      while i < s.count, let d = digitValue(s[i]) {
        let (m, o1) = whole.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(d)
        if o1 || o2 { wholeOverflow = true }
        whole = a
        sawDigits = true
        i += 1
      }
      var fraction: Int64 = 0
      var scale: Int64 = 1
      var sawFraction = false
      if i < s.count, s[i] == "." {
        i += 1
        while i < s.count, let d = digitValue(s[i]) {
          // Digits past 18 cannot change a nanosecond count; skip them as Go does.
          if scale < 1_000_000_000_000_000_000 {
            fraction = fraction * 10 + d
            scale *= 10
          }
          sawFraction = true
          i += 1
        }
      }
      guard sawDigits || sawFraction else { throw .invalid }
      if wholeOverflow { throw .overflow }
      let unitStart = i
      while i < s.count, s[i] != ".", digitValue(s[i]) == nil { i += 1 }
      let unitText = String(String.UnicodeScalarView(s[unitStart..<i]))
      guard let unit = units.first(where: { $0.0 == unitText })?.1 else { throw .invalid }
      let (wholeNs, o1) = whole.multipliedReportingOverflow(by: unit)
      if o1 { throw .overflow }
      // fraction * unit / scale, exactly, through a 128-bit product.
      let product = fraction.multipliedFullWidth(by: unit)
      let (fractionNs, _) = scale.dividingFullWidth(product)
      let (part, o2) = wholeNs.addingReportingOverflow(fractionNs)
      let (sum, o3) = total.addingReportingOverflow(part)
      if o2 || o3 { throw .overflow }
      total = sum
    }
    return total
  }

  private static func digitValue(_ c: Unicode.Scalar) -> Int64? {
    c.value >= 48 && c.value <= 57 ? Int64(c.value - 48) : nil
  }

  /// Go's `Duration.String()`: `0s`, `500ms`, `1.5µs`, `2m0s`, `72h0m0s`.
  public static func format(_ nanoseconds: Int64) -> String {
    // A port of Go's time.Duration.String, kept byte-for-byte compatible.
    var buf = [UInt8](repeating: 0, count: 32)
    var w = buf.count
    var u = UInt64(bitPattern: nanoseconds)
    let neg = nanoseconds < 0
    if neg { u = 0 &- u }
    if u < 1_000_000_000 {
      var prec = 0
      w -= 1
      buf[w] = UInt8(ascii: "s")
      w -= 1
      if u == 0 {
        return "0s"
      } else if u < 1_000 {
        prec = 0
        buf[w] = UInt8(ascii: "n")
      } else if u < 1_000_000 {
        prec = 3
        // U+00B5 'µ' is 0xC2 0xB5 in UTF-8.
        w -= 1
        buf[w] = 0xC2
        buf[w + 1] = 0xB5
      } else {
        prec = 6
        buf[w] = UInt8(ascii: "m")
      }
      (w, u) = formatFraction(&buf, w, u, prec)
      w = formatInt(&buf, w, u)
    } else {
      w -= 1
      buf[w] = UInt8(ascii: "s")
      (w, u) = formatFraction(&buf, w, u, 9)
      w = formatInt(&buf, w, u % 60)
      u /= 60
      if u > 0 {
        w -= 1
        buf[w] = UInt8(ascii: "m")
        w = formatInt(&buf, w, u % 60)
        u /= 60
        if u > 0 {
          w -= 1
          buf[w] = UInt8(ascii: "h")
          w = formatInt(&buf, w, u)
        }
      }
    }
    if neg {
      w -= 1
      buf[w] = UInt8(ascii: "-")
    }
    return String(decoding: buf[w...], as: UTF8.self)
  }

  private static func formatFraction(_ buf: inout [UInt8], _ w0: Int, _ v0: UInt64, _ prec: Int) -> (Int, UInt64) {
    var w = w0
    var v = v0
    var printed = false
    for _ in 0..<prec {
      let digit = v % 10
      printed = printed || digit != 0
      if printed {
        w -= 1
        buf[w] = UInt8(digit) + 48
      }
      v /= 10
    }
    if printed {
      w -= 1
      buf[w] = UInt8(ascii: ".")
    }
    return (w, v)
  }

  private static func formatInt(_ buf: inout [UInt8], _ w0: Int, _ v0: UInt64) -> Int {
    var w = w0
    var v = v0
    if v == 0 {
      w -= 1
      buf[w] = 48
    } else {
      while v > 0 {
        w -= 1
        buf[w] = UInt8(v % 10) + 48
        v /= 10
      }
    }
    return w
  }
}
