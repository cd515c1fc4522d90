/// What a synthetic node is for. Each profile has the workloads, pod
/// counts, images and disks of one kind of node in a real fleet.
public enum NodeProfile: String, CaseIterable, Sendable, Hashable {
  /// CI runners: hundreds of dead containers of finished job pods, many
  /// node-local project images, the image filesystem often nearly full.
  case ciRunner = "ci-runner"
  /// Web front ends: deployments with service-mesh sidecars, rollovers.
  case web
  /// API services: deployments with several sidecars, crash loops.
  case api
  /// Batch and cron: many finished, deleted and evicted job pods.
  case batch
  /// System-heavy nodes: control-plane static pods, monitoring, logging,
  /// containers started outside the kubelet.
  case system
  /// Machine learning: few pods, few huge images, large disks often full.
  case ml

  /// Share of the fleet, in percent.
  var weight: Int {
    switch self {
    case .ciRunner: 15
    case .web: 24
    case .api: 22
    case .batch: 15
    case .system: 12
    case .ml: 12
    }
  }

  /// The node pool's name, as it appears in a node name.
  var pool: String {
    switch self {
    case .ciRunner: "ci-runners"
    case .web: "web"
    case .api: "general"
    case .batch: "batch-spot"
    case .system: "system"
    case .ml: "gpu-a100"
    }
  }

  /// Long-running pods besides the daemon sets.
  var servingPods: ClosedRange<Int> {
    switch self {
    case .ciRunner: 1...3
    case .web: 8...24
    case .api: 6...20
    case .batch: 1...4
    case .system: 12...30
    case .ml: 1...4
    }
  }

  /// Job pods (running, finished, or gone from the API but not the runtime).
  var jobPods: ClosedRange<Int> {
    switch self {
    case .ciRunner: 40...110
    case .web: 0...2
    case .api: 0...4
    case .batch: 15...55
    case .system: 0...3
    case .ml: 2...10
    }
  }

  /// How far back job pods started, in seconds.
  var jobWindow: ClosedRange<Int64> {
    switch self {
    case .ciRunner: 120...(2 * 86_400)
    case .batch: 300...(7 * 86_400)
    case .ml: 3_600...(10 * 86_400)
    default: 600...(3 * 86_400)
    }
  }

  /// Percent of long-running pods that crash-loop.
  var crashLoopPercent: Int {
    switch self {
    case .api: 6
    case .web: 3
    default: 2
    }
  }

  /// Node-local images (a CI project's own images, fine-tuned models): how
  /// many, and their size in MB.
  var localImages: (count: ClosedRange<Int>, megabytes: ClosedRange<Int>) {
    switch self {
    case .ciRunner: (8...40, 250...3_200)
    case .ml: (0...3, 6_000...22_000)
    case .batch: (0...2, 200...900)
    default: (0...0, 1...1)
    }
  }

  /// Percent of nodes whose image filesystem is nearly full (over the
  /// bundled policy's 80 % high threshold).
  var fullDiskPercent: Int {
    switch self {
    case .ciRunner: 35
    case .ml: 40
    case .batch: 15
    default: 6
    }
  }

  /// Disk sizes in GiB, smallest first.
  var diskGiB: [Int] {
    switch self {
    case .ciRunner: [100, 200, 500]
    case .ml: [500, 1_000, 2_000]
    case .system: [50, 100]
    default: [80, 100, 200]
    }
  }

  /// Containers the kubelet did not create (no pod fields).
  var unlabelledContainers: ClosedRange<Int> {
    switch self {
    case .ciRunner: 1...6
    case .system: 1...4
    default: 0...1
    }
  }

  /// Percent of nodes that run the control plane's static pods.
  var controlPlanePercent: Int { self == .system ? 60 : 0 }

  /// The profile's own daemon sets, besides the cluster's.
  var daemonSets: [Workload] {
    switch self {
    case .ml:
      [Workload("nvidia-device-plugin-daemonset", .daemonSet, ["gpu-operator"], [.main("nvidia-device-plugin-ctr", .devicePlugin)])]
    case .web, .api:
      [Workload("istio-cni-node", .daemonSet, ["istio-system"], [.main("install-cni", .istioProxy)])]
    default: []
    }
  }

