// The JSON API and the operational routes, through the router without sockets.
#include <gtest/gtest.h>

#include "http/metrics.hpp"
#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

namespace json = boost::json;

constexpr const char *kMetricsToken = "metrics-token-0123456789";

class Api : public ::testing::Test {
 protected:
  Api() : engine_(test_config()), app_(engine_, options()), client_(app_) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    engine_.import_order("default", demo_order("1001", "jan@example.pl"));
  }
  static Options options() {
    Options o;
    o.submits_per_minute = 100;
    o.metrics_token = kMetricsToken;
    return o;
  }
  Response call(const std::string &method, const std::string &path, const std::string &body = {},
                const std::string &type = "application/json") {
    return client_.send(method, path, body, body.empty() ? "" : type);
  }
  static json::value doc(const Response &response) { return json::parse(response.body); }

  std::string open() {
    const Response opened = call("POST", "/api/v1/cases",
                                 R"({"order":"N1001","email":"jan@example.pl","kind":"complaint",
                                     "items":[{"line":"1","qty":1,"reason":"defect"}],
                                     "description":"Leaks","preferred_resolution":"repair"})");
    EXPECT_EQ(opened.status, 201) << opened.body;
    return std::string(doc(opened).at("token").as_string());
  }

  Engine engine_;
  App app_;
  Browser client_;
};

TEST_F(Api, OpensACaseAndShowsTheCustomersView) {
  const Response verified =
      call("POST", "/api/v1/orders/verify", R"({"order":"N1001","email":"jan@example.pl"})");
  EXPECT_EQ(verified.status, 200);
  EXPECT_EQ(doc(verified).at("order").at("lines").as_array().size(), 2u);
  const json::value summary = doc(verified);
  const auto &first = summary.at("order").at("lines").as_array()[0];
  EXPECT_TRUE(first.at("eligibility").at("complaint").at("eligible").as_bool());
  EXPECT_EQ(first.at("eligibility").at("return").at("code"), "shop_return_policy");
  const std::string token = open();
  const Response view = call("GET", "/api/v1/cases/" + token);
  EXPECT_EQ(view.status, 200);
  const json::value body = doc(view);
  EXPECT_EQ(body.at("state"), "received");
  // 14 days from Monday 23 November end with Monday 7 December, 23:59:59 in Warsaw.
  EXPECT_EQ(body.at("decision_due"), "2026-12-07T22:59:59Z");
  EXPECT_FALSE(body.as_object().contains("assignee"));
  EXPECT_FALSE(body.as_object().contains("status_token"));
  EXPECT_EQ(view.header("Content-Type"), "application/json");
}

