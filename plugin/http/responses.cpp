// Turning handler results into responses: pages in the layout, redirects, JSON and errors.
#include <boost/json/serialize.hpp>

#include "core/crypto.hpp"
#include "http/form.hpp"
#include "core/text.hpp"
#include "http/site.hpp"

namespace reclaim::http {

namespace json = boost::json;

std::string Call::csrf_field() const {
  std::string field;
  csrf_field_into(field);
  return field;
}

void Call::csrf_field_into(std::string &out) const {
  if (new_nonce) {
    out = made_field;
    return;
  }
  if (csrf_nonce.empty()) {
    // A browser without a signed cookie gets one with its first form token. Neither goes into
    // the memo: only a browser that sends the cookie back (a returning visitor) is memoised,
    // so that first visits, and clients that never keep cookies, do not churn it.
    const std::string nonce = base64url_encode(random_bytes(18));
    made_nonce = nonce + "." + site.engine.sign("csrf-cookie", nonce);
    csrf_nonce = made_nonce;
    new_nonce = true;
    made_field = site.engine.sign("csrf", csrf_nonce);
    out = made_field;
    return;
  }
  if (site.csrf.copy_to(csrf_nonce, out)) return;
  out = site.engine.sign("csrf", csrf_nonce);
  site.csrf.put(std::string(csrf_nonce), out);
}

std::optional<StatusLink> Call::status_link(std::string_view token) const {
  std::optional<StatusLink> link;
  if (!status_link_into(token, link.emplace())) link.reset();
  return link;
}

bool Call::status_link_into(std::string_view token, StatusLink &out) const {
  if (site.tokens.copy_to(token, out)) return true;
  const std::string owned(token);
  auto link = site.engine.read_status_token(owned, site.options.shop);
  if (!link) return false;
  site.tokens.put(owned, *link);
  out = std::move(*link);
  return true;
}

std::optional<std::string> Call::case_of_token(const std::string &token) const {
  const auto link = status_link(token);
  if (!link) return std::nullopt;
  // Checked every time: a renewal revokes the link at once, on every node.
  if (!site.engine.status_link_current(*link)) return std::nullopt;
  return link->case_id;
}

Site::Site(Engine &e, Options o)
    : engine(e),
      options(std::move(o)),
      lookups(options.lookups_per_minute),
      submits(options.submits_per_minute),
      downloads(options.downloads_per_minute) {
  for (const auto &proxy : options.trusted_proxies) {
    if (auto network = IpNetwork::parse(proxy)) trusted_proxies.push_back(*network);
  }
}

bool Call::email_budget(std::string_view email, int *seconds_to_wait) {
  std::string key(trim(email));
  for (auto &c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return site.lookups_per_email.allow(site.options.shop + "\n" + key, seconds_to_wait);
}

bool Call::csrf_ok() const {
  if (new_nonce || csrf_nonce.empty() || !form) return false;
  return equal_in_constant_time(form->get("csrf"), csrf_field());
}

std::optional<std::string> PageCache::find(const std::string &key, Stamp stamp,
                                           const std::optional<Check> &check) {
  std::lock_guard lock(mutex_);
  const auto found = pages_.find(key);
  if (found == pages_.end() || !(found->second.stamp == stamp)) return std::nullopt;
  found->second.check = check;
  return found->second.body;
}

bool PageCache::append_unchanged(std::string_view key, std::int64_t mark, const StatusLink &link,
                                 std::string_view csrf_field, std::string &out) {
  std::lock_guard lock(mutex_);
  const auto found = pages_.find(key);
  if (found == pages_.end()) return false;
  const auto &check = found->second.check;
  if (!check || check->mark != mark || check->shop != link.shop ||
      check->link_version != link.version) {
    return false;
  }
  append_with_csrf(found->second.body, csrf_field, out);
  return true;
}

void append_with_csrf(std::string_view page, std::string_view field, std::string &out) {
  const std::string_view marker = PageCache::kCsrfMarker;
  std::size_t markers = 0;
  for (auto at = page.find(marker); at != std::string_view::npos; at = page.find(marker, at + 1)) {
    ++markers;
  }
  out.reserve(out.size() + page.size() + markers * field.size());
  for (auto at = page.find(marker); at != std::string_view::npos; at = page.find(marker)) {
    out.append(page.substr(0, at)).append(field);
    page.remove_prefix(at + marker.size());
  }
  out.append(page);
}

void PageCache::put(const std::string &key, Stamp stamp, const std::optional<Check> &check,
                    std::string body) {
  std::lock_guard lock(mutex_);
  if (pages_.size() >= 10000) pages_.clear();  // bounded; a busy shop simply re-renders
  pages_[key] = {stamp, check, std::move(body)};
}

namespace {

// The request's path as a link back to it that cannot leave the site: browsers read "//host"
// and "/\\host" as another host, so a run of leading slashes and backslashes becomes one "/".
std::string same_site_path(std::string_view path) {
  std::size_t start = 0;
  while (start < path.size() && (path[start] == '/' || path[start] == '\\')) ++start;
  return "/" + std::string(path.substr(start));
}

}  // namespace

Response page(Call &call, std::string_view name, json::object given, int status) {
  const Views &views = call.site.views;
  const std::string base = call.base();
  const boost::json::value &outer = views.outer(call.lang);  // "t", the translations
  // Rendered as a value that owns the context: an object passed where a value is wanted would
  // be copied whole, rows and all.
  json::value page_value(std::move(given));
  json::object &context = page_value.get_object();
  context["lang"] = call.lang;
  context["base"] = base;
  if (!context.contains("csrf")) context["csrf"] = call.csrf_field();
  if (!context.contains("title")) context["title"] = views.text(call.lang, "home_title");
  std::string content;
  content.reserve(16384);
  views.page(name).render(page_value, content, &outer);
  // The language links lead to the same page (GETs) or to the start (after a POST).
  const std::string here =
      call.request.method == "GET" ? base + same_site_path(call.path) : base + "/";
  const json::storage_ptr &storage = context.storage();  // the page's own, often an arena
  json::array langs(storage);
  for (auto code : kLanguages) {
    langs.push_back(json::object({{"code", code},
                                  {"name", views.text(code, "lang_name")},
                                  {"href", here + "?lang=" + std::string(code)},
                                  {"current", code == call.lang}},
                                 storage));
  }
  const json::value layout = json::object(
      {{"lang", call.lang},
       {"base", base},
       {"wide", name.starts_with("staff_")},  // the desk's tables need the width
       {"title", context["title"]},
       {"shop_name", call.engine().shop_config(call.site.options.shop).name},
       {"langs", std::move(langs)}},
      storage);
  Response response;
  response.status = status;
  response.body.reserve(content.size() + 4096);
  views.page("layout").render(layout, "content", content, response.body, &outer);
  response.set("Content-Type", "text/html; charset=utf-8");
  return response;
}

Response message_page(Call &call, int status, std::string_view heading_key,
                      std::string_view text_key) {
  return page(call, "message",
              {{"heading", call.text(heading_key)},
               {"text", call.text(text_key)},
               {"title", call.text(heading_key)}},
              status);
}

Response redirect(Call &call, const std::string &location) {
  Response response;
  response.status = 303;
  response.set("Location", location);
  response.set("Content-Type", "text/plain; charset=utf-8");
  (void)call;
  return response;
}

Response json_response(int status, const json::value &body) {
  Response response;
  response.status = status;
  response.body = json::serialize(body);
  response.set("Content-Type", "application/json");
  return response;
}

Response api_error(int status, std::string_view code, std::string_view message,
                   std::string_view field, std::string_view rule) {
  json::object error{{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  if (!rule.empty()) error["rule"] = rule;
  return json_response(status, json::object{{"error", std::move(error)}});
}

namespace {

// Whether If-None-Match (`*`, or a list of entity tags, weak or strong) names `etag`.
bool names_etag(std::string_view header, std::string_view etag) {
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view tag = header.substr(0, comma);
    while (!tag.empty() && (tag.front() == ' ' || tag.front() == '\t')) tag.remove_prefix(1);
    while (!tag.empty() && (tag.back() == ' ' || tag.back() == '\t')) tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == "*" || tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

}  // namespace

std::optional<Response> attachment_response(Call &call, const std::string &case_id,
                                            std::string_view id, bool inline_images) {
  if (id.empty() || id.size() > 64) return std::nullopt;
  const std::string wanted(id);
  const std::string_view asked = call.request.header("if-none-match");
  std::optional<Attachment> file;
  if (!asked.empty()) {
    // Only the description: a browser that has the file gets its 304 without the bytes read.
    file = call.engine().attachment(case_id, wanted, false);
    if (!file) return std::nullopt;
    if (!names_etag(asked, "\"" + file->sha256 + "\"")) file.reset();
  }
  Response response;
  if (file) {
    response.status = 304;
  } else {
    file = call.engine().attachment(case_id, wanted);
    if (!file) return std::nullopt;
    response.body = std::move(file->data);
    response.set("Content-Type", file->content_type);
    const bool image = file->content_type.starts_with("image/");
    if (inline_images && image) {
      response.set("Content-Disposition", "inline");
    } else if (file->content_type == "application/pdf") {
      response.set("Content-Disposition", "attachment; filename=\"document.pdf\"");
    } else {
      response.set("Content-Disposition", "attachment");
    }
  }
  response.set("ETag", "\"" + file->sha256 + "\"");
  response.set("Cache-Control", "private, max-age=86400");
  return response;
}

int http_status(Status status) {
  switch (status) {
    case Status::ok: return 200;
    case Status::invalid_argument: return 422;
    case Status::not_found: return 404;
    case Status::conflict: return 409;
    case Status::not_allowed: return 409;
    case Status::busy: return 503;
    case Status::unsupported: return 501;
    default: return 500;
  }
}

}  // namespace reclaim::http
