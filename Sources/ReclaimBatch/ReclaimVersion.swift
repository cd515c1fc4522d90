/// The version `reclaim --version` prints.
public enum ReclaimVersion {
  public static let current = "0.1.0"
}
