#!/usr/bin/env bash
# `make bench`: full-scale timings (generate, ingest, peak RSS) on this machine.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "bench: not yet implemented" >&2
exit 1