  /// The profile's long-running and job workloads.
  var workloads: [Workload] {
    switch self {
    case .ciRunner: Self.ciWorkloads
    case .web: Self.webWorkloads
    case .api: Self.apiWorkloads
    case .batch: Self.batchWorkloads
    case .system: Self.systemWorkloads
    case .ml: Self.mlWorkloads
    }
  }

  private static let toolchains: [ImageRepo] = [.golang, .nodeJS, .python, .maven, .ciToolbox, .alpine]

  private static let ciWorkloads: [Workload] = [
    Workload(
      "runner", .ciJob, ["ci-runners", "gitlab-runner"], weight: 6,
      [
        .initContainer("init-permissions", .runnerHelper),
        Workload.Container("build", toolchains, localPercent: 45),
        .main("helper", .runnerHelper),
        Workload.Container("svc-0", [.dind], presentPercent: 40),
      ]),
    Workload(
      "buildkite", .ciJob, ["buildkite"], weight: 3,
      [.initContainer("checkout", .alpine), Workload.Container("container-0", toolchains, localPercent: 35), .main("agent", .runnerHelper)]),
    Workload("build", .ciJob, ["ci-build"], weight: 3, [Workload.Container("build", toolchains, localPercent: 60), .main("buildkit", .buildkit)]),
    Workload("gitlab-runner", .deployment, ["gitlab-runner"], [.main("gitlab-runner", .runnerHelper)]),
    Workload("buildkitd", .statefulSet, ["ci-build"], [.main("buildkitd", .buildkit)]),
  ]

  private static let webWorkloads: [Workload] = [
    Workload(
      "shop-web", .deployment, ["prod-shop", "shop"], weight: 5,
      [.initContainer("istio-init", .istioProxy), .main("shop-web", .shopWeb), .main("istio-proxy", .istioProxy)]),
    Workload(
      "checkout", .deployment, ["prod-shop", "shop-a"], weight: 3,
      [.initContainer("istio-init", .istioProxy), .main("checkout", .checkout), .main("istio-proxy", .istioProxy)]),
    Workload("cart", .deployment, ["shop", "shop-b"], weight: 3, [.main("cart", .cart), .main("istio-proxy", .istioProxy)]),
    Workload("storefront-ssr", .deployment, ["frontend"], weight: 3, [.main("storefront", .storefront), .main("nginx", .nginx)]),
    Workload("ingress-nginx-controller", .deployment, ["ingress-nginx"], [.main("controller", .ingressNginx)]),
    Workload("redis", .statefulSet, ["shop", "prod-shop"], weight: 2, [.initContainer("config", .busybox), .main("redis", .redis)]),
    Workload("static-site", .deployment, ["default", "frontend"], weight: 2, [.main("nginx", .nginx)]),
    Workload("oauth2-proxy", .deployment, ["frontend"], [.main("oauth2-proxy", .oauth2Proxy)]),
    Workload("sitemap", .cronJob, ["frontend"], [.main("sitemap", .storefront)]),
  ]

  private static let apiWorkloads: [Workload] = [
    Workload(
      "payments-api", .deployment, ["prod-payments"], weight: 4,
      [
        .initContainer("vault-agent-init", .vault), .initContainer("istio-init", .istioProxy),
        .main("payments-api", .paymentsAPI), .main("vault-agent", .vault), .main("istio-proxy", .istioProxy),
      ]),
    Workload(
      "orders-api", .deployment, ["prod-orders", "staging-prod-mirror"], weight: 4,
      [.initContainer("migrate", .ordersAPI), .main("orders-api", .ordersAPI), .main("envoy", .envoy)]),
    Workload("search-api", .deployment, ["prod-search"], weight: 2, [.main("search-api", .searchAPI), .main("istio-proxy", .istioProxy)]),
    Workload(
      "postgres", .statefulSet, ["prod-payments", "prod-orders"],
      [.initContainer("init-permissions", .busybox), .main("postgres", .postgres)]),
    Workload("api-gateway", .deployment, ["api"], weight: 2, [.main("envoy", .envoy)]),
    Workload("oauth2-proxy", .deployment, ["api"], [.main("oauth2-proxy", .oauth2Proxy)]),
    Workload("cert-manager", .deployment, ["cert-manager"], [.main("cert-manager-controller", .certManager)]),
    Workload("orders-reindex", .cronJob, ["prod-orders"], [.main("reindex", .ordersAPI)]),
  ]

