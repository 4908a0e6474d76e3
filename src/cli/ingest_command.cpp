// Placeholder until the ingest command lands.
#include "cli/commands.hpp"
namespace mtm::cli {
void setup_ingest(CLI::App&) {}
}  // namespace mtm::cli
