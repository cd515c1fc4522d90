import ReclaimCore

/// The snapshot schema (docs/reference/snapshot.md), read directly from the token stream;
/// the fields of each object are declared once, in `TopLevelField`,
/// `ImageFsField`, `PodField`, `SandboxField`, `ContainerField` and
/// `ImageField`.
extension SnapshotDecoder {
  static let apiVersion = "reclaim.dev/v1"
  static let kind = "NodeSnapshot"

  /// Reads the whole document: one snapshot object, then nothing but whitespace.
  mutating func decodeDocument() throws(JSONSyntaxError) -> NodeSnapshot? {
    tokens.skipByteOrderMark()
    tokens.skipWhitespace()
    guard tokens.pos < tokens.count else {
      report("empty input (expected a JSON object)")
      return nil
    }
    let snapshot = try decodeSnapshot()
    try tokens.finishDocument()
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
    var seen = FieldSet<TopLevelField>()
    if try tokens.objectStart() {
      var order = FieldOrder<TopLevelField>()
      var previous: TopLevelField?
      repeat {
        let key = try tokens.memberKey()
        guard let field = TopLevelField.matching(key, after: previous, order: &order, in: tokens.base) else {
          try tokens.skipValue()
          let name = tokens.string(key)
          let known = TopLevelField.allCases.map { "\($0.key)" }
          if let suggestion = EditDistance.suggestion(for: name, among: known) {
            report("unknown field \(quoted(name)); did you mean \"\(suggestion)\"?")
          }
          continue
        }
        guard try member(field, seen: &seen) else { continue }
        previous = field
        switch field {
        case .allSourcesReady:
          allSourcesReady = try readBool(required: false) ?? false
        case .apiVersion:
          if let v = try readString(required: true), v != Self.apiVersion {
            report("unsupported apiVersion \(quoted(v)) (expected \"\(Self.apiVersion)\")")
          }
        case .capturedAt:
          capturedAt = try readTimestamp(required: true)
        case .containers:
          containers = try readContainers()
        case .imageFs:
          imageFs = try readImageFs()
        case .images:
          images = try readImages()
        case .kind:
          if let v = try readString(required: true), v != Self.kind {
            report("unsupported kind \(quoted(v)) (expected \"\(Self.kind)\")")
          }
        case .kubeletStartedAt:
          kubeletStartedAt = try readTimestamp(required: false)
        case .node:
          if let v = try readString(required: true) {
            if let problem = Self.nodeNameProblem(v) { report(problem) } else { node = v }
          }
        case .podLogDirs:
          podLogDirs = try readStringArray() ?? []
        case .pods:
          pods = try readPods()
        case .sandboxes:
          sandboxes = try readSandboxes()
        }
      } while try tokens.objectNext()
    }
    checkRequired(seen: seen)
    guard let node, let capturedAt, let imageFs, diagnostics.isEmpty else { return nil }
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

  // MARK: - imageFs

  mutating func readImageFs() throws(JSONSyntaxError) -> NodeSnapshot.ImageFsStats? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var available: Int64?
    var capacity: Int64?
    var seen = FieldSet<ImageFsField>()
    if try tokens.objectStart() {
      var order = FieldOrder<ImageFsField>()
      var previous: ImageFsField?
      repeat {
        // The expected key, compared in place (see `unexpectedField`).
        let field: ImageFsField?
        if let guess = order.guess(after: previous), tokens.memberKey(is: guess.key) {
          field = guess
        } else {
          field = try unexpectedField(after: previous, order: &order)
        }
        guard try member(field, seen: &seen), let field else { continue }
        previous = field
        switch field {
        case .availableBytes: available = try readInt64(required: true, nonNegative: true)
        case .capacityBytes: capacity = try readInt64(required: true, nonNegative: true)
        }
      } while try tokens.objectNext()
    }
    checkRequired(seen: seen)
    guard let available, let capacity else { return nil }
    return NodeSnapshot.ImageFsStats(capacityBytes: capacity, availableBytes: available)
  }

  // MARK: - pods

