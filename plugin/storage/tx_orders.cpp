// Orders as imported, and the order lines that reports and quantity checks read.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include "codec/order_json.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::optional<Order> Tx::order(const std::string &shop, const std::string &id) {
  std::string body, adapter, host;
  soci::indicator found = soci::i_null;
  // Locked in a write transaction: the quantities open cases claim on it are checked against it.
  sql_ << locking("SELECT body, adapter, host FROM orders WHERE shop = :shop AND id = :id"),
      soci::use(shop), soci::use(id), soci::into(body, found), soci::into(adapter),
      soci::into(host);
  if (!sql_.got_data() || found != soci::i_ok) return std::nullopt;
  Order order = codec::order_from_json(boost::json::parse(body));
  order.adapter = adapter;
  order.host = boost::json::parse(host).as_object();
  return order;
}

bool Tx::put_order(const std::string &shop, const Order &order, UnixMs now) {
  const std::string body = boost::json::serialize(codec::order_to_json(order));
  const std::string host = boost::json::serialize(order.host);
  const long long placed = order.placed_at.value_or(0);
  soci::indicator placed_known = order.placed_at ? soci::i_ok : soci::i_null;
  long long exists = 0;
  sql_ << "SELECT COUNT(*) FROM orders WHERE shop = :shop AND id = :id", soci::use(shop),
      soci::use(order.id), soci::into(exists);
  const long long at = now;
  if (exists) {
    sql_ << "UPDATE orders SET number = :number, customer_email = :email, placed_at = :placed,"
            " body = :body, adapter = :adapter, host = :host, updated_at = :at"
            " WHERE shop = :shop AND id = :id",
        soci::use(order.number), soci::use(order.customer.email), soci::use(placed, placed_known),
        soci::use(body), soci::use(order.adapter), soci::use(host), soci::use(at),
        soci::use(shop), soci::use(order.id);
    sql_ << "DELETE FROM order_lines WHERE shop = :shop AND order_id = :id", soci::use(shop),
        soci::use(order.id);
  } else {
    sql_ << "INSERT INTO orders (shop, id, number, customer_email, placed_at, body, adapter, host,"
            " imported_at, updated_at) VALUES (:shop, :id, :number, :email, :placed, :body,"
            " :adapter, :host, :at, :at2)",
        soci::use(shop), soci::use(order.id), soci::use(order.number),
        soci::use(order.customer.email), soci::use(placed, placed_known), soci::use(body),
        soci::use(order.adapter), soci::use(host), soci::use(at), soci::use(at);
  }
  for (const auto &line : order.lines) {
    const long long qty = line.qty, refunded = line.refunded_qty;
    sql_ << "INSERT INTO order_lines (shop, order_id, line_id, sku, category, supplier, qty,"
            " refunded_qty, placed_at) VALUES (:shop, :order, :line, :sku, :category, :supplier,"
            " :qty, :refunded, :placed)",
        soci::use(shop), soci::use(order.id), soci::use(line.id), soci::use(line.sku),
        soci::use(line.category), soci::use(line.supplier), soci::use(qty), soci::use(refunded),
        soci::use(placed, placed_known);
  }
  return !exists;
}

}  // namespace reclaim
