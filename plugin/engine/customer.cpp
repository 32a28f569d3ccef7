// The engine as the customer pages and API see it: signed status tokens, lookups that answer the
// same whichever detail is wrong, a case as its customer may see it, and attachments.
#include <date/tz.h>
#include <spdlog/spdlog.h>

#include <boost/json/array.hpp>

#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"
#include "core/text.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

namespace {

json::value time_or_null(const std::optional<UnixMs> &at) {
  return at ? json::value(format_rfc3339(*at)) : json::value(nullptr);
}

const char *outcome_name(ItemDecision::Outcome outcome) {
  switch (outcome) {
    case ItemDecision::Outcome::accepted: return "accepted";
    case ItemDecision::Outcome::rejected: return "rejected";
    default: return "pending";
  }
}

// Only what a customer was told: messages, reasons, scores and the files they sent.
json::object visible_entry(const HistoryEntry &entry) {
  json::object out{{"at", format_rfc3339(entry.at)},
                   {"action", entry.action},
                   {"by", name(entry.actor.role)},
                   {"from", name(entry.from)},
                   {"to", name(entry.to)}};
  for (const char *key : {"message", "reason", "instructions", "score", "comment", "attachments"}) {
    if (const auto *value = entry.data.if_contains(key)) out[key] = *value;
  }
  return out;
}

// "2026-12-07 14:30" on the shop's wall clock, for pages.
std::string local_time(const std::string &zone, UnixMs at) {
  const auto instant = date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
  const auto local =
      date::make_zoned(date::locate_zone(zone), std::chrono::floor<std::chrono::minutes>(instant));
  return date::format("%Y-%m-%d %H:%M", local);
}

bool customer_may(Action action, const Case &c) {
  if (!role_may(action, Role::customer) || !state_allows(action, c.state)) return false;
  if (action == Action::rate && c.rating) return false;
  return true;
}

}  // namespace

const ShopConfig &Engine::shop_config(const std::string &id) const { return shop(id).config; }

std::string Engine::sign(std::string_view purpose, std::string_view message) const {
  std::string input(purpose);
  input += ':';
  input += message;
  return base64url_encode(hmac_sha256(secret_, input));
}

std::optional<std::string> Engine::case_of_token(const std::string &token) const {
  const auto dot = token.find('.');
  if (dot == std::string::npos || dot == 0 || token.size() > 200) return std::nullopt;
  const std::string id = token.substr(0, dot);
  if (!equal_in_constant_time(status_token(id), token)) return std::nullopt;
  return id;
}

std::optional<std::string> Engine::lookup_case(const std::string &shop_id,
                                               const std::string &number,
                                               const std::string &email) {
  shop(shop_id);
  const std::string wanted(trim(number));
  std::optional<Case> found;
  store_->read([&](Tx &tx) { found = tx.case_by_number(shop_id, wanted); });
  // The e-mail is compared even when no case matched, so both failures take the same path.
  const bool match = found && same_email(found->customer.email, trim(email));
  if (!match) return std::nullopt;
  return status_token(found->id);
}

std::optional<Order> Engine::customer_order(const std::string &shop_id, const std::string &number,
                                            const std::string &email) {
  shop(shop_id);
  const std::string wanted(trim(number));
  std::optional<Order> found;
  store_->read([&](Tx &tx) {
    found = tx.order_by_number(shop_id, wanted);
    if (!found) found = tx.order(shop_id, wanted);
  });
  if (!found || !same_email(found->customer.email, trim(email))) return std::nullopt;
  return found;
}

ClaimedQty Engine::claimed_quantities(const std::string &shop_id, const std::string &order_id) {
  ClaimedQty claimed;
  store_->read([&](Tx &tx) { claimed = tx.claimed_qty(shop_id, order_id); });
  return claimed;
}

std::optional<std::pair<std::int64_t, std::int64_t>> Engine::customer_view_stamp(
    const std::string &case_id) {
  std::optional<std::pair<std::int64_t, std::int64_t>> stamp;
  store_->read([&](Tx &tx) { stamp = tx.case_stamp(case_id); });
  return stamp;
}

