// Shop policies, eligibility checks.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include "codec/policy_json.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

namespace json = boost::json;

std::shared_ptr<const Policy> Engine::policy_at(Tx &tx, const std::string &shop_id,
                                                UnixMs at) const {
  const Shop &where = shop(shop_id);
  const Jurisdiction preset = codec::jurisdiction_from_text(where.config.jurisdiction);
  const auto stored = tx.policies(shop_id);
  auto in_force = stored.rend();
  for (auto it = stored.rbegin(); it != stored.rend(); ++it) {
    if (it->first <= at) {
      in_force = it;
      break;
    }
  }
  // Another process may have set it: the stored text is the key, never a version in memory.
  const std::string key = in_force == stored.rend() ? "preset:" + where.config.jurisdiction
                                                    : in_force->second;
  std::lock_guard lock(policies_mutex_);
  if (const auto found = parsed_policies_.find(key); found != parsed_policies_.end()) {
    return found->second;
  }
  auto parsed = std::make_shared<const Policy>(
      in_force == stored.rend() ? preset_policy(preset)
                                : codec::policy_from_json(json::parse(in_force->second), preset));
  if (parsed_policies_.size() >= 256) parsed_policies_.clear();  // shops × dated versions
  parsed_policies_.emplace(key, parsed);
  return parsed;
}

json::object Engine::set_policy(const std::string &shop_id, const json::value &document) {
  const Shop &where = shop(shop_id);
  Policy policy =
      codec::policy_from_json(document, codec::jurisdiction_from_text(where.config.jurisdiction));
  const UnixMs at = now();
  const Day from = policy.applies_from.value_or(where.zone.local_day(at));
  policy.applies_from = from;
  check_against_law(policy, from);
  json::object stored = codec::policy_to_json(policy);
  store_->write([&](Tx &tx) {
    tx.put_policy(shop_id, where.zone.start_of_day(from), json::serialize(stored), at);
  });
  log_->info("policy of shop {} set ({} from {})", shop_id, name(policy.jurisdiction),
             format_day(from));
  return {{"shop", shop_id}, {"policy", std::move(stored)}};
}

json::object Engine::get_policy(const std::string &shop_id) {
  const Shop &where = shop(shop_id);
  const UnixMs at = now();
  std::vector<std::pair<UnixMs, std::string>> stored;
  store_->read([&](Tx &tx) { stored = tx.policies(shop_id); });
  json::value current = nullptr;
  json::array scheduled;
  for (const auto &[from, body] : stored) {
    if (from <= at) {
      current = json::parse(body);
    } else {
      scheduled.push_back(json::parse(body));
    }
  }
  const bool preset = current.is_null();
  if (preset) {
    current = codec::policy_to_json(
        preset_policy(codec::jurisdiction_from_text(where.config.jurisdiction)));
  }
  return {{"shop", shop_id},
          {"policy", std::move(current)},
          {"preset", preset},
          {"scheduled", std::move(scheduled)}};
}

std::vector<ItemVerdict> Engine::verdicts_for(const OpenRequest &request, const Order &order,
                                              const ClaimedQty &claimed, const Policy &policy,
                                              UnixMs at) const {
  EligibilityQuery query;
  query.kind = request.kind;
  query.now = at;
  query.locale = request.customer && !request.customer->locale.empty()
                     ? request.customer->locale
                     : (order.customer.locale.empty() ? shop(request.shop).config.locale
                                                      : order.customer.locale);
  for (const auto &item : request.items) {
    query.items.push_back({item.line, item.qty, item.reason, {}, item.field});
  }
  return reclaim::check_eligibility(policy, order, claimed, query, shop(request.shop).zone);
}

json::object Engine::check_eligibility(const EligibilityRequest &request) {
  const Shop &where = shop(request.shop);
  EligibilityQuery query = request.query;
  query.now = now();
  if (query.locale.empty()) query.locale = where.config.locale;
  std::vector<ItemVerdict> verdicts;
  store_->read([&](Tx &tx) {
    const auto order = tx.order(request.shop, request.order_id);
    if (!order) fail(Status::not_found, "no order '" + request.order_id + "' in shop " + request.shop, "order_id");
    const auto policy = policy_at(tx, request.shop, query.now);
    verdicts = reclaim::check_eligibility(*policy, *order, tx.claimed_qty(request.shop, order->id),
                                          query, where.zone);
  });
  bool all = !verdicts.empty();
  json::array items;
  for (const auto &verdict : verdicts) {
    all = all && verdict.eligible;
    json::array evidence, resolutions;
    for (const auto &kind : verdict.evidence_required) evidence.emplace_back(kind);
    for (const auto &type : verdict.resolutions) resolutions.emplace_back(type);
    json::object item{{"line", verdict.line},
                      {"eligible", verdict.eligible},
                      {"code", verdict.code},
                      {"message", verdict.message},
                      {"window_ends", verdict.window_ends
                                          ? json::value(format_rfc3339(*verdict.window_ends))
                                          : json::value(nullptr)},
                      {"window_from", verdict.window_from_order_date ? "placed_at" : "delivered_at"},
                      {"evidence_required", std::move(evidence)},
                      {"resolutions", std::move(resolutions)},
                      {"basis", verdict.basis}};
    if (!verdict.return_shipping_paid_by.empty()) {
      item["return_shipping_paid_by"] = verdict.return_shipping_paid_by;
    }
    if (!verdict.restocking_fee_percent.zero()) {
      item["restocking_fee_percent"] = verdict.restocking_fee_percent.to_string();
    }
    items.push_back(std::move(item));
  }
  return {{"eligible", all}, {"locale", query.locale}, {"items", std::move(items)}};
}

json::object Engine::eligibility_by_line(const std::string &shop_id, const Order &order,
                                         const std::string &locale) {
  json::object by_line;
  for (const Kind kind : {Kind::complaint, Kind::return_}) {
    EligibilityRequest request;
    request.shop = shop_id;
    request.order_id = order.id;
    request.query.kind = kind;
    request.query.locale = locale;
    for (const auto &line : order.lines) {
      request.query.items.push_back(
          {line.id, 1, kind == Kind::complaint ? "defect" : "changed_mind", {}, {}});
    }
    if (request.query.items.empty()) break;
    const json::object answer = check_eligibility(request);
    for (const auto &item : answer.at("items").as_array()) {
      const json::object &verdict = item.as_object();
      json::value &entry = by_line[verdict.at("line").as_string()];
      if (!entry.is_object()) entry = json::object{};
      entry.as_object()[name(kind)] = json::object{{"eligible", verdict.at("eligible")},
                                                   {"code", verdict.at("code")},
                                                   {"message", verdict.at("message")},
                                                   {"window_ends", verdict.at("window_ends")}};
    }
  }
  return by_line;
}

}  // namespace reclaim
