#!/usr/bin/env bash
# Coverage-guided fuzzing of one of Reclaim's readers with libFuzzer under
# AddressSanitizer (docs/fuzzing.md).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options…]
#
# TARGET is a directory of Fuzz/: snapshot-reader, policy-compiler,
# compiled-policy-reader or capture-decoders. The library targets are built
# by SwiftPM with sanitizer coverage into .build-fuzz/ (kept between runs),
# the target's main.swift is linked against them with libFuzzer, and the
# fuzzer runs for SECONDS on a scratch copy of Fuzz/TARGET/corpus (new
# inputs go to .build-fuzz/TARGET/corpus; crashes to
# .build-fuzz/TARGET/crash-*). To keep what a run found, minimise it into
# the committed corpus:
#
#   scripts/fuzz.sh TARGET 0 -merge=1 Fuzz/TARGET/corpus .build-fuzz/TARGET/corpus
#
# `swift test` replays every committed corpus file without mutation
# (Tests/ReclaimBatchTests/FuzzCorpusReplayTests.swift), so a fixed crash
# stays fixed.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
shift 2
[ -f "Fuzz/$target/main.swift" ] || { echo "no such fuzz target: Fuzz/$target" >&2; exit 64; }
case "$target" in
  snapshot-reader) library=ReclaimInventory; modules="ReclaimCore ReclaimInventory" ;;
  capture-decoders) library=ReclaimImport; modules="ReclaimCore ReclaimIO ReclaimInventory ReclaimImport" ;;
  *) library=ReclaimPolicy; modules="ReclaimCore ReclaimYAML ReclaimIO ReclaimPolicy Crypto CryptoBoringWrapper CCryptoBoringSSLShims CCryptoBoringSSL" ;;
esac
scratch=.build-fuzz
swift build -c release --scratch-path "$scratch" --target "$library" \
  -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >&2
objects=()
for m in $modules; do
  while IFS= read -r -d '' o; do objects+=("$o"); done < <(find "$scratch/release/$m.build" -name '*.o' -print0)
done
mkdir -p "$scratch/$target/corpus"
swiftc -parse-as-library -O -sanitize=fuzzer,address -package-name Reclaim \
  -I "$scratch/release/Modules" -I Sources/CYAML \
  "Fuzz/$target/main.swift" "${objects[@]}" -lyaml -o "$scratch/$target/fuzz" 2> >(grep -v warning >&2)
dict=()
[ -f "Fuzz/$target/dict" ] && dict=(-dict="Fuzz/$target/dict")
if [ "$seconds" = 0 ]; then
  exec "$scratch/$target/fuzz" "${dict[@]}" "$@"
fi
exec "$scratch/$target/fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$scratch/$target/" "${dict[@]}" "$@" "$scratch/$target/corpus" "Fuzz/$target/corpus"
