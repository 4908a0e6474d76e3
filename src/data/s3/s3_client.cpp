#include "data/s3/s3_client.hpp"

#include <curl/curl.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <mutex>
#include <thread>

namespace mtm::data::s3 {

namespace fs = std::filesystem;

namespace {

// Error bodies are small XML documents; anything longer is not worth keeping in memory.
constexpr std::size_t kMaxErrorBody = std::size_t{64} * 1024;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_transient(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_PARTIAL_FILE:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SSL_CONNECT_ERROR: return true;
    default: return false;
  }
}

struct CurlDeleter {
  void operator()(CURL* c) const noexcept { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const noexcept { curl_slist_free_all(l); }
};

struct Transfer {
  CURL* curl = nullptr;
  std::FILE* file = nullptr;  // body sink for 2xx when downloading
  std::string body;           // body for listings and error documents
  std::string etag;
  std::int64_t bytes = 0;
  bool write_failed = false;
};

long response_code(CURL* curl) {
  long code = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &code);
  return code;
}

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t len = size * n;
  const long code = response_code(t->curl);
  if (t->file != nullptr && code >= 200 && code < 300) {
    if (std::fwrite(data, 1, len, t->file) != len) {
      t->write_failed = true;
      return 0;
    }
  } else if (t->body.size() < kMaxErrorBody || (t->file == nullptr && code >= 200 && code < 300)) {
    t->body.append(data, len);
  }
  t->bytes += static_cast<std::int64_t>(len);
  return len;
}

std::size_t on_header(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const std::size_t len = size * n;
  std::string_view line(data, len);
  // A new status line (after a 100 Continue, say) starts a fresh header block.
  if (line.rfind("HTTP/", 0) == 0) t->etag.clear();
  constexpr std::string_view kEtag = "etag:";
  if (line.size() > kEtag.size()) {
    std::string head(line.substr(0, kEtag.size()));
    for (auto& ch : head) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (head == kEtag) {
      std::string_view v = line.substr(kEtag.size());
      while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
      while (!v.empty() && (v.back() == '\r' || v.back() == '\n' || v.back() == ' ')) v.remove_suffix(1);
      t->etag = std::string(v);
    }
  }
  return len;
}

std::string describe_http_error(long status, const std::string& body, const Credentials& creds) {
  std::string text = "HTTP " + std::to_string(status);
  if (auto err = parse_error_body(body)) {
    text = "S3 error " + (err->code.empty() ? std::string("(no code)") : err->code) +
           (err->message.empty() ? "" : ": " + err->message) + " (HTTP " + std::to_string(status) + ")";
    if (err->code == "InvalidAccessKeyId" || err->code == "SignatureDoesNotMatch" || err->code == "AccessDenied") {
      text += "; access key id " + mask_secret(creds.access_key_id) + " from " + creds.origin;
    }
  } else if (status == 404) {
    text = "not found (HTTP 404)";
  }
  return text;
}

}  // namespace

S3Location parse_s3_url(std::string_view url, const std::string& parameter) {
  constexpr std::string_view kScheme = "s3://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    throw ValidationError(parameter, "'" + std::string(url) + "' is not an s3://bucket/prefix URL");
  }
  std::string_view rest = url.substr(kScheme.size());
  const std::size_t slash = rest.find('/');
  S3Location loc;
  loc.bucket = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) loc.prefix = std::string(rest.substr(slash + 1));
  // Bucket names per the S3 rules: 3–63 of [a-z0-9.-], starting and ending with a letter or digit.
  const auto valid_char = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
  };
  const auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  bool ok = loc.bucket.size() >= 3 && loc.bucket.size() <= 63 && alnum(loc.bucket.front()) && alnum(loc.bucket.back());
  for (char c : loc.bucket) ok = ok && valid_char(c);
  if (!ok) {
    throw ValidationError(parameter, "'" + std::string(url) + "': bucket name '" + loc.bucket +
                                         "' must be 3-63 characters of a-z, 0-9, '.' and '-'");
  }
  while (!loc.prefix.empty() && loc.prefix.front() == '/') loc.prefix.erase(0, 1);
  if (loc.prefix.find("//") != std::string::npos) {
    throw ValidationError(parameter, "'" + std::string(url) + "': empty path segment in the prefix");
  }
  if (!loc.prefix.empty() && loc.prefix.back() != '/') loc.prefix += '/';
  return loc;
}