TEST_F(Api, ErrorsAreJsonDocumentsAndLookupsNeverSayWhichDetailIsWrong) {
  const std::string token = open();
  const Response wrong_email =
      call("POST", "/api/v1/lookup", R"({"number":"RC-2026-000001","email":"x@y.z"})");
  const Response wrong_number =
      call("POST", "/api/v1/lookup", R"({"number":"RC-2026-000009","email":"jan@example.pl"})");
  EXPECT_EQ(wrong_email.status, 404);
  EXPECT_EQ(wrong_email.body, wrong_number.body);
  EXPECT_EQ(doc(wrong_email).at("error").at("code"), "not_found");
  const Response found =
      call("POST", "/api/v1/lookup", R"({"number":"RC-2026-000001","email":"jan@example.pl"})");
  EXPECT_EQ(doc(found).at("token").as_string(), token);
  EXPECT_EQ(
      call("POST", "/api/v1/orders/verify", R"({"order":"N1001","email":"x@y.z"})").body,
      call("POST", "/api/v1/orders/verify", R"({"order":"N9","email":"jan@example.pl"})").body);

  const Response bad = call(
      "POST", "/api/v1/cases",
      R"({"order":"N1001","email":"jan@example.pl","items":[{"line":"1","qty":0,"reason":"defect"}]})");
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(doc(bad).at("error").at("field"), "items[0].qty");
  const Response form =
      call("POST", "/api/v1/lookup", "number=1&email=2", "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 422);
  EXPECT_EQ(doc(form).at("error").at("field"), "content-type");
  EXPECT_EQ(doc(call("POST", "/api/v1/lookup", "{nope")).at("error").at("code"),
            "invalid_argument");
  EXPECT_EQ(call("GET", "/api/v1/lookup").status, 405);
  EXPECT_EQ(doc(call("GET", "/api/v1/nothing")).at("error").at("code"), "not_found");
}

TEST_F(Api, TheCustomersActionsWithAnAttachment) {
  const std::string token = open();
  const std::string id = *engine_.case_of_token(token, "default");
  const Response refused = call("POST", "/api/v1/cases/" + token + "/reply", R"({"message":"hi"})");
  EXPECT_EQ(refused.status, 409);
  EXPECT_EQ(doc(refused).at("error").at("code"), "not_allowed");
  EXPECT_EQ(doc(refused).at("error").at("rule"), "state_not_allowed");  // as the C ABI names it
  ActionRequest ask;
  ask.action = Action::request_info;
  ask.actor = {Role::agent, "a"};
  ask.message = "Photo please";
  engine_.act(id, ask, "");
  const Response upload =
      call("POST", "/api/v1/cases/" + token + "/attachments", kJpeg, "image/jpeg");
  EXPECT_EQ(upload.status, 201) << upload.body;
  const std::string file(doc(upload).at("id").as_string());
  EXPECT_EQ(
      call("POST", "/api/v1/cases/" + token + "/attachments", "plain text", "image/jpeg").status,
      422);
  const Response reply = call("POST", "/api/v1/cases/" + token + "/reply",
                              R"({"message":"here","attachments":[")" + file + R"("]})");
  EXPECT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(doc(reply).at("state"), "in_review");
  const Response download = call("GET", "/api/v1/cases/" + token + "/attachments/" + file);
  EXPECT_EQ(download.body, kJpeg);
  // Another case's token cannot reach this file.
  codec::to_json(engine_.import_order("default", demo_order("1003", "jan@example.pl")));
  const Response other = call(
      "POST", "/api/v1/cases",
      R"({"order":"N1003","email":"jan@example.pl","items":[{"line":"2","qty":1,"reason":"defect"}]})");
  const std::string other_token(doc(other).at("token").as_string());
  EXPECT_EQ(call("GET", "/api/v1/cases/" + other_token + "/attachments/" + file).status, 404);
  EXPECT_EQ(call("POST", "/api/v1/cases/" + other_token + "/cancel", "{}").status, 200);
}

// Finding 7: a file is judged by its whole structure; a PDF that is also a page is refused.
TEST_F(Api, UploadsArePolyglotAndTruncationProof) {
  const std::string token = open();
  ActionRequest ask;
  ask.action = Action::request_info;
  ask.actor = {Role::agent, "a"};
  ask.message = "Receipt please";
  engine_.act(*engine_.case_of_token(token, "default"), ask, "");
  const std::string path = "/api/v1/cases/" + token + "/attachments";
  for (const std::string &bytes :
       {std::string("%PDF-<html><script>alert(1)</script></html>"),
        std::string("%PDF-1.4\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n"),
        kPdf.substr(0, kPdf.size() - 7), kJpeg.substr(0, kJpeg.size() - 2)}) {
    const Response refused = call("POST", path, bytes, "application/pdf");
    EXPECT_EQ(refused.status, 422) << bytes;
  }
  EXPECT_EQ(call("POST", path, kPdf, "application/pdf").status, 201);
  EXPECT_EQ(call("POST", path, kJpeg, "image/jpeg").status, 201);
}

// Issue 18, finding 6: a cancelled case takes no files through the API.
TEST_F(Api, UploadsToACancelledCaseAreRefused) {
  const std::string token = open();
  ASSERT_EQ(call("POST", "/api/v1/cases/" + token + "/cancel", "{}").status, 200);
  const Response refused =
      call("POST", "/api/v1/cases/" + token + "/attachments", kJpeg, "image/jpeg");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(doc(refused).at("error").at("code"), "not_allowed");
  EXPECT_EQ(doc(refused).at("error").at("rule"), "attachment_state");
  EXPECT_EQ(doc(refused).at("error").at("field"), "attachments");
  EXPECT_TRUE(doc(call("GET", "/api/v1/cases/" + token)).at("attachments").as_array().empty());
}

// Finding 6: at most 20 files (and 50 MB) per case by default.
TEST_F(Api, UploadsBeyondTheCasesQuotaAreRefused) {
  const std::string token = open();
  const std::string path = "/api/v1/cases/" + token + "/attachments";
  for (int i = 0; i < 20; ++i) ASSERT_EQ(call("POST", path, kJpeg, "image/jpeg").status, 201) << i;
  const Response refused = call("POST", path, kJpeg, "image/jpeg");
  EXPECT_EQ(refused.status, 409);
  const json::value body = doc(refused);
  const auto &error = body.at("error");
  EXPECT_EQ(error.at("rule"), "attachment_quota");
  EXPECT_EQ(error.at("message"),
            "the case already holds 20 files (at most 20 files and 50 MB per case)");
  EXPECT_EQ(doc(call("GET", "/api/v1/cases/" + token)).at("attachments").as_array().size(), 20u);
}

// Finding 6: downloads are limited per address (429 with Retry-After), carry an ETag, and a
// request naming it gets 304 without the file.
TEST_F(Api, DownloadsAreThrottledAndRevalidated) {
  Options limited = options();
  limited.downloads_per_minute = 2;
  App app(engine_, limited);
  Browser client(app);
  const std::string token = open();
  const Response upload =
      client.send("POST", "/api/v1/cases/" + token + "/attachments", kPdf, "application/pdf");
  ASSERT_EQ(upload.status, 201);
  const std::string path =
      "/api/v1/cases/" + token + "/attachments/" + std::string(doc(upload).at("id").as_string());
  const Response first = client.get(path);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, kPdf);
  EXPECT_EQ(first.header("Content-Type"), "application/pdf");
  EXPECT_EQ(first.header("ETag"), "\"" + sha256_hex(kPdf) + "\"");
  EXPECT_EQ(first.header("Cache-Control"), "private, max-age=86400");
  const Response cached = client.send(
      "GET", path, "", "", {{"if-none-match", "W/\"x\", " + std::string(first.header("ETag"))}});
  EXPECT_EQ(cached.status, 304);
  EXPECT_TRUE(cached.body.empty());
  const Response throttled = client.get(path);
  EXPECT_EQ(throttled.status, 429);
  EXPECT_EQ(doc(throttled).at("error").at("code"), "rate_limited");
  EXPECT_FALSE(throttled.header("Retry-After").empty());
  EXPECT_EQ(client.get("/api/v1/cases/" + token + "/attachments/a_none").status, 429);
}

