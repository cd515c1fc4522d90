import Foundation
import ReclaimBatch
import ReclaimCore
import ReclaimEngine
import ReclaimInventory
import ReclaimPolicy
import Testing

/// The fleet generator as a library: deterministic, valid, and as varied as
/// the fleets it stands in for.
@Suite struct FleetGeneratorTests {
  static let count = 200

  /// One fleet shared by the realism tests, with its snapshots and plans
  /// under the bundled policy set (`--explain`, so that kept objects count).
  struct Fleet: Sendable {
    var nodes: [FleetGenerator.Node]
    var snapshots: [NodeSnapshot]
    var plans: [Plan]
    var policy: CompiledPolicy
    var failures: [String]
  }

  static let fleet: Fleet = {
    let generator = FleetGenerator(seed: 20_261_129)
    let nodes = (0..<count).map { generator.node($0) }
    var snapshots: [NodeSnapshot] = [], failures: [String] = []
    for (i, node) in nodes.enumerated() {
      do throws(DiagnosticError) {
        snapshots.append(try SnapshotReader.decode(node.json, source: "node-\(i)", line: i + 1))
      } catch {
        failures.append(error.diagnostics.map(\.description).joined(separator: "\n"))
      }
    }
    let policy = (try? PolicyLoader.load(paths: [CLI.fixture("policies").path]).policy) ?? CompiledPolicy()
    let plans = snapshots.map { GCEngine.plan($0, policy: policy, options: PlanOptions(mode: .periodic, explain: true)) }
    return Fleet(nodes: nodes, snapshots: snapshots, plans: plans, policy: policy, failures: failures)
  }()

  // MARK: Determinism

  @Test func sameSeedSameBytesOtherSeedOtherBytes() {
    let a = FleetGenerator(seed: 7), b = FleetGenerator(seed: 7), c = FleetGenerator(seed: 8)
    for i in [0, 1, 17, 999] {
      #expect(a.node(i).json == b.node(i).json, "node \(i)")
      #expect(a.node(i).json != c.node(i).json, "node \(i)")
      #expect(a.node(i, layout: .indented).json == b.node(i, layout: .indented).json)
    }
    #expect(a.node(3).name != c.node(3).name)
  }

  /// The bytes of a small fleet, pinned: a change here means a seed no
  /// longer gives the fleet it gave before (trials and benchmarks recorded
  /// with it cannot be reproduced). Change the value only deliberately.
  @Test func aFleetOfASeedStaysTheSame() {
    let generator = FleetGenerator(seed: 1)
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a 64
    for i in 0..<5 {
      for byte in generator.node(i).json {
        hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
      }
    }
    #expect(generator.identity(ofNode: 0).name == "aks-web-13482965-vmss007jxu")
    #expect(hash == 10_311_404_722_174_373_043)
  }

  // MARK: Validity

  @Test func everySnapshotDecodesAndPlansAndNamesAreUnique() throws {
    let fleet = Self.fleet
    #expect(fleet.failures.isEmpty, "\(fleet.failures.prefix(3))")
    #expect(fleet.snapshots.count == Self.count)
    #expect(Set(fleet.snapshots.map(\.node)).count == Self.count)
    #expect(fleet.snapshots.map(\.node) == fleet.nodes.map(\.name))
    // No plan has an error (capacity 0) or a warning for a broken snapshot.
    for plan in fleet.plans {
      #expect(plan.errors.isEmpty, "\(plan.node): \(plan.errors)")
      let broken: Set<PlanMessage.Code> = [.availableExceedsCapacity, .containerWithoutSandbox, .unknownSandbox]
      #expect(!plan.warnings.contains { broken.contains($0.code) }, "\(plan.node): \(plan.warnings)")
    }
  }

  /// Directory output is indented; it must say exactly what the line says.
  @Test func indentedAndCompactAreTheSameSnapshot() throws {
    let generator = FleetGenerator(seed: 3)
    for i in 0..<12 {
      let compact = try SnapshotReader.decode(generator.node(i).json, source: "c")
      let indented = generator.node(i, layout: .indented)
      #expect(indented.json.last == UInt8(ascii: "\n"))
      #expect(try SnapshotReader.decode(indented.json, source: "i") == compact)
    }
  }

