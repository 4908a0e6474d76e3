// mangetamain: one binary for generating, ingesting, analysing and serving the Food.com dataset.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/commands.hpp"
#include "core/errors.hpp"
#include "core/version_info.hpp"

namespace {

int run(int argc, char** argv) {
  CLI::App app{"Mangetamain Analytics: the Food.com recipes and ratings dataset, analysed"};
  app.set_version_flag("--version", fmt::format("mangetamain {} (commit {}, built {})", mtm::version::kVersion,
                                                mtm::version::kGitCommit, mtm::version::kBuildDate));
  app.require_subcommand(1);
  mtm::cli::setup_generate(app);
  mtm::cli::setup_ingest(app);
  mtm::cli::setup_analyze(app);
  mtm::cli::setup_query(app);
  mtm::cli::setup_serve(app);
  mtm::cli::setup_fetch(app);
  mtm::cli::setup_config(app);
  mtm::cli::setup_healthcheck(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const mtm::Error& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  // Last resort: even a failure while setting up the command line (out of memory, a throwing printer)
  // ends with one line and a non-zero status, never std::terminate's abort.
  try {
    return run(argc, argv);
  } catch (...) {
    std::fputs("error: unexpected internal failure\n", stderr);
    return 1;
  }
}
