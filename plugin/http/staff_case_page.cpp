// A case as staff see it, with a form for each action the member of staff may take now; one
// action from such a form; and the conflict page when someone else changed the case first.
#include <boost/json/serialize.hpp>

#include <algorithm>

#include "codec/case_json.hpp"
#include "codec/requests.hpp"
#include "core/basis.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/messages.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "http/documents.hpp"
#include "http/staff_pages.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

// The actions staff take, in the order the case page offers them.
constexpr Action kStaffActions[] = {
    Action::review,        Action::request_info, Action::authorize_return,
    Action::receive_goods, Action::accept,       Action::reject,
    Action::fulfil,        Action::close,        Action::reopen,
    Action::comment,       Action::assign,       Action::set_priority,
    Action::tag,           Action::escalate,     Action::cancel,
    Action::legal_hold,    Action::claim_supplier, Action::supplier_answer};

// A deadline's or an answer's basis in the page's language; a citation the engine does not make
// (one stored by an older version) is shown as it is.
std::string basis_text(Call &call, const std::string &citation) {
  const auto key = basis_key(citation);
  if (!key) return citation;
  std::string text = call.text("basis_" + key->key);
  if (const auto at = text.find("{n}"); at != std::string::npos) {
    text.replace(at, 3, std::to_string(key->number));
  }
  return text;
}

// The decision limit of the staff member's role in the shop's policy, said before the click
// ("goods worth up to 300,00 PLN: above it a supervisor decides"); "" when the role has none.
std::string limit_hint(Call &call, const Case &c, const StaffMember &staff) {
  const Policy policy = call.engine().get_policy(c.shop).policy;
  const auto roles = policy.decision_limits.find(std::string(name(staff.role)));
  if (roles == policy.decision_limits.end()) return {};
  std::string hint;
  for (const auto &[currency, limit] : roles->second) {
    const std::string amount = local_money_text(Money{limit, currency}, call.lang);
    std::string text = call.text(staff.role == Role::agent ? "staff_limit_agent" : "staff_limit_other");
    const auto at = text.find("{amount}");
    if (at != std::string::npos) text.replace(at, 8, amount);
    hint += (hint.empty() ? "" : " ") + text;
  }
  return hint;
}

// The supplier of the case's goods as the order names it, to fill the claim form; "" if unknown.
std::string supplier_of_goods(Call &call, const Case &c, const StaffMember &staff) {
  if (c.order_id.empty()) return {};
  const auto order = call.engine().staff_order(staff, c.shop, c.order_id);
  if (!order) return {};
  for (const auto &item : c.items) {
    const OrderLine *line = order->line(item.line);
    if (line && !line->supplier.empty()) return line->supplier;
  }
  return {};
}

// The open claims, for the answer form to choose from: "1 · Acme".
json::array open_claims(const Case &c) {
  json::array claims;
  for (const auto &claim : c.supplier_claims) {
    if (!claim.open()) continue;
    claims.push_back(json::object{{"value", std::to_string(claim.claim)},
                                  {"label", std::to_string(claim.claim) + " · " + claim.supplier}});
  }
  return claims;
}

