/// The image repositories of the synthetic fleet, with the versions a fleet
/// has pulled (oldest first) and a typical size. `ImageCatalog` turns them
/// into images whose ids are the same on every node, as a registry's
/// content-addressed images are.
enum ImageRepo: Int, CaseIterable, Sendable {
  // Node plumbing.
  case pause, kubeProxy, coreDNS, calicoNode, awsNode, gkeNetd, nodeExporter, fluentBit, nodeAgent
  case ebsCSI, kubeStateMetrics, metricsServer
  // Control plane (static pods).
  case etcd, kubeAPIServer, kubeControllerManager, kubeScheduler
  // Platform services.
  case prometheus, alertmanager, grafana, loki, ingressNginx, certManager, istioProxy, istiod
  // Base and helper images.
  case busybox, alpine, distroless
  // Web.
  case nginx, shopWeb, checkout, cart, storefront, redis
  // APIs.
  case paymentsAPI, ordersAPI, searchAPI, vault, envoy, oauth2Proxy, postgres
  // Batch and cron.
  case etl, reportCron, spark, argoExec, awsCLI
  // Machine learning.
  case pytorch, triton, trainer, tensorflow, devicePlugin, cuda, notebook
  // CI.
  case runnerHelper, dind, buildkit, nodeJS, golang, maven, python, ciToolbox

  /// The repository, as it appears before `:` in a tag and `@` in a digest.
  var name: String {
    switch self {
    case .pause: "registry.k8s.io/pause"
    case .kubeProxy: "registry.k8s.io/kube-proxy"
    case .coreDNS: "registry.k8s.io/coredns/coredns"
    case .calicoNode: "docker.io/calico/node"
    case .awsNode: "602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni"
    case .gkeNetd: "gke.gcr.io/netd"
    case .nodeExporter: "quay.io/prometheus/node-exporter"
    case .fluentBit: "cr.fluentbit.io/fluent/fluent-bit"
    case .nodeAgent: "registry.example.com/node-agents/datadog-agent"
    case .ebsCSI: "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver"
    case .kubeStateMetrics: "registry.k8s.io/kube-state-metrics/kube-state-metrics"
    case .metricsServer: "registry.k8s.io/metrics-server/metrics-server"
    case .etcd: "registry.k8s.io/etcd"
    case .kubeAPIServer: "registry.k8s.io/kube-apiserver"
    case .kubeControllerManager: "registry.k8s.io/kube-controller-manager"
    case .kubeScheduler: "registry.k8s.io/kube-scheduler"
    case .prometheus: "quay.io/prometheus/prometheus"
    case .alertmanager: "quay.io/prometheus/alertmanager"
    case .grafana: "docker.io/grafana/grafana"
    case .loki: "docker.io/grafana/loki"
    case .ingressNginx: "registry.k8s.io/ingress-nginx/controller"
    case .certManager: "quay.io/jetstack/cert-manager-controller"
    case .istioProxy: "docker.io/istio/proxyv2"
    case .istiod: "docker.io/istio/pilot"
    case .busybox: "docker.io/library/busybox"
    case .alpine: "docker.io/library/alpine"
    case .distroless: "gcr.io/distroless/static"
    case .nginx: "docker.io/library/nginx"
    case .shopWeb: "ghcr.io/acme/shop-web"
    case .checkout: "ghcr.io/acme/checkout"
    case .cart: "ghcr.io/acme/cart"
    case .storefront: "ghcr.io/acme/storefront-ssr"
    case .redis: "docker.io/library/redis"
    case .paymentsAPI: "ghcr.io/acme/payments-api"
    case .ordersAPI: "ghcr.io/acme/orders-api"
    case .searchAPI: "ghcr.io/acme/search-api"
    case .vault: "docker.io/hashicorp/vault"
    case .envoy: "docker.io/envoyproxy/envoy"
    case .oauth2Proxy: "quay.io/oauth2-proxy/oauth2-proxy"
    case .postgres: "docker.io/library/postgres"
    case .etl: "ghcr.io/acme/etl"
    case .reportCron: "ghcr.io/acme/report-cron"
    case .spark: "docker.io/apache/spark"
    case .argoExec: "quay.io/argoproj/argoexec"
    case .awsCLI: "docker.io/amazon/aws-cli"
    case .pytorch: "nvcr.io/nvidia/pytorch"
    case .triton: "nvcr.io/nvidia/tritonserver"
    case .trainer: "europe-docker.pkg.dev/acme-ml/images/trainer"
    case .tensorflow: "docker.io/tensorflow/tensorflow"
    case .devicePlugin: "nvcr.io/nvidia/k8s-device-plugin"
    case .cuda: "nvcr.io/nvidia/cuda"
    case .notebook: "quay.io/jupyter/pytorch-notebook"
    case .runnerHelper: "registry.gitlab.com/gitlab-org/gitlab-runner/gitlab-runner-helper"
    case .dind: "docker.io/library/docker"
    case .buildkit: "docker.io/moby/buildkit"
    case .nodeJS: "docker.io/library/node"
    case .golang: "docker.io/library/golang"
    case .maven: "docker.io/library/maven"
    case .python: "docker.io/library/python"
    case .ciToolbox: "ghcr.io/acme/ci-toolbox"
    }
  }

