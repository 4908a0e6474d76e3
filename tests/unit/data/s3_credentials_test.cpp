// Tests for S3 credential resolution (flags > env > INI file), the INI parser and secret masking.
#include <gtest/gtest.h>

#include <map>

#include "core/errors.hpp"
#include "data/s3/credentials.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data::s3 {
namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  };
}

const char* kIni =
    "# keys for the project buckets\n"
    "[default]\n"
    "aws_access_key_id = DEFAULTKEYID0001\n"
    "aws_secret_access_key = defaultsecret\n"
    "\n"
    "[s3fast]\r\n"
    "AWS_Access_Key_Id=GKFASTKEYID00042\r\n"
    "aws_secret_access_key =  fast/secret=  \r\n"
    "endpoint_url = http://s3fast.example:3900\n"
    "region = garage-fast\n"
    "; a comment\n"
    "[profile other]\n"
    "aws_access_key_id = OTHERKEYID000007\n"
    "aws_secret_access_key = othersecret\n";

TEST(S3Credentials, ParsesIniSectionsKeysAndComments) {
  const IniFile ini = parse_ini(kIni, "credentials");
  ASSERT_EQ(ini.size(), 3u);
  EXPECT_EQ(ini.at("s3fast").at("aws_access_key_id"), "GKFASTKEYID00042");
  EXPECT_EQ(ini.at("s3fast").at("aws_secret_access_key"), "fast/secret=");
  EXPECT_EQ(ini.at("s3fast").at("region"), "garage-fast");
  EXPECT_EQ(ini.at("other").at("aws_access_key_id"), "OTHERKEYID000007");
}

TEST(S3Credentials, IniRejectsLineWithoutEquals) {
  try {
    (void)parse_ini("[a]\nx = 1\njunk line\n", "creds.ini");
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    EXPECT_STREQ(e.what(), "creds.ini:3:1: expected 'key = value'");
  }
}

TEST(S3Credentials, IniRejectsKeyBeforeSectionAndUnclosedSection) {
  EXPECT_THROW((void)parse_ini("x = 1\n", "c"), DataLoadError);
  EXPECT_THROW((void)parse_ini("[abc\n", "c"), DataLoadError);
  EXPECT_THROW((void)parse_ini("[]\n", "c"), DataLoadError);
}

