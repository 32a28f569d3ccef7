// The engine's answers as the documents the C ABI hands out, for tests that assert on them.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "codec/policy_json.hpp"
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

}  // namespace reclaim