  /// Version tags, oldest first. An empty tag is a version pulled by digest
  /// only (`repoTags: []`).
  var versions: [String] {
    switch self {
    case .pause: ["3.8", "3.9", "3.10"]
    case .kubeProxy: ["v1.29.9", "v1.30.5", "v1.30.6", "v1.31.2"]
    case .coreDNS: ["v1.11.1", "v1.11.3"]
    case .calicoNode: ["v3.27.3", "v3.28.1", "v3.28.2"]
    case .awsNode: ["v1.18.3-eksbuild.1", "v1.18.5-eksbuild.1"]
    case .gkeNetd: ["v0.5.2-gke.7", "v0.5.3-gke.2"]
    case .nodeExporter: ["v1.8.1", "v1.8.2"]
    case .fluentBit: ["3.1.4", "3.1.7", "3.1.9"]
    case .nodeAgent: ["7.55.2", "7.57.0", "7.58.1"]
    case .ebsCSI: ["v1.33.0", "v1.34.0"]
    case .kubeStateMetrics: ["v2.12.0", "v2.13.0"]
    case .metricsServer: ["v0.7.1", "v0.7.2"]
    case .etcd: ["3.5.12-0", "3.5.15-0"]
    case .kubeAPIServer: ["v1.30.6", "v1.31.2"]
    case .kubeControllerManager: ["v1.30.6", "v1.31.2"]
    case .kubeScheduler: ["v1.30.6", "v1.31.2"]
    case .prometheus: ["v2.53.1", "v2.54.1", "v2.55.0"]
    case .alertmanager: ["v0.27.0"]
    case .grafana: ["11.1.0", "11.2.2"]
    case .loki: ["3.1.1", "3.2.0"]
    case .ingressNginx: ["v1.11.2", "v1.11.3"]
    case .certManager: ["v1.15.3", "v1.16.1"]
    case .istioProxy: ["1.22.3", "1.23.2", "1.23.3"]
    case .istiod: ["1.23.2", "1.23.3"]
    case .busybox: ["1.36.1", "1.37.0"]
    case .alpine: ["3.19", "3.20"]
    case .distroless: ["nonroot"]
    case .nginx: ["1.27.1", "1.27.2"]
    case .shopWeb: ["2.14.0", "2.14.2", "2.14.3", "2.15.0", "2.15.1"]
    case .checkout: ["1.8.4", "1.8.5", "1.9.0"]
    case .cart: ["0.31.0", "0.32.1"]
    case .storefront: ["", "", "", ""]
    case .redis: ["7.2.5", "7.4.1"]
    case .paymentsAPI: ["3.2.0", "3.2.1", "3.3.0", "3.3.2"]
    case .ordersAPI: ["5.0.7", "5.1.0", "5.1.1"]
    case .searchAPI: ["2024.10.1", "2024.11.2"]
    case .vault: ["1.17.3", "1.18.0"]
    case .envoy: ["v1.31.2"]
    case .oauth2Proxy: ["v7.6.0", "v7.7.1"]
    case .postgres: ["16.4", "17.0"]
    case .etl: ["0.9.12", "0.9.13", "0.10.0"]
    case .reportCron: ["", "", ""]
    case .spark: ["3.5.1", "3.5.2", "3.5.3"]
    case .argoExec: ["v3.5.10", "v3.5.11"]
    case .awsCLI: ["2.17.50", "2.18.10"]
    case .pytorch: ["24.05-py3", "24.07-py3", "24.08-py3"]
    case .triton: ["24.07-py3", "24.08-py3"]
    case .trainer: ["", "", "", "", ""]
    case .tensorflow: ["2.16.1-gpu", "2.17.0-gpu"]
    case .devicePlugin: ["v0.16.1", "v0.16.2"]
    case .cuda: ["12.4.1-base-ubuntu22.04", "12.6.1-base-ubuntu22.04"]
    case .notebook: ["2024-09-16", "2024-10-28"]
    case .runnerHelper: ["x86_64-v17.3.1", "x86_64-v17.4.0", "x86_64-v17.5.1"]
    case .dind: ["27.2-dind", "27.3-dind"]
    case .buildkit: ["v0.15.2", "v0.16.0"]
    case .nodeJS: ["20.17-bookworm", "22.9-bookworm", "22.11-bookworm"]
    case .golang: ["1.22.7", "1.23.1", "1.23.2"]
    case .maven: ["3.9.9-eclipse-temurin-21"]
    case .python: ["3.12.6", "3.12.7", "3.13.0"]
    case .ciToolbox: ["", "", "", "", "", "latest"]
    }
  }

