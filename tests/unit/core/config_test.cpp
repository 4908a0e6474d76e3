#include "core/config.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace mtm {
namespace {

using ::testing::HasSubstr;

ConfigEnvLookup fake_env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto found = values.find(name);
    if (found == values.end()) return std::nullopt;
    return found->second;
  };
}

ConfigInputs inputs_with(std::map<std::string, std::string> env, std::string file = {}) {
  ConfigInputs inputs;
  inputs.env = fake_env(std::move(env));
  inputs.config_file = std::move(file);
  inputs.cwd = "/srv/app";
  return inputs;
}

std::string error_of(const ConfigInputs& inputs) {
  try {
    load_config(inputs);
  } catch (const ConfigurationError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Config, DefaultsDependOnTheEnvironment) {
  const Config local = load_config(inputs_with({}));
  EXPECT_EQ(local.environment, Environment::Local);
  EXPECT_EQ(local.server.port, 8501);
  EXPECT_EQ(local.log.console_level, "info");
  EXPECT_TRUE(local.log.console_color);
  EXPECT_EQ(local.badge, "LOCAL");
  EXPECT_EQ(local.origin("server.port").source, ConfigSource::Default);
  EXPECT_EQ(local.origin("server.port").where, "LOCAL default");

  const Config preprod = load_config(inputs_with({{"APP_ENV", "PrePROD"}}));
  EXPECT_EQ(preprod.environment, Environment::Preprod);
  EXPECT_EQ(preprod.server.port, 8500);
  EXPECT_EQ(preprod.log.errors_files, 7U);
  EXPECT_EQ(preprod.log.interactions_days, 90U);
  EXPECT_EQ(preprod.log.level, "debug");
  EXPECT_EQ(preprod.badge, "PREPROD");
  EXPECT_EQ(preprod.origin("app.env").where, "APP_ENV");

  const Config prod = load_config(inputs_with({{"APP_ENV", "prod"}}));
  EXPECT_EQ(prod.server.port, 8501);
  EXPECT_EQ(prod.log.errors_files, 30U);
  EXPECT_EQ(prod.log.interactions_days, 30U);
  EXPECT_EQ(prod.log.console_level, "warn");
  EXPECT_FALSE(prod.log.console_color);
  EXPECT_EQ(prod.log.level, "info");
}

TEST(Config, DuckDbMemoryLimitOfServeIsASizeOfAtLeast16M) {
  EXPECT_EQ(load_config(inputs_with({})).db_memory_bytes, std::size_t{64} << 20);
  const Config config = load_config(inputs_with({{"MANGETAMAIN_DATA_DB_MEMORY", "1G"}}));
  EXPECT_EQ(config.db_memory_bytes, std::size_t{1} << 30);
  EXPECT_EQ(config.origin("data.db_memory").source, ConfigSource::Environment);
  EXPECT_THAT(error_of(inputs_with({{"MANGETAMAIN_DATA_DB_MEMORY", "8M"}})), HasSubstr("MANGETAMAIN_DATA_DB_MEMORY"));
}

TEST(Config, EnvironmentFromThePathWhenAppEnvIsUnset) {
  ConfigInputs inputs = inputs_with({});
  inputs.cwd = "/home/app/mangetamain/10_preprod/current";
  Config config = load_config(inputs);
  EXPECT_EQ(config.environment, Environment::Preprod);
  EXPECT_EQ(config.origin("app.env").where, "path /home/app/mangetamain/10_preprod/current");
  inputs.cwd = "/home/app/mangetamain/20_prod";
  EXPECT_EQ(load_config(inputs).environment, Environment::Prod);
  // APP_ENV wins over the path.
  inputs.env = fake_env({{"APP_ENV", "local"}});
  EXPECT_EQ(load_config(inputs).environment, Environment::Local);
}

TEST(Config, FlagBeatsEnvironmentBeatsFileBeatsDefault) {
  test::TempDir dir;
  const auto file = dir.write("app.ini",
                              "# comment\n[server]\nport = 7001\nhost = 0.0.0.0\nthreads = 3\n"
                              "[log]\ndir = /var/log/mtm  \n[data]\ndb = \"/data/x.duckdb\"\n");
  ConfigInputs inputs = inputs_with({{"MANGETAMAIN_PORT", "7002"}, {"MANGETAMAIN_HOST", "10.0.0.1"}}, file.string());
  inputs.flags["server.port"] = {"7003", "--port"};
  const Config config = load_config(inputs);

  EXPECT_EQ(config.server.port, 7003);
  EXPECT_EQ(config.origin("server.port").source, ConfigSource::Flag);
  EXPECT_EQ(config.origin("server.port").where, "--port");

  EXPECT_EQ(config.server.host, "10.0.0.1");
  EXPECT_EQ(config.origin("server.host").source, ConfigSource::Environment);
  EXPECT_EQ(config.origin("server.host").where, "MANGETAMAIN_HOST");

  EXPECT_EQ(config.server.threads, 3U);
  EXPECT_EQ(config.origin("server.threads").source, ConfigSource::File);
  EXPECT_EQ(config.origin("server.threads").where, file.string() + ":5");
  EXPECT_EQ(config.log.dir, "/var/log/mtm");
  EXPECT_EQ(config.data.db, "/data/x.duckdb");

  EXPECT_EQ(config.cache_bytes, std::size_t{64} << 20);
  EXPECT_EQ(config.origin("cache.bytes").source, ConfigSource::Default);
  EXPECT_EQ(config.file, file.string());
}

TEST(Config, FileNamedByTheEnvironmentAndItsEnvironmentKey) {
  test::TempDir dir;
  const auto file = dir.write("preprod.ini", "[app]\nenv = preprod\n");
  const Config config = load_config(inputs_with({{"MANGETAMAIN_CONFIG", file.string()}}));
  EXPECT_EQ(config.environment, Environment::Preprod);
  EXPECT_EQ(config.server.port, 8500);
  EXPECT_EQ(config.origin("app.env").source, ConfigSource::File);
  EXPECT_EQ(config.origin("server.port").where, "PREPROD default");
}

TEST(Config, SecretsAreMaskedInTheDescription) {
  const Config config = load_config(inputs_with({{"MANGETAMAIN_ADMIN_TOKEN", "s3cr3t-t0ken"}}));
  EXPECT_EQ(config.admin_token, "s3cr3t-t0ken");
  bool seen = false;
  for (const auto& line : describe_config(config)) {
    EXPECT_THAT(line.value, ::testing::Not(HasSubstr("s3cr3t")));
    if (line.key == "admin.token") {
      seen = true;
      EXPECT_EQ(line.value, "********");
      EXPECT_EQ(line.origin.where, "MANGETAMAIN_ADMIN_TOKEN");
    }
  }
  EXPECT_TRUE(seen);
  for (const auto& line : describe_config(load_config(inputs_with({})))) {
    if (line.key == "admin.token") {
      EXPECT_EQ(line.value, "(unset)");
    }
  }
}

TEST(Config, EveryKeyIsDescribedWithItsVariable) {
  const auto lines = describe_config(load_config(inputs_with({})));
  ASSERT_EQ(lines.size(), config_keys().size());
  for (const auto& key : {"server.host", "server.port", "server.threads", "data.db", "data.source", "s3.endpoint",
                          "s3.region", "s3.profile", "s3.credentials_file", "cache.bytes", "log.dir", "log.level",
                          "admin.token", "events.rate_per_minute"}) {
    const auto found = std::find_if(lines.begin(), lines.end(), [&](const ConfigLine& l) { return l.key == key; });
    EXPECT_NE(found, lines.end()) << key;
  }
  for (const auto& info : config_keys()) {
    EXPECT_TRUE(info.env == "APP_ENV" || info.env.rfind("MANGETAMAIN_", 0) == 0) << info.env;
  }
}

TEST(Config, BadValuesNameTheirSource) {
  EXPECT_EQ(error_of(inputs_with({{"MANGETAMAIN_PORT", "80a"}})),
            "MANGETAMAIN_PORT: server.port '80a' is invalid: expected an integer between 0 and 65535");
  EXPECT_THAT(error_of(inputs_with({{"APP_ENV", "staging"}})), HasSubstr("APP_ENV: app.env 'staging' is invalid"));

  ConfigInputs flag = inputs_with({});
  flag.flags["cache.bytes"] = {"lots", "--cache-bytes"};
  EXPECT_THAT(error_of(flag), HasSubstr("--cache-bytes: cache.bytes 'lots' is invalid: expected a size"));
  flag.flags = {{"no.such", {"1", "--set no.such"}}};
  EXPECT_EQ(error_of(flag), "--set no.such: unknown configuration key 'no.such'");

  test::TempDir dir;
  const auto bad_value = dir.write("a.ini", "[log]\n\nlevel = loud\n");
  EXPECT_THAT(error_of(inputs_with({}, bad_value.string())),
              HasSubstr(bad_value.string() + ":3: log.level 'loud' is invalid: expected trace, debug"));
  const auto unknown_key = dir.write("b.ini", "[server]\nprot = 1\n");
  EXPECT_EQ(error_of(inputs_with({}, unknown_key.string())),
            unknown_key.string() + ":2: unknown key 'prot' in [server]");
  const auto unknown_section = dir.write("c.ini", "[serve]\nport = 1\n");
  EXPECT_EQ(error_of(inputs_with({}, unknown_section.string())),
            unknown_section.string() + ":2: unknown section [serve]");
  const auto syntax = dir.write("d.ini", "[server\n");
  EXPECT_THAT(error_of(inputs_with({}, syntax.string())), HasSubstr(syntax.string() + ":1:1: expected ']'"));
  EXPECT_THAT(error_of(inputs_with({}, (dir / "missing.ini").string())), HasSubstr("missing.ini' (from --config)"));
  EXPECT_THAT(error_of(inputs_with({{"MANGETAMAIN_CONFIG", (dir / "gone.ini").string()}})),
              HasSubstr("(from MANGETAMAIN_CONFIG) cannot be read"));
}

TEST(Config, ByteSizes) {
  EXPECT_EQ(parse_byte_size("65536"), 65536U);
  EXPECT_EQ(parse_byte_size("64K"), 65536U);
  EXPECT_EQ(parse_byte_size("64KiB"), 65536U);
  EXPECT_EQ(parse_byte_size("10m"), 10U * 1024 * 1024);
  EXPECT_EQ(parse_byte_size("1GB"), std::size_t{1} << 30);
  EXPECT_EQ(parse_byte_size(" 2M "), 2U << 20);
  EXPECT_EQ(parse_byte_size("1.5M"), std::nullopt);
  EXPECT_EQ(parse_byte_size("-1"), std::nullopt);
  EXPECT_EQ(parse_byte_size("M"), std::nullopt);
  EXPECT_EQ(parse_byte_size(""), std::nullopt);
  EXPECT_EQ(parse_byte_size("99999999999999999999G"), std::nullopt);
}

TEST(Config, BooleansAndNumbers) {
  ConfigInputs inputs = inputs_with({{"MANGETAMAIN_SERVER_ACCESS_LOG", "off"},
                                     {"MANGETAMAIN_SERVER_SLOW_REQUEST_MS", "250.5"},
                                     {"MANGETAMAIN_LOG_CONSOLE_COLOR", "YES"}});
  const Config config = load_config(inputs);
  EXPECT_FALSE(config.server.access_log);
  EXPECT_DOUBLE_EQ(config.server.slow_request_ms, 250.5);
  EXPECT_TRUE(config.log.console_color);
  EXPECT_THAT(error_of(inputs_with({{"MANGETAMAIN_SERVER_ACCESS_LOG", "maybe"}})), HasSubstr("expected true or false"));
  EXPECT_THAT(error_of(inputs_with({{"MANGETAMAIN_SERVER_SLOW_REQUEST_MS", "-3"}})),
              HasSubstr("expected a number of at least 0"));
}

TEST(Config, SourceNames) {
  EXPECT_EQ(config_source_name(ConfigSource::Default), "default");
  EXPECT_EQ(config_source_name(ConfigSource::File), "file");
  EXPECT_EQ(config_source_name(ConfigSource::Environment), "environment");
  EXPECT_EQ(config_source_name(ConfigSource::Flag), "flag");
}

}  // namespace
}  // namespace mtm
