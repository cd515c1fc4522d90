/// The kubelet's evict unit (`kuberuntime_gc.go`, `evictUnit`): the
/// evictable containers of one (pod uid, container name).
///
/// The containers themselves are stored flat, for all units together, in
/// `ContainerGC`; a unit names its slice of that list.
struct EvictUnit {
  /// The pod id (`SnapshotIndex.containerPod`).
  var pod: Int
  /// The namespace its oldest container counts in (`NamespacePolicies.none`
  /// for none): the containers of one pod agree in practice.
  var namespace: Int
  /// Its containers, oldest first: a range of `ContainerGC`'s member list.
  var members: Range<Int>
}
