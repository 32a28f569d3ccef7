#include "codec/requests.hpp"

#include <set>

#include "codec/reader.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/state_machine.hpp"

namespace reclaim::codec {

Actor actor_from(Fields &parent) {
  if (!parent.has("actor")) fail(Status::invalid_argument, "required", "actor");
  Fields fields(*parent.raw("actor"), "actor");
  Actor actor;
  const auto role = fields.word("role", kRoleNames);
  if (!role) fail(Status::invalid_argument, "required", "actor.role");
  actor.role = *parse_word<Role>(*role, kRoleNames);
  actor.id = fields.id("id").value_or("");
  fields.finish();
  return actor;
}

namespace {

std::optional<Money> money_from(Fields &fields, const char *amount_key, const char *currency_key) {
  auto amount = fields.decimal(amount_key);
  auto currency = fields.currency(currency_key);
  if (!amount && !currency) return std::nullopt;
  if (!amount) fail(Status::invalid_argument, "required with a currency", fields.path(amount_key));
  if (!currency) {
    fail(Status::invalid_argument, "required with an amount", fields.path(currency_key));
  }
  return Money{*amount, *currency};
}

// The goods an exchange gives: named by SKU or name, with a quantity and a unit price (the
// difference to the goods returned is the engine's to compute).
ExchangeGoods exchange_goods_from(Fields &fields) {
  ExchangeGoods goods;
  goods.sku = fields.text("sku", kMaxIdBytes).value_or("");
  goods.name = fields.text("name").value_or("");
  if (goods.sku.empty() && goods.name.empty()) {
    fail(Status::invalid_argument, "an exchange names the goods given by sku or name",
         fields.path("sku"));
  }
  goods.qty = fields.integer("qty", 1, kMaxQuantity).value_or(0);  // 0: as many as accepted
  const auto price = money_from(fields, "unit_price", "currency");
  if (!price) fail(Status::invalid_argument, "required", fields.path("unit_price"));
  if (price->amount.negative()) {
    fail(Status::invalid_argument, "unit_price must not be negative", fields.path("unit_price"));
  }
  goods.unit_price = *price;
  goods.variant_id = fields.id("variant_id").value_or("");
  return goods;
}

Resolution resolution_from(const json::value &document, const std::string &path) {
  Fields fields(document, path);
  Resolution resolution;
  const auto type = fields.word("type", kResolutions);
  if (!type) fail(Status::invalid_argument, "required", fields.path("type"));
  resolution.type = *parse_word<ResolutionType>(*type, kResolutions);
  if (resolution.type == ResolutionType::exchange) {
    resolution.exchange = exchange_goods_from(fields);
  } else {
    resolution.amount = money_from(fields, "amount", "currency");
  }
  fields.finish();
  return resolution;
}

// What an action's items carry besides the item and its quantity.
enum class ItemFields { receipt, decision, claim };

ItemRef item_ref_from(Fields &fields, ItemFields carried) {
  ItemRef ref;
  ref.field = fields.path();
  ref.line = fields.id("line").value_or("");
  ref.item = static_cast<int>(fields.integer("item", 1, 1000).value_or(0));
  if (ref.line.empty() == (ref.item == 0)) {
    fail(Status::invalid_argument, "name the item by its order line or its item number",
         fields.path("line"));
  }
  ref.qty = fields.integer("qty", 1, kMaxQuantity);
  if (carried == ItemFields::decision) {
    if (fields.has("resolution")) {
      ref.resolution = resolution_from(*fields.raw("resolution"), fields.path("resolution"));
    }
  } else if (carried == ItemFields::receipt) {
    ref.condition = fields.word("condition", kConditions).value_or("");
    ref.disposition = fields.word("disposition", kDispositions).value_or("");
  }
  return ref;
}

}  // namespace

OpenRequest open_request_from_json(const json::value &document) {
  Fields fields(document, "");
  OpenRequest request;
  request.shop = fields.id("shop").value_or("default");
  const auto kind = fields.word("kind", kKindNames);
  if (!kind) fail(Status::invalid_argument, "required", "kind");
  request.kind = *parse_word<Kind>(*kind, kKindNames);
  request.actor = actor_from(fields);
  request.channel = fields.word("channel", kChannels)
                        .value_or(request.actor.role == Role::customer ? "web" : "api");
  request.order_id = fields.id("order_id").value_or("");
  if (fields.has("customer")) {
    Fields customer(*fields.raw("customer"), "customer");
    Customer c;
    c.email = customer.email("email").value_or("");
    c.name = customer.text("name").value_or("");
    c.locale = customer.word("locale", kLocales).value_or("");
    c.type = customer.word("type", kCustomerTypes).value_or("");
    c.phone = customer.text("phone", 64).value_or("");
    customer.finish();
    request.customer = std::move(c);
  }
  const auto *items = fields.array("items", 200);
  if (!items || items->empty()) fail(Status::invalid_argument, "at least one item", "items");
  each_object(*items, "items", [&](Fields &item, std::size_t) {
    OpenItem wanted;
    wanted.field = item.path();
    wanted.line = item.id("line").value_or("");
    wanted.sku = item.text("sku", kMaxIdBytes).value_or("");
    wanted.name = item.text("name").value_or("");
    const auto qty = item.integer("qty", 1, kMaxQuantity);
    if (!qty) fail(Status::invalid_argument, "required", item.path("qty"));
    wanted.qty = *qty;
    wanted.unit_price = money_from(item, "unit_price", "currency");
    const auto reason = item.word("reason", kReasons);
    if (!reason) fail(Status::invalid_argument, "required", item.path("reason"));
    wanted.reason = *reason;
    wanted.serial = item.text("serial", kMaxIdBytes).value_or("");
    wanted.note = item.text("note", kMaxTextBytes).value_or("");
    request.items.push_back(std::move(wanted));
  });
  request.description = fields.text("description", kMaxTextBytes).value_or("");
  request.preferred_resolution = fields.word("preferred_resolution", kResolutions).value_or("");
  request.idempotency_key = fields.text("idempotency_key", kMaxIdBytes).value_or("");
  request.extra = fields.extra("extra");
  fields.finish();
  return request;
}

ActionRequest action_request_from_json(const json::value &document) {
  Fields fields(document, "");
  ActionRequest request;
  const auto action = fields.word("action", kActionNames);
  if (!action) fail(Status::invalid_argument, "required", "action");
  request.action = *parse_word<Action>(*action, kActionNames);
  request.actor = actor_from(fields);
  request.expected_version = fields.integer("expected_version", 1, INT64_MAX);
  request.idempotency_key = fields.text("idempotency_key", kMaxIdBytes).value_or("");

  const Transition &spec = transition(request.action);
  if (const auto *object = document.if_object()) {
    for (const auto &member : *object) {
      const std::string_view key = member.key();
      const bool common = key == "action" || key == "actor" || key == "expected_version" ||
                          key == "idempotency_key";
      if (!common && !is_one_of(key, spec.fields)) {
        fail(Status::invalid_argument, std::string(*action) + " takes no field '" +
                                           std::string(key) + "'",
             std::string(key));
      }
    }
  }
  for (const auto key : spec.required) {
    if (!fields.has(key)) fail(Status::invalid_argument, "required", std::string(key));
  }
  request.message = fields.text("message", kMaxTextBytes).value_or("");
  request.instructions = fields.text("instructions", kMaxTextBytes).value_or("");
  request.reason = fields.text("reason", kMaxTextBytes).value_or("");
  request.reference = fields.text("reference", kMaxIdBytes).value_or("");
  request.explanation = fields.text("explanation", kMaxTextBytes).value_or("");
  request.comment = fields.text("comment", kMaxTextBytes).value_or("");
  request.condition = fields.word("condition", kConditions).value_or("");
  request.disposition = fields.word("disposition", kDispositions).value_or("");
  request.priority = fields.word("priority", kPriorities).value_or("");
  request.to = fields.text("to", kMaxIdBytes).value_or("");
  if (auto score = fields.integer("score", 1, 5)) request.score = static_cast<int>(*score);
  if (fields.raw("assignee")) request.assignee = fields.id("assignee").value_or("");
  request.customer_visible = fields.boolean("customer_visible").value_or(false);
  request.hold = fields.boolean("hold");
  request.supplier = fields.text("supplier", kMaxIdBytes).value_or("");
  request.amount = money_from(fields, "amount", "currency");
  if (auto claim = fields.integer("claim", 1, 1000)) request.claim = static_cast<int>(*claim);
  request.answer = fields.word("answer", kSupplierAnswers).value_or("");
  if (fields.has("resolution")) {
    request.resolution = resolution_from(*fields.raw("resolution"), "resolution");
  }
  if (const auto *items = fields.array("items", 200)) {
    const ItemFields carried = request.action == Action::accept           ? ItemFields::decision
                               : request.action == Action::claim_supplier ? ItemFields::claim
                                                                          : ItemFields::receipt;
    each_object(*items, "items", [&](Fields &item, std::size_t) {
      request.items.push_back(item_ref_from(item, carried));
    });
  }
  request.tags_add = words_list(fields, "add");
  request.tags_remove = words_list(fields, "remove");
  for (const auto key : spec.required) {
    const auto *v = fields.raw(key);
    if (v && v->is_string() && v->get_string().empty()) {
      fail(Status::invalid_argument, "must not be empty", std::string(key));
    }
  }
  fields.finish();
  return request;
}

std::string encode_cursor(std::int64_t sort_value, const std::string &case_id) {
  return base64url_encode(std::to_string(sort_value) + ":" + case_id);
}

CaseQuery case_query_from_json(const json::value &document) {
  Fields fields(document, "");
  CaseQuery query;
  query.shop = fields.id("shop").value_or("");
  if (const auto *state = fields.raw("state"); state && !state->is_null()) {
    if (state->is_array()) {
      for (const auto &words = words_list(fields, "state"); const auto &word : words) {
        const auto parsed = parse_word<State>(word, kStateNames);
        if (!parsed) fail(Status::invalid_argument, "'" + word + "' is not a state", "state");
        query.states.push_back(*parsed);
      }
    } else {
      query.states.push_back(*parse_word<State>(*fields.word("state", kStateNames), kStateNames));
    }
  }
  if (auto kind = fields.word("kind", kKindNames)) query.kind = parse_word<Kind>(*kind, kKindNames);
  if (auto assignee = fields.id("assignee"); assignee && !assignee->empty()) {
    query.assignee = AssigneeFilter::of(std::move(*assignee));
  }
  query.customer_email = fields.email("customer_email").value_or("");
  query.order_id = fields.id("order_id").value_or("");
  query.created_from = fields.time("created_from");
  query.created_to = fields.time("created_to");
  query.overdue = fields.boolean("overdue").value_or(false);
  static constexpr std::string_view kSorts[] = {"created_at",    "-created_at",  "updated_at",
                                                "-updated_at",   "decision_due", "-decision_due"};
  const auto sort = fields.word("sort", kSorts).value_or("-created_at");
  query.descending = sort.front() == '-';
  const std::string_view key = query.descending ? std::string_view(sort).substr(1) : sort;
  query.sort = key == "created_at"   ? CaseSort::created_at
               : key == "updated_at" ? CaseSort::updated_at
                                     : CaseSort::decision_due;
  query.limit = static_cast<int>(fields.integer("limit", 1, 500).value_or(50));
  if (auto cursor = fields.text("cursor", 512)) {
    const auto decoded = base64url_decode(*cursor);
    const auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos) fail(Status::invalid_argument, "not a cursor", "cursor");
    try {
      std::size_t used = 0;
      const std::int64_t value = std::stoll(decoded->substr(0, colon), &used);
      if (used != colon) throw std::invalid_argument("cursor");
      query.after = std::make_pair(value, decoded->substr(colon + 1));
    } catch (const std::logic_error &) {
      fail(Status::invalid_argument, "not a cursor", "cursor");
    }
  }
  fields.finish();
  return query;
}

