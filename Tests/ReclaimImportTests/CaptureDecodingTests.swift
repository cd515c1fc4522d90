import ReclaimCore
import Testing

@testable import ReclaimImport

/// The capture decoders: both protobuf JSON dialects, the Summary API in
/// either form, and a precise error for every kind of bad capture.
struct CaptureDecodingTests {
  let id1 = String(repeating: "a", count: 64)
  let image1 = "sha256:" + String(repeating: "1", count: 64)

  @Test func jsonpbNullsAndProtojsonOmissionsDecodeAlike() throws {
    // crictl ≤ 1.30 (jsonpb, EmitDefaults): unset messages are null.
    let jsonpb = #"""
      {"images": [{"id": "sha256:1", "repoTags": ["a:1"], "repoDigests": [], "size": "1000", "uid": null,
                   "username": "", "spec": null, "pinned": false}]}
      """#
    // crictl ≥ 1.31 (protojson, EmitDefaultValues, indented): they are left out.
    let protojson = """
      {
        "images":  [
          {
            "id":  "sha256:1",
            "repoTags":  [
              "a:1"
            ],
            "repoDigests":  [],
            "size":  "1000",
            "username":  "",
            "pinned":  false
          }
        ]
      }
      """
    let a = CaptureText.decode(images: jsonpb), b = CaptureText.decode(images: protojson)
    let x = try #require(a.capture), y = try #require(b.capture)
    #expect(x.images == y.images)
    #expect(x.images == [CRIImage(id: "sha256:1", repoTags: ["a:1"], size: 1000)])
    #expect(a.diagnostics.isEmpty && b.diagnostics.isEmpty)
  }

  @Test func integersAsStringsOrNumbersAndAbsentPinned() throws {
    let images = CaptureText.images([
      CaptureText.image(id: "sha256:s", size: #""18446744073""#, pinned: nil),
      CaptureText.image(id: "sha256:n", size: "42", pinned: true),
    ])
    let capture = try #require(CaptureText.decode(images: images).capture)
    #expect(capture.images.map(\.size) == [18_446_744_073, 42])
    // A capture older than CRI 1.23 has no `pinned` key: not pinned.
    #expect(capture.images.map(\.pinned) == [false, true])
  }

  @Test(arguments: [
    (#""-5""#, "expected an integer ≥ 0, got -5"),
    (#""18446744073709551615""#, #"expected an integer within int64, got the string "18446744073709551615""#),
    (#""12a""#, #"expected an integer within int64, got the string "12a""#),
    ("1.5", "expected an integer within int64, got 1.5"),
    ("true", "expected an integer, got a boolean"),
  ])
  func badSizesNameTheirPath(size: String, message: String) {
    let result = CaptureText.decode(images: CaptureText.images([CaptureText.image(id: "sha256:x", size: size)]))
    #expect(result.capture == nil)
    #expect(result.diagnostics.map(\.description) == ["images.json: $.images[0].size: \(message)"])
  }

  @Test func unknownFieldsAreIgnoredAndUnknownStatesWarned() throws {
    let text = #"""
      {"containers": [{"id": "c1", "podSandboxId": "s1", "metadata": {"name": "x", "attempt": 2},
        "image": {"image": "i", "runtimeHandler": "", "imageRef": "i"}, "imageRef": "i", "imageId": "i",
        "state": "CONTAINER_PAUSED", "createdAt": "5", "labels": {}, "annotations": {}, "newField": {"a": [1]}},
        {"id": "c2", "state": 2, "createdAt": 6, "imageRef": "i"}], "futureTopLevel": 1}
      """#
    let result = CaptureText.decode(containers: text)
    let capture = try #require(result.capture)
    #expect(capture.containers.map(\.state) == [.unknown, .exited])
    #expect(capture.containers.map(\.attempt) == [2, 0])
    #expect(
      result.diagnostics.map(\.description) == [
        #"containers.json: warning: $.containers[0].state: unknown state "CONTAINER_PAUSED", read as CONTAINER_UNKNOWN"#
      ])
  }

  @Test func everyProblemOfEveryFileIsReportedAtOnce() {
    let containers = #"{"containers": [{"id": "", "state": "CONTAINER_EXITED", "createdAt": "1"}, {"id": "c", "state": "CONTAINER_EXITED"}, {"id": "c", "state": "CONTAINER_EXITED", "createdAt": "2"}, {"id": "c", "state": "CONTAINER_EXITED", "createdAt": "3"}]}"#
    let sandboxes = #"{"items": [{"id": "s", "metadata": {"uid": 5}, "state": "SANDBOX_READY", "createdAt": "1"}, {"id": "s", "state": "SANDBOX_READY", "createdAt": "1"}]}"#
    let images = #"{"images": [{"id": "i", "size": "1"}, {"id": "i", "size": "2"}, {"repoTags": "x", "size": "1"}]}"#
    let result = CaptureText.decode(containers: containers, sandboxes: sandboxes, images: images)
    #expect(result.capture == nil)
    #expect(
      result.diagnostics.map(\.description) == [
        "containers.json: $.containers[0].id: container id must not be empty",
        "containers.json: $.containers[1].createdAt: missing container createdAt",
        #"containers.json: $.containers[2].id: duplicate container id "c""#,
        #"containers.json: $.containers[3].id: duplicate container id "c""#,
        "sandboxes.json: $.items[0].metadata.uid: expected a string, got a number",
        #"sandboxes.json: $.items[1].id: duplicate sandbox id "s""#,
        #"images.json: $.images[1].id: duplicate image id "i""#,
        "images.json: $.images[2].id: missing image id",
        "images.json: $.images[2].repoTags: expected an array, got a string",
      ])
  }

  @Test func truncatedJSONGivesLineAndColumn() {
    let result = CaptureText.decode(images: "{\"images\": [\n  {\"id\": \"sha256:1\", \"size\": \"1")
    #expect(result.capture == nil)
    let d = try? #require(result.diagnostics.first)
    #expect(d?.file == "images.json")
    #expect(d?.line == 2)
    #expect(d?.description.contains("malformed JSON") == true)
    #expect(d?.description.contains("truncated") == true)
  }

  @Test(arguments: [
    // The images capture passed as --containers.
    (#"{"images": []}"#, "containers", "expected `crictl ps -a -o json` output, but this looks like `crictl images -o json` output; pass it as --images"),
    // `crictl inspect` output.
    (#"{"status": {"id": "c1", "createdAt": "2026-11-30T09:00:00.1Z"}, "info": {}}"#, "containers", "expected `crictl ps -a -o json` output, but this looks like `crictl inspect` output (inspect output is per object; capture the list with `crictl ps -a -o json`)"),
    // `crictl imagefsinfo` as --stats-summary: no capacity.
    (#"{"status": {"imageFilesystems": [{"timestamp": "1", "fsId": {"mountpoint": "/var/lib/containerd"}, "usedBytes": {"value": "5"}}]}}"#, "summary", "expected a kubelet Summary API document (/stats/summary), but this looks like `crictl imagefsinfo` output (it has no capacity; capture /stats/summary instead)"),
    // kubectl pods passed as --pods.
    (#"{"apiVersion": "v1", "items": [], "kind": "List"}"#, "sandboxes", "expected `crictl pods -o json` output, but this looks like `kubectl get pods -o json` output; pass it as --api-pods"),
    // A snapshot passed as a capture.
    (#"{"apiVersion": "reclaim.dev/v1", "kind": "NodeSnapshot", "node": "n"}"#, "images", "expected `crictl images -o json` output, but this looks like a Reclaim snapshot (kind NodeSnapshot); pass it as --previous"),
    ("[]", "images", "expected `crictl images -o json` output (a JSON object), got an array"),
    (#"{"x": 1}"#, "sandboxes", "expected `crictl pods -o json` output; no top-level member says what this document is"),
  ])
  func aCaptureOfTheWrongKindIsNamed(text: String, slot: String, message: String) {
    let result: (capture: CrictlCapture?, diagnostics: [Diagnostic])
    let file: String
    switch slot {
    case "containers": (result, file) = (CaptureText.decode(containers: text), "containers.json")
    case "sandboxes": (result, file) = (CaptureText.decode(sandboxes: text), "sandboxes.json")
    case "images": (result, file) = (CaptureText.decode(images: text), "images.json")
    default: (result, file) = (CaptureText.decode(summary: text), "summary.json")
    }
    #expect(result.capture == nil)
    #expect(result.diagnostics.map(\.description) == ["\(file): $: \(message)"])
  }

  @Test func summaryWholeOrImageFsOnly() throws {
    let whole = try #require(CaptureText.decode().capture).summary
    #expect(whole.capacityBytes == 100_000_000_000 && whole.availableBytes == 10_000_000_000)
    #expect(whole.nodeName == "worker-1")
    #expect(whole.kubeletStartedAt == (try Timestamp.parse("2026-11-20T08:00:00Z")))
    let fsOnly = #"{"time": "2026-11-30T09:59:50Z", "availableBytes": 5, "capacityBytes": 50, "usedBytes": 45}"#
    let part = try #require(CaptureText.decode(summary: fsOnly).capture).summary
    #expect(part == KubeletSummary(capacityBytes: 50, availableBytes: 5))
  }

  @Test func summaryWithoutCapacityIsRefused() {
    let noCapacity = #"{"node": {"nodeName": "w", "runtime": {"imageFs": {"time": "2026-11-30T09:59:50Z", "availableBytes": 5, "usedBytes": 45}}}}"#
    #expect(
      CaptureText.decode(summary: noCapacity).diagnostics.map(\.description) == [
        "summary.json: $.node.runtime.imageFs.capacityBytes: missing capacityBytes: the image filesystem's capacity and free bytes are both needed (crictl imagefsinfo has neither)"
      ])
    let noImageFs = #"{"node": {"nodeName": "w", "runtime": {}}}"#
    #expect(
      CaptureText.decode(summary: noImageFs).diagnostics.map(\.description) == [
        "summary.json: $.node.runtime.imageFs: the Summary API document has no node.runtime.imageFs (the kubelet could not read the image filesystem)"
      ])
  }

  @Test func podLogDirListing() throws {
    let capture = try #require(CaptureText.decode(podLogDirs: "shop_web_u2\r\n\nkube-system_dns_u1\nshop_web_u2\n").capture)
    #expect(capture.podLogDirs == ["kube-system_dns_u1", "shop_web_u2"])
    #expect(
      CaptureText.decode(podLogDirs: "ok\n/var/log/pods/x\n").diagnostics.map(\.description) == [
        #"pod-log-dirs.txt:2: error: "/var/log/pods/x" is not a directory name (expected `ls -1 /var/log/pods` output)"#
      ])
  }

  @Test func protobufDecimalStrings() {
    #expect(CaptureDecoder.decimal("0") == 0)
    #expect(CaptureDecoder.decimal("-9223372036854775808") == .min)
    #expect(CaptureDecoder.decimal("9223372036854775807") == .max)
    #expect(CaptureDecoder.decimal("9223372036854775808") == nil)
    for bad in ["", "-", "+1", " 1", "1 ", "1e3", "0x10", "١"] { #expect(CaptureDecoder.decimal(bad) == nil, "\(bad)") }
  }
}
