// The staff desk's pages: sign-in by one-time link, sign-out, the queue, the case with a form
// for each action the member of staff may take now, and the conflict page when someone else
// changed the case first. No JavaScript; every value escaped by the templates.
#include <date/tz.h>

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <span>

#include "codec/case_json.hpp"
#include "codec/reader.hpp"
#include "codec/requests.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "http/staff.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

// The actions staff take, in the order the case page offers them.
constexpr Action kStaffActions[] = {
    Action::review,  Action::request_info, Action::authorize_return, Action::receive_goods,
    Action::accept,  Action::reject,       Action::fulfil,           Action::close,
    Action::reopen,  Action::comment,      Action::assign,           Action::set_priority,
    Action::tag,     Action::escalate,     Action::cancel};

constexpr State kOpenStates[] = {State::received,          State::in_review,
                                 State::waiting_for_customer, State::waiting_for_goods,
                                 State::goods_received,    State::accepted};

constexpr UnixMs kAtRiskMs = 24 * kMsPerHour;

bool is_language(std::string_view code) {
  for (auto known : kLanguages) {
    if (known == code) return true;
  }
  return false;
}

bool https_shop(Call &call) {
  const std::string &url = call.engine().shop_config(call.site.options.shop).public_url;
  return url.size() > 8 && (url.starts_with("https://") || url.starts_with("HTTPS://"));
}

std::string cookie_path(Call &call) { return call.base() + "/staff/"; }

std::string session_cookie(Call &call, const std::string &value, bool clear) {
  return std::string(kStaffCookie) + "=" + value + "; Path=" + cookie_path(call) +
         (clear ? "; Max-Age=0" : "") + (https_shop(call) ? "; Secure" : "") +
         "; HttpOnly; SameSite=Strict";
}

// "agent: anna", "klient", "automatycznie": who made a history entry, in the page's language.
std::string actor_label(Call &call, const Actor &actor) {
  std::string label = call.text("staff_role_" + std::string(name(actor.role)));
  if (!actor.id.empty()) label += ": " + actor.id;
  return label;
}

std::string local_time(const std::string &zone, UnixMs at) {
  const auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
  const auto local =
      date::make_zoned(date::locate_zone(zone), std::chrono::floor<std::chrono::minutes>(instant));
  return date::format("%Y-%m-%d %H:%M", local);
}

std::string shop_zone(Call &call, const std::string &shop) {
  return call.engine().shop_config(shop).timezone;
}

std::string lang_query(Call &call) { return "lang=" + call.lang; }

std::string case_url(Call &call, const Case &c) {
  return call.base() + "/staff/cases/" + url_encode(c.number);
}

// The signed-in member of staff, or nullopt.
std::optional<StaffCall> signed_in(Call &call) {
  std::string secret = cookie(call.request.header("cookie"), kStaffCookie);
  if (secret.empty()) return std::nullopt;
  auto session = call.engine().staff_session(secret);
  if (!session) return std::nullopt;
  return StaffCall{std::move(secret), std::move(*session)};
}

Response staff_message(Call &call, int status, std::string_view heading, std::string_view text,
                       bool signed_in_link = true) {
  return page(call, "staff_message",
              {{"heading", call.text(heading)},
               {"text", call.text(text)},
               {"title", call.text(heading)},
               {"queue_link", signed_in_link}},
              status);
}

// The bar at the top of every signed-in page: who, the queue, sign-out.
void add_bar(Call &call, const StaffCall &who, json::object &context) {
  context["staff_name"] = who.staff().name.empty() ? who.staff().id : who.staff().name;
  context["role_label"] = call.text("staff_role_" + std::string(name(who.staff().role)));
  context["csrf"] = who.session.csrf;
  context["queue_url"] = call.base() + "/staff/?" + lang_query(call);
}

json::array options_of(Call &call, std::span<const std::string_view> words,
                       std::string_view prefix, const std::string &selected) {
  json::array out;
  for (const auto word : words) {
    out.push_back(json::object{{"value", word},
                               {"label", call.text(std::string(prefix) + std::string(word))},
                               {"selected", word == selected}});
  }
  return out;
}

