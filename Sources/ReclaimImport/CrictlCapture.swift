import ReclaimCore

/// One node's capture set, decoded: what `crictl ps -a`, `crictl pods`,
/// `crictl images`, the Summary API and (optionally) the API server's pod
/// list said at one instant. The value between decoding and mapping.
public struct CrictlCapture: Sendable, Hashable {
  public var containers: [CRIContainer]
  public var sandboxes: [CRIPodSandbox]
  public var images: [CRIImage]
  public var summary: KubeletSummary
  /// `nil` without `--api-pods`: the pods' API state is then unknown.
  public var apiPods: [APIPod]?
  /// Directory names under `/var/log/pods`; `nil` when not captured.
  public var podLogDirs: [String]?
  /// The files as the user named them, for messages that are about a file
  /// as a whole (`summary.json: node.nodeName is "b"`).
  public var files: [CaptureKind: String]

  public init(
    containers: [CRIContainer], sandboxes: [CRIPodSandbox], images: [CRIImage], summary: KubeletSummary,
    apiPods: [APIPod]? = nil, podLogDirs: [String]? = nil, files: [CaptureKind: String] = [:]
  ) {
    self.containers = containers
    self.sandboxes = sandboxes
    self.images = images
    self.summary = summary
    self.apiPods = apiPods
    self.podLogDirs = podLogDirs
    self.files = files
  }

  /// The name of the file a kind came from, for messages.
  func file(_ kind: CaptureKind) -> String { files[kind] ?? (kind.flag ?? "capture") }
}

extension CrictlCapture {
  /// The capture files' bytes, by what they are.
  public struct Inputs: Sendable {
    public var containers: (file: String, bytes: [UInt8])
    public var sandboxes: (file: String, bytes: [UInt8])
    public var images: (file: String, bytes: [UInt8])
    public var statsSummary: (file: String, bytes: [UInt8])
    public var apiPods: (file: String, bytes: [UInt8])?
    public var podLogDirs: (file: String, bytes: [UInt8])?

    public init(
      containers: (file: String, bytes: [UInt8]), sandboxes: (file: String, bytes: [UInt8]),
      images: (file: String, bytes: [UInt8]), statsSummary: (file: String, bytes: [UInt8]),
      apiPods: (file: String, bytes: [UInt8])? = nil, podLogDirs: (file: String, bytes: [UInt8])? = nil
    ) {
      self.containers = containers
      self.sandboxes = sandboxes
      self.images = images
      self.statsSummary = statsSummary
      self.apiPods = apiPods
      self.podLogDirs = podLogDirs
    }
  }

  /// Decodes every file of a capture set. All problems of all files are
  /// collected; the set is returned only when none is an error. Warnings
  /// (an unknown enum value read as its fallback) come back either way.
  public static func decode(_ inputs: Inputs) -> (capture: CrictlCapture?, diagnostics: [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    func run<T>(_ file: String, _ bytes: [UInt8], _ body: (JSONNode, inout CaptureDecoder) -> T) -> T? {
      var d = CaptureDecoder(file: file)
      guard let root = d.parse(bytes) else {
        diagnostics += d.diagnostics
        return nil
      }
      let value = body(root, &d)
      diagnostics += d.diagnostics
      return d.hasErrors ? nil : value
    }
    let containers = run(inputs.containers.file, inputs.containers.bytes) { CRIContainer.list($0, &$1) }
    let sandboxes = run(inputs.sandboxes.file, inputs.sandboxes.bytes) { CRIPodSandbox.list($0, &$1) }
    let images = run(inputs.images.file, inputs.images.bytes) { CRIImage.list($0, &$1) }
    let summary = run(inputs.statsSummary.file, inputs.statsSummary.bytes) { KubeletSummary.decode($0, &$1) } ?? nil
    var apiPods: [APIPod]?
    var apiPodsFailed = false
    if let input = inputs.apiPods {
      apiPods = run(input.file, input.bytes) { APIPod.list($0, &$1) }
      apiPodsFailed = apiPods == nil
    }
    var podLogDirs: [String]?
    if let input = inputs.podLogDirs {
      switch PodLogDirList.parse(input.bytes, file: input.file) {
      case .success(let names): podLogDirs = names
      case .failure(let error): diagnostics += error.diagnostics
      }
    }
    guard let containers, let sandboxes, let images, let summary, !apiPodsFailed,
      !diagnostics.contains(where: { $0.severity == .error })
    else { return (nil, diagnostics) }
    var files: [CaptureKind: String] = [
      .containers: inputs.containers.file, .sandboxes: inputs.sandboxes.file, .images: inputs.images.file,
      .statsSummary: inputs.statsSummary.file,
    ]
    files[.apiPods] = inputs.apiPods?.file
    return (
      CrictlCapture(
        containers: containers, sandboxes: sandboxes, images: images, summary: summary, apiPods: apiPods,
        podLogDirs: podLogDirs, files: files),
      diagnostics
    )
  }
}
