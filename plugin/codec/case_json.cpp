#include "codec/case_json.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "codec/abuse_json.hpp"
#include "codec/order_json.hpp"
#include "codec/reader.hpp"
#include "codec/supplier_claim_json.hpp"
#include "core/error.hpp"

namespace reclaim::codec {

namespace {

using json::object;
using json::value;

value text_or_null(const std::string &text, const json::storage_ptr &sp) {
  return text.empty() ? value(nullptr, sp) : value(text, sp);
}

std::string text_of(const value &v) { return v.is_string() ? std::string(v.get_string()) : ""; }

std::optional<UnixMs> time_of(const value &v) {
  if (!v.is_string()) return std::nullopt;
  return parse_rfc3339(v.get_string());
}

}  // namespace

std::optional<Money> money_of(const value &v) {
  if (!v.is_object()) return std::nullopt;
  const auto &o = v.get_object();
  auto amount = Decimal::parse(text_of(o.at("amount")));
  if (!amount) fail(Status::internal, "stored amount is not a decimal");
  return Money{*amount, text_of(o.at("currency"))};
}

namespace {

std::optional<Resolution> resolution_of(const value &v) {
  if (!v.is_object()) return std::nullopt;
  const auto &o = v.get_object();
  const auto type = parse_word<ResolutionType>(text_of(o.at("type")), kResolutions);
  if (!type) fail(Status::internal, "stored resolution type is unknown");
  Resolution resolution{*type, std::nullopt};
  if (const auto *amount = o.if_contains("amount")) resolution.amount = money_of(*amount);
  // Exchanges decided before goods were named have none.
  if (const auto *price = o.if_contains("unit_price")) {
    ExchangeGoods goods;
    goods.sku = text_of(o.at("sku"));
    goods.name = text_of(o.at("name"));
    goods.qty = o.at("qty").to_number<std::int64_t>();
    goods.unit_price = *money_of(*price);
    if (const auto *variant = o.if_contains("variant_id")) goods.variant_id = text_of(*variant);
    resolution.exchange = std::move(goods);
  }
  if (const auto *difference = o.if_contains("price_difference")) {
    Money money = *money_of(*difference);
    if (text_of(difference->at("settle")) == "refund") money.amount = Decimal{} - money.amount;
    resolution.difference = money;
  }
  return resolution;
}

object customer_to_json(const Customer &customer, const json::storage_ptr &sp) {
  return object({{"email", text_or_null(customer.email, sp)},
                 {"name", text_or_null(customer.name, sp)},
                 {"locale", text_or_null(customer.locale, sp)},
                 {"type", text_or_null(customer.type, sp)},
                 {"phone", text_or_null(customer.phone, sp)},
                 {"id", text_or_null(customer.id, sp)}},
                sp);
}

Customer customer_of(const object &o) {
  Customer customer{text_of(o.at("email")), text_of(o.at("name")), text_of(o.at("locale")),
                    text_of(o.at("type")), text_of(o.at("phone")), ""};
  // Bodies written before customer ids were kept lack it.
  if (const auto *id = o.if_contains("id")) customer.id = text_of(*id);
  return customer;
}

object item_to_json(const CaseItem &item, const json::storage_ptr &sp) {
  // Amounts and resolutions are made in the default memory (core) and copied in: an item has few.
  object decision({{"outcome", outcome_name(item.decision.outcome)},
                   {"qty", item.decision.qty},
                   {"resolution", item.decision.resolution
                                      ? value(resolution_to_json(*item.decision.resolution))
                                      : value(nullptr)},
                   {"reason", text_or_null(item.decision.reason, sp)}},
                  sp);
  object disposed(sp);
  for (const auto &[word, units] : item.disposed) disposed[word] = units;
  return object(
      {{"item", item.item},
       {"line", text_or_null(item.line, sp)},
       {"sku", text_or_null(item.sku, sp)},
       {"name", item.name},
       {"qty", item.qty},
       {"unit_price", item.unit_price ? value(money_to_json(*item.unit_price)) : value(nullptr)},
       {"reason", item.reason},
       {"serial", text_or_null(item.serial, sp)},
       {"note", text_or_null(item.note, sp)},
       {"decision", std::move(decision)},
       {"received", object({{"qty", item.received_qty},
                            {"condition", text_or_null(item.condition, sp)},
                            {"disposed", std::move(disposed)}},
                           sp)}},
      sp);
}

CaseItem item_of(const object &o) {
  CaseItem item;
  item.item = static_cast<int>(o.at("item").to_number<std::int64_t>());
  item.line = text_of(o.at("line"));
  item.sku = text_of(o.at("sku"));
  item.name = text_of(o.at("name"));
  item.qty = o.at("qty").to_number<std::int64_t>();
  item.unit_price = money_of(o.at("unit_price"));
  item.reason = text_of(o.at("reason"));
  item.serial = text_of(o.at("serial"));
  item.note = text_of(o.at("note"));
  const auto &decision = o.at("decision").get_object();
  const auto outcome = text_of(decision.at("outcome"));
  item.decision.outcome = outcome == "accepted"   ? ItemDecision::Outcome::accepted
                          : outcome == "rejected" ? ItemDecision::Outcome::rejected
                                                  : ItemDecision::Outcome::pending;
  item.decision.qty = decision.at("qty").to_number<std::int64_t>();
  item.decision.resolution = resolution_of(decision.at("resolution"));
  item.decision.reason = text_of(decision.at("reason"));
  const auto &received = o.at("received").get_object();
  item.received_qty = received.at("qty").to_number<std::int64_t>();
  item.condition = text_of(received.at("condition"));
  // Bodies stored before dispositions have none.
  if (const auto *disposed = received.if_contains("disposed"); disposed && disposed->is_object()) {
    for (const auto &[word, units] : disposed->get_object()) {
      item.disposed[std::string(word)] = units.to_number<std::int64_t>();
    }
  }
  return item;
}

Actor actor_of(const value &v) {
  Actor actor;
  if (!v.is_object()) return actor;
  const auto &o = v.get_object();
  actor.role = parse_word<Role>(text_of(o.at("role")), kRoleNames).value_or(Role::system);
  actor.id = text_of(o.at("id"));
  return actor;
}

}  // namespace

value time_or_null(const std::optional<UnixMs> &at, const json::storage_ptr &sp) {
  return at ? value(format_rfc3339(*at), sp) : value(nullptr, sp);
}

const char *outcome_name(ItemDecision::Outcome outcome) {
  switch (outcome) {
    case ItemDecision::Outcome::accepted: return "accepted";
    case ItemDecision::Outcome::rejected: return "rejected";
    case ItemDecision::Outcome::pending: break;
  }
  return "pending";
}

object actor_to_json(const Actor &actor, const json::storage_ptr &sp) {
  return object({{"role", name(actor.role)}, {"id", text_or_null(actor.id, sp)}}, sp);
}

object case_to_json(const Case &c, const json::storage_ptr &sp) {
  json::array items(sp);
  for (const auto &item : c.items) items.push_back(item_to_json(item, sp));
  json::array tags(sp);
  for (const auto &tag : c.tags) tags.emplace_back(tag);
  object deadlines({{"first_response_due", time_or_null(c.deadlines.first_response_due, sp)},
                    {"decision_due", time_or_null(c.deadlines.decision_due, sp)},
                    {"resolution_due", time_or_null(c.deadlines.resolution_due, sp)},
                    {"basis", text_or_null(c.deadlines.basis, sp)},
                    {"statutory", c.deadlines.statutory},
                    {"deemed_on_expiry", c.deadlines.deemed_on_expiry}},
                   sp);
  if (c.deadlines.penalty_percent_per_day) {
    deadlines["penalty_percent_per_day"] = c.deadlines.penalty_percent_per_day;
    deadlines["penalty_capped"] = c.deadlines.penalty_capped;
  }
  object resolution(
      {{"decided_at", time_or_null(c.decided_at, sp)},
       {"decided_by", c.decided_at ? value(actor_to_json(c.decided_by, sp)) : value(nullptr, sp)},
       {"partial", c.partial},
       {"deemed", c.deemed},
       {"reason", text_or_null(c.reject_reason, sp)},
       {"resolved_at", time_or_null(c.resolved_at, sp)},
       {"reference", text_or_null(c.fulfil_reference, sp)}},
      sp);
  value rating(nullptr, sp);
  if (c.rating) {
    rating = object({{"score", c.rating->score},
                     {"comment", text_or_null(c.rating->comment, sp)},
                     {"at", format_rfc3339(c.rating->at)}},
                    sp);
  }
  return object({{"id", c.id},
                 {"number", c.number},
                 {"shop", c.shop},
                 {"kind", name(c.kind)},
                 {"state", name(c.state)},
                 {"channel", c.channel},
                 {"version", c.version},
                 {"created_at", format_rfc3339(c.created_at)},
                 {"updated_at", format_rfc3339(c.updated_at)},
                 {"opened_by", actor_to_json(c.opened_by, sp)},
                 {"order_id", text_or_null(c.order_id, sp)},
                 {"customer", customer_to_json(c.customer, sp)},
                 {"items", std::move(items)},
                 {"description", text_or_null(c.description, sp)},
                 {"preferred_resolution", text_or_null(c.preferred_resolution, sp)},
                 {"assignee", text_or_null(c.assignee, sp)},
                 {"priority", c.priority},
                 {"tags", std::move(tags)},
                 {"escalated", c.escalated},
                 {"deadlines", std::move(deadlines)},
                 {"first_response_at", time_or_null(c.first_response_at, sp)},
                 {"resolution", std::move(resolution)},
                 {"closed_at", time_or_null(c.closed_at, sp)},
                 {"ended_at", time_or_null(c.ended_at, sp)},
                 {"reopened", c.reopened},
                 {"link_version", c.link_version},
                 {"rating", std::move(rating)},
                 {"legal_hold", c.legal_hold ? value(object({{"reason", *c.legal_hold}}, sp))
                                             : value(nullptr, sp)},
                 {"anonymised_at", time_or_null(c.anonymised_at, sp)},
                 {"flags", flags_to_json(c.flags)},
                 {"supplier_claims", supplier_claims_to_json(c.supplier_claims)},
                 {"extra", c.extra}},
                sp);
}

std::string case_to_text(const Case &c) {
  // Built in a buffer on the stack and dropped whole once written, as case_from_text reads.
  unsigned char buffer[16384];
  boost::json::monotonic_resource arena(buffer, sizeof buffer);
  return boost::json::serialize(case_to_json(c, &arena));
}

Case case_from_json(const value &body) {
  const auto &o = body.as_object();
  Case c;
  c.id = text_of(o.at("id"));
  c.number = text_of(o.at("number"));
  c.shop = text_of(o.at("shop"));
  c.kind = parse_word<Kind>(text_of(o.at("kind")), kKindNames).value_or(Kind::complaint);
  c.state = parse_word<State>(text_of(o.at("state")), kStateNames).value_or(State::received);
  c.channel = text_of(o.at("channel"));
  c.version = o.at("version").to_number<std::int64_t>();
  c.created_at = time_of(o.at("created_at")).value_or(0);
  c.updated_at = time_of(o.at("updated_at")).value_or(0);
  c.opened_by = actor_of(o.at("opened_by"));
  c.order_id = text_of(o.at("order_id"));
  c.customer = customer_of(o.at("customer").as_object());
  for (const auto &item : o.at("items").as_array()) c.items.push_back(item_of(item.as_object()));
  c.description = text_of(o.at("description"));
  c.preferred_resolution = text_of(o.at("preferred_resolution"));
  c.assignee = text_of(o.at("assignee"));
  c.priority = text_of(o.at("priority"));
  for (const auto &tag : o.at("tags").as_array()) c.tags.push_back(text_of(tag));
  c.escalated = o.at("escalated").as_bool();
  // Bodies written before status links could be renewed lack it: their links are at version 0.
  if (const auto *links = o.if_contains("link_version")) {
    c.link_version = links->to_number<std::int64_t>();
  }
  const auto &deadlines = o.at("deadlines").as_object();
  c.deadlines.first_response_due = time_of(deadlines.at("first_response_due"));
  c.deadlines.decision_due = time_of(deadlines.at("decision_due"));
  c.deadlines.resolution_due = time_of(deadlines.at("resolution_due"));
  c.deadlines.basis = text_of(deadlines.at("basis"));
  // Bodies written before policies existed lack these; their defaults are what applied then.
  if (const auto *flag = deadlines.if_contains("statutory")) c.deadlines.statutory = flag->as_bool();
  if (const auto *flag = deadlines.if_contains("deemed_on_expiry")) {
    c.deadlines.deemed_on_expiry = flag->as_bool();
  }
  if (const auto *percent = deadlines.if_contains("penalty_percent_per_day")) {
    c.deadlines.penalty_percent_per_day = static_cast<int>(percent->as_int64());
    c.deadlines.penalty_capped = deadlines.at("penalty_capped").as_bool();
  }
  c.first_response_at = time_of(o.at("first_response_at"));
  const auto &resolution = o.at("resolution").as_object();
  c.decided_at = time_of(resolution.at("decided_at"));
  c.decided_by = actor_of(resolution.at("decided_by"));
  c.partial = resolution.at("partial").as_bool();
  c.deemed = resolution.at("deemed").as_bool();
  c.reject_reason = text_of(resolution.at("reason"));
  c.resolved_at = time_of(resolution.at("resolved_at"));
  c.fulfil_reference = text_of(resolution.at("reference"));
  c.closed_at = time_of(o.at("closed_at"));
  c.ended_at = time_of(o.at("ended_at"));
  c.reopened = static_cast<int>(o.at("reopened").to_number<std::int64_t>());
  if (const auto &rating = o.at("rating"); rating.is_object()) {
    const auto &r = rating.get_object();
    c.rating = Rating{static_cast<int>(r.at("score").to_number<std::int64_t>()),
                      text_of(r.at("comment")), time_of(r.at("at")).value_or(0)};
  }
  // Bodies written before personal data could be erased lack these.
  if (const auto *hold = o.if_contains("legal_hold"); hold && hold->is_object()) {
    c.legal_hold = text_of(hold->get_object().at("reason"));
  }
  if (const auto *at = o.if_contains("anonymised_at")) c.anonymised_at = time_of(*at);
  if (const auto *flags = o.if_contains("flags")) c.flags = flags_of(*flags);
  // Bodies written before supplier claims lack them.
  if (const auto *claims = o.if_contains("supplier_claims")) {
    c.supplier_claims = supplier_claims_of(*claims);
  }
  c.extra = o.at("extra").as_object();
  return c;
}

Case case_from_text(std::string_view body) {
  // A case's nodes live in a buffer on the stack while it is read: a page of fifty cases no
  // longer allocates and frees every node of every document one by one. So every JSON value a
  // Case keeps is copied into the default memory (assigned, or copied with a storage_ptr()).
  unsigned char buffer[16384];
  boost::json::monotonic_resource arena(buffer, sizeof buffer);
  return case_from_json(boost::json::parse(body, &arena));
}

object history_to_json(const HistoryEntry &entry, const json::storage_ptr &sp) {
  return object({{"at", format_rfc3339(entry.at)},
                 {"actor", actor_to_json(entry.actor, sp)},
                 {"action", entry.action},
                 {"from", name(entry.from)},
                 {"to", name(entry.to)},
                 {"data", entry.data},
                 {"customer_visible", entry.customer_visible}},
                sp);
}

object event_to_json(const Event &event) {
  return {{"seq", event.seq},
          {"type", event.type},
          {"case_id", event.case_id},
          {"case_number", event.case_number},
          {"shop", event.shop},
          {"at", format_rfc3339(event.at)},
          {"customer_visible", event.customer_visible},
          {"data", event.data}};
}

}  // namespace reclaim::codec