// Marks for the decision date: overdue, at risk (within a day), or nothing.
std::string deadline_mark(const Case &c, UnixMs now) {
  if (!undecided(c.state) || !c.deadlines.decision_due) return "";
  if (*c.deadlines.decision_due < now) return "overdue";
  if (*c.deadlines.decision_due - now <= kAtRiskMs) return "at_risk";
  return "";
}

Response enter(Call &call) {
  call.route = "/staff/enter";
  // Only GET uses the link: a HEAD from a link checker or a mail scanner must not spend it.
  if (call.request.method != "GET") {
    Response response = staff_message(call, 405, "error_heading", "bad_request", false);
    response.set("Allow", "GET");
    return response;
  }
  auto entry = call.engine().staff_enter(call.query.get("t"));
  if (!entry) return staff_message(call, 403, "staff_link_heading", "staff_link_used", false);
  // A browser that was signed in as someone else is signed out of that session first.
  const std::string old = cookie(call.request.header("cookie"), kStaffCookie);
  if (!old.empty()) call.engine().staff_sign_out(old);
  Response response = redirect(call, call.base() + entry->next);
  response.add("Set-Cookie", session_cookie(call, entry->secret, false));
  return response;
}

Response logout(Call &call, const std::optional<StaffCall> &who) {
  call.route = "/staff/logout";
  if (call.request.method != "POST") {
    Response response = staff_message(call, 405, "error_heading", "bad_request", false);
    response.set("Allow", "POST");
    return response;
  }
  if (!who) return staff_message(call, 401, "staff_signed_out_heading", "staff_sign_in_text", false);
  if (!call.form || !equal_in_constant_time(call.form->get("csrf"), who->session.csrf)) {
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  }
  call.engine().staff_sign_out(who->secret);
  Response response =
      staff_message(call, 200, "staff_signed_out_heading", "staff_signed_out_text", false);
  response.add("Set-Cookie", session_cookie(call, "", true));
  return response;
}

