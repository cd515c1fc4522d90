import ReclaimCore
import ReclaimEngine
import ReclaimInventory

/// A one-line account of where two plans first differ, for failure
/// messages (a whole plan printed is kilobytes of noise).
enum PlanDifference {
  static func first(_ engine: Plan, _ reference: Plan) -> String? {
    if engine == reference { return nil }
    func container<R>(_ e: ContainerEntry<R>) -> String { "\(e.container.id):\(e.reason)" }
    func sandbox<R>(_ e: SandboxEntry<R>) -> String { "\(e.sandbox.id):\(e.reason)" }
    func image<R>(_ e: ImageEntry<R>) -> String {
      "\(e.image.id):\(e.reason) lastUsed=\(e.lastUsed.map(\.description) ?? "zero") firstDetected=\(e.firstDetected)"
    }
    func message(_ m: PlanMessage) -> String { "\(m.code.rawValue): \(m.message)" }
    let keptE = engine.kept ?? KeptObjects()
    let keptR = reference.kept ?? KeptObjects()
    let parts: [String?] = [
      engine.node == reference.node && engine.capturedAt == reference.capturedAt && engine.mode == reference.mode
        ? nil : "header",
      list("containers", engine.containers, reference.containers, container),
      list("sandboxes", engine.sandboxes, reference.sandboxes, sandbox),
      list("podLogDirs", engine.podLogDirs, reference.podLogDirs) { "\($0.name):\($0.podUid)" },
      list("images", engine.images, reference.images, image),
      engine.imageFs == reference.imageFs ? nil : "imageFs: engine \(engine.imageFs), reference \(reference.imageFs)",
      list("warnings", engine.warnings, reference.warnings, message),
      list("errors", engine.errors, reference.errors, message),
      (engine.kept == nil) == (reference.kept == nil) ? nil : "kept present in one plan only",
      list("kept.containers", keptE.containers, keptR.containers, container),
      list("kept.sandboxes", keptE.sandboxes, keptR.sandboxes, sandbox),
      list("kept.images", keptE.images, keptR.images, image),
    ]
    return parts.compactMap { $0 }.first ?? "plans differ in an echoed field"
  }

  /// The first index where the lists differ, with both entries there.
  private static func list<T: Equatable>(_ name: String, _ a: [T], _ b: [T], _ describe: (T) -> String) -> String? {
    guard a != b else { return nil }
    let i = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
    let e = i < a.count ? describe(a[i]) : "(end)"
    let r = i < b.count ? describe(b[i]) : "(end)"
    return "\(name)[\(i)] (engine \(a.count), reference \(b.count) entries): engine \(e), reference \(r)"
  }
}
