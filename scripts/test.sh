#!/usr/bin/env bash
# `make test` (and CI): every quality gate of the project, cheapest first, each also runnable alone.
#   format + cppcheck -> coverage build running every test suite, >= 90 % of src/ -> ASan/UBSan build
#   running unit + integration -> libFuzzer targets -> clang-tidy.
# Every suite runs once, in the coverage build (no separate release test run; `make run` builds release).
# Stages keep going after a failure so one run reports every broken gate; any failure fails the script.
# A stage's build products (objects, archives, coverage notes, executables) are deleted once its gate has run,
# reports, logs and screenshots kept: a CI machine may have only a few GB of disk, and the coverage and ASan
# trees must not need it at the same time. KEEP_BUILDS=1 keeps them (the stages run alone never delete).
# TEST_STAGES="coverage asan" runs a subset.
# Every gate blocks, cppcheck and clang-tidy included (zero findings; suppressions inline with a reason).
# LINT_BLOCKING=0 turns their findings into a report only, for a local run while fixing them.
set -uo pipefail
cd "$(dirname "$0")/.."
stages=${TEST_STAGES:-format cppcheck coverage asan fuzz tidy}
# The real-row suite runs only where the real Food.com samples are (scripts/real_samples.sh); when they are
# not, the summary says so in one line and the stages do not repeat it.
# shellcheck source=scripts/real_samples.sh
source scripts/real_samples.sh
export MTM_REAL_ROWS_NOTED=1
lint_blocking=${LINT_BLOCKING:-1}
export JOBS=${JOBS:-$(nproc)}
failed=()
timings=()
total_start=$SECONDS
echo "test: $(df -h --output=avail . | tail -1 | tr -d ' ') free on the disk of $PWD"

# A stage's build tree may take at most BUILD_BUDGET_MB (default 3000) of disk: past it the stage fails, so a
# change that makes the trees grow is seen here rather than as "No space left on device" on a CI machine.
# Then the tree is freed (see the top of this file).
check_and_free_build_tree() {
  local stage=$1 dir=$2 budget=${BUILD_BUDGET_MB:-3000}
  [[ -d $dir ]] || return 0
  local size_mb
  size_mb=$(($(du -sb "$dir" | cut -f1) / 1000000))
  echo "test: $dir took $size_mb MB at its largest (budget $budget MB)"
  if ((size_mb > budget)); then
    echo "test: $dir is over its disk budget: $size_mb MB > $budget MB (BUILD_BUDGET_MB)" >&2
    failed+=("$stage-disk")
  fi
  [[ ${KEEP_BUILDS:-0} == 1 ]] && return 0
  find "$dir" -type f \( -name '*.o' -o -name '*.a' -o -name '*.gcno' -o -name '*.gcda' -o -perm -u+x \) -delete
}

run_stage() {
  local name=$1
  shift
  local start=$SECONDS
  echo "=== $name ==="
  local result=ok
  if ! "$@"; then
    if [[ $name == cppcheck || $name == tidy ]] && [[ $lint_blocking == 0 ]]; then
      result=REPORT
    else
      result=FAILED
      failed+=("$name")
    fi
  fi
  local line
  line=$(printf 'stage %-9s %-6s %4d s' "$name" "$result" $((SECONDS - start)))
  timings+=("$line")
  echo "$line"
}

for stage in $stages; do
  case $stage in
    format | cppcheck | tidy) run_stage "$stage" env LINT_STAGES="$stage" scripts/lint.sh ;;
    coverage) run_stage coverage scripts/coverage.sh; check_and_free_build_tree coverage build/coverage ;;
    asan) run_stage asan scripts/asan.sh; check_and_free_build_tree asan build/asan ;;
    fuzz) run_stage fuzz scripts/fuzz.sh; check_and_free_build_tree fuzz build/fuzz ;;
    *) echo "test: unknown stage '$stage'" >&2; exit 2 ;;
  esac
done

echo "=== summary ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) ==="
printf '%s\n' "${timings[@]}"
printf 'total %d s\n' $((SECONDS - total_start))
real_samples_note
if ((${#failed[@]})); then
  echo "test: FAILED gates: ${failed[*]}" >&2
  exit 1
fi
echo "test: every gate passed"
