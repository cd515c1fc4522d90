/// A value shown in a message or a JSON path: a JSON string literal, so that
/// control characters and quotes in user input never garble the message
/// (`\"`, `\\`, `\n`, `\r`, `\t`, other control characters and DEL as
/// `\u00xx`; everything else as is). A value longer than
/// `quotedLimit` characters is cut there and its length in bytes given
/// (`"aaaa…" (20971520 bytes)`), so that one hostile value cannot make a
/// message, or the output it lands in, as large as itself.
public func quoted(_ text: String) -> String {
  var out = "\""
  var shown = 0
  for scalar in text.unicodeScalars {
    if shown == quotedLimit {
      return out + "\u{2026}\" (\(text.utf8.count) bytes)"
    }
    shown += 1
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        let hex = String(scalar.value, radix: 16, uppercase: false)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

/// How many characters of a value `quoted` shows.
public let quotedLimit = 200
