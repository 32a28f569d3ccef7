// http/wire.hpp: the byte stream of one connection read as the server reads it (the cases of
// server_test.cpp, without a socket), which fuzz/fuzz_http_stream relies on.
#include "http/wire.hpp"

#include <gtest/gtest.h>

#include "http_fixture.hpp"

namespace reclaim::http::testing {
namespace {

class Wire : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = std::make_unique<Engine>(test_config());
    engine_->import_order("default", demo_order("1001", "jan@example.pl"));
    app_ = std::make_unique<App>(*engine_, Options{});
  }
  std::vector<int> statuses(const std::string &bytes) {
    std::vector<int> out;
    for (const auto &response : serve_bytes(*app_, bytes, "192.0.2.1")) {
      out.push_back(response.status);
    }
    return out;
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<App> app_;
};

TEST_F(Wire, AnswersPipelinedRequestsInOrderUntilOneCloses) {
  const std::string one = "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string missing = "GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n";
  const std::string last = "GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n";
  EXPECT_EQ(statuses(one + missing + one), (std::vector<int>{200, 404, 200}));
  EXPECT_EQ(statuses(one + last + one), (std::vector<int>{200, 200}));
  const auto page = serve_bytes(*app_, "GET /?lang=en HTTP/1.1\r\nHost: x\r\n\r\n", "");
  ASSERT_EQ(page.size(), 1u);
  EXPECT_NE(page[0].body.find("Check a case"), std::string::npos);
}

TEST_F(Wire, ReadsChunkedBodies) {
  const auto answers = serve_bytes(*app_,
                                   "POST /api/v1/lookup HTTP/1.1\r\nContent-Type: application/json\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
                                   "192.0.2.1");
  ASSERT_EQ(answers.size(), 1u);
  // Read whole, then refused by the API for what it lacks.
  EXPECT_EQ(answers[0].status, 422) << answers[0].body;
  EXPECT_NE(answers[0].body.find("\"field\":\"number\""), std::string::npos) << answers[0].body;
}

TEST_F(Wire, RefusesOversizedBodiesWith413) {
  EXPECT_EQ(statuses("POST /lookup HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     "Content-Length: 70000\r\n\r\n"),
            std::vector<int>{413});
  std::string chunked = "POST /lookup HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int i = 0; i < 20; ++i) chunked += "1000\r\n" + std::string(4096, 'a') + "\r\n";
  EXPECT_EQ(statuses(chunked), std::vector<int>{413});
}

TEST_F(Wire, AnswersMalformedRequestsWith400AndStops) {
  for (const std::string bad :
       {"GARBAGE\r\n\r\n", "GET / HTTP/9.9\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Header\r\n\r\n"}) {
    EXPECT_EQ(statuses(bad + "GET /healthz HTTP/1.1\r\n\r\n"), std::vector<int>{400}) << bad;
  }
  EXPECT_EQ(statuses("GET / HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n"),
            std::vector<int>{431});
}

TEST_F(Wire, SaysNothingWhenTheBytesEndBeforeARequestOrInsideItsBody) {
  EXPECT_TRUE(statuses("").empty());
  EXPECT_TRUE(statuses("POST /api/v1/lookup HTTP/1.1\r\nContent-Length: 10\r\n\r\n{}").empty());
  EXPECT_EQ(statuses("GET /healthz HTTP/1.1\r\n\r\nGET /healthz HTTP/1.1\r\n"),
            (std::vector<int>{200, 400}));
}

}  // namespace
}  // namespace reclaim::http::testing
