// The status page's cache (PageCache with Engine::change_mark): an unchanged case is answered
// from memory, with no database read at all; a case changed by another engine on the same
// database (another process, another node) is never shown stale, and a link renewed there stops
// working here at once.
#include <gtest/gtest.h>

#include "http/site.hpp"
#include "http_fixture.hpp"
#include "support/backends.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

class PageCacheOn : public ::testing::TestWithParam<std::string> {
 protected:
  PageCacheOn() : config_(shared_config()), engine_(config_), other_(config_) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    other_.set_clock(*parse_rfc3339("2026-11-23T11:00:00Z"));
    engine_.import_order("default", demo_order("1001", "jan@example.pl"));
    Options options;
    options.submits_per_minute = 100;
    app_ = std::make_unique<App>(engine_, options);
  }

  EngineConfig shared_config() const {
    EngineConfig config = test_config();
    config.storage.database = test::fresh_database(GetParam());
    return config;
  }

  Request page_request(const std::string &token) const {
    Request request;
    request.method = "GET";
    request.path = "/c/" + token;
    request.query = "lang=en";
    request.peer = "203.0.113.5";
    return request;
  }

  bool memory_answers(const std::string &token) {
    const auto answer = app_->answer_from_memory(page_request(token));
    return answer && answer->status == 200;
  }

  EngineConfig config_;
  Engine engine_;
  Engine other_;  // a second engine on the same database: another process, another node
  std::unique_ptr<App> app_;
};

INSTANTIATE_TEST_SUITE_P(Backends, PageCacheOn, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(PageCacheOn, ACaseChangedByAnotherEngineIsNeverShownStale) {
  Browser browser(*app_);
  const std::string token = complain_by_form(browser);
  const std::string case_id = *engine_.case_of_token(token, "default");
  const Response first = browser.get("/c/" + token + "?lang=en");
  ASSERT_EQ(first.status, 200) << first.body;
  // SQLite can tell that nothing changed: the reload is answered from memory. PostgreSQL
  // cannot, so there it is always read.
  EXPECT_EQ(memory_answers(token), GetParam() == "sqlite");
  if (GetParam() == "sqlite") {
    const auto again = app_->answer_from_memory(page_request(token));
    ASSERT_TRUE(again);
    EXPECT_NE(again->body.find("RC-"), std::string::npos);
  }

  other_.act(case_id,
             codec::action_request_from_json(json::parse(
                 R"({"action":"request_info","actor":{"role":"agent","id":"a"},
                     "message":"What is the serial number?"})")),
             "");
  EXPECT_FALSE(memory_answers(token));
  const Response changed = browser.get("/c/" + token + "?lang=en");
  ASSERT_EQ(changed.status, 200);
  EXPECT_NE(changed.body.find("What is the serial number?"), std::string::npos);
  // Checked again after the change: from memory once more, with the change.
  if (GetParam() == "sqlite") {
    const auto cached = app_->answer_from_memory(page_request(token));
    ASSERT_TRUE(cached);
    EXPECT_NE(cached->body.find("What is the serial number?"), std::string::npos);
  }
}

TEST_P(PageCacheOn, ALinkRenewedByAnotherEngineStopsWorkingHereAtOnce) {
  Browser browser(*app_);
  const std::string token = complain_by_form(browser);
  const std::string case_id = *engine_.case_of_token(token, "default");
  ASSERT_EQ(browser.get("/c/" + token + "?lang=en").status, 200);
  ActionRequest renew;
  renew.action = Action::renew_link;
  renew.actor = {Role::customer, ""};
  other_.act(case_id, renew, "");
  EXPECT_FALSE(memory_answers(token));
  EXPECT_EQ(browser.get("/c/" + token + "?lang=en").status, 404);
  EXPECT_FALSE(memory_answers(token));
}

TEST_P(PageCacheOn, ForgedAndDamagedTokensAreNeverAnsweredFromMemory) {
  Browser browser(*app_);
  const std::string token = complain_by_form(browser);
  ASSERT_EQ(browser.get("/c/" + token + "?lang=en").status, 200);
  std::string forged = token;
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  for (const std::string &bad : {forged, std::string(), std::string("x"), token + "x",
                                 std::string(5000, '.'), std::string("\xff\xfe", 2)}) {
    EXPECT_FALSE(memory_answers(bad)) << bad.substr(0, 40);
    EXPECT_NE(app_->handle(page_request(bad)).status, 200) << bad.substr(0, 40);
  }
  Request head = page_request(token);
  head.method = "HEAD";
  if (GetParam() == "sqlite") {
    const auto answer = app_->answer_from_memory(head);
    ASSERT_TRUE(answer);
    EXPECT_TRUE(answer->body.empty());
  }
  Request post = page_request(token);
  post.method = "POST";
  EXPECT_FALSE(app_->answer_from_memory(post));
}

}  // namespace
}  // namespace reclaim::http::testing
