import ReclaimCore
import ReclaimIO
import ReclaimInventory
import ReclaimManifest

/// Finds the nodes named by more than one snapshot document of a batch, so
/// that every occurrence is rejected while output streams (docs/batch.md,
/// "The same node twice").
///
/// Regular files (and standard input redirected from one) are read twice:
/// a first pass, before anything is written, takes the top-level `node` of
/// every document (`SnapshotReader.nodeName`, which reads members from
/// whichever end leads to it and stops there), so a repeat is known before
/// its first occurrence is planned. A stream is read as the second pass
/// reads it (`BatchReader`), so the first pass sees exactly the documents
/// that will be planned; a whole file, and standard input, is mapped,
/// which reads only the pages `nodeName` looks at. Pipes and FIFOs
/// cannot be read twice: their nodes are checked as they come, against
/// every node planned so far, and a repeat found that way withdraws the
/// earlier occurrence (its `--out` file is removed, its counts leave the
/// summary); only then does the runner remember each planned node's tally.
struct NodeRepeats {
  /// Where a document is: its file, and its line in a stream.
  struct Place: Hashable {
    var source: String
    var line: Int?

    var text: String { source + (line.map { ":\($0)" } ?? "") }
  }

  /// Nodes the first pass found more than once, with every place, in input order.
  private(set) var repeated: [String: [Place]] = [:]
  /// Whether some input cannot be read twice, so nodes are also checked as they come.
  let checksAsTheyCome: Bool
  /// With `checksAsTheyCome`: every node planned so far, where, and its tally.
  /// The tally is `nil` for a rejected document, and is dropped once the
  /// occurrence is withdrawn, so it leaves the summary once however many
  /// repeats follow.
  private var planned: [String: (place: Place, tally: PlanTally?)] = [:]

  /// Runs the first pass over `files`; `documentLimit` is the second
  /// pass's (`BatchReader`).
  init(files: [SnapshotInput.File], jobs: Int = 1, documentLimit: Int = SnapshotInput.documentLimit) {
    var first: [String: Place] = [:]
    var repeated: [String: [Place]] = [:]
    var unreadTwice = false
    func note(_ name: String?, _ place: Place) {
      guard let name else { return }
      if let earlier = first[name] {
        repeated[name, default: [earlier]].append(place)
      } else {
        first[name] = place
      }
    }
    for file in files {
      if file.isStream, file.path != "-", FileSystem.isRegularFile(file.path) {
        // Read, not mapped: on this kind of machine faulting a mapped
        // stream's pages in cost more than copying them into one reused
        // buffer (docs/performance.md). The reader also ends the stream
        // where the second pass will, at a document over the limit, so
        // no document that is never planned can make a repeat.
        let reader = BatchReader([file], batchBytes: BatchReader.batchBytes(jobs: jobs), documentLimit: documentLimit)
        while let batch = reader.next() {
          let names = ParallelMap.map(count: batch.count, jobs: jobs) { i in
            batch[i].content.withBytes { SnapshotReader.nodeName(UnsafeBufferPointer(rebasing: $0[batch[i].range])) }
          }
          for (input, name) in zip(batch, names) { note(name, Place(source: file.path, line: input.line)) }
        }
        continue
      }
      guard let mapped = MappedFile(path: file.path) else {
        unreadTwice = true
        continue
      }
      mapped.withBytes { bytes in
        guard file.isStream else {
          note(SnapshotReader.nodeName(bytes), Place(source: file.path, line: nil))
          return
        }
        // Standard input redirected from a regular file: read in place,
        // so that its offset does not move for the second pass. Lines a
        // block at a time, each block's names found on `jobs` workers and
        // noted in order; scanned pages then leave the resident set, so
        // the pass stays small however large the stream.
        let shared = MappedBytes(bytes)
        var block: [(line: Int, range: Range<Int>)] = []
        func scan() {
          let lines = block
          let names = ParallelMap.map(count: lines.count, jobs: jobs) { i in
            SnapshotReader.nodeName(UnsafeBufferPointer(rebasing: shared.bytes[lines[i].range]))
          }
          for (entry, name) in zip(lines, names) { note(name, Place(source: file.path, line: entry.line)) }
          if let last = lines.last { mapped.release(upTo: last.range.upperBound) }
          block.removeAll(keepingCapacity: true)
        }
        var pending = 0
        // As in `BatchReader`: a document over the limit ends the stream.
        var ended = false
        _ = SnapshotInput.forEachLine(of: bytes, firstLine: 1) { line, range in
          guard !ended else { return }
          if range.count > documentLimit {
            ended = true
            return
          }
          block.append((line, range))
          pending += range.count
          if pending >= 4 << 20 {
            scan()
            pending = 0
          }
        }
        scan()
      }
    }
    self.repeated = repeated
    checksAsTheyCome = unreadTwice
  }

  /// The verdict on a planned node at `place`: `nil` when it may stand,
  /// otherwise its rejection, plus the earlier occurrence to withdraw when
  /// the repeat was found as it came.
  mutating func check(_ tally: PlanTally, at place: Place) -> (rejection: Diagnostic, withdraw: (Place, PlanTally)?)? {
    let node = tally.node
    if let places = repeated[node] {
      return (rejection(node, at: place, others: places.filter { $0 != place }), nil)
    }
    guard checksAsTheyCome else { return nil }
    if let earlier = planned[node] {
      planned[node]?.tally = nil
      return (rejection(node, at: place, others: [earlier.place]), earlier.tally.map { (earlier.place, $0) })
    }
    planned[node] = (place, tally)
    return nil
  }

  /// Notes a rejected document that names `node` (a `NodeSnapshot` whose
  /// other fields are wrong) when nodes are checked as they come; the
  /// verdict is the earlier planned occurrence to withdraw, if any. A
  /// document the first pass saw needs nothing: it was counted there.
  mutating func noteRejected(_ node: String, at place: Place) -> (Place, PlanTally)? {
    guard checksAsTheyCome, repeated[node] == nil else { return nil }
    if let earlier = planned[node] {
      planned[node]?.tally = nil
      return earlier.tally.map { (earlier.place, $0) }
    }
    planned[node] = (place, nil)
    return nil
  }

  /// The rejection of an occurrence withdrawn after its output was written.
  func withdrawal(_ node: String, at place: Place, repeatedAt later: Place) -> Diagnostic {
    Diagnostic(
      file: place.source, line: place.line, path: "$.node",
      message: "node \"\(node)\" appears more than once in this batch (also at \(later.text)); "
        + "its output was written before the repeat was read and is withdrawn")
  }

  private func rejection(_ node: String, at place: Place, others: [Place]) -> Diagnostic {
    Diagnostic(
      file: place.source, line: place.line, path: "$.node",
      message: "node \"\(node)\" appears more than once in this batch (also at \(others.map(\.text).joined(separator: ", ")))")
  }
}

/// A mapped file's bytes shared with the first pass's workers, read-only,
/// for as long as `NodeRepeats.init` keeps the mapping (`@unchecked
/// Sendable`: the buffer is only read, inside that scope).
private struct MappedBytes: @unchecked Sendable {
  let bytes: UnsafeBufferPointer<UInt8>
  init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }
}
