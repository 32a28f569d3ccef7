#include "codec/mail_values.hpp"

#include <date/date.h>

#include "codec/mail.hpp"
#include "core/messages.hpp"
#include "core/time.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::string date_text(const Zone &zone, UnixMs at, std::string_view locale) {
  return long_date_text(zone.local_day(at), locale);
}

std::string date_time_text(const Zone &zone, UnixMs at, std::string_view locale) {
  return date_text(zone, at, locale) + ", " + zone.local_time_text(at);
}

std::string string_of(const json::object &data, std::string_view key) {
  const auto *value = data.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

// What the decision date means: the words differ by law (mail.hpp's meaning_* strings).
std::string meaning_of(const Deadlines &deadlines) {
  if (deadlines.deemed_on_expiry) return "deemed";
  if (deadlines.penalty_percent_per_day > 0) return "penalty";
  if (deadlines.statutory) return "statutory";
  return "target";
}

json::array item_list(const Case &subject) {
  json::array items;
  for (const auto &item : subject.items) {
    items.push_back(json::object{{"name", item.name.empty() ? item.sku : item.name},
                                 {"sku", item.sku},
                                 {"qty", item.qty}});
  }
  return items;
}

void add_decision(json::object &values, const MailScene &scene) {
  const Case &subject = scene.subject;
  bool accepted = false;
  for (const auto &item : subject.items) {
    accepted = accepted || item.decision.outcome == ItemDecision::Outcome::accepted;
  }
  accepted = accepted && subject.state != State::rejected;
  values["accepted"] = accepted;
  values["partial"] = subject.partial;
  values["deemed"] = subject.deemed;
  json::array decided, rejected;
  std::optional<Decimal> refund;
  std::string currency;
  std::string given;
  for (const auto &item : subject.items) {
    const std::string label = item.name.empty() ? item.sku : item.name;
    const auto &decision = item.decision;
    if (decision.outcome == ItemDecision::Outcome::accepted && decision.resolution) {
      json::object entry{{"name", label},
                         {"qty", decision.qty},
                         {"resolution", name(decision.resolution->type)}};
      if (const auto &amount = decision.resolution->amount) {
        entry["amount"] = local_money_text(*amount, scene.locale);
      }
      // Refunds, and what an exchange for cheaper goods pays back.
      if (const auto back = money_back(item)) {
        refund = refund ? *refund + back->amount : back->amount;
        currency = back->currency;
      }
      if (const auto &goods = decision.resolution->exchange) {
        entry["exchange_goods"] = goods->name.empty() ? goods->sku : goods->name;
        entry["exchange_qty"] = goods->qty;
      }
      if (const auto &difference = decision.resolution->difference) {
        entry["difference"] = local_money_text(magnitude(*difference), scene.locale);
        entry["settle_" + std::string(settlement(*difference))] = true;
      }
      given = std::string(name(decision.resolution->type));
      decided.push_back(std::move(entry));
    }
    const std::int64_t left =
        item.qty - (decision.outcome == ItemDecision::Outcome::accepted ? decision.qty : 0);
    if (decision.outcome != ItemDecision::Outcome::pending && left > 0) {
      rejected.push_back(json::object{{"name", label}, {"qty", left}, {"reason", decision.reason}});
    }
  }
  values["decided"] = std::move(decided);
  values["rejected_items"] = std::move(rejected);
  if (refund) values["refund_total"] = local_money_text(Money{*refund, currency}, scene.locale);
  values["reason"] = subject.reject_reason;
  values["explanation"] = string_of(scene.event.data, "explanation");
  if (!subject.preferred_resolution.empty()) {
    values["preferred"] = subject.preferred_resolution;
    values["preference_differs"] = !given.empty() && given != subject.preferred_resolution;
  }
  values["further_rights"] = subject.state == State::rejected || subject.partial;
  if (subject.decided_at) {
    values["appeal_until"] =
        date_text(scene.zone, *subject.decided_at + scene.appeal_days * kDayMs, scene.locale);
  }
}

void add_receipt(json::object &values, const MailScene &scene) {
  json::array received;
  for (const auto &item : scene.subject.items) {
    if (item.received_qty <= 0) continue;
    received.push_back(json::object{{"name", item.name.empty() ? item.sku : item.name},
                                    {"qty", item.received_qty},
                                    {"condition", item.condition}});
  }
  values["received"] = std::move(received);
  values["partial"] = scene.subject.state == State::waiting_for_goods;
}

void add_withdrawal(json::object &values, const MailScene &scene, const json::object &statement) {
  values["statement"] = string_of(statement, "statement");
  UnixMs submitted = scene.subject.created_at;
  if (auto at = parse_rfc3339(string_of(statement, "submitted_at"))) submitted = *at;
  values["submitted_at"] = date_time_text(scene.zone, submitted, scene.locale);
  // Both run 14 days from the statement (CRD art. 14(1) and 13(1); PL u.p.k. art. 34, 32).
  values["return_by"] = date_text(scene.zone, submitted + 14 * kDayMs, scene.locale);
  values["refund_due"] = date_text(scene.zone, submitted + 14 * kDayMs, scene.locale);
  const std::string order = string_of(statement, "order");
  if (!order.empty()) values["order_number"] = order;
}

}  // namespace

