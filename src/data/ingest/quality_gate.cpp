#include "data/ingest/quality_gate.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"

namespace mtm::data::ingest {

namespace {

std::string percent(double share) {
  return fmt::format("{:.4g} %", share * 100.0);
}

std::string details(const TableSummary& table) {
  std::string text;
  if (!table.problem_kinds.empty()) {
    text += "\n  problems by kind:";
    for (const auto& [kind, count] : table.problem_kinds) text += fmt::format("\n    {:>9}  {}", count, kind);
  }
  if (!table.first_errors.empty()) {
    text += "\n  first problems:";
    for (const auto& message : table.first_errors) text += "\n    " + message;
  }
  return text;
}

}  // namespace

std::optional<std::string> quality_failure(const TableSummary& table, double max_bad_share) {
  if (table.rows_read == 0) return std::nullopt;
  const double share = static_cast<double>(table.rows_bad) / static_cast<double>(table.rows_read);
  if (table.rows_usable == 0) {
    return fmt::format("table {}: no usable row among the {} read ({} dropped or with a problem)", table.table,
                       table.rows_read, table.rows_bad) +
           details(table);
  }
  if (share <= max_bad_share) return std::nullopt;
  return fmt::format(
             "table {}: {} of {} rows ({}) were dropped or have a problem, more than the {} allowed "
             "(--max-bad-rows {})",
             table.table, table.rows_bad, table.rows_read, percent(share), percent(max_bad_share), max_bad_share) +
         details(table);
}

void check_row_quality(const std::vector<TableSummary>& tables, double max_bad_share) {
  std::string failures;
  std::string first_file;
  for (const auto& table : tables) {
    auto failure = quality_failure(table, max_bad_share);
    if (!failure) continue;
    if (first_file.empty()) {
      first_file = table.file;
    } else {
      failures += "\n" + table.file + ": ";
    }
    failures += *failure;
  }
  if (first_file.empty()) return;
  throw DataLoadError(first_file, failures + "\nthe database was not changed");
}

}  // namespace mtm::data::ingest
