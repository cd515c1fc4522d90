// States by their position in the spec's list, as `SnapshotDecoder.readName`
// finds them (the name tables in `SnapshotDecoder+Schema.swift` use this
// order; a test checks that the two agree).
extension NodeSnapshot.Pod.State {
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
}

extension NodeSnapshot.Sandbox.State {
  init?(index: Int) {
    switch index {
    case 0: self = .ready
    case 1: self = .notready
    default: return nil
    }
  }
}

extension NodeSnapshot.Container.State {
  init?(index: Int) {
    switch index {
    case 0: self = .created
    case 1: self = .running
    case 2: self = .exited
    case 3: self = .unknown
    default: return nil
    }
  }
}
