import Foundation
import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import Testing

/// The kubelet's own GC test tables, ported as data (`fixtures/kubelet/`).
/// Each file names its upstream case; expectations are the upstream ones.
@Suite struct KubeletFixtureTests {
  static let files: [String] = {
    let dir = FixturePaths.url("fixtures/kubelet")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.sorted()
  }()

  @Test func everyUpstreamSuiteIsPorted() {
    let suites = Set(Self.files.map { $0.split(separator: "-").first.map(String.init) ?? $0 })
    for suite in [
      "testcontainergc", "testunknownstatecontainergc.json", "testsandboxgc", "testpodlogdirectorygc",
      "testgarbagecollectimagetooold", "testgarbagecollectimagemaxagedisabled", "testfreespaceremovebyleastrecentlyused.json",
      "testdetectimagesinitialdetect.json", "testdonotdeletepinnedimage.json", "testgarbagecollectimagenotoldenough",
    ] {
      #expect(suites.contains(suite), "missing \(suite)")
    }
    #expect(Self.files.count >= 45)
  }

  @Test(arguments: files)
  func upstreamCase(_ file: String) throws {
    let root = try #require(try FixturePaths.json("fixtures/kubelet/" + file) as? [String: Any])
    let upstream = try #require(root["upstream"] as? String)
    let mode = try #require(GCMode(rawValue: root["mode"] as? String ?? ""))
    let policyText = try #require(root["policy"] as? String)
    // Inline YAML text, or a path (relative to the repository) to a policy file.
    let policy =
      policyText.contains("\n")
      ? try FixtureDecoding.policy(yaml: policyText, source: file + "#policy")
      : try FixtureDecoding.policy(path: FixturePaths.url(policyText).path)
    let snapshot = try FixtureDecoding.snapshot(try #require(root["snapshot"]), source: file)
    let expect = try #require(root["expect"] as? [String: Any])
    let plan = GCEngine.plan(snapshot, policy: policy, options: PlanOptions(mode: mode, explain: root["explain"] as? Bool ?? false))

    func ids(_ key: String) -> [String] { ((expect[key] as? [String]) ?? []).sorted() }
    #expect(plan.containers.map(\.container.id).sorted() == ids("containers"), "\(upstream)")
    #expect(plan.sandboxes.map(\.sandbox.id).sorted() == ids("sandboxes"), "\(upstream)")
    #expect(plan.podLogDirs.map(\.name).sorted() == ids("podLogDirs"), "\(upstream)")
    #expect(plan.images.map(\.image.id) == (expect["images"] as? [String] ?? []), "\(upstream)")
    if let stopFirst = expect["stopFirst"] as? [String] {
      #expect(plan.containers.filter(\.stopFirst).map(\.container.id).sorted() == stopFirst.sorted(), "\(upstream)")
    }
    if let reasons = expect["imageReasons"] as? [String] {
      #expect(plan.images.map(\.reason.rawValue) == reasons, "\(upstream)")
    }
    for (key, value) in [
      ("bytesFreed", plan.imageFs.bytesFreed), ("maxAgeBytes", plan.imageFs.maxAgeBytes),
      ("bytesToFree", plan.imageFs.bytesToFree ?? -1),
    ] {
      if let want = (expect[key] as? NSNumber)?.int64Value { #expect(value == want, "\(upstream): \(key)") }
    }
    if let codes = expect["warnings"] as? [String] {
      #expect(plan.warnings.map(\.code.rawValue) == codes.sorted(), "\(upstream)")
    }
    if let codes = expect["errors"] as? [String] {
      #expect(plan.errors.map(\.code.rawValue) == codes.sorted(), "\(upstream)")
    }
    if let rows = expect["keptImages"] as? [[Any]] {
      let kept = try #require(plan.kept)
      let want: [[String]] = rows.map { row in
        row.enumerated().map { i, v in
          guard let s = v as? String else { return "<zero>" }
          guard i >= 2, let t = try? Timestamp.parse(s) else { return s }
          return String(t.nanoseconds)
        }
      }
      let got: [[String]] = kept.images.map {
        [$0.image.id, $0.reason.rawValue, $0.lastUsed.map { String($0.nanoseconds) } ?? "<zero>",
          String($0.firstDetected.nanoseconds)]
      }
      #expect(got == want, "\(upstream)")
    }
  }
}
