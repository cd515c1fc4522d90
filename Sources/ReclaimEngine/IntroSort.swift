/// An in-place unstable sort: quicksort with median-of-three pivots,
/// insertion sort below 17 elements, and heapsort past 2·log₂(n) levels, so
/// that no input takes quadratic time.
///
/// For elements that `less` orders totally (no two equivalent, as the
/// (key, index) pairs of `ContainerGC.sortedByKey`), every correct sort gives
/// the same result, and this one compares and moves about half as much as
/// the standard library's stable merge sort on the engine's short arrays.
enum IntroSort {
  /// Sorts `a` by `less`, a strict weak order. `depth` (for tests): the
  /// partition levels before heapsort takes over, 2·log₂(n) by default.
  @inline(__always)
  static func sort<E>(_ a: inout [E], depth: Int? = nil, by less: (E, E) -> Bool) {
    let n = a.count
    guard n > 1 else { return }
    var levels = 0
    var m = n
    while m > 0 {
      levels += 2
      m >>= 1
    }
    a.withUnsafeMutableBufferPointer { b in quicksort(b, lo: 0, hi: n, depth: depth ?? levels, less) }
  }

  /// Sorts `b[lo..<hi]`; `depth`: partitions left before heapsort takes over.
  private static func quicksort<E>(
    _ b: UnsafeMutableBufferPointer<E>, lo: Int, hi: Int, depth: Int, _ less: (E, E) -> Bool
  ) {
    var lo = lo, hi = hi, depth = depth
    while hi - lo > 16 {
      if depth == 0 {
        heapsort(b, lo: lo, hi: hi, less)
        return
      }
      depth -= 1
      // The median of the first, middle and last elements, at `mid`.
      let mid = lo + (hi - lo) / 2
      if less(b[mid], b[lo]) { b.swapAt(mid, lo) }
      if less(b[hi - 1], b[mid]) {
        b.swapAt(hi - 1, mid)
        if less(b[mid], b[lo]) { b.swapAt(mid, lo) }
      }
      let pivot = b[mid]
      // Hoare's partition: both scans stop at the pivot or at an element
      // swapped past it, so they stay in bounds, and both parts end up
      // non-empty: `b[lo...j]` ≤ pivot ≤ `b[(j + 1)..<hi]`.
      var i = lo, j = hi - 1
      while true {
        while less(b[i], pivot) { i += 1 }
        while less(pivot, b[j]) { j -= 1 }
        if i >= j { break }
        b.swapAt(i, j)
        i += 1
        j -= 1
      }
      // Recursing into the smaller part bounds the stack by log₂(n).
      if j + 1 - lo < hi - (j + 1) {
        quicksort(b, lo: lo, hi: j + 1, depth: depth, less)
        lo = j + 1
      } else {
        quicksort(b, lo: j + 1, hi: hi, depth: depth, less)
        hi = j + 1
      }
    }
    insertionSort(b, lo: lo, hi: hi, less)
  }

  private static func insertionSort<E>(_ b: UnsafeMutableBufferPointer<E>, lo: Int, hi: Int, _ less: (E, E) -> Bool) {
    guard hi - lo > 1 else { return }
    for i in (lo + 1)..<hi {
      let x = b[i]
      var j = i
      while j > lo, less(x, b[j - 1]) {
        b[j] = b[j - 1]
        j -= 1
      }
      b[j] = x
    }
  }

  private static func heapsort<E>(_ b: UnsafeMutableBufferPointer<E>, lo: Int, hi: Int, _ less: (E, E) -> Bool) {
    let n = hi - lo
    func siftDown(_ start: Int, _ end: Int) {
      var root = start
      while true {
        var child = 2 * root + 1
        if child >= end { return }
        if child + 1 < end, less(b[lo + child], b[lo + child + 1]) { child += 1 }
        guard less(b[lo + root], b[lo + child]) else { return }
        b.swapAt(lo + root, lo + child)
        root = child
      }
    }
    var start = n / 2 - 1
    while start >= 0 {
      siftDown(start, n)
      start -= 1
    }
    var end = n - 1
    while end > 0 {
      b.swapAt(lo, lo + end)
      siftDown(0, end)
      end -= 1
    }
  }
}
