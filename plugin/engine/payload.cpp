// Host payloads and correction data: a case's accepted resolution, written as the request its
// order's host expects, and as what a correction invoice of the refund needs.
#include <spdlog/logger.h>

#include <algorithm>

#include "adapters/correction.hpp"
#include "adapters/registry.hpp"
#include "core/error.hpp"
#include "engine/engine.hpp"
#include "storage/store.hpp"

namespace reclaim {

boost::json::object Engine::host_payload(const std::string &case_ref, const std::string &adapter) {
  boost::json::object result;
  store_->read([&](Tx &tx) {
    const Case subject = find_case(tx, case_ref);
    if (subject.order_id.empty()) {
      fail(Status::not_allowed,
           "case " + subject.number +
               " names no order; a host payload refunds lines of an imported order",
           "case_ref");
    }
    const auto order = tx.order(subject.shop, subject.order_id);
    if (!order) {
      fail(Status::not_found,
           "case " + subject.number + " names order '" + subject.order_id +
               "', which is not imported in shop " + subject.shop,
           "case_ref");
    }
    result = adapters::host_payload(adapter, *order, subject);
  });
  return result;
}

void Engine::add_correction(Tx &tx, const Case &subject, std::vector<Event> &events) const {
  const bool pays =
      std::any_of(subject.items.begin(), subject.items.end(), adapters::refunds_money);
  if (!pays || subject.order_id.empty()) return;
  const auto order = tx.order(subject.shop, subject.order_id);
  if (!order) return;
  boost::json::object correction;
  try {
    correction = adapters::correction_of(*order, subject, adapters::plan_refund(*order, subject));
  } catch (const Error &error) {
    // The case is fulfilled whatever its order says now (a line gone after a re-import): the
    // host then issues the correction from the case itself.
    log_->warn("case {}: no correction data: {}", subject.number, error.what());
    return;
  }
  for (auto &event : events) {
    if (event.type == "case.state_changed") event.data["correction"] = correction;
  }
}

}  // namespace reclaim