Response queue_page(Call &call, const StaffCall &who) {
  call.route = "/staff/";
  const StaffMember &staff = who.staff();
  const std::string shop = staff_shop(call, staff);
  const std::string q = call.query.get("q");
  if (!q.empty()) {
    if (auto found = staff_case_by_number(call, staff, q)) {
      return redirect(call, case_url(call, found->subject) + "?" + lang_query(call));
    }
  }
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_queue_heading");
  std::string error;
  CasePage cases;
  try {
    const CaseQuery query = codec::case_query_from_json(staff_queue_query(staff, shop, call.query, 50));
    cases = call.engine().staff_cases(staff, query);
  } catch (const Error &failed) {
    if (failed.status() != Status::invalid_argument) throw;
    error = call.text("staff_bad_filter");
  }
  const UnixMs now = call.engine().now();
  const std::string zone = shop_zone(call, shop);
  json::array rows;
  for (const Case &c : cases.cases) {
    const std::string mark = deadline_mark(c, now);
    rows.push_back(json::object{
        {"number", c.number},
        {"href", case_url(call, c) + "?" + lang_query(call)},
        {"kind_label", call.text("kind_name_" + std::string(name(c.kind)))},
        {"state_label", call.text("staff_state_" + std::string(name(c.state)))},
        {"customer", c.customer.name.empty() ? c.customer.email : c.customer.name},
        {"email", c.customer.email},
        {"order", c.order_id},
        {"created_local", local_time(zone, c.created_at)},
        {"due_local", c.deadlines.decision_due && undecided(c.state)
                          ? json::value(local_time(zone, *c.deadlines.decision_due))
                          : json::value(nullptr)},
        {"overdue", mark == "overdue"},
        {"at_risk", mark == "at_risk"},
        {"assignee", c.assignee},
        {"priority_label", c.priority == "normal" ? std::string()
                                                   : call.text("staff_priority_" + c.priority)}});
  }
  const auto counts = call.engine().staff_counts(staff, shop);
  json::array count_list;
  for (const auto state : kStateNames) {
    const auto found = counts.find(std::string(state));
    const std::int64_t n = found == counts.end() ? 0 : found->second;
    count_list.push_back(json::object{
        {"label", call.text("staff_state_" + std::string(state))},
        {"count", n},
        {"href", call.base() + "/staff/?state=" + std::string(state) + "&shop=" + url_encode(shop) +
                     "&" + lang_query(call)}});
  }
  const std::string state = call.query.get("state");
  json::array state_options;
  state_options.push_back(json::object{{"value", "open"},
                                       {"label", call.text("staff_state_open")},
                                       {"selected", state.empty() || state == "open"}});
  state_options.push_back(json::object{
      {"value", "all"}, {"label", call.text("staff_state_all")}, {"selected", state == "all"}});
  for (auto &option : options_of(call, kStateNames, "staff_state_", state)) state_options.push_back(option);
  json::array kind_options;
  kind_options.push_back(json::object{
      {"value", ""}, {"label", call.text("staff_kind_any")}, {"selected", call.query.get("kind").empty()}});
  for (auto &option : options_of(call, kKindNames, "kind_name_", call.query.get("kind"))) {
    kind_options.push_back(option);
  }
  json::array shops;
  if (staff.shops.size() > 1) {
    for (const auto &id : staff.shops) {
      shops.push_back(json::object{{"value", id},
                                   {"label", call.engine().shop_config(id).name.empty()
                                                 ? id
                                                 : call.engine().shop_config(id).name},
                                   {"selected", id == shop}});
    }
  }
  if (cases.next_cursor) {
    Form next = call.query;
    std::string href = call.base() + "/staff/?";
    bool first = true;
    for (const auto &[key, value] : next.fields) {
      if (key == "after") continue;
      href += (first ? "" : "&") + url_encode(key) + "=" + url_encode(value);
      first = false;
    }
    href += std::string(first ? "" : "&") + "after=" + url_encode(*cases.next_cursor);
    if (!next.has("lang")) href += "&" + lang_query(call);
    context["next_href"] = href;
  }
  context["error"] = error;
  context["rows"] = std::move(rows);
  context["empty"] = context["rows"].as_array().empty();
  context["counts"] = std::move(count_list);
  context["state_options"] = std::move(state_options);
  context["kind_options"] = std::move(kind_options);
  context["has_shops"] = !shops.empty();
  context["shops"] = std::move(shops);
  context["shop"] = shop;
  context["q"] = q;
  context["overdue_checked"] = call.query.get("overdue") == "1";
  context["mine_checked"] = call.query.get("mine") == "1";
  Response response = page(call, "staff_queue", std::move(context));
  return response;
}

// The form of one action: which fields it shows.
json::object action_form(Call &call, Action action, const Case &c, const StaffMember &staff) {
  const std::string key(name(action));
  json::object form{{"action", key},
                    {"label", call.text("staff_do_" + key)},
                    {"id", "act-" + key}};
  switch (action) {
    case Action::request_info: form["f_message"] = true; form["f_message_required"] = true; break;
    case Action::comment:
      form["f_message"] = true;
      form["f_message_required"] = true;
      form["f_visible"] = true;
      break;
    case Action::authorize_return: form["f_instructions"] = true; break;
    case Action::receive_goods:
      form["f_conditions"] = true;
      form["conditions"] = options_of(call, kConditions, "staff_condition_", "");
      break;
    case Action::accept:
      form["f_resolutions"] = true;
      form["resolutions"] = options_of(call, kResolutions, "resolution_", c.preferred_resolution);
      form["f_amount"] = true;
      form["currency"] = call.engine().shop_config(c.shop).currency;
      break;
    case Action::reject:
    case Action::reopen: form["f_reason"] = true; form["f_reason_required"] = true; break;
    case Action::cancel: form["f_reason"] = true; break;
    case Action::escalate: form["f_reason"] = true; form["f_to"] = true; break;
    case Action::fulfil: form["f_reference"] = true; break;
    case Action::assign:
      form["f_assignee"] = true;
      form["assignee_value"] = c.assignee.empty() ? staff.id : c.assignee;
      break;
    case Action::set_priority:
      form["f_priorities"] = true;
      form["priorities"] = options_of(call, kPriorities, "staff_priority_", c.priority);
      break;
    case Action::tag: form["f_tags"] = true; break;
    default: break;
  }
  return form;
}

