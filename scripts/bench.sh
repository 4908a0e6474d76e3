#!/usr/bin/env bash
# `make bench`: full-scale figures on this machine — generate and ingest time and peak RSS at scale 1,
# then every analysis (p50/p95, uncached) with Google Benchmark, then the web figures (page render in
# Chromium, API latency, wrk throughput, server RSS: bench/web_bench.mjs), the search load (bench/search_load.py)
# and the SQL workbench (bench/sql_serve_bench.sh), then the scaling table at scales
# 0.1, 1 and 3 (bench/scaling.sh). Results also go to build/bench/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${BENCH_SCALE:-1.0}
scripts/bootstrap.sh --test >/dev/null
cmake --preset release -DMTM_BUILD_BENCH=ON >/dev/null
cmake --build build/release -j "$(nproc)" --target mangetamain mtm_bench >/dev/null
bin=build/release/mangetamain
out=build/bench
mkdir -p "$out" data
raw=$out/raw
rm -rf "$raw" "$out/bench.duckdb"
{
  # Shared machines make every figure noisy: the load average goes with each stage.
  load() { echo "load average ($1): $(cut -d' ' -f1-3 /proc/loadavg)"; }
  echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB"
  measure() {  # label, target, command...
    local label=$1 target=$2; shift 2
    /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >"$out/$label.log" 2>&1
    read -r secs kb <"$out/time.txt"
    printf '%-10s scale %s: %6.2f s, peak RSS %5d MB   target %s\n' "$label" "$scale" "$secs" $((kb / 1024)) "$target"
  }
  load start
  measure generate "(none)" "$bin" generate --out "$raw" --scale "$scale" --seed 42
  measure ingest "<= 20 s, <= 2048 MB at scale 1.0" "$bin" ingest --raw-dir "$raw" --db "$out/bench.duckdb"
  du -h "$raw"/*.csv "$out/bench.duckdb" | sed 's/^/size: /'
  load analyses
  MTM_BENCH_DB=$out/bench.duckdb build/release/bench/mtm_bench --benchmark_counters_tabular=true
  load web
  node bench/web_bench.mjs --binary "$bin" --db "$out/bench.duckdb"
  load search
  /usr/bin/python3 bench/search_load.py --binary "$bin" --db "$out/bench.duckdb"
  load sql
  bench/sql_serve_bench.sh "$bin" "$out/bench.duckdb" "$out"
  load scaling
  bench/scaling.sh "$bin" build/release/bench/mtm_bench "$out/scaling"
} 2>&1 | tee "$out/results.txt"
