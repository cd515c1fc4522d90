/// Text made safe for an XML 1.0 document (the JUnit report).
enum XMLText {
  /// Element content: `&`, `<` and `>` escaped; characters XML 1.0 cannot
  /// hold at all (control characters other than tab, LF and CR, U+FFFE,
  /// U+FFFF) replaced by U+FFFD, since not even a character reference may
  /// name them.
  static func content(_ text: String) -> String { escape(text, attribute: false) }

  /// An attribute value between double quotes: as `content`, and `"`, `'`,
  /// tab, LF and CR as character references, which attribute-value
  /// normalisation would otherwise turn into spaces.
  static func attribute(_ text: String) -> String { escape(text, attribute: true) }

  private static func escape(_ text: String, attribute: Bool) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where attribute: out += "&quot;"
      case "'" where attribute: out += "&apos;"
      case "\t" where attribute: out += "&#9;"
      case "\n" where attribute: out += "&#10;"
      case "\r": out += "&#13;"  // a raw CR in content is read as a newline
      case "\t", "\n": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
