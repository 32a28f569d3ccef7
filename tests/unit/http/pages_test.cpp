// The customer pages through the router, without sockets: CSRF, lookups, the three-step form,
// the status page and the customer's actions, escaping, rate limits and attachments.
#include <gtest/gtest.h>

#include "http/site.hpp"
#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

class Pages : public ::testing::Test {
 protected:
  Pages() : engine_(test_config()) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    engine_.import_order("default", demo_order("1001", "jan@example.pl"));
    engine_.import_order("default", demo_order("1002", "anna@example.com"));
  }

  App &app(Options options = {}) {
    app_ = std::make_unique<App>(engine_, std::move(options));
    return *app_;
  }

  // Opens a complaint through the pages; returns the status token.
  std::string open_case(Browser &browser, const std::string &order = "N1001",
                        const std::string &email = "jan@example.pl", Fields extra = {},
                        std::vector<File> files = {}) {
    browser.prime();
    Fields fields{{"step", "case"}, {"order", order},       {"email", email}, {"kind", "complaint"},
                  {"qty_0", "1"},   {"reason_0", "defect"}, {"lang", "en"}};
    for (auto &field : extra) fields.push_back(field);
    const Response response = browser.post_multipart("/new", fields, files);
    EXPECT_EQ(response.status, 303) << response.body;
    return token_of(response.header("Location"));
  }

  std::string case_id(const std::string &token) { return *engine_.case_of_token(token, "default"); }

  void staff(const std::string &token, Action action, const std::string &message = {}) {
    ActionRequest request;
    request.action = action;
    request.actor = {Role::agent, "agent-1"};
    request.message = message;
    request.reason = message;
    if (action == Action::accept) request.resolution = Resolution{ResolutionType::refund, std::nullopt};
    engine_.act(case_id(token), request, "");
  }

  Engine engine_;
  std::unique_ptr<App> app_;
};

