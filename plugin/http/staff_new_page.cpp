// GET/POST /staff/new: a case taken at the desk, by phone, e-mail or in the shop. With an order
// number the order's lines are offered with the quantity each still has; without one, staff
// describe the goods themselves (name, quantity, price). Opened from a mail draft
// (?draft=ID), the form starts with the sender and their words, and the draft is settled once
// the case exists. The channel is recorded; the actor is the signed-in member of staff.
#include <boost/json/serialize.hpp>

#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/messages.hpp"
#include "core/text.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

// Channels a case comes to the desk by (the web form and the API are the customer's and host's).
constexpr std::string_view kDeskChannels[] = {"phone", "email", "store", "chat", "social",
                                              "marketplace"};
constexpr std::string_view kDeskKinds[] = {"complaint", "return"};
constexpr int kFreeRows = 3;    // rows for goods without an order
constexpr int kMaxLines = 200;  // an order's lines offered at most (the request's item limit)

// The form's values: the query string on GET, the posted form on POST.
const Form &values(const Call &call) { return call.form ? *call.form : call.query; }

std::string chosen(const Form &form, std::string_view name, std::span<const std::string_view> words,
                   std::string_view fallback) {
  const std::string value = form.get(name);
  for (const auto word : words) {
    if (word == value) return value;
  }
  return std::string(fallback);
}

// The shop the form is for: their first unless it names one; another shop's is not found.
std::string form_shop(const Form &form, const StaffMember &staff) {
  const std::string asked = form.get("shop");
  if (asked.empty()) return staff.shops.front();
  if (!staff.sees(asked)) fail(Status::not_found, "no such shop for this member of staff", "shop");
  return asked;
}

// The order's lines, each with what is left to claim, for the form.
json::array order_lines(Call &call, const Form &form, const std::string &shop, const Order &order) {
  const ClaimedQty claimed = call.engine().claimed_quantities(shop, order.id);
  json::array lines;
  for (std::size_t i = 0; i < order.lines.size() && i < kMaxLines; ++i) {
    const OrderLine &line = order.lines[i];
    const auto taken = claimed.find(line.id);
    const std::int64_t left =
        std::max<std::int64_t>(0, line.qty - line.refunded_qty - (taken == claimed.end() ? 0 : taken->second));
    const std::string index = std::to_string(i);
    lines.push_back(json::object{
        {"index", index},
        {"line", line.id},
        {"name", line.name},
        {"sku", line.sku},
        {"price", local_money_text(Money{line.unit_price, order.currency}, call.lang)},
        {"left", left},
        {"none_left", left == 0},
        {"qty", form.get("qty_" + index).empty() ? "0" : form.get("qty_" + index)},
        {"reasons", options_of(call, kReasons, "reason_", form.get("reason_" + index))}});
  }
  return lines;
}

json::array free_rows(Call &call, const Form &form) {
  json::array rows;
  for (int i = 0; i < kFreeRows; ++i) {
    const std::string index = std::to_string(i);
    rows.push_back(json::object{
        {"index", index},
        {"first", i == 0},
        {"name", form.get("name_" + index)},
        {"sku", form.get("sku_" + index)},
        {"qty", form.get("qty_" + index)},
        {"price", form.get("price_" + index)},
        {"reasons", options_of(call, kReasons, "reason_", form.get("reason_" + index))}});
  }
  return rows;
}

