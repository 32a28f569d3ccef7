#include "http/app.hpp"

#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdlib>

#include "codec/reader.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/site.hpp"
#include "http/staff.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr const char *kPolicy =
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'";

bool is_language(std::string_view code) {
  for (auto known : kLanguages) {
    if (known == code) return true;
  }
  return false;
}

// The supported language the browser likes best, "" when it names none of them.
std::string accepted_language(std::string_view header) {
  std::string best;
  double best_q = 0;
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto comma = header.find(',', pos);
    if (comma == std::string_view::npos) comma = header.size();
    std::string_view item = header.substr(pos, comma - pos);
    pos = comma + 1;
    double q = 1;
    if (const auto semi = item.find(';'); semi != std::string_view::npos) {
      const auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) {
        q = std::strtod(std::string(item.substr(qpos + 2)).c_str(), nullptr);
      }
      item = item.substr(0, semi);
    }
    item = trim(item);
    std::string primary(item.substr(0, item.find('-')));
    for (auto &c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (is_language(primary) && q > best_q) {
      best = primary;
      best_q = q;
    }
  }
  return best;
}

bool is_api(std::string_view path) { return path.starts_with("/api/"); }

// The CSRF cookie is "nonce.signature", signed with the engine's secret: only a value this
// server issued is taken. Anything else (planted by a neighbouring subdomain or over plain
// http, where cookies have no integrity) is replaced, and the form it came with is refused.
bool signed_csrf_cookie(Site &site, std::string_view value) {
  const auto dot = value.find('.');
  if (dot != 24 || value.size() > 100) return false;
  if (site.csrf.contains(value)) return true;  // only signed values are memoised
  return equal_in_constant_time(value.substr(dot + 1),
                                site.engine.sign("csrf-cookie", value.substr(0, dot)));
}

// True when the shop is served over TLS: cookies are then Secure and browsers told to stay.
bool https_shop(Call &call) {
  const std::string &url = call.engine().shop_config(call.site.options.shop).public_url;
  return url.size() > 8 && (url.starts_with("https://") || url.starts_with("HTTPS://"));
}

Response method_not_allowed(Call &call, const char *allow) {
  Response response = is_api(call.path)
                          ? api_error(405, "method_not_allowed", "method not allowed here")
                          : message_page(call, 405, "error_heading", "bad_request");
  response.set("Allow", allow);
  return response;
}

Response failure(Call &call, int status) {
  if (is_api(call.path)) {
    switch (status) {
      case 404: return api_error(404, "not_found", "no such resource");
      case 400: return api_error(400, "bad_request", "the request could not be read");
      case 413: return api_error(413, "too_large", "the request body is too large");
      case 431: return api_error(431, "headers_too_large", "the request headers are too large");
      case 503: return api_error(503, "busy", "the service is busy; retry");
      default: return api_error(500, "internal", "the request could not be completed");
    }
  }
  switch (status) {
    case 404: return message_page(call, 404, "error_heading", "not_found");
    case 400: return message_page(call, 400, "error_heading", "bad_request");
    case 413: return message_page(call, 413, "error_heading", "too_large");
    case 431: return message_page(call, 431, "error_heading", "bad_request");
    default: return message_page(call, status, "error_heading", "server_error");
  }
}

std::string case_gauges_text(Engine &engine) {
  const CaseGauges gauges = engine.case_gauges();
  std::string text = "# HELP reclaim_cases Cases by state.\n# TYPE reclaim_cases gauge\n";
  for (const auto &[state, count] : gauges.cases_by_state) {
    text += "reclaim_cases{state=\"" + state + "\"} " + std::to_string(count) + "\n";
  }
  text += "# HELP reclaim_deadline_breaches Undecided cases past their decision date.\n";
  text += "# TYPE reclaim_deadline_breaches gauge\n";
  text += "reclaim_deadline_breaches " + std::to_string(gauges.overdue) + "\n";
  // Mails and webhook posts not sent: pending ones should drain, dead ones need staff.
  text += "# HELP reclaim_messages_unsent Mails and webhook posts not sent, by channel and status.\n";
  text += "# TYPE reclaim_messages_unsent gauge\n";
  for (const auto &[key, count] : gauges.unsent_messages) {
    const auto dot = key.find('.');
    text += "reclaim_messages_unsent{channel=\"" + key.substr(0, dot) + "\",status=\"" +
            key.substr(dot + 1) + "\"} " + std::to_string(count) + "\n";
  }
  return text;
}

