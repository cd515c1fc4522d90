import Foundation
import Testing

/// Streaming as a user meets it: pipes, full disks, interrupts and memory,
/// through the built executable.
@Suite struct StreamingCLITests {
  static let policy = CLI.fixture("fixtures/spec-examples/policy.yaml").path

  /// Runs `reclaim` with the given file descriptors as stdin/stdout/stderr
  /// (`posix_spawn`: any descriptor, `/dev/full` or a pipe without reader
  /// included); returns its exit status, or 128 + the signal that ended it.
  static func spawn(_ arguments: [String], stdin: Int32, stdout: Int32, stderr: Int32) throws -> Int32 {
    let exe = try #require(CLI.executable)
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdin, 0)
    posix_spawn_file_actions_adddup2(&actions, stdout, 1)
    posix_spawn_file_actions_adddup2(&actions, stderr, 2)
    let argv = ([exe.path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, exe.path, &actions, nil, argv, environ)
    try #require(rc == 0)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    // WEXITSTATUS / WTERMSIG, spelled out: the macros are not imported.
    return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }

  /// With `-` as input, the first manifest is out before standard input is
  /// closed: the test writes one line, reads its manifest, then closes.
  @Test func manifestsAppearBeforeStandardInputCloses() throws {
    let input = String(decoding: try StreamingRunTests.fleet(2), as: UTF8.self).split(separator: "\n")
    let process = Process()
    process.executableURL = try #require(CLI.executable)
    process.arguments = ["plan", "--policy", Self.policy, "--format", "ndjson", "-"]
    process.currentDirectoryURL = CLI.root
    let stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = FileHandle.nullDevice
    try process.run()
    stdin.fileHandleForWriting.write(Data((input[0] + "\n").utf8))
    // Reads until the first line is complete; stdin is still open.
    var received = Data()
    while !received.contains(10) {
      let chunk = stdout.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      received.append(chunk)
    }
    #expect(process.isRunning)
    #expect(String(decoding: received, as: UTF8.self).contains("\"node\":\"fleet-0\""))
    stdin.fileHandleForWriting.write(Data((input[1] + "\n").utf8))
    try stdin.fileHandleForWriting.close()
    received.append(stdout.fileHandleForReading.readDataToEndOfFile())
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    #expect(String(decoding: received, as: UTF8.self).split(separator: "\n").count == 2)
  }

