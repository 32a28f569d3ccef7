#include "codec/views_json.hpp"

#include <date/tz.h>

#include <boost/json/array.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>

#include "codec/case_json.hpp"
#include "codec/order_json.hpp"
#include "codec/policy_json.hpp"
#include "codec/report_html.hpp"
#include "codec/report_json.hpp"
#include "codec/supplier_claim_json.hpp"
#include "core/crypto.hpp"

namespace reclaim::codec {

namespace json = boost::json;

namespace {

json::array texts(const std::vector<std::string> &words) {
  json::array out;
  for (const auto &word : words) out.emplace_back(word);
  return out;
}

json::object verdict_to_json(const ItemVerdict &verdict) {
  json::object item{{"line", verdict.line},
                    {"eligible", verdict.eligible},
                    {"code", verdict.code},
                    {"message", verdict.message},
                    {"window_ends", time_or_null(verdict.window_ends)},
                    {"window_from", verdict.window_from_order_date ? "placed_at" : "delivered_at"},
                    {"evidence_required", texts(verdict.evidence_required)},
                    {"resolutions", texts(verdict.resolutions)},
                    {"basis", verdict.basis}};
  if (!verdict.return_shipping_paid_by.empty()) {
    item["return_shipping_paid_by"] = verdict.return_shipping_paid_by;
  }
  if (!verdict.restocking_fee_percent.zero()) {
    item["restocking_fee_percent"] = verdict.restocking_fee_percent.to_string();
  }
  return item;
}

// "2026-12-07 14:30" on the shop's wall clock, for pages.
std::string local_time(const std::string &zone, UnixMs at) {
  const auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
  const auto local =
      date::make_zoned(date::locate_zone(zone), std::chrono::floor<std::chrono::minutes>(instant));
  return date::format("%Y-%m-%d %H:%M", local);
}

// Only what a customer was told: messages, reasons, scores and the files they sent.
json::object visible_entry(const HistoryEntry &entry, const std::string &zone) {
  json::object out{{"at", format_rfc3339(entry.at)},
                   {"action", entry.action},
                   {"by", name(entry.actor.role)},
                   {"from", name(entry.from)},
                   {"to", name(entry.to)}};
  for (const char *key : {"message", "reason", "instructions", "score", "comment", "attachments",
                          "explanation", "reference"}) {
    if (const auto *value = entry.data.if_contains(key)) out[key] = *value;
  }
  out["at_local"] = local_time(zone, entry.at);
  return out;
}

json::object customer_item(const CaseItem &item) {
  json::object decision{{"outcome", outcome_name(item.decision.outcome)},
                        {"qty", item.decision.qty}};
  if (item.decision.resolution) decision["resolution"] = resolution_to_json(*item.decision.resolution);
  if (!item.decision.reason.empty()) decision["reason"] = item.decision.reason;
  return {{"item", item.item}, {"line", item.line},     {"name", item.name},
          {"sku", item.sku},   {"qty", item.qty},       {"reason", item.reason},
          {"decision", std::move(decision)}};
}

}  // namespace

json::object to_json(const EngineInfo &info) {
  return {{"database", info.backend},
          {"schema", info.schema},
          {"clock", info.manual_clock ? "manual" : "system"},
          {"shops", texts(info.shops)}};
}

json::object to_json(const CaseRecord &record, const json::storage_ptr &sp) {
  const Case &c = record.subject;
  json::object doc = case_to_json(c, sp);
  mark_overdue_claims(doc, c.supplier_claims, record.read_at);
  if (record.penalty) {
    doc["deadlines"].as_object()["penalty"] =
        json::object{{"amount", money_to_json(record.penalty->amount)},
                     {"days", record.penalty->days},
                     {"percent_per_day", c.deadlines.penalty_percent_per_day},
                     {"basis", "RU ЗоЗПП ст. 23: 1% of the price per day of delay" +
                                   std::string(c.deadlines.penalty_capped
                                                   ? ", at most the price (500-ФЗ)"
                                                   : "")}};
  }
  json::array entries(sp);
  for (const auto &entry : record.history) entries.push_back(history_to_json(entry, sp));
  doc["history"] = std::move(entries);
  doc["status_token"] = record.status_token;
  return doc;
}

std::string to_text(const CaseRecord &record) {
  // Built in a buffer on the stack and dropped whole once written.
  unsigned char buffer[16384];
  json::monotonic_resource arena(buffer, sizeof buffer);
  const std::string &stored = record.stored_document;
  if (stored.size() <= 2 || stored.back() != '}' || record.penalty ||
      !record.subject.supplier_claims.empty()) {
    return json::serialize(to_json(record, &arena));
  }
  // to_json's members are the case's, then "history" and "status_token", in that order.
  json::array entries(&arena);
  for (const auto &entry : record.history) entries.push_back(history_to_json(entry, &arena));
  std::string text(stored, 0, stored.size() - 1);
  text += R"(,"history":)";
  text += json::serialize(entries);
  text += R"(,"status_token":)";
  text += json::serialize(json::string(record.status_token, &arena));
  text += '}';
  return text;
}

json::object to_json(const CasePage &page) {
  json::array cases;
  for (const auto &c : page.cases) cases.push_back(case_to_json(c));
  return {{"cases", std::move(cases)},
          {"next_cursor", page.next_cursor ? json::value(*page.next_cursor) : json::value(nullptr)}};
}

json::object to_json(const EventPage &page) {
  json::array events;
  for (const auto &event : page.events) events.push_back(event_to_json(event));
  return {{"events", std::move(events)}, {"next", page.next}};
}

json::object to_json(const OrderImport &import) {
  json::object doc{{"order", order_to_json(import.order)}, {"created", import.created}};
  if (!import.adapter.empty()) doc["adapter"] = import.adapter;
  return doc;
}

json::object to_json(const Order &order) { return order_to_json(order); }

json::object to_json(const TickSummary &tick) {
  return {{"at", format_rfc3339(tick.at)},
          {"cases", tick.cases},
          {"events", tick.events},
          {"anonymised", tick.anonymised}};
}

json::object to_json(const PolicyView &view) {
  json::array scheduled;
  for (const auto &policy : view.scheduled) scheduled.push_back(policy_to_json(policy));
  return {{"shop", view.shop},
          {"policy", policy_to_json(view.policy)},
          {"preset", view.preset},
          {"scheduled", std::move(scheduled)}};
}

json::object policy_set_to_json(const std::string &shop, const Policy &policy) {
  return {{"shop", shop}, {"policy", policy_to_json(policy)}};
}

json::object to_json(const EligibilityAnswer &answer) {
  json::array items;
  for (const auto &verdict : answer.items) items.push_back(verdict_to_json(verdict));
  return {{"eligible", answer.eligible}, {"locale", answer.locale}, {"items", std::move(items)}};
}

json::object to_json(const LineEligibility &by_line) {
  json::object out;
  for (const auto &[line, kinds] : by_line) {
    json::object entry;
    for (const auto &[kind, verdict] : kinds) {
      entry[name(kind)] = json::object{{"eligible", verdict.eligible},
                                       {"code", verdict.code},
                                       {"message", verdict.message},
                                       {"window_ends", time_or_null(verdict.window_ends)}};
    }
    out[line] = std::move(entry);
  }
  return out;
}

json::object to_json(const CustomerView &view) {
  const Case &c = view.subject;
  json::array items;
  for (const auto &item : c.items) items.push_back(customer_item(item));
  json::array timeline;
  for (const auto &entry : view.history) timeline.push_back(visible_entry(entry, view.timezone));
  json::array attachments;
  for (const auto &file : view.attachments) {
    attachments.push_back(json::object{{"id", file.id},
                                       {"name", file.name},
                                       {"content_type", file.content_type},
                                       {"size", file.size},
                                       {"at", format_rfc3339(file.created_at)}});
  }
  json::array actions;
  for (const Action action : view.actions) actions.emplace_back(name(action));
  json::value rating = nullptr;
  if (c.rating) rating = json::object{{"score", c.rating->score}, {"comment", c.rating->comment}};
  const auto &due = c.deadlines.decision_due;
  return {{"number", c.number},
          {"shop", c.shop},
          {"kind", name(c.kind)},
          {"state", name(c.state)},
          {"version", c.version},
          {"created_at", format_rfc3339(c.created_at)},
          {"order_id", c.order_id},
          {"customer_name", c.customer.name},
          {"items", std::move(items)},
          {"description", c.description},
          {"preferred_resolution", c.preferred_resolution},
          {"decision_due", time_or_null(due)},
          {"decision_due_local",
           due ? json::value(local_time(view.timezone, *due)) : json::value(nullptr)},
          {"basis", c.deadlines.basis},
          {"timezone", view.timezone},
          {"decided_at", time_or_null(c.decided_at)},
          {"deemed", c.deemed},
          {"partial", c.partial},
          {"reject_reason", c.reject_reason},
          {"rating", std::move(rating)},
          {"history", std::move(timeline)},
          {"attachments", std::move(attachments)},
          {"actions", std::move(actions)}};
}

json::object to_json(const Attachment &file) {
  return {{"id", file.id},
          {"case_id", file.case_id},
          {"name", file.name},
          {"content_type", file.content_type},
          {"size", file.size},
          {"sha256", file.sha256},
          {"data_base64", base64_encode(file.data)}};
}

json::object to_json(const ReportAnswer &answer) {
  const std::string &format = answer.figures.query.format;
  if (format == "csv") {
    return {{"format", "csv"},
            {"content_type", "text/csv; charset=utf-8"},
            {"body", report_to_csv(answer.figures)}};
  }
  json::object document = report_to_json(answer.figures);
  if (format != "html") return document;
  if (answer.top_skus) document["top_skus"] = report_to_json(*answer.top_skus).at("groups");
  return {{"format", "html"},
          {"content_type", "text/html; charset=utf-8"},
          {"body", report_to_html(document, answer.locale)}};
}

}  // namespace reclaim::codec
