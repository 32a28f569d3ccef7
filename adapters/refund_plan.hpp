// What an accepted resolution gives back, line by line, in exact money at the currency's minor
// units: the common ground of every host's refund request.
#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace reclaim::adapters {

struct RefundLine {
  const OrderLine *line = nullptr;
  int item = 0;                  // the case item it refunds (CaseItem::item)
  boost::json::object host;      // what the adapter kept of the host's line (order.host.lines)
  ResolutionType resolution{};   // one that gives money back, or an exchange's difference
  std::int64_t qty = 0;          // units refunded (0: money only, the customer keeps the goods)
  std::int64_t restock_qty = 0;  // of those, units received back
  Decimal gross, tax, net;       // gross = net + tax, each at the currency's minor units

  // Hosts restock per line, not per unit: a line goes back to stock when all its refunded
  // units came back.
  bool restock() const { return qty > 0 && restock_qty == qty; }
};

struct RefundPlan {
  std::string currency;
  int minor = 2;
  std::string case_id, case_number, order_id;
  std::vector<RefundLine> lines;
  Decimal gross, tax, net;
  bool restock = false;  // every line refunded with units came back (hosts with one flag)
  std::string note;      // "RC-2026-000001 (complaint): refund"
};

// Whether the item gives money back (core's money_back): the items a refund plan is made of.
bool refunds_money(const CaseItem &item);

// Error(not_allowed) unless the case is accepted or resolved: what a host payload renders.
void check_decided(const Case &subject);

// Lines whose accepted resolution moves money. The amount of an item refunded in full is its
// share of the host's line total (exact for the whole quantity, rounded half up for part of it);
// any other amount is the accepted amount rounded half up. Tax is split by the line's own
// tax/gross ratio when the host gave line totals, else by its tax rate.
// Error(not_allowed) when the case has no accepted decision or nothing to refund.
RefundPlan plan_refund(const Order &order, const Case &subject);

// "12.30" for the currency's minor units; a JSON number with the same digits for hosts that
// take numbers (the shortest double that reads back as that text).
std::string money_text(const Decimal &amount, int minor);
boost::json::value money_number(const Decimal &amount, int minor);

// A host id as the host's JSON writes it: a number when it is all digits and fits 64 bits
// (Shopify, Magento), else the text.
boost::json::value id_value(const std::string &id);

// A decimal string kept by an adapter in order.host, read back.
Decimal host_decimal(const boost::json::object &host, const char *key, Decimal fallback = {});
std::string host_text(const boost::json::object &host, const char *key);

}  // namespace reclaim::adapters