// /metrics is off unless a bearer token is configured; wrong tokens spend the lookup budget,
// so the token cannot be guessed at speed.
Response metrics_text(Call &call) {
  const std::string &token = call.site.options.metrics_token;
  if (token.empty()) return api_error(404, "not_found", "no such resource");
  const std::string_view given = call.request.header("authorization");
  if (!given.starts_with("Bearer ") || !equal_in_constant_time(given.substr(7), token)) {
    int wait = 0;
    if (!call.site.lookups.allow(call.client, &wait)) {
      Response limited = api_error(429, "rate_limited", "too many requests from this address");
      limited.set("Retry-After", std::to_string(wait > 0 ? wait : 60));
      return limited;
    }
    Response refused = api_error(401, "unauthorized", "a bearer token is required");
    refused.set("WWW-Authenticate", "Bearer realm=\"metrics\"");
    return refused;
  }
  std::string text = call.site.metrics.text();
  text += call.site.gauges.text([&] { return case_gauges_text(call.engine()); });
  Response response;
  response.body = std::move(text);
  response.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
  return response;
}

Response dispatch(Call &call) {
  const Request &request = call.request;
  const std::string &base = call.base();
  if (!base.empty()) {
    if (request.path == base) return redirect(call, base + "/");
    if (!request.path.starts_with(base + "/")) {
      call.route = "other";
      return failure(call, 404);
    }
  }
  call.path = std::string_view(request.path).substr(base.size());
  const std::string_view path = call.path;
  const bool get = request.method == "GET" || request.method == "HEAD";
  const bool post = request.method == "POST";

  if (path == "/healthz") {
    call.route = "/healthz";
    if (!get) return method_not_allowed(call, "GET");
    Response healthy;
    healthy.headers.reserve(kHeadersOfAnAnswer);
    healthy.body = R"({"status":"ok"})";
    healthy.set("Content-Type", "application/json");
    return healthy;
  }
  if (path == "/metrics") {
    call.route = "/metrics";
    if (!get) return method_not_allowed(call, "GET");
    return metrics_text(call);
  }
  if (path == "/assets/style.css") {
    call.route = "/assets/style.css";
    if (!get) return method_not_allowed(call, "GET");
    Response response;
    response.body = std::string(call.site.views.css());
    response.set("Content-Type", "text/css; charset=utf-8");
    response.set("Cache-Control", "public, max-age=86400");
    return response;
  }
  if (path == "/staff" || path.starts_with("/staff/")) return staff_route(call, path);  // staff.hpp
  if (is_api(path)) {
    if (!path.starts_with("/api/v1/")) {
      call.route = "/api/other";
      return failure(call, 404);
    }
    return api_route(call, path.substr(7));
  }

  if (post) {
    call.form = parse_form(request.body, request.header("content-type"));
    if (!call.form) {
      call.route = "bad_form";
      return failure(call, 400);
    }
    // Text fields must be well-formed UTF-8 without control characters, like every JSON text.
    for (const auto &[name, value] : call.form->fields) {
      try {
        codec::check_text(value, 20'000, name);
      } catch (const Error &) {
        call.route = "bad_form";
        return failure(call, 400);
      }
    }
    const std::string lang = call.form->get("lang");
    if (call.query.get("lang").empty() && is_language(lang)) call.lang = lang;
  }

  if (path == "/") {
    call.route = "/";
    return get ? home_page(call) : method_not_allowed(call, "GET");
  }
  if (path == "/lookup") {
    call.route = "/lookup";
    return post ? lookup_submit(call) : method_not_allowed(call, "POST");
  }
  if (path == "/new") {
    call.route = "/new";
    if (get) return new_case_page(call);
    return post ? new_case_submit(call) : method_not_allowed(call, "GET, POST");
  }
  if (path == "/withdraw") {
    call.route = "/withdraw";
    if (get) return withdraw_page(call);
    return post ? withdraw_submit(call) : method_not_allowed(call, "GET, POST");
  }
  if (path == "/withdraw/confirm") {
    call.route = "/withdraw/confirm";
    return post ? withdraw_confirm(call) : method_not_allowed(call, "POST");
  }
  if (path.starts_with("/c/")) return case_route(call, path.substr(3));
  call.route = "other";
  return failure(call, 404);
}

void secure(Call &call, Response &response) {
  const auto &ancestors = call.site.options.staff_frame_ancestors;
  const bool staff = call.path == "/staff" || call.path.starts_with("/staff/");
  if (staff && !ancestors.empty()) {
    // The desk inside the host's admin: those origins may frame it (options.cpp checked each
    // is a bare origin); X-Frame-Options, which cannot name them, is left out.
    std::string policy(kPolicy);
    std::string allowed;
    for (const auto &origin : ancestors) allowed += " " + origin;
    policy.replace(policy.find("frame-ancestors 'none'"), 22, "frame-ancestors" + allowed);
    response.set("Content-Security-Policy", policy);
  } else {
    response.set("Content-Security-Policy", kPolicy);
    response.set("X-Frame-Options", "DENY");
  }
  response.set("X-Content-Type-Options", "nosniff");
  response.set("Referrer-Policy", "no-referrer");
  if (response.header("Cache-Control").empty()) response.set("Cache-Control", "no-store");
  const bool https = https_shop(call);
  if (https) response.set("Strict-Transport-Security", "max-age=31536000");
  if (call.new_nonce && response.header("Content-Type").starts_with("text/html")) {
    const std::string scope = call.base().empty() ? "/" : call.base() + "/";
    response.add("Set-Cookie", "rc_csrf=" + call.made_nonce + "; Path=" + scope +
                                   (https ? "; Secure" : "") + "; HttpOnly; SameSite=Strict");
  }
}

}  // namespace