json::object case_context(Call &call, const StaffCall &who, const CaseRecord &record) {
  const Case &c = record.subject;
  const StaffMember &staff = who.staff();
  const std::string zone = shop_zone(call, c.shop);
  const UnixMs now = call.engine().now();
  const auto when = [&](const std::optional<UnixMs> &at) -> json::value {
    return at ? json::value(local_time(zone, *at)) : json::value(nullptr);
  };
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("status_heading") + " " + c.number;
  context["number"] = c.number;
  context["case_url"] = case_url(call, c);
  context["version"] = c.version;
  context["state_label"] = call.text("staff_state_" + std::string(name(c.state)));
  context["kind_label"] = call.text("kind_name_" + std::string(name(c.kind)));
  context["channel"] = c.channel;
  context["shop"] = c.shop;
  context["created_local"] = local_time(zone, c.created_at);
  context["timezone"] = zone;
  context["customer_name"] = c.customer.name;
  context["customer_email"] = c.customer.email;
  context["customer_phone"] = c.customer.phone;
  context["order"] = c.order_id;
  context["assignee"] = c.assignee;
  context["priority_label"] = call.text("staff_priority_" + c.priority);
  json::array tags;
  for (const auto &tag : c.tags) tags.emplace_back(tag);
  context["has_tags"] = !tags.empty();
  context["tags"] = std::move(tags);
  context["escalated"] = c.escalated;
  context["description"] = c.description;
  context["preferred_label"] =
      c.preferred_resolution.empty() ? "" : call.text("resolution_" + c.preferred_resolution);
  json::array items;
  for (const auto &item : c.items) {
    json::object shown{{"name", item.name},
                       {"sku", item.sku},
                       {"line", item.line},
                       {"qty", item.qty},
                       {"serial", item.serial},
                       {"reason_label", call.text("reason_" + item.reason)},
                       {"outcome_label", call.text(std::string("outcome_") +
                                                   codec::outcome_name(item.decision.outcome))},
                       {"decision_reason", item.decision.reason}};
    if (item.unit_price) shown["price"] = item.unit_price->amount.to_string(2) + " " + item.unit_price->currency;
    if (item.decision.resolution) {
      shown["resolution_label"] =
          call.text("resolution_" + std::string(name(item.decision.resolution->type)));
    }
    items.push_back(std::move(shown));
  }
  context["items"] = std::move(items);
  const std::string mark = deadline_mark(c, now);
  context["overdue"] = mark == "overdue";
  context["at_risk"] = mark == "at_risk";
  context["first_response_due"] = c.first_response_at ? json::value(nullptr)
                                                      : when(c.deadlines.first_response_due);
  context["decision_due"] = when(c.deadlines.decision_due);
  context["resolution_due"] = when(c.deadlines.resolution_due);
  context["basis"] = c.deadlines.basis;
  context["statutory"] = c.deadlines.statutory;
  context["deemed_on_expiry"] = c.deadlines.deemed_on_expiry;
  json::array history;
  for (const auto &entry : record.history) {
    json::object shown{{"label", call.text("staff_action_" + entry.action)},
                       {"at_local", local_time(zone, entry.at)},
                       {"by", actor_label(call, entry.actor)},
                       {"internal", !entry.customer_visible},
                       {"moved", entry.from != entry.to},
                       {"from_label", call.text("staff_state_" + std::string(name(entry.from)))},
                       {"to_label", call.text("staff_state_" + std::string(name(entry.to)))}};
    json::array notes;
    for (const char *key : {"message", "reason", "instructions", "reference", "comment",
                            "assignee", "priority", "to", "condition"}) {
      if (const auto *value = entry.data.if_contains(key); value && value->is_string() &&
                                                             !value->get_string().empty()) {
        notes.emplace_back(value->get_string());
      }
    }
    if (const auto *score = entry.data.if_contains("score")) {
      notes.emplace_back(json::serialize(*score) + "/5");
    }
    shown["notes"] = std::move(notes);
    history.push_back(std::move(shown));
  }
  context["history"] = std::move(history);
  json::array forms;
  for (const Action action : kStaffActions) {
    if (role_may(action, staff.role) && state_allows(action, c.state)) {
      forms.push_back(action_form(call, action, c, staff));
    }
  }
  context["forms"] = std::move(forms);
  return context;
}

