// The S3 side of a resolved configuration (s3.* keys), shared by every subcommand that reads an s3:// data
// source: fetch, ingest and serve.
#pragma once

#include "core/config.hpp"
#include "data/s3/credentials.hpp"

namespace mtm::cli {

/// The configured endpoint and region with keys from the AWS_* variables or the credentials file; throws
/// ConfigurationError when none are usable.
data::s3::Credentials s3_credentials_from(const Config& config);

}  // namespace mtm::cli
