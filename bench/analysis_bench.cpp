// Google Benchmark of every analysis, uncached, on a full-scale database (MTM_BENCH_DB, default
// data/bench.duckdb). Each case reports p50 and p95 wall time over its iterations as counters, since the
// issue's targets are percentiles, and first_ms: its first call, which also loads the in-memory calendar
// cells and sorted columns it needs (once per database; see src/analysis/cells.hpp). The server's result
// cache is not involved. Run through `make bench`.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <vector>

#include "analysis/registry.hpp"

namespace {

mtm::db::Database& database() {
  static std::unique_ptr<mtm::db::Database> db = [] {
    const char* env = std::getenv("MTM_BENCH_DB");
    return std::make_unique<mtm::db::Database>(env ? env : "data/bench.duckdb", true);
  }();
  return *db;
}

void run_analysis(benchmark::State& state, const mtm::analysis::Analysis* analysis) {
  auto connection = database().connect();
  mtm::analysis::Filters filters = analysis->defaults;
  const auto first = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(analysis->run(connection, filters));
  state.counters["first_ms"] =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - first).count();
  std::vector<double> millis;
  for (auto _ : state) {
    const auto start = std::chrono::steady_clock::now();
    auto result = analysis->run(connection, filters);
    benchmark::DoNotOptimize(result);
    millis.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(millis.begin(), millis.end());
  auto pct = [&](double q) { return millis[static_cast<std::size_t>(q * static_cast<double>(millis.size() - 1))]; };
  state.counters["p50_ms"] = pct(0.50);
  state.counters["p95_ms"] = pct(0.95);
}

const bool kRegistered = [] {
  for (const auto& analysis : mtm::analysis::analyses()) {
    benchmark::RegisterBenchmark(("BM_Analysis/" + analysis.id).c_str(), run_analysis, &analysis)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(20);
  }
  return true;
}();

}  // namespace

BENCHMARK_MAIN();
