import ReclaimCore

/// Which capture a JSON document is, told from its top-level members, so
/// that a file passed to the wrong flag is named for what it is
/// ("this is `crictl images -o json` output; pass it as --images").
public enum CaptureKind: Sendable, Hashable, CaseIterable {
  /// `crictl ps -a -o json`: `{"containers": […]}`.
  case containers
  /// `crictl pods -o json`: `{"items": […]}`.
  case sandboxes
  /// `crictl images -o json`: `{"images": […]}`.
  case images
  /// The kubelet Summary API document, or just its `node.runtime.imageFs`.
  case statsSummary
  /// `kubectl get pods -o json`: a `List` or `PodList` with `items`.
  case apiPods
  /// A Reclaim snapshot (`kind: NodeSnapshot`), for `--previous`.
  case snapshot
  /// `crictl inspect`/`inspectp`/`inspecti`: `{"status": …, "info": …}`.
  case inspect
  /// `crictl imagefsinfo -o json`: `{"status": …}`, no capacity.
  case imageFsInfo

  /// The command that writes this kind of document, as messages name it.
  public var source: String {
    switch self {
    case .containers: "`crictl ps -a -o json` output"
    case .sandboxes: "`crictl pods -o json` output"
    case .images: "`crictl images -o json` output"
    case .statsSummary: "a kubelet Summary API document (/stats/summary)"
    case .apiPods: "`kubectl get pods -o json` output"
    case .snapshot: "a Reclaim snapshot (kind NodeSnapshot)"
    case .inspect: "`crictl inspect` output"
    case .imageFsInfo: "`crictl imagefsinfo` output"
    }
  }

  /// The `import crictl` flag that takes this kind, if one does.
  public var flag: String? {
    switch self {
    case .containers: "--containers"
    case .sandboxes: "--pods"
    case .images: "--images"
    case .statsSummary: "--stats-summary"
    case .apiPods: "--api-pods"
    case .snapshot: "--previous"
    case .inspect, .imageFsInfo: nil
    }
  }

  /// What the document looks like, from its top-level keys; `nil` when it
  /// looks like none of them.
  public static func identify(_ root: JSONNode) -> CaptureKind? {
    guard case .object = root.value else { return nil }
    func has(_ key: String) -> Bool { root.member(key) != nil }
    if case .string(let kind)? = root.member("kind")?.value {
      if kind == "NodeSnapshot" { return .snapshot }
      if kind == "List" || kind == "PodList" { return .apiPods }
    }
    if has("containers") { return .containers }
    if has("images") { return .images }
    if has("items") { return has("apiVersion") ? .apiPods : .sandboxes }
    if has("status") { return has("info") ? .inspect : .imageFsInfo }
    if has("node") || has("capacityBytes") || has("availableBytes") || has("usedBytes") {
      return .statsSummary
    }
    return nil
  }

  /// Checks that `root` is this kind; otherwise reports what it is instead
  /// and returns `false`.
  func check(_ root: JSONNode, in decoder: inout CaptureDecoder) -> Bool {
    guard case .object = root.value else {
      decoder.error(root.path, "expected \(source) (a JSON object), got \(root.kindName)")
      return false
    }
    let found = Self.identify(root)
    if found == self { return true }
    var message = "expected \(source)"
    if let found {
      message += ", but this looks like \(found.source)"
      if found == .inspect {
        message += " (inspect output is per object; capture the list with `crictl ps -a -o json`)"
      } else if found == .imageFsInfo {
        message += " (it has no capacity; capture /stats/summary instead)"
      } else if let flag = found.flag {
        message += "; pass it as \(flag)"
      }
    } else {
      message += "; no top-level member says what this document is"
    }
    decoder.error(root.path, message)
    return false
  }
}
