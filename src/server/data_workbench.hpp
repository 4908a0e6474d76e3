// The analysts' workbench: the read-only SQL sandbox with its limits (sql_workbench.hpp) and the directory of the
// Parquet/CSV exports. Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "server/server_options.hpp"
#include "server/sql_workbench.hpp"

namespace mtm::server {

struct DataWorkbench {
  explicit DataWorkbench(const ServerOptions& options)
      : sql(std::make_shared<SqlWorkbench>(options.sql)),
        exports_dir(!options.exports_dir.empty()
                        ? options.exports_dir
                        : (std::filesystem::path(options.db_path).parent_path() / "exports").string()) {}

  std::shared_ptr<SqlWorkbench> sql;
  /// Where the exports are written (resolved: never empty).
  std::string exports_dir;
};

}  // namespace mtm::server