// Finding 7: files that pass a look at their first bytes but are something else as a whole.
TEST_F(Api, PolyglotsAreRefused) {
  const std::string token = open();
  const std::string path = "/api/v1/cases/" + token + "/attachments";
  const std::string png_then_junk = std::string("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR", 16) +
                                    std::string(17, '\0') + "<junk, not a chunk>" +
                                    std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  const std::string pdf_then_page =
      "%PDF-1.4\n" + std::string(3000, '%') +
      "\n<html><body><script>alert(1)</script></body></html>\n%%EOF\n";
  for (const auto &bytes : {png_then_junk, pdf_then_page}) {
    const Response refused = call("POST", path, bytes, "application/octet-stream");
    EXPECT_EQ(refused.status, 422);
    EXPECT_EQ(doc(refused).at("error").at("rule"), "attachment_type");
  }
  EXPECT_TRUE(doc(call("GET", "/api/v1/cases/" + token)).at("attachments").as_array().empty());
}

TEST_F(Api, WithdrawalAnswersWithTheAcknowledgement) {
  const Response done = call(
      "POST", "/api/v1/withdraw",
      R"({"name":"Jan","order":"N1001","email":"jan@example.pl","lines":["2"],"locale":"en"})");
  EXPECT_EQ(done.status, 201) << done.body;
  const json::value body = doc(done);
  EXPECT_EQ(body.at("acknowledgement").at("submitted_at"), "2026-11-23T10:00:00Z");
  EXPECT_EQ(body.at("acknowledgement").at("items").as_array().size(), 1u);
}