TEST(S3Credentials, EnvironmentKeysWinOverFile) {
  test::TempDir dir;
  const auto file = dir.write("creds", kIni);
  CredentialFlags flags;
  flags.credentials_file = file.string();
  const Credentials c = resolve_credentials(flags,
                                            env_of({{"AWS_ACCESS_KEY_ID", "ENVKEYID00000001"},
                                                    {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                                                    {"AWS_SESSION_TOKEN", "tok"},
                                                    {"AWS_REGION", "eu-west-3"}}),
                                            dir.path());
  EXPECT_EQ(c.access_key_id, "ENVKEYID00000001");
  EXPECT_EQ(c.secret_access_key, "envsecret");
  EXPECT_EQ(c.session_token, "tok");
  EXPECT_EQ(c.origin, "environment");
  EXPECT_EQ(c.region, "eu-west-3");                     // env beats the file's garage-fast
  EXPECT_EQ(c.endpoint, "http://s3fast.example:3900");  // only the file has one
}

TEST(S3Credentials, FlagsWinOverEnvironment) {
  CredentialFlags flags;
  flags.endpoint = "http://127.0.0.1:9000";
  flags.region = "garage";
  const Credentials c = resolve_credentials(flags,
                                            env_of({{"AWS_ACCESS_KEY_ID", "K1234567890"},
                                                    {"AWS_SECRET_ACCESS_KEY", "s"},
                                                    {"AWS_ENDPOINT_URL", "http://other:1"},
                                                    {"AWS_REGION", "eu-west-3"},
                                                    {"AWS_DEFAULT_REGION", "us-west-2"}}),
                                            "/nonexistent-dir-for-test");
  EXPECT_EQ(c.endpoint, "http://127.0.0.1:9000");
  EXPECT_EQ(c.region, "garage");
}

TEST(S3Credentials, DefaultRegionVariableAndAwsDefault) {
  CredentialFlags flags;
  auto c = resolve_credentials(
      flags, env_of({{"AWS_ACCESS_KEY_ID", "K"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_DEFAULT_REGION", "us-west-2"}}),
      "/nonexistent-dir-for-test");
  EXPECT_EQ(c.region, "us-west-2");
  EXPECT_EQ(c.endpoint, "https://s3.us-west-2.amazonaws.com");
  c = resolve_credentials(flags, env_of({{"AWS_ACCESS_KEY_ID", "K"}, {"AWS_SECRET_ACCESS_KEY", "s"}}),
                          "/nonexistent-dir-for-test");
  EXPECT_EQ(c.region, "us-east-1");
}

TEST(S3Credentials, FileProfileS3fastIsTheDefaultAndFoundInParents) {
  test::TempDir dir;
  std::filesystem::create_directories(dir / "96_keys");
  dir.write("96_keys/credentials", kIni);
  std::filesystem::create_directories(dir / "a" / "b");
  const Credentials c = resolve_credentials({}, env_of({}), dir / "a" / "b");
  EXPECT_EQ(c.access_key_id, "GKFASTKEYID00042");
  EXPECT_EQ(c.secret_access_key, "fast/secret=");
  EXPECT_EQ(c.endpoint, "http://s3fast.example:3900");
  EXPECT_EQ(c.region, "garage-fast");
  EXPECT_NE(c.origin.find("[s3fast]"), std::string::npos);
}

TEST(S3Credentials, NamedProfileBeatsEnvironmentKeys) {
  test::TempDir dir;
  CredentialFlags flags;
  flags.credentials_file = dir.write("creds", kIni).string();
  flags.profile = "other";
  const Credentials c =
      resolve_credentials(flags, env_of({{"AWS_ACCESS_KEY_ID", "ENVKEY"}, {"AWS_SECRET_ACCESS_KEY", "e"}}), dir.path());
  EXPECT_EQ(c.access_key_id, "OTHERKEYID000007");
  EXPECT_EQ(c.region, "us-east-1");
}

TEST(S3Credentials, MissingProfileIsAConfigurationError) {
  test::TempDir dir;
  CredentialFlags flags;
  flags.credentials_file = dir.write("creds", kIni).string();
  flags.profile = "nope";
  try {
    (void)resolve_credentials(flags, env_of({}), dir.path());
    FAIL() << "no error";
  } catch (const ConfigurationError& e) {
    EXPECT_NE(std::string(e.what()).find("profile [nope] not found"), std::string::npos);
  }
}

TEST(S3Credentials, NoKeysAnywhereIsAConfigurationError) {
  EXPECT_THROW((void)resolve_credentials({}, env_of({{"AWS_ACCESS_KEY_ID", "only-the-id"}}), "/nonexistent-dir-x"),
               ConfigurationError);
  CredentialFlags flags;
  flags.credentials_file = "/nonexistent-dir-x/creds";
  EXPECT_THROW((void)resolve_credentials(flags, env_of({}), "/"), ConfigurationError);
}

TEST(S3Credentials, MasksSecrets) {
  EXPECT_EQ(mask_secret("AKIAIOSFODNN7EXAMPLE"), "AKIA\xE2\x80\xA6PLE");
  EXPECT_EQ(mask_secret("GK31c2f218a2e44f485b94239e"),
            "GK31\xE2\x80\xA6"
            "39e");
  EXPECT_EQ(mask_secret("S3RVER"), "***");
  EXPECT_EQ(mask_secret(""), "***");
}

}  // namespace
}  // namespace mtm::data::s3
