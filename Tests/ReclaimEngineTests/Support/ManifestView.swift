import Foundation
import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// Reduces manifest JSON and plan values to comparable string lists.
enum ManifestView {
  static func entries(_ value: Any?, fields: [String]) -> [[String]] {
    ((value as? [[String: Any]]) ?? []).map { e in
      fields.map { f in
        switch e[f] {
        case let s as String: return s
        case let b as Bool: return b ? "true" : "false"
        case let n as NSNumber: return n.stringValue
        default: return "<absent>"
        }
      }
    }
  }

  static func containers(_ xs: [(NodeSnapshot.Container, String, Bool)]) -> [[String]] {
    xs.map { [$0.0.id, $0.1, $0.2 ? "true" : "false"] }
  }

  static func sandboxes(_ xs: [(NodeSnapshot.Sandbox, String)]) -> [[String]] { xs.map { [$0.0.id, $0.1] } }

  static func images(_ xs: [(String, String, Timestamp?, Timestamp)]) -> [[String]] {
    xs.map { [$0.0, $0.1, $0.2.map { String($0.nanoseconds) } ?? "<absent>", String($0.3.nanoseconds)] }
  }

  /// Manifest timestamps as nanoseconds, so formatting is not under test here.
  static func normaliseTimes(_ row: [String]) -> [String] {
    row.enumerated().map { i, v in
      guard i >= 2, v != "<absent>", let t = try? Timestamp.parse(v) else { return v }
      return String(t.nanoseconds)
    }
  }

  static func imageFs(_ r: ImageFsReport) -> [String: Int64] {
    var out: [String: Int64] = [
      "capacityBytes": r.capacityBytes, "availableBytes": r.availableBytes,
      "highThresholdPercent": Int64(r.highThresholdPercent), "lowThresholdPercent": Int64(r.lowThresholdPercent),
      "bytesFreed": r.bytesFreed, "maxAgeBytes": r.maxAgeBytes,
    ]
    if let v = r.usagePercent { out["usagePercent"] = v }
    if let v = r.bytesToFree { out["bytesToFree"] = v }
    return out
  }

  static func numbers(_ o: [String: Any]) -> [String: Int64] {
    o.compactMapValues { ($0 as? NSNumber)?.int64Value }
  }

  static func codes(_ value: Any?) -> [String] {
    ((value as? [[String: Any]]) ?? []).compactMap { $0["code"] as? String }
  }
}
