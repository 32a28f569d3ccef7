// The customer's pages: look a case up, open one in three steps, follow it and act on it.
#include <algorithm>
#include <boost/json/array.hpp>

#include "codec/reader.hpp"
#include "codec/views_json.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "http/documents.hpp"
#include "http/case_view.hpp"
#include "http/site.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

constexpr std::size_t kMaxFiles = 10;

Response too_many(Call &call, int wait) {
  Response response = message_page(call, 429, "error_heading", "rate_limited");
  response.set("Retry-After", std::to_string(wait > 0 ? wait : 60));
  return response;
}

// CSRF and the per-address budget, checked before a form is acted on; nullopt: go ahead.
std::optional<Response> guard(Call &call, RateLimiter &budget) {
  if (!call.csrf_ok()) return message_page(call, 403, "error_heading", "csrf_failed");
  int wait = 0;
  if (!budget.allow(call.client, &wait)) return too_many(call, wait);
  return std::nullopt;
}

// A lookup also spends the looked-up e-mail address's budget, wherever it comes from.
std::optional<Response> guard_lookup(Call &call, std::string_view email) {
  if (auto refused = guard(call, call.site.lookups)) return refused;
  int wait = 0;
  if (!call.email_budget(email, &wait)) return too_many(call, wait);
  return std::nullopt;
}

// Case numbers are issued in capitals (RC-2026-000001); people type them in any case, with
// spaces around them from copying.
std::string case_number_typed(std::string_view typed) {
  std::string number(trim(typed));
  for (char &c : number) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return number;
}

std::string status_url(Call &call, const std::string &token) {
  return call.base() + "/c/" + token + "?lang=" + call.lang;
}

json::array options_for(Call &call, std::span<const std::string_view> words,
                        std::string_view prefix, std::string_view selected) {
  json::array out;
  for (auto word : words) {
    out.push_back(json::object{{"value", word},
                               {"label", call.text(std::string(prefix) + std::string(word))},
                               {"selected", word == selected}});
  }
  return out;
}

// The reasons that fit each kind: a complaint is about what is wrong with the goods, a return
// about why they are not wanted. Nobody is offered "better price" for a defect.
constexpr std::string_view kComplaintReasons[] = {
    "defect", "transport_damage", "not_as_described", "wrong_item", "missing_parts", "other"};
constexpr std::string_view kReturnReasons[] = {"no_longer_needed", "changed_mind", "size_or_fit",
                                               "better_price", "other"};

std::span<const std::string_view> reasons_for(bool is_return) {
  if (is_return) return kReturnReasons;
  return kComplaintReasons;
}

// The resolutions the shop's policy offers for the kind (a complaint's are the law's remedies,
// a return's the shop's), never a discount code for a defect unless the shop offers one.
std::vector<std::string_view> resolutions_for(Call &call, bool is_return) {
  const Policy policy = call.engine().get_policy(call.site.options.shop).policy;
  const auto offered = policy.resolutions.find(is_return ? "return" : "complaint");
  std::vector<std::string_view> out;
  for (auto word : kResolutions) {
    if (offered != policy.resolutions.end() &&
        std::find(offered->second.begin(), offered->second.end(), word) != offered->second.end()) {
      out.push_back(word);
    }
  }
  if (out.empty()) out.emplace_back(is_return ? "refund" : "repair");
  return out;
}

bool is_return_form(const Form *form) { return form && form->get("kind") == "return"; }

// The open cases that already hold a line: a line with nothing left links to them.
json::array cases_holding(Call &call, const Order &order, const std::string &line_id) {
  CaseQuery query;
  query.shop = call.site.options.shop;
  query.order_id = order.id;
  query.limit = 20;
  json::array out;
  for (const Case &found : call.engine().list_cases(query).cases) {
    if (found.state == State::cancelled) continue;
    const bool holds = std::any_of(found.items.begin(), found.items.end(),
                                   [&](const CaseItem &item) { return item.line == line_id; });
    if (!holds) continue;
    out.push_back(json::object{
        {"number", found.number},
        {"href", call.base() + "/c/" + call.engine().status_token(found) + "?lang=" + call.lang}});
  }
  return out;
}

