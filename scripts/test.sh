#!/usr/bin/env bash
# `make test`: every test suite of the project, on the already built tree given as $1.
set -euo pipefail
build_dir=$1
ctest --test-dir "$build_dir" --output-on-failure -j "$(nproc)"
