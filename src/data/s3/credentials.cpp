#include "data/s3/credentials.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"
#include "core/ini.hpp"

namespace mtm::data::s3 {

namespace fs = std::filesystem;

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string first_of(std::initializer_list<std::string> values) {
  for (const auto& v : values)
    if (!v.empty()) return v;
  return {};
}

std::string env_or_empty(const EnvLookup& env, const std::string& name) {
  return env(name).value_or(std::string());
}

}  // namespace

IniFile parse_ini(std::string_view text, const std::string& source) {
  const IniDocument doc = parse_ini_document(text, source);
  // The AWS config-file spelling "[profile name]" names the same profile.
  const auto profile_name = [](const std::string& section) {
    return section.rfind("profile ", 0) == 0 ? std::string(trim(std::string_view(section).substr(8))) : section;
  };
  IniFile ini;
  for (const auto& section : doc.sections) ini[profile_name(section)];
  for (const auto& entry : doc.entries) ini[profile_name(entry.section)][entry.key] = entry.value;
  return ini;
}

EnvLookup process_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (v == nullptr || *v == '\0') return std::nullopt;
    return std::string(v);
  };
}

std::optional<fs::path> find_credentials_file(const fs::path& start) {
  std::error_code ec;
  fs::path dir = fs::absolute(start, ec);
  if (ec) return std::nullopt;
  for (;;) {
    const fs::path candidate = dir / "96_keys" / "credentials";
    if (fs::is_regular_file(candidate, ec)) return candidate;
    if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
    dir = dir.parent_path();
  }
}

Credentials resolve_credentials(const CredentialFlags& flags, const EnvLookup& env, const fs::path& cwd) {
  // The file is read only when something is still missing after flags and environment, or a profile is named.
  std::optional<fs::path> file;
  if (!flags.credentials_file.empty()) {
    file = fs::path(flags.credentials_file);
    if (!fs::is_regular_file(*file)) {
      throw ConfigurationError("cannot open credentials file '" + flags.credentials_file + "': No such file");
    }
  } else if (auto f = env("AWS_SHARED_CREDENTIALS_FILE")) {
    file = fs::path(*f);
  } else {
    file = find_credentials_file(cwd);
  }

  std::map<std::string, std::string> profile_values;
  std::string profile_name;
  if (file && fs::is_regular_file(*file)) {
    std::ifstream in(*file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    const IniFile ini = parse_ini(text.str(), file->string());
    const std::string wanted = first_of({flags.profile, env_or_empty(env, "AWS_PROFILE")});
    if (!wanted.empty()) {
      const auto it = ini.find(wanted);
      if (it == ini.end()) {
        throw ConfigurationError("profile [" + wanted + "] not found in credentials file '" + file->string() + "'");
      }
      profile_name = wanted;
      profile_values = it->second;
    } else {
      for (const char* fallback : {"s3fast", "default"}) {
        const auto it = ini.find(fallback);
        if (it != ini.end()) {
          profile_name = fallback;
          profile_values = it->second;
          break;
        }
      }
    }
  } else if (!flags.profile.empty()) {
    throw ConfigurationError("profile [" + flags.profile + "] requested but no credentials file was found " +
                             "(give --credentials FILE or create 96_keys/credentials)");
  }
  auto from_file = [&](const char* key) {
    const auto it = profile_values.find(key);
    return it == profile_values.end() ? std::string() : it->second;
  };

  Credentials c;
  const std::string env_key = env_or_empty(env, "AWS_ACCESS_KEY_ID");
  const std::string env_secret = env_or_empty(env, "AWS_SECRET_ACCESS_KEY");
  // Keys travel as a pair: a key id from one place and a secret from another would never sign correctly.
  // An explicit --profile wins over the environment, since flags rank first.
  if (!env_key.empty() && !env_secret.empty() && flags.profile.empty()) {
    c.access_key_id = env_key;
    c.secret_access_key = env_secret;
    c.session_token = env_or_empty(env, "AWS_SESSION_TOKEN");
    c.origin = "environment";
  } else if (!from_file("aws_access_key_id").empty() && !from_file("aws_secret_access_key").empty()) {
    c.access_key_id = from_file("aws_access_key_id");
    c.secret_access_key = from_file("aws_secret_access_key");
    c.session_token = from_file("aws_session_token");
    c.origin = file->string() + " [" + profile_name + "]";
  } else {
    throw ConfigurationError(
        "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or give --credentials FILE with a "
        "profile holding aws_access_key_id and aws_secret_access_key");
  }
  c.endpoint = first_of({flags.endpoint, env_or_empty(env, "AWS_ENDPOINT_URL_S3"),
                         env_or_empty(env, "AWS_ENDPOINT_URL"), from_file("endpoint_url")});
  c.region = first_of({flags.region, env_or_empty(env, "AWS_REGION"), env_or_empty(env, "AWS_DEFAULT_REGION"),
                       from_file("region"), std::string("us-east-1")});
  if (c.endpoint.empty()) c.endpoint = "https://s3." + c.region + ".amazonaws.com";
  return c;
}

std::string mask_secret(std::string_view value) {
  if (value.size() < 10) return "***";
  return std::string(value.substr(0, 4)) + "\xE2\x80\xA6" + std::string(value.substr(value.size() - 3));
}

}  // namespace mtm::data::s3
