#include "core/actions.hpp"

#include <algorithm>

#include "core/currency.hpp"
#include "core/error.hpp"
#include "core/item_refs.hpp"
#include "core/state_machine.hpp"
#include "core/supplier_claims.hpp"

namespace reclaim {

namespace {

namespace json = boost::json;

bool is_staff(Role role) { return role == Role::agent || role == Role::supervisor; }

// Resolutions that give money or credit need an amount; those that replace goods must not carry
// one.
bool takes_amount(ResolutionType type) {
  return gives_money_back(type) || type == ResolutionType::store_credit ||
         type == ResolutionType::discount_code;
}

// An exchange's goods given, checked against the goods returned, and the difference between
// them, exact in their currency.
Resolution settle_exchange(const CaseItem &item, std::int64_t qty, Resolution resolution,
                           const std::string &field) {
  if (resolution.amount) fail(Status::invalid_argument, "exchange takes no amount", field + ".amount");
  if (!resolution.exchange) {
    fail(Status::invalid_argument,
         "an exchange names the goods given: sku or name, qty and unit_price", field + ".sku");
  }
  if (!item.unit_price) {
    fail(Status::invalid_argument,
         "the goods returned have no price, so the exchange's difference cannot be settled; "
         "decide a replacement or another resolution",
         field);
  }
  ExchangeGoods &goods = *resolution.exchange;
  if (goods.unit_price.currency != item.unit_price->currency) {
    fail(Status::invalid_argument,
         "the goods given must be priced in " + item.unit_price->currency +
             ", the currency of the goods returned",
         field + ".currency");
  }
  if (goods.qty == 0) goods.qty = qty;
  // Each side is what would be paid for it, in the currency's minor units (a unit price taken
  // from a host's line total may carry a fraction of a cent).
  const int minor = currency_minor_units(goods.unit_price.currency).value_or(2);
  Decimal given;
  try {
    given = round_to(goods.unit_price.amount.times(goods.qty), minor);
  } catch (const Error &) {
    fail(Status::invalid_argument, "the goods given are worth more than an amount can hold",
         field + ".unit_price");
  }
  const Decimal returned = round_to(item.unit_price->amount.times(qty), minor);
  resolution.difference = Money{given - returned, goods.unit_price.currency};
  return resolution;
}

// Fills a refund's amount from the item's price and checks a given one against it.
Resolution settle_amount(const CaseItem &item, std::int64_t qty, Resolution resolution,
                         const std::string &field) {
  const std::string type(name(resolution.type));
  if (resolution.type == ResolutionType::exchange) return settle_exchange(item, qty, resolution, field);
  if (!takes_amount(resolution.type)) {
    if (resolution.amount) {
      fail(Status::invalid_argument, type + " takes no amount", field + ".amount");
    }
    return resolution;
  }
  const std::optional<Money> value =
      item.unit_price ? std::optional<Money>(Money{item.unit_price->amount.times(qty),
                                                   item.unit_price->currency})
                      : std::nullopt;
  if (!resolution.amount) {
    if (resolution.type != ResolutionType::refund || !value) {
      fail(Status::invalid_argument, type + " needs an amount", field + ".amount");
    }
    resolution.amount = value;
    return resolution;
  }
  if (resolution.amount->amount.negative()) {
    fail(Status::invalid_argument, "amount must not be negative", field + ".amount");
  }
  if (value && resolution.amount->currency != value->currency) {
    fail(Status::invalid_argument, "amount must be in " + value->currency, field + ".currency");
  }
  // Money given back is capped at the goods' value; credit and discount codes are not.
  if (gives_money_back(resolution.type) && value && resolution.amount->amount > value->amount) {
    fail(Status::invalid_argument,
         "amount exceeds the value of the goods (" +
             amount_text(value->amount, value->currency) + " " + value->currency + ")",
         field + ".amount", "amount_exceeded");
  }
  return resolution;
}

void accept(Case &subject, const ActionRequest &request, json::object &data) {
  if (request.items.empty()) {
    if (!request.resolution) {
      fail(Status::invalid_argument, "accept needs a resolution or items", "resolution");
    }
    if (request.resolution->amount && subject.items.size() > 1) {
      fail(Status::invalid_argument,
           "with several items give each item's amount in items[].resolution",
           "resolution.amount");
    }
    for (auto &item : subject.items) {
      item.decision = {ItemDecision::Outcome::accepted, item.qty,
                       settle_amount(item, item.qty, *request.resolution, "resolution"), {}};
    }
  } else {
    for (auto &item : subject.items) item.decision = {};
    for (const auto &ref : request.items) {
      CaseItem &item = find_item(subject, ref);
      if (item.decision.outcome == ItemDecision::Outcome::accepted) {
        fail(Status::invalid_argument, "the item is named twice", ref.field);
      }
      const std::int64_t qty = ref_qty(ref, item.qty, item.qty);
      const auto resolution = ref.resolution ? ref.resolution : request.resolution;
      if (!resolution) {
        fail(Status::invalid_argument, "each accepted item needs a resolution",
             ref.field + ".resolution");
      }
      const std::string field = ref.resolution ? ref.field + ".resolution" : "resolution";
      item.decision = {ItemDecision::Outcome::accepted, qty,
                       settle_amount(item, qty, *resolution, field), {}};
    }
  }
  for (auto &item : subject.items) {
    const bool whole = item.decision.outcome == ItemDecision::Outcome::accepted &&
                       item.decision.qty == item.qty;
    if (whole) continue;
    if (request.reason.empty()) {
      fail(Status::invalid_argument, "give a reason for the items or quantities not accepted",
           "reason");
    }
    subject.partial = true;
    if (item.decision.outcome == ItemDecision::Outcome::pending) {
      item.decision.outcome = ItemDecision::Outcome::rejected;
    }
    item.decision.reason = request.reason;
  }
  json::array decided;
  for (const auto &item : subject.items) {
    json::object entry{{"item", item.item},
                       {"qty", item.decision.qty},
                       {"outcome", item.decision.outcome == ItemDecision::Outcome::accepted
                                       ? "accepted"
                                       : "rejected"}};
    if (!item.line.empty()) entry["line"] = item.line;
    if (item.decision.resolution) entry["resolution"] = resolution_to_json(*item.decision.resolution);
    decided.push_back(std::move(entry));
  }
  data["items"] = std::move(decided);
  data["partial"] = subject.partial;
  if (!request.reason.empty()) data["reason"] = request.reason;
  if (!request.explanation.empty()) data["explanation"] = request.explanation;
}

void receive_goods(Case &subject, const ActionRequest &request, json::object &data) {
  json::array received;
  auto take = [&](CaseItem &item, const ItemRef *ref) {
    const std::int64_t outstanding = item.qty - item.received_qty;
    const std::string condition = ref && !ref->condition.empty() ? ref->condition
                                                                 : request.condition;
    if (condition.empty()) {
      fail(Status::invalid_argument, "receive_goods needs the goods' condition",
           ref ? ref->field + ".condition" : "condition");
    }
    if (outstanding == 0) {
      fail(Status::invalid_argument, "all of this item was already received",
           ref ? ref->field : "items");
    }
    const std::int64_t qty = ref ? ref_qty(*ref, outstanding, outstanding) : outstanding;
    const std::string &disposition =
        ref && !ref->disposition.empty() ? ref->disposition : request.disposition;
    item.received_qty += qty;
    item.condition = condition;
    if (!disposition.empty()) item.disposed[disposition] += qty;
    // The host's stock needs the SKU and what to do with the goods beside the quantity.
    json::object entry{{"item", item.item}, {"qty", qty}, {"condition", condition}};
    if (!item.line.empty()) entry["line"] = item.line;
    if (!item.sku.empty()) entry["sku"] = item.sku;
    if (!disposition.empty()) entry["disposition"] = disposition;
    received.push_back(std::move(entry));
  };
  if (request.items.empty()) {
    for (auto &item : subject.items) {
      if (item.received_qty < item.qty) take(item, nullptr);
    }
  } else {
    for (const auto &ref : request.items) take(find_item(subject, ref), &ref);
  }
  data["items"] = std::move(received);
}

void reopen(Case &subject, const ActionRequest &request, const ActionContext &context) {
  if (request.actor.role == Role::customer && subject.ended_at &&
      context.now > *subject.ended_at + context.appeal_days * kMsPerDay) {
    fail(Status::not_allowed,
         "the " + std::to_string(context.appeal_days) +
             "-day window to reopen has passed; staff may still reopen the case",
         "action", "appeal_window_expired");
  }
  for (auto &item : subject.items) item.decision = {};
  subject.decided_at.reset();
  subject.partial = false;
  subject.deemed = false;
  subject.reject_reason.clear();
  subject.resolved_at.reset();
  subject.fulfil_reference.clear();
  subject.closed_at.reset();
  ++subject.reopened;
}

void apply_tags(Case &subject, const ActionRequest &request, json::object &data) {
  for (const auto &tag : request.tags_add) {
    if (std::find(subject.tags.begin(), subject.tags.end(), tag) == subject.tags.end()) {
      subject.tags.push_back(tag);
    }
  }
  for (const auto &tag : request.tags_remove) {
    subject.tags.erase(std::remove(subject.tags.begin(), subject.tags.end(), tag),
                       subject.tags.end());
  }
  if (subject.tags.size() > 50) fail(Status::invalid_argument, "at most 50 tags", "add");
  json::array tags;
  for (const auto &tag : subject.tags) tags.emplace_back(tag);
  data["tags"] = std::move(tags);
}

void rate(Case &subject, const ActionRequest &request, UnixMs now, json::object &data) {
  if (subject.rating) {
    fail(Status::not_allowed, "the case was already rated", "action", "already_rated");
  }
  subject.rating = Rating{*request.score, request.comment, now};
  data["score"] = *request.score;
  if (!request.comment.empty()) data["comment"] = request.comment;
}

void set_legal_hold(Case &subject, const ActionRequest &request, json::object &data) {
  if (*request.hold && request.reason.empty()) {
    fail(Status::invalid_argument, "a legal hold needs its reason (the dispute, the authority)",
         "reason");
  }
  if (*request.hold) {
    subject.legal_hold = request.reason;
  } else {
    subject.legal_hold.reset();
  }
  data["hold"] = *request.hold;
  if (!request.reason.empty()) data["reason"] = request.reason;
}

// The request's text fields by their names in its document.
constexpr std::pair<std::string_view, std::string ActionRequest::*> kTexts[] = {
    {"message", &ActionRequest::message},   {"instructions", &ActionRequest::instructions},
    {"reason", &ActionRequest::reason},     {"reference", &ActionRequest::reference},
    {"comment", &ActionRequest::comment},   {"to", &ActionRequest::to},
    {"priority", &ActionRequest::priority},
};

// The fields the transition table says the history entry records as given: a required one
// always, another when not empty.
json::object recorded(const Transition &rule, const ActionRequest &request) {
  json::object data;
  for (const auto field : rule.recorded) {
    const auto *text = std::find_if(std::begin(kTexts), std::end(kTexts),
                                    [&](const auto &known) { return known.first == field; });
    if (text == std::end(kTexts)) {
      fail(Status::internal, "the table records '" + std::string(field) + "', not a text field");
    }
    const std::string &value = request.*(text->second);
    if (!value.empty() || is_one_of(field, rule.required)) data[field] = value;
  }
  return data;
}

// What an action does to the case besides its state, version and dates, and what it records in
// its own way; receiving part of the goods keeps the case waiting for the rest.
void change(Case &next, const ActionRequest &request, const ActionContext &context,
            json::object &data, State &to) {
  switch (request.action) {
    case Action::request_info:
    case Action::reply:
      if (!request.attachments.empty()) {
        json::array ids;
        for (const auto &id : request.attachments) ids.emplace_back(id);
        data["attachments"] = std::move(ids);
      }
      break;
    case Action::receive_goods:
      receive_goods(next, request, data);
      if (std::any_of(next.items.begin(), next.items.end(),
                      [](const CaseItem &i) { return i.received_qty < i.qty; })) {
        to = State::waiting_for_goods;
      }
      break;
    case Action::accept: accept(next, request, data); break;
    case Action::reject:
      for (auto &item : next.items) {
        item.decision = {ItemDecision::Outcome::rejected, 0, std::nullopt, request.reason};
      }
      next.reject_reason = request.reason;
      break;
    case Action::fulfil: next.fulfil_reference = request.reference; break;
    case Action::reopen: reopen(next, request, context); break;
    case Action::rate: rate(next, request, context.now, data); break;
    case Action::assign:
      next.assignee = request.assignee.value_or("");
      data["assignee"] = next.assignee.empty() ? json::value(nullptr) : json::value(next.assignee);
      break;
    case Action::escalate: next.escalated = true; break;
    case Action::set_priority: next.priority = request.priority; break;
    case Action::tag: apply_tags(next, request, data); break;
    case Action::renew_link:
      next.link_version = next.link_version + 1;
      data["link_version"] = next.link_version;
      break;
    case Action::legal_hold: set_legal_hold(next, request, data); break;
    case Action::claim_supplier: claim_supplier(next, request, context, data); break;
    case Action::supplier_answer: answer_supplier_claim(next, request, context.now, data); break;
    case Action::review:
    case Action::authorize_return:
    case Action::close:
    case Action::cancel:
    case Action::comment: break;
  }
}

void stamp(Case &next, Stamp stamp, const Actor &actor, UnixMs now) {
  switch (stamp) {
    case Stamp::decided:
      next.decided_at = now;
      next.decided_by = actor;
      break;
    case Stamp::resolved: next.resolved_at = now; break;
    case Stamp::closed: next.closed_at = now; break;
    case Stamp::none: break;
  }
}

}  // namespace

Event case_event(const Case &subject, std::string type, UnixMs at, bool customer_visible,
                 json::object data) {
  Event event;
  event.type = std::move(type);
  event.case_id = subject.id;
  event.case_number = subject.number;
  event.shop = subject.shop;
  event.at = at;
  event.customer_visible = customer_visible;
  event.data = std::move(data);
  return event;
}

Outcome apply_action(Case &subject, const ActionRequest &request, const ActionContext &context) {
  // A supplier's answer holds no personal data and may come after retention erased the case's.
  if (subject.anonymised_at && request.action != Action::supplier_answer) {
    fail(Status::not_allowed, "the personal data of this case was erased: it takes no actions",
         "action", "anonymised");
  }
  check_transition(request.action, request.actor.role, subject.state);
  const Transition &rule = transition(request.action);
  Case next = subject;  // changed in place only once every check has passed
  const UnixMs now = context.now;
  const bool visible = rule.visibility_asked ? request.customer_visible : rule.customer_visible;
  State to = rule.to.value_or(subject.state);
  json::object data = recorded(rule, request);
  change(next, request, context, data, to);
  stamp(next, rule.stamp, request.actor, now);
  if (to == State::rejected || to == State::resolved || to == State::closed) next.ended_at = now;
  // Renewing a link answers nothing: it is no first response.
  if (visible && is_staff(request.actor.role) && !next.first_response_at &&
      request.action != Action::renew_link) {
    next.first_response_at = now;
  }
  next.state = to;
  next.version = subject.version + 1;
  next.updated_at = now;

  Outcome outcome;
  outcome.history = {now, request.actor, std::string(name(request.action)), subject.state, to,
                     data, visible};
  json::object event_data = data;
  event_data["action"] = name(request.action);
  event_data["actor"] = json::object{{"role", name(request.actor.role)}, {"id", request.actor.id}};
  const std::string_view event = visible ? rule.shown_event : rule.staff_event;
  if (to != subject.state) {
    json::object changed = event_data;
    changed["from"] = name(subject.state);
    changed["to"] = name(to);
    // One customer-visible event per change: where a message event follows (request_info,
    // reply), it is the one the customer sees, and a mailer mails once.
    const bool shown = visible && event.empty();
    outcome.events.push_back(case_event(next, "case.state_changed", now, shown, changed));
  }
  if (!event.empty()) {
    outcome.events.push_back(case_event(next, std::string(event), now, visible, event_data));
  }
  subject = std::move(next);
  return outcome;
}

}  // namespace reclaim