// The open request as reclaim_case_open reads it, from the posted form; `order` when the form
// names one. Rows left empty (no quantity, or 0) are not items.
json::object open_document(const Form &form, const std::string &shop, const Order *order,
                           const std::string &currency) {
  json::object customer;
  const auto put = [&](const char *key, std::string_view field) {
    const std::string value(trim(form.get(field)));
    if (!value.empty()) customer[key] = value;
  };
  put("name", "customer_name");
  put("email", "customer_email");
  put("phone", "customer_phone");
  put("locale", "customer_locale");
  json::object doc{{"shop", shop},
                   {"kind", chosen(form, "kind", kDeskKinds, "complaint")},
                   {"channel", form.get("channel")},
                   {"actor", json::object{{"role", "agent"}}},  // replaced by the staff member
                   {"customer", std::move(customer)}};
  const std::string description(trim(form.get("description")));
  if (!description.empty()) doc["description"] = description;
  const std::string preferred = form.get("preferred_resolution");
  if (!preferred.empty()) doc["preferred_resolution"] = preferred;
  json::array items;
  const auto quantity = [&](const std::string &index) -> std::optional<std::int64_t> {
    const std::string text(trim(form.get("qty_" + index)));
    if (text.empty() || text == "0") return std::nullopt;
    std::int64_t qty = 0;
    std::size_t used = 0;
    try {
      qty = std::stoll(text, &used);
    } catch (const std::logic_error &) {
      used = 0;
    }
    if (used != text.size() || qty < 1) {
      fail(Status::invalid_argument, "a quantity is a whole number from 1", "items");
    }
    return qty;
  };
  if (order) {
    doc["order_id"] = order->id;
    for (std::size_t i = 0; i < order->lines.size() && i < kMaxLines; ++i) {
      const std::string index = std::to_string(i);
      const auto qty = quantity(index);
      if (!qty) continue;
      items.push_back(json::object{{"line", order->lines[i].id},
                                   {"qty", *qty},
                                   {"reason", form.get("reason_" + index)}});
    }
  } else {
    for (int i = 0; i < kFreeRows; ++i) {
      const std::string index = std::to_string(i);
      const auto qty = quantity(index);
      if (!qty) continue;
      json::object item{{"name", std::string(trim(form.get("name_" + index)))},
                        {"qty", *qty},
                        {"reason", form.get("reason_" + index)}};
      const std::string sku(trim(form.get("sku_" + index)));
      if (!sku.empty()) item["sku"] = sku;
      std::string price(trim(form.get("price_" + index)));
      std::replace(price.begin(), price.end(), ',', '.');  // "199,99" as Poles and Russians write it
      if (!price.empty()) {
        item["unit_price"] = price;
        item["currency"] = currency;
      }
      items.push_back(std::move(item));
    }
  }
  if (items.empty()) fail(Status::invalid_argument, "no goods: give a quantity", "items");
  doc["items"] = std::move(items);
  return doc;
}

// The text shown for a refused form: what the engine said, and which field.
std::string refusal(Call &call, const Error &error) {
  if (error.rule() == "qty_exceeds_available" || error.field().find("qty") != std::string::npos) {
    return call.text("staff_new_error_qty");
  }
  std::string text = call.text("staff_error_invalid");
  if (!error.field().empty()) text += " (" + error.field() + ")";
  return text;
}

}  // namespace

