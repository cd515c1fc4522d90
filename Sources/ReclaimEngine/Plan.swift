import ReclaimCore
import ReclaimInventory

/// Which GC the plan simulates (docs/reference/semantics.md, "Modes").
public enum GCMode: String, Sendable, Hashable, CaseIterable {
  /// The kubelet's timers: container GC with `evictNonDeletedPods = false`,
  /// image GC by thresholds and `maxAge`.
  case periodic
  /// The eviction manager under disk pressure: every unused container and
  /// every eligible image.
  case diskPressure = "disk-pressure"
}

/// How to plan.
public struct PlanOptions: Sendable, Hashable {
  public var mode: GCMode
  /// Also list what is kept, and why (`--explain`).
  public var explain: Bool

  public init(mode: GCMode = .periodic, explain: Bool = false) {
    self.mode = mode
    self.explain = explain
  }
}

/// Why a container is deleted.
public enum ContainerDeletionReason: String, Sendable, Hashable, CaseIterable {
  case podRemoved = "pod-removed"
  case maxPerPodContainer = "max-per-pod-container"
  case namespaceMaxContainers = "namespace-max-containers"
  case maxContainers = "max-containers"
}

/// Why a container is kept (`--explain`).
public enum ContainerKeptReason: String, Sendable, Hashable, CaseIterable {
  case running
  case youngerThanMinAge = "younger-than-min-age"
  case withinLimits = "within-limits"
}

/// Why a sandbox is deleted.
public enum SandboxDeletionReason: String, Sendable, Hashable, CaseIterable {
  case podRemoved = "pod-removed"
  case superseded
}

/// Why a sandbox is kept (`--explain`): the first of these that applies.
public enum SandboxKeptReason: String, Sendable, Hashable, CaseIterable {
  case ready
  case hasContainers = "has-containers"
  case newest
}

/// Why a pod log directory is deleted.
public enum PodLogDirDeletionReason: String, Sendable, Hashable, CaseIterable {
  case podRemoved = "pod-removed"
}

/// Why an image is deleted.
public enum ImageDeletionReason: String, Sendable, Hashable, CaseIterable {
  case maxAge = "max-age"
  case diskUsage = "disk-usage"
  case diskPressure = "disk-pressure"
}

/// Why an image is kept (`--explain`).
public enum ImageKeptReason: String, Sendable, Hashable, CaseIterable {
  case inUse = "in-use"
  case pinned
  case protected
  case youngerThanMinAge = "younger-than-min-age"
  case usedAtCapture = "used-at-capture"
  case belowThreshold = "below-threshold"
  case enoughFreed = "enough-freed"
}

/// A container and what happens to it.
public struct ContainerEntry<Reason: Sendable & Hashable>: Sendable, Hashable {
  public var container: NodeSnapshot.Container
  public var reason: Reason

  public init(_ container: NodeSnapshot.Container, _ reason: Reason) {
    self.container = container
    self.reason = reason
  }

  /// The kubelet kills a container in state `unknown` before removing it.
  /// (Inlinable: the manifest writer reads it in place, where a call would
  /// copy the whole entry out of its array first.)
  @inlinable public var stopFirst: Bool { container.state == .unknown }
}

/// A sandbox and what happens to it.
public struct SandboxEntry<Reason: Sendable & Hashable>: Sendable, Hashable {
  public var sandbox: NodeSnapshot.Sandbox
  public var reason: Reason

  public init(_ sandbox: NodeSnapshot.Sandbox, _ reason: Reason) {
    self.sandbox = sandbox
    self.reason = reason
  }
}

/// A pod log directory to delete.
public struct PodLogDirEntry: Sendable, Hashable {
  /// The directory name under `/var/log/pods`.
  public var name: String
  /// The text after the last `_`.
  public var podUid: String
  public var reason: PodLogDirDeletionReason

  public init(name: String, podUid: String, reason: PodLogDirDeletionReason = .podRemoved) {
    self.name = name
    self.podUid = podUid
    self.reason = reason
  }
}

/// An image, the effective times its decision used, and what happens to it.
public struct ImageEntry<Reason: Sendable & Hashable>: Sendable, Hashable {
  public var image: NodeSnapshot.Image
  /// Effective last use: `capturedAt` when in use; `nil` is the zero time (never used).
  public var lastUsed: Timestamp?
  /// Effective first detection, after the defaults of docs/reference/snapshot.md.
  public var firstDetected: Timestamp
  public var reason: Reason

  public init(_ image: NodeSnapshot.Image, lastUsed: Timestamp?, firstDetected: Timestamp, reason: Reason) {
    self.image = image
    self.lastUsed = lastUsed
    self.firstDetected = firstDetected
    self.reason = reason
  }
}