json::object mail_values(const MailScene &scene) {
  const Case &subject = scene.subject;
  const json::object &data = scene.event.data;
  const auto *withdrawal = subject.extra.if_contains("withdrawal");
  json::object values{
      {"shop_name", scene.shop_name},
      {"case_number", subject.number},
      {"customer_name", subject.customer.name},
      {"customer_email", subject.customer.email},
      {"order_number", subject.order_id},
      {"kind_code", withdrawal ? "withdrawal" : name(subject.kind)},
      {"is_complaint", subject.kind == Kind::complaint},
      {"is_return", subject.kind == Kind::return_},
      {"is_withdrawal", withdrawal != nullptr},
      {"items", item_list(subject)},
      {"status_url", scene.status_url},
      {"staff_url", scene.staff_url},
      {"opened_at", date_time_text(scene.zone, subject.created_at, scene.locale)},
      {"state_code", name(subject.state)},
      {"channel", subject.channel},
      {"meaning", meaning_of(subject.deadlines)},
      {"message", string_of(data, "message")},
      {"customer_message", string_of(data, "message")},
      {"instructions", string_of(data, "instructions")},
      {"reference", string_of(data, "reference")},
      {"by_customer", string_of(data.contains("actor") && data.at("actor").is_object()
                                    ? data.at("actor").as_object() : json::object{},
                                "role") == "customer"}};
  if (subject.deadlines.decision_due) {
    values["decision_due"] = date_text(scene.zone, *subject.deadlines.decision_due, scene.locale);
  }
  if (const std::string action = string_of(data, "action"); action == "reopen" || action == "cancel") {
    values["reason"] = string_of(data, "reason");
  }
  if (subject.decided_at) add_decision(values, scene);
  if (string_of(data, "action") == "receive_goods") add_receipt(values, scene);
  if (withdrawal && withdrawal->is_object()) add_withdrawal(values, scene, withdrawal->get_object());
  if (const std::string due = string_of(data, "due"); !due.empty()) {
    if (auto at = parse_rfc3339(due)) values["due_at"] = date_time_text(scene.zone, *at, scene.locale);
    values["deadline_code"] = string_of(data, "deadline");
    // A breached statutory decision date where silence is acceptance (PL art. 7a).
    values["deemed"] = subject.deadlines.deemed_on_expiry &&
                       string_of(data, "deadline") == "decision_due" && !subject.decided_at;
    if (const auto *hours = data.if_contains("hours_before")) values["hours_left"] = *hours;
    if (const auto *supplier = data.if_contains("supplier")) values["supplier"] = *supplier;
  }
  return values;
}

}  // namespace reclaim::codec
