import ReclaimCore

/// The renderings of `reclaim validate`: the one-line verdict, the JSON
/// report and GitHub workflow annotations. In the library, so that every
/// format is tested in process; the command only picks one and prints it.
public enum PolicyReport {
  /// GitHub shows at most 10 error annotations per step; more only hide each other.
  public static let githubLimit = 10

  /// `PATHS: valid (…)` or `PATHS: invalid (N errors)`.
  public static func verdict(_ check: PolicyCheck, paths: [String]) -> String {
    let name = paths.joined(separator: " ")
    let errors = check.errors.count
    if errors > 0 { return "\(name): invalid (\(errors) error\(errors == 1 ? "" : "s"))" }
    if check.fromCompiledJSON { return "\(name): valid compiled policy (\(check.namespaceOverrides) NamespaceOverride(s))" }
    return
      "\(name): valid (\(check.files) file\(check.files == 1 ? "" : "s"), \(check.gcPolicies) GCPolic\(check.gcPolicies == 1 ? "y" : "ies"), \(check.namespaceOverrides) NamespaceOverride\(check.namespaceOverrides == 1 ? "" : "s"))"
  }

  /// `{"valid", "errors", "diagnostics": [{severity, file, line, column, path, message}]}`.
  public static func json(_ check: PolicyCheck) -> JSONValue {
    let items: [JSONValue] = check.diagnostics.map { d in
      var members: [String: JSONValue] = [
        "severity": .string(d.severity.rawValue), "file": .string(d.file), "message": .string(d.message),
      ]
      if let line = d.line { members["line"] = .int(Int64(line)) }
      if let column = d.column { members["column"] = .int(Int64(column)) }
      if let path = d.path { members["path"] = .string(path) }
      return .object(members)
    }
    return .object([
      "valid": .bool(check.policy != nil),
      "errors": .int(Int64(check.errors.count)),
      "diagnostics": .array(items),
    ])
  }

  /// GitHub workflow commands, at most `githubLimit` of them, then a plain
  /// line saying how many were dropped.
  public static func github(_ diagnostics: [Diagnostic]) -> [String] {
    var lines: [String] = []
    for d in diagnostics.prefix(githubLimit) {
      lines.append(githubAnnotation(d.severity, file: d.file, line: d.line, column: d.column, message: d.messageWithPath))
    }
    if diagnostics.count > githubLimit {
      let more = diagnostics.count - githubLimit
      lines.append("\(more) more diagnostic\(more == 1 ? " was" : "s were") dropped; run reclaim validate to see all")
    }
    return lines
  }

  /// One workflow command: `::error file=F,line=L,col=C::MESSAGE` (notes
  /// are `::notice`), with `%`, CR and LF escaped in the message and also
  /// `:` and `,` in the file, as GitHub reads them.
  public static func githubAnnotation(
    _ severity: Diagnostic.Severity, file: String, line: Int?, column: Int?, message: String
  ) -> String {
    let command: String
    switch severity {
    case .error: command = "error"
    case .warning: command = "warning"
    case .note: command = "notice"
    }
    var properties = ["file=\(escapeProperty(file))"]
    if let line { properties.append("line=\(line)") }
    if let column { properties.append("col=\(column)") }
    return "::\(command) \(properties.joined(separator: ","))::\(escapeData(message))"
  }

  static func escapeData(_ text: String) -> String {
    text.replacingAll("%", "%25").replacingAll("\r", "%0D").replacingAll("\n", "%0A")
  }

  static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingAll(":", "%3A").replacingAll(",", "%2C")
  }
}

extension String {
  /// By scalar, not by `Character`: "\r\n" is one `Character`, equal to
  /// neither "\r" nor "\n", and would otherwise pass unescaped.
  fileprivate func replacingAll(_ target: Unicode.Scalar, _ replacement: String) -> String {
    var out = ""
    for scalar in unicodeScalars {
      if scalar == target { out += replacement } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }
}
