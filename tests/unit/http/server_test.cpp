// The real server over sockets: keep-alive, pipelining, limits, timeouts, malformed requests,
// many idle connections, the connection cap and a clean stop.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/error.hpp"
#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Connects to 127.0.0.1:port, from `source` (another loopback address) when given.
int connect_to(int port, const char *source = nullptr) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (source) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0) {
      ::close(fd);
      return -1;
    }
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void send_all(int fd, const std::string &data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
}

// Reads until `done` says the text is complete, the peer closes, or the time runs out.
std::string receive(int fd, int timeout_ms, const std::function<bool(const std::string &)> &done) {
  std::string text;
  const auto until = Clock::now() + std::chrono::milliseconds(timeout_ms);
  char buffer[65536];
  while (!done(text) && Clock::now() < until) {
    pollfd p{fd, POLLIN, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
    if (::poll(&p, 1, static_cast<int>(std::max<long>(1, left.count()))) <= 0) continue;
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

int count_responses(const std::string &text) {
  int count = 0;
  for (std::size_t at = text.find("HTTP/1.1 "); at != std::string::npos;
       at = text.find("HTTP/1.1 ", at + 1))
    ++count;
  return count;
}

std::function<bool(const std::string &)> responses(int n) {
  return [n](const std::string &text) {
    // Complete when n status lines are there and the last body is in (Content-Length).
    if (count_responses(text) < n) return false;
    const auto last = text.rfind("HTTP/1.1 ");
    const auto head_end = text.find("\r\n\r\n", last);
    if (head_end == std::string::npos) return false;
    const auto length_at = text.find("Content-Length: ", last);
    if (length_at == std::string::npos || length_at > head_end) return true;
    const auto length = std::stoul(text.substr(length_at + 16));
    return text.size() >= head_end + 4 + length;
  };
}

bool closed_by_peer(int fd, int timeout_ms) {
  pollfd p{fd, POLLIN, 0};
  if (::poll(&p, 1, timeout_ms) <= 0) return false;
  char c;
  return ::recv(fd, &c, 1, 0) <= 0;  // end of stream, or reset for one never accepted
}

class RealServer : public ::testing::Test {
 protected:
  void start(Options options = {}) {
    options.port = 0;
    engine_ = std::make_unique<Engine>(test_config());
    engine_->import_order("default", demo_order("1001", "jan@example.pl"));
    app_ = std::make_unique<App>(*engine_, options);
    server_ = std::make_unique<Server>(*app_);
    const std::string bound = server_->start();
    port_ = std::stoi(bound.substr(bound.rfind(':') + 1));
  }
  void TearDown() override {
    for (int fd : open_) ::close(fd);
    if (server_) server_->stop();
  }
  int connection(const char *source = nullptr) {
    const int fd = connect_to(port_, source);
    if (fd >= 0) open_.push_back(fd);
    return fd;
  }
  std::string exchange(const std::string &request, int expected = 1,
                       const char *source = nullptr) {
    const int fd = connection(source);
    send_all(fd, request);
    return receive(fd, 5000, responses(expected));
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<App> app_;
  std::unique_ptr<Server> server_;
  int port_ = 0;
  std::vector<int> open_;
};

TEST_F(RealServer, AnswersAndKeepsTheConnectionForPipelinedRequests) {
  start();
  const std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string page = "GET /?lang=en HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string text = exchange(one + page + one, 3);
  EXPECT_EQ(count_responses(text), 3) << text;
  EXPECT_EQ(text.rfind("HTTP/1.1 200 OK", 0), 0u);
  EXPECT_NE(text.find("Check a case"), std::string::npos);
  EXPECT_NE(text.find("Content-Security-Policy"), std::string::npos);
}

TEST_F(RealServer, RefusesOversizedBodiesWith413) {
  start();
  const std::string declared = exchange(
      "POST /lookup HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
      "Content-Length: 70000\r\n\r\n");
  EXPECT_EQ(declared.rfind("HTTP/1.1 413", 0), 0u) << declared;
  std::string chunked = "POST /lookup HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) chunked += "1000\r\n" + std::string(4096, 'a') + "\r\n";
  const std::string streamed = exchange(chunked);
  EXPECT_EQ(streamed.rfind("HTTP/1.1 413", 0), 0u) << streamed.substr(0, 200);
}

// The body limit is chosen from the head, before any of the body is read: a large multipart
// body is taken only on a route that takes files and only from a browser holding this server's
// CSRF cookie. Nothing is sent after the head here, so a refusal proves no body was awaited.
TEST_F(RealServer, RefusesLargeBodiesBeforeReadingThemUnlessTheRouteAndCookieAllowIt) {
  start();
  const auto head = [](const std::string &path, const std::string &cookie) {
    return "POST " + path +
           " HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n" +
           (cookie.empty() ? "" : "Cookie: rc_csrf=" + cookie + "\r\n") +
           "Content-Length: 10485760\r\n\r\n";
  };
  // /lookup takes no files, whatever the content type says.
  std::string text = exchange(head("/lookup", ""));
  EXPECT_EQ(text.rfind("HTTP/1.1 413", 0), 0u) << text.substr(0, 200);
  // /new takes files, but not from a client without the cookie, nor with a planted one.
  text = exchange(head("/new", ""));
  EXPECT_EQ(text.rfind("HTTP/1.1 413", 0), 0u) << text.substr(0, 200);
  text = exchange(head("/new", "AAAAAAAAAAAAAAAAAAAAAAAA.forged-signature"));
  EXPECT_EQ(text.rfind("HTTP/1.1 413", 0), 0u) << text.substr(0, 200);
  // An API upload must name a real case.
  text = exchange("POST /api/v1/cases/not-a-token/attachments HTTP/1.1\r\nHost: x\r\n"
                  "Content-Type: application/octet-stream\r\nContent-Length: 10485760\r\n\r\n");
  EXPECT_EQ(text.rfind("HTTP/1.1 413", 0), 0u) << text.substr(0, 200);

  // With the cookie this server issued, a 1 MB upload is read (and then refused for its form).
  const std::string page = exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto at = page.find("rc_csrf=");
  ASSERT_NE(at, std::string::npos);
  const std::string cookie = page.substr(at + 8, page.find(';', at) - at - 8);
  const std::string upload = exchange(
      "POST /new HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n"
      "Cookie: rc_csrf=" + cookie + "\r\nContent-Length: 1048576\r\n\r\n" +
      std::string(1048576, 'x'));
  EXPECT_EQ(upload.rfind("HTTP/1.1 400", 0), 0u) << upload.substr(0, 200);
}

// Upload bodies in flight share one byte budget: a second large upload while the first is still
// being read is refused before its body is read, and accepted once the first is answered.
TEST_F(RealServer, UploadsInFlightShareOneByteBudget) {
  Options options;
  options.uploads_in_flight_bytes = 3 * 1024 * 1024;
  start(options);
  const std::string page = exchange("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto at = page.find("rc_csrf=");
  ASSERT_NE(at, std::string::npos);
  const std::string cookie = page.substr(at + 8, page.find(';', at) - at - 8);
  const std::size_t size = 2 * 1024 * 1024;
  const std::string head =
      "POST /new HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=B\r\n"
      "Cookie: rc_csrf=" + cookie + "\r\nContent-Length: " + std::to_string(size) + "\r\n\r\n";
  const int first = connection();
  send_all(first, head + std::string(1000, 'x'));  // the rest of its body is still to come
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::string refused;
  for (int attempt = 0; attempt < 50 && refused.rfind("HTTP/1.1 503", 0) != 0; ++attempt) {
    refused = exchange(head);
  }
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused.substr(0, 100);
  EXPECT_NE(refused.find("Retry-After"), std::string::npos);
  send_all(first, std::string(size - 1000, 'x'));
  EXPECT_EQ(receive(first, 5000, responses(1)).rfind("HTTP/1.1 400", 0), 0u);  // not a form
  const std::string after = exchange(head + std::string(size, 'x'));
  EXPECT_EQ(after.rfind("HTTP/1.1 400", 0), 0u) << after.substr(0, 100);
}

// One address flooding the server holds at most its share of the slots; another address is
// still served.
TEST_F(RealServer, OneAddressCannotHoldEveryConnection) {
  Options options;
  options.max_connections_per_address = 4;
  options.header_timeout_s = 30;
  start(options);
  for (int i = 0; i < 4; ++i) {
    const int fd = connection("127.0.0.1");
    ASSERT_GE(fd, 0);
    send_all(fd, "GET / HTTP/1.1\r\n");  // slow headers, never finished
  }
  std::string refused;
  for (int attempt = 0; attempt < 50 && refused.rfind("HTTP/1.1 503", 0) != 0; ++attempt) {
    refused = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1, "127.0.0.1");
  }
  EXPECT_EQ(refused.rfind("HTTP/1.1 503", 0), 0u) << refused.substr(0, 100);
  const std::string other = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1, "127.0.0.2");
  EXPECT_EQ(other.rfind("HTTP/1.1 200", 0), 0u) << other.substr(0, 100);
  // A slot freed by the flooder is the flooder's again.
  ::close(open_[0]);
  open_.erase(open_.begin());
  std::string again;
  for (int attempt = 0; attempt < 50 && again.rfind("HTTP/1.1 200", 0) != 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    again = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", 1, "127.0.0.1");
  }
  EXPECT_EQ(again.rfind("HTTP/1.1 200", 0), 0u);
}

TEST_F(RealServer, AnswersMalformedRequestsWith400AndCloses) {
  start();
  for (const std::string bad :
       {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: nope\r\n\r\n", "GET / HTTP/1.1\r\nBad Header\r\n\r\n"}) {
    const int fd = connection();
    send_all(fd, bad);
    const std::string text = receive(fd, 3000, responses(1));
    EXPECT_EQ(text.rfind("HTTP/1.1 400", 0), 0u) << bad << " → " << text.substr(0, 100);
    EXPECT_TRUE(closed_by_peer(fd, 3000)) << bad;
  }
  const std::string huge_header =
      exchange("GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(huge_header.rfind("HTTP/1.1 431", 0), 0u) << huge_header.substr(0, 100);
  const std::string huge_api_header =
      exchange("GET /api/v1/cases/x HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(huge_api_header.rfind("HTTP/1.1 431", 0), 0u) << huge_api_header.substr(0, 100);
}

TEST_F(RealServer, ClosesConnectionsThatSendTheirHeadersTooSlowly) {
  Options options;
  options.header_timeout_s = 1;
  start(options);
  const int fd = connection();
  send_all(fd, "GET / HTTP/1.1\r\nHost: x\r\n");  // never finished
  const auto started = Clock::now();
  EXPECT_TRUE(closed_by_peer(fd, 4000));
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(3));
}

TEST_F(RealServer, ThreeHundredIdleConnectionsDoNotBlockARequest) {
  Options options;
  options.max_connections_per_address = 400;  // all from 127.0.0.1 here
  start(options);
  for (int i = 0; i < 300; ++i) ASSERT_GE(connection(), 0) << i;
  // Half of them start a request and stall.
  for (std::size_t i = 0; i < open_.size(); i += 2) send_all(open_[i], "GET / HTTP/1.1\r\n");
  const auto started = Clock::now();
  const std::string text = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  EXPECT_EQ(text.rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(1));
}

TEST_F(RealServer, RefusesConnectionsBeyondTheCap) {
  Options options;
  options.max_connections = 5;
  start(options);
  for (int i = 0; i < 5; ++i) ASSERT_GE(connection(), 0);
  // Let the server accept those five before the sixth arrives.
  EXPECT_EQ(exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").rfind("HTTP/1.1 503", 0), 0u);
  ::close(open_[0]);
  open_.erase(open_.begin());
  std::string text;
  for (int attempt = 0; attempt < 50 && text.rfind("HTTP/1.1 200", 0) != 0; ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    text = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  }
  EXPECT_EQ(text.rfind("HTTP/1.1 200", 0), 0u);
}

// Handlers run on worker threads: with the database locked by another process, 32 writes wait
// for it (and those the bounded queue cannot take get 503), while /healthz and the stylesheet,
// answered on the I/O threads, stay quick.
TEST_F(RealServer, SlowDatabaseWorkDoesNotStallTheIoThreads) {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("reclaim-slow-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "slow.db").string();
  EngineConfig config = test_config();
  config.storage.database = "sqlite:" + file;
  config.storage.busy_timeout_ms = 3000;
  engine_ = std::make_unique<Engine>(config);
  engine_->import_order("default", demo_order("1001", "jan@example.pl"));
  Options options;
  options.port = 0;
  options.workers = 2;
  options.queue_timeout_ms = 300;
  options.submits_per_minute = 1000;
  options.max_connections_per_address = 100;  // every client is 127.0.0.1 here
  app_ = std::make_unique<App>(*engine_, options);
  server_ = std::make_unique<Server>(*app_);
  const std::string bound = server_->start();
  port_ = std::stoi(bound.substr(bound.rfind(':') + 1));

  soci::session other(soci::sqlite3, "db=\"" + file + "\"");
  other << "BEGIN IMMEDIATE";  // every write now waits for this process
  const std::string body =
      R"({"order":"N1001","email":"jan@example.pl","kind":"complaint",)"
      R"("items":[{"line":"1","qty":1,"reason":"defect"}],"description":"Leaks"})";
  const std::string open_case = "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body;
  std::vector<int> writers;
  for (int i = 0; i < 32; ++i) {
    const int fd = connection();
    ASSERT_GE(fd, 0);
    send_all(fd, open_case);
    writers.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  for (const char *quick : {"/healthz", "/assets/style.css"}) {
    const auto started = Clock::now();
    const std::string text =
        exchange("GET " + std::string(quick) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(text.rfind("HTTP/1.1 200", 0), 0u) << quick << ": " << text.substr(0, 100);
    EXPECT_LT(Clock::now() - started, std::chrono::seconds(1)) << quick;
  }
  // Beyond the workers' queue (2 workers × 4), requests wait queue_timeout_ms, then get 503.
  // The lock is held for well under the store's busy timeout (3 s): the admitted requests are
  // still waiting for it, the rest have had their 503 after 300 ms.
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  int busy = 0;
  for (int fd : writers) {
    const std::string text = receive(fd, 20, responses(1));
    if (text.rfind("HTTP/1.1 503", 0) == 0) {
      ++busy;
      EXPECT_NE(text.find("Retry-After: 1"), std::string::npos);
    }
  }
  EXPECT_GE(busy, 32 - 8);
  other << "ROLLBACK";
  // The admitted ones finish once the lock is gone: nothing was lost or half-written.
  int created = 0;
  for (int fd : writers) {
    const std::string text = receive(fd, 5000, responses(1));
    created += text.find("HTTP/1.1 201") != std::string::npos;
  }
  EXPECT_GE(created, 1);
  EXPECT_EQ(static_cast<int>(engine_->list_cases({}).cases.size()), created);
  server_->stop();
  std::filesystem::remove_all(directory);
}

// The status page of an unchanged case needs no database (PageCache::find_unchanged): with
// another connection holding the write lock and 32 writes waiting for it, filling every worker
// and the queue, /healthz and a cached status page still answer, from the I/O threads. Nothing
// here is timed: the lock is held until the answers are in, so an answer that needed a worker
// could not come at all.
TEST_F(RealServer, CachedStatusPagesAnswerWhileEveryWorkerWaitsForTheDatabase) {
  const auto directory = std::filesystem::temp_directory_path() /
                         ("reclaim-cached-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  const std::string file = (directory / "slow.db").string();
  EngineConfig config = test_config();
  config.storage.database = "sqlite:" + file;
  config.storage.busy_timeout_ms = 120000;  // the writers wait for the lock, whatever it takes
  engine_ = std::make_unique<Engine>(config);
  engine_->import_order("default", demo_order("1001", "jan@example.pl"));
  Options options;
  options.port = 0;
  options.workers = 2;
  options.queue_timeout_ms = 120000;
  options.submits_per_minute = 1000;
  options.max_connections_per_address = 100;  // every client is 127.0.0.1 here
  app_ = std::make_unique<App>(*engine_, options);
  server_ = std::make_unique<Server>(*app_);
  const std::string bound = server_->start();
  port_ = std::stoi(bound.substr(bound.rfind(':') + 1));

  const std::string body =
      R"({"order":"N1001","email":"jan@example.pl","kind":"complaint",)"
      R"("items":[{"line":"1","qty":1,"reason":"defect"}],"description":"Leaks"})";
  const std::string open_case = "POST /api/v1/cases HTTP/1.1\r\nHost: x\r\n"
                                "Content-Type: application/json\r\nContent-Length: " +
                                std::to_string(body.size()) + "\r\n\r\n" + body;
  const std::string opened = exchange(open_case);
  ASSERT_EQ(opened.rfind("HTTP/1.1 201", 0), 0u) << opened.substr(0, 300);
  const auto at = opened.find("\"token\":\"");
  ASSERT_NE(at, std::string::npos) << opened;
  const std::string token = opened.substr(at + 9, opened.find('"', at + 9) - at - 9);
  const std::string page = "GET /c/" + token + "?lang=en HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string first = exchange(page);  // rendered by a worker, then kept
  ASSERT_EQ(first.rfind("HTTP/1.1 200", 0), 0u) << first.substr(0, 300);

  soci::session other(soci::sqlite3, "db=\"" + file + "\"");
  other << "BEGIN IMMEDIATE";  // every write now waits for this connection
  std::vector<int> writers;
  for (int i = 0; i < 32; ++i) {
    const int fd = connection();
    ASSERT_GE(fd, 0);
    send_all(fd, open_case);
    writers.push_back(fd);
  }
  for (int i = 0; i < 3; ++i) {
    const std::string health = exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(health.rfind("HTTP/1.1 200", 0), 0u) << health.substr(0, 100);
    const std::string again = exchange(page);
    EXPECT_EQ(again.rfind("HTTP/1.1 200", 0), 0u) << again.substr(0, 300);
    EXPECT_NE(again.find("RC-"), std::string::npos);
  }
  // None of the writers could finish while the lock was held.
  for (int fd : writers) EXPECT_EQ(receive(fd, 1, responses(1)), "");
  other << "ROLLBACK";
  // Each writer is answered once the lock is gone: the one the order's quantity still allows
  // is created, the others are refused for it; none failed or was dropped.
  int created = 0, answered = 0;
  for (int fd : writers) {
    const std::string text = receive(fd, 60000, responses(1));
    created += text.rfind("HTTP/1.1 201", 0) == 0;
    answered += text.rfind("HTTP/1.1 2", 0) == 0 || text.rfind("HTTP/1.1 4", 0) == 0;
  }
  EXPECT_EQ(answered, 32);
  EXPECT_EQ(created, 1);
  // The writes moved the database on: the page is read again, and still answers.
  const std::string after = exchange(page);
  EXPECT_EQ(after.rfind("HTTP/1.1 200", 0), 0u) << after.substr(0, 300);
  server_->stop();
  std::filesystem::remove_all(directory);
}

TEST_F(RealServer, StopsPromptlyWithOpenConnectionsAndFreesThePort) {
  start();
  for (int i = 0; i < 20; ++i) connection();
  const auto started = Clock::now();
  server_->stop();
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(2));
  EXPECT_TRUE(closed_by_peer(open_[0], 2000));
  EXPECT_LT(connect_to(port_), 0);
  server_->stop();  // idempotent
}

TEST(ServerOptions, AreReadStrictly) {
  const Options read = options_from_json(boost::json::parse(
      R"({"trusted_proxies":["10.0.0.0/8","::1"],"metrics_token":"0123456789abcdef",
          "max_connections_per_address":8})"));
  EXPECT_EQ(read.trusted_proxies.size(), 2u);
  EXPECT_EQ(read.metrics_token, "0123456789abcdef");
  EXPECT_EQ(read.max_connections_per_address, 8);
  EXPECT_EQ(options_from_json(boost::json::parse(R"({"listen":"0.0.0.0:0","base_path":"/r/"})"))
                .base_path,
            "/r");
  for (const char *bad :
       {R"({"listen":"nocolon"})", R"({"listen":"1.2.3.4:99999"})", R"({"base_path":"no-slash"})",
        R"({"threads":0})", R"({"unknown":1})", R"({"trusted_proxies":[1]})",
        R"({"trusted_proxies":["10.0.0.0/33"]})", R"({"trusted_proxies":["proxy.local"]})",
        R"({"metrics_token":"short"})", R"({"max_connections_per_address":0})",
        R"({"uploads_in_flight_mb":10})", R"({"workers":0})"}) {
    EXPECT_THROW(options_from_json(boost::json::parse(bad)), reclaim::Error) << bad;
  }
}

}  // namespace
}  // namespace reclaim::http::testing
