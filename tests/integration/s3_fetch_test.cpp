// Integration tests of the S3 client and `mangetamain fetch` against a real S3 server on loopback (npm s3rver,
// objects uploaded with awscli) and against a tiny socket server that misbehaves on purpose.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/errors.hpp"
#include "data/s3/s3_cache.hpp"
#include "data/s3/s3_client.hpp"
#include "support/s3rver.hpp"
#include "support/temp_dir.hpp"

namespace mtm::data::s3 {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBucket = test::S3rver::kBucket;
constexpr const char* kKeyId = test::S3rver::kKeyId;
constexpr const char* kSecret = "not-checked-secret-42";
const std::string kGenerated = "{\"generator\": \"test\", \"seed\": 7}\n";
const std::string kDatabase = std::string("DUCK\0\x01\x02 fake database bytes", 26);

using test::free_port;

Credentials creds_for(int port, const std::string& key_id = kKeyId) {
  Credentials c;
  c.access_key_id = key_id;
  c.secret_access_key = kSecret;
  c.endpoint = "http://127.0.0.1:" + std::to_string(port);
  c.region = "us-east-1";
  c.origin = "test";
  return c;
}

// Keeps refused-connection tests quick; the default policy (3 tries, 200 ms x 2^k) is what the CLI uses.
RetryPolicy fast_policy() {
  RetryPolicy p;
  p.backoff = std::chrono::milliseconds(20);
  p.connect_timeout_ms = 2000;
  p.low_speed_seconds = 5;
  return p;
}

class S3rverTest : public ::testing::Test {
 protected:
  // One s3rver serves every S3 test of this executable; this suite uploads its objects under raw/ and db/.
  static void SetUpTestSuite() {
    data_dir_ = std::make_unique<test::TempDir>();
    port_ = test::S3rver::shared().port();
    // The upload tree: the raw CSVs, GENERATED.json, an odd key name, and a prebuilt database elsewhere.
    const fs::path up = data_dir_->path() / "upload";
    fs::create_directories(up / "raw");
    fs::create_directories(up / "db");
    fs::copy_file(test::fixture("crlf_bom/RAW_recipes.csv"), up / "raw" / "RAW_recipes.csv");
    fs::copy_file(test::fixture("crlf_bom/RAW_interactions.csv"), up / "raw" / "RAW_interactions.csv");
    data_dir_->write("upload/raw/GENERATED.json", kGenerated);
    data_dir_->write("upload/raw/odd name+1.csv", "a,b\n1,2\n");
    data_dir_->write("upload/db/mangetamain.duckdb", kDatabase);
    std::string out;
    ASSERT_EQ(test::S3rver::shared().upload(up, "", &out), 0) << out;
  }

  static void TearDownTestSuite() { data_dir_.reset(); }

  static std::string fixture_bytes(const std::string& name) { return test::read_file(test::fixture(name)); }

  static inline std::unique_ptr<test::TempDir> data_dir_;
  static inline int port_ = 0;
};

FetchRequest dataset_request(const fs::path& out, const std::string& prefix = "raw/") {
  FetchRequest r;
  r.location = S3Location{kBucket, prefix};
  r.out_dir = out;
  return r;
}

TEST_F(S3rverTest, FetchesTheDatasetFilesByteForByte) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  const FetchResult r = fetch_objects(client, dataset_request(out.path()));
  EXPECT_EQ(r.downloaded, 3);  // the two CSVs and GENERATED.json; "odd name+1.csv" is not a dataset file
  EXPECT_EQ(r.not_modified, 0);
  ASSERT_EQ(r.objects.size(), 3u);
  EXPECT_EQ(test::read_file(out / "RAW_recipes.csv"), fixture_bytes("crlf_bom/RAW_recipes.csv"));
  EXPECT_EQ(test::read_file(out / "RAW_interactions.csv"), fixture_bytes("crlf_bom/RAW_interactions.csv"));
  EXPECT_EQ(test::read_file(out / "GENERATED.json"), kGenerated);
  EXPECT_EQ(r.objects[0].bytes, static_cast<std::int64_t>(fs::file_size(test::fixture("crlf_bom/RAW_recipes.csv"))));
  EXPECT_EQ(r.objects[0].etag, "\"b643317c792d30e6394a1f959e891ae8\"");  // md5sum of the fixture file
  EXPECT_FALSE(fs::exists(out / "RAW_recipes.csv.part"));
  EXPECT_TRUE(fs::exists(out / ".s3-cache.json"));
  EXPECT_EQ(client.requests_sent(), 4);  // one listing page + three GETs
}

