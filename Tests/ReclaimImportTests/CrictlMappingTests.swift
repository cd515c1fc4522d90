import ReclaimCore
import ReclaimInventory
import Testing

@testable import ReclaimImport

/// The mapping rules from a capture set to a snapshot, one at a time.
struct CrictlMappingTests {
  typealias T = CaptureText
  let web = (uid: "6f1c0000-0000-4000-8000-000000000001", namespace: "shop", name: "web-7d9f")
  let job = (uid: "6f1c0000-0000-4000-8000-000000000002", namespace: "ci-runner-12", name: "build-x")
  let idA = "sha256:" + String(repeating: "a", count: 64)
  let idB = "sha256:" + String(repeating: "b", count: 64)
  let idC = "sha256:" + String(repeating: "d", count: 64)

  func importSnapshot(
    containers: [String] = [], sandboxes: [String] = [], images: [String] = [], apiPods: [String]? = nil,
    node: String? = nil, previous: NodeSnapshot? = nil, at: Timestamp = T.capturedAt, summary: String = T.summary
  ) throws -> CrictlImporter.Result {
    let decoded = T.decode(
      containers: T.containers(containers), sandboxes: T.sandboxes(sandboxes), images: T.images(images),
      summary: summary, apiPods: apiPods.map(T.apiPods))
    let capture = try #require(decoded.capture, "\(decoded.diagnostics)")
    return try CrictlImporter.snapshot(
      from: capture, options: .init(node: node, capturedAt: at),
      previous: previous.map { .init(file: "prev.json", snapshot: $0) }
    ).get()
  }

  @Test func labelsGivePodAndContainerName() throws {
    let s = try importSnapshot(
      containers: [T.container(id: "c1", sandbox: "s1", name: "app", pod: web, imageRef: idA)],
      sandboxes: [T.sandbox(id: "s1", uid: web.uid, namespace: web.namespace, name: web.name)],
      images: [T.image(id: idA)]
    ).snapshot
    let c = try #require(s.containers.first)
    #expect(c.podUid == web.uid && c.namespace == "shop" && c.podName == "web-7d9f" && c.name == "app")
    #expect(c.sandboxId == "s1" && c.state == .exited && c.imageId == idA)
    #expect(c.createdAt == (try Timestamp.parse("2026-11-29T10:00:00Z")))
    #expect(s.sandboxes.map(\.podUid) == [web.uid])
    #expect(s.node == "worker-1")
    #expect(s.kubeletStartedAt == (try Timestamp.parse("2026-11-20T08:00:00Z")))
    #expect(s.imageFs == .init(capacityBytes: 100_000_000_000, availableBytes: 10_000_000_000))
  }

  @Test func aContainerWithoutKubeletLabelsBelongsToNoPod() throws {
    // As the kubelet reads it (getContainerInfoFromLabels): no pod uid and
    // the container name "" — all such containers form one evict unit.
    let s = try importSnapshot(containers: [T.container(id: "c9", name: "nerdctl-debug", imageRef: idA)], images: [T.image(id: idA)])
      .snapshot
    let c = try #require(s.containers.first)
    #expect(c.podUid == nil && c.namespace == nil && c.podName == nil && c.sandboxId == nil)
    #expect(c.name == "")
    #expect(s.pods.isEmpty)
    // Its image is in use, but by no namespace.
    #expect(s.images.first?.namespaces == [])
    #expect(s.images.first?.lastUsedAt == T.capturedAt)
  }

