// The files of one ingest, opened before anything is written: from a directory, from explicit paths, or
// from the Kaggle zip archive. A missing or empty required file fails here, with the database untouched.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "data/csv/csv_reader.hpp"
#include "data/ingest.hpp"
#include "data/ingest/schema.hpp"

namespace mtm::data::ingest {

struct IngestInputs {
  std::optional<csv::CsvReader> recipes;
  std::optional<csv::CsvReader> interactions;
  std::vector<std::pair<std::string, csv::CsvReader>> splits;  // table name, reader
  std::optional<csv::CsvReader> pp_users;
  SourceInfo source;
};

/// Open every input of options (raw_dir may be a directory or a zip archive).
IngestInputs open_inputs(const IngestOptions& options);

/// dataset_info's source from the generator's GENERATED.json marker text (nullopt: real data).
SourceInfo describe_source(const std::string& files, const std::optional<std::string>& marker_text,
                           const std::string& marker_name);

}  // namespace mtm::data::ingest