TEST_F(S3rverTest, RestartSendsIfNoneMatchAndDownloadsNothing) {
  test::TempDir out;
  {
    const S3Client first(creds_for(port_));
    ASSERT_EQ(fetch_objects(first, dataset_request(out.path())).downloaded, 3);
  }
  const auto mtime = fs::last_write_time(out / "RAW_recipes.csv");
  const S3Client second(creds_for(port_));  // a fresh client and cache object, as after a restart
  const FetchResult r = fetch_objects(second, dataset_request(out.path()));
  EXPECT_EQ(r.downloaded, 0);
  EXPECT_EQ(r.not_modified, 3);
  for (const auto& o : r.objects) EXPECT_EQ(o.status, FetchStatus::NotModified);
  EXPECT_EQ(second.requests_sent(), 4);
  EXPECT_EQ(fs::last_write_time(out / "RAW_recipes.csv"), mtime);
}

TEST_F(S3rverTest, DamagedCachedFileIsDownloadedAgain) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  ASSERT_EQ(fetch_objects(client, dataset_request(out.path())).downloaded, 3);
  out.write("GENERATED.json", "{}");  // a different size than recorded in the index
  const FetchResult r = fetch_objects(client, dataset_request(out.path()));
  EXPECT_EQ(r.downloaded, 1);
  EXPECT_EQ(r.not_modified, 2);
  EXPECT_EQ(test::read_file(out / "GENERATED.json"), kGenerated);
}

TEST_F(S3rverTest, FetchesOnePrebuiltObject) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  FetchRequest req = dataset_request(out.path(), "db/");
  req.object = "mangetamain.duckdb";
  const FetchResult r = fetch_objects(client, req);
  EXPECT_EQ(r.downloaded, 1);
  EXPECT_EQ(test::read_file(out / "mangetamain.duckdb"), kDatabase);
}

TEST_F(S3rverTest, EncodesKeysWithSpacesAndPlus) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  const GetResult g = client.get_object(kBucket, "raw/odd name+1.csv", out / "odd.csv");
  EXPECT_FALSE(g.not_modified);
  EXPECT_EQ(test::read_file(out / "odd.csv"), "a,b\n1,2\n");
  const auto head = client.head_object(kBucket, "raw/odd name+1.csv");
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->size, 8);
  EXPECT_EQ(head->etag, g.etag);
  EXPECT_FALSE(client.head_object(kBucket, "raw/absent.csv").has_value());
}

TEST_F(S3rverTest, ListingFollowsContinuationTokens) {
  const S3Client client(creds_for(port_));
  const auto all = client.list_objects(kBucket, "raw/", 1);  // one key per page
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(client.requests_sent(), 4);
  EXPECT_EQ(all[0].key, "raw/GENERATED.json");  // S3 lists in UTF-8 binary order
  EXPECT_EQ(all[1].key, "raw/RAW_interactions.csv");
}

TEST_F(S3rverTest, UnknownKeyIdIsAClearErrorWithMaskedKey) {
  test::TempDir out;
  const S3Client client(creds_for(port_, "GKUNKNOWNKEY0123"));
  try {
    (void)fetch_objects(client, dataset_request(out.path()));
    FAIL() << "no error";
  } catch (const S3UnavailableError&) {
    FAIL() << "a refused key is not an outage";
  } catch (const DataLoadError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("s3://mangetamain/raw/: S3 error InvalidAccessKeyId"), std::string::npos) << msg;
    EXPECT_NE(msg.find("GKUN\xE2\x80\xA6"
                       "123"),
              std::string::npos)
        << msg;
    EXPECT_EQ(msg.find("GKUNKNOWNKEY0123"), std::string::npos) << msg;
    EXPECT_EQ(msg.find(kSecret), std::string::npos) << msg;
  }
  EXPECT_EQ(client.requests_sent(), 1);  // 403 is not retried
}

TEST_F(S3rverTest, MissingBucketNamesNoSuchBucket) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  FetchRequest req = dataset_request(out.path());
  req.location.bucket = "no-such-bucket";
  try {
    (void)fetch_objects(client, req);
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("S3 error NoSuchBucket"), std::string::npos) << e.what();
  }
}