// The form of one action: which fields it shows.
json::object action_form(Call &call, Action action, const Case &c, const StaffMember &staff) {
  const std::string key(name(action));
  json::object form{{"action", key}, {"label", call.text("staff_do_" + key)}, {"id", "act-" + key}};
  switch (action) {
    case Action::request_info:
      form["f_message"] = true;
      form["f_message_required"] = true;
      break;
    case Action::comment:
      form["f_message"] = true;
      form["f_message_required"] = true;
      form["f_visible"] = true;
      break;
    case Action::authorize_return: form["f_instructions"] = true; break;
    case Action::receive_goods:
      form["f_conditions"] = true;
      form["conditions"] = options_of(call, kConditions, "staff_condition_", "");
      form["dispositions"] = select_of(call, kDispositions, "staff_disposition_", "", "staff_disposition_none");
      break;
    case Action::accept:
      form["f_resolutions"] = true;
      form["resolutions"] = options_of(call, kResolutions, "resolution_", c.preferred_resolution);
      form["f_amount"] = true;
      form["f_exchange"] = true;
      form["f_explanation"] = true;
      form["currency"] = call.engine().shop_config(c.shop).currency;
      form["limit_hint"] = limit_hint(call, c, staff);
      break;
    case Action::reject:
    case Action::reopen:
      form["f_reason"] = true;
      form["f_reason_required"] = true;
      break;
    case Action::cancel: form["f_reason"] = true; break;
    case Action::escalate:
      form["f_reason"] = true;
      form["f_to"] = true;
      break;
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
    case Action::legal_hold:
      // One button: set the hold (with its reason) or release it.
      form["label"] = call.text(c.legal_hold ? "staff_do_release_hold" : "staff_do_legal_hold");
      form["f_hold"] = true;
      form["hold_value"] = c.legal_hold ? "false" : "true";
      if (!c.legal_hold) {
        form["f_reason"] = true;
        form["f_reason_required"] = true;
      }
      break;
    case Action::claim_supplier:
      form["f_supplier"] = true;
      form["supplier_value"] = supplier_of_goods(call, c, staff);
      form["f_reference"] = true;
      form["f_claim_amount"] = true;
      form["amount_hint"] = call.text("staff_claim_amount_hint");
      form["currency"] = call.engine().shop_config(c.shop).currency;
      form["f_message"] = true;
      form["message_label"] = call.text("staff_claim_note");
      break;
    case Action::supplier_answer:
      form["f_answer"] = true;
      form["claims"] = open_claims(c);
      form["answers"] = options_of(call, kSupplierAnswers, "staff_supplier_answer_", "");
      form["f_claim_amount"] = true;
      form["amount_hint"] = call.text("staff_recovered_hint");
      form["currency"] = call.engine().shop_config(c.shop).currency;
      form["f_reference"] = true;
      form["reference_label"] = call.text("staff_supplier_reference");
      form["f_reason"] = true;
      form["reason_label"] = call.text("staff_supplier_reason");
      break;
    default: break;
  }
  return form;
}

