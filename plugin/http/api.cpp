// /api/v1: the customer pages' functions as JSON, for headless shops. No cookies: requests are
// JSON (which a cross-site form cannot send), and a case is named by its signed status token.
#include <boost/json/array.hpp>

#include "codec/reader.hpp"
#include "codec/views_json.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/site.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

Response from_error(const Error &error) {
  const Status status = error.status();
  if (status == Status::storage || status == Status::internal) {
    return api_error(500, "internal", "the request could not be completed");
  }
  return api_error(http_status(status), status_name(status), error.what(), error.field(),
                   error.rule());
}

std::optional<Response> spend(Call &call, RateLimiter &budget) {
  int wait = 0;
  if (budget.allow(call.client, &wait)) return std::nullopt;
  Response response = api_error(429, "rate_limited", "too many requests from this address");
  response.set("Retry-After", std::to_string(wait > 0 ? wait : 60));
  return response;
}

// The same answer when one e-mail address has been looked up too often, from anywhere.
std::optional<Response> spend_email(Call &call, std::string_view email) {
  int wait = 0;
  if (call.email_budget(email, &wait)) return std::nullopt;
  Response response = api_error(429, "rate_limited", "too many lookups for this e-mail address");
  response.set("Retry-After", std::to_string(wait > 0 ? wait : 60));
  return response;
}

json::value body_of(Call &call) {
  const auto type = call.request.header("content-type");
  if (!type.starts_with("application/json")) {
    fail(Status::invalid_argument, "send the request as application/json", "content-type");
  }
  return codec::parse_document(call.request.body, call.site.options.form_limit);
}

json::object order_summary(Call &call, const Order &order) {
  json::object eligibility =
      codec::to_json(call.engine().eligibility_by_line(call.site.options.shop, order, call.lang));
  json::array lines;
  for (const auto &line : order.lines) {
    json::value verdicts = nullptr;
    if (auto *found = eligibility.if_contains(line.id)) verdicts = std::move(*found);
    lines.push_back(json::object{{"line", line.id},
                                 {"sku", line.sku},
                                 {"name", line.name},
                                 {"qty", line.qty - line.refunded_qty},
                                 {"eligibility", std::move(verdicts)}});
  }
  return {{"number", order.number}, {"lines", std::move(lines)}};
}

json::object opened_answer(Call &call, const json::object &opened) {
  const std::string token(opened.at("status_token").as_string());
  const json::object &deadlines = opened.at("deadlines").as_object();
  return {{"number", opened.at("number")},
          {"token", token},
          {"status_url", call.base() + "/c/" + token},
          {"decision_due", deadlines.at("decision_due")},
          {"basis", deadlines.at("basis")}};
}

Response lookup(Call &call) {
  if (auto refused = spend(call, call.site.lookups)) return *std::move(refused);
  const json::value document = body_of(call);  // Fields keeps a pointer to it
  codec::Fields fields(document, "");
  const std::string number = fields.required_text("number", 64);
  const std::string email = fields.required_text("email", 254);
  fields.finish();
  if (auto refused = spend_email(call, email)) return *std::move(refused);
  const auto token = call.engine().lookup_case(call.site.options.shop, number, email);
  if (!token) return api_error(404, "not_found", "no case matches this number and e-mail");
  return json_response(
      200, json::object{{"token", *token}, {"status_url", call.base() + "/c/" + *token}});
}

Response verify_order(Call &call) {
  if (auto refused = spend(call, call.site.lookups)) return *std::move(refused);
  const json::value document = body_of(call);  // Fields keeps a pointer to it
  codec::Fields fields(document, "");
  const std::string number = fields.required_text("order", 64);
  const std::string email = fields.required_text("email", 254);
  fields.finish();
  if (auto refused = spend_email(call, email)) return *std::move(refused);
  const auto order = call.engine().customer_order(call.site.options.shop, number, email);
  if (!order) return api_error(404, "not_found", "no order matches this number and e-mail");
  return json_response(200, json::object{{"order", order_summary(call, *order)}});
}