TEST_F(S3rverTest, MissingKeyNamesNoSuchKey) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  FetchRequest req = dataset_request(out.path(), "db/");
  req.object = "absent.duckdb";
  try {
    (void)fetch_objects(client, req);
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    EXPECT_EQ(e.source(), "s3://mangetamain/db/absent.duckdb");
    EXPECT_NE(std::string(e.what()).find("S3 error NoSuchKey"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(out / "absent.duckdb"));
  EXPECT_FALSE(fs::exists(out / "absent.duckdb.part"));
}

TEST_F(S3rverTest, PrefixWithoutTheCsvsIsAClearError) {
  test::TempDir out;
  const S3Client client(creds_for(port_));
  try {
    (void)fetch_objects(client, dataset_request(out.path(), "db/"));
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    EXPECT_STREQ(e.what(), "s3://mangetamain/db/: required object RAW_recipes.csv not found");
  }
}

TEST_F(S3rverTest, UnreachableServerFallsBackToTheCache) {
  test::TempDir out;
  ASSERT_EQ(fetch_objects(S3Client(creds_for(port_)), dataset_request(out.path())).downloaded, 3);
  const S3Client down(creds_for(free_port()), fast_policy());  // nothing listens there
  const FetchResult r = fetch_objects(down, dataset_request(out.path()));
  EXPECT_EQ(r.offline, 3);
  EXPECT_EQ(r.downloaded, 0);
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_NE(r.warnings[0].find("cannot reach S3 endpoint"), std::string::npos) << r.warnings[0];
  EXPECT_NE(r.warnings[0].find("using the cached copy"), std::string::npos) << r.warnings[0];
  EXPECT_EQ(down.requests_sent(), 3);  // the listing, tried three times
  EXPECT_EQ(test::read_file(out / "RAW_recipes.csv"), fixture_bytes("crlf_bom/RAW_recipes.csv"));
}

TEST_F(S3rverTest, CliFetchTwiceDownloadsOnceAndNeverPrintsTheSecret) {
  test::TempDir out;
  const std::string cmd = "cd '" + out.path().string() +
                          "' && AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=" + kSecret +
                          " AWS_REGION=us-east-1 AWS_ENDPOINT_URL=http://127.0.0.1:" + std::to_string(port_) + " '" +
                          test::binary_path() + "' fetch --data s3://mangetamain/raw --out dl";
  std::string first;
  ASSERT_EQ(test::run_command(cmd, &first), 0) << first;
  EXPECT_NE(first.find("3 downloaded, 0 up to date"), std::string::npos) << first;
  std::string second;
  ASSERT_EQ(test::run_command(cmd, &second), 0) << second;
  EXPECT_NE(second.find("0 downloaded, 3 up to date"), std::string::npos) << second;
  EXPECT_EQ(first.find(kSecret), std::string::npos);
  EXPECT_EQ(second.find(kSecret), std::string::npos);
  EXPECT_EQ(test::read_file(out / "dl" / "GENERATED.json"), kGenerated);
}

TEST_F(S3rverTest, CliMissingBucketExitsWithDataError) {
  test::TempDir out;
  const std::string cmd =
      "AWS_ACCESS_KEY_ID=S3RVER AWS_SECRET_ACCESS_KEY=x AWS_REGION=us-east-1 '" + test::binary_path() +
      "' fetch --data s3://no-such-bucket/raw --endpoint http://127.0.0.1:" + std::to_string(port_) + " --out '" +
      out.path().string() + "'";
  std::string output;
  EXPECT_EQ(test::run_command(cmd, &output), 3) << output;
  EXPECT_NE(output.find("error: s3://no-such-bucket/raw/: S3 error NoSuchBucket"), std::string::npos) << output;
}

TEST(S3Unreachable, RefusedConnectionWithoutCacheIsOneClearError) {
  test::TempDir out;
  const S3Client client(creds_for(free_port()), fast_policy());
  try {
    (void)fetch_objects(client, dataset_request(out.path()));
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cannot reach S3 endpoint http://127.0.0.1:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("after 3 tries"), std::string::npos) << msg;
    EXPECT_NE(msg.find("no cached copy"), std::string::npos) << msg;
  }
  EXPECT_EQ(client.requests_sent(), 3);
}

// A one-thread HTTP server that answers every request with a fixed response, then closes the connection.
class CannedServer {
 public:
  explicit CannedServer(std::string response) : response_(std::move(response)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    ::listen(fd_, 8);
    thread_ = std::thread([this] { serve(); });
  }
  ~CannedServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  CannedServer(const CannedServer&) = delete;
  CannedServer& operator=(const CannedServer&) = delete;
  [[nodiscard]] int port() const { return port_; }
  [[nodiscard]] int connections() const { return connections_.load(); }
  /// The head of the last request received (valid once the client call returned).
  [[nodiscard]] std::string last_request() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return last_request_;
  }

 private:
  void serve() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      ++connections_;
      std::string request;
      char buf[4096];
      while (request.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        request.append(buf, static_cast<std::size_t>(n));
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        last_request_ = request;
      }
      (void)::send(c, response_.data(), response_.size(), MSG_NOSIGNAL);
      ::close(c);
    }
  }

  std::string response_;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<int> connections_{0};
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::string last_request_;
  std::thread thread_;
};