// Step 2's list: every line of the order, chosen explicitly (a box to tick; the quantity starts
// at 1 and is asked only where more than one unit is left), its reason and what the law and the
// shop's policy allow. A line already claimed in full links the case(s) that hold it.
json::array order_lines(Call &call, const Order &order, const Form *previous) {
  const bool is_return = is_return_form(previous);
  const ClaimedQty claimed = call.engine().claimed_quantities(call.site.options.shop, order.id);
  const json::object eligibility =
      codec::to_json(call.engine().eligibility_by_line(call.site.options.shop, order, call.lang));
  json::array lines;
  for (std::size_t i = 0; i < order.lines.size(); ++i) {
    const OrderLine &line = order.lines[i];
    const auto taken = claimed.find(line.id);
    const std::int64_t left =
        line.qty - line.refunded_qty - (taken == claimed.end() ? 0 : taken->second);
    const std::string index = std::to_string(i);
    const bool submitted = previous && previous->has("picking");
    std::string reason = submitted ? previous->get("reason_" + index) : "";
    if (!is_one_of(reason, reasons_for(is_return))) reason = reasons_for(is_return).front();
    std::string chosen = submitted ? previous->get("qty_" + index) : "";
    if (chosen.empty() || chosen == "0") chosen = "1";
    json::object shown{{"index", i},
                       {"line", line.id},
                       {"name", line.name},
                       {"sku", line.sku},
                       {"qty", left > 0 ? left : 0}};
    if (left <= 0) {
      json::array holding = cases_holding(call, order, line.id);
      shown["has_claimed"] = !holding.empty();
      shown["claimed"] = std::move(holding);
      lines.push_back(std::move(shown));
      continue;
    }
    // Shown before submitting: what the law and the shop's policy allow for the chosen kind.
    json::array verdicts;
    if (const auto *found = eligibility.if_contains(line.id)) {
      const json::object &verdict =
          found->as_object().at(is_return ? "return" : "complaint").as_object();
      verdicts.push_back(
          json::object{{"eligible", verdict.at("eligible")}, {"message", verdict.at("message")}});
    }
    shown["open"] = true;
    shown["picked"] = submitted && previous->has("pick_" + index);
    shown["several"] = left > 1;
    shown["chosen"] = chosen;
    shown["eligibility"] = std::move(verdicts);
    shown["reasons"] = options_for(call, reasons_for(is_return), "reason_", reason);
    lines.push_back(std::move(shown));
  }
  return lines;
}

Response items_step(Call &call, const Order &order, const Form *previous, int status,
                    std::string error = {}, std::string detail = {}) {
  const std::string resolution = previous ? previous->get("resolution") : "";
  const bool is_return = is_return_form(previous);
  const std::vector<std::string_view> resolutions = resolutions_for(call, is_return);
  json::object context{
      {"title", call.text("new_heading")},
      {"order", previous ? previous->get("order") : order.number},
      {"email", previous ? previous->get("email") : ""},
      // The order's customer by default; what they typed once they have typed.
      {"name", previous && previous->has("name") ? previous->get("name") : order.customer.name},
      {"description", previous ? previous->get("description") : ""},
      {"is_return", is_return},
      {"kind_value", is_return ? "return" : "complaint"},
      {"kind_chosen", call.text(is_return ? "kind_return" : "kind_complaint")},
      {"lines", order_lines(call, order, previous)},
      {"resolutions", options_for(call, resolutions, "resolution_", resolution)}};
  if (!error.empty()) context["error"] = error;
  if (!detail.empty()) context["detail"] = detail;
  return page(call, "new_items", std::move(context), status);
}