Response open(Call &call) {
  if (auto refused = spend(call, call.site.submits)) return *std::move(refused);
  const json::value document = body_of(call);
  codec::Fields fields(document, "");
  const std::string number = fields.required_text("order", 64);
  const std::string email = fields.required_text("email", 254);
  const auto order = call.engine().customer_order(call.site.options.shop, number, email);
  if (!order) return api_error(404, "not_found", "no order matches this number and e-mail");
  OpenRequest request;
  request.shop = call.site.options.shop;
  const auto kind = fields.word("kind", kKindNames).value_or("complaint");
  request.kind = *parse_word<Kind>(kind, kKindNames);
  request.channel = "api";
  request.actor = {Role::customer, ""};
  request.order_id = order->id;
  request.customer = Customer{order->customer.email, fields.text("name", 200).value_or(""),
                              fields.word("locale", kLocales).value_or(""), "", "", ""};
  const auto *items = fields.array("items", 200);
  if (!items || items->empty()) fail(Status::invalid_argument, "at least one item", "items");
  codec::each_object(*items, "items", [&](codec::Fields &item, std::size_t) {
    OpenItem wanted;
    wanted.field = item.path();
    wanted.line = item.required_id("line");
    const auto qty = item.integer("qty", 1, kMaxQuantity);
    if (!qty) fail(Status::invalid_argument, "required", item.path("qty"));
    wanted.qty = *qty;
    const auto reason = item.word("reason", kReasons);
    if (!reason) fail(Status::invalid_argument, "required", item.path("reason"));
    wanted.reason = *reason;
    request.items.push_back(std::move(wanted));
  });
  request.description = fields.text("description", 5000).value_or("");
  request.preferred_resolution = fields.word("preferred_resolution", kResolutions).value_or("");
  request.idempotency_key = fields.text("idempotency_key", 200).value_or("");
  fields.finish();
  const json::object opened =
      codec::to_json(call.engine().open_case(request, sha256_hex(call.request.body)));
  return json_response(201, opened_answer(call, opened));
}

Response act(Call &call, const std::string &case_id, std::string_view name) {
  if (auto refused = spend(call, call.site.submits)) return *std::move(refused);
  const json::value document = body_of(call);  // Fields keeps a pointer to it
  codec::Fields fields(document, "");
  ActionRequest request;
  request.actor = {Role::customer, ""};
  if (name == "reply") {
    request.action = Action::reply;
    request.message = fields.required_text("message", 5000);
    if (const auto *ids = fields.array("attachments", 10)) {
      for (std::size_t i = 0; i < ids->size(); ++i) {
        const auto *id = (*ids)[i].if_string();
        const std::string path = codec::field_path("attachments", i);
        if (!id) fail(Status::invalid_argument, "expected an attachment id", path);
        request.attachments.emplace_back(*id);  // the engine checks the case holds it
      }
    }
  } else if (name == "rate") {
    request.action = Action::rate;
    const auto score = fields.integer("score", 1, 5);
    if (!score) fail(Status::invalid_argument, "required", "score");
    request.score = static_cast<int>(*score);
    request.comment = fields.text("comment", 2000).value_or("");
  } else if (name == "cancel") {
    request.action = Action::cancel;
    request.reason = fields.text("reason", 500).value_or("");
  } else if (name == "renew_link") {
    // The token of this request stops working; the new link goes to the customer's e-mail.
    request.action = Action::renew_link;
  } else {
    request.action = Action::reopen;
    request.reason = fields.required_text("reason", 2000);
  }
  request.idempotency_key = fields.text("idempotency_key", 200).value_or("");
  fields.finish();
  call.engine().act(case_id, request, sha256_hex(call.request.body));
  return json_response(200, codec::to_json(call.engine().customer_view(case_id)));
}

Response upload(Call &call, const std::string &case_id) {
  if (auto refused = spend(call, call.site.submits)) return *std::move(refused);
  const Attachment file = call.engine().add_attachment(case_id, "", call.request.body);
  return json_response(201, json::object{{"id", file.id},
                                         {"content_type", file.content_type},
                                         {"size", file.size},
                                         {"sha256", file.sha256}});
}

Response download(Call &call, const std::string &case_id, std::string_view id) {
  if (auto refused = spend(call, call.site.downloads)) return *std::move(refused);
  auto file = attachment_response(call, case_id, id, false);
  if (!file) return api_error(404, "not_found", "no such attachment");
  return *std::move(file);
}

