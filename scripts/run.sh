#!/usr/bin/env bash
# `make run`: serve the database when the binary has a server, otherwise print the dataset summary.
set -euo pipefail
bin=$1 db=$2
if "$bin" serve --help >/dev/null 2>&1; then
  exec "$bin" serve --db "$db" --host 127.0.0.1 --port "${MANGETAMAIN_PORT:-8501}"
fi
"$bin" query --db "$db" "SELECT * FROM dataset_info"