Response staff_new_page(Call &call, const StaffCall &who, const std::string &error, int status) {
  const StaffMember &staff = who.staff();
  const Form &form = values(call);
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_new_heading");
  if (!error.empty()) context["error"] = error;

  // From a mail draft: the sender and their words, unless the form already says otherwise.
  std::string email = form.get("customer_email"), name = form.get("customer_name");
  std::string description = form.get("description");
  std::string channel = chosen(form, "channel", kDeskChannels, "phone");
  std::string shop = form_shop(form, staff);
  const std::string draft_id = form.get("draft");
  if (!draft_id.empty()) {
    const InboundDraft draft = call.engine().staff_draft(staff, draft_id);
    shop = draft.shop;
    if (!call.form) {
      email = draft.from_address;
      name = draft.from_name;
      description = draft.subject.empty() ? draft.text : draft.subject + "\n\n" + draft.text;
      channel = "email";
    }
    context["draft"] = draft.id;
    context["draft_from"] = draft.from_address;
  }
  json::array shops;
  for (const auto &id : staff.shops) {
    shops.push_back(json::object{{"value", id},
                                 {"label", call.engine().shop_config(id).name.empty()
                                               ? id
                                               : call.engine().shop_config(id).name},
                                 {"selected", id == shop}});
  }
  context["shops"] = std::move(shops);
  context["several_shops"] = staff.shops.size() > 1;
  context["shop"] = shop;
  context["kinds"] = options_of(call, kDeskKinds, "kind_name_", chosen(form, "kind", kDeskKinds, "complaint"));
  context["channels"] = options_of(call, kDeskChannels, "staff_channel_", channel);
  const std::string locale = form.get("customer_locale").empty()
                               ? call.engine().shop_config(shop).locale
                               : form.get("customer_locale");
  json::array locales;
  for (const auto code : kLanguages) {
    locales.push_back(json::object{{"value", code},
                                   {"label", call.site.views.text(code, "lang_name")},
                                   {"selected", code == locale}});
  }
  context["locales"] = std::move(locales);
  json::array resolutions = options_of(call, kResolutions, "resolution_", form.get("preferred_resolution"));
  resolutions.insert(resolutions.begin(), json::object{{"value", ""},
                                                       {"label", call.text("staff_new_no_preference")},
                                                       {"selected", form.get("preferred_resolution").empty()}});
  context["resolutions"] = std::move(resolutions);
  context["customer_email"] = email;
  context["customer_name"] = name;
  context["customer_phone"] = form.get("customer_phone");
  context["description"] = description;
  context["currency"] = call.engine().shop_config(shop).currency;

  const std::string order_number(trim(form.get("order")));
  context["order"] = order_number;
  if (!order_number.empty()) {
    codec::check_text(order_number, codec::kMaxIdBytes, "order");
    if (const auto order = call.engine().staff_order(staff, shop, order_number)) {
      context["has_order"] = true;
      context["order_id"] = order->id;
      context["order_label"] = order->number.empty() ? order->id : order->number;
      context["order_customer"] = order->customer.email;
      context["lines"] = order_lines(call, form, shop, *order);
      if (email.empty() && !call.form) context["customer_email"] = order->customer.email;
      if (name.empty() && !call.form) context["customer_name"] = order->customer.name;
    } else {
      context["order_missing"] = true;
      context["rows"] = free_rows(call, form);
    }
  } else {
    context["rows"] = free_rows(call, form);
  }
  context["find_href"] = call.base() + "/staff/new";
  return page(call, "staff_new", std::move(context), status);
}

Response staff_new_submit(Call &call, const StaffCall &who) {
  if (!form_csrf_ok(call, who)) {
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  }
  const StaffMember &staff = who.staff();
  const Form &form = *call.form;
  // "Find the order" only looks the order up and shows its lines again.
  if (form.get("step") == "find") return staff_new_page(call, who);
  const std::string shop = form_shop(form, staff);
  const std::string order_number(trim(form.get("order")));
  std::optional<Order> order;
  if (!order_number.empty()) {
    codec::check_text(order_number, codec::kMaxIdBytes, "order");
    order = call.engine().staff_order(staff, shop, order_number);
    if (!order) return staff_new_page(call, who, call.text("staff_new_error_order"), 422);
  }
  const std::string draft_id = form.get("draft");
  if (!draft_id.empty()) call.engine().staff_draft(staff, draft_id);  // still open, and theirs
  CaseRecord opened;
  try {
    const json::object document =
        open_document(form, shop, order ? &*order : nullptr, call.engine().shop_config(shop).currency);
    // The form's token makes the key: a double click, or the same form sent twice, opens one case.
    json::object keyed = document;
    keyed["idempotency_key"] = "desk-" + sha256_hex(who.session.csrf + json::serialize(document)).substr(0, 40);
    opened = call.engine().staff_open(staff, codec::open_request_from_json(keyed),
                                      sha256_hex(json::serialize(keyed)));
  } catch (const Error &error) {
    if (error.status() != Status::invalid_argument && error.status() != Status::not_allowed &&
        error.status() != Status::conflict) {
      throw;
    }
    return staff_new_page(call, who, refusal(call, error), 422);
  }
  if (!draft_id.empty()) {
    try {
      call.engine().settle_draft(staff, draft_id, opened.subject.id);
    } catch (const Error &error) {
      // Someone settled it meanwhile: the case stands; the mail is no longer in the list anyway.
      if (error.status() != Status::not_found) throw;
    }
  }
  return redirect(call, case_url(call, opened.subject) + "?" + lang_query(call));
}

}  // namespace reclaim::http
