// `mangetamain config` and serve's configuration errors, through the real binary and its environment.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

// A clean environment apart from what each test sets: the developer's own MANGETAMAIN_* stay out.
std::string command(const std::string& env, const std::string& args) {
  return "env -i PATH=/usr/bin:/bin " + env + " " + test::binary_path() + " " + args;
}

TEST(ConfigCommand, PrintsEveryValueWithItsSourceAndMasksSecrets) {
  test::TempDir dir;
  const auto file = dir.write("preprod.ini", "[app]\nenv = preprod\n[server]\nthreads = 6\nhost = 0.0.0.0\n");
  std::string out;
  const int code =
      test::run_command(command("MANGETAMAIN_HOST=10.1.2.3 MANGETAMAIN_ADMIN_TOKEN=very-secret-token",
                                "config --json --config " + file.string() + " --port 9100 --set log.dir=/tmp/mtm-logs"),
                        &out);
  ASSERT_EQ(code, 0) << out;
  EXPECT_THAT(out, Not(HasSubstr("very-secret-token")));
  const json config = json::parse(out);
  EXPECT_EQ(config["app.env"]["value"], "preprod");
  EXPECT_EQ(config["app.env"]["source"], "file");
  EXPECT_EQ(config["server.port"]["value"], "9100");
  EXPECT_EQ(config["server.port"]["source"], "flag");
  EXPECT_EQ(config["server.port"]["from"], "--port");
  EXPECT_EQ(config["server.host"]["value"], "10.1.2.3");
  EXPECT_EQ(config["server.host"]["from"], "MANGETAMAIN_HOST");
  EXPECT_EQ(config["server.threads"]["value"], "6");
  EXPECT_EQ(config["server.threads"]["from"], file.string() + ":4");
  EXPECT_EQ(config["log.dir"]["value"], "/tmp/mtm-logs");
  EXPECT_EQ(config["log.dir"]["from"], "--set log.dir");
  EXPECT_EQ(config["log.interactions_days"]["value"], "90");
  EXPECT_EQ(config["log.interactions_days"]["from"], "PREPROD default");
  EXPECT_EQ(config["admin.token"]["value"], "********");
  EXPECT_EQ(config["admin.token"]["source"], "environment");
}

TEST(ConfigCommand, TableOutputNamesTheFile) {
  test::TempDir dir;
  const auto file = dir.write("c.ini", "[server]\nport = 8600\n");
  std::string out;
  ASSERT_EQ(test::run_command(command("MANGETAMAIN_CONFIG=" + file.string(), "config"), &out), 0) << out;
  EXPECT_THAT(out, HasSubstr("# config file: " + file.string()));
  EXPECT_THAT(out, HasSubstr("server.port"));
  EXPECT_THAT(out, HasSubstr(file.string() + ":2"));
}

TEST(ConfigCommand, BadConfigurationIsOneClearLineAndExit2) {
  test::TempDir dir;
  const auto file = dir.write("bad.ini", "[server]\nport = eighty\n");
  std::string out;
  EXPECT_EQ(test::run_command(command("", "config --config " + file.string()), &out), 2);
  EXPECT_EQ(out, "error: " + file.string() +
                     ":2: server.port 'eighty' is invalid: expected an integer between 0 and "
                     "65535\n");
  EXPECT_EQ(test::run_command(command("APP_ENV=staging", "config"), &out), 2);
  EXPECT_THAT(out, HasSubstr("APP_ENV: app.env 'staging' is invalid"));
  EXPECT_EQ(test::run_command(command("", "config --set nope"), &out), 2);
  EXPECT_THAT(out, HasSubstr("--set 'nope': expected KEY=VALUE"));
  EXPECT_EQ(test::run_command(command("", "serve --db " + (dir / "missing.duckdb").string()), &out), 2);
  EXPECT_THAT(out, HasSubstr("missing.duckdb' (from --db) does not exist"));
}

}  // namespace
}  // namespace mtm
