// swift-tools-version:6.0
import PackageDescription

// The targets follow the data's path: C wrapper → policy → inventory → engine →
// manifest → batch, with a thin `reclaim` executable on top. `ReclaimCore` holds
// the value types and primitives every stage shares (diagnostics, time,
// durations, globs, canonical JSON, the compiled policy), so that the engine
// depends on neither YAML nor file I/O.
let package = Package(
  name: "Reclaim",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "reclaim", targets: ["reclaim"]),
    .library(name: "ReclaimBatch", targets: ["ReclaimBatch"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    .systemLibrary(
      name: "CYAML",
      pkgConfig: "yaml-0.1",
      providers: [.apt(["libyaml-dev"])]
    ),
    .target(name: "ReclaimCore"),
    // Files in and out: the one directory walk, whole-file reads, atomic
    // writes and output sinks, shared by the policy loader and the batch runner.
    .target(name: "ReclaimIO", dependencies: ["ReclaimCore"]),
    .target(name: "ReclaimYAML", dependencies: ["CYAML", "ReclaimCore"]),
    .target(
      name: "ReclaimPolicy",
      dependencies: [
        "ReclaimCore", "ReclaimYAML", "ReclaimIO",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(name: "ReclaimInventory", dependencies: ["ReclaimCore"]),
    // Real nodes in: crictl and kubelet captures decoded on the JSON tree
    // builder and mapped to a snapshot (docs/capture.md).
    .target(name: "ReclaimImport", dependencies: ["ReclaimCore", "ReclaimInventory", "ReclaimIO"]),
    .target(name: "ReclaimEngine", dependencies: ["ReclaimCore", "ReclaimInventory"]),
    .target(name: "ReclaimManifest", dependencies: ["ReclaimCore", "ReclaimInventory", "ReclaimEngine"]),
    .target(
      name: "ReclaimBatch",
      dependencies: [
        "ReclaimCore", "ReclaimIO", "ReclaimPolicy", "ReclaimInventory", "ReclaimEngine", "ReclaimManifest",
      ]
    ),
    .executableTarget(
      name: "reclaim",
      dependencies: [
        "ReclaimBatch", "ReclaimPolicy", "ReclaimCore", "ReclaimIO", "ReclaimImport",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      // A fleet run allocates and frees millions of small strings and arrays;
      // jemalloc (Debian libjemalloc-dev) does that about a tenth faster
      // end to end than glibc's allocator (docs/performance.md).
      linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux]))]
    ),
    .executableTarget(
      name: "reclaim-bench",
      dependencies: ["ReclaimInventory", "ReclaimCore", "ReclaimEngine", "ReclaimPolicy", "ReclaimManifest"]),
    // What every test target shares: the repository root, the seeded
    // generator, golden files.
    .target(name: "ReclaimTestSupport", path: "Tests/ReclaimTestSupport"),
    .testTarget(name: "ReclaimCoreTests", dependencies: ["ReclaimCore", "ReclaimTestSupport"]),
    .testTarget(name: "ReclaimPolicyTests", dependencies: ["ReclaimPolicy", "ReclaimYAML", "ReclaimCore", "ReclaimTestSupport"]),
    .testTarget(name: "ReclaimInventoryTests", dependencies: ["ReclaimInventory", "ReclaimCore", "ReclaimTestSupport"]),
    .testTarget(
      name: "ReclaimImportTests",
      dependencies: ["ReclaimImport", "ReclaimInventory", "ReclaimCore", "ReclaimBatch", "ReclaimIO", "ReclaimTestSupport"]
    ),
    .testTarget(
      name: "ReclaimEngineTests",
      dependencies: [
        "ReclaimEngine", "ReclaimInventory", "ReclaimCore", "ReclaimPolicy", "ReclaimManifest", "ReclaimTestSupport",
      ]
    ),
    .testTarget(
      name: "ReclaimBatchTests",
      dependencies: [
        "ReclaimBatch", "ReclaimIO", "ReclaimManifest", "ReclaimPolicy", "ReclaimYAML", "ReclaimCore", "ReclaimInventory",
        "ReclaimEngine", "ReclaimImport", "ReclaimTestSupport",
      ]
    ),
  ],
  swiftLanguageModes: [.v6]
)
