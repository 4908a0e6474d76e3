#include "data/ingest/row_reader.hpp"

#include <charconv>
#include <cmath>
#include <variant>

#include "data/calendar.hpp"
#include "data/list_literal.hpp"

namespace mtm::data::ingest {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::string shorten(std::string_view text) {
  constexpr std::size_t kMax = 40;
  std::string out(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// Replaces each invalid UTF-8 byte by U+FFFD so DuckDB receives valid text; only for rows flagged invalid.
std::string sanitize_utf8(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t bad = 0;
    const std::string_view rest = text.substr(i);
    if (csv::is_valid_utf8(rest, &bad)) {
      out.append(rest);
      break;
    }
    out.append(rest.substr(0, bad));
    out.append("\xEF\xBF\xBD");
    i += bad + 1;
  }
  return out;
}

std::string problem_kind(std::string_view detail) {
  std::size_t cut = detail.size();
  for (const std::string_view marker : {std::string_view(", found"), std::string_view(" '"),
                                        std::string_view(" at character"), std::string_view(" (--strict)")}) {
    cut = std::min(cut, detail.find(marker));
  }
  return std::string(detail.substr(0, cut));
}

void RowErrors::add(Position at, const std::string& detail) {
  if (strict_) throw DataLoadError(source_, at.line, at.column, detail + " (--strict)");
  ++summary_.row_errors;
  count_kind(problem_kind(detail));
  if (summary_.first_errors.size() < keep_) {
    summary_.first_errors.push_back(fmt::format("{}:{}:{}: {}", source_, at.line, at.column, detail));
  }
}

void RowErrors::count_kind(const std::string& kind) {
  constexpr std::size_t kMaxKinds = 20;
  for (auto& [name, count] : summary_.problem_kinds) {
    if (name == kind) {
      ++count;
      return;
    }
  }
  if (summary_.problem_kinds.size() < kMaxKinds) summary_.problem_kinds.emplace_back(kind, 1);
}

Row::Row(const CsvRecord& record, RowErrors& errors, DateOrder date_order)
    : record_(record), errors_(errors), date_order_(date_order) {
  if (!record.problem().empty()) fail_at(record.problem_position(), record.problem());
  utf8_bad_ = !record.problem().empty() && record.problem().starts_with("invalid UTF-8");
  if (record.unterminated()) {
    fail_at(record.end(), "no line break after the last record: the file may be truncated");
  }
}

std::optional<std::int64_t> Row::int64(std::size_t field, std::string_view name) {
  const std::string_view text = record_[field];
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && ptr == text.data() + text.size()) return value;
  if (ec == std::errc::result_out_of_range) {
    fail(field, fmt::format("{}: integer '{}' is out of range (int64)", name, shorten(text)));
    return std::nullopt;
  }
  // Accept integral floats such as "4.0" (the split files write ratings that way).
  double d = 0;
  auto [dptr, dec] = std::from_chars(text.data(), text.data() + text.size(), d);
  if (dec == std::errc() && dptr == text.data() + text.size() && std::isfinite(d) && d == std::trunc(d) &&
      std::fabs(d) < 9.0e15) {
    return static_cast<std::int64_t>(d);
  }
  fail(field, fmt::format("{}: expected an integer, found '{}'", name, shorten(text)));
  return std::nullopt;
}

std::optional<std::int32_t> Row::int32(std::size_t field, std::string_view name) {
  auto value = int64(field, name);
  if (!value) return std::nullopt;
  if (*value < INT32_MIN || *value > INT32_MAX) {
    fail(field, fmt::format("{}: {} is out of range for INTEGER", name, *value));
    return std::nullopt;
  }
  return static_cast<std::int32_t>(*value);
}

std::optional<double> Row::real(std::size_t field, std::string_view name) {
  const std::string_view text = record_[field];
  if (text.empty()) return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec == std::errc() && ptr == text.data() + text.size()) return value;
  fail(field, fmt::format("{}: expected a number, found '{}'", name, shorten(text)));
  return std::nullopt;
}

std::optional<db::Date> Row::date(std::size_t field, std::string_view name) {
  const std::string_view text = record_[field];
  if (text.empty()) return std::nullopt;
  auto parsed = parse_ingest_date(text, date_order_);
  if (const auto* day = std::get_if<db::Date>(&parsed)) return *day;
  fail(field, fmt::format("{}: {}, found '{}'", name, std::get<DateProblem>(parsed).message, shorten(text)));
  return std::nullopt;
}

std::optional<std::string_view> Row::text_field(std::size_t field) {
  const std::string_view text = record_[field];
  if (text.empty()) return std::nullopt;
  if (utf8_bad_ && !csv::is_valid_utf8(text)) {
    scratch_.push_back(sanitize_utf8(text));
    return std::string_view(scratch_.back());
  }
  return text;
}

bool Row::string_list(std::size_t field, std::string_view name, std::vector<std::string>& out) {
  out.clear();
  const std::string_view text = record_[field];
  if (text.empty()) return false;
  if (auto error = parse_string_list(text, out)) {
    fail(field, fmt::format("{}: bad list literal at character {}: {}", name, error->offset + 1, error->message));
    out.clear();
    return false;
  }
  if (utf8_bad_) {
    for (auto& item : out) {
      if (!csv::is_valid_utf8(item)) item = sanitize_utf8(item);
    }
  }
  return true;
}

bool Row::number_list(std::size_t field, std::string_view name, std::vector<double>& out) {
  out.clear();
  const std::string_view text = record_[field];
  if (text.empty()) return false;
  if (auto error = parse_number_list(text, out)) {
    fail(field, fmt::format("{}: bad list literal at character {}: {}", name, error->offset + 1, error->message));
    out.clear();
    return false;
  }
  return true;
}

std::vector<std::size_t> map_header(const CsvReader& reader, const CsvRecord& header,
                                    const std::vector<std::string_view>& columns) {
  std::vector<std::size_t> index;
  for (const auto& name : columns) {
    std::size_t found = header.size();
    for (std::size_t i = 0; i < header.size(); ++i) {
      if (trim(header[i]) == name) {
        found = i;
        break;
      }
    }
    if (found == header.size()) {
      std::vector<std::string> names;
      for (std::size_t i = 0; i < header.size() && i < 20; ++i) names.push_back(shorten(header[i]));
      throw DataLoadError(reader.source(), header.start().line, 0,
                          fmt::format("missing column '{}' in the header (expected {}; found {})", name,
                                      fmt::join(columns, ","), fmt::join(names, ",")));
    }
    index.push_back(found);
  }
  return index;
}

void append_calendar(db::Appender& app, const std::optional<db::Date>& date) {
  if (!date) {
    app.append_null().append_null().append_null().append_null().append_null();
    return;
  }
  const CalendarFeatures f = calendar_features(*date);
  app.append(f.year).append(f.month).append(f.season).append(f.weekday).append(f.is_weekend);
}

}  // namespace mtm::data::ingest
