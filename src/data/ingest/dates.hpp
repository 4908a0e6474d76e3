// The date layouts an ingest reads: the Kaggle files' YYYY-MM-DD, the unambiguous layouts a spreadsheet
// writes when it re-saves them (YYYY/M/D, YYYY-M-D), and M/D/YYYY or D/M/YYYY only once the user has said
// which (--date-order), since a file of such dates cannot tell 3/4 from 4/3.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "data/duckdb.hpp"

namespace mtm::data::ingest {

/// How to read day-and-month-first dates such as 8/18/2017.
enum class DateOrder { Unset, MonthFirst, DayFirst };

/// "mdy", "dmy" (or "" for Unset); nullopt for anything else.
std::optional<DateOrder> parse_date_order(std::string_view text);
/// "mdy", "dmy" or "unset".
std::string_view date_order_name(DateOrder order);

/// Why a date text was not read: a message for the row problem (without the column name).
struct DateProblem {
  std::string message;
};

/// Read text as a calendar date; a DateProblem says why not (bad layout, impossible date, ambiguous order).
std::variant<db::Date, DateProblem> parse_ingest_date(std::string_view text, DateOrder order);

}  // namespace mtm::data::ingest
