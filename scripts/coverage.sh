#!/usr/bin/env bash
# `make coverage`: builds the coverage variant (gcc --coverage -O0), runs every test suite in it (unit,
# integration, oracle, node --test, browser e2e; subprocess runs of the binary count) and fails below
# COVERAGE_MIN % (default 90) line coverage of src/, after printing the per-directory table.
# COVERAGE_SKIP_TESTS=1 only reports on the counters already collected.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/coverage
minimum=${COVERAGE_MIN:-90}

# shellcheck source=scripts/real_samples.sh
source scripts/real_samples.sh
[[ -n ${MTM_REAL_ROWS_NOTED:-} ]] || real_samples_note
if [[ ${COVERAGE_SKIP_TESTS:-0} != 1 ]]; then
  cmake --preset coverage >/dev/null
  cmake --build "$build" -j "${JOBS:-2}"
  # Counters from an earlier run would inflate the result.
  find "$build" -name '*.gcda' -delete
  ctest --test-dir "$build" --output-on-failure -j "${JOBS:-2}"
fi

mkdir -p "$build/coverage-report"
# The generator's worker threads update the same counters without atomics, so gcov can print a
# negative call count ("returned -1489") for csv_writer.cpp; gcovr must skip that line, not abort.
gcovr --root . --object-directory "$build" --filter 'src/' --exclude '.*/generated/.*' --gcov-ignore-parse-errors \
  --json-summary "$build/coverage-report/summary.json" --txt "$build/coverage-report/files.txt" >/dev/null
/usr/bin/python3 - "$build/coverage-report/summary.json" "$minimum" <<'PY'
import collections, json, sys
summary, minimum = json.load(open(sys.argv[1])), float(sys.argv[2])
by_dir = collections.defaultdict(lambda: [0, 0])
for entry in summary["files"]:
    parts = entry["filename"].split("/")
    key = "/".join(parts[:3]) if len(parts) > 3 else "/".join(parts[:-1])
    by_dir[key][0] += entry["line_covered"]
    by_dir[key][1] += entry["line_total"]
print(f"{'directory':<24}{'lines':>8}{'covered':>9}{'%':>8}")
for key in sorted(by_dir):
    covered, total = by_dir[key]
    print(f"{key:<24}{total:>8}{covered:>9}{100 * covered / max(total, 1):>7.1f}%")
covered, total = summary["line_covered"], summary["line_total"]
percent = 100 * covered / max(total, 1)
print(f"{'src/ total':<24}{total:>8}{covered:>9}{percent:>7.1f}%  (minimum {minimum:g}%)")
print(f"per-file report: {sys.argv[1].rsplit('/', 1)[0]}/files.txt")
if percent < minimum:
    print(f"coverage: FAILED, {percent:.1f}% < {minimum:g}% line coverage of src/", file=sys.stderr)
    sys.exit(1)
PY
