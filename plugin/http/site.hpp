// What the handlers share (Site: one per endpoint) and what they get per request (Call), with
// the helpers that turn a handler's result into a response.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/error.hpp"
#include "engine/engine.hpp"
#include "http/client_address.hpp"
#include "http/form.hpp"
#include "http/message.hpp"
#include "http/metrics.hpp"
#include "http/options.hpp"
#include "http/rate_limit.hpp"
#include "http/views.hpp"

namespace reclaim::http {

// Hashes std::string keys so that a std::string_view finds them without a copy.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};

// Appends `page` to `out` with every CSRF marker (PageCache::kCsrfMarker) replaced by `field`.
void append_with_csrf(std::string_view page, std::string_view field, std::string &out);

// Rendered status pages by case and language, valid while the case's stamp (version, number of
// attachments) is unchanged. The CSRF field is left as a marker and filled per request.
//
// A page also remembers what it was last checked against: the store's change mark taken before
// the check (Engine::change_mark) and the link found current then. While the mark is unchanged
// nothing was committed anywhere since, so the page, and a link equal to the one checked, are
// still current: find_unchanged serves it without reading the database.
class PageCache {
 public:
  static constexpr std::string_view kCsrfMarker = "\x01csrf\x01";
  struct Stamp {
    std::int64_t version = 0, files = 0;
    bool operator==(const Stamp &) const = default;
  };
  struct Check {
    std::int64_t mark = 0;
    std::string shop;
    std::int64_t link_version = 0;
  };
  // The page rendered for `stamp`; a hit takes `check` as its latest check.
  std::optional<std::string> find(const std::string &key, Stamp stamp,
                                  const std::optional<Check> &check);
  // Appends the page to `out`, with `csrf_field` in it, when it was checked at `mark` against
  // this very link; false (and `out` untouched) otherwise. Allocates nothing beyond `out`.
  bool append_unchanged(std::string_view key, std::int64_t mark, const StatusLink &link,
                        std::string_view csrf_field, std::string &out);
  void put(const std::string &key, Stamp stamp, const std::optional<Check> &check,
           std::string body);

 private:
  struct Entry {
    Stamp stamp;
    std::optional<Check> check;
    std::string body;
  };
  std::mutex mutex_;
  std::unordered_map<std::string, Entry, TextHash, std::equal_to<>> pages_;
};

// Results of signature checks and signings, so that a reload pays no HMAC: verified status
// tokens → the links they carry, CSRF cookies → form tokens. Bounded; only valid signatures are
// kept. A link found here is still checked against its case's link version on every request.
template <typename Value>
class SignatureMemo {
 public:
  std::optional<Value> find(std::string_view key) {
    std::optional<Value> value;
    if (!copy_to(key, value.emplace())) value.reset();
    return value;
  }
  // Assigns the value to `out` (whose strings keep their capacity): no allocation on a hit once
  // `out` has held a value as long.
  bool copy_to(std::string_view key, Value &out) {
    std::lock_guard lock(mutex_);
    const auto found = values_.find(key);
    if (found == values_.end()) return false;
    out = found->second;
    return true;
  }
  bool contains(std::string_view key) {
    std::lock_guard lock(mutex_);
    return values_.find(key) != values_.end();
  }
  void put(const std::string &key, Value value) {
    std::lock_guard lock(mutex_);
    if (values_.size() >= 50000) values_.clear();
    values_[key] = std::move(value);
  }

 private:
  std::mutex mutex_;
  std::unordered_map<std::string, Value, TextHash, std::equal_to<>> values_;
};

// Lookups of one e-mail address, from wherever they come: walking case or order numbers with a
// known address takes many addresses' worth of tries, and this budget does not grow with them.
constexpr int kLookupsPerEmailPerHour = 20;
// Staff sign-ins with a password from one client address: a burst of this many, then one a
// minute. Each costs an Argon2id verification; the accounts' own lockout guards each login.
constexpr int kLoginsPerAddress = 10;

// The headers an answer may carry: its own Content-Type and the security headers (App's
// `secure`), its cookie included; reserved at once where an answer should allocate little.
constexpr std::size_t kHeadersOfAnAnswer = 8;

struct Site {
  Site(Engine &e, Options o);

