// Decisions the law or the shop's limits shape: deemed acceptance and decision limits.
#include <map>

#include "core/actions.hpp"
#include "core/error.hpp"
#include "core/policy.hpp"
#include "core/state_machine.hpp"

namespace reclaim {

namespace json = boost::json;

Outcome deem_accepted(Case &subject, UnixMs now) {
  if (!undecided(subject.state)) {
    fail(Status::not_allowed, "the case is already decided", "state", "already_decided");
  }
  if (!subject.deadlines.deemed_on_expiry || !subject.deadlines.decision_due ||
      now <= *subject.deadlines.decision_due) {
    fail(Status::not_allowed, "silence does not accept this case (yet)", "deadlines",
         "not_deemed");
  }
  Case next = subject;
  const Actor system{Role::system, "deadline"};
  json::array decided;
  for (auto &item : next.items) {
    item.decision = {ItemDecision::Outcome::accepted, item.qty, std::nullopt, {}};
    if (const auto preferred =
            parse_word<ResolutionType>(next.preferred_resolution, kResolutions)) {
      item.decision.resolution = Resolution{*preferred, std::nullopt};
    }
    json::object entry{{"item", item.item}, {"qty", item.qty}, {"outcome", "accepted"}};
    if (!item.line.empty()) entry["line"] = item.line;
    if (item.decision.resolution) entry["resolution"] = resolution_to_json(*item.decision.resolution);
    decided.push_back(std::move(entry));
  }
  next.deemed = true;
  next.decided_at = now;
  next.decided_by = system;
  next.state = State::accepted;
  next.version = subject.version + 1;
  next.updated_at = now;
  json::object data{{"deemed", true},
                    {"basis", subject.deadlines.basis},
                    {"decision_due", format_rfc3339(*subject.deadlines.decision_due)},
                    {"items", std::move(decided)}};
  Outcome outcome;
  outcome.history = {now, system, "deemed_acceptance", subject.state, State::accepted, data, true};
  json::object event_data = data;
  event_data["action"] = "deemed_acceptance";
  event_data["actor"] = json::object{{"role", "system"}, {"id", system.id}};
  event_data["from"] = name(subject.state);
  event_data["to"] = name(State::accepted);
  outcome.events.push_back(case_event(next, "case.state_changed", now, true, event_data));
  subject = std::move(next);
  return outcome;
}

void check_decision_limit(const Policy &policy, const Actor &actor, const Case &decided) {
  const auto limits = policy.decision_limits.find(std::string(name(actor.role)));
  if (limits == policy.decision_limits.end()) return;
  // What the decision gives away, per currency: the amount granted, or for a replacement,
  // repair or exchange the value of the goods concerned.
  std::map<std::string, Decimal> value;
  for (const auto &item : decided.items) {
    if (item.decision.outcome != ItemDecision::Outcome::accepted) continue;
    const auto &resolution = item.decision.resolution;
    if (resolution && resolution->amount) {
      value[resolution->amount->currency] = value[resolution->amount->currency] + resolution->amount->amount;
    } else if (item.unit_price) {
      value[item.unit_price->currency] =
          value[item.unit_price->currency] + item.unit_price->amount.times(item.decision.qty);
    }
  }
  for (const auto &[currency, total] : value) {
    const auto limit = limits->second.find(currency);
    if (limit == limits->second.end() || total <= limit->second) continue;
    const std::string who = actor.role == Role::agent ? "an agent" : "a " + std::string(name(actor.role));
    const std::string instead = actor.role == Role::supervisor
                                    ? "it is beyond every role's limit in the shop's policy"
                                    : "a supervisor must take it";
    fail(Status::not_allowed,
         who + " may decide up to " + amount_text(limit->second, currency) + " " + currency +
             "; this decision is worth " + amount_text(total, currency) + " " + currency + ", so " +
             instead,
         "items", "decision_limit_exceeded");
  }
}

}  // namespace reclaim