/// A warning or error of a plan (docs/reference/output.md, "Warnings and errors").
public struct PlanMessage: Sendable, Hashable, Comparable {
  public enum Code: String, Sendable, Hashable, CaseIterable {
    case availableExceedsCapacity = "available-exceeds-capacity"
    case imageGCShortfall = "image-gc-shortfall"
    case tieBroken = "tie-broken"
    case kubeletStartUnknown = "kubelet-start-unknown"
    case containerWithoutSandbox = "container-without-sandbox"
    case unknownSandbox = "unknown-sandbox"
    case invalidCapacity = "invalid-capacity"
  }

  public var code: Code
  public var message: String

  public init(_ code: Code, _ message: String) {
    self.code = code
    self.message = message
  }

  /// Manifest order: by code, then message (byte-wise).
  public static func < (a: PlanMessage, b: PlanMessage) -> Bool {
    if a.code != b.code { return a.code.rawValue.utf8.lexicographicallyPrecedes(b.code.rawValue.utf8) }
    return a.message.utf8.lexicographicallyPrecedes(b.message.utf8)
  }
}

/// The image filesystem figures of a plan (docs/reference/output.md, `imageFs`).
public struct ImageFsReport: Sendable, Hashable {
  public var capacityBytes: Int64
  public var availableBytes: Int64
  /// From the clamped available value; `nil` when capacity is 0.
  public var usagePercent: Int64?
  public var highThresholdPercent: Int
  public var lowThresholdPercent: Int
  /// Periodic mode only: 0 when step 4 did not run; `nil` when capacity is 0
  /// or in disk-pressure mode.
  public var bytesToFree: Int64?
  /// Bytes of images removed in step 4 (free space).
  public var bytesFreed: Int64
  /// Bytes of images removed in step 2 (max age).
  public var maxAgeBytes: Int64

  public init(
    capacityBytes: Int64, availableBytes: Int64, usagePercent: Int64?, highThresholdPercent: Int,
    lowThresholdPercent: Int, bytesToFree: Int64?, bytesFreed: Int64, maxAgeBytes: Int64
  ) {
    self.capacityBytes = capacityBytes
    self.availableBytes = availableBytes
    self.usagePercent = usagePercent
    self.highThresholdPercent = highThresholdPercent
    self.lowThresholdPercent = lowThresholdPercent
    self.bytesToFree = bytesToFree
    self.bytesFreed = bytesFreed
    self.maxAgeBytes = maxAgeBytes
  }
}

/// What is kept and why (`--explain`), in the same order as the deletions.
public struct KeptObjects: Sendable, Hashable {
  public var containers: [ContainerEntry<ContainerKeptReason>]
  public var sandboxes: [SandboxEntry<SandboxKeptReason>]
  public var images: [ImageEntry<ImageKeptReason>]

  public init(
    containers: [ContainerEntry<ContainerKeptReason>] = [],
    sandboxes: [SandboxEntry<SandboxKeptReason>] = [], images: [ImageEntry<ImageKeptReason>] = []
  ) {
    self.containers = containers
    self.sandboxes = sandboxes
    self.images = images
  }
}

/// One GC cycle of the kubelet on one node: what would be deleted, and why.
///
/// Every list is already in the entry order of docs/reference/output.md; warnings and errors
/// are sorted by code, then message.
public struct Plan: Sendable, Hashable {
  public var node: String
  public var capturedAt: Timestamp
  public var mode: GCMode
  public var containers: [ContainerEntry<ContainerDeletionReason>]
  public var sandboxes: [SandboxEntry<SandboxDeletionReason>]
  public var podLogDirs: [PodLogDirEntry]
  /// In removal order: `max-age` first, then free-space removals.
  public var images: [ImageEntry<ImageDeletionReason>]
  public var imageFs: ImageFsReport
  public var warnings: [PlanMessage]
  public var errors: [PlanMessage]
  /// Only with `PlanOptions.explain`.
  public var kept: KeptObjects?

  public init(
    node: String, capturedAt: Timestamp, mode: GCMode,
    containers: [ContainerEntry<ContainerDeletionReason>], sandboxes: [SandboxEntry<SandboxDeletionReason>],
    podLogDirs: [PodLogDirEntry], images: [ImageEntry<ImageDeletionReason>], imageFs: ImageFsReport,
    warnings: [PlanMessage], errors: [PlanMessage], kept: KeptObjects?
  ) {
    self.node = node
    self.capturedAt = capturedAt
    self.mode = mode
    self.containers = containers
    self.sandboxes = sandboxes
    self.podLogDirs = podLogDirs
    self.images = images
    self.imageFs = imageFs
    self.warnings = warnings
    self.errors = errors
    self.kept = kept
  }

  /// Whether the plan deletes anything at all (`--detailed-exitcode`).
  public var deletesAnything: Bool {
    !containers.isEmpty || !sandboxes.isEmpty || !podLogDirs.isEmpty || !images.isEmpty
  }

  /// Bytes of all deleted images.
  public var imageBytes: Int64 { images.reduce(0) { $0 &+ $1.image.sizeBytes } }
}