TEST(S3Misbehaving, ServerClosingMidBodyLeavesNoFileAndRetriesThreeTimes) {
  CannedServer server("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\nETag: \"abc\"\r\n\r\nonly a few bytes");
  test::TempDir out;
  const S3Client client(creds_for(server.port()), fast_policy());
  EXPECT_THROW((void)client.get_object(kBucket, "raw/RAW_recipes.csv", out / "RAW_recipes.csv"), S3UnavailableError);
  EXPECT_EQ(server.connections(), 3);
  EXPECT_FALSE(fs::exists(out / "RAW_recipes.csv"));
  EXPECT_FALSE(fs::exists(out / "RAW_recipes.csv.part"));
}

TEST(S3Misbehaving, ServerErrorsAreRetriedThenReported) {
  CannedServer server(
      "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 73\r\nConnection: close\r\n\r\n"
      "<Error><Code>SlowDown</Code><Message>Please reduce rate</Message></Error>");
  test::TempDir out;
  const S3Client client(creds_for(server.port()), fast_policy());
  try {
    (void)client.list_objects(kBucket, "raw/");
    FAIL() << "no error";
  } catch (const S3UnavailableError& e) {
    EXPECT_NE(std::string(e.what()).find("S3 error SlowDown: Please reduce rate (HTTP 503)"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(server.connections(), 3);
}

TEST(S3Misbehaving, MalformedListingIsADataLoadError) {
  const std::string body = "<ListBucketResult><Contents><Key>raw/x</Contents>";
  CannedServer server("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) +
                      "\r\nConnection: close\r\n\r\n" + body);
  const S3Client client(creds_for(server.port()), fast_policy());
  try {
    (void)client.list_objects(kBucket, "raw/");
    FAIL() << "no error";
  } catch (const DataLoadError& e) {
    EXPECT_NE(std::string(e.what()).find("s3://mangetamain/raw/: malformed XML"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server.connections(), 1);
}

// Recomputes the SigV4 signature of a captured request with botocore (shipped inside Debian's awscli), so the
// signature libcurl produced is checked by an independent implementation; s3rver itself does not check it.
constexpr const char* kVerifySignature = R"PY(
import sys
import awscli
from botocore.auth import S3SigV4Auth
from botocore.credentials import Credentials
from botocore.awsrequest import AWSRequest
raw = open(sys.argv[1], 'rb').read().decode()
head = raw.split('\r\n\r\n')[0].split('\r\n')
method, target, _ = head[0].split(' ')
headers = {}
for line in head[1:]:
    k, v = line.split(':', 1)
    headers[k.strip().lower()] = v.strip()
auth_header = headers['authorization']
signed = auth_header.split('SignedHeaders=')[1].split(',')[0].split(';')
got = auth_header.split('Signature=')[1].strip()
req = AWSRequest(method=method, url='http://' + headers['host'] + target,
                 headers={h: headers[h] for h in signed if h != 'host'})
req.context['timestamp'] = headers['x-amz-date']
auth = S3SigV4Auth(Credentials(sys.argv[2], sys.argv[3]), 's3', sys.argv[4])
want = auth.signature(auth.string_to_sign(req, auth.canonical_request(req)), req)
print('signature ' + ('valid' if want == got else 'INVALID'))
)PY";

TEST(S3Signature, LibcurlSigV4MatchesBotocore) {
  CannedServer server("HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
  test::TempDir dir;
  Credentials c = creds_for(server.port(), "GKSIGTESTKEY0001");
  c.region = "garage-fast";
  const S3Client client(c, fast_policy());
  const GetResult g = client.get_object(kBucket, "raw/odd name+1.csv", dir / "x.csv", "\"etag-1\"");
  EXPECT_TRUE(g.not_modified);
  const std::string request = server.last_request();
  EXPECT_NE(request.find("GET /mangetamain/raw/odd%20name%2B1.csv HTTP/1.1"), std::string::npos) << request;
  EXPECT_NE(request.find("Credential=GKSIGTESTKEY0001/"), std::string::npos) << request;
  EXPECT_NE(request.find("/garage-fast/s3/aws4_request"), std::string::npos) << request;
  EXPECT_NE(request.find("if-none-match"), std::string::npos) << request;  // the conditional header is signed
  const auto req_file = dir.write("request.txt", request);
  const auto script = dir.write("verify.py", kVerifySignature);
  const std::string base = "/usr/bin/python3 '" + script.string() + "' '" + req_file.string() + "' GKSIGTESTKEY0001 ";
  std::string out;
  ASSERT_EQ(test::run_command(base + kSecret + " garage-fast", &out), 0) << out;
  EXPECT_EQ(out, "signature valid\n");
  ASSERT_EQ(test::run_command(base + "another-secret garage-fast", &out), 0) << out;
  EXPECT_EQ(out, "signature INVALID\n");  // the check can fail
}

}  // namespace
}  // namespace mtm::data::s3
