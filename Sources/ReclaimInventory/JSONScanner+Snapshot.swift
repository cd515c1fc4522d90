import ReclaimCore

/// The snapshot schema (snapshot.md), read directly from the token stream.
///
/// Field lists are in byte-wise sorted order, the order canonical writers
/// emit, so `fieldIndex`'s hint (the field after the previous one) hits.
extension JSONScanner {
  static let apiVersion = "reclaim.dev/v1"
  static let kind = "NodeSnapshot"
  /// The top-level fields, for the misspelling check.
  static let topLevelNames = [
    "allSourcesReady", "apiVersion", "capturedAt", "containers", "imageFs", "images", "kind",
    "kubeletStartedAt", "node", "podLogDirs", "pods", "sandboxes",
  ]

  @inline(__always) static func topField(_ k: Int) -> StaticString {
    switch k {
    case 0: "allSourcesReady"
    case 1: "apiVersion"
    case 2: "capturedAt"
    case 3: "containers"
    case 4: "imageFs"
    case 5: "images"
    case 6: "kind"
    case 7: "kubeletStartedAt"
    case 8: "node"
    case 9: "podLogDirs"
    case 10: "pods"
    default: "sandboxes"
    }
  }

  /// apiVersion, capturedAt, imageFs, kind, node.
  static let topRequired: UInt32 = 1 << 1 | 1 << 2 | 1 << 4 | 1 << 6 | 1 << 8

  /// Reads the whole document: one snapshot object, then nothing but whitespace.
  mutating func decodeDocument() throws(JSONSyntaxError) -> NodeSnapshot? {
    // A UTF-8 byte order mark carries no meaning; some Windows tools write one.
    if count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { pos = 3 }
    skipWhitespace()
    guard pos < count else {
      report("empty input (expected a JSON object)")
      return nil
    }
    let snapshot = try decodeSnapshot()
    skipWhitespace()
    if pos < count {
      throw JSONSyntaxError(offset: pos, message: "unexpected \(Self.describeByte(base[pos])) after the JSON document")
    }
    return snapshot
  }