App::App(Engine &engine, Options options)
    : site_(std::make_unique<Site>(engine, std::move(options))) {
  engine.shop_config(site_->options.shop);  // Error(not_found) for an unknown shop
}

App::~App() = default;

const Options &App::options() const { return site_->options; }

std::optional<Response> App::answer_from_memory(const Request &request) {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  const std::string &base = site_->options.base_path;
  if (!request.path.starts_with(base)) return std::nullopt;
  const std::string_view path = std::string_view(request.path).substr(base.size());
  if (path == "/healthz" || path == "/assets/style.css") return handle(request);
  if (path.starts_with("/c/")) return respond(request, true);
  return std::nullopt;
}

// Decided from the request line and headers, before any of the body is read: only the routes
// that take files get the upload limit, and only when the request could be acted on (a web form
// with this server's CSRF cookie, an API upload naming a real case). Everything else, however it
// calls itself, gets the small form limit.
std::size_t App::body_limit(const Request &head) const {
  const Options &options = site_->options;
  if (head.method != "POST" || !head.path.starts_with(options.base_path + "/")) {
    return options.form_limit;
  }
  const std::string_view path = std::string_view(head.path).substr(options.base_path.size());
  Call call{*site_, head};
  if (path.starts_with("/api/v1/cases/") && path.ends_with("/attachments")) {
    const std::string_view rest = path.substr(14);
    const auto slash = rest.find('/');
    if (slash != std::string_view::npos && rest.substr(slash) == "/attachments" &&
        call.case_of_token(std::string(rest.substr(0, slash)))) {
      return options.upload_limit;
    }
    return options.form_limit;
  }
  const bool file_route = path == "/new" || path.starts_with("/c/");
  if (file_route && starts_with_nocase(head.header("content-type"), "multipart/form-data") &&
      signed_csrf_cookie(*site_, cookie(head.header("cookie"), "rc_csrf"))) {
    return options.upload_limit;
  }
  return options.form_limit;
}

Response App::handle(const Request &request) { return *respond(request, false); }

std::optional<Response> App::respond(const Request &request, bool memory_only) {
  const auto started = std::chrono::steady_clock::now();
  Call call{*site_, request};
  call.route = "other";
  Response response;
  try {
    call.query = parse_urlencoded(request.query);
    call.client = client_key(request, site_->trusted_proxies);
    const std::string wanted = call.query.get("lang");
    call.lang = is_language(wanted) ? wanted : accepted_language(request.header("accept-language"));
    if (call.lang.empty()) {
      const std::string &fallback = site_->engine.shop_config(site_->options.shop).locale;
      call.lang = is_language(fallback) ? fallback : "en";
    }
    call.csrf_nonce = cookie(request.header("cookie"), "rc_csrf");
    if (!signed_csrf_cookie(*site_, call.csrf_nonce)) call.csrf_nonce = {};
    if (call.path.empty()) call.path = request.path;
    if (memory_only) {
      call.path = std::string_view(request.path).substr(site_->options.base_path.size());
      auto found = unchanged_status_page(call, call.path.substr(3));
      if (!found) return std::nullopt;
      response = std::move(*found);
    } else {
      response = dispatch(call);
    }
  } catch (const Error &error) {
    if (memory_only) return std::nullopt;
    try {
      // What escapes the handlers is the server's failure, unless it is a miss or a busy store.
      const int status = http_status(error.status());
      response = failure(call, status == 404 || status == 503 ? status : 500);
    } catch (...) {
      response = api_error(500, "internal", "the request could not be completed");
    }
  } catch (...) {
    if (memory_only) return std::nullopt;
    try {
      response = failure(call, 500);
    } catch (...) {
      response = api_error(500, "internal", "the request could not be completed");
    }
  }
  if (request.method == "HEAD") response.body.clear();
  secure(call, response);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  site_->metrics.observe(call.route, response.status, seconds);
  return response;
}

Response App::error(const Request &request, int status) {
  Call call{*site_, request};
  call.path = std::string_view(request.path)
                  .substr(std::min(request.path.size(), site_->options.base_path.size()));
  call.lang = site_->engine.shop_config(site_->options.shop).locale;
  if (!is_language(call.lang)) call.lang = "en";
  call.route = "server";
  Response response;
  try {
    response = failure(call, status);
  } catch (...) {
    response = api_error(status, "error", "the request could not be completed");
  }
  secure(call, response);
  site_->metrics.observe(call.route, status, 0);
  return response;
}

}  // namespace reclaim::http