// Every upload must be an accepted kind within the size limit, and all of them within a new
// case's quota, before anything is stored.
bool files_acceptable(Call &call, const Form &form) {
  const AttachmentQuota &quota = call.engine().shop_config(call.site.options.shop).attachments;
  std::int64_t count = 0, bytes = 0;
  for (const auto &file : form.files) {
    if (file.bytes.empty()) continue;
    bytes += static_cast<std::int64_t>(file.bytes.size());
    if (++count > static_cast<std::int64_t>(kMaxFiles) || count > quota.max_files ||
        bytes > quota.max_bytes) {
      return false;
    }
    try {
      call.engine().judge_attachment(file.bytes);
    } catch (const Error &error) {
      if (error.status() != Status::invalid_argument) throw;
      return false;
    }
  }
  return true;
}

// The form's files as the engine takes them, each with a clean name or none.
std::vector<reclaim::Upload> uploads(const Form &form) {
  std::vector<reclaim::Upload> out;
  for (const auto &file : form.files) {
    if (file.bytes.empty()) continue;
    std::string name = clip(file.filename, 200);
    try {
      codec::check_text(name, 200, "filename");
    } catch (const Error &) {
      name.clear();  // shown to staff and customer: only a clean name is kept
    }
    out.push_back({std::move(name), file.bytes});
  }
  return out;
}

Response open_from_form(Call &call) {
  const Form &form = *call.form;
  const std::string shop = call.site.options.shop;
  const auto order = call.engine().customer_order(shop, form.get("order"), form.get("email"));
  if (!order) {
    return page(call, "new_order",
                {{"title", call.text("new_heading")}, {"error", call.text("order_not_found")}},
                404);
  }
  if (!files_acceptable(call, form))
    return items_step(call, *order, &form, 422, call.text("file_rejected"));
  OpenRequest request;
  request.shop = shop;
  request.kind = form.get("kind") == "return" ? Kind::return_ : Kind::complaint;
  request.channel = "web";
  request.actor = {Role::customer, ""};
  request.order_id = order->id;
  request.customer =
      Customer{order->customer.email, clip(form.get("name"), 200), call.lang, "", "", ""};
  const bool is_return = request.kind == Kind::return_;
  // Today's form says which lines are wanted with a ticked box ("picking" marks it); a form
  // from before names them by a quantity above 0.
  const bool picking = form.has("picking");
  for (std::size_t i = 0; i < order->lines.size(); ++i) {
    const std::string index = std::to_string(i);
    if (picking && !form.has("pick_" + index)) continue;
    std::string qty_text = form.get("qty_" + index);
    if (picking && qty_text.empty()) qty_text = "1";
    if (qty_text.empty() || qty_text == "0") continue;
    if (qty_text.size() > 7 || qty_text.find_first_not_of("0123456789") != std::string::npos ||
        std::stoll(qty_text) > kMaxQuantity) {
      return items_step(call, *order, &form, 422, call.text("invalid_input"));
    }
    OpenItem item;
    item.line = order->lines[i].id;
    item.qty = std::stoll(qty_text);
    item.reason = form.get("reason_" + index);
    item.field = "items[" + std::to_string(request.items.size()) + "]";
    if (!is_one_of(item.reason, reasons_for(is_return))) {
      return items_step(call, *order, &form, 422, call.text("invalid_input"));
    }
    request.items.push_back(std::move(item));
  }
  if (request.items.empty()) return items_step(call, *order, &form, 422, call.text("no_items"));
  request.description = clip(form.get("description"), 5000);
  const std::string resolution = form.get("resolution");
  if (!resolution.empty() && !is_one_of(resolution, resolutions_for(call, is_return))) {
    return items_step(call, *order, &form, 422, call.text("invalid_input"));
  }
  request.preferred_resolution = resolution;
  CaseRecord opened;
  try {
    opened = call.engine().open_case(request, sha256_hex(call.request.body), uploads(form));
  } catch (const Error &error) {
    if (error.status() != Status::invalid_argument && error.status() != Status::not_allowed) throw;
    // The files go in with the case, in one transaction: a refused file opens nothing.
    if (error.rule().starts_with("attachment_")) {
      return items_step(
          call, *order, &form, 422,
          call.text(error.rule() == "attachment_quota" ? "file_quota" : "file_rejected"));
    }
    return items_step(call, *order, &form, 422, call.text("invalid_input"), error.what());
  }
  return redirect(call,
                  call.base() + "/c/" + opened.status_token + "/confirmation?lang=" + call.lang);
}