  private static let batchWorkloads: [Workload] = [
    Workload("report", .cronJob, ["prod-reports", "batch"], weight: 3, [.main("report", .reportCron)]),
    Workload("etl", .job, ["data-pipelines", "batch"], weight: 4, [.initContainer("wait-for-db", .busybox), .main("etl", .etl)]),
    Workload("db-backup", .cronJob, ["prod-payments", "batch"], weight: 2, [.main("pg-dump", .postgres), .main("upload", .awsCLI)]),
    Workload("spark-exec", .job, ["data-pipelines"], weight: 3, [.main("spark-kubernetes-executor", .spark)]),
    Workload(
      "workflow", .job, ["argo"], weight: 3,
      [.initContainer("init", .argoExec), Workload.Container("main", [.python, .alpine, .awsCLI], localPercent: 20), .main("wait", .argoExec)]),
    Workload("s3-cleanup", .cronJob, ["batch"], [.main("aws-cli", .awsCLI)]),
    Workload("etl-scheduler", .deployment, ["data-pipelines"], [.main("scheduler", .etl)]),
    Workload("argo-server", .deployment, ["argo"], [.main("argo-server", .argoExec)]),
  ]

  private static let systemWorkloads: [Workload] = [
    Workload("coredns", .deployment, ["kube-system"], weight: 3, [.main("coredns", .coreDNS)]),
    Workload("metrics-server", .deployment, ["kube-system"], [.main("metrics-server", .metricsServer)]),
    Workload("kube-state-metrics", .deployment, ["monitoring"], [.main("kube-state-metrics", .kubeStateMetrics)]),
    Workload(
      "prometheus-k8s", .statefulSet, ["monitoring"], weight: 2,
      [.initContainer("init-config-reloader", .busybox), .main("prometheus", .prometheus), .main("config-reloader", .busybox)]),
    Workload("alertmanager-main", .statefulSet, ["monitoring"], [.main("alertmanager", .alertmanager)]),
    Workload("grafana", .deployment, ["monitoring"], [.initContainer("init-chown-data", .busybox), .main("grafana", .grafana)]),
    Workload("loki", .statefulSet, ["logging"], weight: 2, [.main("loki", .loki)]),
    Workload("istiod", .deployment, ["istio-system"], [.main("discovery", .istiod)]),
    Workload("cert-manager", .deployment, ["cert-manager"], [.main("cert-manager-controller", .certManager)]),
    Workload("ingress-nginx-controller", .deployment, ["ingress-nginx"], [.main("controller", .ingressNginx)]),
    Workload("etcd-defrag", .cronJob, ["kube-system"], [.main("defrag", .etcd)]),
  ]

  /// Control-plane static pods (`controlPlanePercent` of system nodes).
  static let controlPlane: [Workload] = [
    Workload("etcd", .staticPod, ["kube-system"], [.main("etcd", .etcd)]),
    Workload("kube-apiserver", .staticPod, ["kube-system"], [.main("kube-apiserver", .kubeAPIServer)]),
    Workload("kube-controller-manager", .staticPod, ["kube-system"], [.main("kube-controller-manager", .kubeControllerManager)]),
    Workload("kube-scheduler", .staticPod, ["kube-system"], [.main("kube-scheduler", .kubeScheduler)]),
  ]

  private static let mlWorkloads: [Workload] = [
    Workload(
      "trainer", .job, ["ml-training"], weight: 3,
      [.initContainer("fetch-dataset", .awsCLI), Workload.Container("trainer", [.trainer, .pytorch], localPercent: 30)]),
    Workload("finetune", .job, ["ml-training"], weight: 2, [Workload.Container("pytorch", [.pytorch], localPercent: 40)]),
    Workload("triton", .deployment, ["ml-serving"], weight: 2, [.main("tritonserver", .triton), .main("model-sync", .awsCLI)]),
    Workload("jupyter", .statefulSet, ["jupyter"], weight: 2, [.main("notebook", .notebook)]),
    Workload("tf-eval", .job, ["ml-training"], [.main("tensorflow", .tensorflow)]),
    Workload("cuda-validator", .job, ["gpu-operator"], [.main("cuda-validation", .cuda)]),
  ]
}