Response case_page(Call &call, const StaffCall &who, const std::string &ref,
                   const std::string &error = {}, int status = 200) {
  const CaseRecord record = call.engine().staff_case(who.staff(), ref);
  json::object context = case_context(call, who, record);
  context["error"] = error;
  return page(call, "staff_case", std::move(context), status);
}

// The action document a case form makes, as reclaim_case_act reads it.
json::object action_document(const Form &form, const StaffMember &staff) {
  json::object doc{{"action", form.get("action")},
                   {"actor", json::object{{"role", name(staff.role)}, {"id", staff.id}}}};
  const std::string version = form.get("expected_version");
  if (!version.empty()) {
    try {
      std::size_t used = 0;
      const long long value = std::stoll(version, &used);
      if (used != version.size()) throw std::invalid_argument("version");
      doc["expected_version"] = value;
    } catch (const std::logic_error &) {
      fail(Status::invalid_argument, "not a version", "expected_version");
    }
  }
  for (const char *key : {"message", "instructions", "reason", "reference", "condition", "priority",
                          "to"}) {
    const std::string value = form.get(key);
    if (!value.empty()) doc[key] = value;
  }
  if (form.has("assignee")) doc["assignee"] = form.get("assignee");
  if (form.get("action") == "comment") doc["customer_visible"] = form.get("customer_visible") == "1";
  if (form.get("action") == "accept") {
    json::object resolution{{"type", form.get("resolution")}};
    if (!form.get("amount").empty()) {
      resolution["amount"] = form.get("amount");
      resolution["currency"] = form.get("currency");
    }
    doc["resolution"] = std::move(resolution);
  }
  if (form.get("action") == "tag") {
    for (const char *key : {"add", "remove"}) {
      json::array words;
      std::string text = form.get(key);
      std::size_t pos = 0;
      while (pos <= text.size()) {
        auto comma = text.find(',', pos);
        if (comma == std::string::npos) comma = text.size();
        std::string word(trim(std::string_view(text).substr(pos, comma - pos)));
        if (!word.empty()) words.emplace_back(word);
        pos = comma + 1;
      }
      if (!words.empty()) doc[key] = std::move(words);
    }
  }
  return doc;
}

// Someone changed the case since the form was loaded: what they did, and nothing overwritten.
Response conflict_page(Call &call, const StaffCall &who, const std::string &ref,
                       std::int64_t seen_version) {
  const CaseRecord record = call.engine().staff_case(who.staff(), ref);
  const Case &c = record.subject;
  const std::string zone = shop_zone(call, c.shop);
  json::array changes;
  for (std::size_t i = 0; i < record.history.size(); ++i) {
    // The entry at index i took the case to version i + 1.
    if (static_cast<std::int64_t>(i) + 1 <= seen_version) continue;
    const auto &entry = record.history[i];
    changes.push_back(json::object{
        {"label", call.text("staff_action_" + entry.action)},
        {"by", actor_label(call, entry.actor)},
        {"at_local", local_time(zone, entry.at)},
        {"to_label", call.text("staff_state_" + std::string(name(entry.to)))}});
  }
  json::object context;
  add_bar(call, who, context);
  context["title"] = call.text("staff_conflict_heading");
  context["number"] = c.number;
  context["state_label"] = call.text("staff_state_" + std::string(name(c.state)));
  context["changes"] = std::move(changes);
  context["case_href"] = case_url(call, c) + "?" + lang_query(call);
  return page(call, "staff_conflict", std::move(context), 409);
}