std::string uri_encode(std::string_view text, bool keep_slash) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size() * 3);
  for (unsigned char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '_' || c == '.' || c == '~';
    if (unreserved || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

struct S3Client::Response {
  long status = 0;
  std::string body;
  std::string etag;
  std::int64_t bytes = 0;
  int attempts = 0;
  std::int64_t content_length = -1;
};

S3Client::S3Client(Credentials credentials, const RetryPolicy& policy)
    : credentials_(std::move(credentials)), policy_(policy), endpoint_(credentials_.endpoint) {
  global_init();
  if (endpoint_.rfind("http://", 0) != 0 && endpoint_.rfind("https://", 0) != 0) {
    throw ConfigurationError("S3 endpoint '" + endpoint_ + "' must start with http:// or https://");
  }
  while (!endpoint_.empty() && endpoint_.back() == '/') endpoint_.pop_back();
  if (policy_.max_tries < 1) policy_.max_tries = 1;
}

std::string S3Client::object_url(const std::string& bucket, const std::string& key) const {
  return endpoint_ + "/" + uri_encode(bucket, false) + "/" + uri_encode(key, true);
}

S3Client::Response S3Client::perform(const std::string& method, const std::string& url, const std::string& source,
                                     const std::vector<std::string>& extra_headers, const fs::path* body_file) const {
  const std::string sigv4 = "aws:amz:" + credentials_.region + ":s3";
  const std::string userpwd = credentials_.access_key_id + ":" + credentials_.secret_access_key;
  std::string last_problem;
  for (int attempt = 1; attempt <= policy_.max_tries; ++attempt) {
    if (attempt > 1) std::this_thread::sleep_for(policy_.backoff * (1 << (attempt - 2)));
    std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
    if (!curl) throw DataLoadError(source, "cannot create a libcurl handle");
    std::unique_ptr<curl_slist, SlistDeleter> headers;
    auto add_header = [&headers](const std::string& h) {
      curl_slist* next = curl_slist_append(headers.get(), h.c_str());
      if (next == nullptr) throw std::bad_alloc();
      (void)headers.release();
      headers.reset(next);
    };
    // libcurl before 8.x does not add the payload hash S3 requires; all our requests have empty bodies.
    add_header("x-amz-content-sha256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    if (!credentials_.session_token.empty()) add_header("x-amz-security-token: " + credentials_.session_token);
    for (const auto& h : extra_headers) add_header(h);

    Transfer t;
    t.curl = curl.get();
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(nullptr, &std::fclose);
    fs::path part;
    if (body_file != nullptr) {
      part = *body_file;
      part += ".part";
      file.reset(std::fopen(part.c_str(), "wb"));
      if (!file) throw DataLoadError(part.string(), "cannot open file for writing");
      t.file = file.get();
    }
    char errbuf[CURL_ERROR_SIZE] = {0};
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, policy_.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, policy_.low_speed_seconds);
    curl_easy_setopt(c, CURLOPT_AWS_SIGV4, sigv4.c_str());
    curl_easy_setopt(c, CURLOPT_USERPWD, userpwd.c_str());
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &t);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &t);
    if (method == "HEAD") curl_easy_setopt(c, CURLOPT_NOBODY, 1L);

    requests_->fetch_add(1);
    const CURLcode rc = curl_easy_perform(c);
    const long status = response_code(c);
    if (file) {
      const bool close_ok = std::fclose(file.release()) == 0;
      t.write_failed = t.write_failed || !close_ok;
    }
    auto drop_part = [&part] {
      std::error_code ec;
      if (!part.empty()) fs::remove(part, ec);
    };
    if (t.write_failed) {
      drop_part();
      throw DataLoadError(part.string(), "cannot write the downloaded data (disk full?)");
    }
    if (rc != CURLE_OK) {
      drop_part();
      last_problem = std::string(errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc));
      if (is_transient(rc)) continue;
      throw DataLoadError(source, "request failed: " + last_problem);
    }
    if (status >= 500) {
      drop_part();
      last_problem = describe_http_error(status, t.body, credentials_);
      continue;
    }
    curl_off_t length = -1;
    curl_easy_getinfo(c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
    Response r{status, std::move(t.body), std::move(t.etag), t.bytes, attempt, static_cast<std::int64_t>(length)};
    if (body_file != nullptr) {
      if (status >= 200 && status < 300) {
        std::error_code ec;
        fs::rename(part, *body_file, ec);
        if (ec) {
          drop_part();
          throw DataLoadError(body_file->string(), "cannot move the download into place: " + ec.message());
        }
      } else {
        drop_part();
      }
    }
    return r;
  }
  throw S3UnavailableError(source, "cannot reach S3 endpoint " + endpoint_ + " after " +
                                       std::to_string(policy_.max_tries) + " tries: " + last_problem);
}

