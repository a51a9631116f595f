#!/usr/bin/env bash
# Builds the fuzzing harness with libFuzzer and AddressSanitizer and runs every target (or those
# named) for SECONDS each, starting from the committed seeds in Tests/Fuzz/Corpus/TARGET.
#   Scripts/fuzz.sh [SECONDS] [TARGET...]        (default: 30 seconds, every target)
# Prints one line per target (executions, seconds, crashes), then "fuzz: N passed, N failed", and
# exits 1 if any target crashed, leaked, timed out or ran out of memory; the input that did it is
# kept under .build-fuzz/crashes/TARGET/. A crash input, once fixed, goes to
# Tests/Fuzz/Regressions/TARGET/, which FuzzRegressionTests replays in every `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
shift || true

scratch=.build-fuzz
mkdir -p "$scratch"
swift build -c release --product plimsoll-fuzz --scratch-path "$scratch" \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING -Xswiftc -use-ld=lld >"$scratch/build.log" 2>&1 || { cat "$scratch/build.log"; exit 2; }
binary="$scratch/release/plimsoll-fuzz"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  # One seed directory per target.
  targets=($(ls Tests/Fuzz/Corpus))
fi

failed=0
passed=0
printf '%-14s %12s %8s %10s %8s %8s\n' target executions seconds exec/s new crashes
for target in "${targets[@]}"; do
  work="$scratch/corpus/$target"
  crashes="$scratch/crashes/$target"
  mkdir -p "$work" "$crashes"
  log="$scratch/$target.log"
  status=0
  PLIMSOLL_FUZZ_TARGET="$target" ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
    "$binary" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=3072 -max_len=262144 \
    -print_final_stats=1 -artifact_prefix="$crashes/" "$work" "Tests/Fuzz/Corpus/$target" >"$log" 2>&1 || status=$?
  stat() { grep -o "stat::$1: *[0-9]*" "$log" | grep -o '[0-9]*$' || echo 0; }
  time=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | grep -o 'in [0-9]*' | grep -o '[0-9]*' || echo 0)
  found=$(ls "$crashes" | wc -l)
  printf '%-14s %12s %8s %10s %8s %8s\n' "$target" "$(stat number_of_executed_units)" "$time" \
    "$(stat average_exec_per_sec)" "$(stat new_units_added)" "$found"
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    failed=$((failed + 1))
    echo "--- $target failed (exit $status); the end of its log:"
    tail -40 "$log"
  else
    passed=$((passed + 1))
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