Response act(Call &call, const StaffCall &who, const std::string &ref) {
  call.route = "/staff/cases/{ref}/actions";
  if (!call.form || call.form->get("csrf").empty() ||
      !equal_in_constant_time(call.form->get("csrf"), who.session.csrf)) {
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  }
  const Form &form = *call.form;
  try {
    const json::object document = action_document(form, who.staff());
    const ActionRequest request = codec::action_request_from_json(document);
    const CaseRecord done = call.engine().staff_act(who.staff(), ref, request,
                                                    sha256_hex(json::serialize(document)));
    return redirect(call, case_url(call, done.subject) + "?" + lang_query(call));
  } catch (const Error &error) {
    switch (error.status()) {
      case Status::conflict:
        if (error.field() == "expected_version") {
          std::int64_t seen = 0;
          try {
            seen = std::stoll(form.get("expected_version"));
          } catch (const std::logic_error &) {
          }
          return conflict_page(call, who, ref, seen);
        }
        return case_page(call, who, ref, call.text("staff_error_conflict"), 409);
      case Status::not_allowed: {
        const bool forbidden =
            error.rule() == "role_not_allowed" || error.rule() == "decision_limit_exceeded";
        const std::string key = error.rule() == "decision_limit_exceeded" ? "staff_error_limit"
                                : forbidden ? "staff_error_role"
                                            : "staff_error_state";
        return case_page(call, who, ref, call.text(key), forbidden ? 403 : 409);
      }
      case Status::invalid_argument: {
        std::string text = call.text("staff_error_invalid");
        if (!error.field().empty()) text += " (" + error.field() + ")";
        return case_page(call, who, ref, text, 422);
      }
      default: throw;
    }
  }
}

Response route(Call &call, std::string_view path) {
  const bool get = call.request.method == "GET" || call.request.method == "HEAD";
  const bool post = call.request.method == "POST";
  if (path == "/staff") return redirect(call, call.base() + "/staff/");
  if (path == "/staff/enter") return enter(call);
  const bool api = path.starts_with("/staff/api/");
  if (post && !api) {
    call.form = parse_form(call.request.body, call.request.header("content-type"));
    if (!call.form) {
      call.route = "bad_form";
      return staff_message(call, 400, "error_heading", "bad_request");
    }
    for (const auto &[field, value] : call.form->fields) {
      try {
        codec::check_text(value, 20'000, field);
      } catch (const Error &) {
        call.route = "bad_form";
        return staff_message(call, 400, "error_heading", "bad_request");
      }
    }
    const std::string lang = call.form->get("lang");
    if (call.query.get("lang").empty() && is_language(lang)) call.lang = lang;
  }
  const auto who = signed_in(call);
  if (who && call.query.get("lang").empty() && !(call.form && is_language(call.form->get("lang"))) &&
      is_language(who->staff().locale)) {
    call.lang = who->staff().locale;
  }
  if (api) {
    if (!path.starts_with("/staff/api/v1/")) {
      call.route = "/staff/api/other";
      return api_error(404, "not_found", "no such resource");
    }
    return staff_api_route(call, path.substr(13), who);
  }
  if (path == "/staff/logout") return logout(call, who);
  const bool known = path == "/staff/" || path.starts_with("/staff/cases/");
  if (!known) {
    call.route = "/staff/other";
    return staff_message(call, 404, "error_heading", "not_found", who.has_value());
  }
  if (!who) {
    call.route = path == "/staff/" ? "/staff/" : "/staff/cases/{ref}";
    return staff_message(call, 401, "staff_sign_in_heading", "staff_sign_in_text", false);
  }
  if (path == "/staff/") {
    if (!get) {
      Response response = staff_message(call, 405, "error_heading", "bad_request");
      response.set("Allow", "GET");
      return response;
    }
    return queue_page(call, *who);
  }
  std::string_view rest = path.substr(13);
  const auto slash = rest.find('/');
  const std::string ref = url_decode(rest.substr(0, slash), false);
  const std::string_view tail = slash == std::string_view::npos ? "" : rest.substr(slash);
  if (ref.empty() || (tail != "" && tail != "/actions")) {
    call.route = "/staff/other";
    return staff_message(call, 404, "error_heading", "not_found");
  }
  codec::check_text(ref, codec::kMaxIdBytes, "ref");
  if (tail.empty()) {
    call.route = "/staff/cases/{ref}";
    if (!get) {
      Response response = staff_message(call, 405, "error_heading", "bad_request");
      response.set("Allow", "GET");
      return response;
    }
    return case_page(call, *who, ref);
  }
  if (!post) {
    call.route = "/staff/cases/{ref}/actions";
    Response response = staff_message(call, 405, "error_heading", "bad_request");
    response.set("Allow", "POST");
    return response;
  }
  return act(call, *who, ref);
}

}  // namespace