TEST_F(Api, HealthAndMetrics) {
  const std::string token = open();
  call("GET", "/c/" + token);
  call("GET", "/api/v1/cases/" + token);
  EXPECT_EQ(call("GET", "/healthz").status, 200);
  engine_.set_clock(*parse_rfc3339("2026-12-31T10:00:00Z"));  // past the decision date
  const Response metrics = client_.send("GET", "/metrics", "", "",
                                       {{"authorization", std::string("Bearer ") + kMetricsToken}});
  EXPECT_EQ(metrics.status, 200);
  const std::string &text = metrics.body;
  EXPECT_NE(text.find("reclaim_http_requests_total{route=\"/c/{token}\",status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("reclaim_http_requests_total{route=\"/api/v1/cases\",status=\"201\"} 1"),
            std::string::npos);
  EXPECT_NE(text.find("reclaim_http_request_duration_seconds_bucket{le=\"+Inf\"}"),
            std::string::npos);
  EXPECT_NE(text.find("reclaim_cases{state=\"received\"} 1"), std::string::npos);
  EXPECT_NE(text.find("reclaim_deadline_breaches 1"), std::string::npos);
  // The acknowledgement of the case opened, waiting for the host's mailer.
  EXPECT_NE(text.find("reclaim_messages_unsent{channel=\"mail\",status=\"pending\"} 1"),
            std::string::npos) << text;
  EXPECT_EQ(text.find(token), std::string::npos);  // tokens never become labels
}

// /metrics is off unless a token is configured, and then answers only with the bearer token;
// wrong tokens spend the lookup budget. The case gauges are computed at most every 15 s.
TEST_F(Api, MetricsAreOffByDefaultAndBehindABearerToken) {
  Engine engine(test_config());
  App open_app(engine, Options{});
  EXPECT_EQ(Browser(open_app).send("GET", "/metrics", "", "").status, 404);

  EXPECT_EQ(call("GET", "/metrics").status, 401);
  EXPECT_FALSE(call("GET", "/metrics").header("WWW-Authenticate").empty());
  int refused = 0;
  for (int i = 0; i < 20; ++i) {
    const int status =
        client_.send("GET", "/metrics", "", "", {{"authorization", "Bearer wrong-token-000000"}}).status;
    EXPECT_TRUE(status == 401 || status == 429) << status;
    refused += status == 429;
  }
  EXPECT_GT(refused, 0);  // the guesses ran out of budget
  const auto scrape = [&] {
    return client_.send("GET", "/metrics", "", "",
                        {{"authorization", std::string("Bearer ") + kMetricsToken}});
  };
  EXPECT_EQ(scrape().status, 200);  // the right token is not held to the guessers' budget
  const std::string opened_line = "reclaim_cases{state=\"received\"} 1";
  EXPECT_EQ(scrape().body.find(opened_line), std::string::npos);
  open();
  // Within the cache's lifetime the gauges are not recounted.
  EXPECT_EQ(scrape().body.find(opened_line), std::string::npos);
}

TEST(MetricsGauges, AreComputedAtMostOncePerMaxAge) {
  GaugeCache cache(std::chrono::seconds(15));
  int computed = 0;
  const auto compute = [&] { return std::to_string(++computed); };
  const auto t0 = GaugeCache::Clock::now();
  EXPECT_EQ(cache.text(compute, t0), "1");
  EXPECT_EQ(cache.text(compute, t0 + std::chrono::seconds(14)), "1");
  EXPECT_EQ(cache.text(compute, t0 + std::chrono::seconds(15)), "2");
}

}  // namespace
}  // namespace reclaim::http::testing