json::object Engine::customer_view(const std::string &case_id) {
  std::optional<Case> found;
  std::vector<HistoryEntry> history;
  std::vector<Attachment> files;
  store_->read([&](Tx &tx) {
    found = tx.case_by_id(case_id);
    if (!found) return;
    history = tx.history(case_id);
    files = tx.attachments(case_id);
  });
  if (!found) fail(Status::not_found, "no such case");
  const Case &c = *found;
  json::array items;
  for (const auto &item : c.items) {
    json::object decision{{"outcome", outcome_name(item.decision.outcome)},
                          {"qty", item.decision.qty}};
    if (item.decision.resolution) {
      decision["resolution"] = resolution_to_json(*item.decision.resolution);
    }
    if (!item.decision.reason.empty()) decision["reason"] = item.decision.reason;
    items.push_back(json::object{{"item", item.item},
                                 {"line", item.line},
                                 {"name", item.name},
                                 {"sku", item.sku},
                                 {"qty", item.qty},
                                 {"reason", item.reason},
                                 {"decision", std::move(decision)}});
  }
  const std::string &zone = shop(c.shop).config.timezone;
  json::array timeline;
  for (const auto &entry : history) {
    if (!entry.customer_visible) continue;
    json::object shown = visible_entry(entry);
    shown["at_local"] = local_time(zone, entry.at);
    timeline.push_back(std::move(shown));
  }
  json::array attachments;
  for (const auto &file : files) {
    attachments.push_back(json::object{{"id", file.id},
                                       {"name", file.name},
                                       {"content_type", file.content_type},
                                       {"size", file.size},
                                       {"at", format_rfc3339(file.created_at)}});
  }
  json::array actions;
  for (Action action : {Action::reply, Action::cancel, Action::reopen, Action::rate}) {
    if (customer_may(action, c)) actions.emplace_back(name(action));
  }
  json::value rating = nullptr;
  if (c.rating) {
    rating = json::object{{"score", c.rating->score}, {"comment", c.rating->comment}};
  }
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
          {"decision_due", time_or_null(c.deadlines.decision_due)},
          {"decision_due_local", c.deadlines.decision_due
                                     ? json::value(local_time(zone, *c.deadlines.decision_due))
                                     : json::value(nullptr)},
          {"basis", c.deadlines.basis},
          {"timezone", zone},
          {"decided_at", time_or_null(c.decided_at)},
          {"deemed", c.deemed},
          {"partial", c.partial},
          {"reject_reason", c.reject_reason},
          {"rating", std::move(rating)},
          {"history", std::move(timeline)},
          {"attachments", std::move(attachments)},
          {"actions", std::move(actions)}};
}

Attachment Engine::add_attachment(const std::string &case_id, const std::string &file_name,
                                  const std::string &bytes) {
  if (bytes.empty()) fail(Status::invalid_argument, "the file is empty", "attachments");
  if (bytes.size() > kMaxAttachmentBytes) {
    fail(Status::invalid_argument,
         "a file may have at most " + std::to_string(kMaxAttachmentBytes >> 20) + " MB",
         "attachments", "attachment_too_large");
  }
  Attachment file;
  file.content_type = sniff_content_type(bytes);
  if (file.content_type.empty()) {
    fail(Status::invalid_argument, "only JPEG, PNG, WebP and PDF files are accepted", "attachments",
         "attachment_type");
  }
  file.id = "a_" + hex_encode(random_bytes(10));
  file.case_id = case_id;
  file.name = file_name.substr(0, 200);
  file.size = static_cast<std::int64_t>(bytes.size());
  file.sha256 = sha256_hex(bytes);
  file.data = bytes;
  file.created_at = now();
  store_->write([&](Tx &tx) {
    if (!tx.case_by_id(case_id)) fail(Status::not_found, "no such case");
    tx.put_attachment(file);
  });
  log_->info("attachment {} ({}, {} bytes) added to case {}", file.id, file.content_type, file.size,
             case_id);
  file.data.clear();
  return file;
}

std::optional<Attachment> Engine::attachment(const std::string &case_id, const std::string &id) {
  std::optional<Attachment> found;
  store_->read([&](Tx &tx) { found = tx.attachment(id); });
  if (!found || found->case_id != case_id) return std::nullopt;
  return found;
}

void Engine::record_withdrawal(const std::string &case_id, const json::object &statement) {
  const UnixMs at = now();
  store_->write([&](Tx &tx) {
    const auto found = tx.case_by_id(case_id);
    if (!found) fail(Status::not_found, "no such case");
    tx.append_event(case_event(*found, "case.withdrawal", at, true, statement));
  });
}

json::object Engine::case_gauges() {
  std::map<std::string, std::int64_t> states;
  std::int64_t overdue = 0;
  const UnixMs at = now();
  store_->read([&](Tx &tx) {
    states = tx.cases_by_state();
    overdue = tx.overdue_cases(at);
  });
  json::object by_state;
  for (const auto &[state, count] : states) by_state[state] = count;
  return {{"cases_by_state", std::move(by_state)}, {"overdue", overdue}};
}

}  // namespace reclaim
