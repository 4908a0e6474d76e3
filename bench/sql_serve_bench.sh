#!/usr/bin/env bash
# The SQL workbench's figures (bench/sql_bench.py) against a server started here on DB, with the SQL rate limit and
# caps out of the benchmark's way. Usage: bench/sql_serve_bench.sh BINARY DB OUT_DIR
set -euo pipefail
bin=$1 db=$2 out=$3
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --db "$db" --port "$port" --no-access-log --set sql.rate_per_minute=1000000 --set sql.burst=100000 \
  --set sql.max_concurrent=8 --set sql.max_concurrent_per_client=8 >"$out/sql-serve.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break
  sleep 0.5
done
/usr/bin/python3 bench/sql_bench.py --base "http://127.0.0.1:$port" --pid "$pid" --export /api/v1/exports/recipes.parquet
