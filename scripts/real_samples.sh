#!/usr/bin/env bash
# Sourced by the test scripts: where the real-row samples are, and whether the real-row suite can run.
# The real Food.com rows are third-party data kept outside the repository: $MTM_FIXTURES_DIR, default
# ../shared/data/foodcom_samples beside the clone (relative paths are relative to the repository root), the
# same rule as tests/CMakeLists.txt, which registers the real-row suite only when every file below is there.
# Sets MTM_REAL_SAMPLES_DIR (absolute) and real_samples_present (1 or 0); real_samples_note prints the one line
# saying the suite did not run.
mtm_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MTM_REAL_SAMPLES_DIR=${MTM_FIXTURES_DIR:-../shared/data/foodcom_samples}
[[ $MTM_REAL_SAMPLES_DIR == /* ]] || MTM_REAL_SAMPLES_DIR=$mtm_root/$MTM_REAL_SAMPLES_DIR
MTM_REAL_SAMPLES_DIR=$(realpath -m "$MTM_REAL_SAMPLES_DIR")
real_samples_present=1
for mtm_file in head100_nsakuja/RAW_recipes_sample.csv head100_nsakuja/RAW_interactions_sample.csv \
  random1000_amaldre/RAW_recipes_sample.csv random1000_amaldre/RAW_interactions_sample.csv \
  splits_julienlafrance/interactions_test.csv splits_julienlafrance/interactions_validation.csv; do
  [[ -f $MTM_REAL_SAMPLES_DIR/$mtm_file ]] || real_samples_present=0
done
unset mtm_file mtm_root

real_samples_note() {
  if ((!real_samples_present)); then
    echo "real-row suite not run: no samples in $MTM_REAL_SAMPLES_DIR (set MTM_FIXTURES_DIR)"
  fi
}
