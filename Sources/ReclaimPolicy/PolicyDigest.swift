import Crypto
import ReclaimCore

extension CompiledPolicy {
  /// `sha256:` and the lowercase hex SHA-256 of the compact canonical JSON of
  /// the `policy` object: it names what the policy means, not how it is spelt.
  public var digest: String {
    let bytes = policyJSON.canonicalBytes(.compact)
    let hash = SHA256.hash(data: bytes)
    return "sha256:" + hash.map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
