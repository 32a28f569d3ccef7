// Status links through the router (issue 18, finding 5): the customer's "get a new link"
// button revokes every earlier link, a link works only at its own shop's endpoint, and a rotated
// secret keeps old links working while it stays in the grace list.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "http/site.hpp"
#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

EngineConfig two_shops() {
  EngineConfig config = test_config();
  ShopConfig b = config.shops.front();
  b.id = "shop-b";
  b.name = "Other Shop";
  b.case_prefix = "RB";
  config.shops.push_back(b);
  return config;
}

class Links : public ::testing::Test {
 protected:
  Links() : engine_(two_shops()) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    engine_.import_order("default", demo_order("1001", "jan@example.pl"));
    engine_.import_order("shop-b", demo_order("2001", "anna@example.com"));
  }

  App &app(const std::string &shop = "default") {
    Options options;
    options.shop = shop;
    apps_.push_back(std::make_unique<App>(engine_, std::move(options)));
    return *apps_.back();
  }

  std::string open_case(Browser &browser, const std::string &order, const std::string &email) {
    browser.prime();
    const Response response = browser.post_multipart("/new",
                                                     {{"step", "case"},
                                                      {"order", order},
                                                      {"email", email},
                                                      {"kind", "complaint"},
                                                      {"qty_0", "1"},
                                                      {"reason_0", "defect"},
                                                      {"lang", "en"}},
                                                     {});
    EXPECT_EQ(response.status, 303) << response.body;
    return token_of(response.header("Location"));
  }

  static Response api(App &app, const std::string &method, const std::string &path,
                      const std::string &body = "{}") {
    Request request;
    request.method = method;
    request.path = path;
    request.body = body;
    request.peer = "203.0.113.9";
    if (method == "POST") request.headers.emplace_back("content-type", "application/json");
    return app.handle(request);
  }

  Engine engine_;
  std::vector<std::unique_ptr<App>> apps_;
};

TEST_F(Links, TheCustomerRenewsTheLinkAndTheOldOneIsRefused) {
  Browser browser(app());
  const std::string token = open_case(browser, "N1001", "jan@example.pl");
  const Response page = browser.get("/c/" + token + "?lang=en");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("action=\"/c/" + token + "/renew_link\""), std::string::npos);
  EXPECT_NE(page.body.find("Get a new link"), std::string::npos);

  // Without the form token nothing happens.
  EXPECT_EQ(browser.post("/c/" + token + "/renew_link", {{"lang", "en"}}, false).status, 403);
  EXPECT_EQ(browser.get("/c/" + token).status, 200);

  const Response renewed = browser.post("/c/" + token + "/renew_link", {{"lang", "en"}});
  EXPECT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_NE(renewed.body.find("Your earlier links no longer work"), std::string::npos);
  EXPECT_EQ(renewed.body.find(token), std::string::npos);

  const Response old_link = browser.get("/c/" + token + "?lang=en");
  EXPECT_EQ(old_link.status, 404);
  EXPECT_NE(old_link.body.find("This link does not work"), std::string::npos);
  EXPECT_EQ(browser.post("/c/" + token + "/cancel", {{"lang", "en"}}).status, 404);
  EXPECT_EQ(api(*apps_.front(), "GET", "/api/v1/cases/" + token).status, 404);

  // The new link (mailed by the host from the case) works, and the history says what happened.
  const CaseRecord record = engine_.get_case("RC-2026-000001");
  EXPECT_EQ(record.subject.link_version, 1);
  const Response fresh = browser.get("/c/" + record.status_token + "?lang=en");
  EXPECT_EQ(fresh.status, 200);
  EXPECT_NE(fresh.body.find("New link to this page"), std::string::npos);
}

