/// Where a command's output bytes go: standard output, a file, or, in tests,
/// memory. Writers of reports take one, so that every format is tested in
/// process, a failing output included.
public protocol ByteSink: AnyObject {
  /// Writes all of `bytes`, or throws naming the output.
  func write(_ bytes: [UInt8]) throws(FileSystem.Failure)
}

extension ByteSink {
  /// Writes a string's UTF-8 bytes.
  public func write(_ text: String) throws(FileSystem.Failure) { try write(Array(text.utf8)) }
}

/// An open file descriptor (1 for standard output), written unbuffered:
/// what is written has left the process when `write` returns.
public final class FileDescriptorSink: ByteSink {
  public let fd: Int32
  /// How messages name this output (`stdout`, a path).
  public let name: String

  public init(fd: Int32, name: String) {
    self.fd = fd
    self.name = name
  }

  public func write(_ bytes: [UInt8]) throws(FileSystem.Failure) {
    try FileSystem.write(bytes, to: fd, name: name)
  }
}

/// Gathers small writes into large ones (one system call per manifest would
/// cost more than writing it); `flush` hands on what is held.
public final class BufferedSink: ByteSink {
  private let target: ByteSink
  private let limit: Int
  private var buffer: [UInt8] = []

  public init(_ target: ByteSink, limit: Int = 1 << 20) {
    self.target = target
    self.limit = limit
    buffer.reserveCapacity(limit)
  }

  public func write(_ bytes: [UInt8]) throws(FileSystem.Failure) {
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit { try flush() }
  }

  /// Writes out everything held.
  public func flush() throws(FileSystem.Failure) {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    try target.write(buffer)
  }
}

/// Output kept in memory: for tests, and for callers that want the bytes.
/// With `failAfter`, every write after that many bytes fails as a full disk
/// would.
public final class MemorySink: ByteSink {
  public private(set) var bytes: [UInt8] = []
  public let failAfter: Int?
  /// How many writes were made (the streaming tests count them).
  public private(set) var writes = 0

  public init(failAfter: Int? = nil) { self.failAfter = failAfter }

  public func write(_ bytes: [UInt8]) throws(FileSystem.Failure) {
    if let failAfter, self.bytes.count + bytes.count > failAfter {
      throw FileSystem.Failure(path: "memory", reason: "No space left on device")
    }
    writes += 1
    self.bytes += bytes
  }

  /// The bytes as UTF-8 text.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}