EventQuery event_query_from_json(const json::value &document) {
  Fields fields(document, "");
  EventQuery query;
  query.after = fields.integer("after", 0, INT64_MAX).value_or(0);
  query.limit = static_cast<int>(fields.integer("limit", 1, 1000).value_or(100));
  query.shop = fields.id("shop").value_or("");
  query.case_id = fields.id("case_id").value_or("");
  fields.finish();
  return query;
}

EligibilityRequest eligibility_request_from_json(const json::value &document) {
  Fields fields(document, "");
  EligibilityRequest request;
  request.shop = fields.id("shop").value_or("default");
  request.order_id = fields.required_id("order_id");
  const auto kind = fields.word("kind", kKindNames);
  if (!kind) fail(Status::invalid_argument, "required: complaint or return", "kind");
  request.query.kind = *parse_word<Kind>(*kind, kKindNames);
  request.query.locale = fields.word("locale", kLocales).value_or("");
  const auto *items = fields.array("items", 200);
  if (!items || items->empty()) fail(Status::invalid_argument, "name at least one item", "items");
  each_object(*items, "items", [&](Fields &item, std::size_t) {
    EligibilityItem wanted;
    wanted.field = item.path();
    wanted.line = item.required_id("line");
    wanted.qty = item.integer("qty", 1, kMaxQuantity).value_or(1);
    wanted.reason = item.word("reason", kReasons).value_or("other");
    for (auto &word : words_list(item, "evidence", 10)) {
      if (!is_one_of(word, kEvidence)) {
        fail(Status::invalid_argument, "expected " + list_words(kEvidence),
             item.path("evidence"));
      }
      wanted.evidence.push_back(std::move(word));
    }
    request.query.items.push_back(std::move(wanted));
  });
  fields.finish();
  return request;
}

}  // namespace reclaim::codec
