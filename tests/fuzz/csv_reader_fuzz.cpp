// Any byte string fed to the CSV reader either yields records whose fields and positions are consistent
// or throws DataLoadError; it never crashes, reads out of bounds or loops.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "core/errors.hpp"
#include "data/csv/csv_reader.hpp"

namespace {

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto reader = mtm::data::csv::CsvReader::from_string(text, "fuzz.csv");
    mtm::data::csv::CsvRecord record;
    std::int64_t previous_line = 0;
    while (reader.next(record)) {
      require(record.size() >= 1);
      require(record.start().line > previous_line);
      require(record.end().line >= record.start().line);
      previous_line = record.end().line;
      std::size_t total = 0;
      for (std::size_t i = 0; i < record.size(); ++i) {
        total += record[i].size();
        require(record.position(i).line >= record.start().line && record.position(i).column >= 1);
      }
      // A field is never longer than the input it came from.
      require(total <= size);
      require(reader.bytes_read() <= static_cast<std::int64_t>(size));
      mtm::data::csv::is_valid_utf8(record.problem());
    }
  } catch (const mtm::DataLoadError&) {
    // Rejected input is fine: the message names file, line and column (checked in unit tests).
  }
  return 0;
}
