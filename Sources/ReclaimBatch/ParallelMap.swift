import Dispatch
import Synchronization

/// Runs `body` for every index on `jobs` workers and returns the results in
/// index order, so that the output never depends on the number of workers.
public enum ParallelMap {
  public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    let workers = max(1, min(jobs, count))
    if workers == 1 { return (0..<count).map(body) }
    let slots = Slots<T>(count: count)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
        if i >= count { break }
        slots.store(body(i), at: i)
      }
    }
    return slots.take()
  }
}

/// Result slots written by distinct workers at distinct indices, read once
/// after all workers have finished (`concurrentPerform` returns only then).
private final class Slots<T>: @unchecked Sendable {
  private let buffer: UnsafeMutableBufferPointer<T?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  func store(_ value: T, at index: Int) { buffer[index] = value }

  func take() -> [T] { buffer.compactMap { $0 } }

  deinit {
    buffer.deinitialize()
    buffer.deallocate()
  }
}