// The page cache's key of a case's status page: its id, the language, the endpoint's base.
void status_page_key_into(const Call &call, std::string_view case_id, std::string &out) {
  out.assign(case_id).append("|").append(call.lang).append("|").append(call.base());
}

std::string status_page_key(const Call &call, std::string_view case_id) {
  std::string key;
  status_page_key_into(call, case_id, key);
  return key;
}

Response status_page_response(int status, std::string body) {
  Response response;
  response.headers.reserve(kHeadersOfAnAnswer);
  response.status = status;
  response.body = std::move(body);
  response.set("Content-Type", "text/html; charset=utf-8");
  return response;
}

Response status_page(Call &call, const std::string &token, const std::string &case_id,
                     int status = 200, std::string error = {}) {
  if (!error.empty()) {
    json::object context = case_page_context(call, call.engine().customer_view(case_id), token);
    context["error"] = error;
    return page(call, "status", std::move(context), status);
  }
  // The plain status page is what customers reload: rendered once per case version.
  const auto stamp = call.engine().customer_view_stamp(case_id);
  if (!stamp) return message_page(call, 404, "error_heading", "not_found");
  const PageCache::Stamp key_stamp{stamp->first, stamp->second};
  // The link was found current after the mark was taken (case_route): the page may stand for
  // both until the mark moves.
  std::optional<PageCache::Check> check;
  if (call.change_mark) {
    if (const auto link = call.status_link(token)) {
      check = PageCache::Check{*call.change_mark, link->shop, link->version};
    }
  }
  const std::string key = status_page_key(call, case_id);
  auto body = call.site.pages.find(key, key_stamp, check);
  if (!body) {
    json::object context = case_page_context(call, call.engine().customer_view(case_id), token);
    context["csrf"] = PageCache::kCsrfMarker;
    Response rendered = page(call, "status", std::move(context), status);
    call.site.pages.put(key, key_stamp, check, rendered.body);
    body = std::move(rendered.body);
  }
  std::string filled;
  append_with_csrf(*body, call.csrf_field(), filled);
  return status_page_response(status, std::move(filled));
}

// Step 3: the case number, the decision date and what it means, where the confirmation goes,
// and the link to keep.
Response confirmation_page(Call &call, const std::string &token, const std::string &case_id) {
  const CustomerView view = call.engine().customer_view(case_id);
  json::object context = case_page_context(call, view, token);
  context["title"] = call.text("confirm_heading");
  context["status_url"] = status_url(call, token);
  context["mail_text"] = call.text("confirmation_mail_text");
  context["email"] = view.subject.customer.email;
  return page(call, "confirmation", std::move(context));
}

// Cancelling takes a second, deliberate step: this page says what it means and asks again.
Response cancel_confirm_page(Call &call, const std::string &token, const std::string &case_id,
                             int status = 200) {
  const CustomerView view = call.engine().customer_view(case_id);
  if (std::find(view.actions.begin(), view.actions.end(), Action::cancel) == view.actions.end()) {
    return status_page(call, token, case_id, 409, call.text("action_failed"));
  }
  return page(call, "cancel_confirm",
              {{"title", call.text("cancel_confirm_heading")},
               {"number", view.subject.number},
               {"case_url", call.base() + "/c/" + token}},
              status);
}

Response file_download(Call &call, const std::string &case_id, std::string_view id) {
  int wait = 0;
  if (!call.site.downloads.allow(call.client, &wait)) return too_many(call, wait);
  auto file = attachment_response(call, case_id, id, true);
  if (!file) return message_page(call, 404, "error_heading", "not_found");
  return *std::move(file);
}

// PDFs are made on request: the same budget per client as the files.
Response document_download(Call &call, const std::string &case_id, std::string_view type) {
  int wait = 0;
  if (!call.site.downloads.allow(call.client, &wait)) return too_many(call, wait);
  auto document = document_response(call, case_id, type);
  if (!document) return message_page(call, 404, "error_heading", "not_found");
  return *std::move(document);
}

