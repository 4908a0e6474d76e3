// S3 connection settings (keys, endpoint, region) resolved from flags, AWS_* variables and an INI credentials
// file, in that order of precedence. Pure functions over an injected environment lookup; thread-safe.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace mtm::data::s3 {

/// Everything needed to sign a request. The secret never leaves this struct in a message.
struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty when not using temporary credentials
  std::string endpoint;       // e.g. "http://127.0.0.1:9000"; scheme included
  std::string region;
  std::string origin;  // where the keys came from, e.g. "environment" or "96_keys/credentials [s3fast]"
};

/// Command-line values; an empty string means "not given".
struct CredentialFlags {
  std::string endpoint;
  std::string region;
  std::string profile;
  std::string credentials_file;
};

/// section -> key -> value, keys lower-cased; values trimmed.
using IniFile = std::map<std::string, std::map<std::string, std::string>>;

/// Returns the variable's value, or nullopt when unset or empty.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;

/// Parse an INI text (sections in [], key = value, ; and # comments); throws DataLoadError(source:line) on a bad line.
IniFile parse_ini(std::string_view text, const std::string& source);

/// The process environment as an EnvLookup.
EnvLookup process_env();

/// Look for 96_keys/credentials in start and its parents; nullopt when none exists.
std::optional<std::filesystem::path> find_credentials_file(const std::filesystem::path& start);

/// Resolve flags > env > file (profile flag, AWS_PROFILE, then "s3fast", then "default"); throws ConfigurationError
/// naming what is missing. cwd is where the 96_keys/credentials search starts.
Credentials resolve_credentials(const CredentialFlags& flags, const EnvLookup& env, const std::filesystem::path& cwd);

/// "AKIAABCDEFGHXYZ" -> "AKIA…XYZ"; short values become "***" so nothing useful leaks.
std::string mask_secret(std::string_view value);

}  // namespace mtm::data::s3
