// Google Benchmark of every analysis, uncached, on a full-scale database (MTM_BENCH_DB, default
// data/bench.duckdb). Each case reports p50 and p95 wall time over its iterations as counters, since the
// issue's targets are percentiles, and first_ms: its first call, which also loads the in-memory calendar
// cells and sorted columns it needs (once per database; see src/analysis/cells.hpp). The server's result
// cache is not involved. Run through `make bench`.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
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

struct Measured {
  std::string id;
  double p50 = 0;
  double p95 = 0;
  double first = 0;
};
std::vector<Measured>& measured() {
  static std::vector<Measured> all;
  return all;
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
  measured().push_back({analysis->id, pct(0.50), pct(0.95), state.counters["first_ms"]});
}

// Issue #3 §5: p50 ≤ 10 ms and p95 ≤ 25 ms, except the per-ingredient and per-tag tests (~14,000 items),
// ≤ 50 ms.
void print_targets() {
  std::printf("\n%-32s %9s %9s %10s   %-24s %s\n", "analysis (uncached)", "p50 ms", "p95 ms", "first ms", "target",
              "verdict");
  int over = 0;
  for (const auto& m : measured()) {
    const bool items = m.id.ends_with(".ingredients") || m.id.ends_with(".tags");
    const bool ok = items ? m.p95 <= 50 : m.p50 <= 10 && m.p95 <= 25;
    over += ok ? 0 : 1;
    std::printf("%-32s %9.2f %9.2f %10.1f   %-24s %s\n", m.id.c_str(), m.p50, m.p95, m.first,
                items ? "p50, p95 <= 50" : "p50 <= 10, p95 <= 25", ok ? "ok" : "OVER");
  }
  std::printf("%zu analyses, %d over target\n", measured().size(), over);
}

const bool kRegistered = [] {
  for (const auto& analysis : mtm::analysis::analyses()) {
    benchmark::RegisterBenchmark(("BM_Analysis/" + analysis.id).c_str(), run_analysis, &analysis)
        ->Unit(benchmark::kMillisecond)
        ->Iterations(20);
  }
  return true;
}();

// Resident memory of this process once every analysis ran: the database plus every analysis part, i.e.
// what the server holds for the analyses without its explorer index, result cache and HTTP buffers.
void print_memory() {
  std::ifstream status("/proc/self/status");
  std::string line;
  double rss = 0;
  double hwm = 0;
  while (std::getline(status, line)) {
    std::istringstream fields(line);
    std::string key;
    double kb = 0;
    fields >> key >> kb;
    if (key == "VmRSS:") rss = kb / 1024;
    if (key == "VmHWM:") hwm = kb / 1024;
  }
  std::printf("analyses alone (database + every in-memory part, no explorer, no server): RSS %.0f MB, peak %.0f MB\n",
              rss, hwm);
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  print_targets();
  print_memory();
  return 0;
}
