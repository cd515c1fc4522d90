import ReclaimInventory

/// Builds one synthetic node: its pods, sandboxes, containers, images and
/// log directories, with times and ids in the shapes real runtimes and
/// collectors write. `SnapshotWriter` turns the result into JSON.
///
/// Everything is drawn from the node's own random stream, in a fixed order,
/// so the node depends only on the fleet's seed and its index.
struct NodeBuilder {
  typealias PodState = NodeSnapshot.Pod.State
  typealias ContainerState = NodeSnapshot.Container.State

  /// A pod as the runtime knows it; `state` nil: not in the kubelet's list
  /// (deleted from the API and forgotten, its sandbox and containers left).
  struct Pod {
    var uid: String
    var namespace: String
    var name: String
    var state: PodState?
  }

  struct Sandbox {
    var id: String
    var pod: Int
    var ready: Bool
    var createdAt: Int64
  }

  struct Container {
    var id: String
    /// Index into `pods`; -1 for a container the kubelet did not create.
    var pod: Int
    var name: String
    /// Index into `sandboxes`; -1 without one.
    var sandbox: Int
    var state: ContainerState
    var createdAt: Int64
    var imageId: String
  }

  struct Image {
    var id: String
    var repoTags: [String]
    var repoDigests: [String]
    var sizeBytes: Int64
    var pinned: Bool
    /// The earliest `createdAt` of a container that uses it; `Int64.max`: none.
    var firstUse: Int64 = .max
    /// For an image no container uses: when one last did.
    var lastUse: Int64 = 0
    var namespaces: [String] = []
    /// Filled in by `finishImages`.
    var firstDetectedAt: Int64? = nil
    var lastUsedAt: Int64? = nil
  }

  static let second: Int64 = 1_000_000_000
  static let minute: Int64 = 60 * second
  static let hour: Int64 = 60 * minute
  static let day: Int64 = 24 * hour

  let catalog: ImageCatalog
  var random: FleetRandom
  let profile: NodeProfile
  let node: String
  /// `capturedAt`, in nanoseconds since the epoch.
  let now: Int64
  let kubeletStartedAt: Int64?
  let allSourcesReady: Bool
  /// How the collector writes `capturedAt`, `kubeletStartedAt` and image times.
  let collectorStyle: TimestampStyle
  /// How the runtime's `createdAt` times are written.
  let runtimeStyle: TimestampStyle
  /// The runtime clock's resolution in nanoseconds (1 for most; a coarser
  /// clock gives shorter fractions once trailing zeros are dropped).
  let clockResolution: Int64
  /// Hex digits of this runtime's container and sandbox ids.
  let idLength: Int
  /// Whether the collector records the namespaces that used each image.
  let recordsNamespaces: Bool
  /// Whether `crictl`-style listing order (newest first) is used rather
  /// than the kubelet's order (pod by pod).
  let newestFirst: Bool

  var pods: [Pod] = []
  var sandboxes: [Sandbox] = []
  var containers: [Container] = []
  var images: [Image] = []
  var podLogDirs: [String] = []
  var imageFs = (capacity: Int64(0), available: Int64(0))

  /// Catalog index → index in `images`, -1 while the node has not pulled it.
  private var slots: [Int32]
  /// Per `ImageRepo`: how many versions this node lags behind the newest
  /// (rollouts reach nodes at different times); -1 until first asked.
  private var lags: [Int8]
  /// Indices in `images` of node-local images.
  private var localImages: [Int] = []
  /// Per workload app: the ReplicaSet hash its pods share on this node.
  private var replicaSetHashes: [String: String] = [:]
  private var ordinals: [String: Int] = [:]

