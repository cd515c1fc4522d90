import ReclaimBatch
import ReclaimCore
import ReclaimInventory
import Testing

/// The canonical snapshot writer reads back to the value it wrote, and is
/// the canonical form: writing what it read gives the same bytes.
struct SnapshotWriterTests {
  @Test func generatedFleetRoundTrips() throws {
    let fleet = FleetGenerator(seed: 20261202)
    for index in 0..<20 {
      let original = try SnapshotReader.decode(fleet.node(index).json, source: "gen")
      for layout in [CanonicalJSONWriter.Layout.compact, .indented] {
        let written = SnapshotWriter.bytes(original, layout: layout)
        let reread = try SnapshotReader.decode(written, source: "written")
        #expect(reread == original, "node \(index)")
        #expect(SnapshotWriter.bytes(reread, layout: layout) == written)
      }
    }
  }
}
