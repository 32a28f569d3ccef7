// The engine: one per reclaim_open. Runs requests against storage, in transactions, with its
// clock and log. Thread-safe; holds no global state.
#pragma once

#include <boost/json/object.hpp>
#include <map>
#include <memory>
#include <string>

#include "core/actions.hpp"
#include "core/attachment.hpp"
#include "core/clock.hpp"
#include "core/intake.hpp"
#include "core/queries.hpp"
#include "core/zone.hpp"
#include "engine/config.hpp"

namespace spdlog {
class logger;
}

namespace reclaim {

class Store;
class Tx;

class Engine {
 public:
  explicit Engine(const EngineConfig &config);
  ~Engine();
  Engine(const Engine &) = delete;
  Engine &operator=(const Engine &) = delete;

  boost::json::object info() const;
  UnixMs now() const { return clock_->now(); }
  // Throws Error(not_allowed) unless the engine runs on a manual clock.
  void set_clock(UnixMs at);

  boost::json::object import_order(const std::string &shop, const Order &order);
  boost::json::object order(const std::string &shop, const std::string &order_id);

  // `request_hash` identifies the request body for its idempotency key.
  boost::json::object open_case(const OpenRequest &request, const std::string &request_hash);
  boost::json::object get_case(const std::string &case_ref);
  boost::json::object list_cases(CaseQuery query);
  boost::json::object act(const std::string &case_ref, const ActionRequest &request,
                          const std::string &request_hash);
  boost::json::object read_events(const EventQuery &query);

  // The token of a case's status-page link: the case id signed with the engine's secret.
  std::string status_token(const std::string &case_id) const;

  // For the customer pages and API (customer.cpp).
  const ShopConfig &shop_config(const std::string &shop) const;
  // The case id a status token carries; nullopt when the token is forged or damaged.
  std::optional<std::string> case_of_token(const std::string &token) const;
  // HMAC-SHA-256 of `message` under the engine's secret, kept apart per `purpose` (base64url).
  std::string sign(std::string_view purpose, std::string_view message) const;
  // The status token of case `number` if its customer's e-mail is `email`; nullopt otherwise.
  std::optional<std::string> lookup_case(const std::string &shop, const std::string &number,
                                         const std::string &email);
  // The order with this number (or id) if its customer's e-mail is `email`; nullopt otherwise.
  std::optional<Order> customer_order(const std::string &shop, const std::string &number,
                                      const std::string &email);
  // Quantity of each line of an order that open cases already claim.
  ClaimedQty claimed_quantities(const std::string &shop, const std::string &order_id);
  // What changes a customer's view of a case: its version and its number of attachments
  // (nullopt when there is no such case). One small query, for caching the status page.
  std::optional<std::pair<std::int64_t, std::int64_t>> customer_view_stamp(const std::string &case_id);
  // What a customer sees of a case: customer-visible history only, no staff fields.
  boost::json::object customer_view(const std::string &case_id);
  // Checks a file by its content and size, then keeps it with the case. Throws Error.
  Attachment add_attachment(const std::string &case_id, const std::string &name,
                            const std::string &bytes);
  std::optional<Attachment> attachment(const std::string &case_id, const std::string &id);
  // Emits case.withdrawal (customer-visible) with the statement, for the host's acknowledgement.
  void record_withdrawal(const std::string &case_id, const boost::json::object &statement);
  // Open cases by state and undecided cases past their decision date, for /metrics.
  boost::json::object case_gauges();

 private:
  struct Shop {
    ShopConfig config;
    Zone zone;
  };
  const Shop &shop(const std::string &id) const;
  // By id ("c_…") or by number, in the shops' configuration order; Error(not_found) if none.
  Case find_case(Tx &tx, const std::string &case_ref) const;
  // A case's document (codec::case_to_json) completed with its history and status token.
  boost::json::object case_document(boost::json::object document,
                                    const std::vector<HistoryEntry> &history) const;

  std::vector<std::string> shop_order_;
  std::map<std::string, Shop> shops_;
  std::unique_ptr<Clock> clock_;
  ManualClock *manual_clock_ = nullptr;
  std::shared_ptr<spdlog::logger> log_;
  std::unique_ptr<Store> store_;
  std::string secret_;
};

}  // namespace reclaim
