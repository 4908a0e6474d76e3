#!/usr/bin/env bash
# How the product grows with the data: at each scale (default 0.1 1 3; SCALING_SCALES="0.1 1 3 10" for more),
# generate the synthetic demo, then print one row: ingest seconds and peak RSS, database size, serve's time to
# /readyz and RSS after start, the slowest analysis p95 and the slowest search p95 (Google Benchmark, uncached).
# Usage: bench/scaling.sh BINARY MTM_BENCH OUT_DIR   (make bench runs it after the full-scale figures)
set -euo pipefail
bin=$1
bench=$2
out=$3
scales=${SCALING_SCALES:-0.1 1 3}
mkdir -p "$out"

# Seconds from start to a 200 from /readyz, and VmRSS (MB) then; the server is stopped after.
serve_figures() {
  local db=$1 log=$out/serve.log start port secs rss
  start=$(date +%s.%N)
  "$bin" serve --db "$db" --port 0 --log-dir "$out/logs" >"$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 1200); do
    port=$(sed -n 's#^listening on http://127.0.0.1:\([0-9]*\)/$#\1#p' "$log")
    if [[ -n $port ]] && "$bin" healthcheck "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
    sleep 0.1
  done
  secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {print b - a}')
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status")
  kill "$pid"
  wait "$pid" || true
  printf '%.1f %s' "$secs" "$rss"
}

# The largest p95 (ms) among the benchmarks whose name matches $2, in Google Benchmark's JSON $1.
max_p95() {
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const v = r.benchmarks.filter((b) => new RegExp(process.argv[2]).test(b.name)).map((b) => b.p95_ms);
    console.log(v.length ? Math.max(...v).toFixed(1) : "n/a");' "$1" "$2"
}

printf '%-6s %10s %12s %9s %10s %12s %16s %12s\n' scale 'ingest s' 'ingest peak' 'db size' 'ready s' 'RSS start' \
  'slowest analysis' 'search p95'
for scale in $scales; do
  raw=$out/raw-$scale
  db=$out/scale-$scale.duckdb
  rm -rf "$raw" "$db"
  "$bin" generate --out "$raw" --scale "$scale" --seed 42 >/dev/null
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$bin" ingest --raw-dir "$raw" --db "$db" --quiet >"$out/ingest.log" 2>&1
  read -r secs kb <"$out/time.txt"
  rm -rf "$raw"
  read -r ready rss <<<"$(serve_figures "$db")"
  MTM_BENCH_DB=$db "$bench" --benchmark_filter='BM_Analysis/|BM_Explorer/search' \
    --benchmark_out="$out/bench-$scale.json" --benchmark_out_format=json >"$out/bench-$scale.txt" 2>&1
  printf '%-6s %10.1f %9d MB %6d MB %10s %9s MB %13s ms %9s ms\n' "$scale" "$secs" $((kb / 1024)) \
    $(($(stat -c %s "$db") / 1048576)) "$ready" "$rss" "$(max_p95 "$out/bench-$scale.json" '^BM_Analysis/')" \
    "$(max_p95 "$out/bench-$scale.json" '^BM_Explorer/search')"
  rm -f "$db"
done
