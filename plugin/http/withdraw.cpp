// The EU withdrawal function (CRD art. 11a): details, a separate confirmation of the statement,
// and an acknowledgement with the statement and the time it was made. It opens a return case.
#include <boost/json/array.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "http/page_dates.hpp"
#include "http/site.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

std::optional<Response> guard(Call &call, RateLimiter &budget) {
  if (!call.csrf_ok()) return message_page(call, 403, "error_heading", "csrf_failed");
  int wait = 0;
  if (!budget.allow(call.client, &wait)) {
    Response response = message_page(call, 429, "error_heading", "rate_limited");
    response.set("Retry-After", std::to_string(wait > 0 ? wait : 60));
    return response;
  }
  return std::nullopt;
}

json::object typed(const Form &form) {
  return {{"name", clip(form.get("name"), 200)},
          {"order", clip(form.get("order"), 64)},
          {"email", clip(form.get("email"), 254)}};
}

// What is left of each line to withdraw from: bought, less refunded and claimed by open cases.
std::int64_t left_of(const OrderLine &line, const ClaimedQty &claimed) {
  const auto taken = claimed.find(line.id);
  return line.qty - line.refunded_qty - (taken == claimed.end() ? 0 : taken->second);
}

json::array withdrawable_lines(Call &call, const Order &order) {
  const ClaimedQty claimed = call.engine().claimed_quantities(call.site.options.shop, order.id);
  json::array lines;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const auto &line = order.lines[i];
    const std::int64_t left = left_of(line, claimed);
    if (left <= 0) continue;
    lines.push_back(
        json::object{{"index", i}, {"line", line.id}, {"name", line.name}, {"qty", left}});
  }
  return lines;
}

Response details_again(Call &call, const Form &form, std::string_view error_key, int status) {
  json::object context = typed(form);
  context["title"] = call.text("withdraw_heading");
  context["error"] = call.text(error_key);
  return page(call, "withdraw", std::move(context), status);
}

}  // namespace

Response withdraw_page(Call &call) {
  return page(call, "withdraw", {{"title", call.text("withdraw_heading")}});
}

Response withdraw_submit(Call &call) {
  if (auto refused = guard(call, call.site.lookups)) return *std::move(refused);
  const Form &form = *call.form;
  if (form.get("name").empty()) return details_again(call, form, "invalid_input", 422);
  const auto order =
      call.engine().customer_order(call.site.options.shop, form.get("order"), form.get("email"));
  if (!order) return details_again(call, form, "order_not_found", 404);
  json::object context = typed(form);
  context["title"] = call.text("withdraw_heading");
  context["lines"] = withdrawable_lines(call, *order);
  return page(call, "withdraw_confirm", std::move(context));
}

Response withdraw_confirm(Call &call) {
  if (auto refused = guard(call, call.site.submits)) return *std::move(refused);
  const Form &form = *call.form;
  const std::string shop = call.site.options.shop;
  const auto order = call.engine().customer_order(shop, form.get("order"), form.get("email"));
  if (!order || form.get("name").empty()) return details_again(call, form, "order_not_found", 404);
  std::vector<std::string> chosen;
  for (const auto &[key, value] : form.fields) {
    if (key == "line") chosen.push_back(value);
  }
  OpenRequest request;
  request.shop = shop;
  request.kind = Kind::return_;
  request.channel = "web";
  request.actor = {Role::customer, ""};
  request.order_id = order->id;
  const std::string name = clip(form.get("name"), 200);
  request.customer = Customer{order->customer.email, name, call.lang, "consumer", "", ""};
  json::array items;
  const ClaimedQty claimed = call.engine().claimed_quantities(shop, order->id);
  for (const auto &line : order->lines) {
    const bool wanted = std::find(chosen.begin(), chosen.end(), line.id) != chosen.end();
    const std::int64_t left = left_of(line, claimed);
    if (!wanted || left <= 0) continue;
    OpenItem item;
    item.line = line.id;
    item.qty = left;
    // A withdrawal needs no reason (u.p.k. art. 27, CRD art. 9), and the customer gave none.
    item.reason = "other";
    item.field = "items[" + std::to_string(request.items.size()) + "]";
    request.items.push_back(std::move(item));
    items.push_back(json::object{{"name", line.name}, {"line", line.id}, {"qty", left}});
  }
  json::object context = typed(form);
  context["title"] = call.text("withdraw_heading");
  if (request.items.empty()) {
    context["lines"] = withdrawable_lines(call, *order);
    context["error"] = call.text("no_items");
    return page(call, "withdraw_confirm", std::move(context), 422);
  }
  // The statement as the customer confirmed it, whole: what staff read is what was sent.
  const std::string statement = call.text("statement_intro");
  std::string whole = statement;
  for (const auto &item : items) {
    const json::object &line = item.as_object();
    whole += "\n- " + std::string(line.at("name").as_string()) + " × " +
             std::to_string(line.at("qty").to_number<std::int64_t>());
  }
  whole += "\n" + call.text("statement_order") + ": " + order->number + "\n" +
           call.text("statement_name") + ": " + name + "\n" + call.text("statement_email") + ": " +
           order->customer.email;
  request.description = whole;
  const UnixMs submitted = call.engine().now();
  request.extra =
      json::object{{"withdrawal", json::object{{"statement", statement},
                                               {"language", call.lang},
                                               {"name", name},
                                               {"order", order->number},
                                               {"items", items},
                                               {"submitted_at", format_rfc3339(submitted)}}}};
  CaseRecord opened;
  try {
    opened = call.engine().open_case(request, sha256_hex(call.request.body));
  } catch (const Error &error) {
    if (error.status() != Status::invalid_argument && error.status() != Status::not_allowed) throw;
    context["lines"] = withdrawable_lines(call, *order);
    context["error"] = call.text("action_failed");
    return page(call, "withdraw_confirm", std::move(context), 409);
  }
  const std::string &token = opened.status_token;
  context["items"] = std::move(items);
  context["number"] = opened.subject.number;
  // Date and time: the moment of the statement is what the acknowledgement proves.
  context["submitted_local"] =
      page_date_time(call.engine().shop_config(shop).timezone, submitted, call.lang);
  context["email"] = order->customer.email;
  context["status_url"] = call.base() + "/c/" + token + "?lang=" + call.lang;
  context["title"] = call.text("withdraw_done_heading");
  return page(call, "withdraw_done", std::move(context));
}

}  // namespace reclaim::http
