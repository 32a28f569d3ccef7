// Heap allocations on the hot path: a reload of an unchanged status page answered from memory,
// and /healthz. Routing, the token and CSRF checks and the cache look-up allocate nothing; the
// only allocations are the answer's own (its body, its header list, header texts too long for
// a string's inline buffer). This program replaces operator new to count them, so it is a
// binary of its own.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>

#include "unit/http/http_fixture.hpp"
#include "support/backends.hpp"

namespace {

thread_local bool counting = false;
thread_local long allocations = 0;

void *counted(std::size_t size) {
  if (counting) ++allocations;
  if (void *p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

}  // namespace

void *operator new(std::size_t size) { return counted(size); }
void *operator new[](std::size_t size) { return counted(size); }
void operator delete(void *p) noexcept { std::free(p); }
void operator delete[](void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }
void operator delete[](void *p, std::size_t) noexcept { std::free(p); }

namespace reclaim::http::testing {
namespace {

// The heap blocks a response holds: its body, its header list, and each text longer than a
// std::string keeps inline.
long held_by(const Response &response) {
  const std::size_t inline_capacity = std::string().capacity();
  long held = response.body.capacity() > inline_capacity ? 1 : 0;
  if (response.headers.capacity() > 0) ++held;
  for (const auto &[name, value] : response.headers) {
    held += name.capacity() > inline_capacity ? 1 : 0;
    held += value.capacity() > inline_capacity ? 1 : 0;
  }
  return held;
}

// The allocations `run` makes on this thread.
template <typename Run>
long allocations_of(Run run) {
  allocations = 0;
  counting = true;
  run();
  counting = false;
  return allocations;
}

class HotPath : public ::testing::Test {
 protected:
  HotPath() : config_(file_config()), engine_(config_), app_(engine_, Options{}), browser_(app_) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    engine_.import_order("default", demo_order("1001", "jan@example.pl"));
  }

  static EngineConfig file_config() {
    EngineConfig config = test_config();
    config.storage.database = test::fresh_database("sqlite");  // a change mark needs a file
    return config;
  }

  // A reload as a browser sends it: its cookie, the usual headers.
  Request reload(const std::string &token) {
    Request request;
    request.method = "GET";
    request.path = "/c/" + token;
    request.peer = "203.0.113.5";
    request.headers = {
        {"host", "shop.example.pl"},
        {"user-agent", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"},
        {"accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
        {"accept-language", "pl,en-US;q=0.7,en;q=0.3"},
        {"accept-encoding", "gzip, deflate, br"},
        {"cookie", "rc_csrf=" + browser_.cookie()},
        {"connection", "keep-alive"}};
    return request;
  }

  EngineConfig config_;
  Engine engine_;
  App app_;
  Browser browser_;
};

TEST_F(HotPath, AReloadFromMemoryAllocatesOnlyTheResponse) {
  const std::string token = complain_by_form(browser_);
  ASSERT_EQ(browser_.get("/c/" + token).status, 200);  // rendered and checked once
  const Request request = reload(token);
  std::optional<Response> answer;
  ASSERT_TRUE(app_.answer_from_memory(request));  // the memos are warm
  const long made = allocations_of([&] { answer = app_.answer_from_memory(request); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_NE(answer->body.find("RC-"), std::string::npos);
  EXPECT_NE(answer->body.find(browser_.csrf()), std::string::npos);  // this browser's token
  EXPECT_TRUE(answer->header("Set-Cookie").empty());                 // its cookie was good
  EXPECT_EQ(made, held_by(*answer)) << "allocations per reload from memory";
  // A first visit (no cookie) is answered from memory too, and gets a cookie and a token.
  Request first = request;
  first.headers.erase(first.headers.begin() + 5);
  const auto fresh = app_.answer_from_memory(first);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->header("Set-Cookie").starts_with("rc_csrf="));
  EXPECT_EQ(fresh->body.find(browser_.csrf()), std::string::npos);
}

TEST_F(HotPath, HealthzAllocatesOnlyTheResponse) {
  Request request;
  request.method = "GET";
  request.path = "/healthz";
  request.peer = "203.0.113.5";
  ASSERT_TRUE(app_.answer_from_memory(request));
  std::optional<Response> answer;
  const long made = allocations_of([&] { answer = app_.answer_from_memory(request); });
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->status, 200);
  EXPECT_EQ(answer->body, R"({"status":"ok"})");
  EXPECT_TRUE(answer->header("Set-Cookie").empty());  // no form, no cookie made for it
  EXPECT_EQ(made, held_by(*answer)) << "allocations per /healthz";
}

}  // namespace
}  // namespace reclaim::http::testing
