// `mangetamain generate`: write a synthetic Food.com dataset (RAW_recipes.csv, RAW_interactions.csv and the
// GENERATED.json marker) calibrated to the real data's published statistics.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.hpp"
#include "data/generator/generator.hpp"

namespace mtm::cli {

void setup_generate(CLI::App& app) {
  auto options = std::make_shared<data::GeneratorOptions>();
  auto out = std::make_shared<std::string>();
  CLI::App* sub = app.add_subcommand("generate", "Write a synthetic Food.com dataset in the Kaggle CSV format");
  sub->add_option("--out", *out, "Output directory (created if missing)")->required();
  sub->add_option("--scale", options->scale,
                  "Multiple of the real row counts, 0.01 to 10 (above 1: more rows per year, for capacity tests)")
      ->capture_default_str();
  sub->add_option("--seed", options->seed, "Random seed; the same seed gives the same bytes")->capture_default_str();
  sub->add_option("--threads", options->threads, "Worker threads (0 = all cores); does not change the output")
      ->capture_default_str();
  sub->callback([options, out] {
    options->out_dir = *out;
    data::validate(*options);
    const data::GeneratorSummary s = data::generate(*options);
    fmt::print(
        "generated {} recipes ({} contributors) and {} interactions ({} users) into {} in {:.1f} s "
        "(synthetic, seed {}, scale {})\n",
        s.recipes, s.contributors, s.interactions, s.users, options->out_dir.string(), s.seconds, options->seed,
        options->scale);
  });
}

}  // namespace mtm::cli