TEST_F(Pages, HomeSetsTheCsrfCookieAndTheSecurityHeaders) {
  Browser browser(app());
  const Response home = browser.get("/");
  EXPECT_EQ(home.status, 200);
  EXPECT_FALSE(browser.cookie().empty());
  EXPECT_FALSE(browser.csrf().empty());
  EXPECT_NE(home.header("Set-Cookie").find("HttpOnly; SameSite=Strict"), std::string::npos);
  EXPECT_NE(home.header("Content-Security-Policy").find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_NE(home.header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  EXPECT_EQ(home.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(home.header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(home.header("Cache-Control"), "no-store");
  // The second visit keeps the cookie rather than issuing a new one.
  EXPECT_TRUE(browser.get("/").header("Set-Cookie").empty());
}

TEST_F(Pages, LanguageComesFromTheQueryThenTheBrowserThenTheShop) {
  Browser browser(app());
  EXPECT_NE(browser.get("/").body.find("<html lang=\"pl\">"), std::string::npos);
  EXPECT_NE(browser.get("/?lang=ru").body.find("Проверить обращение"), std::string::npos);
  const Response english =
      browser.send("GET", "/", "", "", {{"accept-language", "de;q=1, en-GB;q=0.8, ru;q=0.5"}});
  EXPECT_NE(english.body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(browser.get("/?lang=xx").body.find("<html lang=\"pl\">"), std::string::npos);
}

TEST_F(Pages, FormsWithoutAValidCsrfTokenAreRefused) {
  Browser browser(app());
  // No cookie at all.
  EXPECT_EQ(browser.post("/lookup", {{"number", "x"}, {"email", "y@z"}}, false).status, 403);
  browser.prime();
  // A cookie but no field.
  EXPECT_EQ(browser.post("/lookup", {{"number", "x"}, {"email", "y@z"}}, false).status, 403);
  // A forged field.
  EXPECT_EQ(browser.post("/lookup", {{"number", "x"}, {"email", "y@z"}, {"csrf", "forged"}}, false)
                .status,
            403);
  // Another browser's valid pair does not fit this cookie.
  Browser other(*app_);
  other.prime();
  browser.csrf() = other.csrf();
  EXPECT_EQ(browser.post("/lookup", {{"number", "x"}, {"email", "y@z"}}).status, 403);
  for (const char *path : {"/new", "/withdraw", "/withdraw/confirm"}) {
    EXPECT_EQ(browser.post(path, {{"order", "N1001"}, {"email", "jan@example.pl"}}).status, 403)
        << path;
  }
}

// Finding 8: a cookie the server did not sign is never trusted. An attacker who plants a value
// of their choosing in a victim's browser and reads the form token the server gives for it
// (by sending the same cookie themselves) must not get a form of the victim's accepted.
TEST_F(Pages, APlantedCsrfCookieIsReplacedAndItsFormsRefused) {
  const std::string planted(32, 'A');
  Browser attacker(app());
  attacker.cookie() = planted;
  const Response page = attacker.get("/");
  EXPECT_NE(std::string(page.header("Set-Cookie")).find("rc_csrf="), std::string::npos);
  EXPECT_NE(attacker.cookie(), planted);
  Browser victim(*app_);
  victim.cookie() = planted;
  victim.csrf() = attacker.csrf();
  const Response forged = victim.post("/lookup", {{"number", "x"}, {"email", "y@z"}});
  EXPECT_EQ(forged.status, 403);
  EXPECT_NE(victim.cookie(), planted);  // replaced by a signed one
  // A signature that belongs to another nonce does not fit either.
  Browser honest(*app_);
  honest.prime();
  const std::string issued = honest.cookie();
  ASSERT_EQ(issued.find('.'), 24u);
  Browser tamperer(*app_);
  tamperer.cookie() = std::string(24, 'B') + issued.substr(24);
  tamperer.get("/");
  EXPECT_NE(tamperer.cookie().substr(0, 24), std::string(24, 'B'));
  // The server's own cookie is kept and its forms pass.
  EXPECT_TRUE(honest.get("/").header("Set-Cookie").empty());
  EXPECT_EQ(honest.cookie(), issued);
  EXPECT_NE(honest.post("/lookup", {{"number", "x"}, {"email", "y@z"}}).status, 403);
}

TEST_F(Pages, CookiesAreSecureAndHstsIsSentWhenTheShopIsServedOverHttps) {
  {
    Browser browser(app());  // the fixture's shop has no public_url
    const Response home = browser.get("/");
    EXPECT_EQ(std::string(home.header("Set-Cookie")).find("Secure"), std::string::npos);
    EXPECT_TRUE(home.header("Strict-Transport-Security").empty());
  }
  EngineConfig config = test_config();
  config.shops[0].public_url = "https://shop.example/returns";
  Engine engine(config);
  App app(engine, Options{});
  Browser browser(app);
  const Response home = browser.get("/");
  EXPECT_NE(std::string(home.header("Set-Cookie")).find("; Secure"), std::string::npos);
  EXPECT_NE(std::string(home.header("Set-Cookie")).find("HttpOnly"), std::string::npos);
  EXPECT_EQ(home.header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(browser.get("/healthz").header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(browser.get("/nope").header("Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(Pages, LookupAnswersTheSameWhicheverDetailIsWrong) {
  Browser browser(app());
  const std::string token = open_case(browser);
  const std::string number(codec::to_json(engine_.customer_view(case_id(token))).at("number").as_string());
  const Response wrong_email =
      browser.post("/lookup", {{"number", number}, {"email", "anna@example.com"}});
  const Response wrong_number =
      browser.post("/lookup", {{"number", "RC-2026-999999"}, {"email", "jan@example.pl"}});
  const Response both_wrong = browser.post("/lookup", {{"number", "nope"}, {"email", "x@y.z"}});
  EXPECT_EQ(wrong_email.status, 404);
  EXPECT_EQ(wrong_email.status, wrong_number.status);
  EXPECT_EQ(wrong_email.body, wrong_number.body);
  EXPECT_EQ(wrong_email.body, both_wrong.body);
  EXPECT_EQ(wrong_email.headers, wrong_number.headers);
  EXPECT_EQ(wrong_email.body.find(number), std::string::npos);  // nothing echoed
  const Response found =
      browser.post("/lookup", {{"number", number}, {"email", " JAN@example.PL "}});
  EXPECT_EQ(found.status, 303);
  EXPECT_EQ(token_of(found.header("Location")), token);
}

TEST_F(Pages, NewCaseStepsVerifyTheOrderAndListItsLines) {
  Browser browser(app());
  browser.prime();
  const Response wrong_email =
      browser.post("/new", {{"step", "order"}, {"order", "N1001"}, {"email", "anna@example.com"}});
  const Response wrong_number =
      browser.post("/new", {{"step", "order"}, {"order", "N9999"}, {"email", "jan@example.pl"}});
  EXPECT_EQ(wrong_email.status, 404);
  EXPECT_EQ(wrong_email.body, wrong_number.body);
  const Response items = browser.post(
      "/new?lang=en", {{"step", "order"}, {"order", "N1001"}, {"email", "jan@example.pl"}});
  EXPECT_EQ(items.status, 200);
  EXPECT_NE(items.body.find("Step 2 of 3"), std::string::npos);
  EXPECT_NE(items.body.find("name=\"qty_0\""), std::string::npos);
  EXPECT_NE(items.body.find("name=\"qty_1\""), std::string::npos);
  EXPECT_NE(items.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  // Submitting nothing claimed re-shows step 2 with the reason.
  const Response none = browser.post_multipart(
      "/new?lang=en", {{"step", "case"}, {"order", "N1001"}, {"email", "jan@example.pl"}}, {});
  EXPECT_EQ(none.status, 422);
  EXPECT_NE(none.body.find("at least one item"), std::string::npos);
}

TEST_F(Pages, StepTwoShowsWhatEachLineAllowsAndARefusalSaysWhy) {
  Order old = demo_order("1003", "ola@example.pl");
  old.delivered_at = *parse_rfc3339("2020-01-10T10:00:00Z");
  engine_.import_order("default", old);
  Browser browser(app());
  browser.prime();
  // Each kind's step says what that kind allows.
  const Response items = browser.post("/new?lang=en", {{"step", "order"},
                                                       {"order", "N1003"},
                                                       {"email", "ola@example.pl"},
                                                       {"kind", "return"}});
  EXPECT_NE(items.body.find("✗ The period for returning this item ended on 24 January 2020."),
            std::string::npos)
      << items.body;
  const Response complaint = browser.post(
      "/new?lang=en", {{"step", "order"}, {"order", "N1003"}, {"email", "ola@example.pl"}});
  EXPECT_NE(complaint.body.find("✗ The period for complaints about this item ended on "
                                "10 January 2022."),
            std::string::npos);
  // Sent anyway: refused with the same reason, and nothing is opened.
  const Response refused = browser.post_multipart(
      "/new?lang=en",
      {{"step", "case"}, {"order", "N1003"}, {"email", "ola@example.pl"}, {"kind", "return"},
       {"qty_0", "1"}, {"reason_0", "changed_mind"}, {"lang", "en"}},
      {});
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("The period for returning this item ended on 24 January 2020."),
            std::string::npos);
  EXPECT_TRUE(codec::to_json(engine_.read_events(EventQuery{})).at("events").as_array().empty());
  // A recent order: both kinds open, said in Polish.
  const Response fresh = browser.post(
      "/new?lang=pl", {{"step", "order"}, {"order", "N1001"}, {"email", "jan@example.pl"}});
  EXPECT_NE(fresh.body.find("✓ Sklep przyjmuje reklamacje"), std::string::npos);
  const Response fresh_return = browser.post(
      "/new?lang=pl",
      {{"step", "order"}, {"order", "N1001"}, {"email", "jan@example.pl"}, {"kind", "return"}});
  EXPECT_NE(fresh_return.body.find("✓ Sklep przyjmuje zwrot"), std::string::npos);
}

TEST_F(Pages, ACaseIsOpenedWithAPhotoFollowedRepliedToRatedAndReopened) {
  Options options;
  options.submits_per_minute = 100;
  Browser browser(app(options));
  const std::string token =
      open_case(browser, "N1001", "jan@example.pl",
                {{"description", "It leaks"}, {"resolution", "refund"}, {"name", "Jan K"}},
                {{"photos", "kettle.jpg", kJpeg}});
  const std::string id = case_id(token);
  const Response confirmation = browser.get("/c/" + token + "/confirmation?lang=en");
  EXPECT_EQ(confirmation.status, 200);
  EXPECT_NE(confirmation.body.find("RC-2026-000001"), std::string::npos);
  EXPECT_NE(confirmation.body.find("7 December 2026"), std::string::npos);  // 14 days, shop's zone

  Response status = browser.get("/c/" + token + "?lang=en");
  EXPECT_EQ(status.status, 200);
  EXPECT_NE(status.body.find("It leaks"), std::string::npos);
  EXPECT_NE(status.body.find("kettle.jpg"), std::string::npos);
  EXPECT_NE(status.body.find("Cancel the case…"), std::string::npos);
  EXPECT_EQ(status.body.find("Answer our question"), std::string::npos);
  const json::object view = codec::to_json(engine_.customer_view(id));
  ASSERT_EQ(view.at("attachments").as_array().size(), 1u);
  const std::string file_id(view.at("attachments").as_array()[0].at("id").as_string());
  const Response photo = browser.get("/c/" + token + "/files/" + file_id);
  EXPECT_EQ(photo.status, 200);
  EXPECT_EQ(photo.body, kJpeg);
  EXPECT_EQ(photo.header("Content-Type"), "image/jpeg");

  staff(token, Action::request_info, "Which model is it?");
  status = browser.get("/c/" + token + "?lang=en");
  EXPECT_NE(status.body.find("Which model is it?"), std::string::npos);
  EXPECT_NE(status.body.find("Waiting for your answer"), std::string::npos);
  const Response replied = browser.post_multipart(
      "/c/" + token + "/reply", {{"message", "Model K-2"}}, {{"photos", "label.pdf", kPdf}});
  EXPECT_EQ(replied.status, 303) << replied.body;
  const json::object after_reply = codec::to_json(engine_.customer_view(id));
  EXPECT_EQ(after_reply.at("state"), "in_review");
  const auto &last = after_reply.at("history").as_array().back().as_object();
  EXPECT_EQ(last.at("message"), "Model K-2");
  ASSERT_EQ(last.at("attachments").as_array().size(), 1u);  // the reply names its file
  EXPECT_EQ(after_reply.at("attachments").as_array().size(), 2u);

  staff(token, Action::accept);
  ActionRequest fulfil;
  fulfil.action = Action::fulfil;
  fulfil.actor = {Role::agent, "agent-1"};
  engine_.act(id, fulfil, "");
  EXPECT_EQ(browser.post("/c/" + token + "/rate", {{"score", "6"}}).status, 422);
  EXPECT_EQ(browser.post("/c/" + token + "/rate", {{"score", "5"}, {"comment", "Quick"}}).status,
            303);
  EXPECT_EQ(codec::to_json(engine_.customer_view(id)).at("rating").at("score"), 5);
  // Rated once only: the form is gone, and a second rating is refused.
  EXPECT_EQ(browser.get("/c/" + token).body.find("name=\"score\""), std::string::npos);
  EXPECT_EQ(browser.post("/c/" + token + "/rate", {{"score", "1"}}).status, 409);
  EXPECT_EQ(browser.post("/c/" + token + "/reopen", {{"reason", "Broke again"}}).status, 303);
  EXPECT_EQ(codec::to_json(engine_.customer_view(id)).at("state"), "in_review");
}

TEST_F(Pages, ACustomerCancelsBeforeADecision) {
  Browser browser(app());
  const std::string token = open_case(browser);
  EXPECT_EQ(browser
                .post("/c/" + token + "/cancel",
                      {{"reason", "Found the receipt"}, {"confirm", "yes"}})
                .status,
            303);
  EXPECT_EQ(codec::to_json(engine_.customer_view(case_id(token))).at("state"), "cancelled");
  EXPECT_EQ(browser.post("/c/" + token + "/cancel", {{"confirm", "yes"}}).status, 409);
}

// Issue 18, finding 6: a cancelled case takes no files, and the reply that brought them keeps
// none.
TEST_F(Pages, AReplyWithFilesToACancelledCaseIsRefusedAndKeepsNone) {
  Browser browser(app());
  const std::string token = open_case(browser);
  ASSERT_EQ(browser.post("/c/" + token + "/cancel", {{"confirm", "yes"}}).status, 303);
  const Response refused =
      browser.post_multipart("/c/" + token + "/reply?lang=en", {{"message", "One more photo"}},
                             {{"photos", "late.jpg", kJpeg}});
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("This case is closed or cancelled, so files can no longer be added"),
            std::string::npos);
  EXPECT_TRUE(engine_.customer_view(case_id(token)).attachments.empty());
  const Response polish =
      browser.post_multipart("/c/" + token + "/reply?lang=pl", {{"message", "Jeszcze jedno"}},
                             {{"photos", "late.jpg", kJpeg}});
  EXPECT_NE(polish.body.find("nie można już dodawać do niego plików"), std::string::npos);
  EXPECT_TRUE(engine_.customer_view(case_id(token)).attachments.empty());
}

// Finding 6: the per-case quota holds on the web reply too, and a reply beyond it is refused
// whole: no file kept, the case still waiting for the customer.
TEST_F(Pages, AReplyBeyondTheCasesQuotaIsRefusedWhole) {
  Options options;
  options.submits_per_minute = 100;
  Browser browser(app(options));
  const std::string token = open_case(browser);
  const std::string id = case_id(token);
  for (int i = 0; i < 15; ++i) engine_.add_attachment(id, "", kJpeg);
  staff(token, Action::request_info, "More photos, please");
  std::vector<File> photos;
  for (int i = 0; i < 6; ++i) photos.push_back({"photos", "p" + std::to_string(i) + ".jpg", kJpeg});
  const Response refused =
      browser.post_multipart("/c/" + token + "/reply?lang=en", {{"message", "Six more"}}, photos);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("This case cannot take any more files"), std::string::npos);
  const CustomerView view = engine_.customer_view(id);
  EXPECT_EQ(view.attachments.size(), 15u);
  EXPECT_EQ(view.subject.state, State::waiting_for_customer);
  photos.resize(5);
  EXPECT_EQ(
      browser.post_multipart("/c/" + token + "/reply", {{"message", "Five more"}}, photos).status,
      303);
  EXPECT_EQ(engine_.customer_view(id).attachments.size(), 20u);
}

// Finding 6: downloads are limited per address, and a browser that has a file revalidates it
// with its ETag instead of fetching it again.
TEST_F(Pages, FileDownloadsAreThrottledAndRevalidated) {
  Options options;
  options.downloads_per_minute = 3;
  App &limited = app(options);
  Browser browser(limited);
  const std::string token =
      open_case(browser, "N1001", "jan@example.pl", {}, {{"photos", "kettle.jpg", kJpeg}});
  const std::string file = engine_.customer_view(case_id(token)).attachments.at(0).id;
  const std::string path = "/c/" + token + "/files/" + file;
  const Response first = browser.get(path);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, kJpeg);
  const std::string etag(first.header("ETag"));
  EXPECT_EQ(etag, "\"" + sha256_hex(kJpeg) + "\"");
  EXPECT_EQ(first.header("Cache-Control"), "private, max-age=86400");
  const Response again = browser.send("GET", path, "", "", {{"if-none-match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(browser.send("GET", path, "", "", {{"if-none-match", "\"other\""}}).body, kJpeg);
  const Response throttled = browser.get(path + "?lang=en");
  EXPECT_EQ(throttled.status, 429);
  EXPECT_FALSE(throttled.header("Retry-After").empty());
  EXPECT_NE(throttled.body.find("Too many attempts"), std::string::npos);
  Browser elsewhere(limited, "198.51.100.7");  // the limit is per address
  EXPECT_EQ(elsewhere.get(path).status, 200);
}

TEST_F(Pages, TamperedOrForgedTokensFindNothing) {
  Browser browser(app());
  const std::string token = open_case(browser);
  std::string tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  std::string other_id = token;
  other_id[3] = other_id[3] == '0' ? '1' : '0';
  for (const auto &bad : {tampered, other_id, std::string("c_00.AAAA"), std::string("nodot")}) {
    EXPECT_EQ(browser.get("/c/" + bad).status, 404) << bad;
    EXPECT_EQ(browser.post("/c/" + bad + "/cancel", {}).status, 404) << bad;
    EXPECT_EQ(browser.get("/api/v1/cases/" + bad).status, 404) << bad;
  }
  EXPECT_EQ(codec::to_json(engine_.customer_view(case_id(token))).at("state"), "received");
}

TEST_F(Pages, AttachmentsAreJudgedByTheirContent) {
  Browser browser(app());
  browser.prime();
  const Response disguised =
      browser.post_multipart("/new?lang=en",
                             {{"step", "case"},
                              {"order", "N1001"},
                              {"email", "jan@example.pl"},
                              {"qty_0", "1"},
                              {"reason_0", "defect"}},
                             {{"photos", "photo.jpg", "<html><script>alert(1)</script></html>"}});
  EXPECT_EQ(disguised.status, 422);
  EXPECT_NE(disguised.body.find("Only JPEG, PNG, WebP and PDF"), std::string::npos);
  EXPECT_EQ(codec::to_json(engine_.list_cases({})).at("cases").as_array().size(), 0u);  // nothing opened
  const std::string png = std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16) +
                          std::string(17, '\0') + std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  const std::string webp("RIFF\x0C\0\0\0WEBPVP8 \0\0\0\0", 20);
  for (const auto &bytes : {png, webp, kPdf, kJpeg})
    EXPECT_FALSE(sniff_content_type(bytes).empty());
  EXPECT_TRUE(sniff_content_type("GIF89a").empty());
  EXPECT_THROW(engine_.add_attachment("c_none", "x", std::string(10 * 1024 * 1024 + 1, 'x')),
               Error);
}

TEST_F(Pages, EveryRenderedFieldIsEscaped) {
  const std::string xss = "\"><script>alert(1)</script><img src=x onerror=alert(2)>";
  Order order = demo_order("2001", "eve@example.com", xss);
  order.lines[0].sku = xss;
  order.customer.name = xss;
  engine_.import_order("default", order);
  Options options;
  options.submits_per_minute = 1000;
  options.lookups_per_minute = 1000;
  Browser browser(app(options));
  const auto clean = [&](const Response &response, const char *where) {
    EXPECT_EQ(response.body.find("<script>alert"), std::string::npos) << where;
    EXPECT_EQ(response.body.find("<img src=x"), std::string::npos) << where;
  };
  browser.prime();
  const Response items = browser.post(
      "/new?lang=en", {{"step", "order"}, {"order", "N2001"}, {"email", "eve@example.com"}});
  clean(items, "step 2");
  EXPECT_NE(items.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  // Values typed into the form come back escaped when the step is shown again.
  clean(browser.post_multipart("/new",
                               {{"step", "case"},
                                {"order", "N2001"},
                                {"email", "eve@example.com"},
                                {"name", xss},
                                {"description", xss}},
                               {}),
        "step 2 again");
  clean(browser.post("/", {{"number", xss}}), "home");
  const std::string token =
      open_case(browser, "N2001", "eve@example.com", {{"name", xss}, {"description", xss}},
                {{"photos", xss + ".jpg", kJpeg}});
  staff(token, Action::request_info, xss);
  ASSERT_EQ(
      browser.post_multipart("/c/" + token + "/reply", {{"message", xss}}, {{"photos", xss, kJpeg}})
          .status,
      303);
  staff(token, Action::reject, xss);
  ASSERT_EQ(browser.post("/c/" + token + "/rate", {{"score", "1"}, {"comment", xss}}).status, 303);
  ASSERT_EQ(browser.post("/c/" + token + "/reopen", {{"reason", xss}}).status, 303);
  const Response status = browser.get("/c/" + token + "?lang=en");
  clean(status, "status");
  EXPECT_GE(std::count(status.body.begin(), status.body.end(), '&'), 10);
  clean(browser.get("/c/" + token + "/confirmation"), "confirmation");
  const std::string cancelled = open_case(browser, "N2001", "eve@example.com");
  ASSERT_EQ(
      browser.post("/c/" + cancelled + "/cancel", {{"reason", xss}, {"confirm", "yes"}}).status,
      303);
  clean(browser.get("/c/" + cancelled), "cancelled");
  clean(
      browser.post("/withdraw", {{"name", xss}, {"order", "N2001"}, {"email", "eve@example.com"}}),
      "withdraw");
  clean(browser.post("/withdraw", {{"name", xss}, {"order", xss}, {"email", xss}}),
        "withdraw again");
  clean(browser.post(
            "/withdraw/confirm",
            {{"name", xss}, {"order", "N2001"}, {"email", "eve@example.com"}, {"line", "2"}}),
        "withdrawal acknowledgement");
}

TEST_F(Pages, LookupsAndSubmissionsAreLimitedPerAddress) {
  Options options;
  options.lookups_per_minute = 3;
  options.trusted_proxies = {"10.0.0.1"};
  App &endpoint = app(options);
  Browser browser(endpoint, "198.51.100.7");
  browser.prime();
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(browser.post("/lookup", {{"number", "x"}, {"email", "a@b.c"}}).status, 404);
  const Response limited = browser.post("/lookup", {{"number", "x"}, {"email", "a@b.c"}});
  EXPECT_EQ(limited.status, 429);
  EXPECT_FALSE(limited.header("Retry-After").empty());
  // An untrusted peer cannot pose as someone else with X-Forwarded-For…
  const std::string body = "number=x&email=a%40b.c&csrf=" + browser.csrf();
  EXPECT_EQ(browser
                .send("POST", "/lookup", body, "application/x-www-form-urlencoded",
                      {{"x-forwarded-for", "192.0.2.1"}})
                .status,
            429);
  // …but behind the trusted proxy each client has its own budget.
  Browser proxied(endpoint, "10.0.0.1");
  proxied.prime();
  const std::string proxied_body = "number=x&email=a%40b.c&csrf=" + proxied.csrf();
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(proxied
                  .send("POST", "/lookup", proxied_body, "application/x-www-form-urlencoded",
                        {{"x-forwarded-for", "192.0.2.1, 192.0.2.50"}})
                  .status,
              404);
  }
  EXPECT_EQ(proxied
                .send("POST", "/lookup", proxied_body, "application/x-www-form-urlencoded",
                      {{"x-forwarded-for", "192.0.2.50"}})
                .status,
            429);
  EXPECT_EQ(proxied
                .send("POST", "/lookup", proxied_body, "application/x-www-form-urlencoded",
                      {{"x-forwarded-for", "192.0.2.51"}})
                .status,
            404);
}

// Behind proxies given as a range, forged chains and extra header lines do not buy a budget.
TEST_F(Pages, ForgedForwardedChainsDoNotEscapeTheBudget) {
  Options options;
  options.lookups_per_minute = 2;
  options.trusted_proxies = {"10.0.0.0/8"};
  App &endpoint = app(options);
  Browser proxied(endpoint, "10.1.2.3");
  proxied.prime();
  const std::string body = "number=x&email=f%40b.c&csrf=" + proxied.csrf();
  const auto lookup = [&](Fields headers) {
    return proxied.send("POST", "/lookup", body, "application/x-www-form-urlencoded", headers)
        .status;
  };
  EXPECT_EQ(lookup({{"x-forwarded-for", "192.0.2.80"}}), 404);
  EXPECT_EQ(lookup({{"x-forwarded-for", "6.6.6.1, 192.0.2.80"}}), 404);
  // A new left-most address each time changes nothing: the proxy's entry is the right-most.
  EXPECT_EQ(lookup({{"x-forwarded-for", "6.6.6.2, 192.0.2.80"}}), 429);
  // The attacker's own header line comes first; the proxy's line after it still decides.
  EXPECT_EQ(lookup({{"x-forwarded-for", "6.6.6.3"}, {"x-forwarded-for", "192.0.2.80"}}), 429);
  // An in-process request without a peer is not a trusted proxy, whatever it forwards.
  Browser anonymous(endpoint, "");
  anonymous.prime();
  const std::string anonymous_body = "number=x&email=f%40b.c&csrf=" + anonymous.csrf();
  for (const char *forged : {"192.0.2.1", "192.0.2.2", "192.0.2.3"}) {
    const int status = anonymous
                           .send("POST", "/lookup", anonymous_body,
                                 "application/x-www-form-urlencoded", {{"x-forwarded-for", forged}})
                           .status;
    EXPECT_EQ(status, forged == std::string("192.0.2.3") ? 429 : 404) << forged;
  }
}

// Walking case numbers with a known e-mail from many addresses runs into the e-mail's budget.
TEST_F(Pages, OneEmailCanBeLookedUpOnlySoOftenFromAnywhere) {
  Options options;
  options.lookups_per_minute = 100;
  App &endpoint = app(options);
  int refused_at = 0;
  for (int i = 1; i <= kLookupsPerEmailPerHour + 1 && !refused_at; ++i) {
    Browser walker(endpoint, "198.51.100." + std::to_string(i));
    walker.prime();
    const int status =
        walker.post("/lookup", {{"number", "R-" + std::to_string(i)}, {"email", " Jan@Example.PL "}})
            .status;
    if (status == 429) refused_at = i;
    else EXPECT_EQ(status, 404);
  }
  EXPECT_EQ(refused_at, kLookupsPerEmailPerHour + 1);
  // Another address of another customer is not affected.
  Browser other(endpoint, "198.51.100.200");
  other.prime();
  EXPECT_EQ(other.post("/lookup", {{"number", "R-1"}, {"email", "anna@example.com"}}).status, 404);
}

// The form takes the quantities the JSON API takes: up to kMaxQuantity units of a line.
TEST_F(Pages, TheFormTakesAsManyUnitsAsTheApi) {
  Order bulk = demo_order("1003", "jan@example.pl");
  bulk.lines[0].qty = kMaxQuantity;
  engine_.import_order("default", bulk);
  Browser browser(app());
  browser.prime();
  const auto submit = [&](const std::string &qty) {
    return browser
        .post_multipart("/new", {{"step", "case"},
                                 {"order", "N1003"},
                                 {"email", "jan@example.pl"},
                                 {"kind", "complaint"},
                                 {"qty_0", qty},
                                 {"reason_0", "defect"},
                                 {"lang", "en"}},
                        {})
        .status;
  };
  EXPECT_EQ(submit(std::to_string(kMaxQuantity + 1)), 422);
  EXPECT_EQ(submit(std::to_string(kMaxQuantity)), 303);
}

// Optional white space in headers is spaces and tabs (RFC 9110 OWS), wherever it stands.
TEST_F(Pages, HeadersMayCarryTabsAsOptionalWhiteSpace) {
  Browser browser(app());
  const Response russian =
      browser.send("GET", "/", "", "", {{"accept-language", "de;q=1,\tru ;q=0.9, en;q=0.5"}});
  EXPECT_NE(russian.body.find("<html lang=\"ru\">"), std::string::npos);

  Options options;
  options.lookups_per_minute = 1;
  options.trusted_proxies = {"10.0.0.1"};
  App &endpoint = app(options);
  Browser proxied(endpoint, "10.0.0.1");
  proxied.prime();
  const std::string body = "number=x&email=a%40b.c&csrf=" + proxied.csrf();
  const auto lookup = [&](const std::string &forwarded) {
    return proxied
        .send("POST", "/lookup", body, "application/x-www-form-urlencoded",
              {{"x-forwarded-for", forwarded}})
        .status;
  };
  EXPECT_EQ(lookup("192.0.2.60"), 404);
  // The same client after a tab: its budget is spent.
  EXPECT_EQ(lookup("192.0.2.1,\t192.0.2.60"), 429);
}

TEST_F(Pages, TheWithdrawalHasAConfirmationStepAndAnAcknowledgement) {
  Browser browser(app());
  browser.prime();
  EXPECT_EQ(browser.get("/withdraw?lang=en").status, 200);
  const Response confirm =
      browser.post("/withdraw?lang=en",
                   {{"name", "Anna Nowak"}, {"order", "N1002"}, {"email", "anna@example.com"}});
  EXPECT_EQ(confirm.status, 200);
  EXPECT_NE(confirm.body.find("Confirm withdrawal"), std::string::npos);
  EXPECT_NE(confirm.body.find("I hereby give notice"), std::string::npos);
  EXPECT_EQ(codec::to_json(engine_.list_cases({})).at("cases").as_array().size(), 0u);  // nothing yet
  const Response done = browser.post(
      "/withdraw/confirm?lang=en",
      {{"name", "Anna Nowak"}, {"order", "N1002"}, {"email", "anna@example.com"}, {"line", "1"}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Your withdrawal was received"), std::string::npos);
  EXPECT_NE(done.body.find("23 November 2026, 11:00"), std::string::npos);  // Warsaw time
  const auto cases = codec::to_json(engine_.list_cases({})).at("cases").as_array();
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0].at("kind"), "return");
  EventQuery query;
  query.limit = 100;
  bool acknowledged = false;
  const json::object events = codec::to_json(engine_.read_events(query));
  for (const auto &event : events.at("events").as_array()) {
    if (event.at("type") == "case.withdrawal") {
      acknowledged = true;
      EXPECT_EQ(event.at("data").at("name"), "Anna Nowak");
      EXPECT_EQ(event.at("data").at("submitted_at"), "2026-11-23T10:00:00Z");
    }
  }
  EXPECT_TRUE(acknowledged);
  const Response none = browser.post(
      "/withdraw/confirm", {{"name", "Anna"}, {"order", "N1002"}, {"email", "anna@example.com"}});
  EXPECT_EQ(none.status, 422);
}

TEST_F(Pages, AWithdrawalTakesWhatOpenCasesHaveNotClaimed) {
  Browser browser(app());
  open_case(browser, "N1001", "jan@example.pl");  // claims 1 of line 1's 2
  const Response confirm = browser.post(
      "/withdraw?lang=en", {{"name", "Jan"}, {"order", "N1001"}, {"email", "jan@example.pl"}});
  EXPECT_NE(confirm.body.find("Kettle × 1"), std::string::npos);
  const Response done = browser.post("/withdraw/confirm?lang=en", {{"name", "Jan"},
                                                                   {"order", "N1001"},
                                                                   {"email", "jan@example.pl"},
                                                                   {"line", "1"},
                                                                   {"line", "2"}});
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Kettle × 1"), std::string::npos);
  EXPECT_NE(done.body.find("Mugs × 1"), std::string::npos);
  EXPECT_EQ(engine_.claimed_quantities("default", "1001").at("1"), 2);
}

TEST_F(Pages, ErrorPagesSayNothingInternal) {
  Browser browser(app());
  const Response missing = browser.get("/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.header("Content-Type").find("text/html"), std::string::npos);
  browser.prime();
  const Response broken =
      browser.send("POST", "/lookup", "--x\r\nbroken", "multipart/form-data; boundary=x");
  EXPECT_EQ(broken.status, 400);
  const Response bad_text = browser.post("/lookup", {{"number", std::string("\x01\xff", 2)}});
  EXPECT_EQ(bad_text.status, 400);
  EXPECT_EQ(browser.send("DELETE", "/", "", "").status, 405);
  for (const auto *response : {&missing, &broken, &bad_text}) {
    EXPECT_EQ(response->body.find("sqlite"), std::string::npos);
    EXPECT_EQ(response->body.find("exception"), std::string::npos);
  }
}

TEST_F(Pages, BasePathPrefixesEveryRoute) {
  Options options;
  options.base_path = "/returns";
  Browser browser(app(options));
  const Response home = browser.get("/returns/");
  EXPECT_EQ(browser.get("/").status, 404);
  EXPECT_EQ(browser.get("/returns").status, 303);
  EXPECT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("action=\"/returns/lookup\""), std::string::npos);
  EXPECT_NE(home.header("Set-Cookie").find("Path=/returns/"), std::string::npos);
  EXPECT_EQ(browser.get("/returns/healthz").status, 200);
  EXPECT_EQ(browser.get("/returns/assets/style.css").header("Content-Type"),
            "text/css; charset=utf-8");
}

// Finding 9: a path that starts with "//" or "/\" must not become a protocol-relative link
// (language links repeat the path) that leads off the site.
TEST_F(Pages, RelativeLinksCannotLeaveTheSite) {
  static const std::regex link(R"re((?:href|action|src)="([^"]*)")re");
  for (const std::string base : {"", "/returns"}) {
    Options options;
    options.base_path = base;
    Browser browser(app(options));
    for (const std::string path : {"//evil.example/", "///evil.example/x", "/\\evil.example/",
                                   "/\\/evil.example", "//evil.example/c/x"}) {
      const Response response = browser.get(base + path);
      EXPECT_EQ(response.status, 404) << path;
      int links = 0;
      for (std::sregex_iterator it(response.body.begin(), response.body.end(), link), end;
           it != end; ++it) {
        const std::string target = (*it)[1];
        ++links;
        if (target.starts_with("#")) continue;
        ASSERT_TRUE(target.starts_with("/")) << base << path << " → " << target;
        EXPECT_TRUE(target.size() < 2 || (target[1] != '/' && target[1] != '\\'))
            << base << path << " → " << target;
      }
      EXPECT_GT(links, 3) << path;
    }
  }
}

TEST_F(Pages, PagesStayLight) {
  Browser browser(app());
  const std::string token = open_case(browser);
  const std::size_t css = browser.get("/assets/style.css").body.size();
  for (const std::string &path :
       std::vector<std::string>{"/", "/new", "/withdraw", "/c/" + token}) {
    for (const char *lang : {"pl", "en", "ru"}) {
      EXPECT_LT(browser.get(path + "?lang=" + lang).body.size() + css, 30u * 1024) << path << lang;
    }
  }
}

}  // namespace
}  // namespace reclaim::http::testing