  mutating func decodeSnapshot() throws(JSONSyntaxError) -> NodeSnapshot? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var node: String?
    var capturedAt: Timestamp?
    var allSourcesReady = false
    var kubeletStartedAt: Timestamp?
    var imageFs: NodeSnapshot.ImageFsStats?
    var pods: [NodeSnapshot.Pod] = []
    var sandboxes: [NodeSnapshot.Sandbox] = []
    var containers: [NodeSnapshot.Container] = []
    var images: [NodeSnapshot.Image] = []
    var podLogDirs: [String] = []
    var seen: UInt32 = 0
    if try objectStart() {
      repeat {
        let key = try memberKey()
        let field = fieldIndex(key, hint: 0, count: 12, Self.topField)
        if field.index < 0 {
          try skipValue()
          let name = string(key)
          if let known = EditDistance.suggestion(for: name, among: Self.topLevelNames) {
            report("unknown field \(quoted(name)); did you mean \"\(known)\"?")
          }
          continue
        }
        guard try member(field, key: key, seen: &seen) else { continue }
        let f = field.index
        switch f {
        case 0:
          allSourcesReady = try readBool(required: false) ?? false
        case 1:
          if let v = try readString(required: true), v != Self.apiVersion {
            report("unsupported apiVersion \(quoted(v)) (expected \"\(Self.apiVersion)\")")
          }
        case 2:
          capturedAt = try readTimestamp(required: true)
        case 3:
          containers = try readContainers()
        case 4:
          imageFs = try readImageFs()
        case 5:
          images = try readImages()
        case 6:
          if let v = try readString(required: true), v != Self.kind {
            report("unsupported kind \(quoted(v)) (expected \"\(Self.kind)\")")
          }
        case 7:
          kubeletStartedAt = try readTimestamp(required: false)
        case 8:
          if let v = try readString(required: true) {
            if let problem = Self.nodeNameProblem(v) { report(problem) } else { node = v }
          }
        case 9:
          podLogDirs = try readStringArray() ?? []
        case 10:
          pods = try readPods()
        default:
          sandboxes = try readSandboxes()
        }
      } while try objectNext()
    }
    checkRequired(seen: seen, required: Self.topRequired, count: 12, Self.topField)
    guard let node, let capturedAt, let imageFs, context.pointee.diagnostics.isEmpty else { return nil }
    return NodeSnapshot(
      node: node, capturedAt: capturedAt, allSourcesReady: allSourcesReady,
      kubeletStartedAt: kubeletStartedAt, imageFs: imageFs, pods: pods, sandboxes: sandboxes,
      containers: containers, images: images, podLogDirs: podLogDirs)
  }

  /// Why `name` is not a DNS-1123 subdomain (as Kubernetes checks node
  /// names), or `nil` when it is one. It becomes a file name under `--out`.
  static func nodeNameProblem(_ name: String) -> String? {
    let bytes = name.utf8
    if bytes.isEmpty { return "invalid node name \"\": must not be empty" }
    if bytes.count > 253 {
      return "invalid node name (\(bytes.count) characters): a DNS-1123 subdomain has at most 253"
    }
    var previous: UInt8 = UInt8(ascii: ".")
    var valid = true
    for c in bytes {
      let alnum = (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
      if c == UInt8(ascii: ".") {
        // Each dot-separated label starts and ends with an alphanumeric.
        if previous == UInt8(ascii: ".") || previous == UInt8(ascii: "-") { valid = false }
      } else if c == UInt8(ascii: "-") {
        if previous == UInt8(ascii: ".") { valid = false }
      } else if !alnum {
        valid = false
      }
      previous = c
    }
    if previous == UInt8(ascii: ".") || previous == UInt8(ascii: "-") { valid = false }
    if valid { return nil }
    return "invalid node name \(quoted(name)): must be a DNS-1123 subdomain "
      + "(lowercase alphanumerics, '-' and '.', starting and ending with an alphanumeric)"
  }

  // MARK: - states

  @inline(__always) static func podState(_ k: Int) -> StaticString {
    switch k {
    case 0: "active"
    case 1: "terminating"
    case 2: "terminated"
    case 3: "deleted"
    default: "evicted"
    }
  }

  @inline(__always) static func sandboxState(_ k: Int) -> StaticString {
    k == 0 ? "ready" : "notready"
  }

  @inline(__always) static func containerState(_ k: Int) -> StaticString {
    switch k {
    case 0: "created"
    case 1: "running"
    case 2: "exited"
    default: "unknown"
    }
  }

  // MARK: - imageFs

  @inline(__always) static func imageFsField(_ k: Int) -> StaticString {
    k == 0 ? "availableBytes" : "capacityBytes"
  }

  mutating func readImageFs() throws(JSONSyntaxError) -> NodeSnapshot.ImageFsStats? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var available: Int64?
    var capacity: Int64?
    var seen: UInt32 = 0
    if try objectStart() {
      repeat {
        let key = try memberKey()
        let field = fieldIndex(key, hint: 0, count: 2, Self.imageFsField)
        guard try member(field, key: key, seen: &seen) else { continue }
        let f = field.index
        if f == 0 {
          available = try readInt64(required: true, nonNegative: true)
        } else {
          capacity = try readInt64(required: true, nonNegative: true)
        }
      } while try objectNext()
    }
    checkRequired(seen: seen, required: 0b11, count: 2, Self.imageFsField)
    guard let available, let capacity else { return nil }
    return NodeSnapshot.ImageFsStats(capacityBytes: capacity, availableBytes: available)
  }

  // MARK: - pods

  @inline(__always) static func podField(_ k: Int) -> StaticString {
    switch k {
    case 0: "name"
    case 1: "namespace"
    case 2: "state"
    default: "uid"
    }
  }

  mutating func readPods() throws(JSONSyntaxError) -> [NodeSnapshot.Pod] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Pod] = []
    guard try arrayStart() else { return list }
    list.reserveCapacity(32)
    var index = 0
    repeat {
      setPath(.index(index))
      if let pod = try readPod() { list.append(pod) }
      index &+= 1
    } while try arrayNext()
    return list
  }

  mutating func readPod() throws(JSONSyntaxError) -> NodeSnapshot.Pod? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var uid: String?
    var namespace: String?
    var name: String?
    var state: NodeSnapshot.Pod.State?
    var seen: UInt32 = 0
    if try objectStart() {
      var hint = 0
      repeat {
        let key = try memberKey()
        let field = fieldIndex(key, hint: hint, count: 4, Self.podField)
        guard try member(field, key: key, seen: &seen) else { continue }
        let f = field.index
        hint = f &+ 1
        switch f {
        case 0: name = try readInterned(required: false)
        case 1: namespace = try readInterned(required: false)
        case 2: state = try readName(count: 5, Self.podState).flatMap { NodeSnapshot.Pod.State(index: $0) }
        default: uid = try readInterned(required: true, claim: StringTable.podUid, duplicate: "pod uid")
        }
      } while try objectNext()
    }
    checkRequired(seen: seen, required: 0b1100, count: 4, Self.podField)
    guard let uid, let state else { return nil }
    return NodeSnapshot.Pod(uid: uid, namespace: namespace, name: name, state: state)
  }

  // MARK: - sandboxes

  @inline(__always) static func sandboxField(_ k: Int) -> StaticString {
    switch k {
    case 0: "createdAt"
    case 1: "id"
    case 2: "namespace"
    case 3: "podName"
    case 4: "podUid"
    default: "state"
    }
  }

  mutating func readSandboxes() throws(JSONSyntaxError) -> [NodeSnapshot.Sandbox] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Sandbox] = []
    guard try arrayStart() else { return list }
    list.reserveCapacity(32)
    var index = 0
    repeat {
      setPath(.index(index))
      if let sandbox = try readSandbox() { list.append(sandbox) }
      index &+= 1
    } while try arrayNext()
    return list
  }

  mutating func readSandbox() throws(JSONSyntaxError) -> NodeSnapshot.Sandbox? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var createdAt: Timestamp?
    var id: String?
    var namespace: String?
    var podName: String?
    var podUid: String?
    var state: NodeSnapshot.Sandbox.State?
    var seen: UInt32 = 0
    if try objectStart() {
      var hint = 0
      repeat {
        let key = try memberKey()
        let field = fieldIndex(key, hint: hint, count: 6, Self.sandboxField)
        guard try member(field, key: key, seen: &seen) else { continue }
        let f = field.index
        hint = f &+ 1
        switch f {
        case 0: createdAt = try readTimestamp(required: true)
        case 1: id = try readInterned(required: true, claim: StringTable.sandboxId, duplicate: "sandbox id")
        case 2: namespace = try readInterned(required: true)
        case 3: podName = try readInterned(required: true)
        case 4: podUid = try readInterned(required: true)
        default: state = try readName(count: 2, Self.sandboxState).flatMap { NodeSnapshot.Sandbox.State(index: $0) }
        }
      } while try objectNext()
    }
    checkRequired(seen: seen, required: 0b11_1111, count: 6, Self.sandboxField)
    guard let createdAt, let id, let namespace, let podName, let podUid, let state else { return nil }
    return NodeSnapshot.Sandbox(
      id: id, podUid: podUid, namespace: namespace, podName: podName, state: state, createdAt: createdAt)
  }

  // MARK: - containers

  @inline(__always) static func containerField(_ k: Int) -> StaticString {
    switch k {
    case 0: "createdAt"
    case 1: "id"
    case 2: "imageId"
    case 3: "name"
    case 4: "namespace"
    case 5: "podName"
    case 6: "podUid"
    case 7: "sandboxId"
    default: "state"
    }
  }

  /// createdAt, id, imageId, name, state.
  static let containerRequired: UInt32 = 1 << 0 | 1 << 1 | 1 << 2 | 1 << 3 | 1 << 8

  mutating func readContainers() throws(JSONSyntaxError) -> [NodeSnapshot.Container] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Container] = []
    guard try arrayStart() else { return list }
    list.reserveCapacity(64)
    var index = 0
    var previous = ContainerPod()
    repeat {
      setPath(.index(index))
      if let container = try readContainer(after: &previous) { list.append(container) }
      index &+= 1
    } while try arrayNext()
    return list
  }

  /// The pod fields of the previous container, which the next one usually
  /// repeats (see `readInterned(required:sameAs:)`).
  struct ContainerPod {
    var namespace = PreviousString()
    var podName = PreviousString()
    var podUid = PreviousString()
    var sandboxId = PreviousString()
  }

  mutating func readContainer(after previous: inout ContainerPod) throws(JSONSyntaxError) -> NodeSnapshot.Container? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var createdAt: Timestamp?
    var id: String?
    var imageId: String?
    var name: String?
    var namespace: String?
    var podName: String?
    var podUid: String?
    var sandboxId: String?
    var state: NodeSnapshot.Container.State?
    var seen: UInt32 = 0
    if try objectStart() {
      var hint = 0
      repeat {
        let key = try memberKey()
        let field = fieldIndex(key, hint: hint, count: 9, Self.containerField)
        guard try member(field, key: key, seen: &seen) else { continue }
        let f = field.index
        hint = f &+ 1
        switch f {
        case 0: createdAt = try readTimestamp(required: true)
        case 1:
          // Nothing else in a snapshot names a container.
          id = try readInterned(required: true, claim: StringTable.containerId, duplicate: "container id", repeats: false)
        case 2: imageId = try readInterned(required: true)
        case 3: name = try readInterned(required: true)
        case 4: namespace = try readInterned(required: false, sameAs: &previous.namespace)
        case 5: podName = try readInterned(required: false, sameAs: &previous.podName)
        // `""` is absence (snapshot.md, "Required fields").
        case 6: podUid = try readInterned(required: false, sameAs: &previous.podUid).flatMap { $0.isEmpty ? nil : $0 }
        case 7:
          sandboxId = try readInterned(required: false, sameAs: &previous.sandboxId).flatMap { $0.isEmpty ? nil : $0 }
        default: state = try readName(count: 4, Self.containerState).flatMap { NodeSnapshot.Container.State(index: $0) }
        }
      } while try objectNext()
    }
    checkRequired(seen: seen, required: Self.containerRequired, count: 9, Self.containerField)
    guard let createdAt, let id, let imageId, let name, let state else { return nil }
    return NodeSnapshot.Container(
      id: id, podUid: podUid, namespace: namespace, podName: podName, name: name,
      sandboxId: sandboxId, state: state, createdAt: createdAt, imageId: imageId)
  }

  // MARK: - images

  @inline(__always) static func imageField(_ k: Int) -> StaticString {
    switch k {
    case 0: "firstDetectedAt"
    case 1: "id"
    case 2: "lastUsedAt"
    case 3: "namespaces"
    case 4: "pinned"
    case 5: "repoDigests"
    case 6: "repoTags"
    default: "sizeBytes"
    }
  }

  mutating func readImages() throws(JSONSyntaxError) -> [NodeSnapshot.Image] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Image] = []
    guard try arrayStart() else { return list }
    list.reserveCapacity(64)
    var index = 0
    repeat {
      setPath(.index(index))
      if let image = try readImage() { list.append(image) }
      index &+= 1
    } while try arrayNext()
    return list
  }

  mutating func readImage() throws(JSONSyntaxError) -> NodeSnapshot.Image? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var firstDetectedAt: Timestamp?
    var id: String?
    var lastUsedAt: Timestamp?
    var namespaces: [String] = []
    var pinned = false
    var repoDigests: [String] = []
    var repoTags: [String] = []
    var sizeBytes: Int64?
    var seen: UInt32 = 0
    if try objectStart() {
      var hint = 0
      repeat {
        let key = try memberKey()
        let field = fieldIndex(key, hint: hint, count: 8, Self.imageField)
        guard try member(field, key: key, seen: &seen) else { continue }
        let f = field.index
        hint = f &+ 1
        switch f {
        case 0: firstDetectedAt = try readTimestamp(required: false)
        case 1: id = try readInterned(required: true, claim: StringTable.imageId, duplicate: "image id")
        case 2: lastUsedAt = try readTimestamp(required: false)
        case 3: namespaces = try readStringArray(interned: true) ?? []
        case 4: pinned = try readBool(required: false) ?? false
        case 5: repoDigests = try readStringArray() ?? []
        case 6: repoTags = try readStringArray() ?? []
        default: sizeBytes = try readInt64(required: true, nonNegative: true)
        }
      } while try objectNext()
    }
    checkRequired(seen: seen, required: 1 << 1 | 1 << 7, count: 8, Self.imageField)
    guard let id, let sizeBytes else { return nil }
    return NodeSnapshot.Image(
      id: id, repoTags: repoTags, repoDigests: repoDigests, sizeBytes: sizeBytes, pinned: pinned,
      firstDetectedAt: firstDetectedAt, lastUsedAt: lastUsedAt, namespaces: namespaces)
  }
}
