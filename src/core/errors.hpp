// The typed errors of Mangetamain Analytics. Each kind maps to one process exit code here and to one problem
// (HTTP status and problem+json type) in server/problem.cpp's table, so the server and the CLI report failures
// the same way.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace mtm {

enum class ErrorKind { DataLoad, Configuration, Database, Validation, Analysis, NotFound };

/// Base of every error the program raises on purpose; what() is the user-facing message.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }
  /// Process exit code for the CLI (2 = usage/validation, 3 = data, 4 = database, 5 = analysis).
  [[nodiscard]] int exit_code() const noexcept;

 private:
  ErrorKind kind_;
};

/// A file or object could not be read or has bad content. Carries where: source, line, column.
class DataLoadError : public Error {
 public:
  DataLoadError(std::string source, std::int64_t line, std::int64_t column, const std::string& detail);
  DataLoadError(std::string source, const std::string& detail);
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  [[nodiscard]] std::int64_t line() const noexcept { return line_; }
  [[nodiscard]] std::int64_t column() const noexcept { return column_; }
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }

 private:
  std::string source_;
  std::int64_t line_ = 0;
  std::int64_t column_ = 0;
  std::string detail_;
};

class ConfigurationError : public Error {
 public:
  explicit ConfigurationError(const std::string& message) : Error(ErrorKind::Configuration, message) {}
};

class DatabaseError : public Error {
 public:
  explicit DatabaseError(const std::string& message) : Error(ErrorKind::Database, message) {}
};

/// User input (a CLI option or an HTTP parameter) is invalid; parameter() names it.
class ValidationError : public Error {
 public:
  ValidationError(std::string parameter, const std::string& message)
      : Error(ErrorKind::Validation, message), parameter_(std::move(parameter)) {}
  [[nodiscard]] const std::string& parameter() const noexcept { return parameter_; }

 private:
  std::string parameter_;
};

class AnalysisError : public Error {
 public:
  explicit AnalysisError(const std::string& message) : Error(ErrorKind::Analysis, message) {}
};

class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message) : Error(ErrorKind::NotFound, message) {}
};

}  // namespace mtm
