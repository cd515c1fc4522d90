/// A state enum of the snapshot (docs/reference/snapshot.md, "States"), as
/// `SnapshotDecoder.readState` reads it: by the bytes of its name.
protocol SnapshotState {
  /// The state at `index` in the reference's list of names (`nil` past its end);
  /// the order of "expected one of: …".
  init?(index: Int)
  /// The state's name, as spelt in JSON (a test checks that it is the
  /// enum's raw value).
  var name: StaticString { get }
}

extension NodeSnapshot.Pod.State: SnapshotState {
  init?(index: Int) {
    switch index {
    case 0: self = .active
    case 1: self = .terminating
    case 2: self = .terminated
    case 3: self = .deleted
    case 4: self = .evicted
    default: return nil
    }
  }

  var name: StaticString {
    switch self {
    case .active: "active"
    case .terminating: "terminating"
    case .terminated: "terminated"
    case .deleted: "deleted"
    case .evicted: "evicted"
    }
  }
}

extension NodeSnapshot.Sandbox.State: SnapshotState {
  init?(index: Int) {
    switch index {
    case 0: self = .ready
    case 1: self = .notready
    default: return nil
    }
  }

  var name: StaticString {
    switch self {
    case .ready: "ready"
    case .notready: "notready"
    }
  }
}

extension NodeSnapshot.Container.State: SnapshotState {
  init?(index: Int) {
    switch index {
    case 0: self = .created
    case 1: self = .running
    case 2: self = .exited
    case 3: self = .unknown
    default: return nil
    }
  }

  var name: StaticString {
    switch self {
    case .created: "created"
    case .running: "running"
    case .exited: "exited"
    case .unknown: "unknown"
    }
  }
}
