#!/usr/bin/env bash
# `make asan`: builds the AddressSanitizer + UndefinedBehaviorSanitizer variant (gcc) and runs the unit
# and integration suites in it, and the real-row suite when its samples are there. Any report (error, leak,
# undefined behaviour) stops the process and fails the gate.
set -euo pipefail
cd "$(dirname "$0")/.."
build=build/asan

# shellcheck source=scripts/real_samples.sh
source scripts/real_samples.sh
[[ -n ${MTM_REAL_ROWS_NOTED:-} ]] || real_samples_note
cmake --preset asan >/dev/null
# Only what the two suites need: the binary (integration tests run it) and their test executables.
mapfile -t targets < <(cmake --build "$build" --target help | sed -n 's/^\(\(unit_[a-z]*\|integration\|real_rows\)_[a-z0-9_]*\): .*/\1/p')
cmake --build "$build" -j "${JOBS:-2}" --target mangetamain "${targets[@]}"

export ASAN_OPTIONS=halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --test-dir "$build" --output-on-failure -j "${JOBS:-2}" -R '^(unit_[a-z]+|integration)\.'
