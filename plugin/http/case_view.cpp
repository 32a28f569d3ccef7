#include "http/documents.hpp"
#include "http/case_view.hpp"

#include <boost/json/array.hpp>

#include "core/deadlines.hpp"
#include "core/law.hpp"
#include "core/messages.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "http/page_dates.hpp"

namespace reclaim::http {

namespace json = boost::json;

namespace {

std::string str(const json::object &o, std::string_view key) {
  const auto *value = o.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::string by_label(Call &call, std::string_view role) {
  if (role == "customer") return call.text("by_customer");
  if (role == "system") return call.text("by_system");
  return call.text("by_staff");
}

// The newest customer-visible entry of `action`, or nullptr.
const HistoryEntry *latest(const CustomerView &view, std::string_view action) {
  for (auto entry = view.history.rbegin(); entry != view.history.rend(); ++entry) {
    if (entry->action == action) return &*entry;
  }
  return nullptr;
}

// The goods are still with the customer: a return's "send them back" is the next step.
bool goods_outstanding(State state) {
  return state == State::received || state == State::in_review ||
         state == State::waiting_for_customer || state == State::waiting_for_goods;
}

// Still waiting for the money: a return's refund date stays meaningful until it is paid.
bool refund_pending(State state) {
  return state != State::resolved && state != State::closed && state != State::rejected &&
         state != State::cancelled;
}

json::array file_links(const json::object &files_by_id, const json::object &data) {
  json::array linked;
  if (const auto *ids = data.if_contains("attachments"); ids && ids->is_array()) {
    for (const auto &id : ids->get_array()) {
      if (const auto *file = id.is_string() ? files_by_id.if_contains(id.get_string()) : nullptr) {
        linked.push_back(*file);
      }
    }
  }
  return linked;
}

// The statement as the customer made it (case.extra.withdrawal), in the words they confirmed.
json::object statement_context(Call &call, const Case &subject, const json::object &withdrawal,
                               const std::string &zone) {
  json::array items;
  if (const auto *listed = withdrawal.if_contains("items"); listed && listed->is_array()) {
    for (const auto &value : listed->get_array()) {
      if (!value.is_object()) continue;
      items.push_back(json::object{{"name", str(value.get_object(), "name")},
                                   {"qty", value.get_object().at("qty")}});
    }
  }
  const auto submitted = parse_rfc3339(str(withdrawal, "submitted_at"));
  return {{"text", str(withdrawal, "statement")},
          {"items", std::move(items)},
          {"order", str(withdrawal, "order")},
          {"name", str(withdrawal, "name")},
          {"email", subject.customer.email},
          {"submitted_local",
           page_date_time(zone, submitted ? *submitted : subject.created_at, call.lang)}};
}

// What a return asks of the customer and promises them: the date to send the goods by (14 days
// from the statement where the EU's and Poland's rules apply: sending in time is enough), who
// pays for sending, how (the shop's instructions once given), and when the money comes back.
json::object return_context(Call &call, const CustomerView &view, const Policy &policy,
                            UnixMs statement_at) {
  const Case &subject = view.subject;
  const Zone zone(view.timezone);
  json::object out;
  const RuleSet *rules = rules_in_force(policy.jurisdiction, zone.local_day(statement_at));
  if (goods_outstanding(subject.state) && policy.jurisdiction != Jurisdiction::ru) {
    const UnixMs by = period_end(statement_at, 14, calendar_of(policy), zone);
    out["send_by"] = page_date(view.timezone, by, call.lang);
  }
  if (goods_outstanding(subject.state)) {
    out["cost"] = call.text(policy.return_shipping_paid_by == "shop" ? "return_cost_shop"
                                                                     : "return_cost_customer");
    const HistoryEntry *authorized = latest(view, "authorize_return");
    out["how"] = authorized && !str(authorized->data, "instructions").empty()
                     ? call.text("return_how_given")
                     : call.text("return_how_pending");
  }
  if (refund_pending(subject.state) && subject.deadlines.decision_due) {
    out["refund_by"] = page_date(view.timezone, *subject.deadlines.decision_due, call.lang);
    const bool statutory = subject.deadlines.statutory && rules && rules->withdrawal_refund;
    out["refund_label"] = call.text(statutory ? "refund_due_label" : "decision_by");
    out["refund_text"] = statutory
                             ? filled(call.text("refund_due_text"),
                                      {{"days", std::to_string(rules->withdrawal_refund->days)}})
                             : call.text("refund_due_shop");
  }
  return out;
}

// The decision as the customer needs it: per item what was given (with its amount) or refused
// and why, the shop's explanation, a resolution other than the one asked for said plainly, how
// and by when money comes back, and once carried out, when and under which reference.
json::object decision_context(Call &call, const CustomerView &view) {
  const Case &subject = view.subject;
  json::array items;
  bool money_back = false, differs = false;
  std::string given;
  for (const auto &item : subject.items) {
    const auto &decision = item.decision;
    json::object shown{{"name", item.name}, {"qty", item.qty}};
    if (decision.outcome == ItemDecision::Outcome::accepted && decision.resolution) {
      const std::string type(name(decision.resolution->type));
      shown["accepted"] = true;
      // Only a part accepted is worth a number: "accepted (1 of 2)".
      if (decision.qty < item.qty) {
        shown["accepted_part"] =
            filled(call.text("accepted_part"),
                   {{"accepted", std::to_string(decision.qty)}, {"qty", std::to_string(item.qty)}});
      }
      shown["resolution_label"] = call.text("resolution_" + type);
      if (decision.resolution->amount) {
        shown["amount"] = local_money_text(*decision.resolution->amount, call.lang);
      }
      if (const auto &goods = decision.resolution->exchange) {
        shown["exchange_text"] =
            filled(call.text("exchange_goods"),
                   {{"goods", goods->name.empty() ? goods->sku : goods->name},
                    {"qty", std::to_string(goods->qty)}});
      }
      if (const auto &difference = decision.resolution->difference) {
        const std::string settle(settlement(*difference));
        shown["difference_text"] = filled(
            call.text("difference_" + settle),
            {{"amount", local_money_text(magnitude(*difference), call.lang)}});
        money_back |= settle == "refund";
      }
      money_back |= gives_money_back(decision.resolution->type);
      if (!subject.preferred_resolution.empty() && type != subject.preferred_resolution) {
        differs = true;
        given = call.text("resolution_" + type);
      }
    } else if (decision.outcome == ItemDecision::Outcome::rejected) {
      shown["rejected"] = true;
      shown["reason"] = decision.reason;
    }
    items.push_back(std::move(shown));
  }
  json::object out{{"items", std::move(items)}};
  if (subject.decided_at)
    out["decided_local"] = page_date(view.timezone, *subject.decided_at, call.lang);
  if (subject.deemed) out["deemed_text"] = call.text("decision_deemed_text");
  if (differs) {
    out["differs_text"] = filled(
        call.text("decision_differs"),
        {{"preferred", call.text("resolution_" + subject.preferred_resolution)}, {"given", given}});
  }
  if (const HistoryEntry *accepted = latest(view, "accept")) {
    const std::string explanation = str(accepted->data, "explanation");
    if (!explanation.empty()) out["explanation"] = explanation;
  }
  if (money_back && subject.state == State::accepted)
    out["money_back_text"] = call.text("money_back_text");
  if (subject.state == State::accepted && subject.deadlines.resolution_due) {
    out["due_text"] =
        filled(call.text("resolution_due_text"),
               {{"date", page_date(view.timezone, *subject.deadlines.resolution_due, call.lang)}});
  }
  if (const HistoryEntry *fulfilled = latest(view, "fulfil");
      fulfilled && (subject.state == State::resolved || subject.state == State::closed)) {
    out["fulfilled_text"] = filled(call.text("fulfilled_text"),
                                   {{"date", page_date(view.timezone, fulfilled->at, call.lang)}});
    const std::string reference = str(fulfilled->data, "reference");
    if (!reference.empty()) out["reference"] = reference;
  }
  return out;
}

}  // namespace

std::string decision_meaning_key(const Case &subject) {
  const Deadlines &deadlines = subject.deadlines;
  if (deadlines.deemed_on_expiry) return "decision_meaning_deemed_acceptance";
  if (deadlines.penalty_percent_per_day > 0 && deadlines.statutory) {
    return "decision_meaning_penalty";
  }
  if (deadlines.statutory) return "decision_meaning_statutory";
  return "decision_meaning_shop_target";
}

json::object case_page_context(Call &call, const CustomerView &view, const std::string &token) {
  const Case &subject = view.subject;
  const std::string &zone = view.timezone;
  const std::string case_url = call.base() + "/c/" + token;
  const std::string state(name(subject.state));
  const auto *withdrawal_value = subject.extra.if_contains("withdrawal");
  const json::object *withdrawal =
      withdrawal_value && withdrawal_value->is_object() ? &withdrawal_value->get_object() : nullptr;
  const bool is_return = subject.kind == Kind::return_;

  json::object files_by_id;
  json::array files;
  for (const auto &file : view.attachments) {
    json::object shown{{"name", file.name.empty() ? file.id : file.name},
                       {"href", case_url + "/files/" + file.id},
                       {"type", file.content_type},
                       {"kb", (file.size + 1023) / 1024}};
    files_by_id[file.id] = shown;
    files.push_back(std::move(shown));
  }
  json::array items;
  for (const auto &item : subject.items) {
    json::object shown{{"name", item.name}, {"qty", item.qty}};
    // A withdrawal needs no reason, and the customer gave none.
    if (!withdrawal) shown["reason_label"] = call.text("reason_" + item.reason);
    items.push_back(std::move(shown));
  }
  json::array timeline;
  for (const auto &entry : view.history) {
    std::string action = entry.action;
    if (action == "accept" && entry.actor.role == Role::system) action = "deemed_accept";
    json::object shown{{"label", call.text("action_" + action)},
                       {"by_label", by_label(call, name(entry.actor.role))},
                       {"at_local", page_date_time(zone, entry.at, call.lang)},
                       {"files", file_links(files_by_id, entry.data)}};
    for (const char *key :
         {"message", "instructions", "reason", "comment", "explanation", "reference"}) {
      const std::string text = str(entry.data, key);
      if (!text.empty()) shown[key] = text;
    }
    if (const auto *score = entry.data.if_contains("score")) shown["score"] = *score;
    timeline.push_back(std::move(shown));
  }
  bool can_reply = false, can_rate = false, can_cancel = false, can_reopen = false;
  for (const Action action : view.actions) {
    can_reply |= action == Action::reply;
    can_rate |= action == Action::rate;
    can_cancel |= action == Action::cancel;
    can_reopen |= action == Action::reopen;
  }

  json::object context{
      {"title", call.text("status_heading") + " " + subject.number},
      {"number", subject.number},
      {"state_label", call.text("state_" + state)},
      {"kind_label", call.text(withdrawal ? "kind_name_withdrawal"
                                          : "kind_name_" + std::string(name(subject.kind)))},
      {"created_local", page_date(zone, subject.created_at, call.lang)},
      {"items", std::move(items)},
      {"description", withdrawal ? std::string() : subject.description},
      {"preferred_label", subject.preferred_resolution.empty()
                              ? std::string()
                              : call.text("resolution_" + subject.preferred_resolution)},
      {"files", std::move(files)},
      {"has_files", !view.attachments.empty()},
      {"timeline", std::move(timeline)},
      {"case_url", case_url},
      {"documents", document_links(call, subject, case_url)},
      {"can_reply", can_reply},
      {"can_rate", can_rate},
      {"can_cancel", can_cancel},
      {"can_reopen", can_reopen},
      {"scores", json::array{1, 2, 3, 4, 5}},
      {"rating", subject.rating ? json::value(json::object{{"score", subject.rating->score}})
                                : json::value(nullptr)}};

  // A decision date only while a decision is still to come: not once decided, not when
  // cancelled. A return shows its refund date instead (return_context).
  if (!is_return && undecided(subject.state) && subject.state != State::cancelled &&
      subject.deadlines.decision_due) {
    context["decision_due_local"] = page_date(zone, *subject.deadlines.decision_due, call.lang);
    context["decision_meaning"] = call.text(decision_meaning_key(subject));
  }

  std::string next = call.text("next_" + state);
  if (is_return) {
    const UnixMs statement_at = [&] {
      if (withdrawal) {
        if (auto at = parse_rfc3339(str(*withdrawal, "submitted_at"))) return *at;
      }
      return subject.created_at;
    }();
    json::object returning =
        return_context(call, view, call.engine().get_policy(subject.shop).policy, statement_at);
    if (goods_outstanding(subject.state) && subject.state != State::waiting_for_customer) {
      next = returning.contains("send_by")
                 ? filled(call.text("next_return_send"), {{"date", str(returning, "send_by")}})
                 : call.text("next_return_send_nodate");
    } else if (subject.state == State::goods_received) {
      next = call.text("next_return_goods_received");
    }
    context["return"] = std::move(returning);
  }
  if (withdrawal) context["statement"] = statement_context(call, subject, *withdrawal, zone);
  context["next_text"] = next;

  // What the customer has to act on now, shown with "what next" rather than only in the history.
  if (subject.state == State::waiting_for_customer) {
    if (const HistoryEntry *asked = latest(view, "request_info")) {
      context["current"] = json::object{{"label", call.text("current_question")},
                                        {"text", str(asked->data, "message")},
                                        {"at_local", page_date_time(zone, asked->at, call.lang)}};
    }
  } else if (subject.state == State::waiting_for_goods) {
    if (const HistoryEntry *authorized = latest(view, "authorize_return")) {
      context["current"] =
          json::object{{"label", call.text("current_instructions")},
                       {"text", str(authorized->data, "instructions")},
                       {"at_local", page_date_time(zone, authorized->at, call.lang)}};
    }
  }
  if (subject.decided_at && !undecided(subject.state) && subject.state != State::cancelled) {
    context["decision"] = decision_context(call, view);
  }
  return context;
}

}  // namespace reclaim::http
