// The engine's answers as the documents the C ABI hands out, for tests that assert on them.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "codec/policy_json.hpp"
#include "core/decimal.hpp"
#include "codec/views_json.hpp"
#include "engine/engine.hpp"

namespace reclaim {

// reclaim_policy_set as the ABI runs it: the document read on the shop's jurisdiction preset.
inline boost::json::object set_policy(Engine &engine, const std::string &shop,
                                      const boost::json::value &document) {
  const auto preset = codec::jurisdiction_from_text(engine.shop_config(shop).jurisdiction);
  return codec::policy_set_to_json(shop,
                                   engine.set_policy(shop, codec::policy_from_json(document, preset)));
}

// A complaint about one kettle (KET-1, a defect) in `shop`, taken by an agent without an order.
inline CaseRecord open_kettle_complaint(Engine &engine, const std::string &shop,
                                        const std::string &agent, const std::string &price,
                                        const std::string &customer_name = "") {
  OpenRequest request;
  request.shop = shop;
  request.kind = Kind::complaint;
  request.actor = {Role::agent, agent};
  request.customer = Customer{"jan@example.pl", customer_name, "", "", "", ""};
  OpenItem item;
  item.sku = "KET-1";
  item.name = "Kettle";
  item.qty = 1;
  item.unit_price = Money{*Decimal::parse(price), "PLN"};
  item.reason = "defect";
  item.field = "items[0]";
  request.items = {item};
  return engine.open_case(request, "");
}

}  // namespace reclaim
