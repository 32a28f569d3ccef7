// A browser without a socket: keeps the CSRF cookie, fills forms, follows what the pages say.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "engine/engine.hpp"
#include "http/app.hpp"
#include "http/form.hpp"
#include "support/documents.hpp"

namespace reclaim::http::testing {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct File {
  std::string field, filename, bytes;
};

inline const std::string kJpeg =
    std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF photo bytes" + std::string("\xFF\xD9", 2);
inline const std::string kPdf = "%PDF-1.4\n% a receipt\n%%EOF\n";

inline EngineConfig test_config() {
  EngineConfig config;
  config.storage.database = "sqlite::memory:";
  config.manual_clock = true;
  config.secret = std::string(32, 'k');
  ShopConfig shop;
  shop.name = "Test Shop";
  shop.timezone = "Europe/Warsaw";
  shop.currency = "PLN";
  shop.locale = "pl";
  config.shops = {shop};
  return config;
}

inline Order demo_order(const std::string &id, const std::string &email,
                        const std::string &line_name = "Kettle") {
  Order order;
  order.id = id;
  order.number = "N" + id;
  order.currency = "PLN";
  order.customer.email = email;
  order.customer.name = "Jan";
  OrderLine a;
  a.id = "1";
  a.sku = "KET-1";
  a.name = line_name;
  a.qty = 2;
  a.unit_price = *Decimal::parse("199.99");
  OrderLine b = a;
  b.id = "2";
  b.sku = "MUG-4";
  b.name = "Mugs";
  b.qty = 1;
  order.lines = {a, b};
  return order;
}

class Browser {
 public:
  explicit Browser(App &app, std::string peer = "203.0.113.5")
      : app_(app), peer_(std::move(peer)) {}

  Response get(const std::string &target) { return send("GET", target, "", ""); }

  Response post(const std::string &target, const Fields &fields, bool with_csrf = true) {
    std::string body;
    for (const auto &[name, value] : with_csrf ? with_token(fields) : fields) {
      if (!body.empty()) body += '&';
      body += url_encode(name) + "=" + url_encode(value);
    }
    return send("POST", target, body, "application/x-www-form-urlencoded");
  }

  Response post_multipart(const std::string &target, const Fields &fields,
                          const std::vector<File> &files) {
    const std::string boundary = "----reclaimtestboundary";
    std::string body;
    for (const auto &[name, value] : with_token(fields)) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name +
              "\"\r\n\r\n" + value + "\r\n";
    }
    for (const auto &file : files) {
      body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.field +
              "\"; filename=\"" + file.filename +
              "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + file.bytes + "\r\n";
    }
    body += "--" + boundary + "--\r\n";
    return send("POST", target, body, "multipart/form-data; boundary=" + boundary);
  }

  Response send(const std::string &method, const std::string &target, const std::string &body,
                const std::string &content_type, Fields extra_headers = {}) {
    Request request;
    request.method = method;
    const auto question = target.find('?');
    request.path = target.substr(0, question);
    if (question != std::string::npos) request.query = target.substr(question + 1);
    if (!cookie_.empty()) request.headers.emplace_back("cookie", "rc_csrf=" + cookie_);
    if (!content_type.empty()) request.headers.emplace_back("content-type", content_type);
    for (auto &header : extra_headers) request.headers.push_back(header);
    request.body = body;
    request.peer = peer_;
    Response response = app_.handle(request);
    const std::string set = std::string(response.header("Set-Cookie"));
    if (set.starts_with("rc_csrf=")) cookie_ = set.substr(8, set.find(';') - 8);
    static const std::regex field(R"re(name="csrf" value="([^"]+)")re");
    std::smatch match;
    if (std::regex_search(response.body, match, field)) csrf_ = match[1];
    return response;
  }

  // Loads a page first so that the cookie and the form token exist.
  void prime(const std::string &base = "") { get(base + "/"); }
  std::string &csrf() { return csrf_; }
  std::string &cookie() { return cookie_; }

 private:
  Fields with_token(const Fields &fields) const {
    Fields out = fields;
    out.emplace_back("csrf", csrf_);
    return out;
  }

  App &app_;
  std::string peer_;
  std::string cookie_;
  std::string csrf_;
};

// "/c/TOKEN/confirmation?lang=en" → "TOKEN"
inline std::string token_of(std::string_view location) {
  const auto start = location.find("/c/") + 3;
  const auto end = location.find_first_of("/?", start);
  return std::string(location.substr(start, end - start));
}

// A complaint about one kettle of order N1001 (jan@example.pl, demo_order) through the
// customer's form, as a browser sends it; the status token its answer leads to.
inline std::string complain_by_form(Browser &browser, const std::string &lang = "en",
                                    const std::string &resolution = "replacement") {
  browser.prime();
  const Response response = browser.post_multipart("/new",
                                                   {{"step", "case"},
                                                    {"picking", "1"},
                                                    {"order", "N1001"},
                                                    {"email", "jan@example.pl"},
                                                    {"kind", "complaint"},
                                                    {"pick_0", "1"},
                                                    {"qty_0", "1"},
                                                    {"reason_0", "defect"},
                                                    {"resolution", resolution},
                                                    {"lang", lang}},
                                                   {});
  EXPECT_EQ(response.status, 303) << response.body;
  return token_of(response.header("Location"));
}

}  // namespace reclaim::http::testing
