#!/usr/bin/env bash
# `make fuzz`: builds the libFuzzer targets (clang, ASan + UBSan) and runs each for FUZZ_SECONDS
# (default 60), two at a time on 2 cores. Seeds: the committed inputs under tests/fuzz/corpus/<target>
# plus corpora cut at run time from the repository's fixtures (tests/fixtures) and, when present, from the real
# rows in $MTM_FIXTURES_DIR (scripts/real_samples.sh); what a run discovers stays in
# build/fuzz/corpus/<target> for the next run. A crash fails the gate and leaves its input in
# build/fuzz/artifacts/ (turn it into a regression unit test).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
parallel=${FUZZ_JOBS:-2}
build=build/fuzz
# shellcheck source=scripts/real_samples.sh
source scripts/real_samples.sh
seed_dirs=(tests/fixtures)
seed_note="tests/fixtures"
if ((real_samples_present)); then
  seed_dirs+=("$MTM_REAL_SAMPLES_DIR")
  seed_note+=" + real rows"
else
  seed_note+=", no real rows in $MTM_REAL_SAMPLES_DIR"
fi

cmake --preset fuzz >/dev/null
cmake --build "$build" --target fuzz_all -j "${JOBS:-2}"

seeds=$build/seeds
rm -rf "$seeds"
/usr/bin/python3 tests/fuzz/make_seeds.py "$seeds" "${seed_dirs[@]}"
mkdir -p "$build/artifacts" "$build/logs"

targets=()
for binary in "$build"/fuzz/fuzz_*; do targets+=("$(basename "$binary")"); done

run_one() {
  local target=$1 name=${1#fuzz_}
  local corpus=$build/corpus/$name
  mkdir -p "$corpus"
  local dirs=("$corpus")
  [[ -d tests/fuzz/corpus/$name ]] && dirs+=("tests/fuzz/corpus/$name")
  [[ -d $seeds/$name ]] && dirs+=("$seeds/$name")
  "$build/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$name-" "${dirs[@]}" >"$build/logs/$name.log" 2>&1
}

failed=()
for ((i = 0; i < ${#targets[@]}; i += parallel)); do
  pids=()
  batch=("${targets[@]:i:parallel}")
  for target in "${batch[@]}"; do
    run_one "$target" &
    pids+=($!)
  done
  for k in "${!pids[@]}"; do
    if ! wait "${pids[$k]}"; then failed+=("${batch[$k]}"); fi
  done
done

printf '%-16s %14s %10s %8s\n' target executions exec/s corpus
for target in "${targets[@]}"; do
  name=${target#fuzz_}
  log=$build/logs/$name.log
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  size=$(find "$build/corpus/$name" -type f | wc -l)
  printf '%-16s %14s %10s %8s\n' "$name" "${runs:-?}" "${rate:-?}" "$size"
done

if ((${#failed[@]})); then
  for target in "${failed[@]}"; do
    echo "fuzz: ${target#fuzz_} FAILED; log: $build/logs/${target#fuzz_}.log" >&2
    grep -m5 -E 'ERROR|SUMMARY|Test unit written' "$build/logs/${target#fuzz_}.log" >&2 || true
  done
  exit 1
fi
echo "fuzz: ok (${seconds}s per target, $parallel at a time; seeds: committed corpus + $seed_note)"