Response case_action(Call &call, const std::string &token, const std::string &case_id,
                     std::string_view name) {
  if (auto refused = guard(call, call.site.submits)) return *std::move(refused);
  const Form &form = *call.form;
  ActionRequest request;
  request.actor = {Role::customer, ""};
  std::vector<reclaim::Upload> files;  // a reply's: kept in the reply's own transaction, or not at all
  if (name == "reply") {
    request.action = Action::reply;
    request.message = clip(form.get("message"), 5000);
    if (request.message.empty()) {
      return status_page(call, token, case_id, 422, call.text("invalid_input"));
    }
    files = uploads(form);
    if (files.size() > kMaxFiles) {
      return status_page(call, token, case_id, 422, call.text("file_rejected"));
    }
  } else if (name == "rate") {
    request.action = Action::rate;
    const std::string score = form.get("score");
    if (score.size() != 1 || score[0] < '1' || score[0] > '5') {
      return status_page(call, token, case_id, 422, call.text("invalid_input"));
    }
    request.score = score[0] - '0';
    request.comment = clip(form.get("comment"), 2000);
  } else if (name == "cancel") {
    // Only the confirmation page's form cancels; anything else gets that page first.
    if (form.get("confirm") != "yes") return cancel_confirm_page(call, token, case_id);
    request.action = Action::cancel;
    request.reason = clip(form.get("reason"), 500);
  } else {
    request.action = Action::reopen;
    request.reason = clip(form.get("reason"), 2000);
    if (request.reason.empty()) {
      return status_page(call, token, case_id, 422, call.text("invalid_input"));
    }
  }
  try {
    call.engine().act(case_id, request, sha256_hex(call.request.body), files);
  } catch (const Error &error) {
    if (error.status() != Status::not_allowed && error.status() != Status::invalid_argument &&
        error.status() != Status::conflict) {
      throw;
    }
    // A refused file says why; anything else refused says the action could not be taken now.
    if (error.rule() == "attachment_type" || error.rule() == "attachment_too_large") {
      return status_page(call, token, case_id, 422, call.text("file_rejected"));
    }
    if (error.rule() == "attachment_quota") {
      return status_page(call, token, case_id, 422, call.text("file_quota"));
    }
    if (error.rule() == "attachment_state") {
      return status_page(call, token, case_id, 409, call.text("files_closed"));
    }
    return status_page(call, token, case_id, 409, call.text("action_failed"));
  }
  return redirect(call, status_url(call, token));
}

// "Get a new link": every earlier link stops working; the new one goes to the customer's
// e-mail through the host (the case.link_renewed event), not to whoever holds this one.
Response renew_link(Call &call, const std::string &case_id) {
  if (auto refused = guard(call, call.site.submits)) return *std::move(refused);
  ActionRequest request;
  request.action = Action::renew_link;
  request.actor = {Role::customer, ""};
  call.engine().act(case_id, request, sha256_hex(call.request.body));
  return message_page(call, 200, "link_renewed_heading", "link_renewed_text");
}

// Forged, damaged, another shop's, signed by a removed key or renewed since: one answer.
Response link_refused(Call &call) {
  return message_page(call, 404, "link_invalid_heading", "link_invalid");
}

}  // namespace

Response home_page(Call &call) { return page(call, "home", {}); }

Response lookup_submit(Call &call) {
  if (auto refused = guard_lookup(call, call.form->get("email"))) return *std::move(refused);
  const std::string shop = call.site.options.shop, typed = call.form->get("number");
  const std::string email = call.form->get("email");
  auto token = call.engine().lookup_case(shop, case_number_typed(typed), email);
  // A shop whose prefix is not in capitals still finds its numbers as typed.
  if (!token && case_number_typed(typed) != trim(typed)) {
    token = call.engine().lookup_case(shop, typed, email);
  }
  // The answer never says which of the two was wrong, and echoes neither.
  if (!token) return page(call, "home", {{"error", call.text("lookup_failed")}}, 404);
  return redirect(call, status_url(call, *token));
}

