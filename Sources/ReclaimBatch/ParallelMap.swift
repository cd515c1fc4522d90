import Dispatch
import Synchronization

/// Runs `body` for every index on `jobs` workers and returns the results in
/// index order, so that the output never depends on the number of workers.
public enum ParallelMap {
  public static func map<T: Sendable>(count: Int, jobs: Int, _ body: @Sendable (Int) -> T) -> [T] {
    map(count: count, jobs: jobs, alongside: nil, body)
  }

  /// As `map`, and runs `alongside` once, on one worker, before that worker
  /// joins the others (with one job: after the map). The batch runner reads
  /// the next batch of input there while the others plan this one.
  public static func map<T: Sendable>(
    count: Int, jobs: Int, alongside: (@Sendable () -> Void)?, _ body: @Sendable (Int) -> T
  ) -> [T] {
    let workers = max(1, min(jobs, max(count, 1)))
    if workers == 1 {
      let results = (0..<count).map(body)
      alongside?()
      return results
    }
    let slots = Slots<T>(count: count)
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      if worker == 0 { alongside?() }
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
