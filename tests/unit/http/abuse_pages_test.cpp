// Abuse limits on the customer's pages: a flagged customer's withdrawal in its period and their
// complaint are opened as always; their voluntary return beyond the law is refused, when the
// policy says so, with the reason in the page's language and nothing opened.
#include <gtest/gtest.h>

#include "codec/policy_json.hpp"
#include "codec/views_json.hpp"
#include "http/site.hpp"
#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

class AbusePages : public ::testing::Test {
 protected:
  AbusePages() : engine_(test_config()) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    engine_.set_policy("default",
                       codec::policy_from_json(boost::json::parse(R"({"jurisdiction":"PL",
                                          "return_window_days":60,
                                          "abuse":{"max_returns":0,"refuse_voluntary_returns":true}})"),
                                               Jurisdiction::pl));
    Order recent = demo_order("3001", "ola@example.pl");
    recent.delivered_at = *parse_rfc3339("2026-11-20T10:00:00Z");  // inside the 14 days
    engine_.import_order("default", recent);
    Order late = demo_order("3002", "ola@example.pl");
    late.delivered_at = *parse_rfc3339("2026-10-20T10:00:00Z");  // past them, inside the 60
    engine_.import_order("default", late);
    app_ = std::make_unique<App>(engine_, Options{});
  }

  Response send(Browser &browser, const std::string &order, const std::string &kind,
                const std::string &lang) {
    return browser.post_multipart("/new?lang=" + lang,
                                  {{"step", "case"},
                                   {"order", order},
                                   {"email", "ola@example.pl"},
                                   {"kind", kind},
                                   {"qty_0", "1"},
                                   {"reason_0", kind == "return" ? "changed_mind" : "defect"},
                                   {"lang", lang}},
                                  {});
  }

  std::size_t events() {
    return codec::to_json(engine_.read_events(EventQuery{})).at("events").as_array().size();
  }

  Engine engine_;
  std::unique_ptr<App> app_;
};

TEST_F(AbusePages,
       AFlaggedCustomersStatutoryRightsOpenAndAVoluntaryReturnIsRefusedInTheirLanguage) {
  Browser browser(*app_);
  browser.prime();
  EXPECT_EQ(send(browser, "N3001", "return", "en").status, 303) << "a withdrawal in its period";
  EXPECT_EQ(send(browser, "N3002", "complaint", "en").status, 303) << "a defect complaint";
  const std::size_t before = events();

  const Response english = send(browser, "N3002", "return", "en");
  EXPECT_EQ(english.status, 422);
  EXPECT_NE(english.body.find("This return goes beyond the statutory right of withdrawal"),
            std::string::npos)
      << english.body;
  const Response polish = send(browser, "N3002", "return", "pl");
  EXPECT_NE(polish.body.find("Ten zwrot wykracza poza ustawowe prawo odstąpienia od umowy"),
            std::string::npos);
  const Response russian = send(browser, "N3002", "return", "ru");
  EXPECT_NE(russian.body.find("Этот возврат выходит за рамки права на отказ от товара"),
            std::string::npos);
  EXPECT_EQ(events(), before) << "a refused return opens nothing";

  CaseQuery query;
  query.limit = 10;
  const auto cases = engine_.list_cases(query).cases;
  ASSERT_EQ(cases.size(), 2u);
  for (const auto &opened : cases) EXPECT_FALSE(opened.flags.empty()) << opened.number;
}

}  // namespace
}  // namespace reclaim::http::testing