  mutating func readPods() throws(JSONSyntaxError) -> [NodeSnapshot.Pod] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Pod] = []
    guard try tokens.arrayStart() else { return list }
    // The fleets measured hold one pod per 1.7–3.3 KB of snapshot, one
    // sandbox per 1.5–1.7 KB, one container per 0.5–0.9 KB (docs/performance.md).
    list.reserveCapacity(expectedCount(bytesEach: 1536, atLeast: 32))
    var order = FieldOrder<PodField>()
    var index = 0
    repeat {
      tokens.setPath(.index(index))
      if let item = try readPod(order: &order) { list.append(item) }
      index &+= 1
    } while try tokens.arrayNext()
    return list
  }

  mutating func readPod(order: inout FieldOrder<PodField>) throws(JSONSyntaxError) -> NodeSnapshot.Pod? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var uid: String?
    var namespace: String?
    var name: String?
    var state: NodeSnapshot.Pod.State?
    var seen = FieldSet<PodField>()
    if try tokens.objectStart() {
      var previous: PodField?
      repeat {
        // The expected key, compared in place (see `unexpectedField`).
        let field: PodField?
        if let guess = order.guess(after: previous), tokens.memberKey(is: guess.key) {
          field = guess
        } else {
          field = try unexpectedField(after: previous, order: &order)
        }
        guard try member(field, seen: &seen), let field else { continue }
        previous = field
        switch field {
        case .name: name = try readInterned(required: false)
        case .namespace: namespace = try readInterned(required: false)
        case .state: state = try readState(NodeSnapshot.Pod.State.self)
        case .uid: uid = try readInterned(required: true, claim: .podUid, duplicate: "pod uid")
        }
      } while try tokens.objectNext()
    }
    checkRequired(seen: seen)
    guard let uid, let state else { return nil }
    return NodeSnapshot.Pod(uid: uid, namespace: namespace, name: name, state: state)
  }

  // MARK: - sandboxes

  mutating func readSandboxes() throws(JSONSyntaxError) -> [NodeSnapshot.Sandbox] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Sandbox] = []
    guard try tokens.arrayStart() else { return list }
    list.reserveCapacity(expectedCount(bytesEach: 1024, atLeast: 32))
    var order = FieldOrder<SandboxField>()
    var index = 0
    repeat {
      tokens.setPath(.index(index))
      if let item = try readSandbox(order: &order) { list.append(item) }
      index &+= 1
    } while try tokens.arrayNext()
    return list
  }

  mutating func readSandbox(order: inout FieldOrder<SandboxField>) throws(JSONSyntaxError) -> NodeSnapshot.Sandbox? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var createdAt: Timestamp?
    var id: String?
    var namespace: String?
    var podName: String?
    var podUid: String?
    var state: NodeSnapshot.Sandbox.State?
    var seen = FieldSet<SandboxField>()
    if try tokens.objectStart() {
      var previous: SandboxField?
      repeat {
        // The expected key, compared in place (see `unexpectedField`).
        let field: SandboxField?
        if let guess = order.guess(after: previous), tokens.memberKey(is: guess.key) {
          field = guess
        } else {
          field = try unexpectedField(after: previous, order: &order)
        }
        guard try member(field, seen: &seen), let field else { continue }
        previous = field
        switch field {
        case .createdAt: createdAt = try readTimestamp(required: true)
        case .id: id = try readInterned(required: true, claim: .sandboxId, duplicate: "sandbox id")
        case .namespace: namespace = try readInterned(required: true)
        case .podName: podName = try readInterned(required: true)
        case .podUid: podUid = try readInterned(required: true)
        case .state: state = try readState(NodeSnapshot.Sandbox.State.self)
        }
      } while try tokens.objectNext()
    }
    checkRequired(seen: seen)
    guard let createdAt, let id, let namespace, let podName, let podUid, let state else { return nil }
    return NodeSnapshot.Sandbox(
      id: id, podUid: podUid, namespace: namespace, podName: podName, state: state, createdAt: createdAt)
  }

  // MARK: - containers

  mutating func readContainers() throws(JSONSyntaxError) -> [NodeSnapshot.Container] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Container] = []
    guard try tokens.arrayStart() else { return list }
    list.reserveCapacity(expectedCount(bytesEach: 512, atLeast: 64))
    var order = FieldOrder<ContainerField>()
    var previous = ContainerPod()
    var index = 0
    repeat {
      tokens.setPath(.index(index))
      try readContainer(after: &previous, order: &order, into: &list)
      index &+= 1
    } while try tokens.arrayNext()
    return list
  }

  /// A container's id as read: its bytes in the input when they can be
  /// kept in place (`IDText.inline`, made as the container is), or its
  /// string.
  enum ContainerID {
    case input(start: Int, count: Int)
    case string(String)
  }

  /// The id of a container: claimed, so that a repeated id is reported,
  /// and left in the input when it is unescaped and short enough, as
  /// runtimes' ids are.
  @inline(__always) mutating func readContainerID() throws(JSONSyntaxError) -> ContainerID? {
    guard try expect(UInt8(ascii: "\""), "a string", required: true) else { return nil }
    let raw = try tokens.scanString()
    let n = raw.end &- raw.start
    // An empty id (reported there), an escaped one or a long one goes
    // through the table as the other ids do.
    guard n > 0, !raw.escaped, n <= IDText.InlineBytes.capacity else {
      return .string(internInTable(raw, claim: .containerId, duplicate: "container id"))
    }
    if strings.claim(inputAt: raw.start, count: n, claim: .containerId) {
      reportDuplicate("container id", tokens.string(raw))
    }
    return .input(start: raw.start, count: n)
  }

  /// The `IDText` of an id `readContainerID` read.
  @inline(__always) func idText(_ id: ContainerID) -> IDText {
    switch id {
    case .input(let start, let count): .inline(IDText.InlineBytes(tokens.base + start, count: count))
    case .string(let s): .string(s)
    }
  }

  /// The pod fields of the previous container, which the next one usually
  /// repeats (see `readInterned(required:sameAs:)`).
  struct ContainerPod {
    var namespace = PreviousString()
    var podName = PreviousString()
    var podUid = PreviousString()
    var sandboxId = PreviousString()
  }

  /// Reads one container and appends it to `list` (when valid): made by
  /// the memberwise initializer from the values read, it moves into the
  /// array instead of being returned in an optional and copied there.
  mutating func readContainer(
    after pod: inout ContainerPod, order: inout FieldOrder<ContainerField>,
    into list: inout [NodeSnapshot.Container]
  ) throws(JSONSyntaxError) {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return }
    var createdAt: Timestamp?
    var id: ContainerID?
    var imageId: String?
    var name: String?
    var namespace: String?
    var podName: String?
    var podUid: String?
    var sandboxId: String?
    var state: NodeSnapshot.Container.State?
    var seen = FieldSet<ContainerField>()
    if try tokens.objectStart() {
      var previous: ContainerField?
      repeat {
        // The expected key, compared in place (see `unexpectedField`).
        let field: ContainerField?
        if let guess = order.guess(after: previous), tokens.memberKey(is: guess.key) {
          field = guess
        } else {
          field = try unexpectedField(after: previous, order: &order)
        }
        guard try member(field, seen: &seen), let field else { continue }
        previous = field
        switch field {
        case .createdAt: createdAt = try readTimestamp(required: true)
        case .id: id = try readContainerID()
        case .imageId: imageId = try readInterned(required: true)
        case .name: name = try readInterned(required: true)
        case .namespace: namespace = try readInterned(required: false, sameAs: &pod.namespace)
        case .podName: podName = try readInterned(required: false, sameAs: &pod.podName)
        // `""` is absence (docs/reference/snapshot.md, "Fields").
        case .podUid: podUid = try readInterned(required: false, sameAs: &pod.podUid).flatMap { $0.isEmpty ? nil : $0 }
        case .sandboxId:
          sandboxId = try readInterned(required: false, sameAs: &pod.sandboxId).flatMap { $0.isEmpty ? nil : $0 }
        case .state: state = try readState(NodeSnapshot.Container.State.self)
        }
      } while try tokens.objectNext()
    }
    checkRequired(seen: seen)
    guard let createdAt, let id, let imageId, let name, let state else { return }
    list.append(
      NodeSnapshot.Container(
        idText: idText(id), podUid: podUid, namespace: namespace, podName: podName, name: name,
        sandboxId: sandboxId, imageId: imageId, state: state, createdAt: createdAt))
  }

  // MARK: - images

  mutating func readImages() throws(JSONSyntaxError) -> [NodeSnapshot.Image] {
    guard try expect(UInt8(ascii: "["), "an array", required: false) else { return [] }
    var list: [NodeSnapshot.Image] = []
    guard try tokens.arrayStart() else { return list }
    list.reserveCapacity(64)
    var order = FieldOrder<ImageField>()
    var index = 0
    repeat {
      tokens.setPath(.index(index))
      if let item = try readImage(order: &order) { list.append(item) }
      index &+= 1
    } while try tokens.arrayNext()
    return list
  }

  mutating func readImage(order: inout FieldOrder<ImageField>) throws(JSONSyntaxError) -> NodeSnapshot.Image? {
    guard try expect(UInt8(ascii: "{"), "an object", required: true) else { return nil }
    var firstDetectedAt: Timestamp?
    var id: String?
    var lastUsedAt: Timestamp?
    var namespaces: [String] = []
    var pinned = false
    var repoDigests: [String] = []
    var repoTags: [String] = []
    var sizeBytes: Int64?
    var seen = FieldSet<ImageField>()
    if try tokens.objectStart() {
      var previous: ImageField?
      repeat {
        // The expected key, compared in place (see `unexpectedField`).
        let field: ImageField?
        if let guess = order.guess(after: previous), tokens.memberKey(is: guess.key) {
          field = guess
        } else {
          field = try unexpectedField(after: previous, order: &order)
        }
        guard try member(field, seen: &seen), let field else { continue }
        previous = field
        switch field {
        case .firstDetectedAt: firstDetectedAt = try readTimestamp(required: false)
        case .id: id = try readInterned(required: true, claim: .imageId, duplicate: "image id")
        case .lastUsedAt: lastUsedAt = try readTimestamp(required: false)
        case .namespaces: namespaces = try readStringArray(interned: true) ?? []
        case .pinned: pinned = try readBool(required: false) ?? false
        case .repoDigests: repoDigests = try readStringArray() ?? []
        case .repoTags: repoTags = try readStringArray() ?? []
        case .sizeBytes: sizeBytes = try readInt64(required: true, nonNegative: true)
        }
      } while try tokens.objectNext()
    }
    checkRequired(seen: seen)
    guard let id, let sizeBytes else { return nil }
    return NodeSnapshot.Image(
      id: id, repoTags: repoTags, repoDigests: repoDigests, sizeBytes: sizeBytes, pinned: pinned,
      firstDetectedAt: firstDetectedAt, lastUsedAt: lastUsedAt, namespaces: namespaces)
  }
}