  /// A repeat that arrives through a pipe withdraws the earlier node's
  /// `--out` file and its counts.
  @Test func aRepeatThroughAPipeWithdrawsTheEarlierFile() throws {
    let lines = String(decoding: try StreamingRunTests.fleet(2), as: UTF8.self).split(separator: "\n")
    let out = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: out) }
    let process = Process()
    process.executableURL = try #require(CLI.executable)
    process.arguments = ["plan", "--policy", Self.policy, "--out", out.path, "-"]
    process.currentDirectoryURL = CLI.root
    let stdin = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = FileHandle.nullDevice
    process.standardError = stderr
    try process.run()
    for line in [lines[0], lines[1], lines[0]] {
      stdin.fileHandleForWriting.write(Data((line + "\n").utf8))
      // Apart in time, so that each line is its own batch.
      usleep(100_000)
    }
    try stdin.fileHandleForWriting.close()
    let errors = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 1)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("fleet-0.json").path))
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("fleet-1.json").path))
    #expect(errors.contains("-:1: $.node: node \"fleet-0\" appears more than once in this batch (also at -:3); its output was written"))
    #expect(errors.contains("-:3: $.node: node \"fleet-0\" appears more than once in this batch (also at -:1)"))
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("summary.json"))) as? [String: Any])
    #expect(summary["nodes"] as? Int == 1)
    #expect(summary["failed"] as? Int == 2)
  }

  /// A full disk and a closed pipe on standard output are exit 74.
  @Test func aFullOrClosedOutputIsExit74() throws {
    let full = open("/dev/full", O_WRONLY)
    try #require(full >= 0)
    defer { close(full) }
    let null = open("/dev/null", O_RDWR)
    defer { close(null) }
    let arguments = ["plan", "--policy", Self.policy, "--format", "ndjson", CLI.fixture("fixtures/spec-examples/node-periodic.snapshot.json").path]
    #expect(try Self.spawn(arguments, stdin: null, stdout: full, stderr: null) == 74)
    var pipeFDs: [Int32] = [0, 0]
    try #require(pipe(&pipeFDs) == 0)
    close(pipeFDs[0])
    defer { close(pipeFDs[1]) }
    #expect(try Self.spawn(arguments, stdin: null, stdout: pipeFDs[1], stderr: null) == 74)
  }

  /// SIGINT in the middle of an `--out` run leaves only whole files: no
  /// temporary file, every manifest complete JSON.
  @Test func anInterruptedRunLeavesNoPartialFile() throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("fleet.ndjson")
    try Data(try StreamingRunTests.fleet(3_000)).write(to: input)
    let out = dir.appendingPathComponent("out")
    let process = Process()
    process.executableURL = try #require(CLI.executable)
    process.arguments = ["plan", "--policy", Self.policy, "--jobs", "1", "--out", out.path, input.path]
    process.currentDirectoryURL = CLI.root
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Waits for the first manifests, then interrupts.
    for _ in 0..<200 where ((try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []).count < 20 {
      usleep(10_000)
    }
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
    #expect(!names.isEmpty)
    #expect(names.allSatisfy { !$0.hasPrefix(".") }, "\(names.filter { $0.hasPrefix(".") })")
    for name in names {
      let data = try Data(contentsOf: out.appendingPathComponent(name))
      #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is not whole")
    }
  }

  /// The high-water mark of a running process's resident size, in KiB
  /// (`VmHWM` of /proc/PID/status: the child's own address space, which
  /// `wait4`'s `ru_maxrss` is not after a vfork-style spawn from a large
  /// test process).
  static func highWaterKiB(_ pid: Int32) -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
    }
    return nil
  }

  /// Memory does not grow with the fleet: the peak resident size of a
  /// 6,000-node run stays within 1.25× that of a 1,500-node run (the higher
  /// of two), in every format and with `--out`.
  @Test(arguments: [["--format", "ndjson"], ["--format", "text"], ["--format", "json"], ["--format", "markdown"], ["--out"]])
  func memoryIsFlat(_ flags: [String]) throws {
    let dir = try CLI.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var peaks: [Int] = []
    // The smaller fleet twice, its higher mark kept: a sampled peak can
    // only read low (a run busy at its end while the sampler is not
    // scheduled), and a low baseline is what would fail the comparison.
    for (run, count) in [1_500, 1_500, 6_000].enumerated() {
      let input = dir.appendingPathComponent("fleet-\(count).ndjson")
      if !FileManager.default.fileExists(atPath: input.path) {
        try Data(try StreamingRunTests.fleet(count)).write(to: input)
      }
      let args = flags == ["--out"] ? ["--out", dir.appendingPathComponent("out-\(run)").path] : flags
      let process = Process()
      process.executableURL = try #require(CLI.executable)
      process.arguments = ["plan", "--policy", Self.policy, "--jobs", "2"] + args + [input.path]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      var peak = 0
      // The mark only rises: the last reading before exit is the peak, to
      // within what the last few milliseconds add.
      while process.isRunning {
        if let kib = Self.highWaterKiB(process.processIdentifier) { peak = max(peak, kib) }
        usleep(2_000)
      }
      #expect(process.terminationStatus == 0)
      #expect(peak > 0)
      peaks.append(peak)
    }
    let small = max(peaks[0], peaks[1])
    #expect(Double(peaks[2]) <= 1.25 * Double(small), "peak RSS \(small) KiB → \(peaks[2]) KiB")
  }
}