Response new_case_page(Call &call) {
  return page(call, "new_order", {{"title", call.text("new_heading")}});
}

Response new_case_submit(Call &call) {
  if (call.form->get("step") == "case") {
    if (auto refused = guard(call, call.site.submits)) return *std::move(refused);
    return open_from_form(call);
  }
  if (auto refused = guard_lookup(call, call.form->get("email"))) return *std::move(refused);
  const auto order = call.engine().customer_order(call.site.options.shop, call.form->get("order"),
                                                  call.form->get("email"));
  if (!order) {
    return page(call, "new_order",
                {{"title", call.text("new_heading")}, {"error", call.text("order_not_found")}},
                404);
  }
  Form typed;
  typed.fields = {{"order", call.form->get("order")},
                  {"email", call.form->get("email")},
                  {"kind", call.form->get("kind") == "return" ? "return" : "complaint"}};
  return items_step(call, *order, &typed, 200);
}

std::optional<Response> unchanged_status_page(Call &call, std::string_view rest) {
  if (rest.empty() || rest.find('/') != std::string_view::npos) return std::nullopt;
  if (call.request.method != "GET" && call.request.method != "HEAD") return std::nullopt;
  call.route = "/c/{token}";
  // Taken before anything is read, so that what is read after it is at least as new.
  call.change_mark = call.engine().change_mark();
  if (!call.change_mark) return std::nullopt;
  // The reload of a page is the commonest request: its link, key and form token go into this
  // thread's scratch, whose capacity the last reload left, so that only the answer allocates.
  thread_local StatusLink link;
  thread_local std::string key, field;
  if (!call.status_link_into(rest, link)) return std::nullopt;
  status_page_key_into(call, link.case_id, key);
  call.csrf_field_into(field);
  std::string body;
  if (!call.site.pages.append_unchanged(key, *call.change_mark, link, field, body)) {
    return std::nullopt;
  }
  return status_page_response(200, std::move(body));
}

Response case_route(Call &call, std::string_view rest) {
  if (auto unchanged = unchanged_status_page(call, rest)) return std::move(*unchanged);
  const auto slash = rest.find('/');
  const std::string token(rest.substr(0, slash));
  const std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  const auto case_id = call.case_of_token(token);
  const bool get = call.request.method == "GET" || call.request.method == "HEAD";
  if (tail.empty()) {
    call.route = "/c/{token}";
    if (!case_id) return link_refused(call);
    return get ? status_page(call, token, *case_id)
               : message_page(call, 405, "error_heading", "bad_request");
  }
  if (tail == "confirmation" && get) {
    call.route = "/c/{token}/confirmation";
    if (!case_id) return link_refused(call);
    return confirmation_page(call, token, *case_id);
  }
  if (tail == "cancel" && get) {
    call.route = "/c/{token}/cancel";
    if (!case_id) return link_refused(call);
    return cancel_confirm_page(call, token, *case_id);
  }
  if (tail.starts_with("documents/") && get) {
    call.route = "/c/{token}/documents/{type}";
    if (!case_id) return link_refused(call);
    return document_download(call, *case_id, tail.substr(10));
  }
  if (tail.starts_with("files/") && get) {
    call.route = "/c/{token}/files/{id}";
    if (!case_id) return link_refused(call);
    return file_download(call, *case_id, tail.substr(6));
  }
  if ((tail == "reply" || tail == "rate" || tail == "cancel" || tail == "reopen") &&
      call.request.method == "POST") {
    call.name_route("/c/{token}/" + std::string(tail));
    if (!case_id) return link_refused(call);
    return case_action(call, token, *case_id, tail);
  }
  if (tail == "renew_link" && call.request.method == "POST") {
    call.route = "/c/{token}/renew_link";
    if (!case_id) return link_refused(call);
    return renew_link(call, *case_id);
  }
  call.route = "other";
  return message_page(call, 404, "error_heading", "not_found");
}

}  // namespace reclaim::http
