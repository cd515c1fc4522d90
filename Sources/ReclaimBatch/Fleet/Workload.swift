/// One kind of pod a node runs: its namespace, how its pods are named and
/// live, and its containers with the images they run.
struct Workload: Sendable {
  /// The controller behind the pod: it decides the pod's name and its life.
  enum Kind: Sendable {
    /// `web-7d9f8c6b5-x2x9z`: long-running, rolled over by ReplicaSets.
    case deployment
    /// `fluent-bit-x2x9z`: one per node, started with the node.
    case daemonSet
    /// `redis-0`: long-running, ordinal names.
    case statefulSet
    /// `etl-x2x9z`: runs to completion.
    case job
    /// `report-29593800-x2x9z`: a Job of a CronJob, named by its schedule minute.
    case cronJob
    /// `etcd-<node>`: a static pod from the kubelet's manifest directory;
    /// its uid is a 32-hex config hash, not a UUID.
    case staticPod
    /// `runner-abcd1234-project-4711-concurrent-0-x2x9z`: a CI runner's job pod.
    case ciJob

    /// Whether pods of this kind run to completion.
    var runsToCompletion: Bool {
      switch self {
      case .job, .cronJob, .ciJob: true
      case .deployment, .daemonSet, .statefulSet, .staticPod: false
      }
    }
  }

  /// A container of the pod spec.
  struct Container: Sendable {
    var name: String
    /// One is chosen per pod (a CI job's image is the project's choice).
    var repos: [ImageRepo]
    var isInit: Bool
    /// Percent of pods whose container runs a node-local image instead (a
    /// project's own CI image, a fine-tuned model), when the node has one.
    var localPercent: Int
    /// Percent of pods that have this container at all (a CI job's
    /// service containers come and go with the job's definition).
    var presentPercent: Int

    init(_ name: String, _ repos: [ImageRepo], isInit: Bool = false, localPercent: Int = 0, presentPercent: Int = 100) {
      self.name = name
      self.repos = repos
      self.isInit = isInit
      self.localPercent = localPercent
      self.presentPercent = presentPercent
    }

    static func main(_ name: String, _ repo: ImageRepo) -> Container { Container(name, [repo]) }
    static func initContainer(_ name: String, _ repo: ImageRepo) -> Container { Container(name, [repo], isInit: true) }
  }

  var app: String
  var kind: Kind
  /// One is chosen per pod.
  var namespaces: [String]
  var containers: [Container]
  /// How often this workload is chosen among its profile's others.
  var weight: Int

  init(_ app: String, _ kind: Kind, _ namespaces: [String], weight: Int = 1, _ containers: [Container]) {
    self.app = app
    self.kind = kind
    self.namespaces = namespaces
    self.containers = containers
    self.weight = weight
  }
}
