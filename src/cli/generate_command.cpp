// Placeholder until the generate command lands.
#include "cli/commands.hpp"
namespace mtm::cli {
void setup_generate(CLI::App&) {}
}  // namespace mtm::cli
