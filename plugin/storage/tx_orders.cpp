// Orders as imported, and the order lines that reports and quantity checks read.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <soci/soci.h>

#include "codec/order_json.hpp"
#include "storage/store.hpp"

namespace reclaim {

std::optional<Order> Tx::order(const std::string &shop, const std::string &id) {
  std::optional<Order> found;
  // Locked in a write transaction: the quantities open cases claim on it are checked against it.
  reads_.query(sql_, locking("SELECT body, adapter, host FROM orders WHERE shop = ? AND id = ?"),
               "ttt", {shop, id}, [&](const CachedRow &row) {
                 if (row.null(0)) return;
                 Order order = *orders_.of(row.text(0));
                 order.adapter = row.text(1);
                 order.host = boost::json::parse(row.text(2)).as_object();
                 found = std::move(order);
               });
  return found;
}

bool Tx::put_order(const std::string &shop, const Order &order, UnixMs now) {
  orders_.clear();  // an erasure rewrites the order: its earlier text leaves memory at once
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
