#!/usr/bin/env bash
# Time and peak RSS of `mangetamain generate` at a given scale (default 1.0), measured with /usr/bin/time -v.
# Usage: scripts/bench_generate.sh [binary] [scale] [out_dir]
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/release/mangetamain}
scale=${2:-1.0}
out=${3:-$(mktemp -d)/gen}
if [[ ! -x $bin ]]; then
  echo "bench_generate: no binary at $bin (build it first, e.g. cmake --preset release && cmake --build build/release)" >&2
  exit 1
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
/usr/bin/time -v "$bin" generate --out "$out" --scale "$scale" --seed 42 >/dev/null 2>"$log" || {
  cat "$log" >&2
  exit 1
}
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
user=$(awk -F': ' '/User time/ {print $2}' "$log")
sys=$(awk -F': ' '/System time/ {print $2}' "$log")
sizes=$(du -b "$out"/RAW_recipes.csv "$out"/RAW_interactions.csv | awk '{printf "%s %.0f MB; ", $2, $1 / 1e6}')
printf 'generate scale %s: wall %s, user %ss, sys %ss, peak RSS %d MB (%s)\n' "$scale" "$wall" "$user" "$sys" \
  $((rss_kb / 1024)) "${sizes%; }"
