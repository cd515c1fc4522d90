/// One cluster of the synthetic fleet: where it runs, how its nodes are
/// named, and the daemon sets every one of its nodes runs.
struct Cluster: Sendable {
  enum Provider: CaseIterable, Sendable {
    case eks, gke, aks, onPremises
  }

  var provider: Provider
  var name: String
  var region: String
  /// EKS: the VPC's second octet, a multiple of 16 (nodes fill the /12 below it).
  var octet: Int
  /// GKE: the instance group hash; AKS: the cluster's numeric id.
  var tag: String
  var daemonSets: [Workload]

  private static let names = ["prod-eu", "prod-us", "staging", "platform", "shared", "data", "edge"]

  init(random: inout FleetRandom, index: Int) {
    provider = random.pick(Provider.allCases)
    name = Self.names[index % Self.names.count] + (index >= Self.names.count ? String(index / Self.names.count + 1) : "")
    switch provider {
    case .eks: region = random.pick(["eu-west-1", "us-east-1", "us-west-2", "ap-southeast-2"])
    case .gke: region = random.pick(["europe-west4", "us-central1", "asia-northeast1"])
    case .aks: region = random.pick(["westeurope", "eastus2"])
    case .onPremises: region = random.pick(["fra1", "ams2", "dal3"])
    }
    octet = random.below(16) * 16
    tag = provider == .aks ? String(10_000_000 + random.below(90_000_000)) : random.hex(8)
    var daemons: [Workload] = [
      Workload("kube-proxy", .daemonSet, ["kube-system"], [.main("kube-proxy", .kubeProxy)]),
      Workload("node-exporter", .daemonSet, ["monitoring"], [.main("node-exporter", .nodeExporter)]),
      Workload("fluent-bit", .daemonSet, ["logging"], [.main("fluent-bit", .fluentBit)]),
    ]
    switch provider {
    case .eks:
      daemons.append(
        Workload("aws-node", .daemonSet, ["kube-system"], [.initContainer("aws-vpc-cni-init", .awsNode), .main("aws-node", .awsNode)]))
      daemons.append(
        Workload(
          "ebs-csi-node", .daemonSet, ["kube-system"],
          [.main("ebs-plugin", .ebsCSI), .main("node-driver-registrar", .ebsCSI), .main("liveness-probe", .ebsCSI)]))
    case .gke:
      daemons.append(Workload("netd", .daemonSet, ["kube-system"], [.main("netd", .gkeNetd)]))
    case .aks, .onPremises:
      daemons.append(
        Workload("calico-node", .daemonSet, ["calico-system"], [.initContainer("install-cni", .calicoNode), .main("calico-node", .calicoNode)]))
    }
    if random.percent(50) {
      daemons.append(Workload("datadog-agent", .daemonSet, ["datadog"], [.main("agent", .nodeAgent), .main("trace-agent", .nodeAgent)]))
    }
    daemonSets = daemons
  }

  /// A node name as the provider forms it. `unique` (below 2^20) is the
  /// node's own number, written whole into every style, so two nodes of
  /// one fleet never share a name: the styles' prefixes differ, and within
  /// a style the unique part differs.
  func nodeName(unique: Int, pool: String) -> String {
    switch provider {
    case .eks:
      let host = "ip-10-\(octet + unique >> 16)-\(unique >> 8 & 0xFF)-\(unique & 0xFF)"
      return region == "us-east-1" ? host + ".ec2.internal" : host + ".\(region).compute.internal"
    case .gke:
      return "gke-\(name)-\(pool)-\(tag)-" + FleetRandom.base36(unique, width: 4)
    case .aks:
      return "aks-\(pool.filter { $0 != "-" })-\(tag)-vmss" + FleetRandom.base36(unique, width: 6)
    case .onPremises:
      return "k8s-\(pool)-" + FleetRandom.base36(unique, width: 4) + ".\(region).example.net"
    }
  }
}
