// Reading the rows of one ingest file: each per-row problem counted by kind and located (file:line:column),
// each field typed through Row, and records with the wrong field count dropped. Shared by every loader.
#pragma once

#include <fmt/format.h>

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "data/csv/csv_reader.hpp"
#include "data/duckdb.hpp"
#include "data/ingest.hpp"
#include "data/ingest/dates.hpp"

namespace mtm::data::ingest {

using csv::CsvReader;
using csv::CsvRecord;
using csv::Position;

// Thrown inside a loader when the other loader failed; never escapes run_ingest.
struct Cancelled {};

/// text cut to 40 bytes, line breaks as spaces: a value quoted in a message.
std::string shorten(std::string_view text);

/// Each invalid UTF-8 byte replaced by U+FFFD, so DuckDB receives valid text; only for rows flagged invalid.
std::string sanitize_utf8(std::string_view text);

/// The kind of a row problem: its message without the quoted value ("minutes: expected an integer").
std::string problem_kind(std::string_view detail);

// The per-row problems of one file: counted by kind, the first few kept as messages, or thrown with --strict.
class RowErrors {
 public:
  RowErrors(std::string source, bool strict, std::size_t keep, TableSummary& summary)
      : source_(std::move(source)), strict_(strict), keep_(keep), summary_(summary) {}
  void add(Position at, const std::string& detail);
  /// Count a problem that has no message of its own (a duplicate id).
  void count_kind(const std::string& kind);

 private:
  std::string source_;
  bool strict_;
  std::size_t keep_;
  TableSummary& summary_;
};

// Typed access to the fields of one record; the first problem of the row is reported, the row flagged.
class Row {
 public:
  Row(const CsvRecord& record, RowErrors& errors, DateOrder date_order);
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  void fail(std::size_t field, const std::string& detail) { fail_at(record_.position(field), detail); }
  void fail_at(Position at, const std::string& detail) {
    if (failed_) return;
    failed_ = true;
    errors_.add(at, detail);
  }
  std::optional<std::int64_t> int64(std::size_t field, std::string_view name);
  std::optional<std::int32_t> int32(std::size_t field, std::string_view name);
  std::optional<double> real(std::size_t field, std::string_view name);
  std::optional<db::Date> date(std::size_t field, std::string_view name);
  /// Text field; empty (quoted or not) is a missing value, as pandas reads it.
  std::optional<std::string_view> text_field(std::size_t field);
  /// A Python list of strings into out; false (and out empty) when missing or malformed.
  bool string_list(std::size_t field, std::string_view name, std::vector<std::string>& out);
  /// A Python list of numbers into out; false when missing or malformed.
  bool number_list(std::size_t field, std::string_view name, std::vector<double>& out);

 private:
  const CsvRecord& record_;
  RowErrors& errors_;
  DateOrder date_order_;
  bool failed_ = false;
  bool utf8_bad_ = false;
  std::vector<std::string> scratch_;
};

/// How a loader reads its file into a table: the table's summary (named here), the row problems' sink, the date
/// order, and the flag that cancels it.
struct RowContext {
  RowContext(std::string table, const CsvReader& reader, const IngestOptions& options, const std::atomic<bool>& stop,
             TableSummary& table_summary)
      : summary(table_summary),
        errors(reader.source(), options.strict, options.max_printed_errors, table_summary),
        date_order(options.date_order),
        stop(stop) {
    summary.table = std::move(table);
    summary.file = reader.source();
  }
  TableSummary& summary;
  RowErrors errors;
  DateOrder date_order;
  const std::atomic<bool>& stop;
};

/// The header's column indexes of the required columns, in order (throws DataLoadError naming a missing one).
std::vector<std::size_t> map_header(const CsvReader& reader, const CsvRecord& header,
                                    const std::vector<std::string_view>& columns);

// Reads a file's header, maps the required columns by name, then hands each well-framed record to on_row.
// Records with the wrong field count are reported and dropped; every dropped or flagged row counts as bad.
template <typename OnRow>
void read_csv(CsvReader& reader, const std::vector<std::string_view>& columns, RowContext& context, OnRow&& on_row) {
  TableSummary& summary = context.summary;
  CsvRecord record;
  if (!reader.next(record)) throw DataLoadError(reader.source(), "file is empty (expected a CSV header line)");
  const Position header_at = record.start();
  const std::vector<std::size_t> index = map_header(reader, record, columns);
  const std::size_t expected = record.size();
  while (reader.next(record)) {
    ++summary.rows_read;
    if ((summary.rows_read & 4095) == 0 && context.stop.load(std::memory_order_relaxed)) throw Cancelled{};
    if (record.size() != expected) {
      const Position at = record.size() < expected ? record.end() : record.position(expected);
      context.errors.add(at, fmt::format("expected {} fields, found {}", expected, record.size()));
      ++summary.rows_dropped;
      ++summary.rows_bad;
      continue;
    }
    Row row(record, context.errors, context.date_order);
    const std::int64_t dropped = summary.rows_dropped;
    on_row(record, index, row);
    // on_row counts the rows it drops in summary (a reference it holds); cppcheck cannot see through it.
    // cppcheck-suppress knownConditionTrueFalse
    if (row.failed() || summary.rows_dropped != dropped) ++summary.rows_bad;
  }
  if (summary.rows_read == 0) {
    throw DataLoadError(reader.source(), header_at.line + 1, 0, "no data rows after the header");
  }
}

/// The five calendar columns of a date (all NULL when there is none).
void append_calendar(db::Appender& app, const std::optional<db::Date>& date);

}  // namespace mtm::data::ingest
