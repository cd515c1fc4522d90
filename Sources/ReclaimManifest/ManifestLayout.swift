import ReclaimCore

/// The constant parts of every manifest Reclaim writes.
public enum ManifestFormat {
  public static let apiVersion = "reclaim.dev/v1"
  public static let manifestKind = "DeletionManifest"
  public static let summaryKind = "FleetSummary"
}