  init(catalog: ImageCatalog, clusters: [Cluster], seed: UInt64, index: Int, unique: Int) {
    self.catalog = catalog
    var random = Self.random(seed: seed, index: index)
    let (profile, cluster) = Self.identity(&random, clusters: clusters)
    self.profile = profile
    node = cluster.nodeName(unique: unique, pool: profile.pool)
    // A fleet's collectors run within a quarter of an hour of each other.
    now = FleetGenerator.capturedBase + random.int64(in: 0...(15 * Self.minute))
    switch random.below(100) {
    case 0..<3: kubeletStartedAt = nil  // an old collector: the engine warns
    case 3..<15: kubeletStartedAt = now - random.int64(in: (5 * Self.minute)...(2 * Self.day))  // restarted lately
    default: kubeletStartedAt = now - random.int64(in: (2 * Self.day)...(60 * Self.day))
    }
    allSourcesReady = random.permille(950)
    collectorStyle = Self.collectorStyle(&random)
    runtimeStyle = Self.runtimeStyle(&random)
    clockResolution = [1, 100, 1_000, 1_000_000, 10_000_000, 100_000_000][random.weighted([70, 8, 10, 7, 3, 2])]
    idLength = [64, 32, 24][random.weighted([80, 12, 8])]
    recordsNamespaces = random.percent(80)
    newestFirst = random.percent(40)
    slots = Array(repeating: -1, count: catalog.images.count)
    lags = Array(repeating: -1, count: ImageRepo.allCases.count)
    self.random = random
    build(cluster: cluster)
  }

  /// Node `index`'s own random stream.
  static func random(seed: UInt64, index: Int) -> FleetRandom { FleetRandom(seed: seed, stream: UInt64(index) + 1) }

  /// A node's profile and cluster: the first draws of its stream, so that
  /// its name can be had without building the node.
  static func identity(_ random: inout FleetRandom, clusters: [Cluster]) -> (NodeProfile, Cluster) {
    let profile = NodeProfile.allCases[random.weighted(NodeProfile.allCases.map(\.weight))]
    return (profile, clusters[random.below(clusters.count)])
  }

  // MARK: - Styles

  /// Offsets (minutes east of UTC) of the zones collectors run in.
  private static let offsets = [0, 60, 120, 330, 345, 540, -300, -420, -180, 600, -240]

