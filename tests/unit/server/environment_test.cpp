#include "core/environment.hpp"

#include <gtest/gtest.h>

#include <cstdlib>

namespace mtm {
namespace {

TEST(Environment, ParsesAnyLetterCase) {
  EXPECT_EQ(parse_environment("prod"), Environment::Prod);
  EXPECT_EQ(parse_environment("PROD"), Environment::Prod);
  EXPECT_EQ(parse_environment("PrePrpropd"), std::nullopt);
  EXPECT_EQ(parse_environment("PREPROD"), Environment::Preprod);
  EXPECT_EQ(parse_environment(" preprod\n"), Environment::Preprod);
  EXPECT_EQ(parse_environment("Local"), Environment::Local);
  EXPECT_EQ(parse_environment("production"), std::nullopt);
  EXPECT_EQ(parse_environment(""), std::nullopt);
}

TEST(Environment, DetectsFromAppEnv) {
  ::setenv("APP_ENV", "Preprod", 1);
  EXPECT_EQ(detect_environment(), Environment::Preprod);
  ::setenv("APP_ENV", "PROD", 1);
  EXPECT_EQ(detect_environment(), Environment::Prod);
  ::setenv("APP_ENV", "staging", 1);
  EXPECT_EQ(detect_environment(), Environment::Local);
  ::unsetenv("APP_ENV");
  EXPECT_EQ(detect_environment(), Environment::Local);
}

TEST(Environment, DetectsFromTheDeploymentPath) {
  EXPECT_EQ(environment_from_path("/home/dataia25/mangetamain/10_preprod"), Environment::Preprod);
  EXPECT_EQ(environment_from_path("/srv/20_prod/app"), Environment::Prod);
  EXPECT_EQ(environment_from_path("/srv/app"), std::nullopt);
  EXPECT_EQ(environment_from_path(""), std::nullopt);
}

TEST(Environment, DisplayNames) {
  EXPECT_EQ(environment_name(Environment::Prod), "PROD");
  EXPECT_EQ(environment_name(Environment::Preprod), "PREPROD");
  EXPECT_EQ(environment_name(Environment::Local), "LOCAL");
}

}  // namespace
}  // namespace mtm