  @Test func imageReferencesResolveByIdThenDigestThenTag() throws {
    let bare = String(repeating: "c", count: 64)
    let s = try importSnapshot(
      containers: [
        // containerd: the id.
        T.container(id: "c1", pod: web, imageRef: idA),
        // CRI-O: a digested reference.
        T.container(id: "c2", pod: web, imageRef: "quay.io/shop/api@sha256:0123"),
        // Only a tag matches.
        T.container(id: "c3", pod: job, image: "", imageRef: "docker.io/library/busybox:1.36"),
        // An id without its algorithm, against an image listed with it…
        T.container(id: "c4", pod: web, imageRef: String(idA.dropFirst(7))),
        // …and one with it, against a bare-hex id (CRI-O lists those).
        T.container(id: "c5", pod: job, imageRef: "sha256:" + bare),
        // CRI ≥ 1.30 imageId wins over imageRef.
        T.container(id: "c6", pod: web, imageRef: idA).replacingOccurrences(
          of: #""imageRef": "\#(idA)""#, with: #""imageRef": "\#(idA)", "imageId": "\#(idB)""#),
        // Nothing matches: kept as given, with a warning.
        T.container(id: "c7", pod: web, imageRef: "sha256:gone"),
      ],
      images: [
        T.image(id: idA, tags: ["shop/web:1"]),
        T.image(id: idB, tags: ["quay.io/shop/api:2"], digests: ["quay.io/shop/api@sha256:0123"]),
        T.image(id: bare, tags: ["docker.io/library/busybox:1.36"]),
        T.image(id: idC, tags: ["unused:1"]),
      ])
    #expect(s.snapshot.containers.map(\.imageId) == [idA, idB, bare, idA, bare, idB, "sha256:gone"])
    #expect(
      s.diagnostics.map(\.description) == [
        #"containers.json: warning: 1 container's image matches no image of images.json (by id, repo digest or repo tag): "c7"; their image ids are kept as the runtime gave them"#
      ])
    let records = Dictionary(uniqueKeysWithValues: s.snapshot.images.map { ($0.id, $0) })
    #expect(records[idA]?.namespaces == ["shop"])
    #expect(records[bare]?.namespaces == ["ci-runner-12"])
    #expect(records[idB]?.lastUsedAt == T.capturedAt)
    #expect(records[idC]?.lastUsedAt == nil)
    #expect(records[idC]?.firstDetectedAt == nil)
  }

  @Test func everyContainerRunningIsWarned() throws {
    let s = try importSnapshot(
      containers: [T.container(id: "c1", pod: web, imageRef: idA, state: "CONTAINER_RUNNING")], images: [T.image(id: idA)])
    #expect(s.diagnostics.contains { $0.severity == .warning && $0.message.contains("crictl ps -a") })
    let mixed = try importSnapshot(
      containers: [
        T.container(id: "c1", pod: web, imageRef: idA, state: "CONTAINER_RUNNING"),
        T.container(id: "c2", pod: web, imageRef: idA, state: "CONTAINER_EXITED"),
      ], images: [T.image(id: idA)])
    #expect(mixed.diagnostics.isEmpty)
  }

  @Test func apiPodStates() throws {
    let uids = (1...6).map { "u\($0)" }
    let s = try importSnapshot(
      sandboxes: uids.map { T.sandbox(id: "s-\($0)", uid: $0, state: "SANDBOX_NOTREADY") },
      apiPods: [
        T.apiPod(uid: "u1"),
        T.apiPod(uid: "u2", phase: "Succeeded"),
        T.apiPod(uid: "u3", phase: "Failed", reason: "Evicted"),
        T.apiPod(uid: "u4", phase: "Failed", reason: "Error"),
        T.apiPod(uid: "u5", phase: "Running", deleting: true),
        T.apiPod(uid: "u7", phase: "Pending"),
      ]
    ).snapshot
    #expect(s.allSourcesReady)
    // u6 is in the runtime but not in the API server: deleted; u7 has no
    // sandbox yet but is the kubelet's to know.
    #expect(
      s.pods.map { "\($0.uid)=\($0.state.rawValue)" } == [
        "u1=active", "u2=terminated", "u3=evicted", "u4=terminated", "u5=terminating", "u6=deleted", "u7=active",
      ])
    let without = try importSnapshot(sandboxes: uids.map { T.sandbox(id: "s-\($0)", uid: $0) }).snapshot
    #expect(!without.allSourcesReady)
    #expect(without.pods.allSatisfy { $0.state == .active })
  }

  @Test func nodeNamesMustAgree() throws {
    let decoded = T.decode(apiPods: T.apiPods([T.apiPod(uid: "u1", node: "worker-2")]))
    let capture = try #require(decoded.capture)
    let result = CrictlImporter.snapshot(from: capture, options: .init(node: "worker-1", capturedAt: T.capturedAt))
    guard case .failure(let error) = result else {
      Issue.record("a capture of two nodes was imported")
      return
    }
    #expect(
      error.diagnostics.map(\.description) == [
        #"api-pods.json: error: pod shop/web's spec.nodeName is "worker-2", but --node is "worker-1": the captures are not all of one node"#
      ])
    let fsOnly = #"{"availableBytes": 5, "capacityBytes": 50}"#
    let anonymous = try #require(T.decode(summary: fsOnly).capture)
    guard case .failure(let missing) = CrictlImporter.snapshot(from: anonymous, options: .init(capturedAt: T.capturedAt))
    else {
      Issue.record("a snapshot without a node name was imported")
      return
    }
    #expect(missing.diagnostics.map(\.message) == ["no node name: pass --node NAME (only the whole Summary API document names its node)"])
    guard case .failure(let invalid) = CrictlImporter.snapshot(from: anonymous, options: .init(node: "Worker_1", capturedAt: T.capturedAt))
    else {
      Issue.record("an invalid node name was imported")
      return
    }
    #expect(invalid.diagnostics.first?.message.hasPrefix(#"invalid node name "Worker_1""#) == true)
  }

  @Test func outputIsIndependentOfCaptureOrder() throws {
    let containers = [
      T.container(id: "c2", sandbox: "s1", pod: web, imageRef: idA),
      T.container(id: "c1", sandbox: "s2", pod: job, imageRef: idB),
      T.container(id: "c3", sandbox: "s1", name: "side", pod: web, imageRef: idB),
    ]
    let sandboxes = [T.sandbox(id: "s2", uid: job.uid, namespace: job.namespace), T.sandbox(id: "s1", uid: web.uid)]
    let images = [T.image(id: idB), T.image(id: idA)]
    let a = try importSnapshot(containers: containers, sandboxes: sandboxes, images: images).snapshot
    let b = try importSnapshot(containers: containers.reversed(), sandboxes: sandboxes.reversed(), images: images.reversed())
      .snapshot
    #expect(SnapshotWriter.bytes(a, layout: .indented) == SnapshotWriter.bytes(b, layout: .indented))
    #expect(a.containers.map(\.id) == ["c1", "c2", "c3"])
    #expect(a.images.first { $0.id == idB }?.namespaces == ["ci-runner-12", "shop"])
  }
}