  /// Extra tags the newest version also carries (a floating tag), so that
  /// some images have several tags. A moving `latest` leaves the versions it
  /// used to name untagged (`ciToolbox`).
  var floatingTags: [String] {
    switch self {
    case .nginx: ["1.27", "stable"]
    case .redis: ["7.4"]
    case .alpine: ["latest"]
    case .busybox: ["1.37", "latest"]
    case .python: ["3.13", "3"]
    case .golang: ["1.23"]
    case .shopWeb: ["latest"]
    case .paymentsAPI: ["3.3", "stable"]
    case .postgres: ["17"]
    default: []
    }
  }

  /// A typical size in MB (10^6 bytes); versions differ by a few percent.
  var megabytes: Int {
    switch self {
    case .pause: 1
    case .kubeProxy: 30
    case .coreDNS: 18
    case .calicoNode: 340
    case .awsNode: 65
    case .gkeNetd: 70
    case .nodeExporter: 12
    case .fluentBit: 42
    case .nodeAgent: 520
    case .ebsCSI: 48
    case .kubeStateMetrics: 17
    case .metricsServer: 20
    case .etcd: 58
    case .kubeAPIServer: 95
    case .kubeControllerManager: 88
    case .kubeScheduler: 68
    case .prometheus: 110
    case .alertmanager: 30
    case .grafana: 145
    case .loki: 80
    case .ingressNginx: 105
    case .certManager: 45
    case .istioProxy: 95
    case .istiod: 80
    case .busybox: 4
    case .alpine: 8
    case .distroless: 2
    case .nginx: 72
    case .shopWeb: 180
    case .checkout: 230
    case .cart: 120
    case .storefront: 410
    case .redis: 45
    case .paymentsAPI: 160
    case .ordersAPI: 190
    case .searchAPI: 480
    case .vault: 155
    case .envoy: 62
    case .oauth2Proxy: 28
    case .postgres: 160
    case .etl: 620
    case .reportCron: 240
    case .spark: 1_050
    case .argoExec: 40
    case .awsCLI: 150
    case .pytorch: 9_800
    case .triton: 13_500
    case .trainer: 7_200
    case .tensorflow: 3_700
    case .devicePlugin: 160
    case .cuda: 240
    case .notebook: 5_100
    case .runnerHelper: 85
    case .dind: 135
    case .buildkit: 210
    case .nodeJS: 1_100
    case .golang: 860
    case .maven: 520
    case .python: 1_020
    case .ciToolbox: 1_400
    }
  }

  /// Whether the runtime pins this repository's newest version: containerd
  /// pins its sandbox image (`pause`), which the kubelet never removes.
  var pinsNewest: Bool { self == .pause }
}
