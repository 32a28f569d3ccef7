#include "core/intake.hpp"

#include <set>

#include "core/error.hpp"

namespace reclaim {

namespace {

CaseItem item_from_order(const OpenItem &wanted, const Order &order, const ClaimedQty &claimed) {
  if (wanted.line.empty()) {
    fail(Status::invalid_argument, "items of a case with an order name the order line",
         wanted.field + ".line");
  }
  const OrderLine *line = order.line(wanted.line);
  if (!line) {
    fail(Status::invalid_argument, "order " + order.id + " has no line '" + wanted.line + "'",
         wanted.field + ".line");
  }
  const auto already = claimed.find(line->id);
  const std::int64_t left =
      line->qty - line->refunded_qty - (already == claimed.end() ? 0 : already->second);
  if (wanted.qty > left) {
    fail(Status::not_allowed,
         "qty " + std::to_string(wanted.qty) + " is more than the " +
             std::to_string(left < 0 ? 0 : left) +
             " left to claim on this line (bought, less refunded and claimed by other cases)",
         wanted.field + ".qty", "quantity_exceeded");
  }
  CaseItem item;
  item.line = line->id;
  item.sku = line->sku;
  item.name = line->name;
  item.qty = wanted.qty;
  item.unit_price = Money{line->unit_price, order.currency};
  return item;
}

CaseItem item_without_order(const OpenItem &wanted) {
  if (!wanted.line.empty()) {
    fail(Status::invalid_argument, "a case without an order cannot name order lines",
         wanted.field + ".line");
  }
  if (wanted.name.empty()) {
    fail(Status::invalid_argument, "goods without an order need a name", wanted.field + ".name");
  }
  CaseItem item;
  item.sku = wanted.sku;
  item.name = wanted.name;
  item.qty = wanted.qty;
  item.unit_price = wanted.unit_price;
  return item;
}

}  // namespace

Case build_case(const OpenRequest &request, const Order *order, const ClaimedQty &claimed,
                UnixMs now) {
  const bool customer = request.actor.role == Role::customer;
  if (request.actor.role == Role::system) {
    fail(Status::not_allowed, "cases are opened by a customer, an agent, a supervisor or the host",
         "actor.role", "role_not_allowed");
  }
  if (customer && request.order_id.empty()) {
    fail(Status::not_allowed, "a customer names the order the case is about", "order_id",
         "order_required");
  }
  if (!request.order_id.empty() && !order) {
    fail(Status::not_found, "no order '" + request.order_id + "' in shop " + request.shop,
         "order_id");
  }
  Case made;
  made.shop = request.shop;
  made.kind = request.kind;
  made.channel = request.channel;
  made.opened_by = request.actor;
  made.state = State::received;
  made.version = 1;
  made.created_at = now;
  made.updated_at = now;
  made.description = request.description;
  made.preferred_resolution = request.preferred_resolution;
  made.extra = request.extra;

  if (order) {
    made.order_id = order->id;
    made.customer = order->customer;
    if (request.customer) {
      const Customer &given = *request.customer;
      if (customer && !same_email(given.email, order->customer.email)) {
        fail(Status::not_allowed, "the e-mail does not match the order's", "customer.email",
             "email_mismatch");
      }
      if (!given.email.empty()) made.customer.email = given.email;
      if (!given.name.empty()) made.customer.name = given.name;
      if (!given.locale.empty()) made.customer.locale = given.locale;
      if (!given.phone.empty()) made.customer.phone = given.phone;
    } else if (customer) {
      fail(Status::not_allowed, "a customer confirms the order's e-mail", "customer.email",
           "email_mismatch");
    }
  } else if (request.customer) {
    made.customer = *request.customer;
  }

  std::set<std::string> lines_named;
  int position = 0;
  for (const auto &wanted : request.items) {
    CaseItem item = order ? item_from_order(wanted, *order, claimed) : item_without_order(wanted);
    if (order && !lines_named.insert(item.line).second) {
      fail(Status::invalid_argument, "order line '" + item.line + "' is named twice",
           wanted.field + ".line");
    }
    item.item = ++position;
    item.reason = wanted.reason;
    item.serial = wanted.serial;
    item.note = wanted.note;
    made.items.push_back(std::move(item));
  }
  return made;
}

}  // namespace reclaim