  Engine &engine;
  Options options;
  std::vector<IpNetwork> trusted_proxies;  // options.trusted_proxies, parsed
  Views views;
  RateLimiter lookups;
  RateLimiter submits;
  RateLimiter downloads;
  RateLimiter lookups_per_email{kLookupsPerEmailPerHour, std::chrono::hours(1)};
  RateLimiter logins{kLoginsPerAddress, std::chrono::minutes(kLoginsPerAddress)};
  Metrics metrics;
  GaugeCache gauges;
  PageCache pages;
  SignatureMemo<StatusLink> tokens;  // for options.shop, the one shop this endpoint serves
  SignatureMemo<std::string> csrf;
};

struct Call {
  Call(Site &s, const Request &r) : site(s), request(r) {}

  Site &site;
  const Request &request;
  std::string_view path;  // of request.path: below base_path, always starting with '/'
  Form query;
  std::optional<Form> form;  // POST bodies that are forms
  std::string lang;
  std::string client;      // the client's budget key, after trusted proxies (client_address.hpp)
  // The browser's signed CSRF cookie; when it had none, one is made the first time a form
  // token is asked for (csrf_field), so that answers without forms make none.
  mutable std::string_view csrf_nonce;
  mutable std::string made_nonce;  // the one made then, which csrf_nonce views
  mutable std::string made_field;  // and its form token
  mutable bool new_nonce = false;
  bool login_form = false;  // the response shows the staff sign-in form (which needs that cookie)
  // The route's pattern, for metrics: a literal, the path's own text, or made_route.
  std::string_view route;
  std::string made_route;
  // Names the route by a pattern made of parts ("/c/{token}/" + what follows).
  void name_route(std::string pattern) {
    made_route = std::move(pattern);
    route = made_route;
  }
  // The store's change mark taken before a status page's first read (PageCache::Check).
  std::optional<std::int64_t> change_mark;

  Engine &engine() { return site.engine; }
  const std::string &base() const { return site.options.base_path; }
  std::string text(std::string_view key) const { return site.views.text(lang, key); }
  // The value the forms carry in their "csrf" field.
  std::string csrf_field() const;
  // The same into `out`, whose capacity is reused: no allocation when the value is memoised.
  void csrf_field_into(std::string &out) const;
  // The case a status token opens at this endpoint (memoised HMAC check, then the case's link
  // version); nullopt when forged, made for another shop, under a removed key or revoked.
  std::optional<std::string> case_of_token(const std::string &token) const;
  // The link a token carries when its signature is good for this endpoint (memoised); not
  // checked against the case: that is case_of_token's.
  std::optional<StatusLink> status_link(std::string_view token) const;
  // The same into `out` (its strings' capacity reused): no allocation when the token is
  // memoised and `out` has held as long a link. False when the token is not good here.
  bool status_link_into(std::string_view token, StatusLink &out) const;
  // True when the form's "csrf" field matches the browser's cookie.
  bool csrf_ok() const;
  // False when `email` has been looked up too often lately (kLookupsPerEmailPerHour).
  bool email_budget(std::string_view email, int *seconds_to_wait);
};

// An attachment of a case as a response, for the page and the API routes: the file's bytes read
// once, with its sha256 as a strong ETag; a request whose If-None-Match names it gets 304 and
// no read of the bytes. nullopt when the case has no such file. Files never change under an
// id, so the browser may keep one (privately: the link is the customer's secret).
std::optional<Response> attachment_response(Call &call, const std::string &case_id,
                                            std::string_view id, bool inline_images);

// HTML pages
Response page(Call &call, std::string_view name, boost::json::object context, int status = 200);
Response message_page(Call &call, int status, std::string_view heading_key,
                      std::string_view text_key);
Response redirect(Call &call, const std::string &location);

// JSON
Response json_response(int status, const boost::json::value &body);
Response api_error(int status, std::string_view code, std::string_view message,
                   std::string_view field = {}, std::string_view rule = {});
int http_status(Status status);

// Handlers (pages.cpp, withdraw.cpp, api.cpp). `rest` is the path after the route's prefix.
Response home_page(Call &call);
Response lookup_submit(Call &call);
Response new_case_page(Call &call);
Response new_case_submit(Call &call);
Response case_route(Call &call, std::string_view rest);
// GET or HEAD /c/{token} answered from memory alone, when the store can tell that nothing was
// committed since the page and its link were last checked (PageCache::find_unchanged); nullopt
// when the database must be read. Reads no database: safe on the server's I/O threads.
std::optional<Response> unchanged_status_page(Call &call, std::string_view rest);
Response withdraw_page(Call &call);
Response withdraw_submit(Call &call);
Response withdraw_confirm(Call &call);
Response api_route(Call &call, std::string_view rest);

}  // namespace reclaim::http
