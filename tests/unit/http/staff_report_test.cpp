// GET /staff/report on each backend (the HTML report of a staff member's shop for a chosen
// period and grouping, without a <style> element the CSP would block), and the option that
// lets the host's admin frame the desk.
#include "http/options.hpp"
#include "staff_fixture.hpp"
#include "support/documents.hpp"

namespace reclaim::http::testing {
namespace {

class StaffReport : public StaffDesk {};

INSTANTIATE_TEST_SUITE_P(Backends, StaffReport, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffReport, ShowsTheReportOfTheChosenPeriodAndGrouping) {
  open_case("default", "1001", "jan@example.pl");
  open_case("default", "1002", "anna@example.com", "x", "1", "phone", "transport_damage");
  Desk desk = signed_in();
  const Response shown = desk.get("/staff/report?from=2026-11-01&to=2026-11-30&group_by=reason&lang=pl");
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_NE(shown.body.find("class=\"rc-report\""), std::string::npos);
  EXPECT_EQ(shown.body.find("<style"), std::string::npos) << "the CSP allows no <style>";
  EXPECT_NE(shown.body.find("value=\"2026-11-01\""), std::string::npos);
  EXPECT_NE(shown.body.find("<option value=\"reason\" selected>"), std::string::npos);
  EXPECT_NE(shown.body.find("Uszkodzenie w transporcie"), std::string::npos) << "the reasons in Polish";
  EXPECT_EQ(shown.header("Cache-Control"), "no-store");
  // Without dates: this month so far, by week.
  const Response plain = desk.get("/staff/report");
  EXPECT_EQ(plain.status, 200);
  EXPECT_NE(plain.body.find("<option value=\"week\" selected>"), std::string::npos);
  // The report's rules come with the stylesheet.
  EXPECT_NE(desk.get("/assets/style.css").body.find(".rc-report"), std::string::npos);
}

TEST_P(StaffReport, BadPeriodsAndOtherShopsAreRefused) {
  Desk desk = signed_in();
  Response refused = desk.get("/staff/report?from=2026-12-01&to=2026-11-01");
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("role=\"alert\""), std::string::npos);
  EXPECT_EQ(desk.get("/staff/report?from=yesterday").status, 422);
  EXPECT_EQ(desk.get("/staff/report?group_by=<script>").status, 422);
  EXPECT_EQ(desk.get("/staff/report?group_by=<script>").body.find("<script>"), std::string::npos);
  EXPECT_EQ(desk.get("/staff/report?shop=other").status, 404);
  EXPECT_EQ(desk.send("POST", "/staff/report").status, 405);
  Desk stranger(*app_);
  EXPECT_EQ(stranger.get("/staff/report").status, 401);
}

TEST_P(StaffReport, TheHostsAdminMayFrameTheDeskWhenConfigured) {
  // By default nobody may frame any page.
  Desk desk = signed_in();
  Response queue = desk.get("/staff/");
  EXPECT_NE(queue.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(queue.header("X-Frame-Options"), "DENY");

  const auto options = options_from_json(boost::json::parse(
      R"({"staff_frame_ancestors":["https://admin.shop.example","http://127.0.0.1:8081"]})"));
  App framed(engine_, options);
  Desk inside(framed);
  const Response entered = inside.get(link());
  ASSERT_EQ(entered.status, 303);
  queue = inside.get("/staff/");
  EXPECT_NE(queue.header("Content-Security-Policy")
                .find("frame-ancestors https://admin.shop.example http://127.0.0.1:8081;"),
            std::string::npos)
      << queue.header("Content-Security-Policy");
  EXPECT_EQ(queue.header("X-Frame-Options"), "");
  // The customer's pages stay unframeable.
  Request home;
  home.method = "GET";
  home.path = "/";
  home.peer = "198.51.100.9";
  const Response customer = framed.handle(home);
  EXPECT_EQ(customer.header("X-Frame-Options"), "DENY");
  EXPECT_NE(customer.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);

  for (const char *bad : {"[\"*\"]", "[\"https://a.example/path\"]",
                          "[\"https://a.example; script-src *\"]", "[\"javascript:alert(1)\"]",
                          "[\"https://A.example\"]", "[\"https://a.example:99999\"]", "[1]"}) {
    EXPECT_THROW(options_from_json(boost::json::parse(std::string("{\"staff_frame_ancestors\":") + bad + "}")),
                 Error)
        << bad;
  }
}

}  // namespace
}  // namespace reclaim::http::testing

namespace reclaim::http::testing {
namespace {

class StaffFiles : public StaffDesk {};

INSTANTIATE_TEST_SUITE_P(Backends, StaffFiles, ::testing::ValuesIn(test::test_backends()),
                         [](const auto &backend) { return backend.param; });

TEST_P(StaffFiles, TheCustomersPhotosAreShownInlineOnlyToTheirShopsStaff) {
  const std::string number = open_case("default", "1001", "jan@example.pl");
  const std::string png = std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16) + std::string(17, '\0') +
                          std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  const CaseRecord record = engine_.get_case(number);
  const Attachment photo = engine_.add_attachment(record.subject.id, "<b>kettle</b>.png", png);
  Desk desk = signed_in();
  const Response page = desk.get("/staff/cases/" + number);
  ASSERT_EQ(page.status, 200);
  const std::string href = "/staff/cases/" + number + "/files/" + photo.id;
  EXPECT_NE(page.body.find("<img src=\"" + href + "\" alt=\"&lt;b&gt;kettle&lt;/b&gt;.png\""),
            std::string::npos)
      << page.body;
  const Response file = desk.get(href);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, png);
  EXPECT_EQ(file.header("Content-Type"), "image/png");
  EXPECT_EQ(file.header("Content-Disposition"), "inline");
  EXPECT_EQ(file.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(desk.get("/staff/cases/" + number + "/files/a_nope").status, 404);
  EXPECT_EQ(desk.send("POST", href).status, 405);
  // Another shop's staff, and nobody signed in, get nothing.
  Desk other = signed_in("agent", R"(["other"])");
  EXPECT_EQ(other.get(href).status, 404);
  Desk stranger(*app_);
  EXPECT_EQ(stranger.get(href).status, 401);
}

TEST_P(StaffFiles, TheDecisionLimitIsSaidBeforeTheClickAndHeldAfterIt) {
  set_policy(engine_, "default", boost::json::parse(R"({"decision_limits":{"agent":{"PLN":"300.00"}}})"));
  const std::string number = open_case("default", "1001", "jan@example.pl");  // 2 × 199.99
  Desk desk = signed_in();
  Response page = desk.get("/staff/cases/" + number + "?lang=en");
  EXPECT_NE(page.body.find("You may decide on goods worth up to 300.00"), std::string::npos);
  const std::string version = std::to_string(engine_.get_case(number).subject.version);
  Response refused = desk.post("/staff/cases/" + number + "/actions",
                               {{"action", "accept"}, {"expected_version", version},
                                {"resolution", "refund"}, {"lang", "en"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("This decision is above your limit"), std::string::npos);
  EXPECT_EQ(engine_.get_case(number).subject.state, State::received) << "nothing decided";
  Desk boss = signed_in("supervisor");
  page = boss.get("/staff/cases/" + number + "?lang=pl");
  EXPECT_EQ(page.body.find("Możesz decydować o towarze"), std::string::npos) << "no limit for the role";
  const Response accepted = boss.post("/staff/cases/" + number + "/actions",
                                      {{"action", "accept"}, {"expected_version", version},
                                       {"resolution", "refund"}});
  EXPECT_EQ(accepted.status, 303) << accepted.body;
  EXPECT_EQ(engine_.get_case(number).subject.state, State::accepted);
}

}  // namespace
}  // namespace reclaim::http::testing