extension CrictlMappingTests {
  @Test func aMirrorPodIsKnownByItsStaticPodsUID() throws {
    // kube-apiserver as a static pod: its containers carry the static pod's
    // uid (the config hash); the API server lists the mirror pod, with a uid
    // of its own and the hash in `kubernetes.io/config.mirror`.
    let hash = "4b2e1f0c9d8a7b6c5d4e3f2a1b0c9d8e"
    let static_ = (uid: hash, namespace: "kube-system", name: "kube-apiserver-cp-1")
    let mirror = T.apiPod(uid: "9a8b7c6d-0000-4000-8000-00000000abcd", namespace: "kube-system", name: "kube-apiserver-cp-1")
      .replacingOccurrences(
        of: #""uid": "9a8b7c6d-0000-4000-8000-00000000abcd""#,
        with: #""uid": "9a8b7c6d-0000-4000-8000-00000000abcd", "annotations": {"kubernetes.io/config.mirror": "\#(hash)", "kubernetes.io/config.hash": "\#(hash)"}"#)
    let s = try importSnapshot(
      containers: [T.container(id: "c1", sandbox: "s1", name: "kube-apiserver", pod: static_, imageRef: idA)],
      sandboxes: [T.sandbox(id: "s1", uid: hash, namespace: "kube-system", name: "kube-apiserver-cp-1")],
      images: [T.image(id: idA)], apiPods: [mirror]
    ).snapshot
    #expect(s.pods.map { "\($0.uid)=\($0.state.rawValue)" } == ["\(hash)=active"])
  }

  @Test func aSandboxWithoutAPodUIDBelongsToNoPod() throws {
    let s = try importSnapshot(
      sandboxes: [#"{"id": "s9", "state": "SANDBOX_NOTREADY", "createdAt": "1795940000000000000"}"#],
      apiPods: [])
    #expect(s.snapshot.sandboxes.map(\.podUid) == [""])
    #expect(s.snapshot.pods.isEmpty)
    // And `reclaim plan` accepts what was written.
    let bytes = SnapshotWriter.bytes(s.snapshot, layout: .compact)
    #expect(throws: Never.self) { try SnapshotReader.decode(bytes, source: "-") }
  }
}

extension CrictlMappingTests {
  @Test func withoutAKubeletStartTimeImagesCannotAge() throws {
    let fsOnly = #"{"availableBytes": 5, "capacityBytes": 50}"#
    let s = try importSnapshot(images: [T.image(id: idA)], node: "worker-1", summary: fsOnly)
    #expect(s.snapshot.kubeletStartedAt == nil)
    #expect(s.diagnostics.contains { $0.severity == .warning && $0.message.hasPrefix("no kubelet start time") })
  }

  @Test func stderrMixedIntoACaptureIsNamed() {
    let text = "WARN[0000] image connect using default endpoints\n{\"images\": []}"
    let d = T.decode(images: text).diagnostics
    #expect(d.count == 1)
    #expect(d.first?.description.contains("was the command's stderr captured with it?") == true, "\(d)")
  }
}