TEST_F(Links, TheApiRenewsTheLinkToo) {
  Browser browser(app());
  const std::string token = open_case(browser, "N1001", "jan@example.pl");
  App &endpoint = *apps_.front();
  EXPECT_EQ(api(endpoint, "GET", "/api/v1/cases/" + token).status, 200);
  const Response renewed = api(endpoint, "POST", "/api/v1/cases/" + token + "/renew_link");
  EXPECT_EQ(renewed.status, 200) << renewed.body;
  EXPECT_EQ(renewed.body.find(token), std::string::npos);
  EXPECT_EQ(api(endpoint, "GET", "/api/v1/cases/" + token).status, 404);
  EXPECT_EQ(api(endpoint, "POST", "/api/v1/cases/" + token + "/renew_link").status, 404);
  EXPECT_EQ(api(endpoint, "GET", "/api/v1/cases/" + token + "/renew_link").status, 405);
}

// Staff renew with reclaim_case_act's action; the endpoint's memo of verified tokens does not
// keep a revoked link alive.
TEST_F(Links, AStaffRenewalRevokesALinkTheEndpointHasSeen) {
  Browser browser(app());
  const std::string token = open_case(browser, "N1001", "jan@example.pl");
  EXPECT_EQ(browser.get("/c/" + token).status, 200);
  ActionRequest request;
  request.action = Action::renew_link;
  request.actor = {Role::agent, "anna"};
  const CaseRecord renewed = engine_.act("RC-2026-000001", request, "");
  EXPECT_EQ(browser.get("/c/" + token).status, 404);
  EXPECT_EQ(browser.get("/c/" + renewed.status_token).status, 200);
}

TEST_F(Links, ALinkForShopAIsRefusedByShopBsEndpoint) {
  Browser at_a(app("default"));
  const std::string token_a = open_case(at_a, "N1001", "jan@example.pl");
  Browser at_b(app("shop-b"));
  const std::string token_b = open_case(at_b, "N2001", "anna@example.com");
  EXPECT_EQ(at_a.get("/c/" + token_a).status, 200);
  EXPECT_EQ(at_b.get("/c/" + token_b).status, 200);
  EXPECT_EQ(at_b.get("/c/" + token_a).status, 404);
  EXPECT_EQ(at_a.get("/c/" + token_b).status, 404);
  EXPECT_EQ(api(*apps_[1], "GET", "/api/v1/cases/" + token_a).status, 404);
  EXPECT_EQ(api(*apps_[0], "GET", "/api/v1/cases/" + token_a).status, 200);
}

// Two engines on one database file, as before and after a rotation.
TEST(LinksRotation, AnOldKeyInTheGraceListStillOpensThePage) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("reclaim-links-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  EngineConfig config = test_config();
  config.storage.database = "sqlite:" + (dir / "shop.db").string();
  std::string token;
  {
    Engine before(config);
    before.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    before.import_order("default", demo_order("1001", "jan@example.pl"));
    App endpoint(before, Options{});
    Browser browser(endpoint);
    browser.prime();
    const Response opened = browser.post_multipart("/new",
                                                   {{"step", "case"},
                                                    {"order", "N1001"},
                                                    {"email", "jan@example.pl"},
                                                    {"kind", "complaint"},
                                                    {"qty_0", "1"},
                                                    {"reason_0", "defect"}},
                                                   {});
    token = token_of(opened.header("Location"));
  }
  EngineConfig rotated = config;
  rotated.secret = std::string(32, 'n');
  rotated.secret_id = "2026-12";
  rotated.previous_secrets = {{"0", config.secret}};
  {
    Engine during(rotated);
    App endpoint(during, Options{});
    Browser browser(endpoint);
    EXPECT_EQ(browser.get("/c/" + token).status, 200);
  }
  rotated.previous_secrets.clear();
  {
    Engine after(rotated);
    App endpoint(after, Options{});
    Browser browser(endpoint);
    EXPECT_EQ(browser.get("/c/" + token).status, 404);
    const std::string fresh = after.get_case("RC-2026-000001").status_token;
    EXPECT_EQ(fresh.find(".2026-12.0."), fresh.find('.'));
    EXPECT_EQ(browser.get("/c/" + fresh).status, 200);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace reclaim::http::testing