// The claims against suppliers as the case page lists them, with what is late at `now`.
json::array claims_shown(Call &call, const Case &c, const std::string &zone, UnixMs now) {
  json::array shown;
  for (const auto &claim : c.supplier_claims) {
    std::string goods;
    for (const auto &claimed : claim.items) {
      const CaseItem &item = c.items.at(static_cast<std::size_t>(claimed.item - 1));
      if (!goods.empty()) goods += ", ";
      goods += (item.name.empty() ? item.sku : item.name) + " × " + std::to_string(claimed.qty);
    }
    const std::string status =
        claim.overdue(now) ? "overdue" : claim.open() ? "open" : claim.answer;
    json::object entry{{"claim", claim.claim},
                       {"supplier", claim.supplier},
                       {"reference", claim.reference},
                       {"goods", goods},
                       {"claimed_at", local_time(zone, claim.claimed_at)},
                       {"answer_due", local_time(zone, claim.answer_due)},
                       {"status_label", call.text("staff_claim_" + status)},
                       {"late", claim.overdue(now)},
                       {"note", claim.note},
                       {"answer_reference", claim.answer_reference},
                       {"answer_reason", claim.answer_reason}};
    if (claim.claimed) entry["claimed"] = local_money_text(*claim.claimed, call.lang);
    if (claim.recovered) entry["recovered"] = local_money_text(*claim.recovered, call.lang);
    if (claim.answered_at) entry["answered_at"] = local_time(zone, *claim.answered_at);
    shown.push_back(std::move(entry));
  }
  return shown;
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
  context["documents"] = document_links(call, c, case_url(call, c));
  context["version"] = c.version;
  context["state_label"] = call.text("staff_state_" + std::string(name(c.state)));
  context["kind_label"] = call.text("kind_name_" + std::string(name(c.kind)));
  context["channel"] = c.channel.empty() ? std::string() : call.text("staff_channel_" + c.channel);
  context["shop"] = c.shop;
  context["created_local"] = local_time(zone, c.created_at);
  context["timezone"] = zone;
  context["customer_name"] = c.customer.name;
  context["customer_email"] = c.customer.email;
  context["customer_phone"] = c.customer.phone;
  context["order"] = c.order_id;
  add_customer_standing(call, c, context);
  context["assignee"] = c.assignee;
  context["priority_label"] = call.text("staff_priority_" + c.priority);
  context["legal_hold"] = c.legal_hold ? json::value(*c.legal_hold) : json::value(nullptr);
  context["anonymised"] = c.anonymised_at.has_value();
  json::array tags;
  for (const auto &tag : c.tags) tags.emplace_back(tag);
  context["has_tags"] = !tags.empty();
  context["tags"] = std::move(tags);
  context["escalated"] = c.escalated;
  context["description"] = c.description;
  context["preferred_label"] =
      c.preferred_resolution.empty() ? "" : call.text("resolution_" + c.preferred_resolution);
  std::map<std::string, ItemVerdict> verdicts;
  for (auto &verdict : call.engine().verdicts_at_opening(c, call.lang)) {
    verdicts[verdict.line] = std::move(verdict);
  }
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
    if (item.unit_price)
      shown["price"] = local_money_text(*item.unit_price, call.lang);
    if (item.received_qty > 0) {
      std::string received = std::to_string(item.received_qty);
      if (!item.condition.empty()) received += " · " + call.text("staff_condition_" + item.condition);
      for (const auto &[word, units] : item.disposed) {
        received += " · " + call.text("staff_disposition_" + word) + ": " + std::to_string(units);
      }
      shown["received"] = received;
    }
    if (const auto verdict = verdicts.find(item.line); verdict != verdicts.end()) {
      shown["eligibility"] = verdict->second.message;
      shown["eligibility_basis"] = basis_text(call, verdict->second.basis);
    }
    if (const auto &resolution = item.decision.resolution) {
      std::string label = call.text("resolution_" + std::string(name(resolution->type)));
      if (const auto &goods = resolution->exchange) {
        label += ": " + filled(call.text("exchange_goods"),
                               {{"goods", goods->name.empty() ? goods->sku : goods->name},
                                {"qty", std::to_string(goods->qty)}});
      }
      if (const auto &difference = resolution->difference) {
        label += ", " + filled(call.text("difference_" + std::string(settlement(*difference))),
                               {{"amount", local_money_text(magnitude(*difference), call.lang)}});
      }
      shown["resolution_label"] = label;
    }
    items.push_back(std::move(shown));
  }
  context["items"] = std::move(items);
  json::array claims = claims_shown(call, c, zone, now);
  context["has_claims"] = !claims.empty();
  context["claims"] = std::move(claims);
  const std::string mark = deadline_mark(c, now, call.engine().staff_at_risk_ms(c.shop));
  context["overdue"] = mark == "overdue";
  context["at_risk"] = mark == "at_risk";
  context["first_response_due"] =
      c.first_response_at ? json::value(nullptr) : when(c.deadlines.first_response_due);
  context["decision_due"] = when(c.deadlines.decision_due);
  context["resolution_due"] = when(c.deadlines.resolution_due);
  context["basis"] = basis_text(call, c.deadlines.basis);
  context["statutory"] = c.deadlines.statutory;
  context["deemed_on_expiry"] = c.deadlines.deemed_on_expiry;
  // The case's files: images shown inline where they were sent, everything listed as evidence.
  const std::string files_url = case_url(call, c) + "/files/";
  json::object files_by_id;
  json::array evidence;
  for (const auto &file : call.engine().customer_view(c.id).attachments) {
    json::object shown{{"name", file.name.empty() ? file.id : file.name},
                       {"href", files_url + file.id},
                       {"image", file.content_type.starts_with("image/")},
                       {"type", file.content_type},
                       {"kb", (file.size + 1023) / 1024}};
    files_by_id[file.id] = shown;
    evidence.push_back(std::move(shown));
  }
  context["has_evidence"] = !evidence.empty();
  context["evidence"] = std::move(evidence);
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
    for (const char *key : {"message", "reason", "instructions", "explanation", "reference",
                            "comment", "assignee", "priority", "to", "condition"}) {
      if (const auto *value = entry.data.if_contains(key);
          value && value->is_string() && !value->get_string().empty()) {
        notes.emplace_back(value->get_string());
      }
    }
    if (const auto *score = entry.data.if_contains("score")) {
      notes.emplace_back(json::serialize(*score) + "/5");
    }
    if (const auto *claim = entry.data.if_contains("claim"); claim && claim->is_object()) {
      const auto &o = claim->get_object();
      std::string note = "#" + json::serialize(o.at("claim"));
      if (const auto *supplier = o.if_contains("supplier"); supplier && supplier->is_string()) {
        note += " · " + std::string(supplier->get_string());
      }
      if (const auto *answer = o.if_contains("answer"); answer && answer->is_string()) {
        note += " · " + call.text("staff_supplier_answer_" + std::string(answer->get_string()));
      }
      notes.emplace_back(note);
    }
    shown["notes"] = std::move(notes);
    json::array files;
    if (const auto *ids = entry.data.if_contains("attachments"); ids && ids->is_array()) {
      for (const auto &id : ids->get_array()) {
        const auto *file = id.is_string() ? files_by_id.if_contains(id.get_string()) : nullptr;
        if (file) files.push_back(*file);
      }
    }
    shown["files"] = std::move(files);
    history.push_back(std::move(shown));
  }
  context["history"] = std::move(history);
  json::array forms;
  for (const Action action : kStaffActions) {
    const bool answerable = action != Action::supplier_answer ||
                            std::any_of(c.supplier_claims.begin(), c.supplier_claims.end(),
                                        [](const SupplierClaim &claim) { return claim.open(); });
    const bool takes_actions = !c.anonymised_at || action == Action::supplier_answer;
    if (takes_actions && answerable && role_may(action, staff.role) &&
        state_allows(action, c.state)) {
      forms.push_back(action_form(call, action, c, staff));
    }
  }
  context["forms"] = std::move(forms);
  return context;
}

}  // namespace

