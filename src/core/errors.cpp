#include "core/errors.hpp"

#include <fmt/format.h>

namespace mtm {

int Error::exit_code() const noexcept {
  switch (kind_) {
    case ErrorKind::Validation:
    case ErrorKind::Configuration: return 2;
    case ErrorKind::DataLoad:
    case ErrorKind::NotFound: return 3;
    case ErrorKind::Database: return 4;
    case ErrorKind::Analysis: return 5;
  }
  return 1;
}

namespace {
std::string located(const std::string& source, std::int64_t line, std::int64_t column, const std::string& detail) {
  if (line <= 0) return fmt::format("{}: {}", source, detail);
  if (column <= 0) return fmt::format("{}:{}: {}", source, line, detail);
  return fmt::format("{}:{}:{}: {}", source, line, column, detail);
}
}  // namespace

DataLoadError::DataLoadError(std::string source, std::int64_t line, std::int64_t column, const std::string& detail)
    : Error(ErrorKind::DataLoad, located(source, line, column, detail)),
      source_(std::move(source)),
      line_(line),
      column_(column),
      detail_(detail) {}

DataLoadError::DataLoadError(std::string source, const std::string& detail)
    : Error(ErrorKind::DataLoad, located(source, 0, 0, detail)), source_(std::move(source)), detail_(detail) {}

}  // namespace mtm
