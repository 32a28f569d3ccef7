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

Policy Engine::set_policy(const std::string &shop_id, Policy policy) {
  const Shop &where = shop(shop_id);
  const UnixMs at = now();
  const Day from = policy.applies_from.value_or(where.zone.local_day(at));
  policy.applies_from = from;
  check_against_law(policy, from);
  const std::string stored = json::serialize(codec::policy_to_json(policy));
  store_->write([&](Tx &tx) { tx.put_policy(shop_id, where.zone.start_of_day(from), stored, at); });
  log_->info("policy of shop {} set ({} from {})", shop_id, name(policy.jurisdiction),
             format_day(from));
  return policy;
}

PolicyView Engine::get_policy(const std::string &shop_id) {
  const Shop &where = shop(shop_id);
  const Jurisdiction preset = codec::jurisdiction_from_text(where.config.jurisdiction);
  const UnixMs at = now();
  std::vector<std::pair<UnixMs, std::string>> stored;
  store_->read([&](Tx &tx) { stored = tx.policies(shop_id); });
  PolicyView view{shop_id, preset_policy(preset), true, {}};
  for (const auto &[from, body] : stored) {
    Policy policy = codec::policy_from_json(json::parse(body), preset);
    if (from <= at) {
      view.policy = std::move(policy);
      view.preset = false;
    } else {
      view.scheduled.push_back(std::move(policy));
    }
  }
  return view;
}

std::string Engine::request_locale(const OpenRequest &request, const Order &order) const {
  if (request.customer && !request.customer->locale.empty()) return request.customer->locale;
  return order.customer.locale.empty() ? shop(request.shop).config.locale : order.customer.locale;
}

std::vector<ItemVerdict> Engine::verdicts_for(const OpenRequest &request, const Order &order,
                                              const ClaimedQty &claimed, const Policy &policy,
                                              UnixMs at) const {
  EligibilityQuery query;
  query.kind = request.kind;
  query.now = at;
  query.locale = request_locale(request, order);
  for (const auto &item : request.items) {
    query.items.push_back({item.line, item.qty, item.reason, {}, item.field});
  }
  return reclaim::check_eligibility(policy, order, claimed, query, shop(request.shop).zone);
}

EligibilityAnswer Engine::check_eligibility(const EligibilityRequest &request) {
  const Shop &where = shop(request.shop);
  EligibilityQuery query = request.query;
  query.now = now();
  if (query.locale.empty()) query.locale = where.config.locale;
  EligibilityAnswer answer{false, query.locale, {}};
  store_->read([&](Tx &tx) {
    const auto order = tx.order(request.shop, request.order_id);
    if (!order) fail(Status::not_found, "no order '" + request.order_id + "' in shop " + request.shop, "order_id");
    const auto policy = policy_at(tx, request.shop, query.now);
    answer.items = reclaim::check_eligibility(
        *policy, *order, tx.claimed_qty(request.shop, order->id), query, where.zone);
  });
  answer.eligible = !answer.items.empty();
  for (const auto &verdict : answer.items) answer.eligible = answer.eligible && verdict.eligible;
  return answer;
}

LineEligibility Engine::eligibility_by_line(const std::string &shop_id, const Order &order,
                                            const std::string &locale) {
  LineEligibility by_line;
  if (order.lines.empty()) return by_line;
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
    for (auto &verdict : check_eligibility(request).items) {
      by_line[verdict.line][kind] = std::move(verdict);
    }
  }
  return by_line;
}

std::vector<ItemVerdict> Engine::verdicts_at_opening(const Case &subject,
                                                   const std::string &locale) {
  EligibilityQuery query;
  query.kind = subject.kind;
  query.now = subject.created_at;
  query.locale = locale;
  for (const auto &item : subject.items) {
    if (item.line.empty()) return {};
    query.items.push_back({item.line, item.qty, item.reason, {}, {}});
  }
  std::vector<ItemVerdict> verdicts;
  store_->read([&](Tx &tx) {
    const auto order = tx.order(subject.shop, subject.order_id);
    if (!order || query.items.empty()) return;
    const auto policy = policy_at(tx, subject.shop, subject.created_at);
    // Nothing counted as claimed: the case's own items were free when it was opened.
    verdicts = reclaim::check_eligibility(*policy, *order, {}, query, shop(subject.shop).zone);
  });
  return verdicts;
}

}  // namespace reclaim
