#!/usr/bin/env bash
# `make lint`: clang-format check of every C++ file, cppcheck and clang-tidy (.clang-tidy) on src/.
# Zero findings pass; suppressions live inline next to the code (NOLINT / cppcheck-suppress, with a reason).
#   LINT_STAGES="format cppcheck tidy" (default: all three)   LINT_FILES="src/a.cpp ..." (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${LINT_STAGES:-format cppcheck tidy}
build=build/coverage  # its compile_commands.json; configuring is enough, no build needed
status=0

if [[ -n ${LINT_FILES:-} ]]; then
  read -r -a files <<<"$LINT_FILES"
else
  mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
fi
mapfile -t src_cpp < <(printf '%s\n' "${files[@]}" | grep -E '^src/.*\.cpp$' || true)

for stage in $stages; do
  start=$SECONDS
  case $stage in
    format)
      clang-format --dry-run --Werror "${files[@]}" || { echo "lint: run 'make format'" >&2; status=1; }
      ;;
    cppcheck)
      ((${#src_cpp[@]})) || continue
      cmake --preset coverage >/dev/null  # generates version_info.hpp
      cppcheck --enable=warning,performance,portability,style --std=c++20 --language=c++ --inline-suppr \
        --suppressions-list=.cppcheck-suppressions --error-exitcode=1 --quiet -j "${JOBS:-2}" \
        -I src -I "$build/generated" "${src_cpp[@]}" || status=1
      ;;
    tidy)
      ((${#src_cpp[@]})) || continue
      cmake --preset coverage >/dev/null
      # -quiet keeps only findings; a file regex restricts the run to the chosen sources.
      regex="^$PWD/($(printf '%s|' "${src_cpp[@]}" | sed 's/[.]/\\./g; s/|$//'))\$"
      run-clang-tidy -p "$build" -j "${JOBS:-2}" -quiet "$regex" >"$build/clang-tidy.log" 2>&1 || true
      if sed "s/\x1b\[[0-9;]*m//g" "$build/clang-tidy.log" | grep -E "(warning|error): .*\[[a-z]" | sort -u; then
        echo "lint: clang-tidy findings above (full log: $build/clang-tidy.log)" >&2
        status=1
      fi
      ;;
    *) echo "lint: unknown stage '$stage'" >&2; exit 2 ;;
  esac
  echo "lint: $stage done in $((SECONDS - start)) s"
done
exit $status