  /// Names stay unique in the largest fleet: they come from a permutation
  /// of the node index, not from chance.
  @Test func namesOfTheLargestFleetAreUniqueAndValid() {
    let generator = FleetGenerator(seed: 1)
    for i in [0, 5, 123] { #expect(generator.identity(ofNode: i).name == generator.node(i).name) }
    var names = Set<String>()
    names.reserveCapacity(FleetGenerator.maxNodes)
    let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-.".utf8)
    var invalid: [String] = []
    for i in 0..<FleetGenerator.maxNodes {
      let name = generator.identity(ofNode: i).name
      if invalid.count < 3, !(name.utf8.allSatisfy(allowed.contains) && name.utf8.count <= 253) { invalid.append(name) }
      names.insert(name)
    }
    #expect(names.count == FleetGenerator.maxNodes)
    #expect(invalid.isEmpty, "\(invalid)")
  }

  // MARK: Realism

  @Test func everyProfileOccurs() {
    let seen = Set(Self.fleet.nodes.map(\.profile))
    #expect(seen == Set(NodeProfile.allCases))
  }

  @Test func somePlansDeleteAndKeepEveryKindOfObject() throws {
    let fleet = Self.fleet
    let policy = fleet.policy
    #expect(policy.imageGC.highThresholdPercent == 80)  // the bundled policies/ loaded
    let over = fleet.plans.filter { ($0.imageFs.usagePercent ?? 0) >= Int64(policy.imageGC.highThresholdPercent) }
    #expect(over.count >= 10 && over.count < Self.count / 2)
    #expect(fleet.plans.contains { $0.images.contains { $0.reason == .diskUsage } })
    #expect(fleet.plans.contains { $0.images.contains { $0.reason == .maxAge } })
    // The bundled policy's caps (maxContainers) are never reached: CI
    // namespaces keep no dead container per pod, others keep one.
    for reason in [ContainerDeletionReason.podRemoved, .maxPerPodContainer] {
      #expect(fleet.plans.contains { $0.containers.contains { $0.reason == reason } }, "\(reason)")
    }
    for reason in SandboxDeletionReason.allCases {
      #expect(fleet.plans.contains { $0.sandboxes.contains { $0.reason == reason } }, "\(reason)")
    }
    #expect(fleet.plans.contains { !$0.podLogDirs.isEmpty })
    let kept = fleet.plans.compactMap(\.kept)
    #expect(kept.count == Self.count)
    for reason in [ContainerKeptReason.running, .youngerThanMinAge, .withinLimits] {
      #expect(kept.contains { $0.containers.contains { $0.reason == reason } }, "\(reason)")
    }
    for reason in [ImageKeptReason.inUse, .pinned, .protected, .belowThreshold] {
      #expect(kept.contains { $0.images.contains { $0.reason == reason } }, "\(reason)")
    }
    // Not everything goes: most containers and images of the fleet stay.
    let deleted = fleet.plans.reduce(0) { $0 + $1.containers.count }
    let total = fleet.snapshots.reduce(0) { $0 + $1.containers.count }
    #expect(deleted > total / 10 && deleted < total * 9 / 10)
  }

  @Test func objectsInEveryStateAndShape() {
    let snapshots = Self.fleet.snapshots
    let containers = snapshots.flatMap(\.containers)
    #expect(Set(containers.map(\.state)) == Set(NodeSnapshot.Container.State.allCases))
    #expect(Set(snapshots.flatMap(\.pods).map(\.state)) == Set(NodeSnapshot.Pod.State.allCases))
    #expect(Set(snapshots.flatMap(\.sandboxes).map(\.state)) == Set(NodeSnapshot.Sandbox.State.allCases))
    // Containers the kubelet did not create.
    #expect(containers.contains { $0.podUid == nil && $0.sandboxId == nil && $0.namespace == nil })
    // Runtime ids of 24, 32 and 64 hex digits.
    #expect(Set(containers.map(\.id.utf8.count)) == [24, 32, 64])
    #expect(containers.allSatisfy { $0.id.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) } })
    // Pod uids: UUIDs from the API server, 32-hex hashes of static pods.
    let uids = snapshots.flatMap(\.pods).map(\.uid)
    let uuid = try? Regex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
    #expect(uids.contains { u in uuid.map { u.wholeMatch(of: $0) != nil } ?? false })
    #expect(uids.contains { $0.utf8.count == 32 && !$0.contains("-") })
    let images = snapshots.flatMap(\.images)
    #expect(images.allSatisfy { $0.id.hasPrefix("sha256:") && $0.id.utf8.count == 71 })
    #expect(images.contains { $0.pinned })
    #expect(images.contains { $0.repoTags.isEmpty })
    #expect(images.contains { $0.repoTags.count >= 2 })
    #expect(images.contains { $0.lastUsedAt == nil })
    #expect(images.contains { $0.firstDetectedAt == nil })
    #expect(snapshots.contains { $0.kubeletStartedAt == nil })
    #expect(snapshots.contains { !$0.allSourcesReady })
    // Shared base images: the pause image has one id fleet-wide.
    var nodesPerImage: [String: Int] = [:]
    for snapshot in snapshots { for image in snapshot.images { nodesPerImage[image.id, default: 0] += 1 } }
    #expect(nodesPerImage.values.contains(Self.count))
    // CI runners hold hundreds of dead containers; ML nodes few, huge images.
    for (node, snapshot) in zip(Self.fleet.nodes, snapshots) {
      let dead = snapshot.containers.filter { $0.state != .running }.count
      if node.profile == .ciRunner { #expect(dead >= 100, "\(node.name): \(dead) dead containers") }
      if node.profile == .ml {
        #expect(snapshot.images.contains { $0.sizeBytes > 5_000_000_000 }, "\(node.name)")
        #expect(snapshot.images.count < 30, "\(node.name)")
      }
    }
  }

  /// The text of timestamps and ids, which the decoded snapshot no longer
  /// shows: offsets of both signs and `Z`, every fraction length from 0 to 9.
  @Test func timestampsInTheShapesCollectorsWrite() throws {
    var fractions = Set<Int>(), zones = Set<String>()
    let shape = try Regex(#"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$"#)
    func visit(_ value: Any) {
      if let text = value as? String, let match = text.wholeMatch(of: shape) {
        fractions.insert(match.output[1].substring?.count ?? 0)
        if let zone = match.output[2].substring { zones.insert(String(zone)) }
      } else if let object = value as? [String: Any] {
        object.values.forEach(visit)
      } else if let array = value as? [Any] {
        array.forEach(visit)
      }
    }
    for node in Self.fleet.nodes.prefix(80) { visit(try JSONSerialization.jsonObject(with: Data(node.json))) }
    #expect(fractions == Set(0...9))
    #expect(zones.contains("Z") && zones.contains("+00:00"))
    #expect(zones.contains { $0.hasPrefix("+") && $0 != "+00:00" })
    #expect(zones.contains { $0.hasPrefix("-") })
  }
}
