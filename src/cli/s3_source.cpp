#include "cli/s3_source.hpp"

#include <filesystem>

namespace mtm::cli {

data::s3::Credentials s3_credentials_from(const Config& config) {
  const data::s3::CredentialFlags flags{config.s3.endpoint, config.s3.region, config.s3.profile,
                                        config.s3.credentials_file};
  return data::s3::resolve_credentials(flags, data::s3::process_env(), std::filesystem::current_path());
}

}  // namespace mtm::cli
