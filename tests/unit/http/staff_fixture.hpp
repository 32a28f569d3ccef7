// The staff desk's test fixture: a browser that keeps the staff session cookie and the last
// page's CSRF token, and an engine with two shops on each backend.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <regex>

#include "codec/policy_json.hpp"
#include "codec/staff_json.hpp"
#include "http/site.hpp"
#include "http_fixture.hpp"
#include "support/backends.hpp"

namespace reclaim::http::testing {

namespace json = boost::json;

constexpr UnixMs kMinute = 60'000;

// A staff member's browser: keeps the staff session cookie and the last page's CSRF token.
class Desk {
 public:
  explicit Desk(App &app) : app_(app) {}

  Response send(const std::string &method, const std::string &target, const std::string &body = "",
                const std::string &content_type = "", Fields headers = {}) {
    Request request;
    request.method = method;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    std::string cookies = session_.empty() ? "" : "rc_staff=" + session_;
    if (!form_cookie_.empty()) cookies += (cookies.empty() ? "" : "; ") + ("rc_csrf=" + form_cookie_);
    if (!cookies.empty()) request.headers.emplace_back("cookie", cookies);
    if (!content_type.empty()) request.headers.emplace_back("content-type", content_type);
    for (auto &header : headers) request.headers.push_back(header);
    request.body = body;
    request.peer = peer_;
    Response response = app_.handle(request);
    for (const auto &[name, value] : response.headers) {
      // The sign-in form's CSRF cookie (the customer pages' signed double-submit cookie).
      if (name == "Set-Cookie" && value.starts_with("rc_csrf=")) {
        form_cookie_ = value.substr(8, value.find(';') - 8);
      }
      if (name != "Set-Cookie" || !value.starts_with("rc_staff=")) continue;
      last_cookie_ = value;
      session_ = value.find("Max-Age=0") != std::string::npos
                     ? std::string()
                     : value.substr(9, value.find(';') - 9);
    }
    static const std::regex field(R"re(name="csrf" value="([^"]+)")re");
    std::smatch match;
    if (std::regex_search(response.body, match, field)) csrf_ = match[1];
    return response;
  }
  Response get(const std::string &target) { return send("GET", target); }
  Response post(const std::string &target, const Fields &fields, bool with_csrf = true) {
    std::string body;
    Fields all = fields;
    if (with_csrf) all.emplace_back("csrf", csrf_);
    for (const auto &[name, value] : all) {
      if (!body.empty()) body += '&';
      body += url_encode(name) + "=" + url_encode(value);
    }
    return send("POST", target, body, "application/x-www-form-urlencoded");
  }
  Response api_post(const std::string &target, const std::string &body,
                    std::optional<std::string> token) {
    Fields headers;
    if (token) headers.emplace_back("x-csrf-token", *token);
    return send("POST", target, body, "application/json", headers);
  }

  std::string &session() { return session_; }
  std::string &form_cookie() { return form_cookie_; }
  std::string &peer() { return peer_; }
  std::string &csrf() { return csrf_; }
  const std::string &last_cookie() const { return last_cookie_; }

 private:
  App &app_;
  std::string session_, csrf_, last_cookie_, form_cookie_;
  std::string peer_ = "198.51.100.7";
};

inline EngineConfig desk_config(const std::string &backend, const std::string &public_url = "",
                                const std::string &jurisdiction = "none") {
  EngineConfig config = test_config();
  config.shops.front().jurisdiction = jurisdiction;
  config.storage.database = test::fresh_database(backend);
  config.cheap_password_hashing = true;  // the accounts' sign-ins (staff_login_test.cpp)
  config.shops.front().public_url = public_url;
  ShopConfig other = config.shops.front();
  other.id = "other";
  other.name = "Other Shop";
  other.case_prefix = "OT";
  config.shops.push_back(other);
  return config;
}

class StaffDesk : public ::testing::TestWithParam<std::string> {
 protected:
  explicit StaffDesk(const std::string &public_url = "", const std::string &jurisdiction = "none")
      : engine_(desk_config(GetParam(), public_url, jurisdiction)) {
    engine_.set_clock(*parse_rfc3339("2026-11-23T10:00:00Z"));
    Order evil = demo_order("1001", "jan@example.pl");
    evil.customer.name = "<script>alert(1)</script>";
    engine_.import_order("default", evil);
    engine_.import_order("default", demo_order("1002", "anna@example.com"));
    engine_.import_order("other", demo_order("2001", "olga@example.ru"));
    app_ = std::make_unique<App>(engine_, Options{});
  }

  // Opens a case as the customer would, through the engine; returns its number.
  std::string open_case(const std::string &shop, const std::string &order, const std::string &email,
                        const std::string &description = "broken", const std::string &line = "1",
                        const std::string &channel = "web", const std::string &reason = "defect") {
    OpenRequest request;
    request.shop = shop;
    request.kind = Kind::complaint;
    request.channel = channel;
    request.actor = {Role::customer, ""};
    request.order_id = order;
    request.customer =
        Customer{email, shop == "default" && order == "1001" ? "<script>alert(1)</script>" : "Jan",
                 "", "", "", ""};
    OpenItem item;
    item.line = line;
    item.qty = line == "1" ? 2 : 1;
    item.reason = reason;
    item.field = "items[0]";
    request.items.push_back(item);
    request.description = description;
    return engine_.open_case(request, "").subject.number;
  }

  std::string link(const std::string &role = "agent", const std::string &next = "/staff/",
                   int ttl = 300, const std::string &shops = R"(["default"])",
                   const std::string &id = "anna") {
    const auto document =
        json::parse(R"({"staff":{"id":")" + id + R"(","name":"Anna Nowak","role":")" + role +
                    R"(","shops":)" + shops + R"(,"locale":"en"},"ttl_s":)" + std::to_string(ttl) +
                    R"(,"next":")" + next + "\"}");
    return engine_.staff_link(codec::staff_link_request_from_json(document)).path;
  }

  // A desk signed in through a fresh link.
  Desk signed_in(const std::string &role = "agent", const std::string &shops = R"(["default"])") {
    Desk desk(*app_);
    const Response entered = desk.get(link(role, "/staff/", 300, shops));
    EXPECT_EQ(entered.status, 303) << entered.body;
    EXPECT_FALSE(desk.session().empty());
    return desk;
  }

  void advance(UnixMs ms) { engine_.set_clock(engine_.now() + ms); }

  Engine engine_;
  std::unique_ptr<App> app_;
};

}  // namespace reclaim::http::testing