json::object staff_queue_query(const StaffMember &staff, const std::string &shop,
                               const Form &params, int limit) {
  json::object doc{{"shop", shop}, {"sort", "decision_due"}, {"limit", limit}};
  const std::string state = params.get("state");
  json::array states;
  if (state.empty() || state == "open") {
    for (const State s : kOpenStates) states.emplace_back(name(s));
  } else if (state != "all") {
    std::size_t pos = 0;
    while (pos <= state.size()) {
      auto comma = state.find(',', pos);
      if (comma == std::string::npos) comma = state.size();
      states.emplace_back(state.substr(pos, comma - pos));
      pos = comma + 1;
    }
  }
  if (!states.empty()) doc["state"] = std::move(states);
  if (const std::string kind = params.get("kind"); !kind.empty()) doc["kind"] = kind;
  if (params.get("overdue") == "1") doc["overdue"] = true;
  if (params.get("mine") == "1") {
    doc["assignee"] = staff.id;
  } else if (const std::string assignee = params.get("assignee"); !assignee.empty()) {
    doc["assignee"] = assignee;
  }
  if (const std::string q(trim(params.get("q"))); !q.empty()) {
    if (q.find('@') != std::string::npos) {
      doc["customer_email"] = q;
    } else {
      doc["order_id"] = q;
    }
  }
  if (const std::string after = params.get("after"); !after.empty()) doc["cursor"] = after;
  return doc;
}

std::string staff_shop(Call &call, const StaffMember &staff) {
  const std::string wanted = call.query.get("shop");
  if (!wanted.empty()) {
    if (!staff.sees(wanted)) fail(Status::not_found, "no shop '" + wanted + "'", "shop");
    return wanted;
  }
  if (staff.sees(call.site.options.shop)) return call.site.options.shop;
  return staff.shops.front();
}

std::optional<CaseRecord> staff_case_by_number(Call &call, const StaffMember &staff,
                                               const std::string &q) {
  const std::string ref(trim(q));
  if (ref.empty() || ref.size() > codec::kMaxIdBytes || ref.find('@') != std::string::npos) {
    return std::nullopt;
  }
  try {
    return call.engine().staff_case(staff, ref);
  } catch (const Error &error) {
    if (error.status() == Status::not_found) return std::nullopt;
    throw;
  }
}

Response staff_route(Call &call, std::string_view path) {
  // The desk has its own session and token: no customer CSRF cookie beside its own, so that a
  // host passing headers through reclaim_http_handle (one value per name) sees rc_staff's.
  call.new_nonce = false;
  Response response;
  const bool api = path.starts_with("/staff/api/");
  try {
    response = route(call, path);
  } catch (const Error &error) {
    const int status = http_status(error.status());
    if (api) {
      response = status == 404 ? api_error(404, "not_found", "no such resource")
                               : api_error(status == 503 ? 503 : 500, "internal",
                                           "the request could not be completed");
    } else if (status == 404) {
      response = staff_message(call, 404, "error_heading", "not_found");
    } else if (status == 422) {
      response = staff_message(call, 400, "error_heading", "bad_request");
    } else {
      response = staff_message(call, status == 503 ? 503 : 500, "error_heading", "server_error");
    }
  }
  response.set("Cache-Control", "no-store");
  return response;
}

}  // namespace reclaim::http
