import ReclaimTestSupport

/// The tests' one seeded generator, under the name the engine suites use.
typealias SeededGenerator = SeededRandom