Response withdraw(Call &call) {
  if (auto refused = spend(call, call.site.submits)) return *std::move(refused);
  const json::value document = body_of(call);  // Fields keeps a pointer to it
  codec::Fields fields(document, "");
  const std::string name = fields.required_text("name", 200);
  const std::string number = fields.required_text("order", 64);
  const std::string email = fields.required_text("email", 254);
  std::vector<std::string> chosen;
  if (const auto *lines = fields.array("lines", 200)) {
    for (std::size_t i = 0; i < lines->size(); ++i) {
      const auto *id = (*lines)[i].if_string();
      if (!id) fail(Status::invalid_argument, "expected a line id", codec::field_path("lines", i));
      chosen.emplace_back(*id);
    }
  }
  const std::string locale = fields.word("locale", kLocales).value_or(call.lang);
  fields.finish();
  const auto order = call.engine().customer_order(call.site.options.shop, number, email);
  if (!order) return api_error(404, "not_found", "no order matches this number and e-mail");
  OpenRequest request;
  request.shop = call.site.options.shop;
  request.kind = Kind::return_;
  request.channel = "api";
  request.actor = {Role::customer, ""};
  request.order_id = order->id;
  request.customer = Customer{order->customer.email, name, locale, "consumer", "", ""};
  json::array items;
  const ClaimedQty claimed = call.engine().claimed_quantities(request.shop, order->id);
  for (const auto &line : order->lines) {
    const bool wanted =
        chosen.empty() || std::find(chosen.begin(), chosen.end(), line.id) != chosen.end();
    const auto taken = claimed.find(line.id);
    const std::int64_t left =
        line.qty - line.refunded_qty - (taken == claimed.end() ? 0 : taken->second);
    if (!wanted || left <= 0) continue;
    OpenItem item;
    item.line = line.id;
    item.qty = left;
    item.reason = "changed_mind";
    item.field = "lines";
    request.items.push_back(std::move(item));
    items.push_back(json::object{{"line", line.id}, {"name", line.name}, {"qty", left}});
  }
  if (request.items.empty())
    fail(Status::invalid_argument, "no line of the order to withdraw from", "lines");
  const std::string statement = call.site.views.text(locale, "statement_intro");
  request.description = statement;
  const std::string submitted = format_rfc3339(call.engine().now());
  json::object withdrawal{{"statement", statement}, {"language", locale},
                          {"name", name},           {"order", order->number},
                          {"items", items},         {"submitted_at", submitted}};
  request.extra = json::object{{"withdrawal", withdrawal}};
  const json::object opened =
      codec::to_json(call.engine().open_case(request, sha256_hex(call.request.body)));
  json::object answer = opened_answer(call, opened);
  answer["acknowledgement"] = std::move(withdrawal);
  return json_response(201, answer);
}

Response route(Call &call, std::string_view rest) {
  const bool get = call.request.method == "GET" || call.request.method == "HEAD";
  const bool post = call.request.method == "POST";
  const auto method_error = [] {
    return api_error(405, "method_not_allowed", "method not allowed here");
  };
  if (rest == "/lookup") {
    call.route = "/api/v1/lookup";
    return post ? lookup(call) : method_error();
  }
  if (rest == "/orders/verify") {
    call.route = "/api/v1/orders/verify";
    return post ? verify_order(call) : method_error();
  }
  if (rest == "/withdraw") {
    call.route = "/api/v1/withdraw";
    return post ? withdraw(call) : method_error();
  }
  if (rest == "/cases") {
    call.route = "/api/v1/cases";
    return post ? open(call) : method_error();
  }
  if (rest.starts_with("/cases/")) {
    rest.remove_prefix(7);
    const auto slash = rest.find('/');
    const auto case_id = call.case_of_token(std::string(rest.substr(0, slash)));
    const std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (tail.empty()) {
      call.route = "/api/v1/cases/{token}";
      if (!get) return method_error();
    } else if (tail == "reply" || tail == "rate" || tail == "cancel" || tail == "reopen" ||
               tail == "renew_link") {
      call.name_route("/api/v1/cases/{token}/" + std::string(tail));
      if (!post) return method_error();
    } else if (tail == "attachments") {
      call.route = "/api/v1/cases/{token}/attachments";
      if (!post) return method_error();
    } else if (tail.starts_with("attachments/")) {
      call.route = "/api/v1/cases/{token}/attachments/{id}";
      if (!get) return method_error();
    } else {
      call.route = "/api/other";
      return api_error(404, "not_found", "no such resource");
    }
    if (!case_id) return api_error(404, "not_found", "no case has this token");
    if (tail.empty()) return json_response(200, codec::to_json(call.engine().customer_view(*case_id)));
    if (tail == "attachments") return upload(call, *case_id);
    if (tail.starts_with("attachments/")) return download(call, *case_id, tail.substr(12));
    return act(call, *case_id, tail);
  }
  call.route = "/api/other";
  return api_error(404, "not_found", "no such resource");
}

}  // namespace

Response api_route(Call &call, std::string_view rest) {
  try {
    return route(call, rest);
  } catch (const Error &error) {
    return from_error(error);
  }
}

}  // namespace reclaim::http
