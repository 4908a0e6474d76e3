#include "data/ingest/dates.hpp"

#include <array>
#include <charconv>

namespace mtm::data::ingest {

namespace {

// Splits "a<sep>b<sep>c" into three unsigned numbers of 1 to 4 digits; nullopt for any other shape.
std::optional<std::array<unsigned, 3>> three_numbers(std::string_view text, char sep,
                                                     std::array<std::size_t, 3>& widths) {
  std::array<unsigned, 3> out{};
  for (std::size_t k = 0; k < 3; ++k) {
    const std::size_t end = k < 2 ? text.find(sep) : text.size();
    if (end == std::string_view::npos || end == 0 || end > 4) return std::nullopt;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, out[k]);
    if (ec != std::errc() || ptr != text.data() + end) return std::nullopt;
    widths[k] = end;
    text.remove_prefix(k < 2 ? end + 1 : end);
  }
  return out;
}

std::optional<db::Date> civil(unsigned y, unsigned m, unsigned d) {
  char iso[11];
  if (y > 9999 || m > 99 || d > 99) return std::nullopt;
  iso[0] = static_cast<char>('0' + y / 1000);
  iso[1] = static_cast<char>('0' + y / 100 % 10);
  iso[2] = static_cast<char>('0' + y / 10 % 10);
  iso[3] = static_cast<char>('0' + y % 10);
  iso[4] = '-';
  iso[5] = static_cast<char>('0' + m / 10);
  iso[6] = static_cast<char>('0' + m % 10);
  iso[7] = '-';
  iso[8] = static_cast<char>('0' + d / 10);
  iso[9] = static_cast<char>('0' + d % 10);
  iso[10] = '\0';
  return db::parse_date(std::string_view(iso, 10));
}

}  // namespace

std::optional<DateOrder> parse_date_order(std::string_view text) {
  if (text.empty()) return DateOrder::Unset;
  if (text == "mdy") return DateOrder::MonthFirst;
  if (text == "dmy") return DateOrder::DayFirst;
  return std::nullopt;
}

std::string_view date_order_name(DateOrder order) {
  switch (order) {
    case DateOrder::MonthFirst: return "mdy";
    case DateOrder::DayFirst: return "dmy";
    case DateOrder::Unset: break;
  }
  return "unset";
}

std::variant<db::Date, DateProblem> parse_ingest_date(std::string_view text, DateOrder order) {
  if (auto iso = db::parse_date(text)) return *iso;
  std::array<std::size_t, 3> widths{};
  for (const char sep : {'-', '/', '.'}) {
    const auto parts = three_numbers(text, sep, widths);
    if (!parts) continue;
    const auto [a, b, c] = *parts;
    std::optional<db::Date> date;
    if (widths[0] == 4 && widths[1] <= 2 && widths[2] <= 2) {
      date = civil(a, b, c);  // YYYY-M-D, YYYY/M/D
    } else if (widths[2] == 4 && widths[0] <= 2 && widths[1] <= 2) {
      if (order == DateOrder::Unset) {
        return DateProblem{
            "day and month order is ambiguous (M/D/YYYY or D/M/YYYY); choose with --date-order mdy "
            "or --date-order dmy"};
      }
      date = order == DateOrder::MonthFirst ? civil(c, a, b) : civil(c, b, a);
    } else {
      break;
    }
    if (date) return *date;
    return DateProblem{"expected a date YYYY-MM-DD"};
  }
  return DateProblem{"expected a date YYYY-MM-DD"};
}

}  // namespace mtm::data::ingest
