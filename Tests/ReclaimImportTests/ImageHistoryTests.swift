import ReclaimCore
import ReclaimInventory
import Testing

@testable import ReclaimImport

/// `--previous`: the kubelet's image records carried from capture to
/// capture, as `detectImages` evolves them between GC passes.
struct ImageHistoryTests {
  typealias T = CaptureText
  let pod = (uid: "u1", namespace: "shop", name: "web")
  let batch = (uid: "u2", namespace: "batch", name: "nightly")
  let idA = "sha256:aaaa", idB = "sha256:bbbb", idC = "sha256:cccc"

  func hour(_ h: Int) -> Timestamp { Timestamp(nanoseconds: T.capturedAt.nanoseconds + Int64(h) * 3_600_000_000_000) }

  /// One capture: `users` maps image ids to the pods whose containers use them.
  func capture(
    at time: Timestamp, images: [String], users: [String: [(uid: String, namespace: String, name: String)]],
    kubeletStarted: String = "2026-11-20T08:00:00Z", previous: NodeSnapshot?
  ) throws -> CrictlImporter.Result {
    var containers: [String] = []
    for (image, pods) in users.sorted(by: { $0.key < $1.key }) {
      for (i, p) in pods.enumerated() {
        containers.append(T.container(id: "c-\(image.suffix(4))-\(i)", pod: p, imageRef: image))
      }
    }
    let summary = T.summary.replacingOccurrences(of: "2026-11-20T08:00:00Z", with: kubeletStarted)
    let decoded = T.decode(
      containers: T.containers(containers), images: T.images(images.map { T.image(id: $0) }), summary: summary)
    let c = try #require(decoded.capture, "\(decoded.diagnostics)")
    return try CrictlImporter.snapshot(
      from: c, options: .init(capturedAt: time), previous: previous.map { .init(file: "prev.json", snapshot: $0) }
    ).get()
  }

  func records(_ s: NodeSnapshot) -> [String: String] {
    Dictionary(
      uniqueKeysWithValues: s.images.map {
        ($0.id, "\($0.firstDetectedAt?.description ?? "-") \($0.lastUsedAt?.description ?? "-") \($0.namespaces)")
      })
  }

  @Test func threeCapturesAndARestart() throws {
    let t0 = T.capturedAt.description, t1 = hour(1).description, t2 = hour(2).description
    // 1: A used by shop, B unused, C not yet pulled.
    let s1 = try capture(at: hour(0), images: [idA, idB], users: [idA: [pod]], previous: nil).snapshot
    #expect(records(s1) == [idA: "- \(t0) [\"shop\"]", idB: "- - []"])
    // 2: A unused now, B used by batch, C pulled since.
    let s2 = try capture(at: hour(1), images: [idA, idB, idC], users: [idB: [batch]], previous: s1).snapshot
    // Records from capture 1 had no firstDetectedAt: they were first seen
    // at its kubeletStartedAt, and say so from now on.
    let started = "2026-11-20T08:00:00Z"
    #expect(
      records(s2) == [
        idA: "\(started) \(t0) [\"shop\"]", idB: "\(started) \(t1) [\"batch\"]", idC: "\(t1) - []",
      ])
    // 3: B removed from the runtime; A used again, by batch.
    let s3 = try capture(at: hour(2), images: [idA, idC], users: [idA: [batch]], previous: s2).snapshot
    #expect(records(s3) == [idA: "\(started) \(t2) [\"batch\", \"shop\"]", idC: "\(t1) - []"])
    // 4: the kubelet restarted after capture 3: its records are gone.
    let restart = try capture(
      at: hour(3), images: [idA, idC], users: [:], kubeletStarted: hour(2).advanced(minutes: 30).description,
      previous: s3)
    #expect(records(restart.snapshot) == [idA: "- - []", idC: "- - []"])
    #expect(restart.diagnostics.contains { $0.severity == .note && $0.message.contains("the kubelet restarted") })
  }

  @Test func aPreviousSnapshotOfAnotherNodeOrFromLaterIsRefused() throws {
    var other = try capture(at: hour(0), images: [idA], users: [:], previous: nil).snapshot
    other.node = "worker-2"
    let decoded = try #require(T.decode(images: T.images([T.image(id: idA)])).capture)
    guard
      case .failure(let error) = CrictlImporter.snapshot(
        from: decoded, options: .init(capturedAt: hour(1)), previous: .init(file: "prev.json", snapshot: other))
    else {
      Issue.record("a previous snapshot of another node was used")
      return
    }
    #expect(error.diagnostics.map(\.description) == [#"prev.json: $.node: the previous snapshot is of node "worker-2", not "worker-1""#])
    let later = try capture(at: hour(5), images: [idA], users: [:], previous: nil).snapshot
    guard
      case .failure(let error) = CrictlImporter.snapshot(
        from: decoded, options: .init(capturedAt: hour(1)), previous: .init(file: "prev.json", snapshot: later))
    else {
      Issue.record("a previous snapshot from later was used")
      return
    }
    #expect(error.diagnostics.first?.path == "$.capturedAt")
  }
}

extension Timestamp {
  func advanced(minutes: Int64) -> Timestamp { Timestamp(nanoseconds: nanoseconds + minutes * 60_000_000_000) }
}
