// Host payloads: a case's accepted resolution, written as the request its order's host expects.
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

}  // namespace reclaim