std::vector<ObjectInfo> S3Client::list_objects(const std::string& bucket, const std::string& prefix,
                                               int max_keys) const {
  const std::string source = "s3://" + bucket + "/" + prefix;
  std::vector<ObjectInfo> all;
  std::string token;
  // Bounded so a server that keeps returning the same token cannot loop forever.
  for (int page = 0; page < 100000; ++page) {
    // Parameters in sorted order and fully encoded, so the URL is already SigV4's canonical query string.
    std::string query;
    if (!token.empty()) query += "continuation-token=" + uri_encode(token, false) + "&";
    query += "list-type=2&max-keys=" + std::to_string(max_keys) + "&prefix=" + uri_encode(prefix, false);
    const Response r = perform("GET", endpoint_ + "/" + uri_encode(bucket, false) + "?" + query, source, {}, nullptr);
    if (r.status != 200) throw DataLoadError(source, describe_http_error(r.status, r.body, credentials_));
    ListPage p = parse_list_objects(r.body, source);
    for (auto& o : p.objects) all.push_back(std::move(o));
    if (!p.truncated) return all;
    if (p.next_token == token) throw DataLoadError(source, "listing repeats the same continuation token");
    token = p.next_token;
  }
  throw DataLoadError(source, "listing has too many pages");
}

std::optional<ObjectInfo> S3Client::head_object(const std::string& bucket, const std::string& key) const {
  const std::string source = "s3://" + bucket + "/" + key;
  const Response r = perform("HEAD", object_url(bucket, key), source, {}, nullptr);
  if (r.status == 404) return std::nullopt;
  if (r.status != 200) throw DataLoadError(source, describe_http_error(r.status, r.body, credentials_));
  return ObjectInfo{key, r.etag, r.content_length};
}

GetResult S3Client::get_object(const std::string& bucket, const std::string& key, const fs::path& dest,
                               const std::string& if_none_match) const {
  const std::string source = "s3://" + bucket + "/" + key;
  std::vector<std::string> headers;
  if (!if_none_match.empty()) headers.push_back("If-None-Match: " + if_none_match);
  const Response r = perform("GET", object_url(bucket, key), source, headers, &dest);
  if (r.status == 304) return GetResult{true, if_none_match, 0, r.attempts};
  if (r.status != 200) throw DataLoadError(source, describe_http_error(r.status, r.body, credentials_));
  return GetResult{false, r.etag, r.bytes, r.attempts};
}

}  // namespace mtm::data::s3