Response staff_case_page(Call &call, const StaffCall &who, const std::string &ref,
                         const std::string &error, int status) {
  const CaseRecord record = call.engine().staff_case(who.staff(), ref);
  json::object context = case_context(call, who, record);
  add_canned_replies(call, record.subject, context);
  context["error"] = error;
  return page(call, "staff_case", std::move(context), status);
}

namespace {

// The goods an exchange gives, from the accept form's fields; the engine checks them. A quantity
// that is not a number goes on as text, for the engine to refuse by its field.
void add_exchange_goods(const Form &form, json::object &resolution) {
  const std::pair<const char *, const char *> fields[] = {{"exchange_sku", "sku"},
                                                         {"exchange_name", "name"},
                                                         {"exchange_price", "unit_price"},
                                                         {"exchange_variant", "variant_id"}};
  for (const auto &[from, to] : fields) {
    if (!form.get(from).empty()) resolution[to] = form.get(from);
  }
  if (resolution.contains("unit_price")) resolution["currency"] = form.get("currency");
  if (const std::string qty = form.get("exchange_qty"); !qty.empty()) {
    const bool digits = qty.size() <= 7 && qty.find_first_not_of("0123456789") == std::string::npos;
    resolution["qty"] = digits ? json::value(std::stoll(qty)) : json::value(qty);
  }
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
  for (const char *key :
       {"message", "instructions", "reason", "reference", "condition", "disposition", "priority",
        "to", "explanation", "supplier", "answer"}) {
    const std::string value = form.get(key);
    if (!value.empty()) doc[key] = value;
  }
  if (form.has("assignee")) doc["assignee"] = form.get("assignee");
  if (form.get("action") == "legal_hold") doc["hold"] = form.get("hold") == "true";
  if (form.get("action") == "comment")
    doc["customer_visible"] = form.get("customer_visible") == "1";
  if (form.get("action") == "accept") {
    json::object resolution{{"type", form.get("resolution")}};
    if (!form.get("amount").empty()) {
      resolution["amount"] = form.get("amount");
      resolution["currency"] = form.get("currency");
    }
    if (form.get("resolution") == "exchange") add_exchange_goods(form, resolution);
    doc["resolution"] = std::move(resolution);
  }
  const std::string action = form.get("action");
  if (action == "claim_supplier" || action == "supplier_answer") {
    if (!form.get("amount").empty()) {
      doc["amount"] = form.get("amount");
      doc["currency"] = form.get("currency");
    }
  }
  if (action == "supplier_answer" && !form.get("claim").empty()) {
    const std::string claim = form.get("claim");
    const bool digits =
        claim.size() <= 4 && claim.find_first_not_of("0123456789") == std::string::npos;
    doc["claim"] = digits ? json::value(std::stoll(claim)) : json::value(claim);
  }
  if (form.get("action") == "tag") {
    for (const char *key : {"add", "remove"}) {
      json::array words = comma_list(form.get(key));
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
    changes.push_back(
        json::object{{"label", call.text("staff_action_" + entry.action)},
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

}  // namespace

Response staff_case_file(Call &call, const StaffCall &who, const std::string &ref,
                         const std::string &id) {
  const CaseRecord record = call.engine().staff_case(who.staff(), ref);  // their shops only
  auto file = attachment_response(call, record.subject.id, id, true);
  if (!file) return staff_message(call, 404, "error_heading", "not_found");
  return std::move(*file);
}

Response staff_case_document(Call &call, const StaffCall &who, const std::string &ref,
                             std::string_view type) {
  const CaseRecord record = call.engine().staff_case(who.staff(), ref);  // their shops only
  auto document = document_response(call, record.subject.id, type);
  if (!document) return staff_message(call, 404, "error_heading", "not_found");
  return std::move(*document);
}

Response staff_act(Call &call, const StaffCall &who, const std::string &ref) {
  call.route = "/staff/cases/{ref}/actions";
  if (!form_csrf_ok(call, who))
    return staff_message(call, 403, "error_heading", "staff_csrf_failed");
  const Form &form = *call.form;
  try {
    const json::object document = action_document(form, who.staff());
    const ActionRequest request = codec::action_request_from_json(document);
    const CaseRecord done =
        call.engine().staff_act(who.staff(), ref, request, sha256_hex(json::serialize(document)));
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
        return staff_case_page(call, who, ref, call.text("staff_error_conflict"), 409);
      case Status::not_allowed: {
        const bool forbidden =
            error.rule() == "role_not_allowed" || error.rule() == "decision_limit_exceeded";
        const std::string key = error.rule() == "decision_limit_exceeded" ? "staff_error_limit"
                                : forbidden                               ? "staff_error_role"
                                                                          : "staff_error_state";
        return staff_case_page(call, who, ref, call.text(key), forbidden ? 403 : 409);
      }
      case Status::invalid_argument: {
        std::string text = call.text("staff_error_invalid");
        if (!error.field().empty()) text += " (" + error.field() + ")";
        return staff_case_page(call, who, ref, text, 422);
      }
      default: throw;
    }
  }
}

}  // namespace reclaim::http