  private static func collectorStyle(_ random: inout FleetRandom) -> TimestampStyle {
    switch random.weighted([30, 15, 15, 10, 10, 20]) {
    case 0: TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .trimmed)  // Go
    case 1: TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .none)  // kubectl, date -Is
    case 2: TimestampStyle(offsetMinutes: 0, utcAsZ: false, fraction: .micros)  // Python isoformat()
    case 3: TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .fixed(3))  // JavaScript toISOString()
    case 4: TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .groupsOfThree)  // Java Instant
    default:  // a collector writing its local time
      TimestampStyle(
        offsetMinutes: random.pick(offsets), utcAsZ: random.percent(50),
        fraction: random.percent(50) ? .trimmed : .micros)
    }
  }

  private static func runtimeStyle(_ random: inout FleetRandom) -> TimestampStyle {
    switch random.weighted([70, 10, 10, 10]) {
    case 0: TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .trimmed)  // crictl, containerd
    case 1: TimestampStyle(offsetMinutes: random.pick(offsets), utcAsZ: true, fraction: .trimmed)
    case 2: TimestampStyle(offsetMinutes: 0, utcAsZ: true, fraction: .fixed(9))
    default: TimestampStyle(offsetMinutes: 0, utcAsZ: false, fraction: .micros)
    }
  }

  /// An instant of the runtime's clock: `t` at its resolution.
  private func runtimeInstant(_ t: Int64) -> Int64 { t - t % clockResolution }

  // MARK: - The node

  private mutating func build(cluster: Cluster) {
    makeLocalImages()
    // The sandbox image is on every node, pinned by the runtime; an older
    // one stays behind after an upgrade (the policy protects it).
    let pause = catalog.versions(of: .pause)
    use(slot(pause.upperBound - 1), namespace: nil, at: now - random.int64(in: Self.hour...(30 * Self.day)))
    if random.percent(30) { stale(slot(pause.upperBound - 2)) }
    for workload in cluster.daemonSets + profile.daemonSets { addLongRunning(workload) }
    if random.percent(profile.controlPlanePercent) {
      for workload in NodeProfile.controlPlane { addLongRunning(workload) }
    }
    let workloads = profile.workloads
    let serving = workloads.filter { !$0.kind.runsToCompletion }
    let jobs = workloads.filter { $0.kind.runsToCompletion }
    let servingWeights = serving.map(\.weight), jobWeights = jobs.map(\.weight)
    if !serving.isEmpty {
      for _ in 0..<random.int(in: profile.servingPods) { addLongRunning(serving[random.weighted(servingWeights)]) }
    }
    if !jobs.isEmpty {
      for _ in 0..<random.int(in: profile.jobPods) { addJob(jobs[random.weighted(jobWeights)]) }
    }
    for _ in 0..<random.int(in: profile.unlabelledContainers) { addUnlabelled() }
    addStaleVersions()
    addOrphanLogDirs()
    finishImages()
    sizeImageFs()
    if newestFirst {
      // crictl lists by creation time, newest first: a pod's sandboxes and
      // containers are then spread over the list. Sandboxes move, so the
      // containers' references follow them.
      // Ties (a coarse clock) keep the kubelet's order: the sort key is
      // total, so no sort algorithm's stability matters.
      let order = Self.newestFirst(sandboxes.map(\.createdAt))
      var moved = Array(repeating: 0, count: sandboxes.count)
      for (to, from) in order.enumerated() { moved[from] = to }
      sandboxes = order.map { sandboxes[$0] }
      for i in containers.indices where containers[i].sandbox >= 0 { containers[i].sandbox = moved[containers[i].sandbox] }
      containers = Self.newestFirst(containers.map(\.createdAt)).map { containers[$0] }
    }
  }

  /// Indices of `times`, newest first, equal times in index order.
  private static func newestFirst(_ times: [Int64]) -> [Int] {
    times.indices.sorted { times[$0] != times[$1] ? times[$0] > times[$1] : $0 < $1 }
  }

  // MARK: Pods

  private mutating func podName(_ workload: Workload, start: Int64, rollover: Bool = false) -> String {
    let app = workload.app
    switch workload.kind {
    case .deployment:
      let hash: String
      if !rollover, let known = replicaSetHashes[app] {
        hash = known
      } else {
        hash = random.nameSuffix(random.int(in: 8...10))
        if !rollover { replicaSetHashes[app] = hash }
      }
      return "\(app)-\(hash)-" + random.nameSuffix(5)
    case .daemonSet, .job:
      return "\(app)-" + random.nameSuffix(5)
    case .statefulSet:
      let ordinal = ordinals[app, default: 0]
      ordinals[app] = ordinal + 1
      return "\(app)-\(ordinal)"
    case .cronJob:
      // The Job is named by its scheduled minute (a 15-minute schedule).
      let minute = start / Self.minute / 15 * 15
      return "\(app)-\(minute)-" + random.nameSuffix(5)
    case .staticPod:
      return "\(app)-\(node)"
    case .ciJob:
      if app == "buildkite" { return "buildkite-" + random.hex(8) + "-" + random.nameSuffix(5) }
      return "runner-" + random.base36(8) + "-project-\(random.int(in: 100...48_000))-concurrent-\(random.below(8))-"
        + random.nameSuffix(5)
    }
  }

  private mutating func addPod(_ workload: Workload, state: PodState?, start: Int64, rollover: Bool = false) -> Int {
    // Static pods' uids are the hash of their manifest; API pods get UUIDs.
    let uid = workload.kind == .staticPod ? random.hex(32) : random.uuid()
    let name = podName(workload, start: start, rollover: rollover)
    let namespace = workload.namespaces.count == 1 ? workload.namespaces[0] : random.pick(workload.namespaces)
    pods.append(Pod(uid: uid, namespace: namespace, name: name, state: state))
    podLogDirs.append("\(namespace)_\(name)_\(uid)")
    return pods.count - 1
  }

  private mutating func addSandbox(pod: Int, ready: Bool, at t: Int64) -> Int {
    sandboxes.append(Sandbox(id: random.hex(idLength), pod: pod, ready: ready, createdAt: runtimeInstant(t)))
    return sandboxes.count - 1
  }

  private mutating func addContainer(
    pod: Int, sandbox: Int, name: String, state: ContainerState, at t: Int64, image: String
  ) {
    containers.append(
      Container(
        id: random.hex(idLength), pod: pod, name: name, sandbox: sandbox, state: state,
        createdAt: runtimeInstant(min(t, now)), imageId: image))
  }

  /// The kubelet starts a pod's containers one after the other, a few
  /// milliseconds apart: equal `createdAt`s within a pod would be a tie no
  /// real runtime hands out.
  private static func startGap(_ random: inout FleetRandom) -> Int64 {
    random.int64(in: (5 * second / 1000)...(400 * second / 1000))
  }

  /// A dead container's state: almost always exited; sometimes created and
  /// never started, or unknown to a runtime that lost track of it.
  private mutating func deadState() -> ContainerState {
    switch random.below(1000) {
    case 0..<12: .unknown
    case 12..<30: .created
    default: .exited
    }
  }

  /// A deployment, daemon set, stateful set or static pod: running since
  /// some time, perhaps restarting, perhaps with an earlier sandbox.
  private mutating func addLongRunning(_ workload: Workload) {
    let state: PodState = random.percent(4) ? .terminating : .active
    let pending = state == .active && random.permille(25)
    let start = pending ? now - random.int64(in: (5 * Self.second)...(90 * Self.second))
      : now - random.int64(in: (10 * Self.minute)...(30 * Self.day))
    let pod = addPod(workload, state: state, start: start)
    let namespace = pods[pod].namespace
    // A node reboot or a network change gives a pod a new sandbox; the old
    // ones stay, not ready, with the containers that ran in them.
    if !pending && random.percent(8) {
      var t = start
      for _ in 0..<random.int(in: 1...2) {
        t -= random.int64(in: Self.hour...(5 * Self.day))
        let old = addSandbox(pod: pod, ready: false, at: t)
        for spec in workload.containers {
          let image = imageFor(spec, namespace: namespace, at: t)
          addContainer(pod: pod, sandbox: old, name: spec.name, state: deadState(), at: t + random.int64(in: Self.second...(20 * Self.second)), image: image)
        }
      }
    }
    let sandbox = addSandbox(pod: pod, ready: true, at: start)
    var t = start + random.int64(in: (Self.second / 2)...(3 * Self.second))
    let crashLooping = !pending && random.percent(profile.crashLoopPercent)
    for spec in workload.containers {
      let image = imageFor(spec, namespace: namespace, at: t)
      if spec.isInit {
        addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: .exited, at: t, image: image)
        t += random.int64(in: Self.second...(20 * Self.second))
        continue
      }
      if pending {
        addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: .created, at: now - random.int64(in: 0...(3 * Self.second)), image: image)
        continue
      }
      t += Self.startGap(&random)
      let restarts = crashLooping ? random.int(in: 2...12) : (random.percent(15) ? random.int(in: 1...3) : 0)
      var last = t
      if restarts > 0 {
        // Restarts cluster in the last hours for a crash loop, anywhere in
        // the pod's life otherwise.
        let from = crashLooping ? max(t, now - 6 * Self.hour) : t
        var times: [Int64] = []
        for _ in 0..<restarts { times.append(random.int64(in: from...max(from, now - 10 * Self.second))) }
        times.sort()
        addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: deadState(), at: t, image: image)
        for time in times.dropLast() {
          addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: deadState(), at: time, image: image)
        }
        last = times[times.count - 1]
      }
      // In CrashLoopBackOff the newest attempt has exited too, waiting.
      let current: ContainerState = crashLooping && random.percent(50) ? .exited : (random.permille(3) ? .unknown : .running)
      addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: current, at: last, image: image)
    }
    // A rollout replaced an earlier pod of this deployment: it is gone or
    // going from the API, its exited containers ran the previous version.
    if workload.kind == .deployment && random.percent(12) {
      let oldStart = start - random.int64(in: Self.day...(20 * Self.day))
      let old = addPod(workload, state: random.percent(40) ? .deleted : nil, start: oldStart, rollover: true)
      let oldSandbox = addSandbox(pod: old, ready: false, at: oldStart)
      var u = oldStart + random.int64(in: Self.second...(3 * Self.second))
      for spec in workload.containers {
        let image = imageFor(spec, namespace: pods[old].namespace, at: u, olderBy: 1)
        addContainer(pod: old, sandbox: oldSandbox, name: spec.name, state: deadState(), at: u, image: image)
        u += random.int64(in: Self.second...(10 * Self.second))
      }
    }
  }

  /// How a finished job pod stands with the kubelet.
  private mutating func finishedJobState() -> PodState? {
    let weights: [Int]  // terminated, deleted, evicted, not listed
    switch profile {
    case .ciRunner: weights = [15, 30, 2, 53]  // runners delete their pods at once
    case .batch: weights = [40, 20, 10, 30]  // Jobs keep pods until their TTL; spot nodes evict
    default: weights = [45, 20, 5, 30]
    }
    return [PodState.terminated, .deleted, .evicted, nil][random.weighted(weights)]
  }

  /// A pod that runs to completion: still running, or finished and on its
  /// way out of the API and the runtime.
  private mutating func addJob(_ workload: Workload) {
    let window = profile.jobWindow
    let start = now - random.int64(in: (window.lowerBound * Self.second)...(window.upperBound * Self.second))
    let duration = profile == .ml ? random.int64(in: Self.hour...(20 * Self.hour))
      : random.int64(in: (20 * Self.second)...(40 * Self.minute))
    let running = start + duration > now
    let state: PodState? = running ? .active : finishedJobState()
    let pod = addPod(workload, state: state, start: start)
    let namespace = pods[pod].namespace
    let sandbox = addSandbox(pod: pod, ready: running, at: start)
    var t = start + random.int64(in: (Self.second / 2)...(5 * Self.second))
    for spec in workload.containers where random.percent(spec.presentPercent) {
      let image = imageFor(spec, namespace: namespace, at: t)
      if spec.isInit {
        addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: .exited, at: t, image: image)
        t += random.int64(in: Self.second...(30 * Self.second))
        continue
      }
      t += Self.startGap(&random)
      // restartPolicy OnFailure: failed attempts stay beside the last one.
      if random.percent(10) {
        for _ in 0..<random.int(in: 1...3) {
          addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: deadState(), at: t, image: image)
          t += random.int64(in: (10 * Self.second)...(5 * Self.minute))
        }
      }
      addContainer(pod: pod, sandbox: sandbox, name: spec.name, state: running ? .running : deadState(), at: t, image: image)
    }
  }

  private static let unlabelled: [(String, ImageRepo)] = [
    ("buildkitd", .buildkit), ("dind-cleanup", .dind), ("nsenter-debug", .alpine), ("node-shell", .busybox),
    ("crictl-debug", .busybox),
  ]

  /// A container started beside the kubelet (`ctr run`, `nerdctl`, a
  /// debugging session): no pod, no sandbox, no kubelet labels.
  private mutating func addUnlabelled() {
    let (name, repo) = profile == .ciRunner ? Self.unlabelled[random.below(2)] : random.pick(Self.unlabelled)
    let state = [ContainerState.exited, .running, .created, .unknown][random.weighted([60, 25, 10, 5])]
    let t = now - random.int64(in: Self.minute...(5 * Self.day))
    let image = imageFor(Workload.Container(name, [repo]), namespace: nil, at: t)
    addContainer(pod: -1, sandbox: -1, name: name, state: state, at: t, image: image)
  }

  /// Log directories of pods gone from both the API and the runtime.
  private mutating func addOrphanLogDirs() {
    for _ in 0..<random.int(in: 0...3) {
      let workload = random.pick(profile.workloads)
      let namespace = random.pick(workload.namespaces)
      podLogDirs.append("\(namespace)_\(workload.app)-\(random.nameSuffix(5))_\(random.uuid())")
    }
  }

  // MARK: Images

  private mutating func slot(_ catalogIndex: Int) -> Int {
    let known = slots[catalogIndex]
    if known >= 0 { return Int(known) }
    let image = catalog.images[catalogIndex]
    // An admin occasionally pins an image by hand (a containerd label).
    let pinned = image.pinned || random.permille(15)
    images.append(Image(id: image.id, repoTags: image.repoTags, repoDigests: image.repoDigests, sizeBytes: image.sizeBytes, pinned: pinned))
    slots[catalogIndex] = Int32(images.count - 1)
    return images.count - 1
  }

  private mutating func lag(_ repo: ImageRepo) -> Int {
    let known = lags[repo.rawValue]
    if known >= 0 { return Int(known) }
    let lag = [0, 1, 2][random.weighted([80, 15, 5])]
    lags[repo.rawValue] = Int8(lag)
    return lag
  }

  /// The image a container of `spec` runs on this node, recorded as used.
  private mutating func imageFor(_ spec: Workload.Container, namespace: String?, at t: Int64, olderBy: Int = 0) -> String {
    let index: Int
    if spec.localPercent > 0, !localImages.isEmpty, random.percent(spec.localPercent) {
      index = random.pick(localImages)
    } else {
      let repo = spec.repos.count == 1 ? spec.repos[0] : random.pick(spec.repos)
      let versions = catalog.versions(of: repo)
      let version = max(0, versions.count - 1 - lag(repo) - olderBy)
      index = slot(versions.lowerBound + version)
    }
    use(index, namespace: namespace, at: t)
    return images[index].id
  }

  private mutating func use(_ index: Int, namespace: String?, at t: Int64) {
    images[index].firstUse = min(images[index].firstUse, t)
    if let namespace { record(namespace, for: index) }
  }

  private mutating func record(_ namespace: String, for index: Int) {
    if !images[index].namespaces.contains(namespace) { images[index].namespaces.append(namespace) }
  }

  /// An image no container uses any more, last used some time ago.
  private mutating func stale(_ index: Int) {
    guard images[index].firstUse == .max else { return }
    images[index].lastUse = max(images[index].lastUse, now - random.int64(in: Self.hour...(45 * Self.day)))
  }

  /// Earlier versions of what the node runs, left behind by rollouts.
  private mutating func addStaleVersions() {
    for repo in ImageRepo.allCases {
      let versions = catalog.versions(of: repo)
      guard let newest = versions.last(where: { slots[$0] >= 0 }), newest > versions.lowerBound, random.percent(30) else { continue }
      let namespaces = images[Int(slots[newest])].namespaces
      for older in stride(from: newest - 1, through: max(versions.lowerBound, newest - random.int(in: 1...2)), by: -1) {
        let index = slot(older)
        stale(index)
        for namespace in namespaces { record(namespace, for: index) }
      }
    }
  }

  private static let projects = [
    "web/storefront", "platform/api-gateway", "data/etl", "mobile/backend", "infra/terraform-runner",
    "ml/feature-store", "payments/ledger", "search/indexer",
  ]
  private static let branches = ["main", "develop", "release-2024-11", "feature-checkout-v2", "renovate-deps", "hotfix-1432"]

  /// Images only this node has: CI projects' own images, fine-tuned models.
  private mutating func makeLocalImages() {
    let (count, megabytes) = profile.localImages
    for _ in 0..<random.int(in: count) {
      let repo: String
      var tags: [String] = []
      switch profile {
      case .ciRunner:
        repo = "registry.gitlab.example.com/\(random.pick(Self.projects))/ci"
        // A pushed build is tagged by branch and commit; an intermediate
        // stage or a retagged build has no tag left.
        if random.percent(65) {
          let branch = random.pick(Self.branches)
          tags.append("\(repo):\(branch)-\(random.hex(8))")
          if random.percent(20) { tags.append("\(repo):\(branch)") }
        }
      case .ml:
        repo = "europe-docker.pkg.dev/acme-ml/images/finetuned-" + random.pick(["llama", "bert", "resnet", "whisper"])
        if random.percent(40) { tags.append("\(repo):run-\(random.int(in: 100...9_999))") }
      default:
        repo = "ghcr.io/acme/adhoc-" + random.pick(["backfill", "migration", "export"])
        tags.append("\(repo):\(random.hex(7))")
      }
      let size = Int64(random.int(in: megabytes)) * 1_000_000 + Int64(random.below(1_000_000))
      images.append(
        Image(id: random.imageID(), repoTags: tags, repoDigests: ["\(repo)@sha256:" + random.hex(64)], sizeBytes: size, pinned: false))
      localImages.append(images.count - 1)
      stale(images.count - 1)
    }
  }

  /// The kubelet's records of each image: first detection and last use.
  private mutating func finishImages() {
    for i in images.indices {
      var image = images[i]
      let inUse = image.firstUse != .max
      let pulled: Int64
      if inUse {
        // The kubelet marks every image a container uses at each detection
        // pass (every few minutes), exited containers included.
        image.lastUsedAt = now - random.int64(in: 0...(5 * Self.minute))
        pulled = image.firstUse - random.int64(in: (2 * Self.second)...(10 * Self.minute))
      } else {
        image.lastUsedAt = image.lastUse
        pulled = image.lastUse - random.int64(in: Self.hour...(30 * Self.day))
      }
      var detected = pulled
      if let started = kubeletStartedAt, started > pulled {
        // A restarted kubelet detects what is on disk at its first pass,
        // and has forgotten when images were last used before that
        // (unless the collector carried the time forward).
        detected = started + random.int64(in: Self.second...(90 * Self.second))
        if !inUse && random.percent(75) { image.lastUsedAt = nil }
      }
      image.firstDetectedAt = min(detected, now)
      if let last = image.lastUsedAt, let first = image.firstDetectedAt, last < first { image.lastUsedAt = first }
      if !inUse && random.percent(5) { image.lastUsedAt = nil }  // never used since detected
      if random.percent(3) { image.firstDetectedAt = nil }
      image.namespaces.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      images[i] = image
    }
  }

  /// Capacity and free bytes of the image filesystem: room for the images
  /// and more, or, on a node whose disk is nearly full, above the bundled
  /// policy's high threshold.
  private mutating func sizeImageFs() {
    var imageBytes: Int64 = 0
    for image in images { imageBytes += image.sizeBytes }
    let full = random.percent(profile.fullDiskPercent)
    let disks = profile.diskGiB
    var disk = random.below(disks.count)
    // Filesystem overhead: a little less than the disk.
    func capacity(_ gib: Int) -> Int64 { Int64(gib) << 30 / 1000 * 975 / 4096 * 4096 }
    while disk + 1 < disks.count, imageBytes > capacity(disks[disk]) / 100 * (full ? 75 : 55) { disk += 1 }
    let total = capacity(disks[disk])
    let usedPercent: Int64
    if full {
      usedPercent = Int64(random.int(in: 81...97))
    } else {
      let floor = min(79, imageBytes * 100 / max(total, 1) + Int64(random.int(in: 4...20)))
      usedPercent = max(floor, Int64(random.int(in: 20...60)))
    }
    let used = max(imageBytes, total / 100 * usedPercent + Int64(random.below(1 << 30)))
    imageFs = (total, max(0, total - used) / 4096 * 4096)
  }
}
